import type { Condition } from '../ir/condition.js';
import type { SigmaRule } from '../ir/rule.js';
import { sigmaRuleOf } from '../ir/rule-shape.js';
import { getEntry, type YEntry, type YMap, type YNode, type YScalar } from '../yaml/nodes.js';
import { parseConditionScalar } from './condition.js';
import type { DocContext } from './context.js';
import { buildDetections } from './detection.js';
import { RULE_KEYS, parseLogsource, parseMeta, strList } from './meta.js';
import { exact } from './exact.js';
import { trimTrailing } from '../strings.js';
import { parseEnrichments } from '../enrichment/parse.js';

const CONDITION_ONLY = new Set(['condition']);

/** Finds a `condition` key misplaced one level too deep (inside a search identifier) — the classic indentation slip. */
function findNestedCondition(det: YMap): YScalar | undefined {
  for (const e of det.entries) {
    if (e.value.kind === 'map') {
      const c = getEntry(e.value, 'condition');
      if (c) return c.key;
    }
  }
  return undefined;
}

/** The `condition` value: one string or a list of strings (several conditions). */
export function parseConditions(ctx: DocContext, node: YNode, names: readonly string[]): Condition[] | undefined {
  // One condition string (nearly every rule): listed directly, no list grown by push and copied.
  if (node.kind === 'scalar') {
    const c = oneCondition(ctx, node, names);
    return c === undefined ? undefined : [c];
  }
  const scalars: YScalar[] = [];
  if (node.kind === 'seq' && node.items.length > 0) {
    // Indexed loops: for-of allocates an iterator and a result per item in unoptimized code.
    for (let i = 0; i < node.items.length; i++) {
      const it = node.items[i] as YNode;
      if (it.kind !== 'scalar') {
        ctx.error('schema/type', 'each condition must be a string', it);
        return undefined;
      }
      scalars.push(it);
    }
  } else {
    ctx.error('schema/type', node.kind === 'seq' ? 'the condition list is empty' : 'the condition must be a string or a list of strings', node);
    return undefined;
  }
  const out: Condition[] = [];
  let ok = true;
  for (let i = 0; i < scalars.length; i++) {
    const c = oneCondition(ctx, scalars[i] as YScalar, names);
    if (c) out.push(c);
    else ok = false;
  }
  return ok ? exact(out) : undefined;
}

/** One condition string, or undefined after reporting why it is not one. */
function oneCondition(ctx: DocContext, s: YScalar, names: readonly string[]): Condition | undefined {
  if (s.value === null || (typeof s.value === 'string' && s.value.trim() === '')) {
    ctx.error('condition/syntax', 'the condition is empty', s, names.length ? `e.g. condition: ${names.length === 1 ? names[0] : `1 of ${names[0]}*`}` : undefined);
    return undefined;
  }
  if (typeof s.value !== 'string') {
    ctx.error('schema/type', `the condition must be a string, not ${typeof s.value}`, s);
    return undefined;
  }
  return parseConditionScalar(ctx, s, { names });
}

export function parseRule(ctx: DocContext, map: YMap): SigmaRule | undefined {
  const meta = parseMeta(ctx, map, RULE_KEYS);
  const lsEntry = getEntry(map, 'logsource');
  const logsource = parseLogsource(ctx, lsEntry?.value, meta.loc);
  const detEntry = getEntry(map, 'detection');
  if (!detEntry || detEntry.value.kind !== 'map') return undefined; // reported by the schema
  const det = detEntry.value;
  const { detections, ok } = buildDetections(ctx, det, CONDITION_ONLY);
  // One loop, not filter then map (two lists and a callback per entry).
  const names: string[] = [];
  for (let i = 0; i < det.entries.length; i++) {
    const k = (det.entries[i] as YEntry).key.text;
    if (k !== 'condition') names.push(k);
  }
  if (names.length === 0) {
    ctx.error('detection/no-identifiers', 'the detection section defines no search identifiers', detEntry.key, 'add e.g. selection: {field: value} and condition: selection');
  }
  const condEntry = getEntry(det, 'condition');
  let conditions: Condition[] | undefined;
  if (!condEntry) {
    const nested = findNestedCondition(det);
    const topLevel = getEntry(map, 'condition');
    let hint = names.length === 1 ? `add 'condition: ${names[0]}' under detection` : names.length > 1 ? `add e.g. 'condition: ${names.join(' and ')}' or 'condition: 1 of ${commonPrefix(names)}*' under detection` : undefined;
    let where = '';
    if (nested) {
      const p = ctx.index.position(nested.start);
      where = ` — there is a 'condition' at line ${p.line}, column ${p.column}, inside a search identifier, where it is read as a field name`;
      hint = 'dedent that condition line to the level of the search identifiers';
    } else if (topLevel) {
      const p = ctx.index.position(topLevel.key.start);
      where = ` — there is a top-level 'condition' at line ${p.line}, column ${p.column}`;
      hint = 'indent that condition line under detection, at the level of the search identifiers';
    }
    ctx.error('detection/missing-condition', `the detection section has no 'condition'${where}`, detEntry.key, hint);
  } else {
    conditions = parseConditions(ctx, condEntry.value, names);
  }
  const fields = strList(getEntry(map, 'fields')?.value);
  const enrichments = ok ? parseEnrichments(ctx, map, detections, fields) : undefined;
  if (!logsource || !ok || !conditions || names.length === 0) return undefined;
  return sigmaRuleOf(meta, {
    logsource,
    detections,
    conditions,
    fields,
    scope: strList(getEntry(map, 'scope')?.value),
    enrichments,
  });
}

function commonPrefix(names: readonly string[]): string {
  // Character by character: shortening the prefix until every name starts with it was quadratic in the names' length.
  let len = names[0]?.length ?? 0;
  for (const n of names) {
    let i = 0;
    while (i < len && i < n.length && n.charCodeAt(i) === names[0]!.charCodeAt(i)) i++;
    len = i;
  }
  return trimTrailing((names[0] ?? '').slice(0, len), '_-') || 'selection';
}
