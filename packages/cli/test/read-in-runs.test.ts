// readInRuns (load.ts): a chunk's files are read before they are parsed, a run at a time, and a run stops once it
// holds the budget, so files the parser will refuse for their size are never held many at once.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readInRuns, type ReadSource } from '../src/load.js';

/** The calls readInRuns makes, for items that are text lengths (undefined: a file that could not be read). */
function trace(sizes: readonly (number | undefined)[], budget: number): string[] {
  const calls: string[] = [];
  readInRuns(
    sizes,
    (size, i): ReadSource => {
      calls.push(`read ${i}`);
      return { name: `f${i}`, text: size === undefined ? undefined : 'x'.repeat(size), diagnostics: [] };
    },
    (source, i) => calls.push(`take ${i} ${source.name}`),
    budget,
  );
  return calls;
}

describe('readInRuns', () => {
  test('small files: every read, then every take, in order', () => {
    expect(trace([1, 2, 3], 100)).toEqual(['read 0', 'read 1', 'read 2', 'take 0 f0', 'take 1 f1', 'take 2 f2']);
  });

  test('a run stops at the file that reaches the budget; a file over it is read alone', () => {
    expect(trace([40, 70, 5, 500, 1], 100)).toEqual(['read 0', 'read 1', 'take 0 f0', 'take 1 f1', 'read 2', 'read 3', 'take 2 f2', 'take 3 f3', 'read 4', 'take 4 f4']);
    expect(trace([500, 500], 100)).toEqual(['read 0', 'take 0 f0', 'read 1', 'take 1 f1']);
  });

  test('nothing to read: no call', () => {
    expect(trace([], 100)).toEqual([]);
  });

  test('any sizes: each item read once and taken once, in order, and never more than the budget plus one file held', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(300), { nil: undefined }), { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), (sizes, budget) => {
        const calls = trace(sizes, budget);
        expect(calls.filter((c) => c.startsWith('read')).map((c) => Number(c.split(' ')[1]))).toEqual(sizes.map((_, i) => i));
        expect(calls.filter((c) => c.startsWith('take')).map((c) => Number(c.split(' ')[1]))).toEqual(sizes.map((_, i) => i));
        // Held: read and not yet taken. Before each read, what is held is under the budget.
        let held = 0;
        let heldText = 0;
        for (const c of calls) {
          const i = Number(c.split(' ')[1]);
          if (c.startsWith('read')) {
            if (held > 0) expect(heldText).toBeLessThan(budget);
            held++;
            heldText += sizes[i] ?? 0;
          } else {
            // A take comes only once the run is closed: at the end, or once the budget is reached.
            held--;
            heldText -= sizes[i] ?? 0;
          }
        }
        expect(held).toBe(0);
      }),
    );
  });
});
