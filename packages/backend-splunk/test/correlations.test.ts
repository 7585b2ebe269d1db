import { formatDiagnostic, loadCollection } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { splunkBackend } from '../src/index.js';

const BASE = `
title: Failed logon
name: failed_logon
id: 0e95725d-7320-415d-80f7-004da920fc11
status: test
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
---
title: Successful logon
name: success_logon
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
status: test
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4624
    condition: selection
---
title: Suspicious logon tool
name: tool_logon
id: 9f1a3b7e-1c4e-4c55-9a3e-6f2f5a7b8c90
status: test
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4648
        ProcessName|re: '(?i)\\\\psexe.?c\\.exe$'
    condition: selection
`;

function correlation(body: string): string {
  return `${BASE}---\ntitle: Correlation\nid: 7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f\nstatus: test\nlevel: high\ncorrelation:\n${body
    .trim()
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n')}\n`;
}

/** Correlation block → the exact SPL (or the error codes when it must fail). */
const CORRELATIONS: readonly { readonly name: string; readonly body: string; readonly spl: string }[] = [
  {
    name: 'event_count',
    body: 'type: event_count\nrules: [failed_logon]\ngroup-by: [TargetUserName, TargetDomainName]\ntimespan: 5m\ncondition:\n    gte: 10',
    spl: 'EventID=4625\n| bin _time span=5m\n| stats count as event_count by _time TargetUserName TargetDomainName\n| where event_count>=10',
  },
  {
    name: 'event_count range, no group-by',
    body: 'type: event_count\nrules: [failed_logon]\ntimespan: 1h\ncondition:\n    gt: 10\n    lte: 100',
    spl: 'EventID=4625\n| bin _time span=1h\n| stats count as event_count by _time\n| where event_count>10 AND event_count<=100',
  },
  {
    name: 'value_count',
    body: 'type: value_count\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 1h\ncondition:\n    field: TargetUserName\n    lt: 3',
    spl: 'EventID=4625\n| bin _time span=1h\n| stats dc(TargetUserName) as value_count by _time IpAddress\n| where value_count<3',
  },
  {
    name: 'value_sum',
    body: 'type: value_sum\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 90s\ncondition:\n    field: Bytes\n    gt: 1000',
    spl: 'EventID=4625\n| bin _time span=90s\n| stats sum(Bytes) as value_sum by _time IpAddress\n| where value_sum>1000',
  },
  {
    name: 'value_avg',
    body: 'type: value_avg\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 1d\ncondition:\n    field: Bytes\n    gte: 5.5',
    spl: 'EventID=4625\n| bin _time span=1d\n| stats avg(Bytes) as value_avg by _time IpAddress\n| where value_avg>=5.5',
  },
  {
    name: 'value_percentile',
    body: 'type: value_percentile\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 10m\ncondition:\n    field: Bytes\n    percentile: 95\n    gt: 100',
    spl: 'EventID=4625\n| bin _time span=10m\n| stats perc95(Bytes) as value_percentile by _time IpAddress\n| where value_percentile>100',
  },
  {
    name: 'value_median',
    body: 'type: value_median\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 10m\ncondition:\n    field: Bytes\n    lt: 7',
    spl: 'EventID=4625\n| bin _time span=10m\n| stats median(Bytes) as value_median by _time IpAddress\n| where value_median<7',
  },
  {
    name: 'temporal over two rules (multisearch)',
    body: 'type: temporal\nrules: [failed_logon, success_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m',
    spl:
      '| multisearch\n[ search EventID=4625 | eval event_type="failed_logon" ]\n[ search EventID=4624 | eval event_type="success_logon" ]\n' +
      '| bin _time span=10m\n| stats dc(event_type) as event_type_count by _time TargetUserName\n| where event_type_count>=2',
  },
  {
    name: 'temporal with a regex rule keeps its regex stage inside the subsearch',
    body: 'type: temporal\nrules: [failed_logon, tool_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m',
    spl:
      '| multisearch\n[ search EventID=4625 | eval event_type="failed_logon" ]\n[ search EventID=4648 | regex ProcessName="(?i)\\\\\\\\psexe.?c\\\\.exe$" | eval event_type="tool_logon" ]\n' +
      '| bin _time span=10m\n| stats dc(event_type) as event_type_count by _time TargetUserName\n| where event_type_count>=2',
  },
  {
    name: 'temporal_ordered (two rules: exact via first/last times)',
    body: 'type: temporal_ordered\nrules: [failed_logon, success_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m',
    spl:
      '| multisearch\n[ search EventID=4625 | eval event_type="failed_logon" ]\n[ search EventID=4624 | eval event_type="success_logon" ]\n' +
      '| bin _time span=10m\n| stats dc(event_type) as event_type_count min(eval(if(event_type="failed_logon", _time, null()))) as first_0 min(eval(if(event_type="success_logon", _time, null()))) as first_1 max(eval(if(event_type="failed_logon", _time, null()))) as last_0 max(eval(if(event_type="success_logon", _time, null()))) as last_1 by _time TargetUserName\n' +
      '| where event_type_count>=2 AND first_0<last_1',
  },
  {
    name: 'extended temporal condition',
    body: 'type: temporal\nrules: [failed_logon, success_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m\ncondition: failed_logon and not success_logon',
    spl:
      '| multisearch\n[ search EventID=4625 | eval event_type="failed_logon" ]\n[ search EventID=4624 | eval event_type="success_logon" ]\n' +
      '| bin _time span=10m\n| stats values(event_type) as event_types by _time TargetUserName\n| search event_types="failed_logon" AND NOT event_types="success_logon"',
  },
  {
    name: 'aliases rename per rule',
    body:
      'type: temporal\nrules: [failed_logon, success_logon]\ngroup-by: [user]\ntimespan: 10m\naliases:\n    user:\n        failed_logon: TargetUserName\n        success_logon: SubjectUserName',
    spl:
      '| multisearch\n[ search EventID=4625 | rename TargetUserName as user | eval event_type="failed_logon" ]\n[ search EventID=4624 | rename SubjectUserName as user | eval event_type="success_logon" ]\n' +
      '| bin _time span=10m\n| stats dc(event_type) as event_type_count by _time user\n| where event_type_count>=2',
  },
];

describe('correlations', () => {
  test.each(CORRELATIONS.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const collection = loadCollection([{ text: correlation(c.body), file: 'corr.yml' }]);
    expect(collection.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    const r = splunkBackend.convert(collection);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    const corr = r.rules.find((x) => x.document.kind === 'correlation')!;
    expect(corr.queries).toEqual([c.spl]);
    expect(splunkBackend.validate(c.spl)).toEqual([]);
  });

  test('temporal_ordered over three rules warns that only adjacent pairs are ordered', () => {
    const c = loadCollection([{ text: correlation('type: temporal_ordered\nrules: [failed_logon, success_logon, tool_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m'), file: 'corr.yml' }]);
    const r = splunkBackend.convert(c);
    // (the referenced Windows rules also warn that no Windows add-on pipeline is applied)
    expect(r.diagnostics.filter((d) => d.severity === 'warning' && !/no Windows add-on pipeline/.test(d.message)).map((d) => d.code)).toEqual(['backend/unsupported-correlation']);
    expect(r.rules.find((x) => x.document.kind === 'correlation')!.queries[0]).toContain('| where event_type_count>=3 AND first_0<last_1 AND first_1<last_2');
  });

  test('data_model format cannot hold a correlation', () => {
    const c = loadCollection([{ text: correlation('type: event_count\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 5m\ncondition:\n    gte: 10'), file: 'corr.yml' }]);
    const r = splunkBackend.convert(c, { format: 'data_model' });
    expect(r.rules).toEqual([]);
  });

  test('savedsearches: multisearch lines are continuation lines, not stanza headers', () => {
    const c = loadCollection([{ text: correlation('type: temporal\nrules: [failed_logon, success_logon]\ngroup-by: [TargetUserName]\ntimespan: 10m'), file: 'corr.yml' }]);
    const out = splunkBackend.convert(c, { format: 'savedsearches' }).output;
    expect(out).toContain(
      [
        '[Correlation]',
        'search = | multisearch \\',
        '[ search EventID=4625 | eval event_type="failed_logon" ] \\',
        '[ search EventID=4624 | eval event_type="success_logon" ] \\',
        '| bin _time span=10m \\',
      ].join('\n'),
    );
  });

  test('savedsearches stanza for a correlation', () => {
    const c = loadCollection([{ text: correlation('type: event_count\nrules: [failed_logon]\ngroup-by: [IpAddress]\ntimespan: 5m\ncondition:\n    gte: 10'), file: 'corr.yml' }]);
    const r = splunkBackend.convert(c, { format: 'savedsearches' });
    expect(r.rules.find((x) => x.document.kind === 'correlation')!.output).toBe(
      [
        '[Correlation]',
        'search = EventID=4625 \\',
        '| bin _time span=5m \\',
        '| stats count as event_count by _time IpAddress \\',
        '| where event_count>=10',
        'cron_schedule = */15 * * * *',
        'enableSched = 1',
        'dispatch.earliest_time = -20m@m',
        'dispatch.latest_time = now',
        'counttype = number of events',
        'relation = greater than',
        'quantity = 0',
        'alert.track = 1',
        'alert.severity = 5',
      ].join('\n'),
    );
  });
});
