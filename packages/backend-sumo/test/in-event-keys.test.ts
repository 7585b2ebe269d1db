import { describe, expect, test } from 'vitest';
import { sumo, sumoCse } from '../src/index.js';
import { CHANNELS_WITH_SPACED_DATA } from '@sigmats/core';
import { CHANNELS_WITH_IN_EVENT_KEYS, dataKey, eventTypes, fieldKeys, IN_EVENT_KEYS, inEventKey, USER_DATA_EVENTS } from '../src/shared/in-event-keys.js';
import { convert, ruleYaml } from './helpers.js';

/**
 * System event 104 ("The <log> log file was cleared") carries the cleared log's name in UserData
 * LogFileCleared/Channel, which is Sigma's flat `Channel` for that event (flattenWindowsEvent writes UserData names
 * over System ones): both outputs read it there, while the channel scope keeps reading the header's Channel.
 */
const SYSTEM = '    product: windows\n    service: system';

function rule(detection: string): string {
  return ruleYaml(detection, { logsource: SYSTEM });
}

const CLEARED = `
  selection:
    EventID: 104
    Provider_Name: Microsoft-Windows-Eventlog
    Channel: Security
  condition: selection`;

const OTHER_EVENT = `
  selection:
    EventID: 7045
    Channel: System
  condition: selection`;

describe('fields an event type keeps outside its header', () => {
  test('the table names the data of System 104 (its Channel and the rest of LogFileCleared)', () => {
    expect(IN_EVENT_KEYS).toEqual({
      'System-104': {
        SubjectUserName: 'UserData.LogFileCleared.SubjectUserName',
        SubjectDomainName: 'UserData.LogFileCleared.SubjectDomainName',
        Channel: 'UserData.LogFileCleared.Channel',
        BackupPath: 'UserData.LogFileCleared.BackupPath',
      },
      'Security-1102': {
        SubjectUserSid: 'UserData.LogFileCleared.SubjectUserSid',
        SubjectUserName: 'UserData.LogFileCleared.SubjectUserName',
        SubjectDomainName: 'UserData.LogFileCleared.SubjectDomainName',
        SubjectLogonId: 'UserData.LogFileCleared.SubjectLogonId',
      },
    });
    expect(inEventKey('System', '104', 'Channel')).toBe('UserData.LogFileCleared.Channel');
    expect(inEventKey('System', '7045', 'Channel')).toBeUndefined();
    expect(inEventKey('Security', '104', 'Channel')).toBeUndefined();
    // The log search looks for keys outside the header, or renamed, only in these channels: every channel of the two
    // tables, and those with spaced data names.
    expect([...CHANNELS_WITH_IN_EVENT_KEYS].sort()).toEqual(
      [
        ...new Set([
          ...Object.keys(IN_EVENT_KEYS).map((k) => k.slice(0, k.lastIndexOf('-'))),
          ...Object.keys(USER_DATA_EVENTS),
          ...CHANNELS_WITH_SPACED_DATA,
        ]),
      ].sort(),
    );
  });

  test('log search: the channel filter reads the header, the rule reads UserData.LogFileCleared.Channel', () => {
    const q = convert(sumo, rule(CLEARED)).queries[0]!;
    expect(q).toContain('| json field=_raw "Channel", "EventID", "Provider.Name", "UserData.LogFileCleared.Channel" as Channel, EventID, Provider_Name, UserData_LogFileCleared_Channel nodrop');
    expect(q).toContain('| where Channel = "System"');
    expect(q).toContain('toLowerCase(UserData_LogFileCleared_Channel) = "security"');
  });

  test('Cloud SIEM: fields[UserData.LogFileCleared.Channel] in the System-104 record', () => {
    const q = convert(sumoCse, rule(CLEARED)).queries[0]!;
    expect(q).toContain("metadata_deviceEventId = 'System-104'");
    expect(q).toContain("lower(fields['UserData.LogFileCleared.Channel']) = 'security'");
    expect(q).not.toContain("fields['Channel']");
  });

  test('another System event keeps the header Channel', () => {
    expect(convert(sumo, rule(OTHER_EVENT)).queries[0]!).toContain('toLowerCase(Channel) = "system"');
    expect(convert(sumoCse, rule(OTHER_EVENT)).queries[0]!).toContain("lower(fields['Channel']) = 'system'");
  });
});

/**
 * AppLocker's file events (8002-8004 in the EXE and DLL log, 8005-8007 in the MSI and Script log) keep their data in
 * UserData RuleAndFileData: both outputs read a rule's fields there, refuse a rule whose event types keep a field in
 * different places, and leave out event types that cannot exist (an AppLocker file event id in another of the
 * service's channels).
 */
const APPLOCKER = '    product: windows\n    service: applocker';
const EXE = 'Microsoft-Windows-AppLocker/EXE and DLL';
const SCRIPT = 'Microsoft-Windows-AppLocker/MSI and Script';

function applocker(detection: string): string {
  return ruleYaml(detection, { logsource: APPLOCKER });
}

const BLOCKED_EXE = `
  selection:
    EventID: 8004
    FilePath|contains: '\\Temp\\'
  condition: selection`;

const BLOCKED_EXE_OR_SCRIPT = `
  selection:
    EventID:
      - 8004
      - 8007
    FilePath|endswith: '.ps1'
    PolicyName: SCRIPT
  condition: selection`;

describe("AppLocker's file events: data in UserData.RuleAndFileData", () => {
  test('the table: two channels, their ids, one element', () => {
    expect(USER_DATA_EVENTS[EXE]).toEqual({ 8002: 'RuleAndFileData', 8003: 'RuleAndFileData', 8004: 'RuleAndFileData' });
    expect(USER_DATA_EVENTS[SCRIPT]).toEqual({ 8005: 'RuleAndFileData', 8006: 'RuleAndFileData', 8007: 'RuleAndFileData' });
    expect(dataKey(EXE, '8004', 'EventData.FilePath')).toBe('UserData.RuleAndFileData.FilePath');
    expect(dataKey(SCRIPT, '8004', 'EventData.FilePath')).toBe('EventData.FilePath');
    expect(dataKey(EXE, '8004', 'EventID')).toBe('EventID');
    expect(dataKey('Security', '4688', 'EventData.CommandLine')).toBe('EventData.CommandLine');
    // An id Microsoft logs to one channel is not looked for in the service's other channels.
    expect(eventTypes([EXE, SCRIPT, 'Microsoft-Windows-AppLocker/Packaged app-Execution'], new Set(['8004', '8022']))).toEqual([
      { channel: EXE, id: '8004' },
      { channel: EXE, id: '8022' },
      { channel: SCRIPT, id: '8022' },
      { channel: 'Microsoft-Windows-AppLocker/Packaged app-Execution', id: '8022' },
    ]);
    // The keys of a field: one where the event types agree, all of them without event ids.
    expect(fieldKeys([EXE, SCRIPT], new Set(['8004', '8007']), 'FilePath', 'EventData.FilePath')).toEqual(new Set(['UserData.RuleAndFileData.FilePath']));
    expect(fieldKeys([EXE, SCRIPT], undefined, 'FilePath', 'EventData.FilePath')).toEqual(new Set(['EventData.FilePath', 'UserData.RuleAndFileData.FilePath']));
    expect(fieldKeys([EXE, SCRIPT], undefined, 'EventID', 'EventID')).toEqual(new Set(['EventID']));
    expect(fieldKeys(['System'], undefined, 'Channel', 'Channel')).toEqual(new Set(['Channel']));
  });

  test('log search: one event id, the field read from UserData.RuleAndFileData', () => {
    const r = convert(sumo, applocker(BLOCKED_EXE));
    expect(r.errors).toEqual([]);
    const q = r.queries[0]!;
    expect(q).toContain('| json field=_raw "Channel", "EventID", "UserData.RuleAndFileData.FilePath" as Channel, EventID, UserData_RuleAndFileData_FilePath nodrop');
    expect(q).toContain('| where EventID = "8004" and UserData_RuleAndFileData_FilePath matches /(?is)^.*\\x5cTemp\\x5c.*$/');
    expect(q).not.toContain('EventData.');
  });

  test('log search: ids of both channels read from the same element', () => {
    const q = convert(sumo, applocker(BLOCKED_EXE_OR_SCRIPT)).queries[0]!;
    expect(q).toContain('"UserData.RuleAndFileData.FilePath", "UserData.RuleAndFileData.PolicyName"');
    expect(q).toContain('toLowerCase(UserData_RuleAndFileData_PolicyName) = "script"');
  });

  test('Cloud SIEM: the event types that exist, fields[UserData.RuleAndFileData.*]', () => {
    const one = convert(sumoCse, applocker(BLOCKED_EXE)).queries[0]!;
    expect(one).toBe(
      "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-AppLocker/EXE and DLL-8004' and (fields['UserData.RuleAndFileData.FilePath'] matches /(?is)^.*\\x5cTemp\\x5c.*$/)",
    );
    const two = convert(sumoCse, applocker(BLOCKED_EXE_OR_SCRIPT)).queries[0]!;
    expect(two).toContain("(metadata_deviceEventId = 'Microsoft-Windows-AppLocker/EXE and DLL-8004' or metadata_deviceEventId = 'Microsoft-Windows-AppLocker/MSI and Script-8007')");
    expect(two).toContain("lower(fields['UserData.RuleAndFileData.PolicyName']) = 'script'");
    expect(two).not.toContain('EventData.');
  });

  test('no EventID: the log search reads the field per event type (the listed ids and any other); Cloud SIEM refuses it', () => {
    const rule = applocker(`
      selection:
        FilePath|contains: '\\Temp\\'
      condition: selection`);
    const s = convert(sumo, rule);
    expect(s.errors).toEqual([]);
    expect(s.queries[0]).toContain(
      '| where (!(EventID in ("8002", "8003", "8004", "8005", "8006", "8007")) and EventData_FilePath matches /(?is)^.*\\x5cTemp\\x5c.*$/) or (EventID in ("8002", "8003", "8004", "8005", "8006", "8007") and UserData_RuleAndFileData_FilePath matches /(?is)^.*\\x5cTemp\\x5c.*$/)',
    );
    const c = convert(sumoCse, rule).errors;
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ code: 'backend/unsupported-feature', line: 6 });
  });

  test('event types keeping a field in different places: both outputs read it where each event type keeps it', () => {
    const rule = applocker(`
      selection:
        EventID:
          - 8004
          - 8022
        FilePath|contains: x
      condition: selection`);
    const s = convert(sumo, rule);
    expect(s.errors).toEqual([]);
    expect(s.queries[0]).toContain(
      '| where EventID in ("8004", "8022") and ((EventID = "8004" and toLowerCase(UserData_RuleAndFileData_FilePath) matches "*x*") or (EventID = "8022" and toLowerCase(EventData_FilePath) matches "*x*"))',
    );
    const c = convert(sumoCse, rule);
    expect(c.errors).toEqual([]);
    expect(c.queries[0]).toContain("metadata_deviceEventId = 'Microsoft-Windows-AppLocker/EXE and DLL-8004' and (fields['UserData.RuleAndFileData.FilePath'] matches");
    expect(c.queries[0]).toContain("metadata_deviceEventId = 'Microsoft-Windows-AppLocker/Packaged app-Execution-8022') and (fields['EventData.FilePath'] matches");
  });

  test('header fields and SigmaHQ-style EventID-only rules are as before', () => {
    const rule = applocker(`
      selection:
        EventID:
          - 8004
          - 8007
          - 8022
        Computer: ws01
      condition: selection`);
    const s = convert(sumo, rule);
    expect(s.errors).toEqual([]);
    expect(s.queries[0]).toContain('toLowerCase(Computer) = "ws01"');
    const noid = convert(sumo, applocker(`
      selection:
        Computer: ws01
      condition: selection`));
    expect(noid.errors).toEqual([]);
    expect(convert(sumoCse, rule).errors).toEqual([]);
  });

  test('System rules with several event ids reading Channel read it per event id in log search (104 keeps it in UserData)', () => {
    const rule = ruleYaml(`
      selection:
        EventID:
          - 104
          - 7045
        Channel: Security
      condition: selection`, { logsource: SYSTEM });
    expect(convert(sumo, rule).queries[0]).toContain(
      '((EventID = "104" and toLowerCase(UserData_LogFileCleared_Channel) = "security") or (EventID = "7045" and toLowerCase(Channel) = "security"))',
    );
  });
});

const WMI = 'Microsoft-Windows-WMI-Activity/Operational';
const LSM = 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational';

describe('WMI-Activity and LocalSessionManager events: data in UserData, an element per event (WMI) or one (EventXML)', () => {
  const wmi = (detection: string): string => ruleYaml(detection, { logsource: '    product: windows\n    service: wmi' });
  const lsm = (detection: string): string => ruleYaml(detection, { logsource: '    product: windows\n    service: terminalservices-localsessionmanager' });

  test('the table: the elements of 5857-5861 and of LocalSessionManager 21-25, 39-41', () => {
    expect(USER_DATA_EVENTS[WMI]).toEqual({
      5857: 'Operation_StartedOperational',
      5858: 'Operation_ClientFailure',
      5859: 'Operation_EssStarted',
      5860: 'Operation_TemporaryEssStarted',
      5861: 'Operation_ESStoConsumerBinding',
    });
    expect(Object.keys(USER_DATA_EVENTS[LSM]!)).toEqual(['21', '22', '23', '24', '25', '39', '40', '41']);
    expect(new Set(Object.values(USER_DATA_EVENTS[LSM]!))).toEqual(new Set(['EventXML']));
    expect(dataKey(WMI, '5858', 'EventData.Operation')).toBe('UserData.Operation_ClientFailure.Operation');
    expect(dataKey(WMI, '5999', 'EventData.Operation')).toBe('EventData.Operation');
    expect(fieldKeys([WMI], new Set(['5859', '5861']), 'PossibleCause', 'EventData.PossibleCause')).toEqual(
      new Set(['UserData.Operation_EssStarted.PossibleCause', 'UserData.Operation_ESStoConsumerBinding.PossibleCause']),
    );
  });

  // SigmaHQ win_wmi_activity_nteventlogfile_cleareventlog: its recorded event keeps Operation in UserData.Operation_ClientFailure.
  const CLEAR_LOG = `
      selection:
        EventID: 5858
        Operation|contains|all:
          - 'Win32_NTEventlogFile'
          - 'cleareventlog'
      condition: selection`;

  test('log search and Cloud SIEM read WMI 5858 Operation from UserData.Operation_ClientFailure', () => {
    const q = convert(sumo, wmi(CLEAR_LOG)).queries[0]!;
    expect(q).toContain('"UserData.Operation_ClientFailure.Operation" as Channel, EventID, UserData_Operation_ClientFailure_Operation nodrop');
    expect(q).not.toContain('EventData.');
    expect(convert(sumoCse, wmi(CLEAR_LOG)).queries[0]).toContain("fields['UserData.Operation_ClientFailure.Operation'] matches /(?is)^.*Win32_NTEventlogFile.*$/");
  });

  test('log search: a filter over two WMI events with different elements reads each (SigmaHQ win_wmi_persistence)', () => {
    const r = convert(
      sumo,
      wmi(`
      binding:
        EventID: 5861
      registration:
        EventID: 5859
      filter_scm:
        Provider: 'SCM Event Provider'
      condition: (binding or registration) and not filter_scm`),
    );
    expect(r.errors).toEqual([]);
    expect(r.queries[0]).toContain(
      '!((EventID = "5861" and toLowerCase(UserData_Operation_ESStoConsumerBinding_Provider) = "scm event provider") or (EventID = "5859" and toLowerCase(UserData_Operation_EssStarted_Provider) = "scm event provider"))',
    );
  });

  test('LocalSessionManager 21 Address (SigmaHQ win_terminalservices_rdp_ngrok) is read from UserData.EventXML', () => {
    const rule = lsm(`
      selection:
        EventID: 21
        Address|contains: '16777216'
      condition: selection`);
    expect(convert(sumo, rule).queries[0]).toContain('"UserData.EventXML.Address" as Channel, EventID, UserData_EventXML_Address nodrop');
    expect(convert(sumoCse, rule).queries[0]).toBe(
      "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational-21' and (fields['UserData.EventXML.Address'] matches /(?is)^.*16777216.*$/)",
    );
  });
});

describe('Security 1102 ("The audit log was cleared"): LogFileCleared, read only where the rule tests 1102', () => {
  const security = (detection: string): string => ruleYaml(detection, { logsource: '    product: windows\n    service: security' });
  test('log search and Cloud SIEM read SubjectUserName from UserData.LogFileCleared (Cloud SIEM: the catalog maps it)', () => {
    const rule = security(`
      selection:
        EventID: 1102
        SubjectUserName: bob
      condition: selection`);
    expect(convert(sumo, rule).queries[0]).toContain('"UserData.LogFileCleared.SubjectUserName" as Channel, EventID, UserData_LogFileCleared_SubjectUserName nodrop');
    expect(convert(sumoCse, rule).queries[0]).toBe(
      "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Security-1102' and (lower(user_username_raw) = 'bob')",
    );
  });
  test('without an EventID, and with other ids, SubjectUserName is EventData\'s as before (not refused)', () => {
    for (const ids of ['', '\n        EventID: 4624']) {
      const r = convert(sumo, security(`
      selection:${ids}
        SubjectUserName: bob
      condition: selection`));
      expect(r.errors).toEqual([]);
      expect(r.queries[0]).toContain('"EventData.SubjectUserName"');
    }
  });
});

describe("Defender's data names with spaces: read by the name Windows writes", () => {
  const defender = (detection: string): string => ruleYaml(detection, { logsource: '    product: windows\n    service: windefend' });
  const RULE = defender(`
      selection:
        EventID: 5007
        NewValue|contains: Exclusions
        Path: x
      condition: selection`);
  test("log search: EventData['New Value'] (bracket notation for a key with a space), Path as before", () => {
    const q = convert(sumo, RULE).queries[0]!;
    expect(q).toContain(`"EventData['New Value']", "EventData.Path" as Channel, EventID, EventData_New_Value, Path nodrop`);
    expect(q).not.toContain('EventData.NewValue');
  });
  test("Cloud SIEM: fields['EventData.New Value'], the key as the catalog's Defender mapping writes its keys", () => {
    const q = convert(sumoCse, RULE).queries[0]!;
    expect(q).toContain("fields['EventData.New Value'] matches");
    expect(q).not.toContain('NewValue');
  });
  test('without an EventID the name is the same: it does not depend on the event type', () => {
    const r = convert(sumo, defender(`
      selection:
        ThreatName: x
      condition: selection`));
    expect(r.errors).toEqual([]);
    expect(r.queries[0]).toContain(`"EventData['Threat Name']"`);
  });
});
