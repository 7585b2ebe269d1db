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

const rows: Row[] = [
  {
    name: 'Windows process_creation: Sysmon scope, EID 1, json extraction of EventData',
    logsource: '    category: process_creation\n    product: windows',
    detection: `sel:\n  Image|endswith: '\\x.exe'\n  Computer: 'h'\ncondition: sel`,
    query: [
      '(_sourceCategory=*windows*sysmon*)',
      '| json field=_raw "EventID", "EventData.Image", "Computer" as EventID, Image, Computer nodrop',
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
      '(_sourceCategory=*windows*sysmon*)',
      '| json field=_raw "EventID", "EventData.TargetObject" as EventID, TargetObject nodrop',
      '| where EventID in ("12", "13", "14")',
      '| where toLowerCase(TargetObject) matches "*run*"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'Windows service: scope by service, EventID as written',
    logsource: '    product: windows\n    service: security',
    detection: `sel:\n  EventID: 4624\n  LogonType: 10\ncondition: sel`,
    query: [
      '(_sourceCategory=*windows*security*)',
      '| json field=_raw "EventID", "EventData.LogonType" as EventID, LogonType nodrop',
      '| where EventID = "4624" and LogonType = "10"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'rule fields: extracted and listed',
    logsource: '    category: process_creation\n    product: linux',
    detection: `sel:\n  Image|endswith: '/curl'\ncondition: sel`,
    extra: 'fields:\n    - CommandLine\n    - User',
    query: [
      '(_sourceCategory=*linux*process_creation*)',
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
      '(_sourceCategory=*webserver*)',
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
      '(_sourceCategory=*test*)',
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
      '(_sourceCategory=*test*)',
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
      '(_sourceCategory=*azure*activitylogs*)',
      '| json field=_raw "properties.message" as properties_message nodrop',
      '| where toLowerCase(properties_message) = "x"',
      '| sort by _messageTime desc',
    ].join('\n'),
  },
  {
    name: 'FER mode: fields used as named, %"…" when not identifiers',
    logsource: '    category: webserver',
    detection: `sel:\n  c-uri|contains: '/admin'\n  status: 200\ncondition: sel`,
    options: { extraction: 'fer' },
    query: ['(_sourceCategory=*webserver*)', '| where toLowerCase(%"c-uri") matches "*/admin*" and status = "200"', '| sort by _messageTime desc'].join('\n'),
  },
  {
    name: 'scope and jsonField options',
    logsource: '    product: test',
    detection: `sel:\n  a: 'x'\ncondition: sel`,
    options: { scope: '_index=sec AND _sourceCategory=prod/app', jsonField: 'message' },
    query: ['(_index=sec AND _sourceCategory=prod/app)', '| json field=message "a" as a nodrop', '| where toLowerCase(a) = "x"', '| sort by _messageTime desc'].join('\n'),
  },
  {
    name: 'index option: a partition ANDed with the scope',
    logsource: '    product: test',
    detection: `sel:\n  a: 'x'\ncondition: sel`,
    options: { index: 'sec_windows' },
    query: ['_index=sec_windows AND (_sourceCategory=*test*)', '| json field=_raw "a" as a nodrop', '| where toLowerCase(a) = "x"', '| sort by _messageTime desc'].join('\n'),
  },
  {
    name: 'built-in Sumo fields are not extracted',
    logsource: '    product: test',
    detection: `sel:\n  _sourceHost: 'h1'\ncondition: sel`,
    query: ['(_sourceCategory=*test*)', '| where toLowerCase(_sourceHost) = "h1"', '| sort by _messageTime desc'].join('\n'),
  },
];

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
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([['backend/invalid-option', "extraction must be 'json' or 'fer', not 'auto'"]]);
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
  test('Security 4688 scope, event id and field names', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  Image|endswith: '\\x.exe'\n  User: 'a'\ncondition: sel`, { logsource }));
    expect(r.queries[0]!.split('\n')[0]).toBe('(_sourceCategory=*windows*sysmon*)'); // default: Sysmon
    const c = loadCollection([{ text: ruleYaml(`sel:\n  Image|endswith: '\\x.exe'\n  User: 'a'\ncondition: sel`, { logsource }), file: 'rule.yml' }]);
    const with4688 = sumo.convert(c, { pipelines: [pipeline] });
    expect(with4688.diagnostics).toEqual([]);
    expect(with4688.rules[0]!.queries).toEqual([
      [
        '(_sourceCategory=*windows*security*)',
        '| json field=_raw "EventID", "EventData.NewProcessName", "EventData.SubjectUserName" as EventID, NewProcessName, SubjectUserName nodrop',
        '| where EventID = "4688"',
        '| where NewProcessName matches /(?is)^.*\\x5cx\\.exe$/ and toLowerCase(SubjectUserName) = "a"',
        '| sort by _messageTime desc',
      ].join('\n'),
    ]);
  });
  test('Sysmon-only fields are a located error under 4688', () => {
    const c = loadCollection([{ text: ruleYaml(`sel:\n  OriginalFileName: 'a.exe'\ncondition: sel`, { logsource }), file: 'rule.yml' }]);
    const r = sumo.convert(c, { pipelines: [pipeline] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['pipeline/detection-item-failure', 10]]);
  });
});
