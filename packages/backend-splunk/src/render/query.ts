import { diagnostic, stringShape } from '@sigmats/core';
import type { Diagnostic, Expr, KeywordExpr, MatchExpr, ScalarValue, SourceLocation } from '@sigmats/core';
import { fail, ok, pushAll, renderExpr, type RenderHooks, type Result } from '@sigmats/text-query';
import { SEARCH, TSTATS, WHERE } from './dialects.js';
import { hasPlaceholder, searchLeaf, searchPattern, whereLeaf, type LeafContext } from './leaves.js';
import { searchField, splNumber, splString } from './literals.js';
import { sigmaRegex } from './regex.js';

/**
 * How one condition becomes SPL. The condition is split at its top-level AND:
 *  - operands the search language expresses exactly go to the leading search (with the scope);
 *  - a plain positive `|re` operand becomes `| regex F="…"`;
 *  - everything else (regex under OR/NOT, `?` or literal `*` in a value, cased, fieldref, timestamp parts)
 *    is written as ONE `| where` clause with eval precedence.
 * The AND of the three stages is the condition, so the result is one valid pipeline whatever the mix.
 */
export interface ConditionParts {
  /** The search terms (may be empty). */
  readonly search: string;
  /** `regex` command arguments, each `F="…"`. */
  readonly regex: readonly string[];
  /** The where expression, or '' when none. */
  readonly where: string;
}

interface SearchCtx extends LeafContext {
  /** Scope leaves: rendered without the data model prefix. */
  readonly unprefixed: ReadonlySet<Expr>;
  readonly memo: LeafMemo;
}

/** searchLeaf results without prefix, computed while classifying (each leaf is rendered once). */
interface LeafMemo {
  /** UNSAYABLE: searchLeaf returned undefined (the search cannot say the leaf). */
  readonly results: Map<Expr, Result<string> | typeof UNSAYABLE>;
  /** The value text of each `name=value` term among them that an IN list can hold (strings, numbers). */
  readonly values: Map<Expr, string>;
}

function leavesOf(e: Expr, out: (MatchExpr | KeywordExpr)[] = []): (MatchExpr | KeywordExpr)[] {
  switch (e.kind) {
    case 'match':
    case 'keyword':
      out.push(e);
      break;
    case 'and':
    case 'or':
      for (const o of e.operands) leavesOf(o, out);
      break;
    case 'not':
      leavesOf(e.operand, out);
      break;
    case 'const':
      break;
  }
  return out;
}

/** Leaves under an odd number of NOTs. */
function negatedLeaves(e: Expr, neg = false, out = new Set<Expr>()): Set<Expr> {
  switch (e.kind) {
    case 'match':
    case 'keyword':
      if (neg) out.add(e);
      break;
    case 'and':
    case 'or':
      for (const o of e.operands) negatedLeaves(o, neg, out);
      break;
    case 'not':
      negatedLeaves(e.operand, !neg, out);
      break;
    case 'const':
      break;
  }
  return out;
}

const NO_NEGATION: ReadonlySet<Expr> = new Set();
const UNSAYABLE = Symbol('not sayable in the search');
/** The scope leaves of a condition without scope (most): no set to build per condition. */
const NO_SCOPE: ReadonlySet<Expr> = new Set();

function searchCtx(prefix: string, unprefixed: ReadonlySet<Expr>, memo: LeafMemo): SearchCtx {
  return { negated: NO_NEGATION, fieldPrefix: prefix, unprefixed, memo };
}

function memoSearchLeaf(node: MatchExpr | KeywordExpr, memo: LeafMemo): Result<string> | undefined {
  // One lookup for a leaf seen before (a miss is not told apart from "not sayable" by a second lookup).
  const hit = memo.results.get(node);
  if (hit !== undefined) return hit === UNSAYABLE ? undefined : hit;
  const r = searchLeaf(node, PLAIN, memo.values);
  memo.results.set(node, r ?? UNSAYABLE);
  return r;
}

function leafCtx(node: Expr, ctx: SearchCtx): LeafContext {
  return ctx.unprefixed.has(node) ? { ...ctx, fieldPrefix: '' } : ctx;
}

const searchHooks: RenderHooks<SearchCtx> = {
  // Without a prefix (or for a scope leaf) the leaf was rendered when it was classified: the memo has it.
  leaf: (node, ctx) =>
    (ctx.fieldPrefix === '' || ctx.unprefixed.has(node) ? memoSearchLeaf(node, ctx.memo) : searchLeaf(node, ctx)) ??
    fail(diagnostic('backend/unsupported-feature', 'internal: a search-only leaf was routed to search', node.loc)),
  orList: (field, values, node, ctx) => inList(field, values, node, ctx),
  // NOT over a presence test flips it instead of writing `NOT NOT F=*`.
  notLeaf: (node, ctx) => {
    if (node.kind !== 'match' || (node.value.kind !== 'null' && node.value.kind !== 'exists')) return undefined;
    const present = node.value.kind === 'exists' ? !node.value.exists : true;
    return searchLeaf({ ...node, value: { kind: 'exists', exists: present, loc: node.value.loc } }, leafCtx(node, ctx));
  },
};

/** `F IN ("a", "b*", 3)`: wildcards allowed; only plain search values (no null/exists/cidr/regex...). */
function inList(field: string, values: readonly ScalarValue[], node: Expr, ctx: SearchCtx): Result<string> | undefined {
  const first = (node.kind === 'or' ? node.operands[0] : undefined) as Expr | undefined;
  const prefix = first && ctx.unprefixed.has(first) ? '' : ctx.fieldPrefix;
  const name = searchField(prefix + field);
  if (name === undefined) return undefined;
  if (prefix === '' && node.kind === 'or') {
    const fromMemo = memoItems(values, node.operands, ctx.memo);
    if (fromMemo !== MISSING) return fromMemo === undefined ? undefined : ok(`${name} IN (${fromMemo.join(', ')})`);
  }
  const items: string[] = [];
  for (const v of values) {
    if (v.kind === 'number') {
      items.push(splNumber(v.value));
      continue;
    }
    // `F=*` stays its own term; placeholders and unsayable values keep the OR (and its diagnostics).
    if (v.kind !== 'string' || stringShape(v).shape === 'any' || hasPlaceholder(v)) return undefined;
    const pattern = searchPattern(v);
    if (pattern === undefined) return undefined;
    items.push(pattern);
  }
  return ok(`${name} IN (${items.join(', ')})`);
}

const MISSING = Symbol('not in the memo');

/**
 * The IN items read from the value texts the leaves recorded when classifying the condition rendered them
 * (searchable): the values are not shaped, checked and escaped a second time. undefined: a value the list cannot
 * hold (none recorded: the same answers as the loop of inList); MISSING: an operand was not classified.
 */
function memoItems(values: readonly ScalarValue[], operands: readonly Expr[], memo: LeafMemo): string[] | undefined | typeof MISSING {
  const items: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const o = operands[i];
    if (o === undefined || !memo.results.has(o)) return MISSING;
    // None for `F=*`, placeholders, cased or unsayable strings and the other kinds, which inList refuses too.
    const text = memo.values.get(o);
    if (text === undefined) return undefined;
    items.push(text);
  }
  return items;
}

const whereHooks: RenderHooks<LeafContext> = { leaf: (node, ctx) => whereLeaf(node, ctx) };

const PLAIN: LeafContext = { negated: NO_NEGATION, fieldPrefix: '' };

function searchable(e: Expr, memo: LeafMemo): boolean {
  // Same as every leaf of leavesOf(e) being searchable, without building the list.
  switch (e.kind) {
    case 'match':
    case 'keyword':
      return memoSearchLeaf(e, memo) !== undefined;
    case 'and':
    case 'or': {
      const operands = e.operands;
      for (let i = 0; i < operands.length; i++) if (!searchable(operands[i]!, memo)) return false;
      return true;
    }
    case 'not':
      return searchable(e.operand, memo);
    case 'const':
      return true;
  }
}

function and(operands: readonly Expr[], loc: SourceLocation): Expr {
  return operands.length === 1 ? operands[0]! : { kind: 'and', operands, loc };
}

export type Stage = 'search' | 'tstats';

/**
 * The top-level AND operands. A NOT over an OR that the search cannot say whole is split by De Morgan
 * (`NOT (a OR b)` = `NOT a AND NOT b`), so its searchable parts still filter in the search and only the rest
 * goes to where. Fully searchable groups are kept as written.
 */
function conjuncts(expr: Expr, memo: LeafMemo, out: Expr[] = []): Expr[] {
  // Appended to one array with indexed loops: no closure and no array per operand (this runs on every condition).
  if (expr.kind === 'and') {
    const operands = expr.operands;
    for (let i = 0; i < operands.length; i++) conjuncts(operands[i]!, memo, out);
  } else if (expr.kind === 'not' && expr.operand.kind === 'or' && !searchable(expr, memo)) {
    const operands = expr.operand.operands;
    for (let i = 0; i < operands.length; i++) {
      const o = operands[i]!;
      conjuncts(o.kind === 'not' ? o.operand : { kind: 'not', operand: o, loc: expr.loc }, memo, out);
    }
  } else out.push(expr);
  return out;
}

/** Split and render one lowered condition. `scope` leaves are AND-ed in front of the search terms. */
export function renderCondition(
  expr: Expr,
  scope: readonly MatchExpr[],
  opts: { readonly stage: Stage; readonly prefix?: string },
): Result<ConditionParts> {
  if (opts.stage === 'tstats') {
    const kw = leavesOf(expr).find((l) => l.kind === 'keyword');
    if (kw) {
      return fail(
        diagnostic('backend/unsupported-feature', 'keyword searches over _raw are not possible on a data model (tstats)', kw.loc, {
          hint: 'use the default format for rules with keywords',
        }),
      );
    }
  }
  const memo: LeafMemo = { results: new Map(), values: new Map() };
  const operands = conjuncts(expr, memo);
  const toSearch: Expr[] = scope.length === 0 ? [] : [...scope];
  const regex: string[] = [];
  const toWhere: Expr[] = [];
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  for (let i = 0; i < operands.length; i++) {
    const op = operands[i]!;
    if (searchable(op, memo)) toSearch.push(op);
    else if (opts.stage === 'search' && op.kind === 'match' && op.value.kind === 'regex' && op.value.placeholders.length === 0) {
      const f = searchField(op.field);
      // `regex` takes a bare field name only; others go to where, which can quote them.
      if (f === undefined || f.startsWith('"')) toWhere.push(op);
      else regex.push(`${f}=${splString(sigmaRegex(op.value.pattern, op.value.flags))}`);
    } else if (opts.stage === 'search' && op.kind === 'keyword' && op.value.kind === 'regex' && op.value.placeholders.length === 0) {
      regex.push(`_raw=${splString(sigmaRegex(op.value.pattern, op.value.flags))}`);
    } else toWhere.push(op);
  }
  let search = '';
  if (toSearch.length > 0) {
    const ctx = searchCtx(opts.prefix ?? '', scope.length === 0 ? NO_SCOPE : new Set(scope), memo);
    const r = renderExpr(and(toSearch, expr.loc), opts.stage === 'tstats' ? TSTATS : SEARCH, searchHooks, ctx);
    if (r.ok) {
      search = r.value;
      pushAll(warnings, r.warnings);
    } else pushAll(errors, r.errors);
  }
  let where = '';
  if (toWhere.length > 0) {
    const w = and(toWhere, expr.loc);
    const ctx: LeafContext =
      opts.stage === 'tstats'
        ? { negated: negatedLeaves(w), fieldPrefix: '', nullSentinel: 'null' }
        : { negated: negatedLeaves(w), fieldPrefix: '' };
    const r = renderExpr(w, WHERE, whereHooks, ctx);
    if (r.ok) {
      where = r.value;
      pushAll(warnings, r.warnings);
    } else pushAll(errors, r.errors);
  }
  if (errors.length > 0) return fail(...errors);
  return ok({ search, regex, where }, warnings);
}

/** A whole expression as one where/eval expression (enrichment conditions), guarded under NOT as `| where` is. */
export function renderWhereExpr(expr: Expr): Result<string> {
  return renderExpr(expr, WHERE, whereHooks, { negated: negatedLeaves(expr), fieldPrefix: '' });
}

/** The plain search pipeline for one condition: `<search> [| regex …]* [| where …]`. */
export function searchPipeline(parts: ConditionParts): string {
  let q = parts.search === '' ? '*' : parts.search;
  for (let i = 0; i < parts.regex.length; i++) q += ` | regex ${parts.regex[i]!}`;
  if (parts.where !== '') q += ` | where ${parts.where}`;
  return q;
}

