import { expect, test } from 'vitest';
import { mapLeaves, type Expr } from '../src/index.js';

const loc = { file: 'r.yml', line: 1, col: 1, offset: 0 } as unknown as Expr['loc'];
const t: Expr = { kind: 'const', value: true, loc };
const f: Expr = { kind: 'const', value: false, loc };
const tree: Expr = { kind: 'and', operands: [t, { kind: 'not', operand: { kind: 'or', operands: [t, t], loc }, loc }, { kind: 'or', operands: [t], loc }], loc };

test('a tree none of whose tests change is the same object, all the way down', () => {
  expect(mapLeaves(tree, (x) => x)).toBe(tree);
});

test('only the subtrees above a changed test are copied; the others are kept', () => {
  let n = 0;
  // Changes the second test met (inside the NOT) only.
  const out = mapLeaves(tree, (x) => (++n === 2 ? f : x));
  expect(out).not.toBe(tree);
  const [a, b, c] = (out as Extract<Expr, { kind: 'and' }>).operands;
  expect(a).toBe(t);
  expect(c).toBe((tree as Extract<Expr, { kind: 'and' }>).operands[2]);
  expect(b).toEqual({ kind: 'not', operand: { kind: 'or', operands: [f, t], loc }, loc });
  expect(tree).toEqual({ kind: 'and', operands: [t, { kind: 'not', operand: { kind: 'or', operands: [t, t], loc }, loc }, { kind: 'or', operands: [t], loc }], loc });
});

test('a test may become any expression', () => {
  const out = mapLeaves({ kind: 'not', operand: t, loc }, (x) => ({ kind: 'or', operands: [x, f], loc }));
  expect(out).toEqual({ kind: 'not', operand: { kind: 'or', operands: [t, f], loc }, loc });
});
