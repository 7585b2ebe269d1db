import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { flattenWindowsEvent } from '@sigmats/evaluator';
import { describe, expect, test } from 'vitest';
import { platforms, type Platform } from '../src/differential/platforms.js';
import { evaluatorTest, platformTest, type Collection } from './verdicts.js';
import { sumoMessages, splunkEvents } from '../src/records/index.js';
import type { CseRecord, EventSource, KqlRecord, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR } from './records-fixtures.js';

/**
 * AppLocker's file events (8002-8007) keep their data in UserData RuleAndFileData, not EventData (Microsoft's Azure
 * Monitor query guide reads 8002 as `Details.UserData.RuleAndFileData.FilePath`). The vendor records are built that
 * way (records/windows.ts places an AppLocker file event and names its element; records/splunk.ts renders the
 * element's children), and the outputs of a rule reading those fields are held to the evaluator on them: the log
 * search and Cloud SIEM read `UserData.RuleAndFileData.*`, Splunk's add-on has no such search-time field, so the
 * splunk-windows output refuses the rule.
 */
const RULE = `title: AppLocker blocked an executable from Temp
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d5e
status: test
logsource:
    product: windows
    service: applocker
detection:
    selection:
        EventID: 8004
        FilePath|contains: '\\TEMP\\'
        PolicyName: EXE
    condition: selection
level: medium
`;
const collection = loadCollection([{ text: RULE, file: 'applocker.yml' }]);
const source: EventSource = { product: 'windows', service: 'applocker' };

/** An 8004 as evtx_dump writes it (the element's children as Windows renders them), flattened as the evaluator reads it. */
function blocked(filePath: string, id = 8004, channel = 'Microsoft-Windows-AppLocker/EXE and DLL'): RawEvent {
  return flattenWindowsEvent({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-AppLocker', Guid: '{cbda4dbf-8d5d-4f69-9578-be14aa540d22}' } },
        EventID: id, Version: 0, Level: 2, Task: 0, Opcode: 0, Keywords: '0x8000000000000000',
        TimeCreated: { '#attributes': { SystemTime: '2026-12-06T10:00:00.000000Z' } }, EventRecordID: 512,
        Execution: { '#attributes': { ProcessID: 732, ThreadID: 4104 } }, Channel: channel, Computer: 'ws01.corp.local',
        Security: { '#attributes': { UserID: 'S-1-5-21-1-2-3-1001' } },
      },
      UserData: {
        RuleAndFileData: {
          PolicyNameLength: 3, PolicyName: 'EXE', RuleId: '{00000000-0000-0000-0000-000000000000}', RuleNameLength: 1, RuleName: '-',
          RuleSddlLength: 1, RuleSddl: '-', TargetUser: 'S-1-5-21-1-2-3-1001', TargetProcessId: 5312, FilePathLength: filePath.length,
          FilePath: filePath, FileHashLength: 0, FileHash: '', FqbnLength: 1, Fqbn: '-',
        },
      },
    },
  }) as RawEvent;
}

const byId = new Map(platforms().map((p) => [p.id, p]));

/** The first error of a platform that refuses `coll` (it gives no query). */
function refusal(platform: Platform, coll: Collection): string | undefined {
  const result = platform.backend.convert({ ...coll, correlations: [] }, platform.convertOptions);
  expect(result.rules.flatMap((r) => r.queries), platform.id).toEqual([]);
  return result.diagnostics.find((d) => d.severity === 'error')?.message;
}

/** Sumo's two outputs agree with the evaluator on `event` for `coll`. */
function sumoAgrees(coll: Collection, src: EventSource, event: RawEvent, expected: boolean): void {
  expect(evaluatorTest(coll)(event)).toBe(expected);
  expect(platformTest(byId.get('sumo/json')!, coll, src)(event)).toBe(expected);
  expect(platformTest(byId.get('sumo-cse')!, coll, src)(event)).toBe(expected);
}

const EVENTS: readonly (readonly [string, RawEvent, boolean])[] = [
  ['an 8004 of a file under Temp', blocked('%OSDRIVE%\\USERS\\ALICE\\APPDATA\\LOCAL\\TEMP\\X.EXE'), true],
  ['an 8004 of a file elsewhere', blocked('%PROGRAMFILES%\\TOOL\\TOOL.EXE'), false],
  ['an 8003 (audit only) of a file under Temp', blocked('%OSDRIVE%\\TEMP\\X.EXE', 8003), false],
  // A witness as the differential derives it from a rule: flat, no Channel, no Event object.
  ['a flat witness (placed by its event id)', { EventID: 8004, FilePath: 'C:\\TEMP\\a.exe', PolicyName: 'EXE' }, true],
];

describe('AppLocker file events: vendor records and verdicts', () => {
  test('Sumo: the Windows JSON message and the Cloud SIEM record keep the data under UserData.RuleAndFileData', () => {
    const [m] = sumoMessages(EVENTS[0]![1], source, 'json');
    const json = JSON.parse(m!._raw) as Record<string, any>;
    expect(json['Channel']).toBe('Microsoft-Windows-AppLocker/EXE and DLL');
    expect(json['EventData']).toEqual({});
    expect(json['UserData']['RuleAndFileData']['FilePath']).toBe('%OSDRIVE%\\USERS\\ALICE\\APPDATA\\LOCAL\\TEMP\\X.EXE');
    const witness = JSON.parse(sumoMessages(EVENTS[3]![1], source, 'json')[0]!._raw) as Record<string, any>;
    expect(witness['Channel']).toBe('Microsoft-Windows-AppLocker/EXE and DLL');
    expect(witness['UserData']).toEqual({ RuleAndFileData: { FilePath: 'C:\\TEMP\\a.exe', PolicyName: 'EXE' } });
  });

  test('Splunk: the element in the event XML, no search-time field from it', () => {
    const [e] = splunkEvents(EVENTS[0]![1], source, 'windows-addon');
    expect(e!.source).toBe('XmlWinEventLog:Microsoft-Windows-AppLocker/EXE and DLL');
    expect(e!._raw).toContain('<UserData><RuleAndFileData><PolicyNameLength>3</PolicyNameLength><PolicyName>EXE</PolicyName>');
    expect(e!._raw).not.toContain('<EventData>');
    expect(e!.fields['EventCode']).toBe('8004');
    expect(e!.fields['FilePath']).toBeUndefined();
    expect(e!.fields['PolicyName']).toBeUndefined();
  });

  test.skipIf(!HAVE_VENDOR).each(EVENTS)(`%s: log search and Cloud SIEM agree with the evaluator ${NEEDS_VENDOR}`, (_name, event, expected) => {
    sumoAgrees(collection, source, event, expected);
    expect((byId.get('sumo-cse')!.records(event, source)[0] as CseRecord).fields).toMatchObject({ 'UserData.RuleAndFileData.PolicyName': 'EXE' });
  });

  test('splunk-windows refuses the rule, at its fields', () => {
    expect(refusal(byId.get('splunk/splunk-windows')!, collection)).toContain('UserData (RuleAndFileData)');
  });

  // Sentinel's Windows Security Events connector sends AppLocker's events to SecurityEvent ("All Windows security and
  // AppLocker events", windows-security-event-id-reference.md), where Microsoft's query guide reads 8002's FilePath as
  // parse_xml(EventData).UserData.RuleAndFileData.FilePath (query-optimization.md).
  test.skipIf(!HAVE_VENDOR)(`sentinel_windows: an AppLocker event is a SecurityEvent row of its log, the element its EventData ${NEEDS_VENDOR}`, () => {
    const sentinel = byId.get('sentinel_windows')!;
    const [recorded] = sentinel.records(EVENTS[0]![1], source) as KqlRecord[];
    expect(recorded!.table).toBe('SecurityEvent');
    expect(recorded!.row).toMatchObject({
      Channel: 'Microsoft-Windows-AppLocker/EXE and DLL',
      EventSourceName: 'Microsoft-Windows-AppLocker',
      EventID: 8004,
      // The element's children fill no column of the same name (assumption securityevent-userdata-columns).
      FilePath: '',
      Fqbn: '',
    });
    expect(String(recorded!.row['EventData'])).toMatch(/^<UserData><RuleAndFileData><PolicyNameLength>3<\/PolicyNameLength><PolicyName>EXE<\/PolicyName>.*<FilePath>%OSDRIVE%\\USERS\\ALICE\\APPDATA\\LOCAL\\TEMP\\X.EXE<\/FilePath>/);
    // A witness the differential derives (no Channel, no provider) is placed in its id's log, written by AppLocker.
    const [witness] = sentinel.records(EVENTS[3]![1], source) as KqlRecord[];
    expect(witness!.table).toBe('SecurityEvent');
    expect(witness!.row).toMatchObject({ Channel: 'Microsoft-Windows-AppLocker/EXE and DLL', EventSourceName: 'Microsoft-Windows-AppLocker' });
    expect(witness!.row['EventData']).toBe('<UserData><RuleAndFileData><FilePath>C:\\TEMP\\a.exe</FilePath><PolicyName>EXE</PolicyName></RuleAndFileData></UserData>');
    // The Security log stays SecurityEvent's, another channel the Event table's.
    expect((sentinel.records({ Channel: 'Security', EventID: 4698, TaskContent: 'x' }, { product: 'windows', service: 'security' }) as KqlRecord[])[0]!.table).toBe('SecurityEvent');
    expect((sentinel.records({ Channel: 'System', EventID: 7045, ImagePath: 'x' }, { product: 'windows', service: 'system' }) as KqlRecord[])[0]!.table).toBe('Event');
  });

  test.skipIf(!HAVE_VENDOR).each(EVENTS)(`%s: sentinel_windows (SecurityEvent) agrees with the evaluator ${NEEDS_VENDOR}`, (_name, event, expected) => {
    expect(evaluatorTest(collection)(event)).toBe(expected);
    expect(platformTest(byId.get('sentinel_windows')!, collection, source)(event)).toBe(expected);
  });
});

/**
 * System 104 ("The <log> log file was cleared", provider Microsoft-Windows-Eventlog) keeps its data in the UserData
 * element LogFileCleared (SubjectUserName, SubjectDomainName, Channel, BackupPath): a rule reading SubjectUserName
 * there is held to the evaluator on the log search's and Cloud SIEM's records, as the AppLocker rule above.
 */
const CLEARED_RULE = `title: Security log cleared by a given user
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d5f
status: test
logsource:
    product: windows
    service: system
detection:
    selection:
        EventID: 104
        Provider_Name: Microsoft-Windows-Eventlog
        Channel: Security
        SubjectUserName: mallory
    condition: selection
level: medium
`;
const cleared = loadCollection([{ text: CLEARED_RULE, file: 'cleared.yml' }]);
const system: EventSource = { product: 'windows', service: 'system' };

function clearedEvent(user: string, log = 'Security'): RawEvent {
  return flattenWindowsEvent({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Eventlog', Guid: '{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}' } },
        EventID: 104, Version: 0, Level: 4, Task: 104, Opcode: 0, Keywords: '0x8000000000000000',
        TimeCreated: { '#attributes': { SystemTime: '2026-12-06T10:00:00.000000Z' } }, EventRecordID: 900,
        Channel: 'System', Computer: 'ws01.corp.local', Security: { '#attributes': { UserID: 'S-1-5-21-1-2-3-1001' } },
      },
      UserData: { LogFileCleared: { SubjectUserName: user, SubjectDomainName: 'CORP', Channel: log, BackupPath: '' } },
    },
  }) as RawEvent;
}

describe("System 104: LogFileCleared's data", () => {
  test.skipIf(!HAVE_VENDOR).each([
    ['mallory cleared the Security log', clearedEvent('mallory'), true],
    ['alice cleared the Security log', clearedEvent('alice'), false],
    ['mallory cleared another log', clearedEvent('mallory', 'Application'), false],
  ] as const)(`%s: log search and Cloud SIEM agree with the evaluator ${NEEDS_VENDOR}`, (_name, event, expected) => {
    sumoAgrees(cleared, system, event, expected);
  });
});

/**
 * WMI-Activity (5857-5861, an element per event) and TerminalServices-LocalSessionManager (EventXML) keep their data
 * in UserData too: records/windows.ts places a flat witness's data there by channel and event id, and a recorded
 * event (SigmaHQ's regression data keeps it under `Event`) by its own element. Rules in the shape of SigmaHQ's
 * win_wmi_activity_nteventlogfile_cleareventlog and win_terminalservices_rdp_ngrok are held to the evaluator.
 */
const WMI_RULE = `title: Failed event log clear via WMI
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d60
status: test
logsource:
    product: windows
    service: wmi
detection:
    selection:
        EventID: 5858
        Operation|contains|all:
            - 'Win32_NTEventlogFile'
            - 'cleareventlog'
    condition: selection
level: medium
`;
const RDP_RULE = `title: RDP session from an ngrok address
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d61
status: test
logsource:
    product: windows
    service: terminalservices-localsessionmanager
detection:
    selection:
        EventID: 21
        Address|contains: '16777216'
    condition: selection
level: medium
`;

/** An event as evtx_dump writes one of these channels' (`UserData.<element>`), flattened as the evaluator reads it. */
function userDataEvent(provider: string, channel: string, id: number, element: string, data: Record<string, unknown>): RawEvent {
  return flattenWindowsEvent({
    Event: {
      System: {
        Provider: { '#attributes': { Name: provider } },
        EventID: id, Version: 0, Level: 4, Task: 0, Opcode: 0, Keywords: '0x4000000000000000',
        TimeCreated: { '#attributes': { SystemTime: '2026-12-06T10:00:00.000000Z' } }, EventRecordID: 77,
        Channel: channel, Computer: 'ws01.corp.local', Security: { '#attributes': { UserID: 'S-1-5-18' } },
      },
      UserData: { [element]: { '#attributes': { xmlns: 'Event_NS' }, ...data } },
    },
  }) as RawEvent;
}

const WMI_CHANNEL = 'Microsoft-Windows-WMI-Activity/Operational';
const LSM_CHANNEL = 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational';
const clientFailure = (operation: string): RawEvent =>
  userDataEvent('Microsoft-Windows-WMI-Activity', WMI_CHANNEL, 5858, 'Operation_ClientFailure', {
    Id: '{00000000-0000-0000-0000-000000000000}', ClientMachine: 'WS01', User: 'CORP\\alice', ClientProcessId: 4242, Component: 'Unknown',
    Operation: operation, ResultCode: '0x80041003', PossibleCause: 'Unknown',
  });
const logon = (address: string): RawEvent =>
  userDataEvent('Microsoft-Windows-TerminalServices-LocalSessionManager', LSM_CHANNEL, 21, 'EventXML', { User: 'CORP\\alice', SessionID: 3, Address: address });

type UserDataCase = readonly [name: string, rule: string, source: EventSource, element: string, events: readonly (readonly [string, RawEvent, boolean])[]];
const USER_DATA_CASES: readonly UserDataCase[] = [
  [
    'WMI-Activity 5858',
    WMI_RULE,
    { product: 'windows', service: 'wmi' },
    'Operation_ClientFailure',
    [
      ['a failed ClearEventLog call', clientFailure('Start IWbemServices::ExecMethod - ROOT\\CIMV2 : Win32_NTEventlogFile.Name="C:\\x.evtx"::cleareventlog'), true],
      ['another failed call', clientFailure('Start IWbemServices::ExecQuery - root\\cimv2 : SELECT * FROM Win32_OperatingSystem'), false],
      ['a flat witness (placed by channel and event id)', { Channel: WMI_CHANNEL, EventID: 5858, Operation: 'Win32_NTEventlogFile::cleareventlog' }, true],
    ],
  ],
  [
    'LocalSessionManager 21',
    RDP_RULE,
    { product: 'windows', service: 'terminalservices-localsessionmanager' },
    'EventXML',
    [
      ['a logon from 16777216', logon('16777216'), true],
      ['a logon from a LAN address', logon('10.0.0.7'), false],
      ['a flat witness (placed by channel and event id)', { Channel: LSM_CHANNEL, EventID: 21, Address: '16777216' }, true],
    ],
  ],
];

describe.each(USER_DATA_CASES)('%s: UserData records and verdicts', (_name, text, src, element, events) => {
  const coll = loadCollection([{ text, file: 'userdata.yml' }]);

  test('the Sumo message keeps the data under UserData.<element>; Splunk extracts no field from it', () => {
    for (const [, event] of events) {
      const json = JSON.parse(sumoMessages(event, src, 'json')[0]!._raw) as Record<string, any>;
      expect(Object.keys(json['UserData'])).toEqual([element]);
      expect(json['EventData']).toEqual({});
      const [e] = splunkEvents(event, src, 'windows-addon');
      expect(e!._raw).toContain(`<UserData><${element}>`);
      expect(e!.fields['Operation'] ?? e!.fields['Address']).toBeUndefined();
    }
  });

  test.skipIf(!HAVE_VENDOR).each(events)(`%s: log search and Cloud SIEM agree with the evaluator ${NEEDS_VENDOR}`, (_n, event, expected) => {
    sumoAgrees(coll, src, event, expected);
  });

  test('splunk-windows refuses the rule at its UserData field', () => {
    expect(refusal(byId.get('splunk/splunk-windows')!, coll)).toContain('UserData (');
  });
});

/**
 * Security 1102 ("The audit log was cleared") keeps SubjectUserSid, SubjectUserName, SubjectDomainName and
 * SubjectLogonId in UserData LogFileCleared. Sumo's outputs read them there when the rule tests 1102; the Splunk
 * Add-on for Windows extracts the one child SubjectUserName as Caller_User_Name (SubjectUserName_from_user_data), so
 * no `SubjectUserName` field exists and both Splunk Windows pipelines refuse the rule.
 */
const AUDIT_CLEARED_RULE = `title: Audit log cleared by a given user
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d62
status: test
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 1102
        SubjectUserName: mallory
    condition: selection
level: medium
`;

describe('Security 1102: LogFileCleared', () => {
  const coll = loadCollection([{ text: AUDIT_CLEARED_RULE, file: 'audit-cleared.yml' }]);
  const security: EventSource = { product: 'windows', service: 'security' };
  const event = (user: string): RawEvent =>
    userDataEvent('Microsoft-Windows-Eventlog', 'Security', 1102, 'LogFileCleared', {
      SubjectUserSid: 'S-1-5-21-1-2-3-1001', SubjectUserName: user, SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7',
    });

  test("the add-on's fields: Caller_User_Name from UserData, no SubjectUserName", () => {
    const [e] = splunkEvents(event('mallory'), security, 'windows-addon');
    expect(e!.fields['Caller_User_Name']).toBe('mallory');
    expect(e!.fields['SubjectUserName']).toBeUndefined();
    // A flat witness is placed in the element by its channel and event id.
    const [w] = splunkEvents({ Channel: 'Security', EventID: 1102, SubjectUserName: 'mallory' }, security, 'windows-addon');
    expect(w!._raw).toContain('<UserData><LogFileCleared><SubjectUserName>mallory</SubjectUserName>');
  });

  test.skipIf(!HAVE_VENDOR).each([
    ['mallory cleared it', event('mallory'), true],
    ['alice cleared it', event('alice'), false],
    ['a flat witness', { Channel: 'Security', EventID: 1102, SubjectUserName: 'mallory' }, true],
  ] as const)(`%s: log search and Cloud SIEM agree with the evaluator ${NEEDS_VENDOR}`, (_n, e, expected) => {
    sumoAgrees(coll, security, e, expected);
  });

  // Sentinel's SecurityEvent keeps 1102's UserData element in the EventData column, where Microsoft's ASIM audit
  // parser reads it (records/security-event.ts): the query reads it there, not the SubjectUserName column.
  test.each([
    ['mallory cleared it', event('mallory'), true],
    ['alice cleared it', event('alice'), false],
    // The event log service writes 1102 (EvtxECmd's map of it: `Provider: Microsoft-Windows-Eventlog`).
    ['a flat witness', { Channel: 'Security', EventID: 1102, Provider_Name: 'Microsoft-Windows-Eventlog', SubjectUserName: 'mallory' }, true],
  ] as const)('%s: Sentinel SecurityEvent agrees with the evaluator', (_n, e, expected) => {
    expect(evaluatorTest(coll)(e)).toBe(expected);
    expect(platformTest(byId.get('sentinel_securityevent')!, coll, security)(e)).toBe(expected);
  });

  // Forwarded into WindowsEvent, 1102's UserData children are keys of the dynamic EventData (Microsoft's audit parser
  // reads EventData.SubjectUserName there).
  test.each([
    ['mallory cleared it', event('mallory'), true],
    ['alice cleared it', event('alice'), false],
  ] as const)('%s: Sentinel WindowsEvent agrees with the evaluator', (_n, e, expected) => {
    expect(platformTest(byId.get('sentinel_sysmon_windowsevent')!, coll, security)(e)).toBe(expected);
  });

  // With another event id beside 1102, the other event's SubjectUserName is still its column.
  const both = loadCollection([{ text: AUDIT_CLEARED_RULE.replace('EventID: 1102', 'EventID: [1102, 4624]'), file: 'both.yml' }]);
  test.each([
    ['a 1102 by mallory', event('mallory'), true],
    ['a 4624 with mallory as its subject', { Channel: 'Security', EventID: 4624, SubjectUserName: 'mallory' }, true],
    ['a 4624 with alice as its subject', { Channel: 'Security', EventID: 4624, SubjectUserName: 'alice' }, false],
  ] as const)('1102 or 4624, %s: Sentinel SecurityEvent agrees with the evaluator', (_n, e, expected) => {
    expect(evaluatorTest(both)(e)).toBe(expected);
    expect(platformTest(byId.get('sentinel_securityevent')!, both, security)(e)).toBe(expected);
  });

  test('splunk-windows and windows-security refuse the rule at SubjectUserName', () => {
    for (const id of ['splunk/splunk-windows', 'splunk/windows-security']) {
      expect(refusal(byId.get(id)!, coll)).toMatch(/^Security event 1102 keeps this field in UserData \(LogFileCleared\)/);
    }
  });
});

/**
 * A field its event types keep under different keys is read per event id by the log search: SigmaHQ's
 * win_wmi_persistence filters 5859 (Operation_EssStarted) on Provider, and its other event type, 5861, has another
 * element. The filter must leave out exactly the SCM provider's 5859 events.
 */
const PERSISTENCE_RULE = `title: WMI persistence
id: 3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d63
status: test
logsource:
    product: windows
    service: wmi
detection:
    binding:
        EventID: 5861
    registration:
        EventID: 5859
    filter_scm:
        Provider: 'SCM Event Provider'
        PossibleCause: 'Permanent'
    condition: (binding or registration) and not filter_scm
level: medium
`;

describe('a field under different elements in two WMI events: the log search reads each', () => {
  const coll = loadCollection([{ text: PERSISTENCE_RULE, file: 'persistence.yml' }]);
  const wmi: EventSource = { product: 'windows', service: 'wmi' };
  const started = (provider: string): RawEvent =>
    userDataEvent('Microsoft-Windows-WMI-Activity', WMI_CHANNEL, 5859, 'Operation_EssStarted', {
      NamespaceName: '//./root/cimv2', Query: 'select * from MSFT_SCMEventLogEvent', User: 'S-1-5-32-544', Processid: 436, Provider: provider, queryid: 0,
      PossibleCause: 'Permanent',
    });
  const binding = userDataEvent('Microsoft-Windows-WMI-Activity', WMI_CHANNEL, 5861, 'Operation_ESStoConsumerBinding', {
    Namespace: '//./root/subscription', ESS: 'x', CONSUMER: 'CommandLineEventConsumer="x"', PossibleCause: 'Permanent',
  });
  test.skipIf(!HAVE_VENDOR).each([
    ["the SCM provider's 5859 (filtered out)", started('SCM Event Provider'), false],
    ["another provider's 5859", started('Evil Provider'), true],
    ['a 5861 binding', binding, true],
  ] as const)(`%s: the log search agrees with the evaluator ${NEEDS_VENDOR}`, (_n, e, expected) => {
    expect(evaluatorTest(coll)(e)).toBe(expected);
    expect(platformTest(byId.get('sumo/json')!, coll, wmi)(e)).toBe(expected);
  });
});

/**
 * The log search's per-event-id reading is exact for any condition: random AppLocker rules (with or without event ids,
 * a filter under `not`, null tests) over random events of the service's channels, each event's data placed where the
 * recorded shape puts it (8002-8007 in RuleAndFileData, other ids in EventData), held to the evaluator.
 */
describe('random AppLocker rules: the log search reads each field per event id, as the evaluator does', () => {
  const EXE_LOG = 'Microsoft-Windows-AppLocker/EXE and DLL';
  const MSI_LOG = 'Microsoft-Windows-AppLocker/MSI and Script';
  const PKG_LOG = 'Microsoft-Windows-AppLocker/Packaged app-Execution';
  const applockerSource: EventSource = { product: 'windows', service: 'applocker' };
  const eventArb = fc.record({
    type: fc.constantFrom<[string, number]>([EXE_LOG, 8002], [EXE_LOG, 8004], [MSI_LOG, 8007], [PKG_LOG, 8022], [EXE_LOG, 8000]),
    path: fc.constantFrom(undefined, 'C:\\TEMP\\A.EXE', 'C:\\TOOLS\\B.PS1'),
    policy: fc.constantFrom(undefined, 'EXE', 'SCRIPT'),
  });
  const toEvent = (e: { type: [string, number]; path: string | undefined; policy: string | undefined }): RawEvent => {
    const data: Record<string, unknown> = {};
    if (e.path !== undefined) data['FilePath'] = e.path;
    if (e.policy !== undefined) data['PolicyName'] = e.policy;
    const [channel, id] = e.type;
    const inUserData = id >= 8002 && id <= 8007;
    return flattenWindowsEvent({
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-AppLocker' } }, EventID: id, Version: 0, Level: 2, Task: 0, Opcode: 0,
          Keywords: '0x8000000000000000', TimeCreated: { '#attributes': { SystemTime: '2026-12-06T10:00:00.000000Z' } }, EventRecordID: 1,
          Channel: channel, Computer: 'ws01', Security: { '#attributes': { UserID: 'S-1-5-18' } },
        },
        ...(inUserData ? { UserData: { RuleAndFileData: data } } : { EventData: data }),
      },
    }) as RawEvent;
  };
  /** A random AppLocker rule: an EventID list (or none), a selection test, a filter test and a condition. */
  const randomAppLockerRule = (id: string, idText: string, t1: string, t2: string, condition: string) =>
    loadCollection([
      {
        text: `title: random AppLocker rule
id: ${id}
status: test
logsource:
    product: windows
    service: applocker
detection:
    selection:${idText}
        ${t1}
    filter:
        ${t2}
    condition: ${condition}
level: low
`,
        file: 'random.yml',
      },
    ]);
  const ids = fc.constantFrom('', '\n        EventID: 8004', '\n        EventID:\n          - 8004\n          - 8022', '\n        EventID:\n          - 8002\n          - 8007\n          - 8000');
  const test1 = fc.constantFrom("FilePath|contains: '\\TEMP\\'", 'FilePath: null', "PolicyName: 'EXE'", "FilePath|endswith: '.PS1'");
  const test2 = fc.constantFrom("PolicyName: 'SCRIPT'", 'PolicyName: null', "FilePath|startswith: 'C:\\TOOLS'");
  const shape = fc.constantFrom('selection', 'selection and not filter', 'selection or filter');

  test.skipIf(!HAVE_VENDOR)(`the log search agrees with the evaluator on every event ${NEEDS_VENDOR}`, () => {
    const platform = byId.get('sumo/json')!;
    fc.assert(
      fc.property(ids, test1, test2, shape, fc.array(eventArb, { minLength: 1, maxLength: 6 }), (idText, t1, t2, condition, evs) => {
        const coll = randomAppLockerRule('3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d64', idText, t1, t2, condition);
        const logSearch = platformTest(platform, coll, applockerSource);
        const evaluator = evaluatorTest(coll);
        for (const e of evs.map(toEvent)) {
          expect(logSearch(e), `${condition} / ${t1} / ${t2} / ${JSON.stringify(e['EventID'])}`).toBe(evaluator(e));
        }
      }),
      { numRuns: 150 },
    );
  });

  // sentinel_windows reads AppLocker's rows from SecurityEvent, each field out of EventData's RuleAndFileData: over the
  // events whose data the records place there (8002-8007), with elements present or missing, null tests and filters
  // under `not` included, it agrees with the evaluator.
  test.skipIf(!HAVE_VENDOR)(`sentinel_windows agrees with the evaluator on every RuleAndFileData event ${NEEDS_VENDOR}`, () => {
    const platform = byId.get('sentinel_windows')!;
    const userDataArb = fc.record({
      type: fc.constantFrom<[string, number]>([EXE_LOG, 8002], [EXE_LOG, 8004], [MSI_LOG, 8007]),
      path: fc.constantFrom(undefined, 'C:\\TEMP\\A.EXE', 'C:\\TOOLS\\B.PS1'),
      policy: fc.constantFrom(undefined, 'EXE', 'SCRIPT'),
    });
    fc.assert(
      fc.property(ids, test1, test2, shape, fc.array(userDataArb, { minLength: 1, maxLength: 6 }), (idText, t1, t2, condition, evs) => {
        const coll = randomAppLockerRule('3c1c8e52-8a7e-4d4b-9d0e-6a1f2b3c4d65', idText, t1, t2, condition);
        const sentinel = platformTest(platform, coll, applockerSource);
        const evaluator = evaluatorTest(coll);
        for (const e of evs.map(toEvent)) {
          expect(sentinel(e), `${condition} / ${t1} / ${t2} / ${JSON.stringify(e['EventID'])}`).toBe(evaluator(e));
        }
      }),
      { numRuns: 150 },
    );
  });
});
