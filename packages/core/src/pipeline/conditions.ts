// Evaluation of rule, detection-item and field-name conditions.
import type { DetectionItem } from '../ir/detection.js';
import type { CorrelationRule, SigmaRule } from '../ir/rule.js';
import type { ScalarValue, ValuePart } from '../ir/values.js';
import { logsourceMatches, ruleFields, someItem } from './ir-helpers.js';
import { sameParts, sigmaParts, sigmaStringText } from './sigma-string.js';
import type { CompareOp, CondExpr, ConditionSet, DetectionItemCondition, FieldNameCondition, RuleCondition } from './types.js';

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

/** Parts of a condition's written value, parsed once per (immutable) condition, which pipelines reuse for every rule. */
const WANT_PARTS = new WeakMap<object, { plain: readonly ValuePart[]; placeholders: readonly ValuePart[] }>();
function wantParts(want: string, placeholders: boolean, key: object | undefined): readonly ValuePart[] {
  let e = key && WANT_PARTS.get(key);
  if (!e) {
    e = { plain: sigmaParts(want), placeholders: sigmaParts(want, true) };
    if (key) WANT_PARTS.set(key, e);
  }
  return placeholders ? e.placeholders : e.plain;
}

/** Sigma text of a value's parts, computed once per (immutable) parts array. */
const TEXT = new WeakMap<readonly ValuePart[], string>();
function textOf(parts: readonly ValuePart[]): string {
  let t = TEXT.get(parts);
  if (t === undefined) {
    t = sigmaStringText(parts);
    TEXT.set(parts, t);
  }
  return t;
}

/**
 * Written value (from the pipeline) equals an IR value: strings by Sigma text, numbers numerically. `key`: the
 * condition holding `want`, to parse it once.
 */
export function valueEquals(v: ScalarValue, want: string | number | boolean | null, key?: object): boolean {
  switch (v.kind) {
    case 'string':
      return want !== null && typeof want !== 'boolean' && sameParts(v.parts, wantParts(String(want), v.parts.some((p) => p.kind === 'placeholder'), key));
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
      // On a correlation: holds when it holds for every referenced rule (pySigma: any). With "any", a correlation
      // over process_creation and network_connection rules would get the process_creation column names in its
      // group-by, which the network events do not have; with "every", such a mixed correlation keeps the Sigma
      // names and the backend aligns them per source (KQL's `extend`), while a single-logsource one is mapped.
      if (doc.kind === 'correlation') {
        const refs = cx.referenced ?? [];
        return refs.length > 0 && refs.every((r) => r.kind === 'rule' && logsourceMatches(r.logsource, c));
      }
      return logsourceMatches(doc.logsource, c);
    case 'contains_detection_item':
      return (
        doc.kind === 'rule' &&
        doc.detections.some((d) => someItem(d.body, (it) => it.field === c.field && it.values.some((v) => (v.kind === 'expansion' ? v.values.some((s) => valueEquals(s, c.value, c)) : valueEquals(v, c.value, c)))))
      );
    case 'contains_field':
      // The rule's field set is made once per rule and shared by every such condition (no walk per condition).
      return doc.kind === 'rule' && ruleFields(doc.detections).has(c.field);
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

/** `any`: some scalar value matches; `all`: there are values and every one matches (pySigma ValueProcessingCondition). */
function quantify(item: DetectionItem, cond: 'any' | 'all', one: (v: ScalarValue) => boolean): boolean {
  let seen = false;
  for (const v of item.values) {
    if (v.kind === 'expansion') {
      for (const s of v.values) {
        seen = true;
        if (one(s) !== (cond === 'all')) return cond !== 'all';
      }
    } else {
      seen = true;
      if (one(v) !== (cond === 'all')) return cond !== 'all';
    }
  }
  return cond === 'all' && seen;
}

export function itemConditionHolds(c: DetectionItemCondition, item: DetectionItem, cx: CondContext): boolean {
  switch (c.type) {
    case 'match_string':
      // Non-string values never match (so they fail `all`), negated or not.
      return quantify(item, c.cond, (v) => v.kind === 'string' && c.pattern.testPrefix(textOf(v.parts)) !== c.negate);
    case 'match_value':
      return quantify(item, c.cond, (v) => valueEquals(v, c.value, c));
    case 'contains_wildcard':
      return quantify(item, c.cond, (v) => v.kind === 'string' && v.parts.some((p) => p.kind === 'wildcard-multi' || p.kind === 'wildcard-single'));
    case 'is_null':
      return quantify(item, c.cond, (v) => v.kind === 'null');
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
      const inc = field !== null && (c.mode === 'plain' ? c.fields.includes(field) : c.patterns.some((p) => p.testPrefix(field)));
      return c.type === 'include_fields' ? inc : !inc;
    }
    case 'processing_item_applied':
      return item !== undefined && cx.fieldApplied(item).has(c.processingItemId);
    case 'processing_state':
      return compare(cx.state[c.key], c.val, c.op);
  }
}

// Condition sets (a `*_cond_expr` tree over the conditions), evaluated for every rule and leaf without a closure
// per test and without array callbacks: before the JIT warms up (a one-shot conversion), every closure and `every`
// call is paid in the interpreter. `level`: 0 rule conditions (`a` the document), 1 detection-item conditions (`a` the item),
// 2 field-name conditions (`a` the item or undefined, `field` the field name).
function oneHolds(level: number, c: unknown, a: unknown, field: string | null, cx: CondContext): boolean {
  if (level === 0) return ruleConditionHolds(c as RuleCondition, a as SigmaRule | CorrelationRule, cx);
  if (level === 1) return itemConditionHolds(c as DetectionItemCondition, a as DetectionItem, cx);
  return fieldConditionHolds(c as FieldNameCondition, field, a as DetectionItem | undefined, cx);
}

function exprHolds(e: CondExpr, conditions: readonly unknown[], level: number, a: unknown, field: string | null, cx: CondContext): boolean {
  switch (e.kind) {
    case 'true':
      return true;
    case 'cond': {
      const c = conditions[e.index];
      return c !== undefined && oneHolds(level, c, a, field, cx);
    }
    case 'and':
      for (let i = 0; i < e.operands.length; i++) if (!exprHolds(e.operands[i]!, conditions, level, a, field, cx)) return false;
      return true;
    case 'or':
      for (let i = 0; i < e.operands.length; i++) if (exprHolds(e.operands[i]!, conditions, level, a, field, cx)) return true;
      return false;
    case 'not':
      return !exprHolds(e.operand, conditions, level, a, field, cx);
  }
}

/** Whether a set of rule conditions holds (left to right, short-circuit). */
export function ruleSetHolds(set: ConditionSet<RuleCondition>, doc: SigmaRule | CorrelationRule, cx: CondContext): boolean {
  return exprHolds(set.expr, set.conditions, 0, doc, null, cx);
}

/** Whether a set of detection-item conditions holds. */
export function itemSetHolds(set: ConditionSet<DetectionItemCondition>, item: DetectionItem, cx: CondContext): boolean {
  return exprHolds(set.expr, set.conditions, 1, item, null, cx);
}

/** Whether a set of field-name conditions holds (`item` undefined for the rule's `fields` list). */
export function fieldSetHolds(set: ConditionSet<FieldNameCondition>, field: string | null, item: DetectionItem | undefined, cx: CondContext): boolean {
  return exprHolds(set.expr, set.conditions, 2, item, field, cx);
}
