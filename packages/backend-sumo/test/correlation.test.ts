import { loadCollection } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { sumo, sumoCse, validateSumoQuery } from '../src/index.js';

const FAILED_LOGON = `title: Failed logon
id: 5f6e7d8c-0000-4000-8000-000000000001
name: failed_logon
status: test
logsource:
    product: windows
    service: security
detection:
    sel:
        EventID: 4625
    condition: sel
`;
const SUCCESS_LOGON = `title: Successful logon
id: 5f6e7d8c-0000-4000-8000-000000000002
name: success_logon
status: test
logsource:
    product: windows
    service: security
detection:
    sel:
        EventID: 4624
    condition: sel
`;

function correlation(body: string): string {
  return `title: Correlation
id: 5f6e7d8c-0000-4000-8000-0000000000c1
status: test
correlation:
${body}
`;
}

interface Row {
  readonly name: string;
  readonly docs: readonly string[];
  readonly query: string;
}

/** No scope configured: every message, the Security channel selected after extraction. */
const SCOPE = '// assumes: Windows Event Log source (Installed Collector) in JSON format; Security channel\n*';

const rows: Row[] = [
  {
    name: 'event_count: timeslice + count by + where',
    docs: [FAILED_LOGON, correlation('    type: event_count\n    rules:\n        - failed_logon\n    group-by:\n        - TargetUserName\n    timespan: 5m\n    condition:\n        gte: 10')],
    query: [
      SCOPE,
      '| json field=_raw "Channel", "EventID", "EventData.TargetUserName" as Channel, EventID, TargetUserName nodrop',
      '| where (Channel = "Security") and (EventID = "4625")',
      '| timeslice 5m',
      '| count as event_count by _timeslice, TargetUserName',
      '| where event_count >= 10',
    ].join('\n'),
  },
  {
    name: 'value_count: count_distinct',
    docs: [FAILED_LOGON, correlation('    type: value_count\n    rules:\n        - failed_logon\n    group-by:\n        - IpAddress\n    timespan: 1h\n    condition:\n        field: TargetUserName\n        gt: 5')],
    query: [
      SCOPE,
      '| json field=_raw "Channel", "EventID", "EventData.IpAddress", "EventData.TargetUserName" as Channel, EventID, IpAddress, TargetUserName nodrop',
      '| where (Channel = "Security") and (EventID = "4625")',
      '| timeslice 1h',
      '| count_distinct(TargetUserName) as value_count by _timeslice, IpAddress',
      '| where value_count > 5',
    ].join('\n'),
  },
  {
    name: 'temporal: each rule tagged with if(…, 1, 0), all tags required in the window',
    docs: [
      FAILED_LOGON,
      SUCCESS_LOGON,
      correlation('    type: temporal\n    rules:\n        - failed_logon\n        - success_logon\n    group-by:\n        - TargetUserName\n    timespan: 10m'),
    ],
    query: [
      SCOPE,
      '| json field=_raw "Channel", "EventID", "EventData.TargetUserName" as Channel, EventID, TargetUserName nodrop',
      '| if((Channel = "Security") and (EventID = "4625"), 1, 0) as sigma_rule_0',
      '| if((Channel = "Security") and (EventID = "4624"), 1, 0) as sigma_rule_1',
      '| where sigma_rule_0 = 1 or sigma_rule_1 = 1',
      '| timeslice 10m',
      '| sum(sigma_rule_0) as rule_0_hits, sum(sigma_rule_1) as rule_1_hits by _timeslice, TargetUserName',
      '| where rule_0_hits > 0 and rule_1_hits > 0',
    ].join('\n'),
  },
];

function run(docs: readonly string[], backend = sumo) {
  const c = loadCollection([{ text: docs.join('---\n'), file: 'corr.yml' }]);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return backend.convert(c);
}

describe('correlations (log search)', () => {
  test.each(rows)('$name', ({ docs, query }) => {
    const r = run(docs);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const corr = r.rules.find((x) => x.document.kind === 'correlation')!;
    expect(corr.queries).toEqual([query]);
    expect(validateSumoQuery(query)).toEqual([]);
  });

  test('temporal_ordered: a located error', () => {
    const r = run([FAILED_LOGON, SUCCESS_LOGON, correlation('    type: temporal_ordered\n    rules:\n        - failed_logon\n        - success_logon\n    timespan: 10m')]);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => [e.code, e.rule])).toEqual([['backend/unsupported-correlation', '5f6e7d8c-0000-4000-8000-0000000000c1']]);
    expect(errors[0]!.line).toBeGreaterThan(0);
  });

});

const WIN = "metadata_vendor = 'Microsoft' and metadata_product = 'Windows'";

describe('correlations (CSE threshold and chain rules)', () => {
  const common = {
    name: 'Correlation',
    description: 'Sigma correlation 5f6e7d8c-0000-4000-8000-0000000000c1',
    enabled: true,
    is_prototype: true,
    severity: 1,
    summary_expression: 'Correlation',
    entity_selectors: [
      { entity_type: '_hostname', expression: 'device_hostname' },
      { entity_type: '_username', expression: 'user_username' },
    ],
    tags: [],
  };
  test.each<[string, readonly string[], Record<string, unknown>]>([
    [
      'event_count → threshold rule',
      [FAILED_LOGON, correlation('    type: event_count\n    rules:\n        - failed_logon\n    group-by:\n        - TargetUserName\n    timespan: 5m\n    condition:\n        gt: 9')],
      {
        rule_type: 'threshold',
        ...common,
        expression: `${WIN} and metadata_deviceEventId = 'Security-4625'`,
        // The 4625 mapping copies TargetUserName into user_username.
        group_by_fields: ['user_username'],
        limit: 10,
        count_distinct: false,
        window_size: 'T05M',
      },
    ],
    [
      'value_count → distinct threshold, custom window',
      [FAILED_LOGON, correlation('    type: value_count\n    rules:\n        - failed_logon\n    group-by:\n        - Computer\n    timespan: 2h\n    condition:\n        field: TargetUserName\n        gte: 5')],
      {
        rule_type: 'threshold',
        ...common,
        expression: `${WIN} and metadata_deviceEventId = 'Security-4625'`,
        group_by_fields: ['device_hostname'],
        limit: 5,
        count_distinct: true,
        count_field: 'user_username',
        window_size: 'CUSTOM',
        window_size_millis: '7200000',
      },
    ],
    [
      'temporal_ordered → ordered chain rule',
      [FAILED_LOGON, SUCCESS_LOGON, correlation('    type: temporal_ordered\n    rules:\n        - failed_logon\n        - success_logon\n    group-by:\n        - TargetUserName\n    timespan: 10m')],
      {
        rule_type: 'chain',
        ...common,
        expressions_and_limits: [
          { expression: `${WIN} and metadata_deviceEventId = 'Security-4625'`, limit: 1 },
          { expression: `${WIN} and metadata_deviceEventId = 'Security-4624'`, limit: 1 },
        ],
        group_by_fields: ['user_username'],
        ordered: true,
        window_size: 'T10M',
      },
    ],
  ])('%s', (_name, docs, expected) => {
    const r = run(docs, sumoCse);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.rules.map((x) => x.document.kind)).toEqual(['correlation']);
    expect(JSON.parse(r.rules[0]!.output)).toEqual(expected);
  });

  const psRule = (logsource: string, detection: string) =>
    `title: PowerShell\nid: 5f6e7d8c-0000-4000-8000-000000000003\nname: ps\nstatus: test\nlogsource:\n    product: windows\n${logsource}\ndetection:\n    sel:\n${detection}\n    condition: sel\n`;
  const psCount = correlation('    type: event_count\n    rules:\n        - ps\n    group-by:\n        - Computer\n    timespan: 5m\n    condition:\n        gt: 1');

  test('ps_script: group-by read through the 4104 mapping, whose scope takes the bare id too (mappings/674d9351-….md:10)', () => {
    const r = run([psRule('    category: ps_script', "        ScriptBlockText|contains: 'x'"), psCount], sumoCse);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rule = JSON.parse(r.rules[0]!.output) as Record<string, unknown>;
    expect(rule['expression']).toBe(
      `${WIN} and (lower(metadata_deviceEventId) = 'microsoft-windows-powershell/operational-4104' or metadata_deviceEventId = '4104') and (commandLine matches /(?is)^.*x.*$/)`,
    );
    expect(rule['group_by_fields']).toEqual(['device_hostname']);
  });

  test("a channel rule's scope names no event type, though it lists the ids its mappings take in other spellings", () => {
    // Before those ids were in the scope, such a rule had no ids for its group-by either: refused alike.
    const r = run([psRule('    service: powershell', "        ScriptBlockText|contains: 'x'"), psCount], sumoCse);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      "group-by field 'Computer' is not one CSE normalized field in every referenced event type",
    ]);
  });

  test('lt has no CSE equivalent: a located error', () => {
    const r = run([FAILED_LOGON, correlation('    type: event_count\n    rules:\n        - failed_logon\n    timespan: 5m\n    condition:\n        lt: 3')], sumoCse);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['backend/unsupported-correlation', "condition 'lt': CSE threshold rules fire at a lower bound only (gt/gte)"],
    ]);
    expect(errors[0]!.line).toBeGreaterThan(0);
  });
});
