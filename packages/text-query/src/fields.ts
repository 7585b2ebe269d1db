import { assertNever } from '@sigmats/core';
import type { Expr } from '@sigmats/core';

/**
 * Fields an expression reads (match fields and fieldref targets), in first-use order; `out` and `seen` carry a walk
 * over several expressions. `seen` mirrors `out` so a rule with thousands of distinct fields costs linear time (an
 * `out.includes` per leaf made conversion quadratic in the number of fields, issue 12). One walk for the backends:
 * Sumo plans its extractions and Cloud SIEM event types by it, Splunk's data_model format its `by` fields.
 */
export function exprFields(expr: Expr, out: string[] = [], seen: Set<string> = new Set(out)): string[] {
  switch (expr.kind) {
    case 'and':
    case 'or':
      for (const o of expr.operands) exprFields(o, out, seen);
      break;
    case 'not':
      exprFields(expr.operand, out, seen);
      break;
    case 'match':
      for (const f of expr.value.kind === 'fieldref' ? [expr.field, expr.value.field] : [expr.field]) {
        if (!seen.has(f)) {
          seen.add(f);
          out.push(f);
        }
      }
      break;
    case 'keyword':
    case 'const':
      break;
    default:
      assertNever(expr, 'expression kind');
  }
  return out;
}
