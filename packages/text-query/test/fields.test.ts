import { expect, test } from 'vitest';
import type { Expr, SourceLocation } from '@sigmats/core';
import { exprFields } from '@sigmats/text-query';

const loc: SourceLocation = { file: 't.yml', line: 1, column: 1 };
const m = (field: string): Expr => ({
  kind: 'match', field, origin: 'sel', loc,
  value: { kind: 'string', parts: [{ kind: 'literal', text: 'x' }], cased: false, loc },
});
const ref = (field: string, other: string): Expr => ({
  kind: 'match', field, origin: 'sel', loc,
  value: { kind: 'fieldref', field: other, match: 'equals', cased: false, loc },
});

test('exprFields: every field read once, first use first, fieldref targets included, keywords and constants none', () => {
  const e: Expr = {
    kind: 'and',
    loc,
    operands: [
      m('Image'),
      { kind: 'not', loc, operand: { kind: 'or', loc, operands: [m('CommandLine'), ref('User', 'TargetUser'), m('Image')] } },
      { kind: 'keyword', origin: 'keywords', loc, value: { kind: 'string', parts: [{ kind: 'literal', text: 'k' }], cased: false, loc } },
      { kind: 'const', value: true, loc },
    ],
  };
  expect(exprFields(e)).toEqual(['Image', 'CommandLine', 'User', 'TargetUser']);
  // Carried over several expressions: what is already there is not added again.
  const out = ['User'];
  expect(exprFields(m('Image'), out)).toBe(out);
  expect(exprFields(ref('User', 'Image'), out)).toEqual(['User', 'Image']);
});
