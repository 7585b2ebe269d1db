import { describe, expect, it } from 'vitest';
import { parseSigma } from '../src/index.js';
import { codes, lit, parseRule, ruleText, star, str, stripLoc } from './helpers.js';

const item = (field: string | null, values: unknown[], extra: Partial<{ modifiers: string[]; link: string; negated: boolean }> = {}) => ({
  kind: 'item',
  field,
  modifiers: extra.modifiers ?? [],
  values,
  link: extra.link ?? 'or',
  negated: extra.negated ?? false,
});
const and = (...items: unknown[]) => ({ kind: 'group', link: 'and', items });
const or = (...items: unknown[]) => ({ kind: 'group', link: 'or', items });
const num = (value: number) => ({ kind: 'number', value });

describe('detection structures', () => {
  const table: { name: string; yaml: string; body: unknown }[] = [
    { name: 'map = AND', yaml: '        a: 1\n        b: x\n', body: and(item('a', [num(1)]), item('b', [str(lit('x'))])) },
    { name: 'value list = OR', yaml: '        a: [1, 2]\n', body: and(item('a', [num(1), num(2)])) },
    { name: 'list of maps = OR of ANDs', yaml: '        - a: 1\n        - b: 2\n          c: 3\n', body: or(and(item('a', [num(1)])), and(item('b', [num(2)]), item('c', [num(3)]))) },
    { name: 'keyword list', yaml: '        - evil\n        - 42\n', body: or(item(null, [str(lit('evil')), num(42)])) },
    { name: 'single keyword', yaml: ' evil\n', body: and(item(null, [str(lit('evil'))])) },
    { name: 'mixed list (maps and keywords)', yaml: '        - a: 1\n        - kw\n', body: or(and(item('a', [num(1)])), item(null, [str(lit('kw'))])) },
    { name: 'nested keyword lists are flattened', yaml: '        - [a, b]\n        - c\n', body: or(item(null, [str(lit('a')), str(lit('b')), str(lit('c'))])) },
    { name: 'null, empty string, booleans', yaml: "        a: null\n        b: ''\n        c: false\n", body: and(item('a', [{ kind: 'null' }]), item('b', [str()]), item('c', [{ kind: 'boolean', value: false }])) },
    { name: 'field names with dots and spaces', yaml: "        process.command_line: x\n        'Some Field': y\n        c-uri: z\n", body: and(item('process.command_line', [str(lit('x'))]), item('Some Field', [str(lit('y'))]), item('c-uri', [str(lit('z'))])) },
    { name: 'same field with different modifiers', yaml: '        f|contains: a\n        f|endswith: b\n', body: and(item('f', [str(star, lit('a'), star)], { modifiers: ['contains'] }), item('f', [str(star, lit('b'))], { modifiers: ['endswith'] })) },
    { name: 'null inside a list (kept, warned)', yaml: "        f: ['', null]\n", body: and(item('f', [str(), { kind: 'null' }])) },
  ];
  it.each(table)('$name', ({ yaml, body }) => {
    const text = yaml.startsWith(' evil') ? ruleText(`    sel:${yaml}    condition: sel\n`) : ruleText(`    sel:\n${yaml}    condition: sel\n`);
    const { rule, diagnostics } = parseRule(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(stripLoc(rule?.detections[0]?.body)).toEqual(body);
  });

  it('detections keep written order and locations', () => {
    const { rule } = parseRule(ruleText('    b:\n        x: 1\n    a:\n        y: 2\n    condition: a or b\n'));
    expect(rule?.detections.map((d) => [d.name, d.loc.line, d.loc.column])).toEqual([['b', 5, 5], ['a', 7, 5]]);
    expect(rule?.detections[0]?.body.items[0]?.loc).toMatchObject({ line: 6, column: 9 });
  });
});

/** Every detection error: code, line and column. */
const errorTable: { name: string; text: string; expected: string[]; hint?: RegExp }[] = [
  { name: 'empty detection map', text: 'title: t\nlogsource:\n    product: p\ndetection:\n    condition: sel\n', expected: ['detection/no-identifiers@4:1', 'condition/undefined-identifier@5:16'] },
  { name: 'empty search identifier', text: ruleText('    sel:\n    condition: sel\n'), expected: ['detection/empty@5:5'] },
  { name: 'empty field map', text: ruleText('    sel: {}\n    condition: sel\n'), expected: ['detection/empty@5:10'] },
  { name: 'nested map value', text: ruleText('    sel:\n        f:\n            g: 1\n    condition: sel\n'), expected: ['detection/nested-map@7:13'] },
  { name: 'map inside a value list', text: ruleText('    sel:\n        f:\n            - g: 1\n    condition: sel\n'), expected: ['detection/nested-map@7:15'] },
  { name: 'empty value list', text: ruleText('    sel:\n        f: []\n    condition: sel\n'), expected: ['detection/empty-list@6:12'] },
  { name: 'boolean keyword', text: ruleText('    sel:\n        - true\n    condition: sel\n'), expected: ['detection/invalid-value@6:11'] },
  { name: 'null keyword with a modifier', text: ruleText("    sel:\n        '|neq': null\n    condition: sel\n"), expected: ['detection/invalid-value@6:9'] },
  { name: 'cidr keyword', text: ruleText("    sel:\n        '|cidr': 10.0.0.0/8\n    condition: sel\n"), expected: ['detection/invalid-value@6:9'] },
  { name: 'timeframe (Sigma 1 aggregation)', text: ruleText('    sel:\n        f: 1\n    timeframe: 5m\n    condition: sel\n'), expected: ['condition/pipe-aggregation@7:5'] },
  { name: 'missing condition', text: ruleText('    selection:\n        f: 1\n'), expected: ['detection/missing-condition@4:1'], hint: /condition: selection/ },
  {
    name: 'missing condition: indented into a search identifier',
    text: ruleText('    selection:\n        f: 1\n        condition: selection\n'),
    expected: ['detection/missing-condition@4:1'],
    hint: /dedent/,
  },
  {
    name: 'missing condition: at top level',
    text: ruleText('    selection:\n        f: 1\ncondition: selection\n'),
    expected: ['detection/missing-condition@4:1'],
    hint: /indent/,
  },
  { name: 'condition of the wrong type', text: ruleText('    sel:\n        f: 1\n    condition: {a: b}\n'), expected: ['schema/type@7:16'] },
  { name: 'empty condition', text: ruleText('    sel:\n        f: 1\n    condition:\n'), expected: ['condition/syntax@7:5'] },
  { name: 'detection is not a mapping', text: 'title: t\nlogsource:\n    product: p\ndetection: sel\n', expected: ['schema/type@4:12'] },
];

describe('detection errors', () => {
  it.each(errorTable)('$name', ({ text, expected, hint }) => {
    const r = parseSigma(text, 'test.yml');
    expect(codes(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual(expected);
    expect(r.documents).toEqual([]);
    if (hint) expect(r.diagnostics[0]?.hint).toMatch(hint);
  });

  it('the missing-condition message names the misplaced condition', () => {
    const r = parseSigma(ruleText('    selection:\n        f: 1\n        condition: selection\n'), 'test.yml');
    expect(r.diagnostics[0]?.message).toBe(
      "the detection section has no 'condition' — there is a 'condition' at line 7, column 9, inside a search identifier, where it is read as a field name",
    );
    expect(r.diagnostics[0]?.rule).toBe('Test rule');
  });

  it('null in a value list is a warning', () => {
    const r = parseSigma(ruleText("    sel:\n        f: ['', null]\n    condition: sel\n"), 'test.yml');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}@${d.line}:${d.column}`)).toEqual(['warning detection/null-in-list@6:17']);
  });
});
