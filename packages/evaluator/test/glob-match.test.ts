import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import type { ValuePart } from '@sigmats/core';
import { compileStringPattern } from '../src/string-pattern.js';
import { fold } from '../src/fold.js';
import { globMatcher, LONG_BLOCK, type GlobPart } from '../src/glob-match.js';

/**
 * Values with `?` (glob-match.ts) against the RE2 program they ran as before: `^(?:...)$` under DOTALL, where `.` is
 * one code point. Units include astral characters, lone surrogates of both halves, newlines and every character a
 * regular expression gives a meaning to.
 */
const UNITS = ['a', 'b', 'A', 'é', 'É', '😀', '\uD83D', '\uDE00', '\n', '.', '\\', '[', ']', '(', ')', '$', '^', '/', '-', '{', '}', '|', '+'];
const RE2_META = /[\\.+*?()|[\]{}^$]/g;

function reference(parts: readonly ValuePart[], cased: boolean): (text: string) => boolean {
  const src = parts
    .map((p) => (p.kind === 'literal' ? (cased ? p.text : fold(p.text)).replace(RE2_META, (c) => `\\${c}`) : p.kind === 'wildcard-multi' ? '.*' : '.'))
    .join('');
  const re = RE2JS.compile(`^(?:${src})$`, RE2JS.DOTALL);
  return (t) => re.testExact(t);
}

const part: fc.Arbitrary<ValuePart> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 }).map((u) => ({ kind: 'literal', text: u.join('') }) as ValuePart) },
  { weight: 2, arbitrary: fc.constant({ kind: 'wildcard-single' } as ValuePart) },
  { weight: 1, arbitrary: fc.constant({ kind: 'wildcard-multi' } as ValuePart) },
);
const text = fc.array(fc.constantFrom(...UNITS), { maxLength: 14 }).map((u) => u.join(''));

describe('values with ? wildcards', () => {
  it('match exactly as the RE2 program did, folded and cased', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 7 }), fc.array(text, { minLength: 1, maxLength: 6 }), fc.boolean(), (ps, texts, cased) => {
        const value = ps.some((p) => p.kind === 'wildcard-single') ? ps : [...ps, { kind: 'wildcard-single' } as ValuePart];
        const pat = compileStringPattern(value, cased);
        const ref = reference(value, cased);
        // Texts built from the value itself (its literals with other units in the wildcards) match often.
        const made = value.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'wildcard-single' ? texts[0]!.slice(0, 1) || 'x' : texts[1] ?? '')).join('');
        for (const t of [...texts, made, made.toUpperCase()]) {
          const subject = cased ? t : fold(t);
          expect(pat.test(subject), JSON.stringify({ value, t })).toBe(ref(subject));
        }
      }),
      { numRuns: 8_000 },
    );
  });

  it('places blocks leftmost between stars, with the first at the start and the last at the end', () => {
    const lit = (text: string): ValuePart => ({ kind: 'literal', text });
    const one: ValuePart = { kind: 'wildcard-single' };
    const star: ValuePart = { kind: 'wildcard-multi' };
    const cases: [ValuePart[], string, boolean][] = [
      [[lit('a'), one, star, lit('c'), one], 'abxxcd', true],
      [[lit('a'), one, star, lit('c'), one], 'abxxc', false],
      [[star, one, lit('b'), star, lit('b'), one], 'abbb', true],
      [[star, one, lit('b'), star, lit('b'), one], 'abb', false],
      [[one, one], '😀é', true],
      [[one], '\uD83D', true],
      [[one, one], '😀', false],
      [[star, lit('a'), one, lit('a'), star], 'xa\naz', true],
    ];
    for (const [value, t, expected] of cases) expect(compileStringPattern(value, true).test(t), JSON.stringify({ value, t })).toBe(expected);
  });

  // Blocks longer than LONG_BLOCK code points are searched with Shift-And, and a long last block is compared where it
  // must end (glob-match.ts). With the bound at 0 every block takes those paths: the same answers as the RE2 program.
  it('answers alike with every block searched bit-parallel', () => {
    const globPart: fc.Arbitrary<GlobPart> = fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 }).map((u) => ({ kind: 'text', text: u.join('') }) as GlobPart) },
      { weight: 2, arbitrary: fc.constant({ kind: 'one' } as GlobPart) },
      { weight: 1, arbitrary: fc.constant({ kind: 'star' } as GlobPart) },
    );
    const toValue = (ps: readonly GlobPart[]): ValuePart[] =>
      ps.map((p) => (p.kind === 'text' ? { kind: 'literal', text: p.text } : p.kind === 'one' ? { kind: 'wildcard-single' } : { kind: 'wildcard-multi' }) as ValuePart);
    fc.assert(
      fc.property(fc.array(globPart, { minLength: 1, maxLength: 9 }), fc.array(text, { minLength: 1, maxLength: 6 }), (ps, texts) => {
        const bitParallel = globMatcher(ps, 0);
        const ref = reference(toValue(ps), true);
        const made = ps.map((p) => (p.kind === 'text' ? p.text : p.kind === 'one' ? texts[0]!.slice(0, 1) || 'x' : texts[1] ?? '')).join('');
        for (const t of [...texts, made, `${texts[0]}${made}`, `${made}${made}`]) expect(bitParallel(t), JSON.stringify({ ps, t })).toBe(ref(t));
      }),
      { numRuns: 8_000 },
    );
  });

  it('places a long block of ? between stars, and a long last block, as the short path does', () => {
    const star: GlobPart = { kind: 'star' };
    const pairs = (n: number): GlobPart[] => Array.from({ length: n }, () => [{ kind: 'text', text: '%' } as GlobPart, { kind: 'one' } as GlobPart]).flat();
    // The fuzz input whose keyword leaf of 20,874 characters took 454 ms: `*%?%?...%?b*` with 2,300 pairs, against
    // texts that repeat the value (its `?` as written) and almost match it all along.
    const middle = globMatcher([star, ...pairs(2_300), { kind: 'text', text: 'b' }, star]);
    expect(pairs(2_300).length).toBeGreaterThan(LONG_BLOCK);
    const body = '%?'.repeat(2_300);
    expect(middle(`${body}b`)).toBe(true);
    expect(middle(`yy${body}byy`)).toBe(true);
    expect(middle(`Hashes: "${'%?'.repeat(10_000)}"`)).toBe(false);
    expect(middle(`${'%?'.repeat(2_299)}b`)).toBe(false);
    expect(middle(`${'%😀'.repeat(2_300)}b`)).toBe(true);
    // A long last block must end the text, and not begin before the block ahead of it ends.
    const tail = globMatcher([{ kind: 'text', text: 'a' }, star, ...pairs(100)]);
    expect(tail(`a${'%x'.repeat(100)}`)).toBe(true);
    expect(tail(`a${'%x'.repeat(100)}y`)).toBe(false);
    expect(tail('%x'.repeat(100))).toBe(false);
    expect(tail(`a${'%x'.repeat(99)}`)).toBe(false);
  });
});
