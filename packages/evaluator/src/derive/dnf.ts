import type { Expr, KeywordExpr, MatchExpr } from '@sigmats/core';

/** A test of the condition, taken positively or negated. */
export interface Literal {
  readonly negated: boolean;
  readonly test: MatchExpr | KeywordExpr;
}

/** One way the condition can hold: every literal true. */
export type Conjunction = readonly Literal[];

/**
 * Disjunctive normal form of a lowered condition, bounded: at most `limit` conjunctions, chosen
 * deterministically so that every operand of an OR (and every alternative of a value list) is visited
 * before any is visited twice. Negations are pushed to the tests (De Morgan), so `not filter` becomes a
 * conjunction of negated tests. The full DNF is exponential; the bound keeps it linear in `limit`.
 */
export function boundedDnf(expr: Expr, limit: number, seed = 0): Conjunction[] {
  return dnf(expr, false, Math.max(1, limit), seed);
}

function dnf(e: Expr, negated: boolean, limit: number, seed: number): Conjunction[] {
  switch (e.kind) {
    case 'match':
    case 'keyword':
      return [[{ negated, test: e }]];
    case 'const':
      return e.value !== negated ? [[]] : [];
    case 'not':
      return dnf(e.operand, !negated, limit, seed);
    case 'and':
    case 'or': {
      const parts = e.operands.map((o) => dnf(o, negated, limit, seed));
      // not(a and b) = not a or not b; not(a or b) = not a and not b.
      const disjunctive = (e.kind === 'or') !== negated;
      return disjunctive ? interleave(parts, limit, seed) : product(parts, limit, seed);
    }
  }
}

/** Round-robin over the operands' disjuncts (rotated by the seed): every operand gets a turn early. */
function interleave(parts: readonly Conjunction[][], limit: number, seed: number): Conjunction[] {
  const live = parts.filter((p) => p.length > 0);
  const out: Conjunction[] = [];
  const rot = live.length === 0 ? 0 : seed % live.length;
  for (let round = 0; out.length < limit; round++) {
    let any = false;
    for (let k = 0; k < live.length && out.length < limit; k++) {
      const p = live[(k + rot) % live.length]!;
      if (round < p.length) {
        out.push(p[round]!);
        any = true;
      }
    }
    if (!any) break;
  }
  return out;
}

/**
 * Conjunctions of one disjunct per operand. When the full product fits, all of it (mixed radix); else
 * combination i takes disjunct (i + seed) mod n_k of operand k, so each operand's disjuncts all appear.
 */
function product(parts: readonly Conjunction[][], limit: number, seed: number): Conjunction[] {
  if (parts.some((p) => p.length === 0)) return [];
  let total = 1;
  for (const p of parts) {
    total *= p.length;
    if (total > limit) break;
  }
  const out: Conjunction[] = [];
  if (total <= limit) {
    for (let i = 0; i < total; i++) {
      let rest = i;
      const lits: Literal[] = [];
      for (const p of parts) {
        lits.push(...p[rest % p.length]!);
        rest = Math.floor(rest / p.length);
      }
      out.push(lits);
    }
    return out;
  }
  const seen = new Set<string>();
  for (let i = 0; out.length < limit && i < limit * 2; i++) {
    const idx = parts.map((p) => (i + seed) % p.length);
    const key = idx.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(parts.flatMap((p, k) => p[idx[k]!]!));
  }
  return out;
}
