import { describe, expect, it } from 'vitest';
import { lowerCondition, simplifyExpr, LoweringError } from '@sigmats/core';
import type {
  Condition,
  ConditionNode,
  Detection,
  DetectionItem,
  DetectionValue,
  Expr,
  ScalarValue,
  SigmaRule,
  SourceLocation,
} from '@sigmats/core';

// Hand-built IR (the parser has its own tests); locations are irrelevant here.
const loc: SourceLocation = { file: 't.yml', line: 1, column: 1 };
const str = (text: string): ScalarValue => ({ kind: 'string', parts: [{ kind: 'literal', text }], cased: false, loc });
const item = (field: string | null, values: DetectionValue[], extra: Partial<DetectionItem> = {}): DetectionItem => ({
  kind: 'item', field, modifiers: [], values, link: 'or', negated: false, loc, ...extra,
});
const det = (name: string, ...items: DetectionItem[]): Detection => ({
  kind: 'detection', name, body: { kind: 'group', link: 'and', items, loc }, loc,
});
const rule = (detections: Detection[], root: ConditionNode): [SigmaRule, Condition] => {
  const condition: Condition = { kind: 'condition', text: '', root, loc };
  const r = {
    kind: 'rule', title: 't', taxonomy: 'sigma', references: [], related: [], falsepositives: [], tags: [],
    custom: {}, loc, fieldLocs: {}, logsource: { custom: {}, loc }, detections, conditions: [condition], fields: [], scope: [],
  } satisfies SigmaRule;
  return [r, condition];
};
const id = (name: string): ConditionNode => ({ kind: 'identifier', name, loc });

/** Compact rendering to compare shapes: a=x, (a | b), (a & b), !a. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'match': return `${e.field}=${e.value.kind === 'string' ? e.value.parts.map((p) => (p.kind === 'literal' ? p.text : '*')).join('') : e.value.kind}`;
    case 'keyword': return `"${e.value.kind === 'string' ? e.value.parts.map((p) => (p.kind === 'literal' ? p.text : '*')).join('') : e.value.kind}"`;
    case 'const': return String(e.value);
    case 'not': return `!${show(e.operand)}`;
    case 'and': return `(${e.operands.map(show).join(' & ')})`;
    case 'or': return `(${e.operands.map(show).join(' | ')})`;
  }
}

describe('lowerCondition', () => {
  const sel = det('sel', item('a', [str('1'), str('2')]), item('b', [str('3')]));
  const all = det('sel_all', item('c', [str('x'), str('y')], { link: 'and' }));
  const neq = det('filter', item('d', [str('p'), str('q')], { negated: true }));
  const kw = det('keywords', item(null, [str('mimikatz'), str('sekurlsa')]));
  const expansion = det('dash', item('e', [{ kind: 'expansion', source: 'windash', values: [str('-a'), str('/a')], loc }, str('b')], { link: 'and' }));
  const table: [string, Detection[], ConditionNode, string][] = [
    ['map is AND, list is OR', [sel], id('sel'), '((a=1 | a=2) & b=3)'],
    ['|all is AND', [all], id('sel_all'), '(c=x & c=y)'],
    ['neq negates the item', [neq], id('filter'), '!(d=p | d=q)'],
    ['keywords', [kw], id('keywords'), '("mimikatz" | "sekurlsa")'],
    ['expansion stays OR under |all', [expansion], id('dash'), '((e=-a | e=/a) & e=b)'],
    ['not', [sel, neq], { kind: 'and', operands: [id('sel'), { kind: 'not', operand: id('filter'), loc }], loc }, '((a=1 | a=2) & b=3 & (d=p | d=q))'],
    ['selector any', [sel, all], { kind: 'selector', quantifier: 'any', pattern: 'sel*', matches: ['sel', 'sel_all'], loc }, '(((a=1 | a=2) & b=3) | (c=x & c=y))'],
    ['selector all flattens', [sel, all], { kind: 'selector', quantifier: 'all', pattern: 'sel*', matches: ['sel', 'sel_all'], loc }, '((a=1 | a=2) & b=3 & c=x & c=y)'],
  ];
  it.each(table)('%s', (_name, detections, root, expected) => {
    const [r, c] = rule(detections, root);
    expect(show(lowerCondition(r, c))).toBe(expected);
  });

  it('throws a located LoweringError for an undefined identifier (never produced by the parser)', () => {
    const [r, c] = rule([sel], id('nope'));
    expect(() => lowerCondition(r, c)).toThrow(LoweringError);
  });
});

describe('simplifyExpr', () => {
  const m = (f: string): Expr => ({ kind: 'match', field: f, value: str('v'), origin: 's', loc });
  const T: Expr = { kind: 'const', value: true, loc };
  const F: Expr = { kind: 'const', value: false, loc };
  const table: [string, Expr, string][] = [
    ['empty AND is true', { kind: 'and', operands: [], loc }, 'true'],
    ['empty OR is false', { kind: 'or', operands: [], loc }, 'false'],
    ['AND with false', { kind: 'and', operands: [m('a'), F], loc }, 'false'],
    ['OR with true', { kind: 'or', operands: [m('a'), T], loc }, 'true'],
    ['neutral constants drop', { kind: 'and', operands: [m('a'), T, m('b')], loc }, '(a=v & b=v)'],
    ['double negation', { kind: 'not', operand: { kind: 'not', operand: m('a'), loc }, loc }, 'a=v'],
    ['single operand collapses', { kind: 'or', operands: [{ kind: 'and', operands: [m('a')], loc }], loc }, 'a=v'],
    ['same kind flattens', { kind: 'or', operands: [m('a'), { kind: 'or', operands: [m('b'), m('c')], loc }], loc }, '(a=v | b=v | c=v)'],
    ['not of constant', { kind: 'not', operand: F, loc }, 'true'],
  ];
  it.each(table)('%s', (_name, e, expected) => {
    expect(show(simplifyExpr(e))).toBe(expected);
  });
});
