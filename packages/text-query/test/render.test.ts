import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Expr, MatchExpr, ScalarValue, SourceLocation } from '@sigmats/core';
import { escapeWith, ok, quote, renderExpr, type Dialect, type LiteralStyle, type RenderHooks } from '@sigmats/text-query';

const loc: SourceLocation = { file: 't.yml', line: 3, column: 5 };
const v = (text: string): ScalarValue => ({ kind: 'string', parts: [{ kind: 'literal', text }], cased: false, loc });
const m = (field: string, text = 'x'): MatchExpr => ({ kind: 'match', field, value: v(text), origin: 'sel', loc });
const and = (...operands: Expr[]): Expr => ({ kind: 'and', operands, loc });
const or = (...operands: Expr[]): Expr => ({ kind: 'or', operands, loc });
const not = (operand: Expr): Expr => ({ kind: 'not', operand, loc });

// Two dialects that differ in exactly the ways the layer must handle.
const searchLike: Dialect = {
  and: ' ', or: ' OR ', not: (s) => `NOT ${s}`, notDelimits: false,
  precedence: ['not', 'or', 'and'], group: (s) => `(${s})`, groupNested: false,
};
const whereLike: Dialect = {
  and: ' and ', or: ' or ', not: (s) => `not(${s})`, notDelimits: true,
  precedence: ['not', 'and', 'or'], group: (s) => `(${s})`, groupNested: false,
};
const nested: Dialect = { ...searchLike, groupNested: true };

/** Random AND/OR/NOT trees over tests of the named fields, each AND/OR of 1 to `width` operands. */
function trees(fields: readonly string[], width: number): fc.Arbitrary<Expr> {
  return fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...fields).map((f) => m(f)),
      fc.array(tie('e'), { minLength: 1, maxLength: width }).map((ops) => and(...ops)),
      fc.array(tie('e'), { minLength: 1, maxLength: width }).map((ops) => or(...ops)),
      tie('e').map((o) => not(o)),
    ),
  })).e;
}

const text = (e: Expr): string => (e.kind === 'match' && e.value.kind === 'string' && e.value.parts[0]?.kind === 'literal' ? e.value.parts[0].text : '?');
const hooks: RenderHooks<null> = { leaf: (n) => ok(`${n.kind === 'match' ? n.field : '_'}=${text(n)}`) };

describe('renderExpr precedence and grouping', () => {
  // [name, expr, search-like (OR binds tighter), where-like (AND binds tighter), always-group]
  const table: [string, Expr, string, string, string][] = [
    ['leaf', m('a'), 'a=x', 'a=x', 'a=x'],
    ['and', and(m('a'), m('b')), 'a=x b=x', 'a=x and b=x', 'a=x b=x'],
    ['or inside and', and(m('a'), or(m('b'), m('c'))), 'a=x b=x OR c=x', 'a=x and (b=x or c=x)', 'a=x (b=x OR c=x)'],
    ['and inside or', or(m('a'), and(m('b'), m('c'))), 'a=x OR (b=x c=x)', 'a=x or b=x and c=x', 'a=x OR (b=x c=x)'],
    ['not of leaf', not(m('a')), 'NOT a=x', 'not(a=x)', 'NOT a=x'],
    ['not of group', not(or(m('a'), m('b'))), 'NOT (a=x OR b=x)', 'not(a=x or b=x)', 'NOT (a=x OR b=x)'],
    ['not inside and', and(m('a'), not(m('b'))), 'a=x NOT b=x', 'a=x and not(b=x)', 'a=x NOT b=x'],
    ['same operator nests flat', or(m('a'), or(m('b'), m('c'))), 'a=x OR b=x OR c=x', 'a=x or b=x or c=x', 'a=x OR b=x OR c=x'],
    ['deep mix', and(or(m('a'), not(and(m('b'), m('c')))), m('d')), 'a=x OR NOT (b=x c=x) d=x', '(a=x or not(b=x and c=x)) and d=x', '(a=x OR NOT (b=x c=x)) d=x'],
  ];
  it.each(table)('%s', (_name, expr, search, where, always) => {
    expect(renderExpr(expr, searchLike, hooks, null)).toEqual(ok(search));
    expect(renderExpr(expr, whereLike, hooks, null)).toEqual(ok(where));
    expect(renderExpr(expr, nested, hooks, null)).toEqual(ok(always));
  });
});

describe('renderExpr hooks', () => {
  it('folds an OR over one field through orList, and falls back when it declines', () => {
    const listing: RenderHooks<null> = {
      ...hooks,
      orList: (field, values) => (values.length > 2 ? ok(`${field} IN (${values.length})`) : undefined),
    };
    expect(renderExpr(or(m('a', '1'), m('a', '2'), m('a', '3')), searchLike, listing, null)).toEqual(ok('a IN (3)'));
    expect(renderExpr(or(m('a', '1'), m('a', '2')), searchLike, listing, null)).toEqual(ok('a=1 OR a=2'));
    expect(renderExpr(or(m('a', '1'), m('b', '2'), m('a', '3')), searchLike, listing, null)).toEqual(ok('a=1 OR b=2 OR a=3'));
  });

  it('groups a list hook\'s ungrouped text, bare only directly under a delimiting NOT', () => {
    const listing: RenderHooks<null> = {
      ...hooks,
      orList: (field, values) => ok({ text: values.map((_, i) => `${field}=${i}`).join(' or '), op: 'or' as const }),
    };
    const list = or(m('a', '1'), m('a', '2'));
    // [expr, where-like (not(…) delimits), search-like (NOT needs a group)]
    const table: [Expr, string, string][] = [
      [list, '(a=0 or a=1)', '(a=0 or a=1)'],
      [not(list), 'not(a=0 or a=1)', 'NOT (a=0 or a=1)'],
      [and(m('b'), list), 'b=x and (a=0 or a=1)', 'b=x (a=0 or a=1)'],
      [not(and(m('b'), list)), 'not(b=x and (a=0 or a=1))', 'NOT (b=x (a=0 or a=1))'],
      [and(m('b'), not(list)), 'b=x and not(a=0 or a=1)', 'b=x NOT (a=0 or a=1)'],
    ];
    for (const [expr, where, search] of table) {
      expect(renderExpr(expr, whereLike, listing, null)).toEqual(ok(where));
      expect(renderExpr(expr, searchLike, listing, null)).toEqual(ok(search));
    }
  });

  it('uses notLeaf for a negated test', () => {
    const neg: RenderHooks<null> = { ...hooks, notLeaf: (n) => ok(`${n.kind === 'match' ? n.field : ''}!=${text(n)}`) };
    expect(renderExpr(and(m('a'), not(m('b'))), whereLike, neg, null)).toEqual(ok('a=x and b!=x'));
  });

  it('collects the errors of every failing leaf', () => {
    const failing: RenderHooks<null> = {
      leaf: (n) =>
        n.kind === 'match' && n.field.startsWith('bad')
          ? { ok: false, errors: [{ code: 'backend/unsupported-feature', severity: 'error', message: n.field, file: 't.yml', line: 3, column: 5 }] }
          : ok('ok'),
    };
    const r = renderExpr(and(m('bad1'), m('good'), m('bad2')), whereLike, failing, null);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual(['bad1', 'bad2']);
  });

  it('rejects constant conditions with a located error', () => {
    const r = renderExpr({ kind: 'const', value: false, loc }, whereLike, hooks, null);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({ code: 'backend/unsupported-feature', line: 3, column: 5 });
  });

  it('keeps the meaning under search precedence for any tree (property)', () => {
    // Evaluate the rendered text with OR-before-AND precedence and compare with the tree's truth value.
    const exprArb = trees(['a', 'b', 'c', 'd'], 3);
    const truth = (e: Expr, env: Record<string, boolean>): boolean =>
      e.kind === 'match' ? env[e.field]! : e.kind === 'not' ? !truth(e.operand, env)
        : e.kind === 'and' ? e.operands.every((o) => truth(o, env)) : e.kind === 'or' ? e.operands.some((o) => truth(o, env)) : false;
    // A tiny parser for the search-like output: NOT > OR > AND.
    const evalSearch = (s: string, env: Record<string, boolean>): boolean => {
      const toks = s.match(/\(|\)|NOT|OR|[a-d]=x/g)!;
      let i = 0;
      const andExpr = (): boolean => { let v = orExpr(); while (i < toks.length && toks[i] !== ')' ) { const r = orExpr(); v = v && r; } return v; };
      const orExpr = (): boolean => { let v = notExpr(); while (toks[i] === 'OR') { i++; const r = notExpr(); v = v || r; } return v; };
      const notExpr = (): boolean => { if (toks[i] === 'NOT') { i++; return !notExpr(); } if (toks[i] === '(') { i++; const v = andExpr(); i++; return v; } return env[toks[i++]![0]!]!; };
      return andExpr();
    };
    fc.assert(
      fc.property(exprArb, fc.record({ a: fc.boolean(), b: fc.boolean(), c: fc.boolean(), d: fc.boolean() }), (e, env) => {
        const r = renderExpr(e, searchLike, hooks, null);
        expect(r.ok && evalSearch(r.value, env)).toBe(truth(e, env));
      }),
      { numRuns: 500 },
    );
  });
});

describe('literals as data', () => {
  const dq: LiteralStyle = { open: '"', close: '"', escapes: { '"': '\\"', '\\': '\\\\' } };
  it('quotes with an escape table', () => {
    expect(quote('C:\\Windows\\"x"', dq)).toBe('"C:\\\\Windows\\\\\\"x\\""');
    expect(escapeWith('a|b', { '|': '\\|' })).toBe('a\\|b');
  });
});

describe('renderExpr with a bounded chain (Dialect.maxChain)', () => {
  // A dialect JavaScript reads: the rendered text is evaluated as a JS expression over the leaves' variables.
  const js = (maxChain?: number): Dialect => ({
    and: ' && ', or: ' || ', not: (s) => `!(${s})`, notDelimits: true,
    precedence: ['not', 'and', 'or'], group: (s) => `(${s})`, groupNested: true,
    ...(maxChain !== undefined ? { maxChain } : {}),
  });
  const varHooks: RenderHooks<null> = { leaf: (n) => ok(n.kind === 'match' ? n.field : '_') };
  const VARS = ['a', 'b', 'c', 'd', 'e'];
  const tree = trees(VARS, 12);
  const value = (text: string, env: readonly boolean[]): boolean => new Function(...VARS, `return ${text};`)(...env) as boolean;
  /** The longest run of operators between two brackets of one level. */
  const longestChain = (text: string): number => {
    const ops: number[] = [0];
    let longest = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '(') ops.push(0);
      else if (c === ')') longest = Math.max(longest, ops.pop()! + 1);
      else if ((c === '&' || c === '|') && text[i + 1] === c) {
        ops[ops.length - 1]!++;
        i++;
      }
    }
    return Math.max(longest, ops[0]! + 1);
  };

  it('means what the unbounded text means, and no chain has more than maxChain operands', () => {
    fc.assert(
      fc.property(tree, fc.integer({ min: 2, max: 5 }), fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { minLength: 4, maxLength: 4 }), (e, max, envs) => {
        const free = renderExpr(e, js(), varHooks, null);
        const bounded = renderExpr(e, js(max), varHooks, null);
        if (!free.ok || !bounded.ok) throw new Error('render failed');
        for (const env of envs) expect(value(bounded.value, env)).toBe(value(free.value, env));
        expect(longestChain(bounded.value)).toBeLessThanOrEqual(max);
      }),
      { numRuns: 3000 },
    );
  });

  it('groups long chains in chunks, and chunks of chunks', () => {
    const ten = and(...'abcdefghij'.split('').map((f) => m(f)));
    expect(renderExpr(ten, js(3), varHooks, null)).toEqual(ok('((a && b && c) && (d && e && f) && (g && h && i)) && j'));
    expect(renderExpr(ten, js(10), varHooks, null)).toEqual(ok('a && b && c && d && e && f && g && h && i && j'));
    // A flattened child counts with its operands: 2 + 2 over a bound of 3 keeps the child grouped.
    expect(renderExpr(and(m('a'), m('b'), and(m('c'), m('d'))), js(3), varHooks, null)).toEqual(ok('a && b && (c && d)'));
  });
});
