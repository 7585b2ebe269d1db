import { describe, expect, it } from 'vitest';
import { finalizeQueries, parsePipeline, postprocessQuery } from '../../src/pipeline/index.js';
import { correlation, rule } from './helpers.js';

const r = rule({
  title: 'Whoami',
  id: 'abc',
  logsource: { category: 'process_creation', product: 'windows' },
  detection: { sel: { Image: 'x' } },
  condition: 'sel',
  tags: ['attack.t1033'],
  level: 'low',
  custom: { team: 'blue' },
});

const pipe = (yaml: string) => {
  const p = parsePipeline(yaml, 'pp.yml');
  expect(p.diagnostics).toEqual([]);
  return p.pipeline!;
};

interface PostRow {
  name: string;
  yaml: string;
  state?: Record<string, unknown>;
  expected: string;
}

const POST: PostRow[] = [
  { name: 'embed', yaml: "postprocessing:\n  - type: embed\n    prefix: '('\n    suffix: ')'\n", expected: '(Q)' },
  {
    name: 'simple_template with query, rule attributes and state',
    yaml: "postprocessing:\n  - type: simple_template\n    template: '{pipeline.state[index]}|{rule.title}|{rule.level}|{rule.logsource.product}|{rule.tags[0]}|{rule.team}|{{x}}|{query}'\n",
    state: { index: 'main' },
    expected: 'main|Whoami|low|windows|attack.t1033|blue|{x}|Q',
  },
  {
    name: 'simple_template: missing values render empty',
    yaml: "postprocessing:\n  - type: simple_template\n    template: '[{pipeline.state[none]}{rule.nothing.deeper}{rule.constructor}]{query}'\n",
    expected: '[]Q',
  },
  { name: 'replace (Python replacement syntax)', yaml: "postprocessing:\n  - type: replace\n    pattern: '(Q)'\n    replacement: '<\\1>'\n", expected: '<Q>' },
  {
    name: 'json with %QUERY%',
    yaml: 'postprocessing:\n  - type: json\n    json_template: \'{"search": "%QUERY%", "n": 1}\'\n',
    expected: '{"search":"Q","n":1}',
  },
  {
    name: 'nest and rule conditions',
    yaml:
      "postprocessing:\n  - type: nest\n    items:\n      - type: embed\n        prefix: 'a:'\n      - type: embed\n        prefix: 'linux:'\n        rule_conditions:\n          - type: logsource\n            product: linux\n  - type: embed\n    suffix: '!'\n    rule_conditions:\n      - type: tag\n        tag: attack.t1033\n",
    expected: 'a:Q!',
  },
  {
    name: 'processing_state condition on postprocessing',
    yaml: "postprocessing:\n  - type: embed\n    prefix: 'dm '\n    rule_conditions:\n      - type: processing_state\n        key: mode\n        val: dm\n",
    state: { mode: 'dm' },
    expected: 'dm Q',
  },
];

describe('postprocessQuery', () => {
  for (const row of POST) it(row.name, () => expect(postprocessQuery('Q', r, [pipe(row.yaml)], row.state ?? {})).toBe(row.expected));

  it('runs pipelines in order', () => {
    const a = pipe("postprocessing:\n  - type: embed\n    prefix: 'a'\n");
    const b = pipe("postprocessing:\n  - type: embed\n    prefix: 'b'\n");
    expect(postprocessQuery('Q', r, [a, b], {})).toBe('baQ');
  });

  it('processing_item_applied conditions see the applied list (or the PipelineResult)', () => {
    const p = pipe(
      "postprocessing:\n  - type: embed\n    prefix: 'A:'\n    rule_conditions: [{type: processing_item_applied, processing_item_id: map}]\n  - type: embed\n    prefix: 'B:'\n    rule_conditions: [{type: processing_item_applied, processing_item_id: other}]\n",
    );
    expect(postprocessQuery('Q', r, [p], {}, ['map'])).toBe('A:Q');
    expect(postprocessQuery('Q', r, [p], {}, { applied: ['map', 'other'] })).toBe('B:A:Q');
    expect(postprocessQuery('Q', r, [p], {})).toBe('Q');
  });

  it('works for correlations', () => {
    const c = correlation({ groupBy: ['User'] });
    expect(postprocessQuery('Q', c, [pipe("postprocessing:\n  - type: simple_template\n    template: '{rule.type}: {query}'\n")], {})).toBe('event_count: Q');
  });
});

interface FinalRow {
  name: string;
  yaml: string;
  expected: string;
}

const FINAL: FinalRow[] = [
  { name: 'concat default separator', yaml: 'finalizers:\n  - type: concat\n', expected: 'q1\nq2' },
  { name: 'concat with prefix/suffix', yaml: "finalizers:\n  - type: concat\n    separator: ' OR '\n    prefix: '['\n    suffix: ']'\n", expected: '[q1 OR q2]' },
  { name: 'json', yaml: 'finalizers:\n  - type: json\n', expected: '["q1","q2"]' },
  { name: 'json indent', yaml: 'finalizers:\n  - type: json\n    indent: 2\n', expected: '[\n  "q1",\n  "q2"\n]' },
  { name: 'yaml', yaml: 'finalizers:\n  - type: yaml\n', expected: '- q1\n- q2\n' },
  { name: 'nested: each gets the previous output', yaml: "finalizers:\n  - type: nested\n    finalizers:\n      - type: concat\n        separator: ','\n      - type: json\n", expected: '["q1,q2"]' },
];

describe('finalizeQueries', () => {
  for (const row of FINAL) it(row.name, () => expect(finalizeQueries(['q1', 'q2'], [pipe(row.yaml)])).toBe(row.expected));

  it('undefined without finalizers', () => {
    expect(finalizeQueries(['q'], [pipe('name: x\n')])).toBeUndefined();
  });
});
