import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../src/fold.js';
import { KeywordGroups, keywordAnchor, keywordProbe } from '../src/keyword-probe.js';

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
    ['sekurlsa::', 'x SEKURLSA::logonpasswords', true],
    ['sekurlsa::', '08:00:00 sekurlsa:x:', false],
  ])('%j in %j: %s', (kw, leaf, want) => {
    expect(keywordProbe(kw)!(leaf)).toBe(want);
  });

  it('has no anchor in a keyword of letters only', () => {
    expect(keywordProbe('mimikatz')).toBeUndefined();
  });

  it('anchors on the longest run of characters that are no letters, of equal runs the rarest', () => {
    expect(keywordAnchor('sekurlsa::')).toEqual({ start: 8, end: 10 });
    expect(keywordAnchor('a.b c')).toEqual({ start: 1, end: 2 });
    expect(keywordAnchor('\\mimilib.dll')).toEqual({ start: 8, end: 9 });
    expect(keywordAnchor('x-1 :: y')).toEqual({ start: 1, end: 7 });
  });
});

/** KeywordGroups against keywordProbe: one pass per anchor finds exactly what each keyword's own probe accepts. */
describe('KeywordGroups', () => {
  const unit = fc.constantFrom('a', 'k', 'K', '\u212A', 'i', 'İ', 's', ':', '.', '\\', ' ', '-', '#', 'é', '😀');
  const keyword = fc.string({ unit: fc.constantFrom('a', 'k', 'i', 's', ':', '.', '\\', ' ', '-', '#'), minLength: 1, maxLength: 6 });

  it('reports each pending keyword whose probe accepts the leaf, once, and no other', () => {
    fc.assert(
      fc.property(fc.array(keyword, { minLength: 1, maxLength: 12 }), fc.array(fc.string({ unit, maxLength: 16 }), { maxLength: 6 }), fc.array(fc.boolean(), { maxLength: 12 }), (kws, leaves, skip) => {
        const groups = new KeywordGroups(kws);
        expect(groups.unanchored).toEqual(kws.flatMap((kw, k) => (keywordProbe(kw) === undefined ? [k] : [])));
        for (const leaf of leaves) {
          const done = new Set(kws.flatMap((_, k) => (skip[k] === true ? [k] : [])));
          const found: number[] = [];
          groups.search(
            leaf,
            (k) => !done.has(k),
            (k) => {
              found.push(k);
              done.add(k);
            },
          );
          const want = kws.flatMap((kw, k) => (skip[k] !== true && keywordProbe(kw)?.(leaf) === true ? [k] : []));
          expect(found.sort((a, b) => a - b)).toEqual(want);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('searches "Mimikatz Use"\'s 20 keywords in 3 passes', () => {
    const kws = ['dpapi::masterkey', 'eo.oe.kiwi', 'event::clear', 'event::drop', 'gentilkiwi.com', 'kerberos::golden', 'kerberos::ptc', 'kerberos::ptt', 'kerberos::tgt', 'kiwi legit printer', 'lsadump::', 'mimidrv.sys', '\\mimilib.dll', 'misc::printnightmare', 'misc::shadowcopies', 'misc::skeleton', 'privilege::backup', 'privilege::debug', 'privilege::driver', 'sekurlsa::'];
    const groups = new KeywordGroups(kws);
    const found: number[] = [];
    const leaf = 'C:\\Tools\\mimilib.dll loaded by Kiwi Legit Printer; SEKURLSA::LogonPasswords';
    groups.search(leaf, (k) => !found.includes(k), (k) => found.push(k));
    expect(found.sort((a, b) => a - b).map((k) => kws[k])).toEqual(['kiwi legit printer', '\\mimilib.dll', 'sekurlsa::']);
    expect((groups as unknown as { groups: { anchor: string }[] }).groups.map((g) => g.anchor).sort()).toEqual([' ', '.', '::']);
  });
});

