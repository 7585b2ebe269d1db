import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { fold } from '../src/fold.js';
import { hasRun, regexGuard } from '../src/regex-guard.js';
import { compileExpr, EventView } from '../src/index.js';
import { m, re } from './ir.js';

/** regex-guard.ts's checks are necessary: whenever RE2 matches, every check passes. */
describe('regexGuard', () => {
  const TOKENS = [
    'a', 'b', 'k', 'K', 's', 'S', 'é', '\u212A', '.', '|', '(', ')', '(?:', '(?i)', '(?i:', '(?-i:', '(?s)', '(?P<n>',
    '*', '+', '?', '*?', '{2}', '{1,3}', '{0,2}', '{8}', '{8,}', '{9,12}', '{', '}', ',', '[ab]', '[^a]', '[a-c]', '[\\d]',
    '[kK]', '[ "\']', '[\\s.]', '[^\\W]', '\\d', '\\s', '\\w', '\\W', '\\S', '\\D', '\\n', '\\.', '\\x41', '\\x{e9}', '\\b',
    '\\pL', '^', '$', ' ', '"',
  ];
  const pattern = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).map((t) => t.join(''));
  const text = fc.array(fc.constantFrom('a', 'b', 'k', 'K', 's', 'S', 'é', 'É', '\u212A', 'ſ', 'İ', '.', ' ', '"', "'", '\n', '1', 'A', 'x', 'aaaa', 'kkkkk', '😀'), { maxLength: 16 }).map((t) => t.join(''));

  it('never refuses a text RE2 matches', () => {
    fc.assert(
      fc.property(pattern, text, fc.boolean(), fc.boolean(), (src, t, ignoreCase, dotAll) => {
        let rx: RE2JS;
        try {
          rx = RE2JS.compile(src, (ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (dotAll ? RE2JS.DOTALL : 0));
        } catch {
          return;
        }
        const g = regexGuard(src, { ignoreCase, dotAll });
        if (g === undefined || !rx.test(t)) return;
        expect(t.length).toBeGreaterThanOrEqual(g.minLength);
        if (g.run) expect(hasRun(t, g.run.length, g.run.member)).toBe(true);
        if (g.literals) {
          const probe = g.literals.folded ? fold(t) : t;
          for (const set of g.literals.all) expect(set.some((s) => probe.includes(s))).toBe(true);
        }
      }),
      { numRuns: 30_000 },
    );
  });

  it("a regex test's prefilter clauses (required literals, guard sets) hold whenever it matches", () => {
    fc.assert(
      fc.property(pattern, text, fc.boolean(), (src, t, ignoreCase) => {
        let c;
        try {
          c = compileExpr(m('F', re(src, { ignoreCase })), { rule: 'r', diagnostics: [] });
        } catch {
          return;
        }
        if (!c.test(new EventView({ F: t }, 'exact', undefined))) return;
        // What the prefilter needs: each clause has a literal in fold(text).
        for (const clause of c.clauses) expect(clause.some((a) => fold(t).includes(a.literal))).toBe(true);
      }),
      { numRuns: 30_000 },
    );
  });

  it('hasRun finds a run exactly when there is one', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (t, n) => {
        const member = (u: number): boolean => u === 97 || u === 98;
        expect(hasRun(t, n, member)).toBe(new RegExp(`[ab]{${n}}`).test(t));
      }),
      { numRuns: 3000 },
    );
  });

  // SigmaHQ process_creation patterns that had no literal for the prefilter or the guard.
  it('reads the rules that ran RE2 on every event', () => {
    const flags = { ignoreCase: false, dotAll: false };
    const robin = regexGuard(`\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ "']{1}`, flags)!;
    expect(robin.literals).toEqual({ all: [['. ', '."', ".'"]], folded: false });
    expect(robin.minLength).toBe(6);
    const snake = regexGuard('\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}', flags)!;
    expect(snake.run?.length).toBe(64);
    expect(snake.minLength).toBe(82);
    expect(regexGuard('.{1000,}', flags)!.minLength).toBe(1000);
    expect(regexGuard('\\n\\n\\n\\n\\n\\n', flags)!.literals).toEqual({ all: [['\n\n\n\n\n\n']], folded: false });
    expect(regexGuard('(?i)\\$\\{`?e`?n', flags)!.literals).toEqual({ all: [['${']], folded: true });
    expect(regexGuard('"(?:\\{\\d\\})+"\\s*-f', flags)!.literals).toEqual({ all: [['"{'], ['-f']], folded: false });
    expect(regexGuard('a(?:bc|de)f', flags)!.literals).toEqual({ all: [['a']], folded: false });
    expect(regexGuard('ab|c[de]', flags)!.literals).toEqual({ all: [['ab', 'cd', 'ce']], folded: false });
  });

  it('gives up on syntax it does not read', () => {
    for (const src of ['\\pL+', '[[:alpha:]]', '\\Qa\\E', '(?<=a)b', '\\1']) expect(regexGuard(src, { ignoreCase: false, dotAll: false })).toBeUndefined();
  });
});
