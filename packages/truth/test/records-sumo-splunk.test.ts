import { describe, expect, test } from 'vitest';
import { splunkEvents, sumoMessages } from '../src/records/index.js';
import type { RawEvent } from '../src/types.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, LOGON_4624, SYSMON, TEAMVIEWER_NETWORK, regressionEvent } from './records-fixtures.js';

const windows = { product: 'windows' } as const;

/**
 * MSExchange Management 1 as flattenWindowsEvent gives it: a classic event source's insertion strings are unnamed
 * `<Data>` elements, evtx_dump's `EventData: {Data: {"#text": [..]}}`, the flat list `Data`.
 */
const EXCHANGE: RawEvent = {
  EventID: 1, Level: 4, Channel: 'MSExchange Management', Computer: 'ex01.corp.local', Provider_Name: 'MSExchange CmdletLogs',
  Data: ['Set-OabVirtualDirectory', '-ExternalUrl "http://f/<script language=\"JScript\">" -Identity "OAB (Default Web Site)"'],
};
const EXCHANGE_SOURCE = { product: 'windows', service: 'msexchange-management' } as const;

/** System 104 as flattenWindowsEvent gives it: UserData LogFileCleared/Channel (the cleared log) over the header's. */
const CLEARED_104: RawEvent = {
  EventID: 104, Level: 4, Channel: 'Microsoft-Windows-PowerShell/Operational', Computer: 'ws01.corp.local', Provider_Name: 'Microsoft-Windows-Eventlog',
  SubjectUserName: 'alice', SubjectDomainName: 'CORP', BackupPath: '',
};
const SYSTEM_SOURCE = { product: 'windows', service: 'system' } as const;

describe('sumoMessages', () => {
  test.each(['json', 'text'] as const)('Linux auditd (%s format): the audit.log text line, read with keyvalue', (format) => {
    const [m] = sumoMessages({ type: 'EXECVE', a0: 'getcap', a1: '-r', a2: '/' }, { product: 'linux', service: 'auditd' }, format);
    expect(m!._raw).toMatch(/^type=EXECVE msg=audit\(\d+\.\d+:\d+\): a0=getcap a1=-r a2=\/$/);
  });

  test.skipIf(!HAVE_SIGMAHQ)(`JSON collection format: the layout of the sample log in Sumo's Windows JSON app docs ${NEEDS_SIGMAHQ}`, () => {
    const { event } = regressionEvent(SYSMON, 1);
    const [m] = sumoMessages(event, windows, 'json');
    const json = JSON.parse(m!._raw) as Record<string, any>;
    expect(Object.keys(json)).toEqual(['TimeCreated', 'EventID', 'Task', 'Correlation', 'Keywords', 'Channel', 'Opcode', 'Security', 'Provider', 'EventRecordID', 'Execution', 'Version', 'Computer', 'Level', 'EventData', 'Message']);
    expect(json['TimeCreated']).toBe(event['TimeCreated_SystemTime']);
    expect(json['EventID']).toBe('1');
    expect(json['Level']).toBe('Informational');
    expect(json['Opcode']).toBe('Info');
    expect(json['Provider']).toEqual({ Guid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}', Name: 'Microsoft-Windows-Sysmon' });
    expect(json['EventData']['Image']).toBe(event['Image']);
    expect(json['EventData']['CommandLine']).toBe(event['CommandLine']);
    expect(String(json['Message'])).toMatch(/^Process Create:\r\nRuleName: /);
    expect(m).toMatchObject({ _sourceCategory: 'OS/Windows', _sourceName: SYSMON, _sourceHost: event['Computer'] });
    const [audit] = sumoMessages(LOGON_4624, { product: 'windows', service: 'security' }, 'json');
    expect(JSON.parse(audit!._raw)).toMatchObject({ Keywords: 'Audit Success', Channel: 'Security', EventData: { TargetUserName: 'Alice' } });
  });

  test.skipIf(!HAVE_SIGMAHQ)(`UserData events keep their element: UserData.<Element>.<Name> ${NEEDS_SIGMAHQ}`, () => {
    const { event } = regressionEvent('Microsoft-Windows-WMI-Activity/Operational', 5858);
    const json = JSON.parse(sumoMessages(event, windows, 'json')[0]!._raw) as Record<string, any>;
    expect(json['EventData']).toEqual({});
    expect(Object.keys(json['UserData'])).toEqual(Object.keys((event['Event'] as any)['UserData']));
  });

  test('legacy format: the Win32_NTLogEvent object text Sumo\'s legacy apps parse', () => {
    const [m] = sumoMessages(LOGON_4624, { product: 'windows', service: 'security' }, 'text');
    const raw = m!._raw;
    expect(raw.startsWith('instance of Win32_NTLogEvent\r\n{')).toBe(true);
    // The parse expressions of Sumo's Active Directory (legacy) app, as regexes.
    expect(/EventCode = (.*?);/.exec(raw)?.[1]).toBe('4624');
    expect(/Computer = "(.*?)";/.exec(raw)?.[1]).toBe('dc01.corp.local');
    expect(/Logfile = "Security";/.test(raw)).toBe(true);
    expect(/Type = "Audit Success";/.test(raw)).toBe(true);
    expect(raw).toContain('TargetUserName: Alice');
    expect(raw).toContain('"CORP"');
  });

  test('unnamed <Data> elements (MSExchange Management 1): the list EventData.Data, each string encoded once', () => {
    const json = JSON.parse(sumoMessages(EXCHANGE, EXCHANGE_SOURCE, 'json')[0]!._raw) as Record<string, any>;
    expect(json['EventData']).toEqual({ Data: EXCHANGE['Data'] });
    const raw = sumoMessages(EXCHANGE, EXCHANGE_SOURCE, 'json')[0]!._raw;
    // The JSON text of the value, once: `\"JScript\"` in the message for `"JScript"` in the event.
    expect(raw).toContain(JSON.stringify((EXCHANGE['Data'] as string[])[1]).slice(1, -1));
    const legacy = sumoMessages(EXCHANGE, EXCHANGE_SOURCE, 'text')[0]!._raw;
    expect(legacy).toContain('InsertionStrings = {"Set-OabVirtualDirectory", "-ExternalUrl \\"http://f/<script');
  });

  test('System 104: header channel System, the cleared log in UserData.LogFileCleared.Channel', () => {
    const [m] = sumoMessages(CLEARED_104, SYSTEM_SOURCE, 'json');
    const json = JSON.parse(m!._raw) as Record<string, any>;
    expect(json['Channel']).toBe('System');
    expect(m!._sourceName).toBe('System');
    expect(json['UserData']).toEqual({ LogFileCleared: { SubjectUserName: 'alice', SubjectDomainName: 'CORP', BackupPath: '', Channel: 'Microsoft-Windows-PowerShell/Operational' } });
    // Without a cleared-log name the element has none (the header stays System).
    const bare = JSON.parse(sumoMessages({ ...CLEARED_104, Channel: undefined }, SYSTEM_SOURCE, 'json')[0]!._raw) as Record<string, any>;
    expect(bare['Channel']).toBe('System');
    expect(bare['UserData']['LogFileCleared']).not.toHaveProperty('Channel');
  });

  test.skipIf(!HAVE_SIGMAHQ)(`legacy format escapes backslashes and quotes inside values ${NEEDS_SIGMAHQ}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['CommandLine']).includes('"'));
    const raw = sumoMessages(event, windows, 'text')[0]!._raw;
    expect(raw).toContain(`CommandLine: ${String(event['CommandLine']).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}`);
  });

  test('_sourceCategory is configuration (a value or a function of the logsource)', () => {
    expect(sumoMessages(TEAMVIEWER_NETWORK, windows, 'json', { sourceCategory: 'prod/win/sysmon' })[0]!._sourceCategory).toBe('prod/win/sysmon');
    const byLogsource = sumoMessages(TEAMVIEWER_NETWORK, { product: 'windows', category: 'network_connection' }, 'json', { sourceCategory: (s) => `win/${s.category}` });
    expect(byLogsource[0]!._sourceCategory).toBe('win/network_connection');
  });

  test('non-Windows events: JSON as is, text as key=value; auditd always as its audit.log line', () => {
    const okta: RawEvent = { eventType: 'user.session.start', displayMessage: 'User login to Okta' };
    const oktaSrc = { product: 'okta', service: 'okta' };
    expect(JSON.parse(sumoMessages(okta, oktaSrc, 'json')[0]!._raw)).toEqual(okta);
    expect(sumoMessages(okta, oktaSrc, 'text')[0]!._raw).toBe('eventType=user.session.start displayMessage="User login to Okta"');
    const auditd: RawEvent = { type: 'EXECVE', a0: 'bash', a1: '-c', a2: 'echo hi there' };
    const src = { product: 'linux', service: 'auditd' };
    expect(sumoMessages(auditd, src, 'text')[0]!._raw).toMatch(/^type=EXECVE msg=audit\([\d.]+:\d+\): a0=bash a1=-c a2="echo hi there"$/);
    expect(sumoMessages(auditd, src, 'json')[0]!._raw).toBe(sumoMessages(auditd, src, 'text')[0]!._raw);
    expect(sumoMessages(auditd, src, 'text')[0]!._sourceCategory).toBe('OS/Linux');
  });
});

describe('splunkEvents', () => {
  test.skipIf(!HAVE_SIGMAHQ)(`sysmon-addon: XmlWinEventLog, EventCode (no EventID), Data fields by name, host from Computer ${NEEDS_SIGMAHQ}`, () => {
    const { event } = regressionEvent(SYSMON, 1);
    const [e] = splunkEvents(event, windows, 'sysmon-addon');
    expect(e).toMatchObject({ sourcetype: 'XmlWinEventLog', source: `XmlWinEventLog:${SYSMON}`, host: event['Computer'], index: 'main' });
    expect(e!.fields['EventCode']).toBe('1');
    expect(e!.fields).not.toHaveProperty('EventID');
    expect(e!.fields['Image']).toBe(event['Image']);
    expect(e!.fields['CommandLine']).toBe(event['CommandLine']);
    expect(e!._raw).toContain('<EventID>1</EventID>');
    expect(e!._raw).toContain(`<Data Name='Image'>${String(event['Image'])}</Data>`);
  });

  test('sysmon-addon has nothing for other channels; windows-addon has Security events', () => {
    const security = { product: 'windows', service: 'security' };
    expect(splunkEvents(LOGON_4624, security, 'sysmon-addon')).toEqual([]);
    const [e] = splunkEvents(LOGON_4624, security, 'windows-addon', { index: 'wineventlog' });
    expect(e).toMatchObject({ source: 'XmlWinEventLog:Security', sourcetype: 'XmlWinEventLog', index: 'wineventlog' });
    expect(e!.fields).toMatchObject({ EventCode: '4624', TargetUserName: 'Alice', LogonType: '3' });
  });

  test.skipIf(!HAVE_SIGMAHQ)(`windows-addon: a Sysmon 1 event comes with the Security 4688 Windows logs for the same process ${NEEDS_SIGMAHQ}`, () => {
    const { event } = regressionEvent(SYSMON, 1);
    const events = splunkEvents(event, windows, 'windows-addon');
    expect(events.map((e) => e.source)).toEqual([`XmlWinEventLog:${SYSMON}`, 'XmlWinEventLog:Security']);
    expect(events[1]!.fields).toMatchObject({ EventCode: '4688', NewProcessName: event['Image'], CommandLine: event['CommandLine'], ParentProcessName: event['ParentImage'] });
    expect(splunkEvents(event, windows, 'sysmon-addon')).toHaveLength(1);
  });

  test('windows-addon: the add-on transforms: Provider Name with its quotes, EventID and EventCode, Data by name', () => {
    const security = { product: 'windows', service: 'security' };
    const [e] = splunkEvents(LOGON_4624, security, 'windows-addon');
    expect(e!.fields).toMatchObject({ Name: "'Microsoft-Windows-Security-Auditing'", EventID: '4624', EventCode: '4624', Channel: 'Security', TargetUserName: 'Alice' });
    expect(String(e!.fields['SystemTime'])).toMatch(/^'.+'$/);
    expect(e!.fields['Provider_Name']).toBeUndefined();
  });

  test('Linux log files are indexed as their text line (keywords searchable as written), key=value pairs as fields', () => {
    const [e] = splunkEvents({ message: 'echo "" >sh_history' }, { product: 'linux', service: 'syslog' }, 'raw-json');
    expect(e!._raw).toBe('echo "" >sh_history');
    const [a] = splunkEvents({ type: 'EXECVE', a0: 'getcap', a1: 'x y' }, { product: 'linux', service: 'auditd' }, 'raw-json');
    expect(a!._raw).toMatch(/^type=EXECVE msg=audit\(/);
    expect(a!.fields).toMatchObject({ type: 'EXECVE', a0: 'getcap', a1: 'x y' });
    const [s] = sumoMessages({ message: 'echo "" >sh_history' }, { product: 'linux', service: 'syslog' }, 'json');
    expect(s!._raw).toBe('echo "" >sh_history');
    // `product: linux` alone is Sigma's "any logs": a file line too; categories stay Sysmon-for-Linux records.
    expect(splunkEvents({ message: 'x y' }, { product: 'linux' }, 'raw-json')[0]!._raw).toBe('x y');
    expect(splunkEvents({ Image: '/usr/bin/curl' }, { product: 'linux', category: 'process_creation' }, 'raw-json')[0]!.sourcetype).toBe('_json');
  });

  test.each(['sysmon-addon', 'windows-addon'] as const)('unnamed <Data> elements (MSExchange Management 1) in the XML: one element each (%s)', (profile) => {
    const events = splunkEvents(EXCHANGE, EXCHANGE_SOURCE, profile);
    if (profile === 'sysmon-addon') return expect(events).toEqual([]);
    const [e] = events;
    expect(e!._raw).toContain('<EventData><Data>Set-OabVirtualDirectory</Data><Data>-ExternalUrl &quot;http://f/&lt;script language=&quot;JScript&quot;&gt;&quot; -Identity &quot;OAB (Default Web Site)&quot;</Data></EventData>');
    // The add-on extracts Data by name only: unnamed elements give no field.
    expect(e!.fields['Data']).toBeUndefined();
  });

  test.each(['sysmon-addon', 'windows-addon'] as const)('System 104 (%s): source System, the cleared log in its UserData element, no field from it', (profile) => {
    const events = splunkEvents(CLEARED_104, SYSTEM_SOURCE, profile);
    if (profile === 'sysmon-addon') return expect(events).toEqual([]);
    const [e] = events;
    expect(e!.source).toBe('XmlWinEventLog:System');
    expect(e!._raw).toContain('<Channel>System</Channel>');
    expect(e!._raw).toContain('<UserData><LogFileCleared><SubjectUserName>alice</SubjectUserName><SubjectDomainName>CORP</SubjectDomainName><BackupPath></BackupPath><Channel>Microsoft-Windows-PowerShell/Operational</Channel></LogFileCleared></UserData>');
    expect(e!._raw).not.toContain('<EventData>');
    // The add-on extracts the header's Channel only (UserData is no EventData_Xml).
    expect(e!.fields['Channel']).toBe('System');
    expect(e!.fields['SubjectUserName']).toBeUndefined();
  });

  test('raw-json: the flat event with JSON auto-extracted fields', () => {
    const [e] = splunkEvents(TEAMVIEWER_NETWORK, windows, 'raw-json');
    expect(e!.sourcetype).toBe('_json');
    expect(e!.fields).toMatchObject({ EventID: '3', Image: TEAMVIEWER_NETWORK['Image'], DestinationPort: '443' });
  });
});
