import type { Expr, MatchExpr } from '@sigmats/core';

/**
 * Gather the tests of one field inside an OR (`Image|endswith: [a, b]` next to `OriginalFileName: [c, d]` is
 * flattened by lowering) so each field's values fold into one list or one regex. OR is commutative; the groups
 * keep the position of their first test.
 */
export function regroupByField(expr: Expr): Expr {
  switch (expr.kind) {
    case 'and':
      return { ...expr, operands: expr.operands.map(regroupByField) };
    case 'not':
      return { ...expr, operand: regroupByField(expr.operand) };
    case 'or': {
      const operands = expr.operands.map(regroupByField);
      const byField = new Map<string, MatchExpr[]>();
      for (const o of operands) if (o.kind === 'match') byField.set(o.field, [...(byField.get(o.field) ?? []), o]);
      const distinct = new Set(operands.map((o) => (o.kind === 'match' ? o.field : o)));
      if (distinct.size === operands.length || [...byField.values()].every((g) => g.length === operands.length)) {
        return { ...expr, operands };
      }
      const out: Expr[] = [];
      const placed = new Set<string>();
      for (const o of operands) {
        if (o.kind !== 'match') {
          out.push(o);
          continue;
        }
        if (placed.has(o.field)) continue;
        placed.add(o.field);
        const group = byField.get(o.field)!;
        out.push(group.length === 1 ? o : { kind: 'or', operands: group, loc: group[0]!.loc });
      }
      return { ...expr, operands: out };
    }
    case 'match':
    case 'keyword':
    case 'const':
      return expr;
  }
}
