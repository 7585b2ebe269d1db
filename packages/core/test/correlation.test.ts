import { describe, expect, it } from 'vitest';
import { loadCollection, parseSigma, type CorrelationRule } from '../src/index.js';
import { codes, stripLoc } from './helpers.js';

const BASE = `title: Failed logon
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: failed_logon
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
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4624
    condition: selection
`;

function correlation(body: string, top = ''): { doc?: CorrelationRule; diagnostics: ReturnType<typeof parseSigma>['diagnostics'] } {
  const r = parseSigma(`title: Corr\n${top}correlation:\n${body}`, 'c.yml');
  const doc = r.documents[0];
  return { doc: doc?.kind === 'correlation' ? doc : undefined, diagnostics: r.diagnostics };
}

describe('correlation rules', () => {
  const table: { name: string; body: string; expected: Partial<CorrelationRule> }[] = [
    {
      name: 'event_count',
      body: '    type: event_count\n    rules:\n        - failed_logon\n    group-by:\n        - TargetUserName\n        - TargetDomainName\n    timespan: 5m\n    condition:\n        gte: 10\n',
      expected: {
        type: 'event_count',
        rules: [{ ref: 'failed_logon' }] as never,
        groupBy: ['TargetUserName', 'TargetDomainName'],
        timespan: { text: '5m', seconds: 300 } as never,
        condition: { kind: 'threshold', predicates: [{ op: 'gte', value: 10 }], fields: [] } as never,
        aliases: [],
        generate: false,
      },
    },
    {
      name: 'value_count with field, single-string rules and group-by',
      body: '    type: value_count\n    rules: failed_logon\n    group-by: IpAddress\n    timespan: 1h\n    condition:\n        field: TargetUserName\n        lt: 3\n',
      expected: { type: 'value_count', rules: [{ ref: 'failed_logon' }] as never, groupBy: ['IpAddress'], condition: { kind: 'threshold', predicates: [{ op: 'lt', value: 3 }], fields: ['TargetUserName'] } as never },
    },
    {
      name: 'range condition (AND-ed predicates)',
      body: '    type: event_count\n    rules: [failed_logon]\n    group-by: [u]\n    timespan: 90s\n    condition:\n        gt: 100\n        lte: 200\n',
      expected: { timespan: { text: '90s', seconds: 90 } as never, condition: { kind: 'threshold', predicates: [{ op: 'gt', value: 100 }, { op: 'lte', value: 200 }], fields: [] } as never },
    },
    {
      name: 'temporal with default condition (gte number of rules), aliases and generate',
      body: '    type: temporal\n    rules: [failed_logon, success_logon]\n    group-by: [user]\n    timespan: 10m\n    aliases:\n        user:\n            failed_logon: TargetUserName\n            success_logon: SubjectUserName\n    generate: true\n',
      expected: {
        type: 'temporal',
        condition: { kind: 'threshold', predicates: [{ op: 'gte', value: 2 }], fields: [] } as never,
        aliases: [{ name: 'user', fields: { failed_logon: 'TargetUserName', success_logon: 'SubjectUserName' } }] as never,
        generate: true,
      },
    },
    {
      name: 'value_percentile with percentile',
      body: '    type: value_percentile\n    rules: [failed_logon]\n    group-by: [u]\n    timespan: 1d\n    condition:\n        field: Image\n        percentile: 5\n        lte: 1\n',
      expected: { type: 'value_percentile', timespan: { text: '1d', seconds: 86400 } as never, condition: { kind: 'threshold', predicates: [{ op: 'lte', value: 1 }], fields: ['Image'], percentile: 5 } as never },
    },
    { name: 'value_sum', body: '    type: value_sum\n    rules: [failed_logon]\n    group-by: [u]\n    timespan: 1h\n    condition:\n        field: bytes\n        gt: 1000000\n', expected: { type: 'value_sum' } },
    { name: 'value_avg', body: '    type: value_avg\n    rules: [failed_logon]\n    group-by: [u]\n    timespan: 1h\n    condition:\n        field: bytes\n        gt: 10\n', expected: { type: 'value_avg' } },
    { name: 'value_median', body: '    type: value_median\n    rules: [failed_logon]\n    group-by: [u]\n    timespan: 1h\n    condition:\n        field: bytes\n        eq: 10\n', expected: { type: 'value_median' } },
    { name: 'temporal_ordered', body: '    type: temporal_ordered\n    rules: [failed_logon, success_logon]\n    group-by: [u]\n    timespan: 1h\n', expected: { type: 'temporal_ordered' } },
  ];
  it.each(table)('$name', ({ body, expected }) => {
    const { doc, diagnostics } = correlation(body);
    expect(diagnostics).toEqual([]);
    expect(stripLoc(doc)).toMatchObject(expected);
  });

  it('extended temporal condition (rules taken from the condition)', () => {
    const { doc, diagnostics } = correlation('    type: temporal\n    group-by: [u]\n    timespan: 10m\n    condition: failed_logon and not success_logon\n');
    expect(diagnostics).toEqual([]);
    expect(doc?.rules.map((r) => `${r.ref}@${r.loc.line}:${r.loc.column}`)).toEqual(['failed_logon@6:16', 'success_logon@6:37']);
    expect(stripLoc(doc?.condition)).toEqual({
      kind: 'extended',
      text: 'failed_logon and not success_logon',
      root: { kind: 'and', operands: [{ kind: 'identifier', name: 'failed_logon' }, { kind: 'not', operand: { kind: 'identifier', name: 'success_logon' } }] },
    });
  });

  it('specification test files (sigma-specification tests/): extended condition with upper-case AND, value_percentile without percentile', () => {
    const temporal = correlation('    type: temporal\n    rules:\n        - recon_cmd_a\n        - recon_cmd_b\n        - recon_cmd_c\n    group-by:\n        - ComputerName\n        - User\n    timespan: 5m\n    condition: recon_cmd_a AND recon_cmd_b AND recon_cmd_c\n');
    expect(temporal.diagnostics).toEqual([]);
    expect(stripLoc(temporal.doc?.condition)).toMatchObject({ kind: 'extended', root: { kind: 'and', operands: [{ name: 'recon_cmd_a' }, { name: 'recon_cmd_b' }, { name: 'recon_cmd_c' }] } });
    const percentile = correlation('    type: value_percentile\n    rules: \n        - process_creation\n    group-by:\n        - ComputerName\n    timespan: 24h\n    condition:\n        field: image\n        lte: 1');
    expect(percentile.diagnostics).toEqual([]);
    expect(stripLoc(percentile.doc?.condition)).toEqual({ kind: 'threshold', predicates: [{ op: 'lte', value: 1 }], fields: ['image'] });
  });

  it('generate at top level is accepted', () => {
    const { doc } = correlation('    type: temporal\n    rules: [a, b]\n    group-by: [u]\n    timespan: 1m\n', 'generate: true\n');
    expect(doc?.generate).toBe(true);
  });

  const errors: { name: string; body: string; expected: string[] }[] = [
    { name: 'unknown type', body: '    type: event_counts\n    rules: [a]\n    timespan: 5m\n', expected: ['correlation/invalid-type@3:11'] },
    { name: 'missing type', body: '    rules: [a]\n    timespan: 5m\n', expected: ['correlation/invalid-type@2:1'] },
    { name: 'bad timespan', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 1h30m\n    condition: {gte: 1}\n', expected: ['correlation/invalid-timespan@6:15'] },
    { name: 'zero timespan', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 0s\n    condition: {gte: 1}\n', expected: ['correlation/invalid-timespan@6:15'] },
    { name: 'negative timespan', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: -5m\n    condition: {gte: 1}\n', expected: ['correlation/invalid-timespan@6:15'] },
    { name: 'missing timespan', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    condition: {gte: 1}\n', expected: ['correlation/missing-field@2:1'] },
    { name: 'missing condition (non-temporal)', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n', expected: ['correlation/missing-field@2:1'] },
    { name: 'value_count without field', body: '    type: value_count\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: {gte: 1}\n', expected: ['correlation/missing-field@7:16'] },
    { name: 'no comparison', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: {field: x}\n', expected: ['correlation/invalid-condition@7:16'] },
    { name: 'non-numeric threshold', body: "    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: {gte: '10'}\n", expected: ['correlation/invalid-condition@7:22'] },
    { name: 'unknown condition key', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: {gtx: 1}\n', expected: ['correlation/invalid-condition@7:17'] },
    { name: 'string condition on event_count', body: '    type: event_count\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: a and b\n', expected: ['correlation/invalid-condition@7:16'] },
    { name: 'extended condition / rules mismatch', body: '    type: temporal\n    rules: [a, c]\n    group-by: [u]\n    timespan: 5m\n    condition: a and b\n', expected: ['correlation/invalid-condition@7:16', 'correlation/invalid-condition@4:16'] },
    { name: 'unknown correlation key', body: '    type: event_count\n    rules: [a]\n    groupby: [u]\n    timespan: 5m\n    condition: {gte: 1}\n', expected: ['schema/unknown-field@5:5'] },
    { name: 'percentile out of range', body: '    type: value_percentile\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: {field: x, lte: 1, percentile: 100}\n', expected: ['correlation/invalid-condition@7:47'] },
    { name: 'value_max (not in Sigma 2.1)', body: '    type: value_max\n    rules: [a]\n    group-by: [u]\n    timespan: 5m\n    condition: {field: x, gte: 1}\n', expected: ['correlation/invalid-type@3:11'] },
  ];
  it.each(errors)('error: $name', ({ body, expected }) => {
    const { doc, diagnostics } = correlation(body);
    expect(codes(diagnostics.filter((d) => d.severity === 'error'))).toEqual(expected);
    expect(doc).toBeUndefined();
  });

  it('warnings: missing group-by, w/M/y timespan units', () => {
    const { doc, diagnostics } = correlation('    type: event_count\n    rules: [a]\n    timespan: 2w\n    condition: {gte: 1}\n');
    expect(diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column}`)).toEqual([
      'warning correlation/invalid-timespan@5:15',
      'warning correlation/missing-field@2:1',
    ]);
    expect(doc?.timespan.seconds).toBe(14 * 86400);
    expect(doc?.groupBy).toEqual([]);
  });
});

describe('collections: references', () => {
  it('resolves references by name and id, chained correlations', () => {
    const corr = `title: Many failures
name: many_failures
correlation:
    type: event_count
    rules:
        - a8418a5a-5fc4-46b5-b23b-6c73beb19d41
    group-by: [TargetUserName]
    timespan: 5m
    condition:
        gte: 10
---
title: Failures then success
correlation:
    type: temporal_ordered
    rules: [many_failures, success_logon]
    group-by: [TargetUserName]
    timespan: 1h
`;
    const c = loadCollection([{ text: BASE, file: 'base.yml' }, { text: corr, file: 'corr.yml' }]);
    expect(c.diagnostics).toEqual([]);
    expect(c.correlations.map((x) => x.title)).toEqual(['Many failures', 'Failures then success']);
    expect(c.byRef.get('failed_logon')?.title).toBe('Failed logon');
    expect(c.byRef.get('a8418a5a-5fc4-46b5-b23b-6c73beb19d41')?.title).toBe('Failed logon');
    expect(c.byRef.get('many_failures')?.kind).toBe('correlation');
  });

  it('unresolved references are located errors; the correlation is left out', () => {
    const corr = 'title: C\ncorrelation:\n    type: temporal\n    rules:\n        - failed_logon\n        - nosuchrule\n    group-by: [u]\n    timespan: 5m\n';
    const c = loadCollection([{ text: BASE, file: 'base.yml' }, { text: corr, file: 'corr.yml' }]);
    expect(c.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['corr.yml:6:11 correlation/unresolved-reference']);
    expect(c.correlations).toEqual([]);
    expect(c.rules).toHaveLength(2);
  });

  it('detects cycles', () => {
    const text = 'title: A\nname: ca\ncorrelation:\n    type: temporal\n    rules: [cb]\n    group-by: [u]\n    timespan: 5m\n---\ntitle: B\nname: cb\ncorrelation:\n    type: temporal\n    rules: [ca]\n    group-by: [u]\n    timespan: 5m\n---\ntitle: C\ncorrelation:\n    type: temporal\n    rules: [ca]\n    group-by: [u]\n    timespan: 5m\n';
    const c = loadCollection([{ text, file: 'cyc.yml' }]);
    expect(c.diagnostics.map((d) => d.code)).toEqual(['correlation/cycle']);
    expect(c.diagnostics[0]?.message).toContain('ca → cb → ca');
    expect(c.correlations).toEqual([]);
  });

  it('duplicate ids and names are warnings; the last one wins', () => {
    const text = BASE + '---\n' + BASE.split('---\n')[0]!.replace('Failed logon', 'Failed logon 2');
    const c = loadCollection([{ text, file: 'dup.yml' }]);
    expect(c.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column}`)).toEqual([
      'warning collection/duplicate-id@23:5',
      'warning collection/duplicate-name@24:7',
    ]);
    expect(c.byRef.get('failed_logon')?.title).toBe('Failed logon 2');
  });

  it('aliases must name correlated rules', () => {
    const corr = 'title: C\ncorrelation:\n    type: temporal\n    rules: [failed_logon, success_logon]\n    group-by: [user]\n    timespan: 5m\n    aliases:\n        user:\n            failed_logon: TargetUserName\n            nosuch: SubjectUserName\n';
    const c = loadCollection([{ text: BASE, file: 'base.yml' }, { text: corr, file: 'corr.yml' }]);
    expect(c.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(['corr.yml:8:9 correlation/invalid-alias']);
    expect(c.correlations).toEqual([]);
  });
});
