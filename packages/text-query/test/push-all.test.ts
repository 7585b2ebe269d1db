import { expect, test } from 'vitest';
import { pushAll } from '../src/push-all.js';

test('pushAll appends any number of items (a spread push overflows the stack past about 100k)', () => {
  const many = Array.from({ length: 500_000 }, (_, i) => i);
  expect(() => [].push(...(many as never[]))).toThrow(RangeError);
  const out = [-1];
  pushAll(out, many);
  expect(out).toHaveLength(500_001);
  expect(out[0]).toBe(-1);
  expect(out.at(-1)).toBe(499_999);
});
