import type { FilterRule, RuleReference } from '../ir/rule.js';
import { getEntry, type YMap } from '../yaml/nodes.js';
import { parseConditionScalar } from './condition.js';
import type { DocContext } from './context.js';
import { buildDetections } from './detection.js';
import { FILTER_KEYS, parseLogsource, parseMeta, str } from './meta.js';

const RESERVED = new Set(['condition', 'rules']);

export function parseFilter(ctx: DocContext, map: YMap): FilterRule | undefined {
  const meta = parseMeta(ctx, map, FILTER_KEYS);
  const logsource = parseLogsource(ctx, getEntry(map, 'logsource')?.value, meta.loc);
  const entry = getEntry(map, 'filter');
  if (!entry || entry.value.kind !== 'map') {
    if (entry) ctx.error('filter/invalid', "'filter' must be a mapping with rules, search identifiers and a condition", entry.value);
    return undefined;
  }
  const f = entry.value;
  let ok = true;
  const rulesEntry = getEntry(f, 'rules');
  let rules: 'any' | RuleReference[] | undefined;
  if (!rulesEntry) {
    ctx.error('filter/invalid', "the filter has no 'rules' (rule ids or names, or 'any')", entry.key, 'rules: any applies it to every rule with a matching logsource');
    ok = false;
  } else {
    const v = rulesEntry.value;
    if (v.kind === 'scalar' && typeof v.value === 'string') rules = v.value.toLowerCase() === 'any' ? 'any' : [{ ref: v.value, loc: ctx.loc(v) }];
    else if (v.kind === 'seq') {
      rules = [];
      for (const it of v.items) {
        const s = str(it);
        if (s === undefined) {
          ctx.error('filter/invalid', 'each rule reference must be an id or a name', it);
          ok = false;
        } else rules.push({ ref: s, loc: ctx.loc(it) });
      }
      if (rules.length === 0 && ok) rules = 'any';
    } else {
      ctx.error('filter/invalid', "'rules' must be a list of rule ids or names, or 'any'", v);
      ok = false;
    }
  }
  const { detections, ok: detOk } = buildDetections(ctx, f, RESERVED);
  if (!detOk) ok = false;
  const names = f.entries.filter((e) => !RESERVED.has(e.key.text)).map((e) => e.key.text);
  if (names.length === 0) {
    ctx.error('detection/no-identifiers', 'the filter defines no search identifiers', entry.key, "add e.g. selection: {User|startswith: 'adm_'} and condition: not selection");
    ok = false;
  }
  const condEntry = getEntry(f, 'condition');
  let condition;
  if (!condEntry) {
    ctx.error('detection/missing-condition', "the filter has no 'condition'", entry.key, names.length ? `add e.g. 'condition: not ${names[0]}' (the filter condition is AND-ed to the rule's)` : undefined);
    ok = false;
  } else if (condEntry.value.kind !== 'scalar' || typeof condEntry.value.value !== 'string') {
    ctx.error('filter/invalid', 'a filter condition must be a single string', condEntry.value);
    ok = false;
  } else {
    condition = parseConditionScalar(ctx, condEntry.value, { names });
    if (!condition) ok = false;
  }
  if (!ok || !logsource || !rules || !condition) return undefined;
  return { ...meta, kind: 'filter', logsource, rules, detections, condition };
}
