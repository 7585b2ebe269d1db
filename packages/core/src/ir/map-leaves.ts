import type { ConstExpr, Expr, KeywordExpr, MatchExpr } from './expr.js';

/** The tests of a lowered condition: what is left of an Expr below its AND, OR and NOT. */
export type LeafExpr = MatchExpr | KeywordExpr | ConstExpr;

/**
 * `e` with each test replaced by `leaf(test)`. A subtree none of whose tests changed (`leaf` returned the test itself)
 * is kept, not copied: backends rewrite a few tests of most rules (a renamed field, an escaped keyword) and leave
 * the rest.
 */
export function mapLeaves(e: Expr, leaf: (test: LeafExpr) => Expr): Expr {
  switch (e.kind) {
    case 'and':
    case 'or': {
      let operands: Expr[] | undefined;
      for (let i = 0; i < e.operands.length; i++) {
        const o = mapLeaves(e.operands[i]!, leaf);
        if (o !== e.operands[i]) (operands ??= e.operands.slice())[i] = o;
      }
      return operands ? { ...e, operands } : e;
    }
    case 'not': {
      const operand = mapLeaves(e.operand, leaf);
      return operand === e.operand ? e : { ...e, operand };
    }
    default:
      return leaf(e);
  }
}
