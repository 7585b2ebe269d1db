// The required-literal prefilter (src/regex/required.ts): which literal a pattern must contain, the case-folding
// fact it rests on, and the engine with the prefilter against re2js on literal-heavy patterns and texts holding
// the characters that fold onto ASCII letters (U+212A KELVIN SIGN, U+017F LONG S) or lowercase oddly (U+0130).
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { Re2, parseRegex } from '../../src/regex/index.js';
import { requiredLiteral } from '../../src/regex/required.js';

const RUNS = Number(process.env.RE2_RUNS ?? 1500);

describe('requiredLiteral', () => {
  const cases: [string, { text: string; lower: boolean } | undefined][] = [
    // S may be U+017F: the literal stops before it.
    ['(?i)^(?:.*IMPHASH=)', { text: 'impha', lower: true }],
    ['abc', { text: 'abc', lower: false }],
    ['x\\by', { text: 'xy', lower: false }],
    ['(?i)AB=CD', { text: 'ab=cd', lower: true }],
    // k and s fold onto non-ASCII characters too: they end a folded literal.
    ['(?i)mask', { text: 'ma', lower: true }],
    ['(?i)ask', undefined],
    ['(?i)tasks_done', { text: '_done', lower: true }],
    ['a(b|c)d', undefined],
    ['(ab)+cdx', { text: 'cdx', lower: false }],
    ['(?:xyz){0,3}ab', { text: 'ab', lower: false }],
    ['(?:xyz){2}', { text: 'xyz', lower: false }],
    ['ab?c', undefined],
    // Exact and folded letters never share a literal; the neutral characters between them go with both.
    ['AB=(?i)cd', { text: 'AB=', lower: false }],
    ['.*\\.exe$', { text: '.exe', lower: false }],
    ['é\u212a', { text: 'é\u212a', lower: false }],
    ['(?i)é\u212a', undefined],
  ];
  it.each(cases)('%s', (pattern, want) => {
    expect(requiredLiteral(parseRegex(pattern).root)).toEqual(want);
  });
});

describe('the folding fact the prefilter rests on', () => {
  it('under JS iu matching, no code point beyond ASCII matches an ASCII letter other than k or s', () => {
    const re = /^[a-jl-rt-z]$/iu;
    const hits: number[] = [];
    for (let cp = 128; cp <= 0x10ffff; cp++) if (re.test(String.fromCodePoint(cp))) hits.push(cp);
    expect(hits).toEqual([]);
    // And the two that do, as RE2 folds them.
    expect(RE2JS.compile('(?i)k').matcher('\u212a').find()).toBe(true);
    expect(RE2JS.compile('(?i)s').matcher('\u017f').find()).toBe(true);
  });
});

const ATOMS = ['a', 'b', 'k', 's', 'K', 'S', 'I', 'i', 'x', '=', '-', '.', '.*', '(?i)', '(?-i)', '(?i:', '(', ')', '|', '+', '?', '*', '{2}', '{0,2}', '\\b', '^', '$', 'é', 'É'];
const TEXT = ['a', 'A', 'b', 'B', 'k', 'K', 's', 'S', 'i', 'I', 'x', 'X', '=', '-', '.', '\u212a', '\u017f', '\u0130', '\u0131', 'é', 'É', ' ', 'ab', 'AB', 'ks'];

describe('engine with the prefilter = re2js', () => {
  it('same find from every start, lookingAt and full match on literal-heavy patterns', () => {
    const patternArb = fc.array(fc.constantFrom(...ATOMS), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
    const textArb = fc.array(fc.constantFrom(...TEXT), { maxLength: 10 }).map((a) => a.join(''));
    let prefiltered = 0;
    fc.assert(
      fc.property(patternArb, fc.array(textArb, { minLength: 1, maxLength: 4 }), (p, texts) => {
        let oracle: RE2JS;
        try {
          oracle = RE2JS.compile(p);
        } catch {
          return;
        }
        const own = new Re2(p);
        if (requiredLiteral(parseRegex(p).root) !== undefined) prefiltered++;
        for (const t of texts) {
          const m = oracle.matcher(t);
          for (let from = 0; from <= t.length; from++) {
            const want = m.find(from) ? [m.start(), m.end()] : null;
            const got = own.exec(t, from, 'none');
            expect(got ? [got[0], got[1]] : null, `find ${JSON.stringify(p)} on ${JSON.stringify(t)} from ${from}`).toEqual(want);
          }
          const anchored = oracle.matcher(t);
          expect(own.exec(t, 0, 'start') !== undefined, `lookingAt ${JSON.stringify(p)} on ${JSON.stringify(t)}`).toBe(anchored.lookingAt());
          expect(own.exec(t, 0, 'both') !== undefined, `matches ${JSON.stringify(p)} on ${JSON.stringify(t)}`).toBe(oracle.matcher(t).matches());
        }
      }),
      { numRuns: RUNS },
    );
    // The property says something only if the prefilter took part often.
    expect(prefiltered).toBeGreaterThan(RUNS / 10);
  });
});
