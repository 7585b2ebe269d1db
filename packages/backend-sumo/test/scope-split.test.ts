import { describe, expect, it } from 'vitest';
import { plainText, type Expr } from '@sigmats/core';
import { isInvisible } from '../src/encode.js';
import { splitScope } from '../src/search/keywords.js';
import { windowsJsonValues } from '../src/search/windows-values.js';
import { stringValue } from './ir.js';
import { seededRandom as rng } from '@sigmats/evaluator';

/**
 * The log search skips the keyword rewrites for a condition without keywords, and windowsJsonValues for one without
 * Level/Keywords tests (search/query.ts, exprFacts). Checked on random conditions: splitScope told "no keywords"
 * splits as the full split does, scopeExpr stopping at the first non-term operand renders what rendering every
 * operand first did, and windowsJsonValues keeps a condition without those fields as it is.
 */

const loc = { file: 'ir.yml', line: 1, column: 1 };
const FIELDS = ['Image', 'CommandLine', 'Level', 'Keywords', 'EventID'];
const TEXTS = ['a', 'b c', 'x*y', '-d', 'q"t', 'C:\\w', '', 'é', '\u200b'];

function randomExpr(next: () => number, depth: number, keywords: boolean): Expr {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const r = next();
  if (depth <= 0 || r < 0.35) {
    const shape = pick(['exact', 'contains', 'startswith', 'endswith', 'inner'] as const);
    const value = stringValue(pick(TEXTS), shape, next() < 0.2);
    if (keywords && next() < 0.5) return { kind: 'keyword', value, origin: 'sel', loc };
    if (next() < 0.05) return { kind: 'const', value: next() < 0.5, loc };
    return { kind: 'match', field: pick(FIELDS), value: next() < 0.2 ? { kind: 'number', value: Math.floor(next() * 6), loc } : value, origin: 'sel', loc };
  }
  if (r < 0.45) return { kind: 'not', operand: randomExpr(next, depth - 1, keywords), loc };
  const n = Math.floor(next() * 4);
  return { kind: next() < 0.5 ? 'and' : 'or', operands: Array.from({ length: n }, () => randomExpr(next, depth - 1, keywords)), loc };
}

function hasKeyword(e: Expr): boolean {
  return e.kind === 'keyword' || ((e.kind === 'and' || e.kind === 'or') && e.operands.some(hasKeyword)) || (e.kind === 'not' && hasKeyword(e.operand));
}

function testsNamedFields(e: Expr): boolean {
  if (e.kind === 'match') return e.field === 'Level' || e.field === 'Keywords';
  if (e.kind === 'and' || e.kind === 'or') return e.operands.some(testsNamedFields);
  return e.kind === 'not' && testsNamedFields(e.operand);
}

/** splitScope as it was before scopeExpr stopped early (every operand rendered, then checked). */
function splitScopeBefore(expr: Expr): { scope: string[]; rest: Expr | undefined } {
  const term = (node: Extract<Expr, { kind: 'keyword' }>): string | undefined => {
    const v = node.value;
    if (v.kind === 'number') return `"${v.value}"`;
    if (v.kind === 'regex' || v.cased) return undefined;
    const text = plainText(v.parts);
    if (text !== undefined) {
      if (text === '' || text.includes('\\') || [...text].some(isInvisible)) return undefined;
      return `"${text.replaceAll('"', '\\"')}"`;
    }
    let t = '';
    for (const p of v.parts) {
      if (p.kind === 'wildcard-multi') t += '*';
      else if (p.kind === 'literal' && /^[A-Za-z0-9_.-]+$/.test(p.text)) t += p.text;
      else return undefined;
    }
    return t.startsWith('-') ? undefined : t;
  };
  const scopeExpr = (e: Expr): string | undefined => {
    switch (e.kind) {
      case 'keyword':
        return term(e);
      case 'not': {
        const inner = scopeExpr(e.operand);
        if (inner === undefined) return undefined;
        return e.operand.kind === 'keyword' ? `NOT ${inner}` : `NOT (${inner})`;
      }
      case 'and':
      case 'or': {
        const parts = e.operands.map(scopeExpr);
        if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
        const op = e.kind === 'and' ? ' AND ' : ' OR ';
        return parts.map((p, i) => (e.operands[i]!.kind === 'and' || e.operands[i]!.kind === 'or' ? `(${p})` : p)).join(op);
      }
      default:
        return undefined;
    }
  };
  const conjuncts = expr.kind === 'and' ? expr.operands : [expr];
  const scope: string[] = [];
  const rest: Expr[] = [];
  for (const c of conjuncts) {
    const s = scopeExpr(c);
    if (s !== undefined) scope.push(s);
    else rest.push(c);
  }
  if (rest.length === 0) return { scope, rest: undefined };
  if (rest.length === 1) return { scope, rest: rest[0] };
  return { scope, rest: { kind: 'and', operands: rest, loc: expr.loc } };
}

describe('skipping the keyword and Level/Keywords rewrites', () => {
  it('splitScope without keywords is the full split of a condition that has none', () => {
    const next = rng(7);
    for (let k = 0; k < 20000; k++) {
      const e = randomExpr(next, 4, next() < 0.6);
      const full = splitScope(e);
      if (!hasKeyword(e)) {
        expect(full.scope).toEqual([]);
        expect(splitScope(e, false)).toEqual(full);
      }
    }
  });

  it('scope terms render as when every operand was rendered before any was refused', () => {
    // Conditions of keywords only: the scope keeps them (quoted phrases, wildcard terms, NOT, parentheses).
    const kw = (text: string): Expr => ({ kind: 'keyword', value: stringValue(text, 'exact'), origin: 'sel', loc });
    const e: Expr = { kind: 'or', operands: [kw('a'), { kind: 'and', operands: [kw('b c'), { kind: 'not', operand: kw('d'), loc }], loc }], loc };
    expect(splitScope(e).scope).toEqual(['"a" OR ("b c" AND NOT "d")']);
    const next = rng(8);
    for (let k = 0; k < 20000; k++) {
      const x = randomExpr(next, 4, true);
      expect(splitScope(x)).toEqual(splitScopeBefore(x));
    }
  });

  it('windowsJsonValues keeps a condition without Level/Keywords tests unchanged', () => {
    const next = rng(9);
    for (let k = 0; k < 20000; k++) {
      const e = randomExpr(next, 4, next() < 0.3);
      if (testsNamedFields(e)) continue;
      const r = windowsJsonValues(e);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toBe(e);
    }
  });
});
