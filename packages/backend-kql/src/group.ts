import type { Expr, MatchExpr } from '@sigmats/core';

/**
 * Gather the tests of an OR by field (OR is commutative), so `Image|endswith` and `OriginalFileName` lists in one
 * OR each fold into their own `in~` list instead of one long chain.
 */
export function groupOrByField(e: Expr): Expr {
  switch (e.kind) {
    case 'not':
      return { ...e, operand: groupOrByField(e.operand) };
    case 'and':
      return { ...e, operands: e.operands.map(groupOrByField) };
    case 'or': {
      const operands = e.operands.map(groupOrByField);
      const byField = new Map<string, MatchExpr[]>();
      for (const o of operands) {
        if (o.kind !== 'match') continue;
        const list = byField.get(o.field) ?? [];
        list.push(o);
        byField.set(o.field, list);
      }
      const groups = [...byField.values()].filter((g) => g.length > 1);
      if (groups.length === 0 || (groups.length === 1 && groups[0]!.length === operands.length)) return { ...e, operands };
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
