import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { compileExpr, compileRegex, EventView, translatePcre } from '../src/index.js';
import { requiredLiterals } from '../src/regex-literals.js';
import { evaluate, m, re } from './ir.js';

const NO_FLAGS = { ignoreCase: false, multiline: false, dotAll: false };

/** PCRE spelling → RE2 source we run. */
const TRANSLATIONS: readonly (readonly [pcre: string, re2: string])[] = [
  ['abc', 'abc'],
  ['\\Aabc\\z', '\\Aabc\\z'],
  ['abc\\Z', 'abc(?:\\n?\\z)'],
  ['abc$', 'abc(?:\\n?$)'],
  ['[$]', '[$]'],
  ['\\$', '\\$'],
  ['(?i)abc', '(?i)abc'],
  ['(?<name>x)', '(?P<name>x)'],
  ["(?'name'x)", '(?P<name>x)'],
  ['(?#comment)a', 'a'],
  ['\\e', '\\x1b'],
  ['a\\hb', 'a[\\t\\x20\\x{a0}]b'],
  ['[]a]', '[\\]a]'],
  ['[^]a]', '[^\\]a]'],
  ['[[:alpha:]]', '[[:alpha:]]'],
  ['\\Qa.b$\\E', '\\Qa.b$\\E'],
  ['(?<=a)b', '(?<=a)b'],
  ['(?n)(a)', '(a)'],
];

/** Constructs RE2 cannot run: refused at compile time with a reason, never a slow fallback. */
const UNSUPPORTED: readonly (readonly [pcre: string, reason: RegExp])[] = [
  ['(a)\\1', /backreference/],
  ['(?<n>a)\\k<n>', /backreference/],
  ['a(?=b)', /lookahead/],
  ['a(?!b)', /lookahead/],
  ['(?>a+)b', /atomic/],
  ['a++b', /possessive/],
  ['(?(1)a|b)', /conditional/],
  ['(?R)', /recursion/],
  ['(?x) a b', /extended/],
  ['a\\Gb', /not supported/],
];

describe('PCRE → RE2 translation', () => {
  for (const [pcre, re2] of TRANSLATIONS) {
    it(`${pcre} → ${re2}`, () => {
      const t = translatePcre(pcre, NO_FLAGS);
      expect(t.ok && t.source).toBe(re2);
      expect(compileRegex(pcre, NO_FLAGS).ok).toBe(true);
    });
  }
  for (const [pcre, reason] of UNSUPPORTED) {
    it(`refuses ${pcre}`, () => {
      const c = compileRegex(pcre, NO_FLAGS);
      expect(c.ok).toBe(false);
      if (!c.ok) expect(c.reason).toMatch(reason);
    });
  }

  it('an unsupported regex is a located eval/unsupported-regex diagnostic naming the rule', () => {
    const diagnostics: import('@sigmats/core').Diagnostic[] = [];
    const value = { ...re('(a)\\1'), loc: { file: 'r.yml', line: 12, column: 9 } };
    expect(() => compileExpr(m('F', value), { rule: 'rule-1', diagnostics })).toThrow();
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.column, d.rule])).toEqual([
      ['eval/unsupported-regex', 'r.yml', 12, 9, 'rule-1'],
    ]);
  });
});

describe('hostile regexes and inputs stay linear (RE2, no backtracking)', () => {
  const HOSTILE = ['(a+)+$', '(a|a)*b', '(a|aa)+$', '(.*a){12}', '^(\\w+\\s?)*$', '(x+x+)+y'];
  it('every hostile pattern compiles to RE2, never to a backtracking engine', () => {
    for (const p of HOSTILE) {
      const c = compileRegex(p, NO_FLAGS);
      expect(c.ok).toBe(true);
      if (c.ok) expect(c.regex).toBeInstanceOf(RE2JS);
    }
  });
  it('matches long adversarial inputs (bounded sizes, completes within the test timeout)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE),
        fc.integer({ min: 1_000, max: 50_000 }),
        fc.constantFrom('a', 'x', 'ab', 'a a '),
        fc.constantFrom('', '!', 'b', '\n'),
        (pattern, n, unit, tail) => {
          const view = new EventView({ F: unit.repeat(Math.ceil(n / unit.length)) + tail }, 'exact', undefined);
          const c = compileExpr(m('F', re(pattern)), { rule: 'hostile', diagnostics: [] });
          expect(typeof c.test(view)).toBe('boolean');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the substring guard before RE2 never changes a result', () => {
  it('matches exactly what RE2 alone matches', () => {
    const unit = fc.constantFrom('a', 'S', 's', 'ſ', 'k', 'K', '\u212A', 'İ', 'i', '|', '(', ')', '+', '*', '?', '.');
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 's', 'S', 'ſ', 'k', 'K', '\u212A', 'i', 'İ', 'I', 'x'), maxLength: 10 }),
        fc.boolean(),
        (pattern, text, ci) => {
          const flags = { ...NO_FLAGS, ignoreCase: ci };
          const c = compileRegex(pattern, flags);
          if (!c.ok) return;
          expect(evaluate(m('F', re(pattern, flags)), { F: text })).toBe(c.regex.test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('required literals of a regex (prefilter)', () => {
  const CASES: readonly (readonly [string, boolean, string[] | undefined])[] = [
    ['abc', false, ['abc']],
    ['ab+c', false, ['ab']],
    ['ab*c', false, ['a']],
    ['x(ab)?cd', false, ['cd']],
    ['foo|barbaz', false, ['foo', 'barbaz']],
    ['foo|.*', false, undefined],
    ['\\\\temp\\\\[a-z]+\\.exe', false, ['\\temp\\']],
    ['(?i)Кириллица', false, undefined],
    ['Кириллица', false, ['Кириллица']],
    ['a{2}bcd', false, ['bcd']],
  ];
  for (const [src, ci, want] of CASES) {
    it(`${src} → ${JSON.stringify(want)}`, () => expect(requiredLiterals(src, ci)).toEqual(want));
  }
  it('is sound: whenever the regex matches, a required literal occurs in the text', () => {
    // Found by this property: flag groups followed by a quantifier (`b(?)?`), `{` that is not a repeat
    // (`-{||}`), octal escapes (`\\000?`).
    fc.assert(
      fc.property(
        fc.stringMatching(/^[abc|()*+?.i{}0-2,:\\\-\[\]^$xpL]{1,10}$/),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'i', '{', '}', '1', '-', ':', '\n', '\\', '[', ']', '^', '$', 'x', 'L'), maxLength: 12 }),
        fc.boolean(),
        (src, text, ci) => {
          let rx: RE2JS;
          try {
            rx = RE2JS.compile(src, ci ? RE2JS.CASE_INSENSITIVE : 0);
          } catch {
            return;
          }
          const lits = requiredLiterals(src, ci);
          if (lits && rx.test(text)) {
            const folded = text.toLowerCase();
            expect(lits.some((l) => folded.includes(l.toLowerCase()))).toBe(true);
          }
        },
      ),
      { numRuns: 20_000 },
    );
  });
  for (const [src, want] of [
    ['b(?)?', undefined],
    ['-{||}', undefined],
    ['\\000?', undefined],
    ['x\\x41+yz', ['yz']],
    ['a{2,3}bc', ['bc']],
    ['a{bc', ['a{bc']],
  ] as const) {
    it(`regression: ${src}`, () => expect(requiredLiterals(src, false)).toEqual(want));
  }
});
