import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, fold } from '../src/index.js';

/**
 * AhoCorasick.next (the scan in steps the prefilter runs on texts it does not memoize) must report what `scan` reports,
 * in the same order: the patterns of every state reached, overlapping ones and those down dictionary links included.
 */
const unit = fc.constantFrom('a', 'b', 'c', 'A', 'B', '\\', '.', 'İ', 'K', 'ſ', 'é', '😀');
const pattern = fc.string({ unit, minLength: 1, maxLength: 5 });

function inSteps(ac: AhoCorasick, text: string): number[] {
  const out: number[] = [];
  for (let i = ac.next(text, 0); i >= 0; i = ac.next(text, i)) {
    for (let k = 0; k < ac.reportedCount(); k++) out.push(ac.reported(k));
  }
  return out;
}

describe('AhoCorasick in steps', () => {
  it('reports what scan reports, in order, and every pattern the folded text holds', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { minLength: 1, maxLength: 12 }),
        fc.array(fc.oneof(fc.string({ unit, maxLength: 4 }), pattern), { maxLength: 12 }).map((parts) => parts.join('')),
        fc.array(fc.string({ unit, maxLength: 30 }), { minLength: 1, maxLength: 3 }),
        (raw, text, others) => {
          const patterns = [...new Set(raw.map(fold))];
          const ac = new AhoCorasick(patterns);
          // Several texts one after another: a new text starts from the root, whatever the last one left.
          for (const t of [text, ...others, text]) {
            const byScan: number[] = [];
            ac.scan(t, (id) => byScan.push(id));
            const stepped = inSteps(ac, t);
            expect(stepped).toEqual(byScan);
            const folded = fold(t);
            patterns.forEach((p, id) => {
              if (folded.includes(p)) expect(stepped).toContain(id);
            });
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds overlapping patterns and patterns inside others', () => {
    const ac = new AhoCorasick(['abc', 'bc', 'c', 'cab', 'abcab']);
    expect(inSteps(ac, 'xABCABx').sort()).toEqual([0, 1, 2, 3, 4]);
    expect(inSteps(ac, 'abcabc').sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
  });
});
