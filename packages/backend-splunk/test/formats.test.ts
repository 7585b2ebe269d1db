import { loadCollection } from '@sigmats/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splunkBackend } from '../src/index.js';
import { confValue, stanzaName } from '../src/formats/savedsearches.js';
import { convert, errors, query, rule } from './helpers/convert.js';

/** Options and formats: a rule, options → exact output. */
const OPTIONS: readonly { readonly name: string; readonly options: Record<string, string | boolean>; readonly detection: string; readonly spl: string }[] = [
  { name: 'index', options: { index: 'win' }, detection: 'sel:\n  A: 1\ncondition: sel', spl: 'index="win" A=1' },
  {
    name: 'index, source, sourcetype, with a wildcard',
    options: { index: 'win*', source: 'XmlWinEventLog:Security', sourcetype: 'XmlWinEventLog' },
    detection: 'sel:\n  A: 1\ncondition: sel',
    spl: 'index="win*" source="XmlWinEventLog:Security" sourcetype="XmlWinEventLog" A=1',
  },
  { name: 'scope before an OR groups it', options: { index: 'win' }, detection: 'sel:\n  - A: 1\n  - B: 2\ncondition: sel', spl: 'index="win" (A=1 OR B=2)' },
  { name: 'scope with a where-only condition', options: { index: 'win' }, detection: "sel:\n  A|re: x\ncondition: not sel", spl: 'index="win" | where NOT (isnotnull(A) AND match(A, "x"))' },
  { name: 'quote in an option value', options: { index: 'a"b' }, detection: 'sel:\n  A: 1\ncondition: sel', spl: 'index="a\\"b" A=1' },
];

describe('options', () => {
  test.each(OPTIONS.map((o) => [o.name, o] as const))('%s', (_, o) => {
    expect(query(rule(o.detection), { options: o.options })).toBe(o.spl);
  });
  test('unknown option', () => {
    const r = convert(rule('sel:\n  A: 1\ncondition: sel'), { options: { indx: 'x' } });
    expect(r.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(["backend/invalid-option: unknown option 'indx' for Splunk SPL"]);
  });
  test('bad option value', () => {
    expect(errors(rule('sel:\n  A: 1\ncondition: sel'), { options: { index: 'a\nb' } })).toEqual([
      "backend/invalid-option: option 'index' must be a non-empty single-line string",
    ]);
  });
  test('table: false drops the | table', () => {
    const yaml = rule('sel:\n  A: 1\ncondition: sel', 'fields:\n    - A\n    - "B C"');
    expect(convert(yaml).output).toBe('A=1 | table A,"B C"');
    expect(convert(yaml, { options: { table: false } }).output).toBe('A=1');
  });
});

describe('savedsearches', () => {
  test('stanza names lose brackets and line breaks', () => {
    expect(stanzaName('Detect [x]\nthing')).toBe('Detect x thing');
  });
  test('multi-line values continue with a backslash; a trailing backslash in text is dropped', () => {
    expect(confValue('description', 'line one\nends with \\\nlast')).toBe('description = line one \\\nends with \\\nlast');
    expect(confValue('description', 'a\\\\')).toBe('description = a');
  });
  test('values agree with the regular-expression reading, and a long run of backslashes inside a line stays linear', () => {
    const reference = (key: string, value: string): string =>
      `${key} = ${value.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n').map((l) => l.replace(/\\+$/, '').trimEnd()).join(' \\\n')}`;
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom('a', ' ', '\\', '\n', '\r', '\t') }), (v) => {
        expect(confValue('k', v)).toBe(reference('k', v));
      }),
      { numRuns: 2000 },
    );
    // The fuzz campaign's input: 17,000 backslashes inside a value took 3.7 s through /\\+$/ (quadratic backtracking).
    const long = `x${'\\'.repeat(50_000)}y\\\n${'\n'.repeat(50_000)}z`;
    expect(confValue('k', long)).toBe(`k = x${'\\'.repeat(50_000)}y \\\n${' \\\n'.repeat(50_000)}z`);
  });
  test('options, severity, annotations, duplicate titles', () => {
    const yaml = (id: string, level: string): string =>
      rule('sel:\n  A: 1\ncondition: sel', `tags:\n    - attack.execution\n    - attack.t1059.001\n    - attack.t1219`).replace('5b0e6b0e-0000-4000-8000-000000000001', id).replace('level: medium', `level: ${level}`);
    const c = loadCollection([
      { text: yaml('5b0e6b0e-0000-4000-8000-000000000001', 'critical'), file: 'a.yml' },
      { text: yaml('5b0e6b0e-0000-4000-8000-000000000002', 'informational'), file: 'b.yml' },
    ]);
    const r = splunkBackend.convert(c, { format: 'savedsearches', options: { cron_schedule: '0 * * * *', earliest_time: '-1h', latest_time: '-5m' } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const stanza = (name: string, severity: number): string =>
      [
        `[${name}]`,
        'search = A=1',
        'cron_schedule = 0 * * * *',
        'enableSched = 1',
        'dispatch.earliest_time = -1h',
        'dispatch.latest_time = -5m',
        'counttype = number of events',
        'relation = greater than',
        'quantity = 0',
        'alert.track = 1',
        `alert.severity = ${severity}`,
        'action.correlationsearch.annotations = {"mitre_attack":["T1059.001","T1219"]}',
      ].join('\n');
    expect(r.output).toBe(
      ['[default]\ndispatch.earliest_time = -30d\ndispatch.latest_time = now', stanza('Test Rule', 6), stanza('Test Rule (2)', 2)].join('\n\n') + '\n',
    );
  });
});

describe('data_model', () => {
  const cim = { format: 'data_model', pipelineNames: ['cim'] } as const;
  const head =
    '| tstats summariesonly=false allow_old_summaries=true fillnull_value="null" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes';
  const tail = ' | `drop_dm_object_name(Processes)` | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ctime(lastTime)';
  const ROWS: readonly { readonly name: string; readonly detection: string; readonly spl: string; readonly options?: Record<string, string | boolean> }[] = [
    {
      name: 'AND/OR with where precedence',
      detection: "sel:\n  Image|endswith: '\\a.exe'\n  CommandLine|contains: ['x', 'y']\nsel2:\n  User: 'SYSTEM'\ncondition: sel or sel2",
      spl: `${head} where (Processes.process_path="*\\\\a.exe" AND Processes.process IN ("*x*", "*y*")) OR Processes.user="SYSTEM" by Processes.process_path Processes.process Processes.user${tail}`,
    },
    {
      name: 'regex becomes a post-filter on the grouped rows',
      detection: "sel:\n  Image|endswith: '\\a.exe'\n  CommandLine|re: 'x\\d'\ncondition: sel",
      spl: `${head} where Processes.process_path="*\\\\a.exe" by Processes.process_path Processes.process${tail} | where match(process, "x\\\\d")`,
    },
    {
      name: 'null in the post-filter reads the fillnull text',
      detection: "sel:\n  - CommandLine|re: 'x'\n  - OriginalFileName: null\ncondition: sel",
      spl: `${head} by Processes.process Processes.original_file_name${tail} | where match(process, "x") OR original_file_name=="null"`,
    },
    {
      name: 'index scope is not prefixed; summariesonly option',
      options: { index: 'edr', summariesonly: true },
      detection: "sel:\n  User: 'x'\ncondition: sel",
      spl: `${head.replace('summariesonly=false', 'summariesonly=true')} where index="edr" AND Processes.user="x" by Processes.user${tail}`,
    },
  ];
  test.each(ROWS.map((r) => [r.name, r] as const))('%s', (_, r) => {
    expect(query(rule(r.detection), { ...cim, ...(r.options ? { options: r.options } : {}) })).toBe(r.spl);
  });
  test("the rule's fields join the by clause only when the data model has them", () => {
    const yaml = rule("sel:\n  User: 'x'\ncondition: sel", 'fields:\n    - CommandLine\n    - Company');
    expect(convert(yaml, cim).output).toBe(
      `${head} where Processes.user="x" by Processes.user Processes.process${tail} | table process,Company`,
    );
  });
  test('keywords cannot be searched in a data model', () => {
    expect(errors(rule("sel:\n  CommandLine|re: 'x'\nkw:\n  - foo\ncondition: sel or kw"), cim)).toEqual([
      'backend/unsupported-feature: keyword searches over _raw are not possible on a data model (tstats)',
    ]);
    expect(errors(rule("sel:\n  User: x\nkw:\n  - foo\ncondition: sel and kw"), cim)).toEqual([
      'backend/unsupported-feature: keyword searches over _raw are not possible on a data model (tstats)',
    ]);
  });
  test('the cim pipeline rejects other categories and unmapped fields', () => {
    expect(errors(rule('sel:\n  Company: x\ncondition: sel'), cim)).toEqual(['pipeline/unmapped-field: field Company has no counterpart in the CIM Endpoint.Processes data model']);
    const net = rule('sel:\n  A: 1\ncondition: sel').replace('category: process_creation', 'category: network_connection');
    expect(errors(net, cim)).toEqual(['pipeline/rule-failure: the cim pipeline maps process_creation rules only (Endpoint.Processes data model)']);
  });
  test('data_model without the cim pipeline', () => {
    expect(errors(rule('sel:\n  A: 1\ncondition: sel'), { format: 'data_model' })).toEqual([
      'backend/unsupported-feature: the data_model format needs a data model pipeline (use the cim pipeline)',
    ]);
  });
  test('unknown format', () => {
    const r = convert(rule('sel:\n  A: 1\ncondition: sel'), { format: 'xml' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['backend/unknown-format']);
  });
});
