import { pushAll } from './push-all.js';
import { assertNever, diagnostic } from '@sigmats/core';
import type { Diagnostic, Expr, KeywordExpr, MatchExpr, OrExpr, AndExpr, ScalarValue } from '@sigmats/core';
import type { BoolOp, Dialect } from './dialect.js';
import { fail, ok, type Result } from './result.js';

/**
 * What a list hook may return instead of finished text: several tests joined by `op`, not yet grouped. The renderer
 * groups it with the dialect (so it is an atom like any other list text), except directly under a NOT that delimits
 * its operand itself, which gets the bare text: Sumo `!(a or b)`, not `!((a or b))`.
 */
export interface ListText {
  readonly text: string;
  readonly op: 'and' | 'or';
}

/** The few hooks a backend supplies for the leaves of the boolean tree. */
export interface RenderHooks<C> {
  /** Render one field test or keyword. */
  readonly leaf: (node: MatchExpr | KeywordExpr, ctx: C) => Result<string>;
  /**
   * OR of tests on one field (e.g. `F IN ("a","b")`, `F in~ (...)`). Called only when every operand is a `match`
   * on `field`; return undefined to render the OR normally.
   */
  readonly orList?: (field: string, values: readonly ScalarValue[], node: OrExpr, ctx: C) => Result<string | ListText> | undefined;
  /** AND of tests on one field (e.g. KQL `has_all`); same contract as orList. */
  readonly andList?: (field: string, values: readonly ScalarValue[], node: AndExpr, ctx: C) => Result<string | ListText> | undefined;
  /** A negated leaf in a dedicated form (e.g. `F != "x"`); undefined → generic NOT. */
  readonly notLeaf?: (node: MatchExpr | KeywordExpr, ctx: C) => Result<string> | undefined;
}

interface Piece {
  readonly text: string;
  /** The operator at the top of this piece, or 'atom' when it cannot be split by any operator. */
  readonly top: BoolOp | 'atom';
  /** For a grouped list: the text inside the group (see ListText). */
  readonly bare?: string;
  /** Operands in the flat chain at the top of this piece (1 for an atom); counted for Dialect.maxChain. */
  readonly links?: number;
}

function strength(d: Dialect, op: BoolOp): number {
  // Higher binds tighter.
  return d.precedence.length - d.precedence.indexOf(op);
}

/** Does `child` need a group when it appears directly under `parent`? */
function needsGroup(d: Dialect, parent: BoolOp, child: Piece): boolean {
  if (child.top === 'atom') return false;
  if (parent === 'not') return !d.notDelimits;
  if (child.top === parent) return false; // flattened: same operator, associative
  if (child.top === 'not') return false;
  if (d.groupNested) return true;
  return strength(d, child.top) <= strength(d, parent);
}

function join(d: Dialect, op: 'and' | 'or', parts: readonly Piece[]): Piece {
  if (d.maxChain !== undefined) return joinBounded(d, op, parts, d.maxChain);
  // One string built in place: no array of grouped texts per AND/OR (this runs for every group of every rule).
  const sep = op === 'and' ? d.and : d.or;
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i > 0) text += sep;
    text += needsGroup(d, op, p) ? d.group(p.text) : p.text;
  }
  return { text, top: parts.length === 1 ? parts[0]!.top : op };
}

/**
 * join under Dialect.maxChain. Every piece made here has at most `max` operands in its top chain, so a child that
 * would be flattened into this chain adds its own count; when the total is over `max`, such children are grouped
 * instead (each counts 1), and more than `max` parts become grouped chunks of `max`, joined the same way.
 */
function joinBounded(d: Dialect, op: 'and' | 'or', parts: readonly Piece[], max: number): Piece {
  const sep = op === 'and' ? d.and : d.or;
  let total = 0;
  for (const p of parts) total += needsGroup(d, op, p) ? 1 : (p.links ?? 1);
  const flatten = total <= max;
  const texts = parts.map((p) => (needsGroup(d, op, p) || (!flatten && p.top === op) ? d.group(p.text) : p.text));
  if (parts.length === 1) return { ...parts[0]!, text: texts[0]! };
  if (texts.length <= max) return { text: texts.join(sep), top: op, links: flatten ? total : texts.length };
  // A top chain of grouped chunks: as many as boundedChain leaves at its last level.
  let links = texts.length;
  while (links > max) links = Math.ceil(links / max);
  return { text: boundedChain(texts, sep, d.group, max), top: op, links };
}

/**
 * `texts` (each an operand that needs no group in the chain) joined by `sep`, at most `max` in one chain: a longer
 * one becomes grouped chunks of `max`, and chunks of chunks. A last chunk of one is that operand itself. For a
 * backend's own lists too (KQL's lists.ts), whose operands renderExpr does not see.
 */
export function boundedChain(texts: readonly string[], sep: string, group: (inner: string) => string, max: number): string {
  if (texts.length <= max) return texts.join(sep);
  const chunks: string[] = [];
  for (let i = 0; i < texts.length; i += max) {
    const chunk = texts.slice(i, i + max);
    chunks.push(chunk.length === 1 ? chunk[0]! : group(chunk.join(sep)));
  }
  return boundedChain(chunks, sep, group, max);
}

function sameFieldValues(
  operands: readonly Expr[],
): { field: string; values: ScalarValue[] } | undefined {
  let field: string | undefined;
  const values: ScalarValue[] = [];
  for (const o of operands) {
    if (o.kind !== 'match') return undefined;
    if (field === undefined) field = o.field;
    else if (field !== o.field) return undefined;
    values.push(o.value);
  }
  return field === undefined || values.length < 2 ? undefined : { field, values };
}

/**
 * Render a lowered condition with the dialect's operators, precedence and grouping.
 * Leaves and list folding are the backend's hooks. Errors of all failing leaves are collected.
 */
export function renderExpr<C>(expr: Expr, dialect: Dialect, hooks: RenderHooks<C>, ctx: C): Result<string> {
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  const take = <T extends string | ListText>(r: Result<T>): T | '' => {
    if (r.ok) {
      pushAll(warnings, r.warnings);
      return r.value;
    }
    pushAll(errors, r.errors);
    return '';
  };

  const visit = (e: Expr): Piece => {
    switch (e.kind) {
      case 'match':
      case 'keyword':
        return { text: take(hooks.leaf(e, ctx)), top: 'atom' };
      case 'const':
        errors.push(
          diagnostic('backend/unsupported-feature', `condition reduces to constant ${String(e.value)}`, e.loc),
        );
        return { text: '', top: 'atom' };
      case 'not': {
        if (e.operand.kind === 'match' || e.operand.kind === 'keyword') {
          const special = hooks.notLeaf?.(e.operand, ctx);
          if (special) return { text: take(special), top: 'atom' };
        }
        const inner = visit(e.operand);
        const operand =
          dialect.notDelimits && inner.bare !== undefined ? inner.bare : needsGroup(dialect, 'not', inner) ? dialect.group(inner.text) : inner.text;
        return { text: dialect.not(operand), top: dialect.notDelimits ? 'atom' : 'not' };
      }
      case 'or':
      case 'and': {
        // The values are gathered only when the backend has a list hook for this operator (Splunk's where and
        // KQL have no andList).
        const same = (e.kind === 'or' ? hooks.orList : hooks.andList) ? sameFieldValues(e.operands) : undefined;
        if (same) {
          const folded =
            e.kind === 'or'
              ? hooks.orList?.(same.field, same.values, e, ctx)
              : hooks.andList?.(same.field, same.values, e, ctx);
          if (folded) {
            const t = take(folded);
            return typeof t === 'string' ? { text: t, top: 'atom' } : { text: dialect.group(t.text), top: 'atom', bare: t.text };
          }
        }
        if (e.operands.length === 0) {
          errors.push(diagnostic('backend/unsupported-feature', `empty ${e.kind.toUpperCase()} group`, e.loc));
          return { text: '', top: 'atom' };
        }
        return join(dialect, e.kind, e.operands.map(visit));
      }
      default:
        return assertNever(e, 'expression kind');
    }
  };

  const piece = visit(expr);
  return errors.length > 0 ? fail(...errors) : ok(piece.text, warnings);
}
