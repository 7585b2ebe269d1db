import { describe, expect, it } from 'vitest';
import type { ConditionNode } from '../src/index.js';
import { parseRule, ruleText } from './helpers.js';

/** Compact s-expression of a condition tree: (and a b), (not a), any(sel*: sel1,sel2). */
function sx(n: ConditionNode): string {
  switch (n.kind) {
    case 'and':
    case 'or':
      return `(${n.kind} ${n.operands.map(sx).join(' ')})`;
    case 'not':
      return `(not ${sx(n.operand)})`;
    case 'identifier':
      return n.name;
    case 'selector':
      return `${n.quantifier}(${n.pattern}: ${n.matches.join(',')})`;
  }
}

const DETECTIONS = ['sel1', 'sel2', 'selection', 'filter-x', 'filter_y', '_hidden', 'notable', 'keywords'];
const detectionYaml = DETECTIONS.map((n) => `    ${n}:\n        f: ${n}\n`).join('');

function parseCondition(condition: string) {
  const { rule, diagnostics } = parseRule(ruleText(`${detectionYaml}    condition: ${condition}\n`));
  return { tree: rule ? sx(rule.conditions[0]!.root) : undefined, diagnostics };
}

const table: { condition: string; tree: string }[] = [
  { condition: 'sel1', tree: 'sel1' },
  { condition: 'sel1 and sel2', tree: '(and sel1 sel2)' },
  { condition: 'sel1 or sel2', tree: '(or sel1 sel2)' },
  { condition: 'not sel1', tree: '(not sel1)' },
  { condition: 'not not sel1', tree: '(not (not sel1))' },
  { condition: 'sel1 or sel2 and selection', tree: '(or sel1 (and sel2 selection))' },
  { condition: 'sel1 and sel2 or selection', tree: '(or (and sel1 sel2) selection)' },
  { condition: 'not sel1 and sel2', tree: '(and (not sel1) sel2)' },
  { condition: 'not (sel1 and sel2)', tree: '(not (and sel1 sel2))' },
  { condition: '(sel1 or sel2) and selection', tree: '(and (or sel1 sel2) selection)' },
  { condition: 'sel1 and sel2 and selection', tree: '(and sel1 sel2 selection)' },
  { condition: '((sel1))', tree: 'sel1' },
  { condition: '1 of sel*', tree: 'any(sel*: sel1,sel2,selection)' },
  { condition: 'any of sel*', tree: 'any(sel*: sel1,sel2,selection)' },
  { condition: 'all of sel*', tree: 'all(sel*: sel1,sel2,selection)' },
  { condition: '1 of them', tree: 'any(them: sel1,sel2,selection,filter-x,filter_y,notable,keywords)' },
  { condition: 'all of them', tree: 'all(them: sel1,sel2,selection,filter-x,filter_y,notable,keywords)' },
  { condition: '1 of *1', tree: 'any(*1: sel1)' },
  { condition: '1 of filter-*', tree: 'any(filter-*: filter-x)' },
  { condition: '1 of filter*', tree: 'any(filter*: filter-x,filter_y)' },
  { condition: '1 of _*', tree: 'any(_*: _hidden)' },
  { condition: 'all of *', tree: 'all(*: sel1,sel2,selection,filter-x,filter_y,notable,keywords)' },
  { condition: '_hidden', tree: '_hidden' },
  { condition: 'notable', tree: 'notable' },
  { condition: 'not notable', tree: '(not notable)' },
  { condition: 'filter-x and not filter_y', tree: '(and filter-x (not filter_y))' },
  { condition: 'selection and not 1 of filter*', tree: '(and selection (not any(filter*: filter-x,filter_y)))' },
  { condition: '1 of sel* and not all of filter*', tree: '(and any(sel*: sel1,sel2,selection) (not all(filter*: filter-x,filter_y)))' },
  { condition: 'sel1and', tree: '' },
];

describe('condition grammar', () => {
  it.each(table.filter((r) => r.tree !== ''))('$condition', ({ condition, tree }) => {
    const r = parseCondition(condition);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.tree).toBe(tree);
  });

  it('a condition list is several conditions', () => {
    const { rule } = parseRule(ruleText(`${detectionYaml}    condition:\n        - sel1\n        - sel2 and not sel1\n`));
    expect(rule?.conditions.map((c) => sx(c.root))).toEqual(['sel1', '(and sel2 (not sel1))']);
    expect(rule?.conditions.map((c) => c.text)).toEqual(['sel1', 'sel2 and not sel1']);
  });

  it('deep nesting is a diagnostic, not a stack overflow', () => {
    const deep = '('.repeat(5000) + 'sel1' + ')'.repeat(5000);
    const r = parseCondition(`'${deep}'`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['condition/syntax']);
    const nots = parseCondition('not '.repeat(5000) + 'sel1');
    expect(nots.diagnostics.map((d) => d.code)).toEqual(['condition/syntax']);
  });
});

// The condition line in these rules is line 21 (ruleText + 8 identifiers); `condition: ` ends at column 15.
const LINE = 4 + DETECTIONS.length * 2 + 1;
const errors: { condition: string; code: string; column: number; hint?: RegExp }[] = [
  { condition: 'sel1 and nope', code: 'condition/undefined-identifier', column: 25 },
  { condition: 'sel1 and sell1', code: 'condition/undefined-identifier', column: 25, hint: /sel1/ },
  { condition: '2 of sel*', code: 'condition/unsupported-quantifier', column: 16 },
  { condition: '1 of nomatch*', code: 'condition/empty-selector', column: 21 },
  { condition: '1 of hidden*', code: 'condition/empty-selector', column: 21 },
  { condition: 'sel1 | count() > 5', code: 'condition/pipe-aggregation', column: 21, hint: /correlation/ },
  { condition: 'sel1 AND sel2', code: 'condition/syntax', column: 21, hint: /lower-case/ },
  { condition: 'NOT sel1', code: 'condition/keyword-case', column: 16, hint: /'not'/ },
  { condition: 'All of sel*', code: 'condition/keyword-case', column: 16 },
  { condition: 'sel1 and', code: 'condition/syntax', column: 24 },
  { condition: '(sel1', code: 'condition/syntax', column: 16 },
  { condition: 'sel1)', code: 'condition/syntax', column: 20 },
  { condition: 'sel1 sel2', code: 'condition/syntax', column: 21 },
  { condition: 'sel*', code: 'condition/syntax', column: 16, hint: /1 of sel\*/ },
  { condition: '1 of', code: 'condition/syntax', column: 20 },
  { condition: "'   sel1 and nope'", code: 'condition/undefined-identifier', column: 29 },
  { condition: '"sel1 and\\tnope"', code: 'condition/undefined-identifier', column: 27 },
  { condition: "''", code: 'condition/syntax', column: 16 },
];

describe('condition errors are located inside the scalar', () => {
  it.each(errors)('$condition → $code at column $column', ({ condition, code, column, hint }) => {
    const r = parseCondition(condition);
    const e = r.diagnostics.filter((d) => d.severity === 'error');
    expect(e.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([`${code}@${LINE}:${column}`]);
    if (hint) expect(e[0]?.hint).toMatch(hint);
  });

  it('locates identifiers in multi-line plain and block scalars', () => {
    const plain = parseRule(ruleText(`${detectionYaml}    condition: sel1 and\n        not nope\n`));
    expect(plain.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([`condition/undefined-identifier@${LINE + 1}:13`]);
    const block = parseRule(ruleText(`${detectionYaml}    condition: >\n        sel1 and\n          not nope\n`));
    expect(block.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([`condition/undefined-identifier@${LINE + 2}:15`]);
  });

  it('condition nodes carry exact columns', () => {
    const { rule } = parseRule(ruleText(`${detectionYaml}    condition: sel1 and not 1 of filter*\n`));
    const root = rule!.conditions[0]!.root;
    if (root.kind !== 'and') throw new Error('expected and');
    const [a, b] = root.operands;
    expect([a!.loc.line, a!.loc.column, a!.loc.endColumn]).toEqual([LINE, 16, 20]);
    if (b!.kind !== 'not') throw new Error('expected not');
    expect([b!.loc.column, b!.operand.loc.column, b!.operand.loc.endColumn]).toEqual([25, 29, 41]);
  });
});

describe('selector matching', () => {
  it('agrees with a regex reference on random patterns and names', async () => {
    const fc = (await import('fast-check')).default;
    const { matchSelector } = await import('../src/index.js');
    const chars = fc.constantFrom('a', 'b', '_', '-', '*', '1');
    fc.assert(
      fc.property(fc.string({ unit: chars, minLength: 1, maxLength: 6 }), fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '_', '-', '1'), minLength: 1, maxLength: 6 }), { maxLength: 6 }), (pattern, names) => {
        if (pattern === 'them') return;
        const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[-]/g, '\\-')).join('.*') + '$');
        const expected = names.filter((n) => re.test(n) && !(!pattern.startsWith('_') && n.startsWith('_')));
        expect(matchSelector(pattern, names)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
