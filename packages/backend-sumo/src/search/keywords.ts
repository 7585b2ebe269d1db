import { assertNever, mapLeaves, plainText } from '@sigmats/core';
import type { Expr, KeywordExpr } from '@sigmats/core';
import { hasInvisible } from '../encode.js';

/**
 * Keywords in the scope: quoted phrases (`\"` is the one documented escape) or bare wildcard terms. Sumo scope
 * keywords are indexed term/phrase searches, case-insensitive; anything that cannot be a term stays in `where`.
 */

/** A keyword as a scope term: `"phrase"` or a bare `term*with*wildcards`; undefined when it cannot be one. */
function scopeTerm(node: KeywordExpr): string | undefined {
  const v = node.value;
  if (v.kind === 'number') return `"${v.value}"`;
  if (v.kind === 'regex' || v.cased) return undefined;
  const text = plainText(v.parts);
  if (text !== undefined) {
    if (text === '' || text.includes('\\') || hasInvisible(text)) return undefined;
    return `"${text.replaceAll('"', '\\"')}"`;
  }
  let term = '';
  for (const p of v.parts) {
    if (p.kind === 'wildcard-multi') term += '*';
    else if (p.kind === 'literal' && /^[A-Za-z0-9_.-]+$/.test(p.text)) term += p.text;
    else return undefined;
  }
  return term.startsWith('-') ? undefined : term;
}

/** An expression made only of keywords, rendered as scope terms (AND/OR/NOT with explicit parentheses). */
function scopeExpr(e: Expr): string | undefined {
  switch (e.kind) {
    case 'keyword':
      return scopeTerm(e);
    case 'not': {
      const inner = scopeExpr(e.operand);
      if (inner === undefined) return undefined;
      return e.operand.kind === 'keyword' ? `NOT ${inner}` : `NOT (${inner})`;
    }
    case 'and':
    case 'or': {
      // Stops at the first operand that cannot be a scope term: nearly every condition has a field test, and
      // rendering all its siblings first walked whole detections for nothing.
      if (e.operands.length === 0) return undefined;
      const op = e.kind === 'and' ? ' AND ' : ' OR ';
      let out = '';
      for (let i = 0; i < e.operands.length; i++) {
        const o = e.operands[i]!;
        const p = scopeExpr(o);
        if (p === undefined) return undefined;
        out += (i === 0 ? '' : op) + (o.kind === 'and' || o.kind === 'or' ? `(${p})` : p);
      }
      return out;
    }
    case 'match':
    case 'const':
      return undefined;
    default:
      return assertNever(e, 'expression kind');
  }
}

/**
 * Split an expression into the keyword conjuncts that go to the scope and the rest (for `where`). `keywords`: false
 * when the caller knows the expression has no keyword, so no conjunct can be a scope term (scopeExpr answers
 * undefined for every subtree without one) and none is tried.
 */
export function splitScope(expr: Expr, keywords = true): { scope: string[]; rest: Expr | undefined } {
  const conjuncts = expr.kind === 'and' ? expr.operands : [expr];
  const scope: string[] = [];
  const rest: Expr[] = [];
  for (const c of conjuncts) {
    const s = keywords ? scopeExpr(c) : undefined;
    if (s !== undefined) scope.push(s);
    else rest.push(c);
  }
  if (rest.length === 0) return { scope, rest: undefined };
  if (rest.length === 1) return { scope, rest: rest[0] };
  return { scope, rest: { kind: 'and', operands: rest, loc: expr.loc } };
}

export function wrapScope(scope: string): string {
  // Already one parenthesised group?
  if (scope.startsWith('(') && scope.endsWith(')')) {
    let depth = 0;
    let closesAtEnd = true;
    for (let i = 0; i < scope.length; i++) {
      if (scope[i] === '(') depth++;
      else if (scope[i] === ')') depth--;
      if (depth === 0 && i < scope.length - 1) closesAtEnd = false;
    }
    if (closesAtEnd) return scope;
  }
  return `(${scope})`;
}

/**
 * Keywords as they appear in a JSON message: a value holding `"` or `\` (or a control character) is written escaped
 * in the message text (`\"unsafe\"`, `\\localhost\\C$`), and keywords search that text. Literal parts only;
 * regex keywords are the rule author's.
 */
export function jsonEscapeKeywords(e: Expr): Expr {
  // Subtrees without keywords (most rules have none) are kept, not copied.
  return mapLeaves(e, (test) => {
    if (test.kind !== 'keyword' || test.value.kind !== 'string') return test;
    const v = test.value;
    const parts = v.parts.map((p) => (p.kind === 'literal' ? { ...p, text: JSON.stringify(p.text).slice(1, -1) } : p));
    return { ...test, value: { ...v, parts } };
  });
}
