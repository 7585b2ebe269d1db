import type { Expr, StringValue, ValuePart } from '@sigmats/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lintSpl, tokenizeSpl, type SplToken } from '../src/index.js';
import { escapeWith } from '@sigmats/text-query';
import { SPL_STRING, splEscape, splString } from '../src/render/literals.js';
import { renderCondition, searchPipeline } from '../src/render/query.js';

const LOC = { file: 'prop.yml', line: 1, column: 1 };

/** Text full of what breaks query languages: quotes, backslashes, pipes, newlines, brackets, wildcards, unicode. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', "'", '|', '\n', '\r', '\t', '[', ']', '(', ')', '*', '?', '=', ' ', '`', '$', '%', ',', 'é', '–', '😀', '\u0000'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  minLength: 1,
  maxLength: 24,
});

type Shape = 'exact' | 'contains' | 'startswith' | 'endswith';

function value(text: string, shape: Shape, cased: boolean): StringValue {
  const lead = shape === 'contains' || shape === 'endswith';
  const trail = shape === 'contains' || shape === 'startswith';
  const parts: ValuePart[] = [
    ...(lead ? [{ kind: 'wildcard-multi' } as const] : []),
    { kind: 'literal', text },
    ...(trail ? [{ kind: 'wildcard-multi' } as const] : []),
  ];
  return { kind: 'string', parts, cased, loc: LOC };
}

function render(expr: Expr): string {
  const r = renderCondition(expr, [], { stage: 'search' });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return searchPipeline(r.value);
}

/** Undo regex escaping of a literal run: `\X` → X, `\xHH` → the character. */
function unescapeRegex(src: string): string {
  return src.replace(/\\x([0-9a-f]{2})|\\(.)/gs, (_, hex: string | undefined, ch: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : ch!,
  );
}

const kinds = (ts: readonly SplToken[]): string => ts.map((t) => (t.kind === 'word' || t.kind === 'op' ? t.value : t.kind)).join(' ');

describe('values stay inside their literal', () => {
  test('field tests: search term or where clause, token structure exact, literal decodes back', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom<Shape>('exact', 'contains', 'startswith', 'endswith'), fc.boolean(), (text, shape, cased) => {
        const expr: Expr = { kind: 'match', field: 'CommandLine', value: value(text, shape, cased), origin: 'sel', loc: LOC };
        const spl = render(expr);
        expect(lintSpl(spl)).toEqual([]);
        const ts = tokenizeSpl(spl);
        const lead = shape === 'contains' || shape === 'endswith' ? '*' : '';
        const trail = shape === 'contains' || shape === 'startswith' ? '*' : '';
        if (ts[0]!.kind === 'word' && ts[0]!.value === 'CommandLine') {
          // search: CommandLine = "<lead><text><trail>"
          expect(kinds(ts)).toBe('CommandLine = string');
          expect(cased).toBe(false);
          expect(ts[2]!.value).toBe(lead + text + trail);
          expect(text).not.toMatch(/[*\u0000-\u001f]/);
          return;
        }
        // where: * | where <one test>
        const head = kinds(ts.slice(0, 3));
        expect(head).toBe('* pipe where');
        const rest = kinds(ts.slice(3));
        const lit = ts.find((t) => t.kind === 'string')!;
        expect(ts.filter((t) => t.kind === 'string')).toHaveLength(1);
        if (rest === 'CommandLine == string') {
          expect(cased && shape === 'exact').toBe(true);
          expect(lit.value).toBe(text);
        } else if (rest === 'lower lparen CommandLine rparen == string') {
          expect(!cased && shape === 'exact').toBe(true);
          expect(lit.value).toBe(text.toLowerCase());
        } else {
          expect(rest).toBe('match lparen CommandLine comma string rparen');
          let src = lit.value;
          const flags = /^\(\?(i?)(s?)\)/.exec(src);
          expect(flags?.[1] === 'i').toBe(!cased);
          if (flags) src = src.slice(flags[0].length);
          if (lead === '') {
            expect(src.startsWith('^')).toBe(true);
            src = src.slice(1);
          }
          if (trail === '') {
            expect(src.endsWith('\\z')).toBe(true);
            src = src.slice(0, -2);
          }
          expect(unescapeRegex(src)).toBe(text);
          // And the regex means what Sigma means: it matches a value of that shape.
          const re = new RegExp(lit.value.slice(flags?.[0].length ?? 0).replace(/(?<!\\)((?:\\\\)*)\\z$/, '$1$'), cased ? 's' : 'is');
          expect(re.test(`${lead ? 'xx' : ''}${text}${trail ? 'yy' : ''}`)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  test('keywords: one quoted term or one match(_raw, …)', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const v: StringValue = { kind: 'string', parts: [{ kind: 'literal', text }], cased: false, loc: LOC };
        const spl = render({ kind: 'keyword', value: v, origin: 'kw', loc: LOC });
        expect(lintSpl(spl)).toEqual([]);
        const ts = tokenizeSpl(spl);
        if (ts.length === 1) {
          expect(ts[0]!.kind).toBe('string');
          expect(ts[0]!.value).toBe(text);
        } else {
          expect(kinds(ts)).toBe('* pipe where match lparen _raw comma string rparen');
          expect(unescapeRegex(ts[7]!.value.replace(/^\(\?i\)/, ''))).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('regex values: one regex argument that decodes to the pattern', () => {
    fc.assert(
      fc.property(nasty, fc.boolean(), (text, underOr) => {
        const pattern = text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&').replace(/\n/g, '\\n');
        const re: Expr = {
          kind: 'match',
          field: 'F',
          value: { kind: 'regex', pattern, flags: { ignoreCase: false, multiline: false, dotAll: false }, placeholders: [], loc: LOC },
          origin: 'sel',
          loc: LOC,
        };
        const other: Expr = { kind: 'match', field: 'G', value: { kind: 'number', value: 1, loc: LOC }, origin: 'sel', loc: LOC };
        const spl = render(underOr ? { kind: 'or', operands: [re, other], loc: LOC } : re);
        expect(lintSpl(spl)).toEqual([]);
        const ts = tokenizeSpl(spl);
        expect(kinds(ts)).toBe(underOr ? '* pipe where match lparen F comma string rparen OR G == 1' : '* pipe regex F = string');
        const lit = ts.find((t) => t.kind === 'string')!;
        const hex = (c: string): string => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
        expect(lit.value).toBe(pattern.replace(/[\u0000-\u001f\u007f]/g, hex));
      }),
      { numRuns: 300 },
    );
  });

  test('field names: bare, quoted, or a located error — never loose text', () => {
    fc.assert(
      fc.property(nasty, (field) => {
        const expr: Expr = { kind: 'match', field, value: value('x', 'exact', false), origin: 'sel', loc: LOC };
        const r = renderCondition(expr, [], { stage: 'search' });
        if (!r.ok) {
          expect(r.errors[0]!.code).toBe('backend/unsupported-value');
          return;
        }
        const spl = searchPipeline(r.value);
        expect(lintSpl(spl)).toEqual([]);
        const ts = tokenizeSpl(spl);
        expect(ts).toHaveLength(3);
        expect(ts[0]!.value).toBe(field);
        expect(ts[2]!.value).toBe('x');
      }),
      { numRuns: 300 },
    );
  });
});

describe('boolean structure', () => {
  const leaf = fc.tuple(nasty, fc.constantFrom<Shape>('exact', 'contains', 'startswith', 'endswith'), fc.boolean(), fc.constantFrom('A', 'B', 'c.d'));
  const tree = fc.letrec<{ node: Expr }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf.map(([t, s, c, f]): Expr => ({ kind: 'match', field: f, value: value(t, s, c), origin: 'sel', loc: LOC })),
      fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((operands): Expr => ({ kind: 'and', operands, loc: LOC })),
      fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((operands): Expr => ({ kind: 'or', operands, loc: LOC })),
      tie('node').map((operand): Expr => ({ kind: 'not', operand, loc: LOC })),
    ),
  }));
  const count = (e: Expr): number =>
    e.kind === 'match' || e.kind === 'keyword' ? 1 : e.kind === 'not' ? count(e.operand) : e.kind === 'const' ? 0 : e.operands.reduce((n, o) => n + count(o), 0);

  test('any AND/OR/NOT tree lints clean with one literal per test', () => {
    fc.assert(
      fc.property(tree.node, (expr) => {
        const spl = render(expr);
        expect(lintSpl(spl)).toEqual([]);
        expect(tokenizeSpl(spl).filter((t) => t.kind === 'string')).toHaveLength(count(expr));
      }),
      { numRuns: 300 },
    );
  });
});

describe('escaping table', () => {
  test('the fast escaper is the SPL_STRING table', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        expect(splEscape(text)).toBe(escapeWith(text, SPL_STRING.escapes));
        expect(tokenizeSpl(splString(text))[0]!.value).toBe(text);
      }),
    );
  });
});
