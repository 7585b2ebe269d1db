import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggest } from '../src/parse/suggest.js';

/** Textbook Levenshtein distance, the reference for the bounded one suggest uses. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

/** What suggest must return: the first candidate at the smallest distance within the limit (case-insensitive). */
function reference(word: string, candidates: readonly string[], max: number): string | undefined {
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

describe('suggest', () => {
  it.each([
    ['contians', ['contains', 'startswith', 'endswith'], 2, 'contains'],
    ['Titel', ['title', 'id', 'status'], 1, undefined],
    ['Titel', ['title', 'id', 'status'], 2, 'title'],
    ['logsoruce', ['logsource', 'detection'], 2, 'logsource'],
    ['falsepositive', ['falsepositives', 'fields'], 1, 'falsepositives'],
    ['regression_tests_path', ['references', 'related', 'level'], 2, undefined],
    ['', ['id'], 2, 'id'],
  ] as const)('%s among %j (max %i) → %s', (word, candidates, max, expected) => {
    expect(suggest(word, candidates, max)).toBe(expected);
  });

  it('agrees with a textbook Levenshtein on random words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '_'), maxLength: 9 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 6 }), fc.integer({ min: 0, max: 3 }), (w, cands, max) => {
        expect(suggest(w, cands, max)).toBe(reference(w, cands, max));
      }),
      { numRuns: 2000 },
    );
  });
});
