import fc from 'fast-check';
import type { Expr, StringValue, ValuePart } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { kqlColumn, tableSchema } from '../src/index.js';
import { kqlStringLiterals, validateKql } from '../src/validate.js';
import { renderQuery } from '../src/query.js';

const loc = { file: 'prop.yml', line: 1, column: 1 };
const rule = { fields: [] } as unknown as Parameters<typeof renderQuery>[1];
const source = { table: 'DeviceProcessEvents', schema: tableSchema('DeviceProcessEvents') };

/** Text that is hard to keep inside a literal: quotes, backslashes, pipes, line breaks, brackets, unicode. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', "'", '\\', '|', '\n', '\r', '\t', '[', ']', '(', ')', '{', '}', '@', '`', '*', '?', '$', '^', '.', ';', '//', '\u0000', '\u0085', '\u2028', '\u2029', '\u00e9', '😀', 'ä'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 24,
});

function match(parts: ValuePart[], cased: boolean): Expr {
  const value: StringValue = { kind: 'string', parts, cased, loc };
  return { kind: 'match', field: 'ProcessCommandLine', value, origin: 'sel', loc };
}

function render(e: Expr): string {
  const r = renderQuery(e, rule, source);
  if (!r.ok) throw new Error(r.errors.map((d) => d.message).join('; '));
  return r.value;
}

const lit = (text: string): ValuePart => ({ kind: 'literal', text });
const star: ValuePart = { kind: 'wildcard-multi' };
const one: ValuePart = { kind: 'wildcard-single' };

describe('injection safety: every value stays inside its literal (checked by the Kusto parser)', () => {
  it('exact / contains / startswith / endswith, cased or not', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom('exact', 'contains', 'prefix', 'suffix'), fc.boolean(), (text, shape, cased) => {
        const parts = shape === 'exact' ? [lit(text)] : shape === 'contains' ? [star, lit(text), star] : shape === 'prefix' ? [lit(text), star] : [star, lit(text)];
        const q = render(match(parts, cased));
        expect(validateKql(q), q).toEqual([]);
        expect(kqlStringLiterals(q), q).toEqual([text]);
      }),
      { numRuns: 300 },
    );
  });

  it('values with inner wildcards become one regex literal that matches the value', () => {
    fc.assert(
      fc.property(nasty, nasty, fc.boolean(), (a, b, single) => {
        const q = render(match([lit(a), single ? one : star, lit(b)], false));
        expect(validateKql(q), q).toEqual([]);
        const lits = kqlStringLiterals(q);
        expect(lits, q).toHaveLength(1);
        // The decoded regex, read by JS (RE2 and JS agree on these escapes), matches the value with the gap filled.
        const src = lits[0]!.replace(/^\(\?is\)/, '');
        const re = new RegExp(src, 'isu');
        expect(re.test(`${a}X${b}`), src).toBe(true);
        expect(re.test(`${a}X${b}!`), src).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('keywords and |re patterns', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const kw: Expr = { kind: 'keyword', value: { kind: 'string', parts: [lit(text)], cased: false, loc }, origin: 'k', loc };
        const q1 = render(kw);
        expect(validateKql(q1), q1).toEqual([]);
        expect(kqlStringLiterals(q1)).toEqual([text]);
        const re: Expr = {
          kind: 'match',
          field: 'ProcessCommandLine',
          value: { kind: 'regex', pattern: text, flags: { ignoreCase: false, multiline: false, dotAll: false }, placeholders: [], loc },
          origin: 'r',
          loc,
        };
        const r = renderQuery(re, rule, source);
        // A pattern RE2 cannot run is refused; everything else stays one literal holding the pattern as written.
        if (!r.ok) return;
        expect(validateKql(r.value), r.value).toEqual([]);
        expect(kqlStringLiterals(r.value)).toEqual([text]);
      }),
      { numRuns: 300 },
    );
  });

  it('value lists', () => {
    fc.assert(
      fc.property(fc.array(nasty, { minLength: 2, maxLength: 6 }), (texts) => {
        const e: Expr = { kind: 'or', operands: texts.map((t) => match([lit(t)], false)), loc };
        const q = render(e);
        expect(validateKql(q), q).toEqual([]);
        expect(kqlStringLiterals(q)).toEqual(texts);
      }),
      { numRuns: 200 },
    );
  });

  it('column names (for tables we have no schema for) stay one column reference', () => {
    fc.assert(
      // The JS build of the Kusto service keeps names in plain objects, so Object.prototype member names
      // (__proto__, hasOwnProperty, …) confuse the validator itself; that is not KQL, and the Sigma parser rejects
      // __proto__/constructor/prototype keys anyway.
      fc.property(nasty.filter((n) => !(n in Object.prototype)), (name) => {
        const col = kqlColumn(name);
        const q = `datatable(${col}:string)["a"]\n| where ${col} == "a"`;
        expect(validateKql(q), q).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
