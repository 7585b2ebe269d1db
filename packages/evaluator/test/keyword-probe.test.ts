import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../src/fold.js';
import { keywordProbe } from '../src/keyword-probe.js';

/** keyword-probe.ts against its definition: the probe never refuses a leaf whose fold contains the keyword. */
describe('keywordProbe', () => {
  // Letters with non-ASCII raw forms (İ, K, ſ), the anchors' characters, and non-ASCII units.
  const unit = fc.constantFrom('a', 'k', 'K', '\u212A', 'i', 'I', 'İ', 's', 'S', 'ſ', '.', '\\', '-', ' ', '#', 'é', 'Σ', '😀');
  const keyword = fc.string({ unit: fc.constantFrom('a', 'k', 'i', 's', '.', '\\', '-', ' ', '#'), minLength: 1, maxLength: 5 });

  it('accepts every leaf whose fold contains the keyword, and is exact on ASCII leaves', () => {
    fc.assert(
      fc.property(keyword, fc.array(fc.string({ unit, maxLength: 12 }), { maxLength: 8 }), (kw, leaves) => {
        const probe = keywordProbe(kw);
        if (probe === undefined) {
          expect(/[^a-z]/.test(kw)).toBe(false);
          return;
        }
        for (const leaf of leaves) {
          const holds = fold(leaf).includes(kw);
          if (holds) expect(probe(leaf)).toBe(true);
          if (/^[\x00-\x7f]*$/.test(leaf)) expect(probe(leaf)).toBe(holds);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['\\perfc.dat', 'C:\\Windows\\PERFC.DAT', true],
    ['\\perfc.dat', 'C:\\Windows\\perfc.da', false],
    ['\\perfc.dat', 'perfc.dat', false],
    ['.dat #1', 'x.DAT #1', true],
    ['kiss.', '\u212AİSſ.', true],
  ])('%j in %j: %s', (kw, leaf, want) => {
    expect(keywordProbe(kw)!(leaf)).toBe(want);
  });

  it('has no anchor in a keyword of letters only', () => {
    expect(keywordProbe('mimikatz')).toBeUndefined();
  });
});
