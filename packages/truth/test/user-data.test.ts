import { loadCollection, type SigmaRule } from '@sigmats/core';
import { compileRuleSet, flattenWindowsEvent, windowsLogsource } from '@sigmats/evaluator';
import { describe, expect, test } from 'vitest';
import { platforms, type Platform } from '../src/differential/platforms.js';
import { sumoMessages, splunkEvents } from '../src/records/index.js';
import type { CseRecord, EventSource, RawEvent } from '../src/types.js';
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
const rule = collection.rules[0]!;
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

function queriesOf(platform: Platform, r: SigmaRule): { queries: readonly string[]; errors: readonly string[] } {
  const result = platform.backend.convert({ ...collection, rules: [r], correlations: [] }, platform.convertOptions);
  return { queries: result.rules[0]?.queries ?? [], errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

function matches(platform: Platform, event: RawEvent): boolean {
  const tests = queriesOf(platform, rule).queries.map((q) => platform.compile(q));
  const records = platform.records(event, source);
  return records.length > 0 && tests.some((t) => t(records));
}

function evaluatorMatches(event: RawEvent): boolean {
  const set = compileRuleSet({ ...collection, correlations: [] }, { mode: 'full-scan', logsource: windowsLogsource });
  return set.match(event as Record<string, unknown>).length > 0;
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
    expect(evaluatorMatches(event)).toBe(expected);
    expect(matches(byId.get('sumo/json')!, event)).toBe(expected);
    const cse = byId.get('sumo-cse')!;
    expect(matches(cse, event)).toBe(expected);
    expect((cse.records(event, source)[0] as CseRecord).fields).toMatchObject({ 'UserData.RuleAndFileData.PolicyName': 'EXE' });
  });

  test('splunk-windows refuses the rule, at its fields', () => {
    const splunk = platforms().find((p) => p.id.startsWith('splunk/splunk-windows'))!;
    const { queries, errors } = queriesOf(splunk, rule);
    expect(queries).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toContain('UserData (RuleAndFileData)');
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
  const rule104 = cleared.rules[0]!;
  const verdict104 = (platform: Platform, event: RawEvent): boolean => {
    const result = platform.backend.convert({ ...cleared, correlations: [] }, platform.convertOptions);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tests = result.rules[0]!.queries.map((q) => platform.compile(q));
    const records = platform.records(event, system);
    return records.length > 0 && tests.some((t) => t(records));
  };
  test.skipIf(!HAVE_VENDOR).each([
    ['mallory cleared the Security log', clearedEvent('mallory'), true],
    ['alice cleared the Security log', clearedEvent('alice'), false],
    ['mallory cleared another log', clearedEvent('mallory', 'Application'), false],
  ] as const)(`%s: log search and Cloud SIEM agree with the evaluator ${NEEDS_VENDOR}`, (_name, event, expected) => {
    const set = compileRuleSet({ ...cleared, rules: [rule104], correlations: [] }, { mode: 'full-scan', logsource: windowsLogsource });
    expect(set.match(event as Record<string, unknown>).length > 0).toBe(expected);
    expect(verdict104(byId.get('sumo/json')!, event)).toBe(expected);
    expect(verdict104(byId.get('sumo-cse')!, event)).toBe(expected);
  });
});
