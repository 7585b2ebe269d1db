import fc from 'fast-check';
import { expect, test } from 'vitest';
import { sliceStarts, slices } from '../src/parallel/slices.js';

test('large chunks, then the last four chunks-worth in quarter-size chunks', () => {
  expect(sliceStarts(0, 128)).toEqual([]);
  expect(sliceStarts(5, 128)).toEqual([0]);
  expect(sliceStarts(706, 128)).toEqual([0, 128, ...Array.from({ length: 15 }, (_, k) => 256 + 32 * k)]);
  expect(sliceStarts(3141, 128).length).toBe(22 + 14);
  expect(slices(['a', 'b', 'c', 'd', 'e'], 4)).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
});

test('the slices are the items in order, none empty, none larger than the size', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 300 }), (count, size) => {
      const items = Array.from({ length: count }, (_, i) => i);
      const cut = slices(items, size);
      expect(cut.flat()).toEqual(items);
      for (const s of cut) expect(s.length).toBeGreaterThan(0);
      for (const s of cut) expect(s.length).toBeLessThanOrEqual(size);
      // Only the last 4 * size items are cut finer than the size.
      const fine = cut.filter((s, k) => k < cut.length - 1 && s.length < size);
      expect(fine.reduce((n, s) => n + s.length, 0)).toBeLessThanOrEqual(4 * size);
    }),
  );
});
