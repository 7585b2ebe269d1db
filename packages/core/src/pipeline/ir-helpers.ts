// Small IR helpers shared by the pipeline code and exported for backends.
import type { ConditionNode } from '../ir/condition.js';
import type { Detection, DetectionElement, DetectionGroup, DetectionItem } from '../ir/detection.js';
import type { Logsource, SigmaRule } from '../ir/rule.js';
import type { DetectionValue, ScalarValue, StringValue, ValuePart } from '../ir/values.js';
import type { SourceLocation } from '../location.js';

/**
 * A copy of `item` with another field and/or values. Written key by key in the parser's order, not as
 * `{ ...item, values }`: a spread copy gets a hidden class of its own, so every IR walker that later sees both parsed
 * and pipeline-made items turns polymorphic and is deoptimized and recompiled (measured on the corpus: most items a
 * pipeline touches).
 */
export function itemWith(item: DetectionItem, field: string | null, values: readonly DetectionValue[]): DetectionItem {
  return { kind: 'item', field, modifiers: item.modifiers, values, link: item.link, negated: item.negated, loc: item.loc };
}

/** A copy of a string value with other parts, with the parser's hidden class (see itemWith). */
export function stringWith(v: StringValue, parts: readonly ValuePart[]): StringValue {
  return { kind: 'string', parts, cased: v.cased, loc: v.loc };
}

export interface LogsourceSpec {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
}

/**
 * Containment as in pySigma's logsource condition and the Sigma spec: every key the spec names must be present
 * in the rule's logsource with exactly the same value (case-sensitive, like the parser's `logsourceContains` for
 * filters); keys the spec leaves out match anything.
 */
export function logsourceMatches(ruleLogsource: Logsource | LogsourceSpec, spec: LogsourceSpec): boolean {
  return (
    (spec.category === undefined || spec.category === ruleLogsource.category) &&
    (spec.product === undefined || spec.product === ruleLogsource.product) &&
    (spec.service === undefined || spec.service === ruleLogsource.service)
  );
}

/** The field names of a rule's detection items, once per (immutable) detections list. */
const RULE_FIELDS = new WeakMap<readonly Detection[], ReadonlySet<string>>();
export function ruleFields(detections: readonly Detection[]): ReadonlySet<string> {
  let fields = RULE_FIELDS.get(detections);
  if (!fields) {
    const out = new Set<string>();
    for (let i = 0; i < detections.length; i++) addFields(detections[i]!.body, out);
    fields = out;
    RULE_FIELDS.set(detections, fields);
  }
  return fields;
}

// A plain recursive walk with indexed loops: the itemsOf generator (and for-of) are slow before the JIT warms up.
function addFields(el: DetectionElement, out: Set<string>): void {
  if (el.kind === 'item') {
    if (el.field !== null) out.add(el.field);
  } else for (let i = 0; i < el.items.length; i++) addFields(el.items[i]!, out);
}

/** Every leaf item of an element, in written order. */
export function* itemsOf(el: DetectionElement): Generator<DetectionItem> {
  if (el.kind === 'item') yield el;
  else for (const c of el.items) yield* itemsOf(c);
}

/** True when some leaf item of the element satisfies `test` (no allocation, unlike itemsOf). */
export function someItem(el: DetectionElement, test: (item: DetectionItem) => boolean): boolean {
  if (el.kind === 'item') return test(el);
  for (const c of el.items) if (someItem(c, test)) return true;
  return false;
}

/** Scalar values of a detection value (expansions flattened). */
export function scalarsOf(v: DetectionValue): readonly ScalarValue[] {
  return v.kind === 'expansion' ? v.values : [v];
}

/** All field names the rule's detections reference: item fields and fieldref targets, first-seen order. */
export function fieldsUsed(rule: Pick<SigmaRule, 'detections'>): string[] {
  const seen = new Set<string>();
  for (const d of rule.detections) {
    for (const it of itemsOf(d.body)) {
      if (it.field !== null) seen.add(it.field);
      for (const v of it.values) for (const s of scalarsOf(v)) if (s.kind === 'fieldref') seen.add(s.field);
    }
  }
  return [...seen];
}

/**
 * Maps every leaf item; `f` returns the same item (unchanged), a replacement element, or null (drop).
 * Unchanged subtrees keep their identity; a group that loses all its items is dropped too.
 */
export function mapElement(el: DetectionElement, f: (item: DetectionItem) => DetectionElement | null): DetectionElement | null {
  if (el.kind === 'item') return f(el);
  // Most calls change nothing: the new list is only made at the first change.
  let items: DetectionElement[] | undefined;
  for (let i = 0; i < el.items.length; i++) {
    const c = el.items[i] as DetectionElement;
    const n = mapElement(c, f);
    if (items === undefined) {
      if (n === c) continue;
      items = el.items.slice(0, i);
    }
    if (n !== null) items.push(n);
  }
  if (items === undefined) return el;
  if (items.length === 0) return null;
  // Key by key (not a spread) to keep the parser's hidden class; see itemWith.
  return { kind: 'group', link: el.link, items, loc: el.loc };
}

export function mapDetections(
  detections: readonly Detection[],
  f: (item: DetectionItem, detection: Detection) => DetectionElement | null,
): { detections: readonly Detection[]; removed: readonly string[] } {
  let out: Detection[] | undefined;
  const removed: string[] = [];
  for (let i = 0; i < detections.length; i++) {
    const d = detections[i] as Detection;
    const body = mapElement(d.body, (it) => f(it, d));
    if (body === d.body) {
      if (out !== undefined) out.push(d);
      continue;
    }
    if (out === undefined) out = detections.slice(0, i);
    if (body === null) removed.push(d.name);
    else out.push({ kind: 'detection', name: d.name, body: body.kind === 'group' ? body : wrap(body, d.body.loc), loc: d.loc });
  }
  return out !== undefined ? { detections: out, removed } : { detections, removed };
}

function wrap(item: DetectionItem, loc: SourceLocation): DetectionGroup {
  return { kind: 'group', link: 'and', items: [item], loc };
}

/** Condition text from a tree (used after pipelines rewrite conditions). */
export function conditionText(n: ConditionNode, parentPrec = 0): string {
  switch (n.kind) {
    case 'identifier':
      return n.name;
    case 'selector':
      return `${n.quantifier === 'all' ? 'all' : '1'} of ${n.pattern}`;
    case 'not':
      return `not ${conditionText(n.operand, 3)}`;
    case 'and':
    case 'or': {
      const prec = n.kind === 'or' ? 1 : 2;
      const s = n.operands.map((o) => conditionText(o, prec)).join(` ${n.kind} `);
      return prec < parentPrec ? `(${s})` : s;
    }
  }
}

/**
 * Removes the given detection names from a condition: an absent detection vanishes from its AND/OR,
 * `not absent` vanishes, and a selector keeps only the names left. Returns null when nothing is left.
 */
export function removeFromCondition(n: ConditionNode, removed: ReadonlySet<string>): ConditionNode | null {
  switch (n.kind) {
    case 'identifier':
      return removed.has(n.name) ? null : n;
    case 'selector': {
      const matches = n.matches.filter((m) => !removed.has(m));
      if (matches.length === n.matches.length) return n;
      return matches.length === 0 ? null : { ...n, matches };
    }
    case 'not': {
      const o = removeFromCondition(n.operand, removed);
      return o === null ? null : o === n.operand ? n : { ...n, operand: o };
    }
    case 'and':
    case 'or': {
      const ops = n.operands.map((o) => removeFromCondition(o, removed));
      if (ops.every((o, i) => o === n.operands[i])) return n;
      const left = ops.filter((o): o is ConditionNode => o !== null);
      if (left.length === 0) return null;
      if (left.length === 1) return left[0]!;
      return { ...n, operands: left };
    }
  }
}
