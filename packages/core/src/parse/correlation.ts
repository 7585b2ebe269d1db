import type { ConditionNode } from '../ir/condition.js';
import type { CorrelationAlias, CorrelationCondition, CorrelationOperator, CorrelationRule, CorrelationType, RuleReference, Timespan } from '../ir/rule.js';
import { getEntry, type YMap, type YNode, type YScalar } from '../yaml/nodes.js';
import { conditionIdentifiers, parseConditionScalar } from './condition.js';
import type { DocContext } from './context.js';
import { CORRELATION_KEYS, parseMeta, str } from './meta.js';
import { nullObject } from '../null-object.js';

const TYPES = new Set<CorrelationType>([
  'event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median',
]);
const OPERATORS = new Set<CorrelationOperator>(['gt', 'gte', 'lt', 'lte', 'eq', 'neq']);
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2629746, y: 31556952 };

export function parseTimespan(ctx: DocContext, node: YNode): Timespan | undefined {
  const text = node.kind === 'scalar' ? node.text.trim() : '';
  const m = /^(-?\d+)([smhdwMy])$/.exec(text);
  if (!m) {
    ctx.error('correlation/invalid-timespan', `timespan '${text}' is not <integer><unit> with unit s, m, h or d (e.g. 5m, 1h, 90s)`, node, "combine units by converting: '1h30m' is '90m'");
    return undefined;
  }
  const n = Number(m[1]);
  const unit = m[2] as string;
  if (n <= 0) {
    ctx.error('correlation/invalid-timespan', `timespan must be positive, not '${text}'`, node);
    return undefined;
  }
  if (unit === 'w' || unit === 'M' || unit === 'y') {
    ctx.warn('correlation/invalid-timespan', `timespan unit '${unit}' is a pySigma extension (Sigma 2.1 has s, m, h, d)`, node, unit === 'w' ? `write ${n * 7}d` : undefined);
  }
  return { text, seconds: n * (UNIT_SECONDS[unit] as number), loc: ctx.loc(node) };
}

function refs(ctx: DocContext, node: YNode | undefined): RuleReference[] | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string') return [{ ref: node.value, loc: ctx.loc(node) }];
  if (node.kind !== 'seq') return undefined;
  const out: RuleReference[] = [];
  for (const it of node.items) {
    const s = it.kind === 'scalar' && it.value !== null ? str(it) : undefined;
    if (s !== undefined) out.push({ ref: s, loc: ctx.loc(it) });
  }
  return out;
}

function stringList(node: YNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') return node.value === null ? [] : [node.text];
  if (node.kind === 'seq') return node.items.filter((i): i is YScalar => i.kind === 'scalar' && i.value !== null).map((i) => i.text);
  return [];
}

function thresholdCondition(ctx: DocContext, node: YMap, type: CorrelationType): CorrelationCondition | undefined {
  const predicates: { op: CorrelationOperator; value: number }[] = [];
  let fields: string[] = [];
  let percentile: number | undefined;
  let ok = true;
  for (const e of node.entries) {
    const k = e.key.text;
    if (OPERATORS.has(k as CorrelationOperator)) {
      const v = e.value.kind === 'scalar' ? e.value.value : undefined;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        ctx.error('correlation/invalid-condition', `'${k}' needs a number`, e.value);
        ok = false;
        continue;
      }
      predicates.push({ op: k as CorrelationOperator, value: v });
    } else if (k === 'field') {
      fields = stringList(e.value);
      if (fields.length === 0) {
        ctx.error('correlation/invalid-condition', "'field' must name a field (or a list of fields)", e.value);
        ok = false;
      }
    } else if (k === 'percentile') {
      const v = e.value.kind === 'scalar' ? e.value.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 99) {
        ctx.error('correlation/invalid-condition', "'percentile' must be an integer from 1 to 99", e.value);
        ok = false;
      } else percentile = v;
    } else {
      ctx.error('correlation/invalid-condition', `unknown condition key '${k}' (expected gt, gte, lt, lte, eq, neq, field, percentile)`, e.key);
      ok = false;
    }
  }
  if (predicates.length === 0 && ok) {
    ctx.error('correlation/invalid-condition', 'the condition needs a comparison: one or more of gt, gte, lt, lte, eq, neq', node);
    ok = false;
  }
  if (type.startsWith('value_') && fields.length === 0 && ok) {
    ctx.error('correlation/missing-field', `a ${type} correlation needs 'field' in its condition (the field whose values are aggregated)`, node);
    ok = false;
  }
  if (!ok) return undefined;
  return { kind: 'threshold', predicates, fields, ...(percentile !== undefined ? { percentile } : {}), loc: ctx.loc(node) };
}

function parseAliases(ctx: DocContext, node: YNode | undefined): CorrelationAlias[] | undefined {
  if (!node) return [];
  if (node.kind !== 'map') {
    ctx.error('correlation/invalid-alias', "'aliases' must map alias names to {rule: field} maps", node);
    return undefined;
  }
  const out: CorrelationAlias[] = [];
  for (const e of node.entries) {
    if (e.value.kind !== 'map' || e.value.entries.length === 0) {
      ctx.error('correlation/invalid-alias', `alias '${e.key.text}' must map rule names to field names`, e.value);
      return undefined;
    }
    const fields = nullObject<string>();
    for (const f of e.value.entries) {
      const v = str(f.value);
      if (v === undefined) {
        ctx.error('correlation/invalid-alias', `alias '${e.key.text}': the field for rule '${f.key.text}' must be a string`, f.value);
        return undefined;
      }
      fields[f.key.text] = v;
    }
    out.push({ name: e.key.text, fields, loc: ctx.loc(e.key) });
  }
  return out;
}

/** Rule references of an extended condition, in written order, each at its first occurrence. */
function identifierRefs(root: ConditionNode): RuleReference[] {
  const out: RuleReference[] = [];
  const seen = new Set<string>();
  const walk = (n: ConditionNode, depth: number): void => {
    if (depth > 200) return;
    if (n.kind === 'identifier') {
      if (!seen.has(n.name)) {
        seen.add(n.name);
        out.push({ ref: n.name, loc: n.loc });
      }
    } else if (n.kind === 'not') walk(n.operand, depth + 1);
    else if (n.kind === 'and' || n.kind === 'or') for (const o of n.operands) walk(o, depth + 1);
  };
  walk(root, 0);
  return out;
}

export function parseCorrelation(ctx: DocContext, map: YMap): CorrelationRule | undefined {
  const meta = parseMeta(ctx, map, CORRELATION_KEYS);
  const entry = getEntry(map, 'correlation');
  if (!entry || entry.value.kind !== 'map') {
    if (entry) ctx.error('schema/type', "'correlation' must be a mapping (type, rules, group-by, timespan, condition)", entry.value);
    return undefined;
  }
  const c = entry.value;
  const typeNode = getEntry(c, 'type')?.value;
  const typeText = str(typeNode);
  if (typeText === undefined || !TYPES.has(typeText as CorrelationType)) {
    ctx.error(
      'correlation/invalid-type',
      typeText === undefined ? "the correlation has no 'type'" : `unknown correlation type '${typeText}'`,
      typeNode ?? entry.key,
      `one of ${[...TYPES].join(', ')}`,
    );
    return undefined;
  }
  const type = typeText as CorrelationType;
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  let ok = true;

  const rulesNode = getEntry(c, 'rules')?.value;
  let rules = refs(ctx, rulesNode);
  if (rulesNode && (!rules || rules.length === 0)) {
    ctx.error('correlation/missing-field', "'rules' must list rule ids or names", rulesNode);
    ok = false;
  }

  const tsNode = getEntry(c, 'timespan')?.value;
  const timespan = tsNode ? parseTimespan(ctx, tsNode) : undefined;
  if (!tsNode) {
    ctx.error('correlation/missing-field', "the correlation has no 'timespan' (e.g. timespan: 5m)", entry.key);
    ok = false;
  }

  const gbEntry = getEntry(c, 'group-by');
  const groupBy = stringList(gbEntry?.value);
  if (!gbEntry) {
    ctx.warn('correlation/missing-field', "no 'group-by': events are correlated globally, not per user/host", entry.key, 'add group-by: [field, ...]');
  }

  const condEntry = getEntry(c, 'condition');
  let condition: CorrelationCondition | undefined;
  if (condEntry) {
    const v = condEntry.value;
    if (v.kind === 'map') condition = thresholdCondition(ctx, v, type);
    else if (v.kind === 'scalar' && typeof v.value === 'string') {
      if (!temporal) {
        ctx.error('correlation/invalid-condition', `a condition string (extended condition) is only allowed for temporal correlations, not ${type}`, v);
      } else {
        const parsed = parseConditionScalar(ctx, v, { names: undefined });
        if (parsed) {
          condition = { kind: 'extended', text: parsed.text, root: parsed.root, loc: parsed.loc };
          const ids = conditionIdentifiers(parsed.root);
          if (!rules) rules = identifierRefs(parsed.root);
          else {
            const listed = new Set(rules.map((r) => r.ref));
            const missing = [...ids].filter((i) => !listed.has(i));
            const unused = rules.filter((r) => !ids.has(r.ref));
            if (missing.length) ctx.error('correlation/invalid-condition', `the condition names ${missing.map((m) => `'${m}'`).join(', ')}, which 'rules' does not list`, v);
            for (const u of unused) ctx.error('correlation/invalid-condition', `rule '${u.ref}' is listed in 'rules' but not used in the condition`, u.loc);
          }
        }
      }
    } else {
      ctx.error('correlation/invalid-condition', 'the condition must be a mapping (gte: 10, ...) or, for temporal types, a condition string', v);
    }
    if (!condition) ok = false;
  } else if (temporal) {
    condition = { kind: 'threshold', predicates: [{ op: 'gte', value: rules?.length ?? 0 }], fields: [], loc: ctx.loc(entry.key) };
  } else {
    ctx.error('correlation/missing-field', `a ${type} correlation needs a 'condition' (e.g. condition: {gte: 10})`, entry.key);
    ok = false;
  }
  if (!rules) {
    ctx.error('correlation/missing-field', "the correlation has no 'rules' (the ids or names of the rules it correlates)", entry.key);
    ok = false;
  }

  const aliases = parseAliases(ctx, getEntry(c, 'aliases')?.value);
  if (!aliases) ok = false;

  const genInner = getEntry(c, 'generate')?.value;
  const genTop = getEntry(map, 'generate')?.value;
  let generate = false;
  for (const g of [genTop, genInner]) {
    if (!g) continue;
    if (g.kind === 'scalar' && typeof g.value === 'boolean') generate = g.value;
    else {
      ctx.error('schema/type', "'generate' must be true or false", g);
      ok = false;
    }
  }
  if (!ok || !timespan || !condition || !rules || !aliases) return undefined;
  return { ...meta, kind: 'correlation', type, rules, groupBy, timespan, condition, aliases, generate };
}
