import { assertNever } from './diagnostics.js';
import type { Condition, ConditionNode } from './ir/condition.js';
import type { Detection, DetectionElement, DetectionItem } from './ir/detection.js';
import type { Expr } from './ir/expr.js';
import type { FilterRule, SigmaRule } from './ir/rule.js';
import type { ScalarValue } from './ir/values.js';
import type { SourceLocation } from './location.js';

/** Thrown only for IR that the parser would never produce (e.g. a condition naming a missing detection). */
export class LoweringError extends Error {
  constructor(
    message: string,
    readonly loc: SourceLocation,
  ) {
    super(message);
    this.name = 'LoweringError';
  }
}

function leaf(item: DetectionItem, value: ScalarValue, origin: string): Expr {
  if (item.field !== null) return { kind: 'match', field: item.field, value, origin, loc: value.loc };
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'regex') {
    return { kind: 'keyword', value, origin, loc: value.loc };
  }
  throw new LoweringError(`a ${value.kind} value cannot be a keyword`, value.loc);
}

function lowerItem(item: DetectionItem, origin: string): Expr {
  const operands = item.values.map((v): Expr => {
    if (v.kind === 'expansion') {
      return { kind: 'or', operands: v.values.map((x) => leaf(item, x, origin)), loc: v.loc };
    }
    return leaf(item, v, origin);
  });
  const combined: Expr = { kind: item.link, operands, loc: item.loc };
  return item.negated ? { kind: 'not', operand: combined, loc: item.loc } : combined;
}

function lowerElement(el: DetectionElement, origin: string): Expr {
  switch (el.kind) {
    case 'item':
      return lowerItem(el, origin);
    case 'group':
      return { kind: el.link, operands: el.items.map((i) => lowerElement(i, origin)), loc: el.loc };
    default:
      return assertNever(el, 'detection element');
  }
}

/** Lower one condition of a rule (or filter) into a simplified boolean expression. */
export function lowerCondition(rule: SigmaRule | FilterRule, condition: Condition): Expr {
  const detections = new Map<string, Detection>(rule.detections.map((d) => [d.name, d]));
  const lowered = new Map<string, Expr>();
  const byName = (name: string, loc: SourceLocation): Expr => {
    const cached = lowered.get(name);
    if (cached) return cached;
    const d = detections.get(name);
    if (!d) throw new LoweringError(`detection '${name}' is not defined`, loc);
    const e = lowerElement(d.body, name);
    lowered.set(name, e);
    return e;
  };
  const visit = (n: ConditionNode): Expr => {
    switch (n.kind) {
      case 'and':
      case 'or':
        return { kind: n.kind, operands: n.operands.map(visit), loc: n.loc };
      case 'not':
        return { kind: 'not', operand: visit(n.operand), loc: n.loc };
      case 'identifier':
        return byName(n.name, n.loc);
      case 'selector':
        return {
          kind: n.quantifier === 'all' ? 'and' : 'or',
          operands: n.matches.map((m) => byName(m, n.loc)),
          loc: n.loc,
        };
      default:
        return assertNever(n, 'condition node');
    }
  };
  return simplifyExpr(visit(condition.root));
}

/** One search identifier on its own, lowered and simplified (an enrichment case's test). */
export function lowerDetection(detection: Detection): Expr {
  return simplifyExpr(lowerElement(detection.body, detection.name));
}

/** One expression per condition of the rule. */
export function lowerRule(rule: SigmaRule): Expr[] {
  return rule.conditions.map((c) => lowerCondition(rule, c));
}

/**
 * Flatten nested groups of the same kind, collapse single-operand groups, remove double negation and fold
 * constants. Empty AND is true, empty OR is false (what an emptied detection means).
 */
export function simplifyExpr(expr: Expr): Expr {
  switch (expr.kind) {
    case 'match':
    case 'keyword':
    case 'const':
      return expr;
    case 'not': {
      const inner = simplifyExpr(expr.operand);
      if (inner.kind === 'const') return { kind: 'const', value: !inner.value, loc: expr.loc };
      if (inner.kind === 'not') return inner.operand;
      return inner === expr.operand ? expr : { kind: 'not', operand: inner, loc: expr.loc };
    }
    case 'and':
    case 'or': {
      const absorbing = expr.kind === 'or'; // OR with true is true; AND with false is false
      const operands: Expr[] = [];
      for (const o of expr.operands) {
        const s = simplifyExpr(o);
        if (s.kind === 'const') {
          if (s.value === absorbing) return { kind: 'const', value: absorbing, loc: expr.loc };
          continue; // neutral element
        }
        if (s.kind === expr.kind) operands.push(...s.operands);
        else operands.push(s);
      }
      if (operands.length === 0) return { kind: 'const', value: !absorbing, loc: expr.loc };
      if (operands.length === 1) return operands[0]!;
      return { kind: expr.kind, operands, loc: expr.loc };
    }
    default:
      return assertNever(expr, 'expression kind');
  }
}
