import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../src/fold.js';
import { SampledScan, VERIFIED } from '../src/sampled-scan.js';

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

  it('never misses a literal longer than it verifies, repetitive ones included', () => {
    const long = fc.tuple(fc.constantFrom('é', 'a', 'ab', 'K', '%', 'x='), fc.integer({ min: 5, max: 150 }), fc.string({ unit, maxLength: 4 })).map(([rep, times, tail]) => fold(rep.repeat(times) + tail));
    fc.assert(
      fc.property(fc.uniqueArray(long.filter((l) => l.length >= 9), { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(fc.string({ unit, maxLength: 6 }), fc.nat(7)), { maxLength: 8 }), (literals, parts) => {
        const text = parts.map((p) => (typeof p === 'number' ? literals[p % literals.length]! : p)).join('');
        const found = new Set<number>();
        new SampledScan(literals).scan(text, (id) => found.add(id));
        const folded = fold(text);
        literals.forEach((l, id) => {
          if (folded.includes(l)) expect(found.has(id)).toBe(true);
          // Up to VERIFIED characters the check is exact on ASCII text; past it, only the literal's start is compared.
          else if (/^[\x00-\x7f]*$/.test(text + l) && !folded.includes(l.slice(0, VERIFIED))) expect(found.has(id)).toBe(false);
        });
      }),
      { numRuns: 2000 },
    );
  });

  // Found by the fuzz campaign (seed 20761, input 17210): a rule value of 19,636 'é' between wildcards, and events
  // repeating it, took 5.6 s of CPU over 25 events. The text is read through a counting stand-in, so the bound is on
  // characters read, not on time.
  it('reads a text a bounded number of times over, whatever the literals repeat', () => {
    for (const [literal, text] of [
      ['é'.repeat(19_636), 'c:\\windows\\system32\\o%' + 'é'.repeat(19_636) + '%'.repeat(11_631) + 'ab'.repeat(7_000)],
      ['ab'.repeat(5_000), 'ab'.repeat(20_000)],
      ['a'.repeat(3_000) + 'b', 'a'.repeat(50_000)],
    ] as const) {
      let reads = 0;
      const counting = { length: text.length, charCodeAt: (i: number) => (reads++, text.charCodeAt(i)) } as unknown as string;
      const found: number[] = [];
      new SampledScan([literal, 'penssh\\sshd.exe']).scan(counting, (id) => found.push(id));
      expect(found.includes(0)).toBe(fold(text).includes(literal.slice(0, VERIFIED)));
      // Q characters per sampled position, and at most VERIFIED per candidate (8 offsets of one literal here).
      expect(reads).toBeLessThanOrEqual(text.length * (1 + (8 * VERIFIED) / 8));
    }
  });

  it('refuses literals too short to sample', () => {
    expect(() => new SampledScan(['abcdefgh'])).toThrow();
  });
});
