// Evaluation of rule, detection-item and field-name conditions.
import type { DetectionItem } from '../ir/detection.js';
import type { CorrelationRule, SigmaRule } from '../ir/rule.js';
import type { ScalarValue } from '../ir/values.js';
import { evalCondExpr } from './cond-expr.js';
import { itemsOf, logsourceMatches, scalarsOf } from './ir-helpers.js';
import { sameParts, sigmaParts, sigmaStringText } from './sigma-string.js';
import type { CompareOp, ConditionSet, DetectionItemCondition, FieldNameCondition, RuleCondition } from './types.js';

/** What conditions can see while a pipeline runs on one document. */
export interface CondContext {
  readonly state: Readonly<Record<string, unknown>>;
  readonly applied: ReadonlySet<string>;
  readonly itemApplied: (item: DetectionItem) => ReadonlySet<string>;
  readonly fieldApplied: (item: DetectionItem) => ReadonlySet<string>;
  /** For a correlation: the documents it references (rule conditions such as `logsource` look at them). */
  readonly referenced?: readonly (SigmaRule | CorrelationRule)[];
}

export function compare(a: unknown, b: unknown, op: CompareOp): boolean {
  if (op === 'eq') return looseEqual(a, b);
  if (op === 'ne') return !looseEqual(a, b);
  let x: number | string;
  let y: number | string;
  if (typeof a === 'number' && typeof b === 'number') [x, y] = [a, b];
  else if (typeof a === 'string' && typeof b === 'string') [x, y] = [a, b];
  else if (a !== null && a !== undefined && Number.isFinite(Number(a)) && Number.isFinite(Number(b)) && b !== null) [x, y] = [Number(a), Number(b)];
  else return false;
  switch (op) {
    case 'gt':
      return x > y;
    case 'gte':
      return x >= y;
    case 'lt':
      return x < y;
    case 'lte':
      return x <= y;
  }
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) return String(a) === String(b);
  return false;
}

/** Written value (from the pipeline) equals an IR value: strings by Sigma text, numbers numerically. */
export function valueEquals(v: ScalarValue, want: string | number | boolean | null): boolean {
  switch (v.kind) {
    case 'string':
      return want !== null && typeof want !== 'boolean' && sameParts(v.parts, sigmaParts(String(want), v.parts.some((p) => p.kind === 'placeholder')));
    case 'number':
      return (typeof want === 'number' || typeof want === 'string') && Number(want) === v.value && String(want).trim() !== '';
    case 'boolean':
      return want === v.value;
    case 'null':
      return want === null;
    default:
      return false;
  }
}

const LEVEL_ORDER = ['informational', 'low', 'medium', 'high', 'critical'];
const STATUS_ORDER = ['unsupported', 'deprecated', 'experimental', 'test', 'stable'];

function ruleAttribute(doc: SigmaRule | CorrelationRule, attribute: string): unknown {
  switch (attribute) {
    case 'title':
    case 'id':
    case 'name':
    case 'taxonomy':
    case 'status':
    case 'description':
    case 'license':
    case 'author':
    case 'date':
    case 'modified':
    case 'level':
      return doc[attribute];
    default:
      return Object.prototype.hasOwnProperty.call(doc.custom, attribute) ? doc.custom[attribute] : undefined;
  }
}

function ruleAttributeMatches(doc: SigmaRule | CorrelationRule, c: Extract<RuleCondition, { type: 'rule_attribute' }>): boolean {
  const have = ruleAttribute(doc, c.attribute);
  if (c.op === 'in' || c.op === 'not_in') {
    const list = Array.isArray(c.value) ? c.value : [c.value];
    const inList = have !== undefined && list.some((v) => String(v) === String(have));
    return c.op === 'in' ? inList : !inList;
  }
  if (have === undefined) return c.op === 'ne';
  const order = c.attribute === 'level' ? LEVEL_ORDER : c.attribute === 'status' ? STATUS_ORDER : undefined;
  if (order && c.op !== 'eq' && c.op !== 'ne') {
    const a = order.indexOf(String(have));
    const b = order.indexOf(String(c.value));
    if (a < 0 || b < 0) return false;
    return compare(a, b, c.op);
  }
  return compare(have, c.value, c.op);
}

export function ruleConditionHolds(c: RuleCondition, doc: SigmaRule | CorrelationRule, cx: CondContext): boolean {
  switch (c.type) {
    case 'logsource':
      // pySigma: on a correlation, the condition holds when it holds for any referenced rule.
      if (doc.kind === 'correlation') return cx.referenced?.some((r) => r.kind === 'rule' && logsourceMatches(r.logsource, c)) ?? false;
      return logsourceMatches(doc.logsource, c);
    case 'contains_detection_item':
      return (
        doc.kind === 'rule' &&
        doc.detections.some((d) => [...itemsOf(d.body)].some((it) => it.field === c.field && it.values.some((v) => scalarsOf(v).some((s) => valueEquals(s, c.value)))))
      );
    case 'contains_field':
      return doc.kind === 'rule' && doc.detections.some((d) => [...itemsOf(d.body)].some((it) => it.field === c.field));
    case 'processing_item_applied':
      return cx.applied.has(c.processingItemId);
    case 'processing_state':
      return compare(cx.state[c.key], c.val, c.op);
    case 'is_sigma_rule':
      return doc.kind === 'rule';
    case 'is_sigma_correlation_rule':
      return doc.kind === 'correlation';
    case 'rule_attribute':
      return ruleAttributeMatches(doc, c);
    case 'tag': {
      const want = c.tag.toLowerCase();
      return doc.tags.some((t) => {
        const full = `${t.namespace}.${t.name}`.toLowerCase();
        return full === want || (!want.includes('.') && t.namespace.toLowerCase() === want);
      });
    }
  }
}

export function itemConditionHolds(c: DetectionItemCondition, item: DetectionItem, cx: CondContext): boolean {
  const values = item.values.flatMap(scalarsOf);
  // `any`: some value matches; `all`: there are values and every one matches (pySigma ValueProcessingCondition).
  const quantify = (cond: 'any' | 'all', one: (v: ScalarValue) => boolean) => (cond === 'all' ? values.length > 0 && values.every(one) : values.some(one));
  switch (c.type) {
    case 'match_string':
      // Non-string values never match (so they fail `all`), negated or not.
      return quantify(c.cond, (v) => v.kind === 'string' && c.pattern.test(sigmaStringText(v.parts)) !== c.negate);
    case 'match_value':
      return quantify(c.cond, (v) => valueEquals(v, c.value));
    case 'contains_wildcard':
      return quantify(c.cond, (v) => v.kind === 'string' && v.parts.some((p) => p.kind === 'wildcard-multi' || p.kind === 'wildcard-single'));
    case 'is_null':
      return quantify(c.cond, (v) => v.kind === 'null');
    case 'processing_item_applied':
      return cx.itemApplied(item).has(c.processingItemId);
    case 'processing_state':
      return compare(cx.state[c.key], c.val, c.op);
  }
}

/** Field-name conditions on a field (null = keyword item; `item` absent for the rule's `fields` list). */
export function fieldConditionHolds(c: FieldNameCondition, field: string | null, item: DetectionItem | undefined, cx: CondContext): boolean {
  switch (c.type) {
    case 'include_fields':
    case 'exclude_fields': {
      const inc = field !== null && (c.mode === 'plain' ? c.fields.includes(field) : c.patterns.some((p) => p.test(field)));
      return c.type === 'include_fields' ? inc : !inc;
    }
    case 'processing_item_applied':
      return item !== undefined && cx.fieldApplied(item).has(c.processingItemId);
    case 'processing_state':
      return compare(cx.state[c.key], c.val, c.op);
  }
}

export function setHolds<C>(set: ConditionSet<C>, test: (c: C) => boolean): boolean {
  return evalCondExpr(set.expr, (i) => {
    const c = set.conditions[i];
    return c !== undefined && test(c);
  });
}
