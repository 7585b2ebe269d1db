import type { Expr, MatchExpr } from '@sigmats/core';

/**
 * Gather the tests of one field inside an OR (OR is commutative), so `Image|endswith: [a, b]` next to
 * `OriginalFileName: [c, d]` — flattened into one OR by lowering — reach the `orList` hook as one list per field.
 * Each group takes the position of its first test and the OR's location. Unchanged subtrees are returned as they
 * are (no copy): this runs on every condition.
 */
export function groupOrByField(e: Expr): Expr {
  switch (e.kind) {
    case 'not': {
      const operand = groupOrByField(e.operand);
      return operand === e.operand ? e : { ...e, operand };
    }
    case 'and': {
      const operands = mapSame(e.operands);
      return operands === e.operands ? e : { ...e, operands };
    }
    case 'or': {
      const operands = mapSame(e.operands);
      // Most ORs are one field's values (`Image|endswith: [...]`): nothing to gather, and no map to build.
      if (oneField(operands)) return operands === e.operands ? e : { ...e, operands };
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
      // Nothing to gather, or one field only (renderExpr hands that to orList as it is).
      if (!repeated || (byField.size === 1 && byField.values().next().value!.length === operands.length)) {
        return operands === e.operands ? e : { ...e, operands };
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
        out.push(group.length === 1 ? o : { kind: 'or', operands: group, loc: e.loc });
      }
      return { ...e, operands: out };
    }
    case 'match':
    case 'keyword':
    case 'const':
      return e;
  }
}

/** Whether every operand is a test of the same field. */
function oneField(operands: readonly Expr[]): boolean {
  const first = operands[0];
  if (first?.kind !== 'match') return false;
  for (let i = 1; i < operands.length; i++) {
    const o = operands[i]!;
    if (o.kind !== 'match' || o.field !== first.field) return false;
  }
  return true;
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
