import { describe, expect, it } from 'vitest';
import type { Expr, SourceLocation } from '@sigmats/core';
import { groupOrByField } from '@sigmats/text-query';

const loc: SourceLocation = { file: 't.yml', line: 1, column: 1 };
const m = (field: string, text: string): Expr => ({
  kind: 'match', field, origin: 'sel', loc,
  value: { kind: 'string', parts: [{ kind: 'literal', text }], cased: false, loc },
});
const or = (...operands: Expr[]): Expr => ({ kind: 'or', operands, loc });
const and = (...operands: Expr[]): Expr => ({ kind: 'and', operands, loc });
const not = (operand: Expr): Expr => ({ kind: 'not', operand, loc });

function show(e: Expr): string {
  if (e.kind === 'match') return `${e.field}=${e.value.kind === 'string' && e.value.parts[0]?.kind === 'literal' ? e.value.parts[0].text : '?'}`;
  if (e.kind === 'not') return `!${show(e.operand)}`;
  if (e.kind === 'and' || e.kind === 'or') return `${e.kind}(${e.operands.map(show).join(', ')})`;
  return e.kind;
}

describe('groupOrByField', () => {
  const table: [string, Expr, string][] = [
    ['interleaved fields gather at their first test', or(m('a', '1'), m('b', '2'), m('a', '3'), m('b', '4')), 'or(or(a=1, a=3), or(b=2, b=4))'],
    ['a single test of a field stays in place', or(m('a', '1'), m('c', '9'), m('a', '2')), 'or(or(a=1, a=2), c=9)'],
    ['other operands keep their position', or(and(m('x', '0'), m('y', '0')), m('a', '1'), m('a', '2')), 'or(and(x=0, y=0), or(a=1, a=2))'],
    ['nested under not and and', and(m('z', '0'), not(or(m('a', '1'), m('b', '2'), m('a', '3')))), 'and(z=0, !or(or(a=1, a=3), b=2))'],
  ];
  it.each(table)('%s', (_name, e, expected) => {
    expect(show(groupOrByField(e))).toBe(expected);
  });

  it('returns the very same object when there is nothing to gather', () => {
    for (const e of [or(m('a', '1'), m('b', '2')), or(m('a', '1'), m('a', '2')), and(m('a', '1'), m('a', '2')), m('a', '1')]) {
      expect(groupOrByField(e)).toBe(e);
    }
  });
});
