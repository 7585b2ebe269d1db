import type { Expr, MatchExpr } from '@sigmats/core';

/**
 * Gather the tests of one field inside an OR (`Image|endswith: [a, b]` next to `OriginalFileName: [c, d]` is
 * flattened by lowering) so each field's values fold into one list or one regex. OR is commutative; the groups
 * keep the position of their first test.
 */
export function regroupByField(expr: Expr): Expr {
  switch (expr.kind) {
    case 'and': {
      const operands = mapSame(expr.operands);
      return operands === expr.operands ? expr : { ...expr, operands };
    }
    case 'not': {
      const operand = regroupByField(expr.operand);
      return operand === expr.operand ? expr : { ...expr, operand };
    }
    case 'or': {
      const operands = mapSame(expr.operands);
      const byField = new Map<string, MatchExpr[]>();
      let repeated = false;
      for (const o of operands) {
        if (o.kind !== 'match') continue;
        const group = byField.get(o.field);
        if (group) {
          group.push(o);
          repeated = true;
        } else byField.set(o.field, [o]);
      }
      // Nothing to gather, or already one field only (the renderer folds that itself).
      if (!repeated || (byField.size === 1 && byField.values().next().value!.length === operands.length)) {
        return operands === expr.operands ? expr : { ...expr, operands };
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

/** Map children; the same array when nothing changed (no allocation on the common path). */
function mapSame(operands: readonly Expr[]): readonly Expr[] {
  let out: Expr[] | undefined;
  operands.forEach((o, i) => {
    const r = regroupByField(o);
    if (r !== o) (out ??= operands.slice())[i] = r;
  });
  return out ?? operands;
}
