// Property tests of the string operators against their documented definitions, computed independently here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKql } from '../src/kql/index.js';
import type { KqlTable } from '../src/types.js';

/** Strings over a small alphabet with separators, so terms and boundaries occur often. */
const text = fc.string({ unit: fc.constantFrom('a', 'B', 'c', '1', ' ', '-', '.', '\\', 'é'), maxLength: 12 });
const alnum = fc.string({ unit: fc.constantFrom('a', 'b', 'C', '1'), minLength: 1, maxLength: 4 });

/** "each string value is broken into maximal sequences of [ASCII] alphanumeric characters": the terms. */
const terms = (s: string): string[] => s.split(/[^A-Za-z0-9]+/).filter((t) => t !== '');

const OPS = ['==', '!=', '=~', '!~', 'has', '!has', 'has_cs', 'hasprefix', 'hassuffix', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs'] as const;
const compiled = new Map(OPS.map((op) => [op, compileKql(`T | where S ${op} N | count`)]));

function holds(op: (typeof OPS)[number], s: string, n: string): boolean {
  const t: KqlTable = { name: 'T', columns: { S: 'string', N: 'string' }, rows: [{ S: s, N: n }] };
  return compiled.get(op)!.run({ T: t }).rows[0]!['Count'] === 1;
}

describe('string operators: documented definitions', () => {
  it('has (alphanumeric needle) is "RHS is a whole term in LHS", case-insensitively', () => {
    fc.assert(
      fc.property(text, alnum, (s, n) => {
        expect(holds('has', s, n)).toBe(terms(s).some((t) => t.toLowerCase() === n.toLowerCase()));
        expect(holds('has_cs', s, n)).toBe(terms(s).includes(n));
        expect(holds('hasprefix', s, n)).toBe(terms(s).some((t) => t.toLowerCase().startsWith(n.toLowerCase())));
        expect(holds('hassuffix', s, n)).toBe(terms(s).some((t) => t.toLowerCase().endsWith(n.toLowerCase())));
      }),
      { numRuns: 400 },
    );
  });

  it('substring operators and equality', () => {
    fc.assert(
      fc.property(text, text, (s, n) => {
        const ls = s.toLowerCase();
        const ln = n.toLowerCase();
        expect(holds('contains', s, n)).toBe(ls.includes(ln));
        expect(holds('contains_cs', s, n)).toBe(s.includes(n));
        expect(holds('startswith', s, n)).toBe(ls.startsWith(ln));
        expect(holds('startswith_cs', s, n)).toBe(s.startsWith(n));
        expect(holds('endswith', s, n)).toBe(ls.endsWith(ln));
        expect(holds('endswith_cs', s, n)).toBe(s.endsWith(n));
        expect(holds('==', s, n)).toBe(s === n);
        expect(holds('!=', s, n)).toBe(s !== n);
        expect(holds('=~', s, n)).toBe(ls === ln);
        expect(holds('!~', s, n)).toBe(ls !== ln);
        expect(holds('!has', s, n)).toBe(!holds('has', s, n));
        // has implies contains: a term match is a substring match.
        if (holds('has', s, n)) expect(holds('contains', s, n)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
