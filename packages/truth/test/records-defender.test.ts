import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defenderRecords, kqlTableColumns, vendorDir } from '../src/records/index.js';
import type { KqlRecord, RawEvent } from '../src/types.js';
import { NEEDS_SIGMAHQ, NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_BOTH, HAVE_SIGMAHQ, HAVE_VENDOR, LOGON_4624, NEEDS_BOTH, SYSMON, TEAMVIEWER_NETWORK, regressionEvent, regressionEvents, typeFits } from './records-fixtures.js';

const windows = { product: 'windows' } as const;

function only(records: readonly KqlRecord[]): KqlRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** The column names of a Defender table page, read here with a plain regex (not the builder's table parser; one page writes a name as `` ` Name` ``). */
function pageColumns(table: string): string[] {
  const text = readFileSync(join(vendorDir(), 'microsoft/defender-docs/defender-xdr', `advanced-hunting-${table.toLowerCase()}-table.md`), 'utf8');
  return [...text.matchAll(/^\|\s*`\s*(\w+)\s*`\s*\|\s*`(\w+)`\s*\|/gm)].map((m) => m[1]!);
}


describe('defenderRecords on real Sysmon events', () => {
  test.skipIf(!HAVE_BOTH)(`Sysmon 1 -> one DeviceProcessEvents row (FolderPath = Image, FileName split, account split, acting process) ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['Image']).endsWith('SnippingTool.exe'));
    const { table, row } = only(defenderRecords(event, windows));
    expect(table).toBe('DeviceProcessEvents');
    expect(row).toMatchObject({
      ActionType: 'ProcessCreated',
      FolderPath: event['Image'],
      FileName: 'SnippingTool.exe',
      ProcessId: 6180,
      ProcessCommandLine: event['CommandLine'],
      ProcessIntegrityLevel: 'Medium',
      AccountDomain: 'swachchhanda',
      AccountName: 'xodih',
      LogonId: 0x33e8d150,
      MD5: 'FF9D1ED3795B9AD94F2390D5E5DA5905',
      SHA256: 'A80CB394D251F781DBD5FFB889D38FDD2095ADE63110578CA62F62CF795B7538',
      SHA1: '',
      InitiatingProcessFolderPath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      InitiatingProcessFileName: 'msedge.exe',
      InitiatingProcessId: 6428,
      InitiatingProcessCommandLine: event['ParentCommandLine'],
      InitiatingProcessAccountName: 'xodih',
      DeviceName: 'swachchhanda',
      AdditionalFields: '',
    });
    expect(row['Timestamp']).toEqual(new Date('2026-04-20T10:00:35.640Z'));
  });

  test.skipIf(!HAVE_BOTH).each([
    ['DWORD (0x00000001)', 'Dword', '1'],
    ['DWORD (0x00001189)', 'Dword', String(0x1189)],
  ])(`Sysmon 13 %s -> RegistryValueType %s, RegistryValueData %s, key under HKEY_LOCAL_MACHINE ${NEEDS_BOTH}`, (details, type, data) => {
    const { event } = regressionEvent(SYSMON, 13, (e) => e['Details'] === details && String(e['TargetObject']).startsWith('HKLM\\'));
    const { table, row } = only(defenderRecords(event, windows));
    expect(table).toBe('DeviceRegistryEvents');
    const target = String(event['TargetObject']);
    const cut = target.lastIndexOf('\\');
    expect(row).toMatchObject({
      ActionType: 'RegistryValueSet',
      RegistryValueType: type,
      RegistryValueData: data,
      RegistryKey: `HKEY_LOCAL_MACHINE${target.slice(4, cut)}`,
      RegistryValueName: target.slice(cut + 1),
      PreviousRegistryKey: '',
      InitiatingProcessFolderPath: event['Image'],
    });
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 13 string value keeps its text with type String ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 13, (e) => e['Details'] === 'cmd /c start powershell&REM');
    expect(only(defenderRecords(event, windows)).row).toMatchObject({ RegistryValueType: 'String', RegistryValueData: 'cmd /c start powershell&REM' });
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 12 deletions carry key and value in the Previous* columns ${NEEDS_BOTH}`, () => {
    for (const { event } of regressionEvents().filter((r) => r.event['Channel'] === SYSMON && r.event['EventID'] === 12)) {
      const { row } = only(defenderRecords(event, windows));
      const type = String(event['EventType']);
      if (type === 'DeleteValue') {
        expect(row['ActionType']).toBe('RegistryValueDeleted');
        expect(row['RegistryKey']).toBe('');
        expect(`${row['PreviousRegistryKey']}\\${row['PreviousRegistryValueName']}`).toBe(String(event['TargetObject']).replace(/^HKLM/, 'HKEY_LOCAL_MACHINE').replace(/^HKU/, 'HKEY_USERS'));
      } else if (type === 'DeleteKey') {
        expect(row['ActionType']).toBe('RegistryKeyDeleted');
        expect(row['PreviousRegistryKey']).not.toBe('');
      } else expect(row['ActionType']).toBe('RegistryKeyCreated');
    }
  });

  test.skipIf(!HAVE_VENDOR)(`Sysmon 3 of TeamViewer -> a DeviceNetworkEvents row, never a process row ${NEEDS_VENDOR}`, () => {
    const { table, row } = only(defenderRecords(TEAMVIEWER_NETWORK, windows));
    expect(table).toBe('DeviceNetworkEvents');
    expect(row).toMatchObject({
      ActionType: 'ConnectionSuccess',
      RemoteIP: '185.188.32.1',
      RemotePort: 443,
      RemoteUrl: 'router1.teamviewer.com',
      LocalIP: '10.0.0.5',
      LocalPort: 50123,
      Protocol: 'Tcp',
      InitiatingProcessFolderPath: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe',
      InitiatingProcessFileName: 'TeamViewer.exe',
      InitiatingProcessAccountDomain: 'CORP',
      InitiatingProcessAccountName: 'alice',
    });
    expect(row).not.toHaveProperty('FolderPath');
  });

  test.skipIf(!HAVE_VENDOR)(`inbound Sysmon 3 -> InboundConnectionAccepted with the remote side from Source* ${NEEDS_VENDOR}`, () => {
    const { row } = only(defenderRecords({ ...TEAMVIEWER_NETWORK, Initiated: false }, windows));
    // RemoteUrl is the remote host, the parser's SrcHostname on inbound rows (assumption defender-remoteurl-inbound).
    expect(row).toMatchObject({ ActionType: 'InboundConnectionAccepted', RemoteIP: '10.0.0.5', LocalIP: '185.188.32.1', RemoteUrl: 'ws01.corp.local' });
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 7 -> DeviceImageLoadEvents: the DLL in FolderPath/FileName, the loader as InitiatingProcess ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 7);
    const { table, row } = only(defenderRecords(event, windows));
    expect(table).toBe('DeviceImageLoadEvents');
    expect(row['ActionType']).toBe('ImageLoaded');
    expect(row['FolderPath']).toBe(event['ImageLoaded']);
    expect(row['FileName']).toBe(String(event['ImageLoaded']).split('\\').at(-1));
    expect(row['InitiatingProcessFolderPath']).toBe(event['Image']);
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 11 -> DeviceFileEvents FileCreated ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 11);
    const { table, row } = only(defenderRecords(event, windows));
    expect(table).toBe('DeviceFileEvents');
    expect(row).toMatchObject({ ActionType: 'FileCreated', FolderPath: event['TargetFilename'], InitiatingProcessFolderPath: event['Image'] });
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 17 -> DeviceEvents NamedPipeEvent with AdditionalFields as a JSON *string* ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 17);
    const { table, row } = only(defenderRecords(event, windows));
    expect(table).toBe('DeviceEvents');
    expect(row['ActionType']).toBe('NamedPipeEvent');
    expect(typeof row['AdditionalFields']).toBe('string');
    const extra = JSON.parse(String(row['AdditionalFields'])) as Record<string, unknown>;
    expect(extra['PipeName']).toBe(`\\Device\\NamedPipe${String(event['PipeName'])}`);
    expect(kqlTableColumns('DeviceEvents')!['AdditionalFields']).toBe('string');
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 10 -> DeviceEvents OpenProcessApiCall with the target process ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 10);
    const { row } = only(defenderRecords(event, windows));
    expect(row).toMatchObject({ ActionType: 'OpenProcessApiCall', FolderPath: event['TargetImage'], InitiatingProcessFolderPath: event['SourceImage'] });
  });

  test.skipIf(!HAVE_VENDOR)(`Security 4624 -> DeviceLogonEvents LogonSuccess ${NEEDS_VENDOR}`, () => {
    const { table, row } = only(defenderRecords(LOGON_4624, { product: 'windows', service: 'security' }));
    expect(table).toBe('DeviceLogonEvents');
    expect(row).toMatchObject({ ActionType: 'LogonSuccess', AccountName: 'Alice', AccountDomain: 'CORP', LogonType: 'Network', RemoteIP: '10.0.0.5', RemotePort: 50200, LogonId: 0x8dcdc });
  });

  test.skipIf(!HAVE_SIGMAHQ).each([
    [SYSMON, 16],
    ['Security', 4701],
    ['Microsoft-Windows-WMI-Activity/Operational', 5858],
    ['Microsoft-Windows-TaskScheduler/Operational', 142],
  ])(`%s %i is not recorded by Defender -> [] ${NEEDS_SIGMAHQ}`, (channel, id) => {
    expect(defenderRecords(regressionEvent(channel, id).event, windows)).toEqual([]);
  });

  test.skipIf(!HAVE_VENDOR)(`an event placed by its logsource (no Channel/EventID) is built like the Sysmon event it stands for ${NEEDS_VENDOR}`, () => {
    const witness: RawEvent = { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', ParentImage: 'C:\\x\\p.exe' };
    const { table, row } = only(defenderRecords(witness, { product: 'windows', category: 'process_creation' }));
    expect(table).toBe('DeviceProcessEvents');
    expect(row).toMatchObject({ FolderPath: 'C:\\Windows\\System32\\cmd.exe', FileName: 'cmd.exe', ProcessCommandLine: 'cmd /c whoami' });
    expect(defenderRecords(witness, { product: 'macos', category: 'process_termination' })).toEqual([]);
  });
});

describe.skipIf(!HAVE_VENDOR)(`what a Sigma event carries beyond Sysmon (assumption defender-acting-context) ${NEEDS_VENDOR}`, () => {
  test('process creation: GrandParentImage is the initiating process parent file name', () => {
    const { row } = only(defenderRecords({ Image: 'C:\\Windows\\System32\\cmd.exe', ParentImage: 'C:\\x\\conhost.exe', GrandParentImage: 'C:\\y\\TieringEngineService.exe' }, { product: 'windows', category: 'process_creation' }));
    expect(row).toMatchObject({ InitiatingProcessFileName: 'conhost.exe', InitiatingProcessParentFileName: 'TieringEngineService.exe' });
  });

  test.each([
    ['network_connection', 'DeviceNetworkEvents', { DestinationIp: '10.0.0.1' }, 'High'],
    ['file_event', 'DeviceFileEvents', { TargetFilename: 'C:\\x\\a.docm' }, 'High'],
    ['image_load', 'DeviceImageLoadEvents', { ImageLoaded: 'C:\\x\\a.dll' }, 'High'],
    // DeviceEvents documents no InitiatingProcessIntegrityLevel: the level is not written there.
    ['dns_query', 'DeviceEvents', { QueryName: 'example.com' }, ''],
  ])('%s: ParentImage -> InitiatingProcessParentFileName, IntegrityLevel -> InitiatingProcessIntegrityLevel where %s has it', (category, table, fields, level) => {
    const r = only(defenderRecords({ Image: 'C:\\x\\rundll32.exe', ParentImage: 'C:\\Windows\\System32\\cscript.exe', IntegrityLevel: 'High', ...fields }, { product: 'windows', category }));
    expect(r.table).toBe(table);
    expect(r.row['InitiatingProcessParentFileName']).toBe('cscript.exe');
    if (level) expect(r.row['InitiatingProcessIntegrityLevel']).toBe(level);
    else expect('InitiatingProcessIntegrityLevel' in r.row).toBe(false);
  });

  test('without them the columns keep their defaults (Sysmon events carry neither)', () => {
    const { row } = only(defenderRecords({ TargetFilename: 'C:\\x\\a.docm', Image: 'C:\\x\\w.exe' }, { product: 'windows', category: 'file_event' }));
    expect(row).toMatchObject({ InitiatingProcessParentFileName: '', InitiatingProcessIntegrityLevel: '' });
  });

  test('file_rename (no Windows log writes it) -> DeviceFileEvents FileRenamed, the old path split into PreviousFolderPath / PreviousFileName', () => {
    const { table, row } = only(defenderRecords({ SourceFilename: 'C:\\Users\\u\\report.doc', TargetFilename: 'C:\\Users\\u\\report.doc.locked', Image: 'C:\\x\\evil.exe' }, { product: 'windows', category: 'file_rename' }));
    expect(table).toBe('DeviceFileEvents');
    expect(row).toMatchObject({
      ActionType: 'FileRenamed', FolderPath: 'C:\\Users\\u\\report.doc.locked', FileName: 'report.doc.locked',
      PreviousFolderPath: 'C:\\Users\\u', PreviousFileName: 'report.doc', InitiatingProcessFileName: 'evil.exe',
    });
    const bare = only(defenderRecords({ SourceFilename: '.doc', TargetFilename: '.doc.' }, { product: 'windows', category: 'file_rename' }));
    expect(bare.row).toMatchObject({ PreviousFolderPath: '', PreviousFileName: '.doc' });
  });
});

describe.skipIf(!HAVE_BOTH)(`every Defender row has exactly the documented columns, typed as documented ${NEEDS_BOTH}`, () => {
  // Built while collecting, as the per-table tests are named from it; without the data there is nothing to build.
  const rows = HAVE_BOTH ? [...regressionEvents().map((r) => r.event), TEAMVIEWER_NETWORK].flatMap((e) => defenderRecords(e, windows)) : [];
  const tables = [...new Set(rows.map((r) => r.table))].sort();

  test('the regression data reaches the process, registry, file, image load and device event tables', () => {
    expect(tables).toEqual(['DeviceEvents', 'DeviceFileEvents', 'DeviceImageLoadEvents', 'DeviceNetworkEvents', 'DeviceProcessEvents', 'DeviceRegistryEvents']);
  });

  test.each(tables)('%s rows: column set = the page\'s column table; values fit the documented types', (table) => {
    const documented = pageColumns(table);
    const types = kqlTableColumns(table)!;
    expect(Object.keys(types).sort()).toEqual([...new Set(documented)].sort());
    for (const r of rows.filter((x) => x.table === table)) {
      expect(Object.keys(r.row).sort()).toEqual(Object.keys(types).sort());
      for (const [col, v] of Object.entries(r.row)) expect(typeFits(types[col]!, v), `${table}.${col} = ${String(v)}`).toBe(true);
    }
  });
});

describe('Linux (Sysmon for Linux shaped events)', () => {
  const linux = { product: 'linux', category: 'process_creation' } as const;
  const event: RawEvent = { Image: '/usr/bin/curl', CommandLine: 'curl -s http://x/y.sh', ParentImage: '/bin/bash', ParentCommandLine: 'bash', User: 'root', ProcessId: 4242, ParentProcessId: 4000, Computer: 'srv1' };

  test.skipIf(!HAVE_VENDOR)(`process_creation -> DeviceProcessEvents with the POSIX path split ${NEEDS_VENDOR}`, () => {
    const { table, row } = only(defenderRecords(event, linux));
    expect(table).toBe('DeviceProcessEvents');
    expect(row).toMatchObject({ FolderPath: '/usr/bin/curl', FileName: 'curl', ProcessCommandLine: 'curl -s http://x/y.sh', AccountName: 'root', AccountDomain: '', InitiatingProcessFolderPath: '/bin/bash', InitiatingProcessFileName: 'bash', ProcessId: 4242 });
  });

  test.skipIf(!HAVE_VENDOR)(`a Linux connection without Initiated is the outbound connection its process made (RemoteUrl set) ${NEEDS_VENDOR}`, () => {
    const { row } = only(defenderRecords({ DestinationHostname: 'tunnel.us.ngrok.com', Image: '/usr/bin/ngrok' }, { product: 'linux', category: 'network_connection' }));
    expect(row).toMatchObject({ ActionType: 'ConnectionSuccess', RemoteUrl: 'tunnel.us.ngrok.com' });
  });

  test('Linux categories Defender has no table for -> []', () => {
    expect(defenderRecords(event, { product: 'linux', category: 'process_termination' })).toEqual([]);
    expect(defenderRecords(event, { product: 'linux', service: 'auditd' })).toEqual([]);
  });
});

describe.skipIf(!HAVE_VENDOR)(`macOS (Defender for Endpoint on macOS) ${NEEDS_VENDOR}`, () => {
  const event: RawEvent = { Image: '/usr/bin/nscurl', CommandLine: 'nscurl --download http://x/y', ParentImage: '/bin/zsh', User: 'alice', ProcessId: 901 };

  test.each([
    ['process_creation', 'DeviceProcessEvents'],
    ['file_event', 'DeviceFileEvents'],
  ])('%s -> %s, like the Linux event of the same category', (category, table) => {
    const rows = defenderRecords({ ...event, TargetFilename: '/tmp/y' }, { product: 'macos', category });
    expect(rows.map((r) => r.table)).toEqual([table]);
  });

  test('the process row has the POSIX path split', () => {
    const { row } = only(defenderRecords(event, { product: 'macos', category: 'process_creation' }));
    expect(row).toMatchObject({ FolderPath: '/usr/bin/nscurl', FileName: 'nscurl', ProcessCommandLine: 'nscurl --download http://x/y', AccountName: 'alice' });
  });
});
