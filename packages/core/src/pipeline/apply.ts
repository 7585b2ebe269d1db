// Runs processing items over one rule or correlation: IR in, new IR out, state and tracking per call.
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import type { Condition, ConditionNode } from '../ir/condition.js';
import type { Detection, DetectionElement, DetectionGroup, DetectionItem, ModifierName } from '../ir/detection.js';
import type { CorrelationRule, Logsource, SigmaRule } from '../ir/rule.js';
import { documentKey } from '../ir/rule.js';
import type { DetectionValue, ScalarValue, StringValue } from '../ir/values.js';
import type { SourceLocation } from '../location.js';
import { fieldSetHolds, itemSetHolds, ruleSetHolds, type CondContext } from './conditions.js';
import { ruleWith } from '../ir/rule-shape.js';
import { conditionText, itemWith, logsourceMatches, mapDetections, removeFromCondition, ruleFields, type LogsourceSpec } from './ir-helpers.js';
import { ADD_CONDITION_MODIFIERS } from './parse.js';
import { sigmaParts } from './sigma-string.js';
import { renderTemplate } from './template.js';
import type { CondExpr, Pipeline, PipelineContext, PipelineResult, ProcessingItem, Transformation } from './types.js';
import {
  caseString,
  convertType,
  extractFieldParts,
  keywordToContains,
  mapItemValues,
  mapString,
  queryExpressionPlaceholder,
  replaceString,
  resolveValuePlaceholders,
  setValueOf,
  splitHashes,
  stringToRegex,
  wildcardPlaceholders,
} from './values.js';

type Doc = SigmaRule | CorrelationRule;
type T<K extends Transformation['type']> = Extract<Transformation, { type: K }>;
const EMPTY: ReadonlySet<string> = new Set();

/**
 * An item with the nest items around it (outermost first), as the conditions and tracking of a transformation see
 * it. Made once per item (items are immutable and reused for every rule) instead of arrays and closures per rule.
 */
interface Chain {
  readonly parent: Chain | undefined;
  readonly items: readonly ProcessingItem[];
  readonly ids: readonly string[];
  /** The ids as a set: what a leaf that had no tracking gets (shared; tracking sets are never mutated). */
  readonly idSet: ReadonlySet<string>;
  /** Whether any item of the chain has detection-item (field-name) conditions; without, every leaf passes. */
  readonly itemConds: boolean;
  readonly fieldConds: boolean;
}
const CHAINS = new WeakMap<ProcessingItem, Chain>();
function chainOf(item: ProcessingItem, parent: Chain | undefined): Chain {
  const hit = CHAINS.get(item);
  if (hit !== undefined && hit.parent === parent) return hit;
  const items = parent ? [...parent.items, item] : [item];
  const ids = items.map((p) => p.id);
  const chain: Chain = {
    parent,
    items,
    ids,
    idSet: new Set(ids),
    itemConds: items.some((p) => p.detectionItemConditions.expr.kind !== 'true'),
    fieldConds: items.some((p) => p.fieldNameConditions.expr.kind !== 'true'),
  };
  CHAINS.set(item, chain);
  return chain;
}

/** Every item of the chain accepts the leaf by its detection-item conditions. */
function itemOk(ch: Chain, leaf: DetectionItem, cx: CondContext): boolean {
  if (!ch.itemConds) return true;
  for (let i = 0; i < ch.items.length; i++) if (!itemSetHolds(ch.items[i]!.detectionItemConditions, leaf, cx)) return false;
  return true;
}

/** Every item of the chain accepts the field by its field-name conditions (`leaf` undefined for the rule's `fields`). */
function fieldOk(ch: Chain, field: string | null, leaf: DetectionItem | undefined, cx: CondContext): boolean {
  if (!ch.fieldConds) return true;
  for (let i = 0; i < ch.items.length; i++) if (!fieldSetHolds(ch.items[i]!.fieldNameConditions, field, leaf, cx)) return false;
  return true;
}

/** Field-name conditions first: usually cheap include_fields lookups that rule out most leaves. */
function leafOk(ch: Chain, leaf: DetectionItem, cx: CondContext): boolean {
  return fieldOk(ch, leaf.field, leaf, cx) && itemOk(ch, leaf, cx);
}

/** a ∪ b ∪ extra, without intermediate arrays (this runs for every leaf a pipeline rewrites); never mutated after. */
function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined, extra: Chain | undefined): ReadonlySet<string> {
  if ((a === undefined || a.size === 0) && (b === undefined || b.size === 0)) return extra === undefined ? EMPTY : extra.idSet;
  const out = new Set(a);
  if (b !== undefined) for (const x of b) out.add(x);
  if (extra !== undefined) for (const x of extra.ids) out.add(x);
  return out;
}

/** Mutable bookkeeping of one run (one document); never escapes the call. */
class Run {
  readonly state: Record<string, unknown> = {};
  readonly applied: string[] = [];
  readonly appliedSet = new Set<string>();
  // Maps, not WeakMaps: a run is short-lived, and WeakMaps are costly to create and collect per rule.
  readonly itemApplied = new Map<DetectionItem, ReadonlySet<string>>();
  readonly fieldApplied = new Map<DetectionItem, ReadonlySet<string>>();
  readonly diagnostics: Diagnostic[] = [];
  readonly cx: CondContext;
  /** Whether any item of the run reads per-leaf tracking; without one, derive records nothing. */
  readonly tracking: boolean;

  private varsCache: Readonly<Record<string, unknown>> | undefined;

  constructor(
    private readonly pipelines: readonly Pipeline[],
    private readonly ctx: PipelineContext,
    private readonly doc: Doc,
    referenced?: readonly (SigmaRule | CorrelationRule)[],
  ) {
    this.tracking = pipelines.some(readsLeafTracking);
    this.cx = {
      state: this.state,
      applied: this.appliedSet,
      itemApplied: (i) => this.itemApplied.get(i) ?? EMPTY,
      fieldApplied: (i) => this.fieldApplied.get(i) ?? EMPTY,
      ...(referenced ? { referenced } : {}),
    };
  }

  /** The document's key for diagnostics (computed when a diagnostic needs it). */
  get ruleKey(): string {
    return documentKey(this.doc);
  }

  /** Placeholder variables, merged only when a placeholder transformation needs them. */
  get vars(): Readonly<Record<string, unknown>> {
    return (this.varsCache ??= mergedVars(this.pipelines, this.ctx));
  }

  mark(id: string): void {
    if (!this.appliedSet.has(id)) {
      this.appliedSet.add(id);
      this.applied.push(id);
    }
  }

  markChain(ch: Chain): void {
    for (let i = 0; i < ch.ids.length; i++) this.mark(ch.ids[i]!);
  }

  /** Carries tracking from an item to what replaced it. */
  derive(from: DetectionItem, to: DetectionElement, ch: Chain, fieldChanged: boolean): void {
    if (!this.tracking) return;
    if (to.kind === 'group') {
      for (let i = 0; i < to.items.length; i++) this.derive(from, to.items[i]!, ch, fieldChanged);
      return;
    }
    this.itemApplied.set(to, union(this.itemApplied.get(from), this.itemApplied.get(to), ch));
    this.fieldApplied.set(to, union(this.fieldApplied.get(from), this.fieldApplied.get(to), fieldChanged ? ch : undefined));
  }

  error(code: DiagnosticCode, message: string, loc: SourceLocation, hint?: string): void {
    const at = this.located(loc, message);
    this.diagnostics.push(diagnostic(code, at.message, at.loc, { rule: this.ruleKey, ...(hint !== undefined ? { hint } : {}) }));
  }
  warn(code: DiagnosticCode, message: string, loc: SourceLocation): void {
    const at = this.located(loc, message);
    this.diagnostics.push(diagnostic(code, at.message, at.loc, { rule: this.ruleKey, severity: 'warning' }));
  }

  /**
   * Built-in pipelines have no source lines (line 0): a problem one of them has with a rule is then put at the
   * rule, naming the pipeline, so each rule's problem stays its own located line instead of one merged line.
   */
  private located(loc: SourceLocation, message: string): { loc: SourceLocation; message: string } {
    return loc.line > 0 ? { loc, message } : { loc: this.doc.loc, message: `${message} (pipeline ${loc.file})` };
  }
}

/**
 * Whether a pipeline reads what derive records: item or field-name `processing_item_applied` conditions, or
 * `strict_field_mapping_failure`. Built-in pipelines mostly do not; then a run skips two map entries and a set for
 * every leaf a transformation rewrites. Computed once per (immutable) pipeline.
 */
const READS_LEAF_TRACKING = new WeakMap<Pipeline, boolean>();
function readsLeafTracking(p: Pipeline): boolean {
  let reads = READS_LEAF_TRACKING.get(p);
  if (reads === undefined) {
    reads = p.items.some(itemReadsLeafTracking);
    READS_LEAF_TRACKING.set(p, reads);
  }
  return reads;
}
function itemReadsLeafTracking(item: ProcessingItem): boolean {
  const t = item.transformation;
  return (
    t.type === 'strict_field_mapping_failure' ||
    (t.type === 'nest' && t.items.some(itemReadsLeafTracking)) ||
    item.detectionItemConditions.conditions.some((c) => c.type === 'processing_item_applied') ||
    item.fieldNameConditions.conditions.some((c) => c.type === 'processing_item_applied')
  );
}

/** Variables visible to placeholders: all pipelines' vars (later wins) plus backend, output_format, backend_<option>. */
function mergedVars(pipelines: readonly Pipeline[], ctx: PipelineContext): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const p of pipelines) Object.assign(vars, p.vars);
  vars.backend = ctx.backend;
  if (ctx.format !== undefined) vars.output_format = ctx.format;
  for (const [k, v] of Object.entries(ctx.options ?? {})) vars[`backend_${k}`] = v;
  return vars;
}

function run<D extends Doc>(doc: D, pipelines: readonly Pipeline[], ctx: PipelineContext, referenced?: readonly Doc[]): PipelineResult<D> {
  // Without pipelines (the Splunk and Sumo defaults) there is nothing to track: the same result without a run.
  if (pipelines.length === 0) return { document: doc, state: {}, diagnostics: [], applied: [] };
  const r = new Run(pipelines, ctx, doc, referenced);
  let current: Doc = doc;
  for (const p of pipelines) {
    if (p.allowedBackends.length > 0 && !p.allowedBackends.includes(ctx.backend)) {
      r.error('pipeline/not-allowed', `pipeline ${p.name} is only for ${p.allowedBackends.join(', ')}, not ${ctx.backend}; it was not applied`, p.loc);
      continue;
    }
    // Rules: skip the items whose required logsource the rule does not have without evaluating anything else
    // (most items of a backend pipeline are guarded by a logsource). Recomputed if an item changes the logsource.
    // The mask is a table of the next item that can apply from each position, so the loop jumps over the others.
    let next: Int32Array | undefined;
    let maskFor: Logsource | undefined;
    const n = p.items.length;
    for (let i = 0; i < n; i++) {
      if (current.kind === 'rule') {
        if (maskFor !== current.logsource) {
          maskFor = current.logsource;
          next = logsourceMask(p, maskFor);
        }
        i = next![i]!;
        if (i >= n) break;
      }
      const item = p.items[i] as ProcessingItem;
      try {
        current = applyItem(item, current, r, undefined);
      } catch (e) {
        // Defensive: a bug in one transformation must not crash the conversion of every rule.
        r.error('pipeline/invalid', `internal error in processing item ${item.id}: ${(e as Error).message}`, item.loc);
      }
    }
  }
  return { document: current as D, state: { ...r.state }, diagnostics: r.diagnostics, applied: [...r.applied] };
}

/** Field sets an item requires of a leaf's field (AND-ed plain include_fields conditions); computed once per item. */
const REQUIRED_FIELDS = new WeakMap<ProcessingItem, readonly ReadonlySet<string>[]>();
function requiredFields(item: ProcessingItem): readonly ReadonlySet<string>[] {
  let req = REQUIRED_FIELDS.get(item);
  if (!req) {
    const out: ReadonlySet<string>[] = [];
    const { conditions } = item.fieldNameConditions;
    const visit = (e: CondExpr) => {
      if (e.kind === 'and') e.operands.forEach(visit);
      else if (e.kind === 'cond') {
        const c = conditions[e.index];
        if (c?.type === 'include_fields' && c.mode === 'plain') out.push(new Set(c.fields));
      }
    };
    visit(item.fieldNameConditions.expr);
    req = out;
    REQUIRED_FIELDS.set(item, req);
  }
  return req;
}

function hasAny(set: ReadonlySet<string>, xs: readonly string[]): boolean {
  for (let i = 0; i < xs.length; i++) if (set.has(xs[i]!)) return true;
  return false;
}

/**
 * Items limited to some fields (include_fields) skip rules that use none of them without walking their leaves: no
 * leaf could pass the chain's field-name conditions, so nothing would change and no leaf error would be reported.
 */
function chainMayMatchFields(ch: Chain, rule: SigmaRule): boolean {
  for (let i = 0; i < ch.items.length; i++) if (!mayMatchFields(ch.items[i]!, rule)) return false;
  return true;
}

/** False when no leaf of the rule can pass the item's required include_fields (so no leaf can be transformed). */
function mayMatchFields(item: ProcessingItem, rule: SigmaRule): boolean {
  const req = requiredFields(item);
  if (req.length === 0) return true;
  for (const f of ruleFields(rule.detections)) if (req.every((set) => set.has(f))) return true;
  return false;
}

/** Logsource specs an item requires (conjuncts of its rule conditions); computed once per item. */
const REQUIRED = new WeakMap<ProcessingItem, readonly LogsourceSpec[]>();
function requiredLogsources(item: ProcessingItem): readonly LogsourceSpec[] {
  let req = REQUIRED.get(item);
  if (!req) {
    const out: LogsourceSpec[] = [];
    const { conditions } = item.ruleConditions;
    const visit = (e: CondExpr) => {
      if (e.kind === 'and') e.operands.forEach(visit);
      else if (e.kind === 'cond') {
        const c = conditions[e.index];
        if (c?.type === 'logsource') out.push(c);
      }
    };
    visit(item.ruleConditions.expr);
    req = out;
    REQUIRED.set(item, req);
  }
  return req;
}

/**
 * Per pipeline and rule logsource (category/product/service), which items can apply: for each position i (and
 * i = items.length), the first position >= i whose item can apply, or items.length.
 */
const MASKS = new WeakMap<Pipeline, Map<string, Int32Array>>();
/** The same, by logsource object: the same rules are converted again and again (watch mode, several backends). */
const MASKS_BY_OBJECT = new WeakMap<Pipeline, WeakMap<Logsource, Int32Array>>();
function logsourceMask(p: Pipeline, ls: Logsource): Int32Array {
  let byObject = MASKS_BY_OBJECT.get(p);
  if (!byObject) {
    byObject = new WeakMap();
    MASKS_BY_OBJECT.set(p, byObject);
  }
  let m = byObject.get(ls);
  if (!m) {
    m = logsourceMaskByKey(p, ls);
    byObject.set(ls, m);
  }
  return m;
}
function logsourceMaskByKey(p: Pipeline, ls: Logsource): Int32Array {
  let byKey = MASKS.get(p);
  if (!byKey) {
    byKey = new Map();
    MASKS.set(p, byKey);
  }
  const key = `${ls.category ?? '\u0000'}\u0001${ls.product ?? '\u0000'}\u0001${ls.service ?? '\u0000'}`;
  let mask = byKey.get(key);
  if (!mask) {
    const n = p.items.length;
    mask = new Int32Array(n + 1);
    mask[n] = n;
    for (let i = n - 1; i >= 0; i--) mask[i] = requiredLogsources(p.items[i]!).every((spec) => logsourceMatches(ls, spec)) ? i : mask[i + 1]!;
    // Keys come from rule logsources; bound the cache for long-running processes fed arbitrary rules.
    if (byKey.size > 4096) byKey.clear();
    byKey.set(key, mask);
  }
  return mask;
}

export function applyPipelines(rule: SigmaRule, pipelines: readonly Pipeline[], ctx: PipelineContext): PipelineResult<SigmaRule> {
  return run(rule, pipelines, ctx);
}

/**
 * `referenced`: the documents the correlation references (as the collection resolved them). A `logsource` rule
 * condition holds for a correlation when it holds for every referenced rule (pySigma: any; see conditions.ts), so
 * a logsource-guarded field mapping also renames the group-by, alias and condition fields of a correlation over
 * rules of that logsource. Without `referenced` such conditions never hold for a correlation.
 */
export function applyPipelinesToCorrelation(
  c: CorrelationRule,
  pipelines: readonly Pipeline[],
  ctx: PipelineContext,
  referenced?: readonly (SigmaRule | CorrelationRule)[],
): PipelineResult<CorrelationRule> {
  return run(c, pipelines, ctx, referenced);
}

// ---- one processing item ----

function applyItem(item: ProcessingItem, doc: Doc, r: Run, parent: Chain | undefined): Doc {
  if (!ruleSetHolds(item.ruleConditions, doc, r.cx)) return doc;
  // pySigma records an item as applied to the rule once its rule conditions hold, whatever it changes.
  r.mark(item.id);
  const ch = chainOf(item, parent);
  const t = item.transformation;
  const cx = r.cx;

  /** Applies a per-leaf function to the rule's detections; marks the item applied when anything changed. */
  const onLeaves = (f: (leaf: DetectionItem) => DetectionElement | null, fieldChanged = false, relevant?: (leaf: DetectionItem) => boolean): Doc => {
    if (doc.kind !== 'rule') return doc;
    if (!chainMayMatchFields(ch, doc)) return doc;
    const { detections, removed } = mapDetections(doc.detections, (leaf) => {
      // `relevant`: a cheap test that the transformation could change the leaf at all (conditions are pure).
      if ((relevant && !relevant(leaf)) || !leafOk(ch, leaf, cx)) return leaf;
      const out = f(leaf);
      if (out !== leaf && out !== null) r.derive(leaf, out, ch, fieldChanged);
      return out;
    });
    if (detections === doc.detections) return doc;
    r.markChain(ch);
    return dropFromConditions(ruleWith(doc, { detections }), removed, item, r);
  };

  switch (t.type) {
    case 'field_name_mapping':
    case 'field_name_prefix_mapping':
    case 'field_name_prefix':
    case 'field_name_suffix':
      return mapFieldNames(t, doc, item, r, ch);
    case 'add_field':
    case 'remove_field':
    case 'set_field': {
      if (doc.kind !== 'rule') return doc;
      let fields: readonly string[];
      if (t.type === 'set_field') fields = t.fields;
      else if (t.type === 'add_field') fields = [...new Set([...doc.fields, ...t.fields])];
      else fields = doc.fields.filter((f) => !t.fields.includes(f));
      if (fields.length === doc.fields.length && fields.every((f, i) => f === doc.fields[i])) return doc;
      r.markChain(ch);
      return ruleWith(doc, { fields });
    }
    case 'drop_detection_item':
      return onLeaves(() => null);
    case 'add_condition':
      return addCondition(t, doc, item, r, ch);
    case 'change_logsource': {
      if (doc.kind !== 'rule') return doc;
      r.markChain(ch);
      return ruleWith(doc, {
        // The parser's shape (every key present): see parseLogsource.
        logsource: { category: t.category, product: t.product, service: t.service, definition: undefined, custom: {}, loc: item.loc },
      });
    }
    case 'replace_string':
      return onLeaves((leaf) => mapItemValues(leaf, (v) => (v.kind === 'string' ? replaceString(v, t) : v)));
    case 'map_string':
      return onLeaves((leaf) => mapItemValues(leaf, (v) => (v.kind === 'string' ? mapString(v, t, item.loc) : v)));
    case 'set_value':
      return onLeaves((leaf) => {
        const value = setValueOf(t, item.loc);
        return itemWith(leaf, leaf.field, [value]);
      });
    case 'convert_type':
      return onLeaves((leaf) =>
        mapItemValues(leaf, (v) => {
          const c = convertType(v, t.targetType);
          if ('error' in c) {
            r.error('pipeline/invalid', `${c.error} (processing item ${item.id})`, v.loc);
            return v;
          }
          return c;
        }),
      );
    case 'case':
      return onLeaves((leaf) => mapItemValues(leaf, (v) => (v.kind === 'string' ? caseString(v, t.method) : v)));
    case 'regex':
      return onLeaves((leaf) =>
        mapItemValues(leaf, (v) => {
          if (v.kind !== 'string') return v;
          const x = stringToRegex(v, t.method);
          if ('error' in x) {
            r.error('pipeline/placeholder-unresolved', x.error, v.loc);
            return v;
          }
          return x;
        }),
      );
    case 'hashes_fields': {
      // Most rules have no hash field: skip the walk over their leaves (`relevant` would refuse every one).
      if (doc.kind !== 'rule' || !hasAny(ruleFields(doc.detections), t.fieldToParse)) return doc;
      return onLeaves((leaf) => hashesFields(t, leaf, item, r), true, (leaf) => leaf.field !== null && t.fieldToParse.includes(leaf.field));
    }
    case 'extract_fields':
      return onLeaves((leaf) => extractFields(t, leaf, item, r), true);
    case 'value_placeholders':
      return onLeaves((leaf) =>
        mapItemValues(leaf, (v) => resolveValuePlaceholders(v, t, r.vars, (msg, loc) => r.error('pipeline/unknown-variable', msg, loc))),
      );
    case 'wildcard_placeholders':
      return onLeaves((leaf) => mapItemValues(leaf, (v) => wildcardPlaceholders(v, t)));
    case 'query_expression_placeholders':
      return onLeaves((leaf) =>
        mapItemValues(leaf, (v) => {
          const q = queryExpressionPlaceholder(v, t);
          if ('error' in q) {
            r.error(q.code ?? 'pipeline/placeholder-unresolved', q.error, v.loc);
            return v;
          }
          return q.kind === 'query-expression' ? { ...q, loc: v.loc } : q;
        }),
      );
    case 'set_state':
      r.state[t.key] = t.val;
      r.markChain(ch);
      return doc;
    case 'set_custom_attribute': {
      r.markChain(ch);
      const custom = { ...doc.custom, [t.attribute]: t.value };
      return doc.kind === 'rule' ? ruleWith(doc, { custom }) : { ...doc, custom };
    }
    case 'rule_failure':
      r.error('pipeline/rule-failure', t.message, doc.loc, `raised by processing item ${item.id}`);
      r.markChain(ch);
      return doc;
    case 'detection_item_failure': {
      if (doc.kind !== 'rule' || !chainMayMatchFields(ch, doc)) return doc;
      let hit = false;
      for (const d of doc.detections) {
        mapDetections([d], (leaf) => {
          if (leafOk(ch, leaf, cx)) {
            hit = true;
            r.error('pipeline/detection-item-failure', t.message, leaf.loc, `raised by processing item ${item.id}`);
          }
          return leaf;
        });
      }
      if (hit) r.markChain(ch);
      return doc;
    }
    case 'strict_field_mapping_failure': {
      if (doc.kind !== 'rule' || !chainMayMatchFields(ch, doc)) return doc;
      for (const d of doc.detections) {
        mapDetections([d], (leaf) => {
          if (leaf.field !== null && leafOk(ch, leaf, cx) && (r.fieldApplied.get(leaf) ?? EMPTY).size === 0) {
            const message = t.message
              ? renderTemplate(t.message, { field: leaf.field, rule: r.ruleKey, state: r.state })
              : `field ${leaf.field} has no mapping in the pipeline`;
            r.error('pipeline/unmapped-field', message, leaf.loc, `raised by processing item ${item.id}`);
            r.markChain(ch);
          }
          return leaf;
        });
      }
      return doc;
    }
    case 'nest': {
      let d = doc;
      for (const child of t.items) d = applyItem(child, d, r, ch);
      return d;
    }
  }
}

// ---- field names ----

/**
 * A field_name_mapping's table as a Map, made once per transformation: the lookup runs for every leaf of every rule
 * an item applies to, and a keyed read of a large plain object with ever-changing keys is several times slower.
 */
const MAPPING_INDEX = new WeakMap<object, ReadonlyMap<string, readonly string[]>>();
function mappingIndex(mapping: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, readonly string[]> {
  let index = MAPPING_INDEX.get(mapping);
  if (!index) {
    index = new Map(Object.entries(mapping));
    MAPPING_INDEX.set(mapping, index);
  }
  return index;
}

function targetsOf(t: T<'field_name_mapping' | 'field_name_prefix_mapping' | 'field_name_prefix' | 'field_name_suffix'>, field: string): readonly string[] | undefined {
  switch (t.type) {
    case 'field_name_mapping':
      return mappingIndex(t.mapping).get(field);
    case 'field_name_prefix_mapping':
      for (const [prefix, targets] of mappingIndex(t.mapping)) {
        if (field.startsWith(prefix)) return targets.map((x) => x + field.slice(prefix.length));
      }
      return undefined;
    case 'field_name_prefix':
      return [t.prefix + field];
    case 'field_name_suffix':
      return [field + t.suffix];
  }
}

function mapFieldNames(
  t: T<'field_name_mapping' | 'field_name_prefix_mapping' | 'field_name_prefix' | 'field_name_suffix'>,
  doc: Doc,
  item: ProcessingItem,
  r: Run,
  ch: Chain,
): Doc {
  const cx = r.cx;
  let changed = false;
  /** A single target for places where one field must stay one field (fieldref, correlation). */
  const single = (field: string, loc: SourceLocation, where: string): string => {
    if (!fieldOk(ch, field, undefined, cx)) return field;
    const ts = targetsOf(t, field);
    if (!ts) return field;
    if (ts.length > 1) {
      r.error('pipeline/invalid', `${where}: field ${field} maps to several fields (${ts.join(', ')}) in processing item ${item.id}; only a 1:1 mapping can be used here`, loc);
      return field;
    }
    const to = ts[0] ?? field;
    if (to !== field) changed = true;
    return to;
  };

  if (doc.kind === 'correlation') {
    const cloc = doc.fieldLocs['correlation'] ?? doc.loc;
    const groupBy = doc.groupBy.map((g) => single(g, cloc, 'group-by'));
    const aliases = doc.aliases.map((a) => {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(a.fields)) fields[k] = single(v, a.loc, `alias ${a.name}`);
      return { ...a, fields };
    });
    const condition = doc.condition.kind === 'threshold' ? { ...doc.condition, fields: doc.condition.fields.map((f) => single(f, doc.condition.loc, 'condition field')) } : doc.condition;
    if (!changed) return doc;
    r.markChain(ch);
    return { ...doc, groupBy, aliases, condition };
  }

  // Detection items.
  const { detections, removed } = mapDetections(doc.detections, (leaf) => {
    if (!itemOk(ch, leaf, cx)) return leaf;
    // Field references are rare: without one there is nothing to map (and `single` has no effect to run).
    const values = hasFieldref(leaf.values) ? leaf.values.map((v): DetectionValue => mapFieldrefs(v, (f, loc) => single(f, loc, 'fieldref'))) : leaf.values;
    const valuesChanged = values !== leaf.values && values.some((v, i) => v !== leaf.values[i]);
    let targets: readonly string[] | undefined;
    let keyword = false;
    if (leaf.field === null) {
      if (t.type === 'field_name_mapping' && t.keyword && fieldOk(ch, null, leaf, cx)) {
        targets = t.keyword;
        keyword = true;
      }
    } else if (fieldOk(ch, leaf.field, leaf, cx)) targets = targetsOf(t, leaf.field);
    if (!targets && !valuesChanged) return leaf;
    const base: DetectionItem = valuesChanged ? itemWith(leaf, leaf.field, values) : leaf;
    let out: DetectionElement;
    if (!targets) out = base;
    else {
      const copy = (field: string): DetectionItem =>
        itemWith(base, field, keyword ? base.values.map((v) => (v.kind === 'expansion' ? { ...v, values: v.values.map(keywordToContains) } : keywordToContains(v))) : base.values);
      if (targets.length === 1) out = copy(targets[0]!);
      else {
        // not(a or b) = not a and not b: a negated item's copies are AND-ed.
        const group: DetectionGroup = { kind: 'group', link: leaf.negated ? 'and' : 'or', items: targets.map(copy), loc: item.loc };
        out = group;
      }
    }
    r.derive(leaf, out, ch, targets !== undefined);
    return out;
  });
  if (detections !== doc.detections) changed = true;

  // The rule's `fields` list: 1:n keeps every target.
  const fields: string[] = [];
  for (const f of doc.fields) {
    const ts = fieldOk(ch, f, undefined, cx) ? targetsOf(t, f) : undefined;
    if (ts && !(ts.length === 1 && ts[0] === f)) changed = true;
    for (const x of ts ?? [f]) if (!fields.includes(x)) fields.push(x);
  }
  if (!changed) return doc;
  r.markChain(ch);
  return dropFromConditions(ruleWith(doc, { detections, fields }), removed, item, r);
}

function hasFieldref(values: readonly DetectionValue[]): boolean {
  for (const v of values) {
    if (v.kind === 'fieldref') return true;
    if (v.kind === 'expansion') for (const s of v.values) if (s.kind === 'fieldref') return true;
  }
  return false;
}

function mapFieldrefs(v: DetectionValue, f: (field: string, loc: SourceLocation) => string): DetectionValue {
  const one = (s: ScalarValue): ScalarValue => {
    if (s.kind !== 'fieldref') return s;
    const to = f(s.field, s.loc);
    // Key by key, in the parser's order (see itemWith).
    return to === s.field ? s : { kind: 'fieldref', field: to, match: s.match, cased: s.cased, loc: s.loc };
  };
  if (v.kind === 'expansion') {
    const values = v.values.map(one);
    return values.every((x, i) => x === v.values[i]) ? v : { ...v, values };
  }
  return one(v);
}

// ---- hashes ----

function hashesFields(t: T<'hashes_fields'>, leaf: DetectionItem, item: ProcessingItem, r: Run): DetectionElement {
  if (leaf.field === null || !t.fieldToParse.includes(leaf.field)) return leaf;
  const values = leaf.values.flatMap((v) => (v.kind === 'expansion' ? v.values : [v]));
  if (!values.every((v): v is StringValue => v.kind === 'string')) return leaf;
  const byField = splitHashes(values, t);
  if (byField.size === 0) {
    r.error('pipeline/detection-item-failure', `no valid hash in ${leaf.field}: use one of ${t.validHashAlgos.join(', ')} (ALGO=hash) or a bare MD5/SHA1/SHA256/SHA512 hash`, leaf.loc, `raised by processing item ${item.id}`);
    return leaf;
  }
  const items: DetectionItem[] = [...byField].map(([field, vals]) => ({
    kind: 'item',
    field,
    modifiers: leaf.modifiers.filter((m) => m !== 'contains' && m !== 'startswith' && m !== 'endswith'),
    values: vals,
    link: leaf.link,
    negated: leaf.negated,
    loc: leaf.loc,
  }));
  if (items.length === 1) return items[0]!;
  // Values of different algorithms are alternatives (OR), or all required under |all; negation flips (De Morgan).
  const orLink = leaf.link === 'or' ? 'or' : 'and';
  const link = leaf.negated ? (orLink === 'or' ? 'and' : 'or') : orLink;
  return { kind: 'group', link, items, loc: item.loc };
}

// ---- extract_fields ----

/**
 * Each matching value becomes an AND of `prefix+group = part` items; the item's values stay alternatives (OR, or
 * AND under `|all`), and a negated item is rewritten by De Morgan (negated leaves, both links flipped). An item
 * with no matching value is left alone. In an item with matches, the values the regex does not match stay on the
 * field with preserve_unmatched, else they are dropped with a located warning.
 */
function extractFields(t: T<'extract_fields'>, leaf: DetectionItem, item: ProcessingItem, r: Run): DetectionElement {
  const flip = (l: 'and' | 'or'): 'and' | 'or' => (leaf.negated ? (l === 'and' ? 'or' : 'and') : l);
  const modifiers = leaf.modifiers.filter((m) => m === 'cased');
  const operands: DetectionElement[] = [];
  const unmatched: DetectionValue[] = [];
  let matched = false;
  for (const v of leaf.values) {
    const parts = v.kind === 'string' ? extractFieldParts(v, t) : undefined;
    if (!parts || parts.size === 0 || v.kind !== 'string') {
      unmatched.push(v);
      continue;
    }
    matched = true;
    const items: DetectionItem[] = [...parts].map(([g, p]) => ({
      kind: 'item',
      field: t.fieldPrefix + g,
      modifiers,
      values: [{ kind: 'string', parts: p, cased: v.cased, loc: v.loc }],
      link: 'or',
      negated: leaf.negated,
      loc: leaf.loc,
    }));
    operands.push(items.length === 1 ? items[0]! : { kind: 'group', link: flip('and'), items, loc: item.loc });
  }
  if (!matched) return leaf;
  if (unmatched.length > 0 && t.preserveUnmatched) operands.push(itemWith(leaf, leaf.field, unmatched));
  else {
    for (const v of unmatched) {
      r.warn('pipeline/detection-item-failure', `extract_fields (processing item ${item.id}): value does not match the regex and was dropped; set preserve_unmatched: true to keep it`, v.loc);
    }
  }
  if (operands.length === 1) return operands[0]!;
  return { kind: 'group', link: flip(leaf.link === 'and' ? 'and' : 'or'), items: operands, loc: item.loc };
}

// ---- conditions ----

/** Rewrites conditions after detections vanished (drop_detection_item); see removeFromCondition. */
function dropFromConditions(doc: SigmaRule, removed: readonly string[], item: ProcessingItem, r: Run): SigmaRule {
  if (removed.length === 0) return doc;
  const gone = new Set(removed);
  const conditions: Condition[] = [];
  for (const c of doc.conditions) {
    const root = removeFromCondition(c.root, gone);
    if (root === null) {
      r.error(
        'pipeline/rule-failure',
        `processing item ${item.id} removed every detection the condition '${c.text}' uses (${removed.join(', ')}); the rule would match every event`,
        item.loc,
      );
      conditions.push(c);
      continue;
    }
    conditions.push(root === c.root ? c : { ...c, root, text: conditionText(root) });
  }
  return ruleWith(doc, { conditions });
}

/** The detection and guard add_condition adds, with template warnings; built once per item and logsource. */
interface AddedCondition {
  readonly detection: Detection;
  readonly guard: ConditionNode;
  readonly warnings: readonly string[];
}
const ADDED = new WeakMap<ProcessingItem, Map<string, AddedCondition>>();

function addedCondition(t: T<'add_condition'>, ls: Logsource, item: ProcessingItem): AddedCondition {
  const key = t.template ? `${ls.category ?? '\u0000'}\u0001${ls.product ?? '\u0000'}\u0001${ls.service ?? '\u0000'}` : '';
  let byKey = ADDED.get(item);
  if (!byKey) {
    byKey = new Map();
    ADDED.set(item, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  const loc = item.loc;
  const warnings: string[] = [];
  const subst = (s: string): string =>
    !t.template
      ? s
      : s.replace(/\$(?:\{(category|product|service)\}|(category|product|service)\b)/g, (m, a: string | undefined, b: string | undefined) => {
          const k = (a ?? b) as 'category' | 'product' | 'service';
          const v = ls[k];
          if (v === undefined) {
            warnings.push(`add_condition template: the rule has no logsource ${k}; ${m} left as written`);
            return m;
          }
          return v;
        });
  const items: DetectionItem[] = [];
  for (const c of t.conditions) {
    const [field = '', ...mods] = c.key.split('|');
    const modifiers = mods.filter((m) => ADD_CONDITION_MODIFIERS.includes(m)) as ModifierName[];
    const has = (m: string) => mods.includes(m);
    const values: ScalarValue[] = c.values.map((v): ScalarValue => {
      if (has('exists')) return { kind: 'exists', exists: v === true || v === 'true', loc };
      if (v === null) return { kind: 'null', loc };
      if (typeof v === 'boolean') return { kind: 'boolean', value: v, loc };
      if (typeof v === 'number' && !has('contains') && !has('startswith') && !has('endswith') && !has('re')) return { kind: 'number', value: v, loc };
      const s = subst(String(v));
      if (has('re')) return { kind: 'regex', pattern: s, flags: { ignoreCase: false, multiline: false, dotAll: false }, placeholders: [], loc };
      let parts = sigmaParts(s);
      if (has('contains') || has('endswith')) parts = [{ kind: 'wildcard-multi' }, ...parts];
      if (has('contains') || has('startswith')) parts = [...parts, { kind: 'wildcard-multi' }];
      return { kind: 'string', parts, cased: has('cased'), loc };
    });
    items.push({ kind: 'item', field: field === '' ? null : field, modifiers, values, link: has('all') ? 'and' : 'or', negated: has('neq'), loc });
  }
  const detection: Detection = { kind: 'detection', name: t.name, body: { kind: 'group', link: 'and', items, loc }, loc };
  const ref: ConditionNode = { kind: 'identifier', name: t.name, loc };
  const guard: ConditionNode = t.negated ? { kind: 'not', operand: ref, loc } : ref;
  const built: AddedCondition = { detection, guard, warnings };
  // Bounded for long-running processes fed arbitrary logsources.
  if (byKey.size > 1024) byKey.clear();
  byKey.set(key, built);
  return built;
}

/** add_condition: the detection is shared by every rule it is added to (the IR is immutable). */
function addCondition(t: T<'add_condition'>, doc: Doc, item: ProcessingItem, r: Run, ch: Chain): Doc {
  if (doc.kind !== 'rule') return doc;
  if (doc.detections.some((d) => d.name === t.name)) {
    r.error('pipeline/invalid', `add_condition: the rule already has a detection named ${t.name}; set another name`, item.loc);
    return doc;
  }
  const loc = item.loc;
  const { detection, guard, warnings } = addedCondition(t, doc.logsource, item);
  for (const w of warnings) r.warn('pipeline/unknown-variable', w, loc);
  const conditions = doc.conditions.map((c): Condition => {
    const root: ConditionNode = { kind: 'and', operands: [guard, c.root], loc };
    return { ...c, root, text: `${t.negated ? 'not ' : ''}${t.name} and (${c.text})` };
  });
  r.markChain(ch);
  return ruleWith(doc, { detections: [...doc.detections, detection], conditions });
}
