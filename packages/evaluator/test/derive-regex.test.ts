import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileRegex } from '../src/index.js';
import { regexExample } from '../src/derive/regex-gen.js';

const FLAGS = { ignoreCase: false, multiline: false, dotAll: false };

describe('regexExample', () => {
  it.each([
    ['abc', 'abc'],
    ['a.c', 'aac'],
    ['\\d{3}-\\d{2,4}', '000-00'],
    ['[A-F0-9]{4}', 'AAAA'],
    ['[^a-z]+', 'Z'],
    ['(foo|bar)baz', 'foobaz'],
    ['^cmd\\.exe$', 'cmd.exe'],
    ['\\bnet\\s+user\\b', 'net user'],
    ['(?i)powershell(\\.exe)?\\s+-e(nc)?\\s', 'powershell -e '],
    ['(?:https?|ftp)://[\\w.-]+/', 'http://a/'],
    ['\\x41\\x{42}\\t', 'AB\t'],
    ['[[:alpha:]][[:digit:]]', 'a0'],
    ['\\Q.*\\E!', '.*!'],
    ['a{2}b{1,}c*d?', 'aab'],
    ['\\{[a-fA-F0-9]{8}-[a-fA-F0-9]{4}\\}', '{aaaaaaaa-aaaa}'],
  ])('/%s/ -> %j (and RE2 agrees)', (pattern, want) => {
    const s = regexExample(pattern);
    expect(s).toBe(want);
    const re = compileRegex(pattern, FLAGS);
    expect(re.ok && re.regex.test(s!)).toBe(true);
  });

  it('the variant picks the top-level alternative', () => {
    expect([0, 1, 2, 3].map((v) => regexExample('a|b|c', v))).toEqual(['a', 'b', 'c', 'a']);
  });

  it.each(['(a)\\1', 'a(', '[abc', 'a{99999}'])('/%s/ cannot be generated: undefined', (pattern) => {
    expect(regexExample(pattern)).toBeUndefined();
  });
});

describe('regexExample: property', () => {
  // Patterns without assertions or backreferences: the example must always match (per RE2, as evaluated).
  const atom: fc.Arbitrary<string> = fc.oneof(
    fc.constantFrom('a', 'Z', '0', '-', '_', '\\.', '\\\\', '\\d', '\\w', '\\s', '\\S', '.', '[a-f0-9]', '[^abc]', '[A-Z_]', '\\x41'),
  );
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '+?');
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
  const seq = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
  const pattern = fc.oneof(
    seq,
    fc.tuple(seq, seq, quantifier).map(([a, b, q]) => `(?:${a}|${b})${q}`),
    fc.tuple(seq, seq, seq).map(([a, b, c]) => `${a}(${b}|${c})`),
  );
  it('every generated example matches its pattern', () => {
    fc.assert(
      fc.property(pattern, fc.nat(5), (p, variant) => {
        const s = regexExample(p, variant);
        expect(s).toBeDefined();
        const re = compileRegex(p, FLAGS);
        expect(re.ok && re.regex.test(s!)).toBe(true);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
