import type { Detection, DetectionElement, DetectionGroup, DetectionItem, ModifierName } from '../ir/detection.js';
import type { DetectionValue, ExpansionValue } from '../ir/values.js';
import type { YEntry, YMap, YNode, YScalar } from '../yaml/nodes.js';
import type { DocContext, Span } from './context.js';
import { MODIFIER_BY_NAME, MODIFIER_NAMES, OTHER_CHAIN, applyModifiers, checkChain, openEndsOnly, plainStringValue, readsWrittenText, type ModifierProblem } from './modifiers.js';
import { scalarOffsetMapper } from './scalar-offsets.js';
import { suggest } from './suggest.js';
import { exact } from './exact.js';
import { isOneLiteral } from './sigma-string.js';
import { partsLength } from './windash.js';

/** Splits `field|mod1|mod2`; reports unknown modifiers at their own column. Undefined when a modifier is bad. */
function parseKey(ctx: DocContext, key: YScalar): { field: string | null; mods: ModifierName[] } | undefined {
  const text = key.text;
  // Most keys of a modifier-free item: nothing to split or locate.
  let bar = text.indexOf('|');
  if (bar < 0) return { field: text === '' ? null : text, mods: [] };
  const field = text.slice(0, bar);
  const mods: ModifierName[] = [];
  let ok = true;
  // Where each modifier is in the source is worked out only for one that is reported.
  let toOffset: ((index: number) => number) | undefined;
  // Piece by piece from the bars, no split: the chain keeps each modifier's constant name (MODIFIER_BY_NAME).
  for (;;) {
    const at = bar + 1;
    const next = text.indexOf('|', at);
    const m = text.slice(at, next < 0 ? text.length : next);
    const name = MODIFIER_BY_NAME.get(m);
    if (name !== undefined) mods.push(name);
    else {
      toOffset ??= scalarOffsetMapper(ctx.index.text, key);
      const start = toOffset(at);
      const span: Span = { start, end: Math.max(start + 1, toOffset(at + m.length - 1) + 1) };
      ok = false;
      if (m === 'not' || m === '!' || m === 'ne' || m === 'notequal') {
        ctx.error('modifier/not-a-modifier', `'${m}' is not a Sigma modifier`, span, "use 'neq' to negate this item (field|neq: value), or 'not' in the condition (selection and not filter)");
      } else if (MODIFIER_NAMES.has(m.toLowerCase())) {
        ctx.error('modifier/unknown', `unknown modifier '${m}'`, span, `modifiers are lower-case: '${m.toLowerCase()}'`);
      } else {
        const s = suggest(m, MODIFIER_NAMES);
        ctx.error('modifier/unknown', m === '' ? `empty modifier in '${text}'` : `unknown modifier '${m}'`, span, s ? `did you mean '${s}'?` : undefined);
      }
    }
    if (next < 0) break;
    bar = next;
  }
  if (!ok) return undefined;
  // One modifier (most chains): a list of one, not push's list with its spare slots copied.
  return { field: field === '' ? null : field, mods: mods.length === 1 ? [mods[0] as ModifierName] : exact(mods) };
}

function report(ctx: DocContext, p: ModifierProblem, where: Span, value?: YScalar): void {
  let message = p.message;
  if (value && value.valueStart >= 0) {
    const pos = ctx.index.position(value.start);
    message += ` (value at line ${pos.line}, column ${pos.column})`;
  }
  if (p.severity === 'warning') ctx.warn(p.code, p.message, value ?? where, p.hint);
  else ctx.error(p.code, message, where, p.hint);
}

/** Flattens nested sequences of scalars (pySigma: `[[a, b], c]` → a, b, c); maps inside are reported. */
function scalarsOf(ctx: DocContext, node: YNode, out: YScalar[], depth = 0): boolean {
  if (node.kind === 'scalar') {
    out.push(node);
    return true;
  }
  if (node.kind === 'map' || depth > 16) {
    ctx.error('detection/nested-map', 'a value list cannot contain a mapping', node, 'put field maps directly under the search identifier, one list item per map');
    return false;
  }
  let ok = true;
  const items = node.items;
  for (let i = 0; i < items.length; i++) ok = scalarsOf(ctx, items[i] as YNode, out, depth + 1) && ok;
  return ok;
}

/** Characters over an expansion's variants (a non-string variant counts as one). */
function expansionChars(v: ExpansionValue): number {
  let n = 0;
  for (const x of v.values) n += x.kind === 'string' ? partsLength(x.parts) : 1;
  return n;
}

/** Keyword (unbound) searches can only look for text, numbers or regular expressions. */
function keywordValueOk(v: DetectionValue): boolean {
  if (v.kind === 'expansion') return v.values.every(keywordValueOk);
  return v.kind === 'string' || v.kind === 'number' || v.kind === 'regex';
}

/** The values list of a single-value item before its value: never written to (the value is held apart). */
const NO_VALUES: DetectionValue[] = [];

/** One `field|mods: value(s)` entry, or a keyword item (null field). */
export function buildItem(ctx: DocContext, keySpan: Span, field: string | null, mods: readonly ModifierName[], valueNode: YNode): DetectionItem | undefined {
  const keyLoc = ctx.loc(keySpan);
  const keyword = field === null;
  let scalars: YScalar[];
  if (valueNode.kind === 'map') {
    ctx.error(
      'detection/nested-map',
      `the value of '${field ?? '(keywords)'}' is a mapping; field values must be scalars or lists of scalars`,
      valueNode,
      'nested field maps are not Sigma: use a dotted field name (parent.child) or separate search identifiers',
    );
    return undefined;
  }
  if (valueNode.kind === 'seq') {
    if (valueNode.items.length === 0) {
      ctx.error('detection/empty-list', `'${field ?? '(keywords)'}' has an empty value list, which matches nothing`, valueNode, "write 'null' to test for a missing value, or remove the entry");
      return undefined;
    }
    scalars = [];
    if (!scalarsOf(ctx, valueNode, scalars)) return undefined;
    if (scalars.length > 1) {
      for (let i = 0; i < scalars.length; i++) {
        const s = scalars[i] as YScalar;
        if (s.value === null && s.valueStart >= 0 && !mods.includes('exists')) {
          ctx.warn('detection/null-in-list', 'null inside a value list is not allowed by the Sigma specification (kept as "or the field is null")', s, 'move the null test into its own search identifier');
        } else if (s.value === null && s.valueStart < 0) {
          ctx.warn('detection/null-in-list', 'empty list entry (null) inside a value list', s, 'remove the empty "-" line, or write null in its own search identifier');
        }
      }
    }
  } else {
    scalars = [valueNode];
  }

  let failed = false;
  const problems = checkChain(mods, keyword);
  for (let i = 0; i < problems.length; i++) {
    report(ctx, problems[i] as ModifierProblem, keySpan);
    failed = true;
  }
  if (failed) return undefined;

  // Indexed loops, a set made only for a second problem: this runs per item, mostly unoptimized, where iterators and
  // the objects they return cost most.
  // A single value (most items) is held on its own and listed at the end: no list grown by push, then copied.
  const single = scalars.length === 1;
  let only: DetectionValue | undefined;
  const values: DetectionValue[] = single ? NO_VALUES : [];
  let reported: Set<string> | undefined;
  const writtenText = readsWrittenText(mods);
  const chain = openEndsOnly(mods);
  for (let i = 0; i < scalars.length; i++) {
    const s = scalars[i] as YScalar;
    if (keyword && (typeof s.value === 'boolean' || s.value === null) && mods.length === 0) {
      ctx.error('detection/invalid-value', `a keyword search value must be a string or a number, not ${s.value === null ? 'null' : 'a boolean'}`, s, 'bind it to a field: field: value');
      failed = true;
      continue;
    }
    if (chain !== OTHER_CHAIN && typeof s.value === 'string' && isOneLiteral(s.value)) {
      // Most values: a literal under none or one of contains/startswith/endswith, built directly (no problem, no
      // warning, no expansion, and a string is a valid keyword value).
      const v = plainStringValue(s.value, chain, ctx.loc(s));
      if (single) only = v;
      else values.push(v);
      continue;
    }
    const r = applyModifiers(mods, s.value, ctx.loc(s), writtenText);
    for (let j = 0; j < r.warnings.length; j++) report(ctx, r.warnings[j] as ModifierProblem, keySpan, s);
    if (r.problem) {
      reported ??= new Set<string>();
      if (!reported.has(r.problem.message)) {
        reported.add(r.problem.message);
        report(ctx, r.problem, keySpan, s);
      }
      failed = true;
      continue;
    }
    if (r.value) {
      if (r.value.kind === 'expansion') {
        ctx.variantBudget -= r.value.values.length;
        if (ctx.variantBudget < 0) {
          ctx.error('detection/too-many-variants', 'this document expands to more than 250,000 value variants (windash, base64offset)', keySpan);
          return undefined;
        }
        ctx.expansionCharBudget -= expansionChars(r.value);
        if (ctx.expansionCharBudget < 0) {
          ctx.error('detection/expansion-too-large', "this document's expanded values (windash, base64offset) come to more than 4,000,000 characters", keySpan, 'shorten the values, or drop windash for some flags');
          return undefined;
        }
      }
      if (keyword && !keywordValueOk(r.value)) {
        ctx.error('detection/invalid-value', `a keyword search cannot test ${r.value.kind === 'expansion' ? 'this expansion' : `a ${r.value.kind} value`}`, keySpan, 'bind it to a field: field|modifiers: value');
        failed = true;
        continue;
      }
      if (single) only = r.value;
      else values.push(r.value);
    }
  }
  if (failed) return undefined;
  const link = mods.includes('all') ? 'and' : 'or';
  if (link === 'and' && scalars.length === 1 && valueNode.kind === 'scalar') {
    ctx.warn('modifier/all-single-value', "'all' on a single value has no effect (the specification forbids it)", keySpan, "remove '|all'");
  }
  return { kind: 'item', field, modifiers: mods, values: only !== undefined ? [only] : exact(values), link, negated: mods.includes('neq'), loc: keyLoc };
}

function buildMapGroup(ctx: DocContext, map: YMap): DetectionGroup | undefined {
  if (map.entries.length === 0) {
    ctx.error('detection/empty', 'empty field map: it would match everything', map);
    return undefined;
  }
  if (map.entries.length === 1) {
    // One field (most maps): its item listed directly, no list grown by push and copied.
    const e = map.entries[0] as YEntry;
    const key = parseKey(ctx, e.key);
    const item = key && buildItem(ctx, e.key, key.field, key.mods, e.value);
    return item ? { kind: 'group', link: 'and', items: [item], loc: ctx.loc(map) } : undefined;
  }
  const items: DetectionElement[] = [];
  let ok = true;
  for (let i = 0; i < map.entries.length; i++) {
    const e = map.entries[i] as YEntry;
    const key = parseKey(ctx, e.key);
    if (!key) {
      ok = false;
      continue;
    }
    const item = buildItem(ctx, e.key, key.field, key.mods, e.value);
    if (item) items.push(item);
    else ok = false;
  }
  if (!ok) return undefined;
  return { kind: 'group', link: 'and', items: exact(items), loc: ctx.loc(map) };
}

/** The body of one search identifier (also an enrichment case's `detection`, see enrichment/parse.ts). */
export function buildBody(ctx: DocContext, name: string, node: YNode): DetectionGroup | undefined {
  if (node.kind === 'map') return buildMapGroup(ctx, node);
  if (node.kind === 'scalar') {
    if (node.value === null) {
      ctx.error('detection/empty', `search identifier '${name}' is empty`, node, 'give it a field map (field: value) or a list of keywords');
      return undefined;
    }
    const item = buildItem(ctx, node, null, [], node);
    return item ? { kind: 'group', link: 'and', items: [item], loc: ctx.loc(node) } : undefined;
  }
  if (node.items.length === 0) {
    ctx.error('detection/empty', `search identifier '${name}' is an empty list`, node);
    return undefined;
  }
  const elements: DetectionElement[] = [];
  const keywords: YScalar[] = [];
  let ok = true;
  const collect = (items: readonly YNode[], depth: number) => {
    for (let i = 0; i < items.length; i++) {
      const it = items[i] as YNode;
      if (it.kind === 'map') {
        const g = buildMapGroup(ctx, it);
        if (g) elements.push(g);
        else ok = false;
      } else if (it.kind === 'scalar') keywords.push(it);
      else if (depth < 16) collect(it.items, depth + 1);
      else {
        ctx.error('detection/nested-map', 'lists nested too deeply', it);
        ok = false;
      }
    }
  };
  collect(node.items, 0);
  if (keywords.length > 0) {
    const first = keywords[0] as YScalar;
    const kwSeq = { kind: 'seq' as const, start: first.start, end: (keywords[keywords.length - 1] as YScalar).end, items: keywords, flow: false, size: keywords.length + 1, height: 1 };
    const item = buildItem(ctx, node, null, [], keywords.length === 1 ? first : kwSeq);
    if (item) elements.push(item);
    else ok = false;
  }
  if (!ok) return undefined;
  return { kind: 'group', link: 'or', items: exact(elements), loc: ctx.loc(node) };
}

/** Search identifiers of a detection (or filter) map; `reserved` keys (condition, rules...) are skipped. */
export function buildDetections(ctx: DocContext, map: YMap, reserved: ReadonlySet<string>): { detections: Detection[]; ok: boolean } {
  const detections: Detection[] = [];
  let ok = true;
  for (let i = 0; i < map.entries.length; i++) {
    const e = map.entries[i] as YEntry;
    if (reserved.has(e.key.text)) continue;
    if (e.key.text === 'timeframe') {
      ctx.error('condition/pipe-aggregation', "'timeframe' belongs to the Sigma 1 aggregation syntax, which Sigma 2 removed", e.key, 'use a correlation rule with a timespan');
      ok = false;
      continue;
    }
    const body = buildBody(ctx, e.key.text, e.value);
    if (!body) {
      ok = false;
      continue;
    }
    detections.push({ kind: 'detection', name: e.key.text, body, loc: ctx.loc(e.key) });
  }
  return { detections: exact(detections), ok };
}

