// Differential test on well-formed random patterns (groups, alternation, classes, counted and lazy repetition,
// assertions, flags): most are accepted, so this exercises matching and group spans more than the
// character-soup test next to it. re2js is the oracle. RE2_RUNS=N raises the case count.
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { Re2, re2SyntaxError } from '../../src/regex/index.js';

const RUNS = Number(process.env.RE2_RUNS ?? 1500);

const leaf = fc.constantFrom(
  'a', 'b', 'ab', 'k', '\\x{212A}', 'σ', '😀', '.', '\\d', '\\w', '\\W', '\\s', '\\b', '\\B', '^', '$', '\\A', '\\z',
  '[ab]', '[^a]', '[a-c\\d]', '[[:upper:]]', '\\pL', '\\p{Greek}', '\\PL', '(?i:k)', '\\n', '',
);
const pattern: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('re'), tie('re')).map(([x, y]) => x + y),
    fc.tuple(tie('re'), tie('re')).map(([x, y]) => `${x}|${y}`),
    tie('re').map((x) => `(${x})`),
    tie('re').map((x) => `(?P<g>${x})`),
    tie('re').map((x) => `(?:${x})`),
    fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '*?', '+?', '??', '{2}', '{0,2}', '{1,}', '{2,3}?')).map(([x, q]) => `(?:${x})${q}`),
    fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '{0,2}')).map(([x, q]) => `(${x})${q}`),
  ),
})).re;
const flags = fc.constantFrom('', '(?i)', '(?m)', '(?s)', '(?U)', '(?im)');
const text = fc.array(fc.constantFrom('a', 'b', 'k', 'K', '\u212a', 'σ', 'Σ', '😀', '1', ' ', '\n', '_', 'é'), { maxLength: 10 }).map((a) => a.join(''));

describe('engine = re2js on well-formed random patterns', () => {
  it('same matches and group spans from every start, at the start, and for the whole text', () => {
    let accepted = 0;
    fc.assert(
      fc.property(flags, pattern, text, (f, body, t) => {
        const p = f + body;
        let oracle: RE2JS;
        try {
          oracle = RE2JS.compile(p);
        } catch (e) {
          expect(re2SyntaxError(p)?.message).toBe((e as Error).message);
          return;
        }
        accepted++;
        const own = new Re2(p);
        const spans = (m: ReturnType<RE2JS['matcher']>): number[] => {
          const out: number[] = [];
          for (let g = 0; g <= m.groupCount(); g++) out.push(m.start(g), m.end(g));
          return out;
        };
        for (let from = 0; from <= t.length; from++) {
          const m = oracle.matcher(t);
          const want = m.find(from) ? spans(m) : undefined;
          const got = own.exec(t, from);
          expect(got && Array.from(got), `find ${JSON.stringify(p)} on ${JSON.stringify(t)} from ${from}`).toEqual(want);
        }
        const la = oracle.matcher(t);
        expect(Array.from(own.exec(t, 0, 'start') ?? []), `lookingAt ${JSON.stringify(p)}`).toEqual(la.lookingAt() ? spans(la) : []);
        const all = oracle.matcher(t);
        expect(Array.from(own.exec(t, 0, 'both') ?? []), `matches ${JSON.stringify(p)}`).toEqual(all.matches() ? spans(all) : []);
      }),
      { numRuns: RUNS },
    );
    // Most of these patterns are valid; if the generator drifted into errors the test would prove little.
    expect(accepted).toBeGreaterThan(RUNS * 0.5);
  });
});
