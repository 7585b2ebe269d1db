import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../src/fold.js';
import { SampledScan } from '../src/sampled-scan.js';

/** sampled-scan.ts against a naive search over fold(text): nothing missed, nothing spurious on ASCII text. */
describe('SampledScan', () => {
  const unit = fc.constantFrom('a', 'b', 'A', 'k', 'K', '\u212A', 's', 'ſ', 'i', 'İ', '=', 'é', 'É', '😀');
  const literal = fc.string({ unit, minLength: 9, maxLength: 20 }).map(fold);

  it('reports every literal whose fold occurs, and only those on ASCII text', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(literal, { minLength: 1, maxLength: 8 }),
        fc.array(fc.oneof(fc.string({ unit, maxLength: 6 }), fc.nat(7)), { maxLength: 10 }),
        (literals, parts) => {
          // Texts made of literals (in other cases too) and noise, so that occurrences are frequent.
          const text = parts.map((p) => (typeof p === 'number' ? (p % 2 ? literals[p % literals.length]!.toUpperCase() : literals[p % literals.length]!) : p)).join('');
          const scan = new SampledScan(literals);
          const found = new Set<number>();
          scan.scan(text, (id) => found.add(id));
          const folded = fold(text);
          literals.forEach((l, id) => {
            if (folded.includes(l)) expect(found.has(id)).toBe(true);
            else if (/^[\x00-\x7f]*$/.test(text + l)) expect(found.has(id)).toBe(false);
          });
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('refuses literals too short to sample', () => {
    expect(() => new SampledScan(['abcdefgh'])).toThrow();
  });
});
