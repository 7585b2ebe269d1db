import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPipelines,
  applyPipelinesToCorrelation,
  finalizeQueries,
  logsourceMatches,
  parsePipeline,
  pipelineFromObject,
  postprocessQuery,
} from '../../src/pipeline/index.js';
import { correlation, rule } from './helpers.js';
import type { ValuePart } from '../../src/ir/index.js';
import { normalizeParts } from '../../src/pipeline/sigma-string.js';
import { replaceString } from '../../src/pipeline/values.js';
import { LinearRegex } from '../../src/pipeline/linear-regex.js';
import { logsourceContains } from '../../src/build-collection.js';

const TYPES = [
  'field_name_mapping', 'field_name_prefix_mapping', 'field_name_prefix', 'field_name_suffix', 'add_field', 'remove_field', 'set_field',
  'drop_detection_item', 'add_condition', 'change_logsource', 'replace_string', 'map_string', 'set_value', 'convert_type', 'case',
  'hashes_fields', 'extract_fields', 'value_placeholders', 'wildcard_placeholders', 'query_expression_placeholders', 'set_state', 'set_custom_attribute',
  'rule_failure', 'detection_item_failure', 'strict_field_mapping_failure', 'nest', 'bogus',
];
const PARAMS = [
  'mapping', 'prefix', 'suffix', 'field', 'fields', 'conditions', 'name', 'template', 'negated', 'category', 'product', 'regex',
  'replacement', 'skip_special', 'interpret_special', 'value', 'force_type', 'target_type', 'method', 'valid_hash_algos', 'field_prefix',
  'drop_algo_prefix', 'preserve_unmatched', 'include', 'exclude', 'expression', 'key', 'val', 'attribute', 'message', 'items',
];
const COND_TYPES = [
  'logsource', 'contains_detection_item', 'contains_field', 'processing_item_applied', 'processing_state', 'is_sigma_rule', 'tag',
  'rule_attribute', 'match_string', 'match_value', 'contains_wildcard', 'is_null', 'include_fields', 'exclude_fields',
];
const FIELDS = ['Image', 'CommandLine', 'Hashes', 'User', '~', 'EventID'];

const scalar = fc.oneof(
  fc.constantFrom('Image', 'a*', '%Servers%', 'SHA256=abc', '(', 'x', 'num', 'str', 'upper', '', '{query}', '$category', '.*'),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 6 }),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom(...FIELDS), scalar, { maxKeys: 3 }));

const condition = fc.record(
  { type: fc.constantFrom(...COND_TYPES), field: fc.constantFrom(...FIELDS), fields: fc.array(fc.constantFrom(...FIELDS)), value: scalar, key: scalar, val: scalar, tag: scalar, mode: fc.constantFrom('plain', 're', 'x'), pattern: scalar, category: scalar },
  { requiredKeys: ['type'] },
);

const item: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  item: fc
    .tuple(
      fc.constantFrom(...TYPES),
      fc.dictionary(fc.constantFrom(...PARAMS), value, { maxKeys: 4 }),
      fc.option(fc.array(condition, { maxLength: 2 }), { nil: undefined }),
      fc.option(fc.array(condition, { maxLength: 2 }), { nil: undefined }),
      fc.option(fc.array(tie('item'), { maxLength: 2 }), { nil: undefined }),
      fc.option(fc.constantFrom('or', 'and', 'xor'), { nil: undefined }),
    )
    .map(([type, params, rc, fc2, nested, op]) => ({
      type,
      ...params,
      ...(rc ? { rule_conditions: rc } : {}),
      ...(fc2 ? { field_name_conditions: fc2 } : {}),
      ...(nested && type === 'nest' ? { items: nested } : {}),
      ...(op ? { rule_cond_op: op } : {}),
    })),
})).item as fc.Arbitrary<Record<string, unknown>>;

const post = fc.record({ type: fc.constantFrom('embed', 'simple_template', 'replace', 'json', 'nest', 'template'), prefix: scalar, template: scalar, pattern: scalar, replacement: scalar, json_template: scalar }, { requiredKeys: ['type'] });
const fin = fc.record({ type: fc.constantFrom('concat', 'json', 'yaml', 'nested'), separator: scalar, indent: scalar }, { requiredKeys: ['type'] });

const pipelineObj = fc.record({
  name: scalar,
  priority: scalar,
  vars: fc.dictionary(fc.constantFrom('Servers', 'x'), value, { maxKeys: 2 }),
  transformations: fc.array(item, { maxLength: 4 }),
  postprocessing: fc.array(post, { maxLength: 2 }),
  finalizers: fc.array(fin, { maxLength: 2 }),
});

// Well-formed items of every type, so most generated pipelines parse and really run.
const field = fc.constantFrom('Image', 'CommandLine', 'Hashes', 'User', 'EventID', 'Host', 'P');
const str = fc.constantFrom('a', 'x*', '\\', 'SHA256=abcd', '%Servers%', 'win-$category', '');
const validItem: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  item: fc.oneof(
    fc.record({ type: fc.constant('field_name_mapping'), mapping: fc.dictionary(field, fc.oneof(field, fc.array(field, { minLength: 1, maxLength: 3 })), { maxKeys: 3 }) }),
    fc.record({ type: fc.constant('field_name_mapping'), mapping: fc.constant({ '~': 'message' }) }),
    fc.record({ type: fc.constantFrom('field_name_prefix'), prefix: str }),
    fc.record({ type: fc.constantFrom('field_name_suffix'), suffix: str }),
    fc.record({ type: fc.constantFrom('add_field', 'remove_field'), field: fc.array(field) }),
    fc.record({ type: fc.constant('drop_detection_item'), field_name_conditions: fc.constant([{ type: 'include_fields', fields: ['User', 'EventID'] }]) }),
    fc.record({ type: fc.constant('drop_detection_item') }),
    fc.record({ type: fc.constant('add_condition'), conditions: fc.dictionary(field, fc.oneof(str, fc.integer())), template: fc.boolean(), negated: fc.boolean() }),
    fc.record({ type: fc.constant('change_logsource'), product: str }),
    fc.record({ type: fc.constant('replace_string'), regex: fc.constantFrom('a', '\\\\', '^.', '(x)'), replacement: fc.constantFrom('b', '*', '\\1', ''), skip_special: fc.boolean(), interpret_special: fc.boolean() }),
    fc.record({ type: fc.constant('map_string'), mapping: fc.dictionary(str, fc.oneof(str, fc.array(str, { minLength: 1 }))) }),
    fc.record({ type: fc.constant('set_value'), value: fc.oneof(str, fc.integer(), fc.boolean()) }),
    fc.record({ type: fc.constant('convert_type'), target_type: fc.constantFrom('str', 'num') }),
    fc.record({ type: fc.constant('case'), method: fc.constantFrom('lower', 'upper', 'snake_case') }),
    fc.record({ type: fc.constant('hashes_fields'), valid_hash_algos: fc.constant(['SHA256', 'MD5']), drop_algo_prefix: fc.boolean() }),
    fc.record({ type: fc.constantFrom('value_placeholders', 'wildcard_placeholders') }),
    fc.record({ type: fc.constant('query_expression_placeholders'), expression: fc.constant('{field} in {id}') }),
    fc.record({ type: fc.constant('set_state'), key: fc.constantFrom('a', 'b'), val: fc.oneof(str, fc.integer()) }),
    fc.record({ type: fc.constant('rule_failure'), message: str }),
    fc.record({ type: fc.constant('detection_item_failure'), message: str, detection_item_conditions: fc.constant([{ type: 'contains_wildcard' }]) }),
    fc.record({ type: fc.constant('strict_field_mapping_failure') }),
    fc.record({ type: fc.constant('nest'), items: fc.array(tie('item'), { maxLength: 3 }) }),
  ),
})).item as fc.Arbitrary<Record<string, unknown>>;

const rules = [
  rule({ detection: { sel: { 'Image|endswith': '\\cmd.exe', 'Hashes|contains': 'SHA256=abcd', 'Host|expand': '%Servers%' }, kw: ['x', 5], f: [{ User: null }, { EventID: 4 }] }, condition: ['sel and not f', 'kw or 1 of f*'] }),
  rule({ detection: { sel: { 'CommandLine|fieldref': 'Image', 'P|re|expand': '%x%' } }, condition: 'sel', fields: ['Image'] }),
];

describe('pipeline robustness', () => {
  it('random pipelines never throw', () => {
    fc.assert(
      fc.property(pipelineObj, (obj) => {
        const { pipeline, diagnostics } = pipelineFromObject(obj, 'rnd');
        expect(Array.isArray(diagnostics)).toBe(true);
        if (!pipeline) return;
        for (const r of rules) {
          const res = applyPipelines(r, [pipeline], { backend: 'test' });
          expect(res.diagnostics.every((d) => d.code !== undefined)).toBe(true);
          expect(res.diagnostics.some((d) => d.message.startsWith('internal error'))).toBe(false);
          postprocessQuery('q', res.document, [pipeline], res.state);
        }
        applyPipelinesToCorrelation(correlation({ groupBy: ['User'], fields: ['Image'] }), [pipeline], { backend: 'test' });
        finalizeQueries(['a', 'b'], [pipeline]);
      }),
      { numRuns: 400 },
    );
  });

  it('well-formed random pipelines parse, run and never throw', () => {
    let ran = 0;
    fc.assert(
      fc.property(fc.array(validItem, { minLength: 1, maxLength: 6 }), (transformations) => {
        const { pipeline, diagnostics } = pipelineFromObject({ vars: { Servers: ['a*', 'b'], x: 'y' }, transformations }, 'ok');
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        for (const r of rules) {
          const before = JSON.stringify(r);
          const res = applyPipelines(r, [pipeline!], { backend: 'test' });
          expect(res.diagnostics.some((d) => d.message.startsWith('internal error'))).toBe(false);
          // Pure and deterministic: the input is untouched and a second run gives the same result.
          expect(JSON.stringify(r)).toBe(before);
          expect(JSON.stringify(applyPipelines(r, [pipeline!], { backend: 'test' }))).toBe(JSON.stringify(res));
          ran++;
        }
      }),
      { numRuns: 400 },
    );
    expect(ran).toBe(800);
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parsePipeline(text, 'x.yml');
        expect(r.pipeline !== undefined || r.diagnostics.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('random YAML-ish text never throws', () => {
    const token = fc.constantFrom('transformations:', '\n', '  - ', 'type: ', 'nest', 'items:', ' ', '[', ']', '{', '}', ':', '~', '&a ', '*a', '!!str ', "'", '"', 'mapping:', 'a: b', '#', '-', '? ');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (toks) => {
        parsePipeline(toks.join(''), 'y.yml');
      }),
      { numRuns: 500 },
    );
  });
});

describe('replace_string keeps parts exactly', () => {
  const part = fc.oneof(
    fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('a', '\\', '*', '?', '%', 'x', '-') }).map((text) => ({ kind: 'literal' as const, text })),
    fc.constant({ kind: 'wildcard-multi' as const }),
    fc.constant({ kind: 'wildcard-single' as const }),
    fc.constantFrom('dir', 'x').map((name) => ({ kind: 'placeholder' as const, name })),
  );
  const at = { file: 'r.yml', line: 1, column: 1 };
  const run = (regex: string, replacement: string, parts: ValuePart[]) =>
    replaceString(
      { kind: 'string', parts: normalizeParts(parts), cased: false, loc: at },
      { type: 'replace_string', regex: new LinearRegex(regex), replacement, skipSpecial: false, interpretSpecial: false },
    ).parts;

  it('copying the whole value through a group is the identity', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        expect(run('^(.+)$', '$1', parts)).toEqual(normalizeParts(parts));
        expect(run('^[\\s\\S]*$', '$&', parts)).toEqual(normalizeParts(parts));
      }),
    );
  });

  it('a regex matching one literal letter changes only that letter', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const out = run('-', '', parts);
        const expected = normalizeParts(parts.map((p) => (p.kind === 'literal' ? { ...p, text: p.text.replaceAll('-', '') } : p)));
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe('one logsource containment', () => {
  it("logsourceMatches (pipelines) agrees with the parser's logsourceContains (filters)", () => {
    const key = fc.option(fc.constantFrom('windows', 'Windows', 'linux', 'process_creation', 'sysmon', ''), { nil: undefined });
    const ls = fc.record({ category: key, product: key, service: key }).map((x) => ({
      ...(x.category !== undefined ? { category: x.category } : {}),
      ...(x.product !== undefined ? { product: x.product } : {}),
      ...(x.service !== undefined ? { service: x.service } : {}),
      custom: {},
      loc: { file: 'r.yml', line: 1, column: 1 },
    }));
    fc.assert(fc.property(ls, ls, (spec, rule) => logsourceMatches(rule, spec) === logsourceContains(spec, rule)));
  });
});
