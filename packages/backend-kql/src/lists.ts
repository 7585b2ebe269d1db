import { plainText, stringShape } from '@sigmats/core';
import type { Diagnostic, MatchExpr, OrExpr, ScalarValue } from '@sigmats/core';
import { boundedChain, fail, ok, type Result } from '@sigmats/text-query';
import { asString, isNumeric, resolveColumn, type Column, type KqlTarget } from './columns.js';
import { basenameOf, matchLeaf } from './leaves.js';
import { kqlString, kqlValue } from './literals.js';
import { hexToDecimal, isHexText } from './values.js';
import { KQL_DIALECT } from './dialect.js';

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/** How one value joins a list test: the list's head (`F in~`) and the value's literal in it. */
interface Foldable {
  readonly head: string;
  readonly close: (head: string, items: readonly string[]) => string;
  readonly item: string;
}

const inList = (head: string, items: readonly string[]): string => `${head} (${items.join(', ')})`;
const anyRange = (head: string, items: readonly string[]): string => `${head}(${items.join(', ')})`;

function foldable(v: ScalarValue, c: Column, target: KqlTarget): Foldable | undefined {
  // Values that change form on this column (hexadecimal text, GUID braces) render one by one through matchLeaf.
  if (isHexText(c, target) || target.schema?.guidNoBraces?.includes(c.name)) return undefined;
  if (v.kind === 'string' && c.type === 'string') {
    // One shape per value: the basename shortcut and the exact test both read it (an exact shape is all literals,
    // its text the plain text).
    const s = stringShape(v.parts);
    const base = basenameOf(c, s, target);
    if (base) return { head: `${base.column} ${v.cased ? 'in' : 'in~'}`, close: inList, item: kqlValue(base.name) };
    if (s.shape === 'exact') return { head: `${c.ref} ${v.cased ? 'in' : 'in~'}`, close: inList, item: kqlValue(s.text) };
    return undefined;
  }
  if (isNumeric(c.type)) {
    if (v.kind === 'number') return { head: `${c.ref} in`, close: inList, item: String(v.value) };
    const text = v.kind === 'string' ? plainText(v.parts) : undefined;
    if (text !== undefined && NUMBER_TEXT.test(text)) return { head: `${c.ref} in`, close: inList, item: text };
    const dec = text === undefined ? undefined : hexToDecimal(text);
    if (dec !== undefined) return { head: `${c.ref} in`, close: inList, item: dec };
  }
  if (v.kind === 'cidr' && v.version === 4) {
    // coalesce: the range functions are null for a value that is not an address of their family (see cidrTest).
    return {
      head: `ipv4_is_in_any_range`,
      close: (h, xs) => `coalesce(${anyRange(h, [asString(c), ...xs])}, false)`,
      item: kqlString(`${v.network}/${v.prefixLength}`),
    };
  }
  return undefined;
}

/**
 * OR of tests on one field: exact strings → `F in~ (…)` (`in` when cased), `\name` suffixes on a path column →
 * `FileName in~ (…)`, numbers → `F in (…)`, IPv4 CIDRs → `ipv4_is_in_any_range(F, …)`; the rest stay single tests.
 * Returns undefined when nothing folds, so the OR renders normally.
 */
export function orList(field: string, values: readonly ScalarValue[], node: OrExpr, target: KqlTarget): Result<string> | undefined {
  if (target.schema?.basenameOnly?.[field]) return undefined;
  const col = resolveColumn(field, node.loc, target);
  if (!col.ok) return undefined; // the leaves report it
  const c = col.value;
  if (target.schema?.domainSplit?.[c.name]) return undefined; // account values are split one by one
  if (target.schema?.registryData?.data === c.name) return undefined; // registry data converts value by value
  const folds = values.map((v) => foldable(v, c, target));
  const counts = new Map<string, number>();
  for (const f of folds) if (f) counts.set(f.head, (counts.get(f.head) ?? 0) + 1);
  if (![...counts.values()].some((n) => n > 1) && values.length <= CHUNK) return undefined;

  const pieces: string[] = [];
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const done = new Set<string>();
  values.forEach((v, i) => {
    const f = folds[i];
    if (f && counts.get(f.head)! > 1) {
      if (done.has(f.head)) return;
      done.add(f.head);
      pieces.push(f.close(f.head, folds.filter((g): g is Foldable => g?.head === f.head).map((g) => g.item)));
      return;
    }
    // The field is resolved above (not basename-only), and resolving again would give the same column.
    const r = matchLeaf(matchOf(node, i, field, v), target, c);
    if (r.ok) {
      pieces.push(r.value);
      warnings.push(...r.warnings);
    } else errors.push(...r.errors);
  });
  if (errors.length > 0) return fail(...errors);
  return ok(pieces.length === 1 ? pieces[0]! : `(${chunked(pieces)})`, warnings);
}

/**
 * The Kusto parser rejects a flat chain of a few hundred `or`s (KS245, syntax depth), so long chains are
 * written as an OR of parenthesised chunks, and chunks of those (30,000 values made 470 chunks), as renderExpr
 * writes long chains of conditions under KQL_DIALECT.maxChain.
 */
const CHUNK = KQL_DIALECT.maxChain!;

function chunked(pieces: readonly string[]): string {
  return boundedChain(pieces, KQL_DIALECT.or, KQL_DIALECT.group, CHUNK);
}

/** The i-th operand: renderExpr passes the values of the OR's operands in order. */
function matchOf(node: OrExpr, i: number, field: string, value: ScalarValue): MatchExpr {
  const o = node.operands[i];
  return o?.kind === 'match' && o.value === value ? o : { kind: 'match', field, value, origin: '', loc: value.loc };
}
