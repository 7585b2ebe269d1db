import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenWindowsEvent } from '@sigmats/evaluator';
import { describe, expect, test } from 'vitest';
import { kqlTableColumns, securityEventRecords, eventTableRecords, vendorDir, windowsEventRecords } from '../src/records/index.js';
import type { KqlRecord } from '../src/types.js';
import { NEEDS_SIGMAHQ, NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_BOTH, HAVE_SIGMAHQ, HAVE_VENDOR, LOGON_4624, NEEDS_BOTH, SYSMON, TEAMVIEWER_NETWORK, regressionEvent, regressionEvents } from './records-fixtures.js';

const windows = { product: 'windows' } as const;

function only(records: readonly KqlRecord[]): KqlRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** Column names of an Azure Monitor include page, by a plain regex here. */
function includeColumns(table: string): string[] {
  const text = readFileSync(join(vendorDir(), 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes', `${table.toLowerCase()}-include.md`), 'utf8');
  return [...text.matchAll(/^\| (\w+) \| (\w+) \|/gm)].map((m) => m[1]!).filter((n) => n !== 'Column');
}

/** The Data name/value pairs the ASIM Sysmon parsers read from Event.EventData (their own regex, ASimProcessCreateMicrosoftSysmon.yaml). */
function asimParseKv(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<Data Name="(\w+)">{?([^<]*?)}?<\/Data>/g)].map((m) => [m[1]!, m[2]!]));
}

describe('SecurityEvent', () => {
  test.skipIf(!HAVE_BOTH)(`Sysmon 1 -> the 4688 row of the same process (NewProcessId hex, ProcessId = creator hex, names, label) ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['Image']).endsWith('SnippingTool.exe'));
    const { table, row } = only(securityEventRecords(event, windows));
    expect(table).toBe('SecurityEvent');
    expect(row).toMatchObject({
      EventID: 4688,
      Channel: 'Security',
      EventSourceName: 'Microsoft-Windows-Security-Auditing',
      Activity: '4688 - A new process has been created.',
      NewProcessName: event['Image'],
      NewProcessId: '0x1824',
      ProcessId: '0x191c',
      ParentProcessName: event['ParentImage'],
      CommandLine: event['CommandLine'],
      SubjectUserName: 'xodih',
      SubjectDomainName: 'swachchhanda',
      SubjectAccount: 'swachchhanda\\xodih',
      TargetUserName: '-',
      TargetLogonId: '0x0',
      // No Target Subject: the creator's logon is the new process's (event-4688.md), the LogonId Sysmon reports.
      SubjectLogonId: event['LogonId'],
      MandatoryLabel: 'S-1-16-8192',
      Process: 'SnippingTool.exe',
      Task: 13312,
    });
  });

  test.skipIf(!HAVE_BOTH)(`a process of another account names it as Target Subject with its logon; the creator logon is unknown ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['Image']).endsWith('SnippingTool.exe'));
    const { row } = only(securityEventRecords({ ...event, ParentUser: 'CORP\\svc' }, windows));
    expect(row).toMatchObject({ SubjectUserName: 'svc', TargetUserName: 'xodih', TargetLogonId: event['LogonId'], SubjectLogonId: '' });
  });

  test.skipIf(!HAVE_BOTH)(`a process started by SYSTEM has the machine account as 4688 Subject ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1);
    const { row } = only(securityEventRecords({ ...event, ParentUser: 'NT AUTHORITY\\SYSTEM', Computer: 'ws01.corp.local' }, windows));
    expect(row).toMatchObject({ SubjectUserName: 'WS01$', SubjectDomainName: 'CORP' });
  });

  test.skipIf(!HAVE_VENDOR)(`Security events map their Data to the columns of the same name, typed as documented (LogonType int) ${NEEDS_VENDOR}`, () => {
    const { row } = only(securityEventRecords(LOGON_4624, { product: 'windows', service: 'security' }));
    expect(row).toMatchObject({ EventID: 4624, TargetUserName: 'Alice', TargetDomainName: 'CORP', LogonType: 3, IpAddress: '10.0.0.5', KeyLength: 128, TargetAccount: 'CORP\\Alice', Account: 'CORP\\Alice' });
    // Data names the reference does not list (ImpersonationLevel) are only in the EventData XML.
    expect(row).not.toHaveProperty('ImpersonationLevel');
    expect(String(row['EventData'])).toContain('<Data Name="ImpersonationLevel">%%1833</Data>');
  });

  test.skipIf(!HAVE_BOTH)(`the real Security 4648 event keeps its Data values ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent('Security', 4648);
    const { row } = only(securityEventRecords(event, windows));
    for (const col of ['SubjectUserName', 'TargetUserName', 'TargetServerName', 'ProcessName', 'IpAddress']) if (col in event) expect(row[col]).toBe(String(event[col]));
  });

  test.skipIf(!HAVE_SIGMAHQ)(`non-Security events other than process creation -> [] ${NEEDS_SIGMAHQ}`, () => {
    expect(securityEventRecords(TEAMVIEWER_NETWORK, windows)).toEqual([]);
    expect(securityEventRecords(regressionEvent(SYSMON, 13).event, windows)).toEqual([]);
  });
});

describe('Event (legacy agent) and WindowsEvent (AMA)', () => {
  test.skipIf(!HAVE_BOTH)(`Event.EventData is the DataItem XML the ASIM parsers read: every Data value comes back through their regex ${NEEDS_BOTH}`, () => {
    for (const { event } of regressionEvents().filter((r) => r.event['Channel'] === SYSMON)) {
      const { table, row } = only(eventTableRecords(event, windows));
      expect(table).toBe('Event');
      expect(row).toMatchObject({ Source: 'Microsoft-Windows-Sysmon', EventLog: SYSMON, EventID: Number(event['EventID']), Computer: event['Computer'], Type: 'Event' });
      const xml = String(row['EventData']);
      expect(xml).toMatch(/^<DataItem Type="System\.XmlData" time="[^"]+" sourceHealthServiceId="[^"]+"><EventData xmlns="http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event"><Data Name=/);
      const kv = asimParseKv(xml);
      const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      for (const name of ['Image', 'CommandLine', 'TargetObject', 'TargetFilename', 'Details', 'User']) {
        if (!(name in event)) continue;
        const want = String(event[name]).replace(/^{/, '').replace(/}$/, '');
        expect(unescape(kv.get(name) ?? '<missing>')).toBe(want);
      }
    }
  });

  test.skipIf(!HAVE_BOTH)(`quotes in a command line are escaped in the stored XML (ASIM parsers read them escaped) ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['CommandLine']).includes('"'));
    const xml = String(only(eventTableRecords(event, windows)).row['EventData']);
    expect(xml).toContain('&quot;');
    expect(asimParseKv(xml).get('CommandLine')).toBe(String(event['CommandLine']).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });

  /**
   * System 104 as evtx_dump writes it (SigmaHQ/sigma regression_data, commit f833216056b1,
   * rules/windows/builtin/system/microsoft_windows_eventlog/win_system_susp_eventlog_cleared/100ef69e-….json), the
   * cleared log being Security: flattenWindowsEvent's flat Channel is the UserData one, the header's is System.
   */
  const cleared104 = flattenWindowsEvent({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Eventlog', Guid: 'FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148' } },
        EventID: 104, Level: 4, Task: 104, Channel: 'System', Computer: 'ws01.corp.local', EventRecordID: 63220,
        TimeCreated: { '#attributes': { SystemTime: '2020-09-15T19:28:31.453647Z' } },
      },
      UserData: { LogFileCleared: { SubjectUserName: 'a-jbrown', SubjectDomainName: '3B', Channel: 'Security', BackupPath: null } },
    },
  });
  const system = { product: 'windows', service: 'system' } as const;

  test.skipIf(!HAVE_VENDOR)(`System 104: the row is in the System log; the cleared log is the event data Channel ${NEEDS_VENDOR}`, () => {
    const ev = only(eventTableRecords(cleared104, system)).row;
    expect(ev).toMatchObject({ Source: 'Microsoft-Windows-Eventlog', EventLog: 'System', EventID: 104 });
    // Written with UserData, which the row's EventData keeps in the same envelope (assumption event-userdata-envelope).
    expect(String(ev['EventData'])).toMatch(/^<DataItem [^>]+><UserData><LogFileCleared><SubjectUserName>a-jbrown<\/SubjectUserName>.*<Channel>Security<\/Channel><\/LogFileCleared><\/UserData><\/DataItem>$/);
    const we = only(windowsEventRecords(cleared104, system)).row;
    expect(we).toMatchObject({ Channel: 'System', EventID: 104 });
    expect((we['EventData'] as Record<string, string>)['Channel']).toBe('Security');
  });

  test.skipIf(!HAVE_VENDOR)(`unnamed <Data> elements (a classic source): one element and one Param each in the Event row ${NEEDS_VENDOR}`, () => {
    const event = { EventID: 1, Level: 4, Channel: 'MSExchange Management', Computer: 'ex01', Provider_Name: 'MSExchange CmdletLogs', Data: ['Set-X', '-Url "a<b"'] };
    const row = only(eventTableRecords(event, { product: 'windows' })).row;
    expect(String(row['EventData'])).toContain('<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><Data>Set-X</Data><Data>-Url &quot;a&lt;b&quot;</Data></EventData>');
    // Quotes as they are: Microsoft's Exchange parser splits a parameter on '"' (SOURCES.md); < escaped as in any XML text.
    expect(row['ParameterXml']).toBe('<Param>Set-X</Param><Param>-Url "a&lt;b"</Param>');
  });

  test.skipIf(!HAVE_BOTH)(`WindowsEvent.EventData is a dynamic object of Data name -> string, GUIDs braced ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1);
    const { table, row } = only(windowsEventRecords(event, windows));
    expect(table).toBe('WindowsEvent');
    expect(row).toMatchObject({ Provider: 'Microsoft-Windows-Sysmon', Channel: SYSMON, EventID: 1, Computer: event['Computer'], SystemUserId: 'S-1-5-18', Type: 'WindowsEvent' });
    const data = row['EventData'] as Record<string, string>;
    expect(data['Image']).toBe(event['Image']);
    expect(data['ProcessId']).toBe(String(event['ProcessId']));
    expect(data['ProcessGuid']).toBe(`{${String(event['ProcessGuid'])}}`);
  });

  test.skipIf(!HAVE_BOTH).each(['Event', 'WindowsEvent', 'SecurityEvent'])(`%s rows have exactly the documented columns ${NEEDS_BOTH}`, (table) => {
    const build = table === 'Event' ? eventTableRecords : table === 'WindowsEvent' ? windowsEventRecords : securityEventRecords;
    const cols = Object.keys(kqlTableColumns(table)!).sort();
    expect(cols).toEqual([...new Set(includeColumns(table))].sort());
    const rows = [...regressionEvents().map((r) => r.event), LOGON_4624].flatMap((e) => build(e, windows));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Object.keys(r.row).sort()).toEqual(cols);
  });

  test.skipIf(!HAVE_VENDOR)(`documented types: ServiceStartType is int, EventData string (SecurityEvent), dynamic (WindowsEvent) ${NEEDS_VENDOR}`, () => {
    expect(kqlTableColumns('SecurityEvent')).toMatchObject({ ServiceStartType: 'int', EventData: 'string', NewProcessId: 'string' });
    expect(kqlTableColumns('SecurityEvent')).not.toHaveProperty('AccessList');
    expect(kqlTableColumns('WindowsEvent')).toMatchObject({ EventData: 'dynamic', EventID: 'int' });
    expect(kqlTableColumns('Event')).toMatchObject({ EventData: 'string', EventID: 'int' });
  });

  test.skipIf(!HAVE_VENDOR).each([
    [{ product: 'windows', category: 'ps_script' }, { ScriptBlockText: 'IEX (New-Object Net.WebClient)' }, 'Microsoft-Windows-PowerShell/Operational', 4104, 'Microsoft-Windows-PowerShell'],
    [{ product: 'windows', category: 'registry_event' }, { EventType: 'DeleteValue', TargetObject: 'HKLM\\x\\y' }, SYSMON, 12, 'Microsoft-Windows-Sysmon'],
    [{ product: 'windows', category: 'pipe_created' }, { EventType: 'ConnectPipe', PipeName: '\\x' }, SYSMON, 18, 'Microsoft-Windows-Sysmon'],
    [{ product: 'windows', service: 'security' }, { EventID: 4625, TargetUserName: 'bob' }, 'Security', 4625, 'Microsoft-Windows-Security-Auditing'],
  ])(`an event without Channel is placed by its logsource %j ${NEEDS_VENDOR}`, (source, event, channel, id, provider) => {
    const { row } = only(eventTableRecords(event, source));
    expect(row).toMatchObject({ EventLog: channel, EventID: id, Source: provider });
  });

  test('events that no logsource places give no Windows rows', () => {
    expect(eventTableRecords({ CommandLine: 'x' }, { product: 'linux', category: 'process_creation' })).toEqual([]);
    expect(windowsEventRecords({ CommandLine: 'x' }, { product: 'windows' })).toEqual([]);
  });
});
