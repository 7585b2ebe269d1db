import { loadCollection } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { sumo, validateSumoQuery } from '../src/index.js';
import { convert, ruleYaml } from './helpers.js';

/** Scope, field extraction and output stages: one row = rule parts + options → the exact query. */
interface Row {
  readonly name: string;
  readonly logsource: string;
  readonly detection: string;
  readonly extra?: string;
  readonly options?: Record<string, string>;
  readonly query: string;
}

const SYSMON_JSON = '// assumes: Windows Event Log source (Installed Collector) in JSON format; Sysmon channel';
const NO_COLLECTION = '// assumes: JSON messages with the Sigma field names as keys (no documented collection for this log source)';

/** Rows without a scope option: `*` (no _sourceCategory is invented) and a warning; see 'no scope: a warning'. */
const rows: Row[] = [
  {
    name: 'Windows process_creation: Sysmon channel and EID 1 filters, json extraction of EventData',
    logsource: '    category: process_creation\n    product: windows',
    detection: `sel:\n  Image|endswith: '\\x.exe'\n  Computer: 'h'\ncondition: sel`,
    query: [
      `${SYSMON_JSON}, EventID 1`,
      '*',
      '| json field=_raw "Channel", "EventID", "EventData.Image", "Computer" as Channel, EventID, Image, Computer nodrop',
      '| where Channel = "Microsoft-Windows-Sysmon/Operational"',
      '| where EventID = "1"',
      '| where Image matches /(?is)^.*\\x5cx\\.exe$/ and toLowerCase(Computer) = "h"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'registry_event: several Sysmon event ids',
    logsource: '    category: registry_event\n    product: windows',
    detection: `sel:\n  TargetObject|contains: 'run'\ncondition: sel`,
    query: [
      `${SYSMON_JSON}, EventID 12/13/14`,
      '*',
      '| json field=_raw "Channel", "EventID", "EventData.TargetObject" as Channel, EventID, TargetObject nodrop',
      '| where Channel = "Microsoft-Windows-Sysmon/Operational"',
      '| where EventID in ("12", "13", "14")',
      '| where toLowerCase(TargetObject) matches "*run*"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    // pySigma-pipeline-sysmon (sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b): "file_delete": [23,26].
    name: 'file_delete: Sysmon 23 and 26',
    logsource: '    category: file_delete\n    product: windows',
    detection: `sel:\n  TargetFilename|endswith: '.log'\ncondition: sel`,
    query: [
      `${SYSMON_JSON}, EventID 23/26`,
      '*',
      '| json field=_raw "Channel", "EventID", "EventData.TargetFilename" as Channel, EventID, TargetFilename nodrop',
      '| where Channel = "Microsoft-Windows-Sysmon/Operational"',
      '| where EventID in ("23", "26")',
      '| where toLowerCase(TargetFilename) matches "*.log"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    // core's WINDOWS_SERVICE_CHANNELS: AppLocker writes one channel per rule collection; SigmaHQ's AppLocker rules
    // test events of several (8004 EXE and DLL, 8007 MSI and Script, 8022/8025 packaged apps).
    name: 'applocker: every channel of the service',
    logsource: '    product: windows\n    service: applocker',
    detection: `sel:\n  EventID:\n    - 8004\n    - 8007\ncondition: sel`,
    query: [
      '// assumes: Windows Event Log source (Installed Collector) in JSON format; Microsoft-Windows-AppLocker/EXE and DLL, Microsoft-Windows-AppLocker/MSI and Script, Microsoft-Windows-AppLocker/Packaged app-Deployment, Microsoft-Windows-AppLocker/Packaged app-Execution channels',
      '*',
      '| json field=_raw "Channel", "EventID" as Channel, EventID nodrop',
      '| where Channel in ("Microsoft-Windows-AppLocker/EXE and DLL", "Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution")',
      '| where EventID in ("8004", "8007")',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'a service only core\'s table named before (capi2): its channel',
    logsource: '    product: windows\n    service: capi2',
    detection: `sel:\n  EventID: 70\ncondition: sel`,
    query: [
      '// assumes: Windows Event Log source (Installed Collector) in JSON format; Microsoft-Windows-CAPI2/Operational channel',
      '*',
      '| json field=_raw "Channel", "EventID" as Channel, EventID nodrop',
      '| where Channel = "Microsoft-Windows-CAPI2/Operational"',
      '| where EventID = "70"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'ps_script: the PowerShell channel and event 4104',
    logsource: '    category: ps_script\n    product: windows',
    detection: `sel:\n  ScriptBlockText|contains: 'iex'\ncondition: sel`,
    query: [
      '// assumes: Windows Event Log source (Installed Collector) in JSON format; Microsoft-Windows-PowerShell/Operational channel, EventID 4104',
      '*',
      '| json field=_raw "Channel", "EventID", "EventData.ScriptBlockText" as Channel, EventID, ScriptBlockText nodrop',
      '| where Channel = "Microsoft-Windows-PowerShell/Operational"',
      '| where EventID = "4104"',
      '| where toLowerCase(ScriptBlockText) matches "*iex*"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'Windows service: the channel, EventID as written',
    logsource: '    product: windows\n    service: security',
    detection: `sel:\n  EventID: 4624\n  LogonType: 10\ncondition: sel`,
    query: [
      '// assumes: Windows Event Log source (Installed Collector) in JSON format; Security channel',
      '*',
      '| json field=_raw "Channel", "EventID", "EventData.LogonType" as Channel, EventID, LogonType nodrop',
      '| where Channel = "Security"',
      '| where EventID = "4624" and LogonType = "10"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'Provider_Name is Provider.Name; a field written EventData.X stays EventData.X',
    logsource: '    product: windows\n    service: system',
    detection: `sel:\n  Provider_Name: 'Service Control Manager'\n  EventData.ImagePath|contains: 'x'\ncondition: sel`,
    query: [
      '// assumes: Windows Event Log source (Installed Collector) in JSON format; System channel',
      '*',
      '| json field=_raw "Channel", "Provider.Name", "EventData.ImagePath" as Channel, Provider_Name, EventData_ImagePath nodrop',
      '| where Channel = "System"',
      '| where toLowerCase(Provider_Name) = "service control manager" and toLowerCase(EventData_ImagePath) matches "*x*"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'auditd: key=value text, read with keyvalue (json would extract nothing)',
    logsource: '    product: linux\n    service: auditd',
    detection: `sel:\n  type: 'EXECVE'\n  a0: 'curl'\ncondition: sel`,
    query: [
      '// assumes: Linux auditd log lines (type=… msg=audit(…): key=value …), fields read with keyvalue',
      '*',
      '| keyvalue infer "type", "a0"',
      '| where toLowerCase(type) = "execve" and toLowerCase(a0) = "curl"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'rule fields: extracted and listed',
    logsource: '    category: process_creation\n    product: linux',
    detection: `sel:\n  Image|endswith: '/curl'\ncondition: sel`,
    extra: 'fields:\n    - CommandLine\n    - User',
    options: { scope: '_sourceCategory=linux/sysmon' },
    query: [
      NO_COLLECTION,
      '(_sourceCategory=linux/sysmon)',
      '| json field=_raw "Image", "CommandLine", "User" as Image, CommandLine, User nodrop',
      '| where toLowerCase(Image) matches "*/curl"',
      '| fields CommandLine, User',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'field names with special characters: bracket key path, identifier alias',
    logsource: '    category: webserver',
    detection: `sel:\n  cs-method: 'POST'\n  c-uri|contains: '/admin'\ncondition: sel`,
    query: [
      NO_COLLECTION,
      '*',
      '| json field=_raw "[\'cs-method\']", "[\'c-uri\']" as cs_method, c_uri nodrop',
      '| where toLowerCase(cs_method) = "post" and toLowerCase(c_uri) matches "*/admin*"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'alias collisions get a suffix',
    logsource: '    product: test',
    detection: `sel:\n  a-b: 'x'\n  a_b: 'y'\ncondition: sel`,
    query: [
      NO_COLLECTION,
      '*',
      '| json field=_raw "[\'a-b\']", "a_b" as a_b, a_b_2 nodrop',
      '| where toLowerCase(a_b) = "x" and toLowerCase(a_b_2) = "y"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'field names that are operator words get a prefix',
    logsource: '    product: test',
    detection: `sel:\n  in: 'x'\n  Matches: 'y'\ncondition: sel`,
    query: [
      NO_COLLECTION,
      '*',
      '| json field=_raw "in", "Matches" as f_in, f_Matches nodrop',
      '| where toLowerCase(f_in) = "x" and toLowerCase(f_Matches) = "y"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'nested JSON path from a dotted Sigma field',
    logsource: '    product: azure\n    service: activitylogs',
    detection: `sel:\n  properties.message: 'x'\ncondition: sel`,
    query: [
      '// assumes: JSON messages (azure/activitylogs), Sigma fields as JSON key paths',
      '*',
      '| json field=_raw "properties.message" as properties_message nodrop',
      '| where toLowerCase(properties_message) = "x"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'FER mode: fields used as named, %"…" when not identifiers; no collection assumed',
    logsource: '    category: webserver',
    detection: `sel:\n  c-uri|contains: '/admin'\n  status: 200\ncondition: sel`,
    options: { extraction: 'fer' },
    query: ['*', '| where toLowerCase(%"c-uri") matches "*/admin*" and status = "200"', '| sort by _messageTime desc'].join('\n'),
  },
  {
    name: 'scope and jsonField options',
    logsource: '    product: test',
    detection: `sel:\n  a: 'x'\ncondition: sel`,
    options: { scope: '_index=sec AND _sourceCategory=prod/app', jsonField: 'message' },
    query: [NO_COLLECTION, '(_index=sec AND _sourceCategory=prod/app)', '| json field=message "a" as a nodrop', '| where toLowerCase(a) = "x"', '| sort by _messageTime desc'].join('\n'),
  },
  {
    name: 'a scope given for a Windows log source: it selects the source, the event ids are still filtered',
    logsource: '    category: process_creation\n    product: windows',
    detection: `sel:\n  Image|endswith: '\\x.exe'\ncondition: sel`,
    options: { scope: '_sourceCategory=prod/windows/sysmon' },
    query: [
      `${SYSMON_JSON}, EventID 1`,
      '(_sourceCategory=prod/windows/sysmon)',
      '| json field=_raw "EventID", "EventData.Image" as EventID, Image nodrop',
      '| where EventID = "1"',
      '| where Image matches /(?is)^.*\\x5cx\\.exe$/',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'index option: a partition ANDed with the scope',
    logsource: '    product: test',
    detection: `sel:\n  a: 'x'\ncondition: sel`,
    options: { index: 'sec_windows' },
    query: [NO_COLLECTION, '_index=sec_windows AND *', '| json field=_raw "a" as a nodrop', '| where toLowerCase(a) = "x"', '| sort by _messageTime desc'].join('\n'),
  },
  {
    name: 'built-in Sumo fields are not extracted',
    logsource: '    product: test',
    detection: `sel:\n  _sourceHost: 'h1'\ncondition: sel`,
    query: [NO_COLLECTION, '*', '| where toLowerCase(_sourceHost) = "h1"', '| sort by _messageTime desc'].join('\n'),
  },
];

describe('no scope: a warning, never an invented _sourceCategory', () => {
  test('the rule converts, searching every message, with a located warning naming the fix', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`));
    const warnings = r.result.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((w) => [w.code, w.line])).toEqual([['backend/unsupported-feature', 6]]);
    expect(warnings[0]!.message).toMatch(/no scope configured/);
    expect(r.queries[0]).not.toMatch(/_sourceCategory/);
  });
  test('a scope option: no warning', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`), { scope: '_sourceCategory=prod/app' });
    expect(r.result.diagnostics).toEqual([]);
  });
  // Nothing in a Linux/macOS category message, nor in a Windows EDR category one (file_access), tells its event type
  // from the product's others: without a scope the query would match them all, so the rule is refused.
  test.each([
    ['linux process_creation', '    category: process_creation\n    product: linux'],
    ['macos file_event', '    category: file_event\n    product: macos'],
    ['windows file_access (no event log channel)', '    category: file_access\n    product: windows'],
  ])('%s: refused without a scope, located at the logsource; converted with one', (_name, logsource) => {
    const yaml = ruleYaml(`sel:\n  Image|endswith: '/curl'\ncondition: sel`, { logsource });
    const r = convert(sumo, yaml);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['backend/unsupported-feature', 6]]);
    expect(r.errors[0]!.message).toMatch(/without a scope the query cannot select this log source/);
    expect(convert(sumo, yaml, { scope: '_sourceCategory=edr' }).errors).toEqual([]);
  });
});

describe('scope, extraction and output stages', () => {
  test.each(rows)('$name', ({ logsource, detection, extra, options, query }) => {
    const r = convert(sumo, ruleYaml(detection, { logsource, ...(extra ? { extra } : {}) }), options ?? {});
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual([query]);
    expect(validateSumoQuery(query)).toEqual([]);
  });
});

describe('scheduled-search format', () => {
  const yaml = ruleYaml(`sel:\n  a: 'x'\ncondition: sel`, { extra: 'description: Finds x' });
  test('SavedSearchWithScheduleSyncDefinition, Manual parsing, schedule and threshold', () => {
    const r = convert(sumo, yaml, { cron: '0 0 * * * ? *', timeRange: '-1h', emails: 'soc@example.com, ir@example.com' }, 'scheduled-search');
    expect(r.errors).toEqual([]);
    const rule = r.result.rules[0]!;
    expect(JSON.parse(rule.output)).toEqual({
      type: 'SavedSearchWithScheduleSyncDefinition',
      name: 'Feature test',
      description: 'Finds x\nSigma rule 11111111-2222-3333-4444-555555555555\nlevel: medium',
      search: {
        queryText: rule.queries[0],
        defaultTimeRange: '-1h',
        byReceiptTime: false,
        viewName: '',
        viewStartTime: '1970-01-01T00:00:00Z',
        queryParameters: [],
        parsingMode: 'Manual',
      },
      searchSchedule: {
        cronExpression: '0 0 * * * ? *',
        displayableTimeRange: '-1h',
        parseableTimeRange: { type: 'BeginBoundedTimeRange', from: { type: 'RelativeTimeRangeBoundary', relativeTime: '-1h' }, to: null },
        timeZone: 'Etc/UTC',
        threshold: { thresholdType: 'message', operator: 'gt', count: 0 },
        notification: {
          taskType: 'EmailSearchNotificationSyncDefinition',
          toList: ['soc@example.com', 'ir@example.com'],
          subjectTemplate: 'Sigma: Feature test',
          includeQuery: true,
          includeResultSet: true,
          includeHistogram: false,
          includeCsvAttachment: false,
        },
        scheduleType: 'Custom',
        muteErrorEmails: false,
        parameters: [],
      },
    });
  });
  test('the collection is one importable folder', () => {
    const r = convert(sumo, yaml, {}, 'scheduled-search');
    const folder = JSON.parse(r.output) as { type: string; name: string; children: { type: string }[] };
    expect(folder.type).toBe('FolderSyncDefinition');
    expect(folder.name).toBe('sigmats');
    expect(folder.children.map((c) => c.type)).toEqual(['SavedSearchWithScheduleSyncDefinition']);
  });
});

describe('options and formats are checked', () => {
  test('unknown option', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`), { nope: 'x' });
    expect(r.errors.map((e) => e.code)).toEqual(['backend/invalid-option']);
  });
  test('bad extraction value', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`), { extraction: 'auto' });
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([['backend/invalid-option', "extraction must be 'json', 'keyvalue' or 'fer', not 'auto'"]]);
  });
  test('a scope cannot smuggle in pipe stages', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`), { scope: '_index=x | where true' });
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['backend/invalid-option']);
  });
  test('unknown format', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`), {}, 'splunk');
    expect(r.errors.map((e) => e.code)).toEqual(['backend/unknown-format']);
  });
});

describe('pipelines', () => {
  test('field_name_mapping renames before extraction; set_state sumo_scope replaces the scope', async () => {
    const { pipelineFromObject, loadCollection } = await import('@sigmats/core');
    const { pipeline, diagnostics } = pipelineFromObject(
      {
        name: 'tenant',
        priority: 10,
        transformations: [
          { id: 'scope', type: 'set_state', key: 'sumo_scope', val: '_sourceCategory=prod/windows/sysmon' },
          { id: 'names', type: 'field_name_mapping', mapping: { Image: 'process_path' } },
        ],
      },
      'tenant',
    );
    expect(diagnostics).toEqual([]);
    const c = loadCollection([{ text: ruleYaml(`sel:\n  Image|endswith: '\\x.exe'\ncondition: sel`, { logsource: '    product: test' }), file: 'rule.yml' }]);
    const r = sumo.convert(c, { pipelines: [pipeline!] });
    expect(r.diagnostics).toEqual([]);
    expect(r.rules[0]!.queries).toEqual([
      [
        '// assumes: JSON messages with the Sigma field names as keys (no documented collection for this log source)',
        '(_sourceCategory=prod/windows/sysmon)',
        '| json field=_raw "process_path" as process_path nodrop',
        '| where process_path matches /(?is)^.*\\x5cx\\.exe$/',
        '| sort by _messageTime desc',
      ].join('\n'),
    ]);
  });
});

describe('built-in pipeline sumo-windows-4688 (data, not default)', () => {
  const pipeline = sumo.pipelines.find((p) => p.name === 'sumo-windows-4688')!.pipeline;
  const logsource = '    category: process_creation\n    product: windows';
  test('Security channel, event id 4688 and field names; no scope invented', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  Image|endswith: '\\x.exe'\ncondition: sel`, { logsource }));
    expect(r.queries[0]!.split('\n')[3]).toBe('| where Channel = "Microsoft-Windows-Sysmon/Operational"'); // default: Sysmon
    const c = loadCollection([{ text: ruleYaml(`sel:\n  Image|endswith: '\\x.exe'\n  CommandLine|contains: 'y'\ncondition: sel`, { logsource }), file: 'rule.yml' }]);
    const with4688 = sumo.convert(c, { pipelines: [pipeline] });
    expect(with4688.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(with4688.rules[0]!.queries).toEqual([
      [
        '// assumes: Windows Event Log source (Installed Collector) in JSON format; Security channel, EventID 4688',
        '*',
        '| json field=_raw "Channel", "EventID", "EventData.NewProcessName", "EventData.CommandLine" as Channel, EventID, NewProcessName, CommandLine nodrop',
        '| where Channel = "Security"',
        '| where EventID = "4688"',
        '| where NewProcessName matches /(?is)^.*\\x5cx\\.exe$/ and toLowerCase(CommandLine) matches "*y*"',
        '| sort by _messageTime desc',
      ].join('\n'),
    ]);
  });
  test('User is refused under 4688: SubjectUserName is the creator (HOST$ for SYSTEM), not the account the process runs as', () => {
    const c = loadCollection([{ text: ruleYaml(`sel:\n  User: 'NT AUTHORITY\\SYSTEM'\ncondition: sel`, { logsource }), file: 'rule.yml' }]);
    const r = sumo.convert(c, { pipelines: [pipeline] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['pipeline/detection-item-failure']);
    expect(r.diagnostics[0]!.message).toMatch(/creator/);
  });
  test('Sysmon-only fields are a located error under 4688', () => {
    const c = loadCollection([{ text: ruleYaml(`sel:\n  OriginalFileName: 'a.exe'\ncondition: sel`, { logsource }), file: 'rule.yml' }]);
    const r = sumo.convert(c, { pipelines: [pipeline] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['pipeline/detection-item-failure', 10]]);
  });
});
