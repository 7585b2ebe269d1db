// trimTrailing: what `s.replace(/[chars]+$/, '')` gives, without the quadratic backtracking over long runs.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { trimTrailing } from '../src/strings.js';
import { loadCollection } from '../src/index.js';

test('agrees with the regular expression', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom('a', '_', '-', '/', '\\', ' ') }), fc.constantFrom('_-', '/', '\\', '\n'), (s, chars) => {
      const re = new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]+$`);
      expect(trimTrailing(s, chars)).toBe(s.replace(re, ''));
    }),
    { numRuns: 3000 },
  );
});

test('a rule without a condition whose detection names share a long prefix gets its hint (the names compared character by character)', () => {
  const a = `sel${'_'.repeat(40_000)}a`;
  const b = `sel${'_'.repeat(40_000)}b`;
  const text = `title: t\nlogsource:\n  product: windows\ndetection:\n  ${a}:\n    x: 1\n  ${b}:\n    x: 2\n`;
  const d = loadCollection([{ text, file: 'r.yml' }]).diagnostics.find((x) => x.hint?.includes('1 of'));
  expect(d?.hint).toContain("'condition: 1 of sel*'");
});
