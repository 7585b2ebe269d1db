import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fullLint, lintSpl } from '../src/lint/lint.js';
import { simpleSearch } from '../src/lint/simple-search.js';

/** Search expressions shaped like this backend's output, and every small mutation of them. */
const value = fc.constantFrom('"x"', '"*\\\\cmd.exe"', '"a\\"b"', '"C:\\\\Windows\\\\*"', '*', '5', '"AND"', '"IN"', '"a\'b"', 'w*');
const field = fc.constantFrom('Image', 'CommandLine', 'EventCode', '"Odd Name"', 'source', 'a.b', 'IN', 'OR');
const term: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(field, fc.constantFrom('=', '!=', '<', '>=', '=='), value).map(([f, o, v]) => f + o + v),
  fc.tuple(field, fc.array(value, { maxLength: 4 })).map(([f, vs]) => `${f} IN (${vs.join(', ')})`),
  value,
);
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    term,
    fc.tuple(tie('e'), fc.constantFrom(' ', ' OR ', ' AND ', ' NOT '), tie('e')).map(([a, op, b]) => a + op + b),
    tie('e').map((e) => `(${e})`),
    tie('e').map((e) => `NOT ${e}`),
  ),
})).e as fc.Arbitrary<string>;
const pieces = ['(', ')', '"', "'", ',', '=', '!', '<', ' ', 'AND', 'OR', 'NOT', 'IN', '|', '[', ']', '\\', '`', '\n', '\t', 'x', 'TERM', 'CASE'];
const mutated = fc
  .tuple(expr, fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...pieces)), { maxLength: 3 }))
  .map(([s, edits]) => {
    let out = s;
    for (const [at, kind, piece] of edits) {
      const i = at % (out.length + 1);
      out = kind === 0 ? out.slice(0, i) + piece + out.slice(i) : kind === 1 ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + piece + out.slice(i + 1);
    }
    return out;
  });

describe('simpleSearch', () => {
  test('accepts only queries the full lint finds nothing in', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(expr, mutated, mutated), (q) => {
        if (!simpleSearch(q)) return;
        accepted++;
        expect(fullLint(q)).toEqual([]);
      }),
      { numRuns: 20000 },
    );
    // The property is only worth something if the quick path is taken: most unmutated expressions are clean.
    expect(accepted).toBeGreaterThan(2000);
  });

  test('takes the common shapes, leaves the rest to the full lint', () => {
    for (const q of [
      'Image="*\\\\cmd.exe" (CommandLine="*a*" OR CommandLine IN ("*b*", "*c*")) NOT User="x"',
      'source="WinEventLog:Security" EventCode=4688 NOT (A=* OR "B c" IN (1, 2))',
      '"keyword" OR "other \\"quoted\\""',
    ]) {
      expect(simpleSearch(q)).toBe(true);
      expect(fullLint(q)).toEqual([]);
    }
    for (const q of ['', 'A=1 OR', 'OR A=1', 'A=1 ()', 'A==1', 'A IN ()', 'A IN ("a",)', '"AND" IN ("a")', 'TERM(x)', 'A=1 | where B=2', "A='b'", 'A="a\\*"', 'A=1 )', '(A=1']) {
      expect(simpleSearch(q)).toBe(false);
    }
    // Refused by the quick path, yet clean: the full lint decides.
    expect(lintSpl('TERM(x)')).toEqual([]);
  });
});
