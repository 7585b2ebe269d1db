import type { Expr, MatchExpr } from '@sigmats/core';

/**
 * Gather the tests of an OR by field (OR is commutative), so `Image|endswith` and `OriginalFileName` lists in one
 * OR each fold into their own `in~` list instead of one long chain.
 */
export function groupOrByField(e: Expr): Expr {
  switch (e.kind) {
    case 'not': {
      // Unchanged subtrees are returned as they are (no copy): this runs on every condition.
      const operand = groupOrByField(e.operand);
      return operand === e.operand ? e : { ...e, operand };
    }
    case 'and': {
      const operands = mapSame(e.operands);
      return operands === e.operands ? e : { ...e, operands };
    }
    case 'or': {
      const operands = mapSame(e.operands);
      // Fewer than two field tests: nothing to gather.
      let matches = 0;
      for (const o of operands) if (o.kind === 'match') matches++;
      if (matches < 2) return operands === e.operands ? e : { ...e, operands };
      const byField = new Map<string, MatchExpr[]>();
      for (const o of operands) {
        if (o.kind !== 'match') continue;
        const list = byField.get(o.field) ?? [];
        list.push(o);
        byField.set(o.field, list);
      }
      const groups = [...byField.values()].filter((g) => g.length > 1);
      if (groups.length === 0 || (groups.length === 1 && groups[0]!.length === operands.length)) return operands === e.operands ? e : { ...e, operands };
      const out: Expr[] = [];
      const placed = new Set<string>();
      for (const o of operands) {
        if (o.kind === 'match' && (byField.get(o.field)?.length ?? 0) > 1) {
          if (placed.has(o.field)) continue;
          placed.add(o.field);
          out.push({ kind: 'or', operands: byField.get(o.field)!, loc: e.loc });
        } else out.push(o);
      }
      return { ...e, operands: out };
    }
    default:
      return e;
  }
}

/** The operands with groupOrByField applied; the same array when no operand changed. */
function mapSame(operands: readonly Expr[]): readonly Expr[] {
  let out: Expr[] | undefined;
  for (let i = 0; i < operands.length; i++) {
    const o = operands[i]!;
    const g = groupOrByField(o);
    if (g !== o && !out) out = operands.slice(0, i);
    out?.push(g);
  }
  return out ?? operands;
}
