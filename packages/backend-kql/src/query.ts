import { diagnostic } from '@sigmats/core';
import type { BackendOptionValue, Expr, SigmaRule } from '@sigmats/core';
import { fail, groupOrByField, ok, renderExpr, type Result } from '@sigmats/text-query';
import type { KqlTarget } from './columns.js';
import { KQL_DIALECT } from './dialect.js';
import { kqlEnrichments } from './enrichments.js';
import { leaf } from './leaves.js';
import { IDENT, kqlColumn } from './literals.js';
import { orList } from './lists.js';
import { STATE } from './pipelines/build.js';
import { tableSchema } from './tables/index.js';
import { SYSMON_FIELDS } from './tables/sysmon.js';
import type { TableSchema } from './tables/types.js';

/** Where a rule's events come from, after pipelines: table, optional prefilter and XML column. */
export interface QuerySource {
  readonly table: string;
  readonly schema: TableSchema | undefined;
  readonly prefilter?: string;
  readonly eventDataXml?: string;
  readonly eventDataDynamic?: string;
  /** The field names the event data can hold, when known. */
  readonly eventDataFields?: ReadonlySet<string>;
}

// The backend asks for a rule's source three times (query, format, data sources) with the same rule, state and
// options objects: a pure memo keyed on those identities, invisible to callers.
const sourceMemo = new WeakMap<
  SigmaRule,
  { state: Readonly<Record<string, unknown>>; options: Readonly<Record<string, BackendOptionValue>>; result: Result<QuerySource> }
>();

/** The `table` option wins over the pipeline state (`query_table`). */
export function querySource(
  rule: SigmaRule,
  state: Readonly<Record<string, unknown>>,
  options: Readonly<Record<string, BackendOptionValue>>,
): Result<QuerySource> {
  const hit = sourceMemo.get(rule);
  if (hit && hit.state === state && hit.options === options) return hit.result;
  const result = computeSource(rule, state, options);
  sourceMemo.set(rule, { state, options, result });
  return result;
}

function computeSource(
  rule: SigmaRule,
  state: Readonly<Record<string, unknown>>,
  options: Readonly<Record<string, BackendOptionValue>>,
): Result<QuerySource> {
  const table = options.table ?? state[STATE.table];
  if (typeof table !== 'string' || table === '') {
    const ls = rule.logsource;
    const what = ['category', 'product', 'service'].flatMap((k) => {
      const v = ls[k as 'category' | 'product' | 'service'];
      return v ? [`${k}: ${v}`] : [];
    });
    return fail(
      diagnostic('backend/unsupported-feature', `no KQL table for logsource (${what.join(', ') || 'empty'})`, ls.loc, {
        hint: 'the pipelines in use do not cover this logsource; add one that sets query_table, or pass the table option',
      }),
    );
  }
  if (!IDENT.test(table)) {
    return fail(diagnostic('backend/invalid-option', `'${table}' is not a valid KQL table name`, rule.logsource.loc));
  }
  const prefilter = state[STATE.prefilter];
  const xml = state[STATE.eventDataXml];
  const dyn = state[STATE.eventDataDynamic];
  const known = state[STATE.eventDataFields] === 'sysmon' ? SYSMON_FIELDS : undefined;
  return ok({
    table,
    schema: tableSchema(table),
    ...(typeof prefilter === 'string' && prefilter !== '' ? { prefilter } : {}),
    ...(typeof xml === 'string' && xml !== '' ? { eventDataXml: xml } : {}),
    ...(typeof dyn === 'string' && dyn !== '' ? { eventDataDynamic: dyn } : {}),
    ...(known ? { eventDataFields: known } : {}),
  });
}

export function targetFor(source: QuerySource, rule?: SigmaRule): KqlTarget {
  const extracts = source.eventDataXml !== undefined || source.eventDataDynamic !== undefined;
  return {
    tableName: source.table,
    schema: source.schema,
    ...(extracts ? { extracted: new Set<string>() } : {}),
    ...(source.eventDataFields ? { extractable: source.eventDataFields } : {}),
    ...(source.schema?.computed ? { computedUsed: new Map<string, string>() } : {}),
    ...(rule?.logsource?.category !== undefined ? { sysmonShaped: true } : {}),
  };
}

/** The bag every extracted field is read from (one XML parse per event). */
const FIELDS_BAG = 'EventFields';

/** Lines that turn event XML into columns: one mv-apply into a bag, then one extend for the fields used. */
function extractionLines(xmlColumn: string, fields: readonly string[]): string[] {
  if (fields.length === 0) return [];
  return [
    `| mv-apply EventField = parse_xml(${xmlColumn}).DataItem.EventData.Data on (summarize ${FIELDS_BAG} = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))`,
    `| extend ${fields.map((f) => `${f} = tostring(${FIELDS_BAG}.${f})`).join(', ')}`,
  ];
}

/**
 * `Table\n| where …` for one lowered condition. With event XML, the fields the condition and the rule's
 * `fields:` use are extracted between the prefilter and the where.
 */
export function renderQuery(expr: Expr, rule: SigmaRule, source: QuerySource): Result<string> {
  const target = targetFor(source, rule);
  const where = renderExpr(groupOrByField(expr), KQL_DIALECT, { leaf, orList }, target);
  if (!where.ok) return where;
  // Rendered before the extraction lines: the fields the enrichments read are extracted too. Their warnings are
  // reported once, by the backend's enrichments hook.
  const enrichments = kqlEnrichments(rule, target);
  const lines = [source.table];
  if (source.prefilter) lines.push(`| where ${source.prefilter}`);
  if (target.extracted) {
    for (const f of rule.fields) {
      if (!source.schema?.columns[f] && IDENT.test(f) && (source.eventDataFields?.has(f) ?? true)) target.extracted.add(f);
    }
    const fields = [...target.extracted];
    if (source.eventDataXml) lines.push(...extractionLines(source.eventDataXml, fields));
    else if (source.eventDataDynamic && fields.length > 0) {
      lines.push(`| extend ${fields.map((f) => `${f} = tostring(${source.eventDataDynamic}.${f})`).join(', ')}`);
    }
  }
  if (target.computedUsed && target.computedUsed.size > 0) {
    lines.push(`| extend ${[...target.computedUsed].map(([f, e]) => `${kqlColumn(f)} = ${e}`).join(', ')}`);
  }
  lines.push(`| where ${where.value}`, ...enrichments.lines);
  return ok(lines.join('\n'), where.warnings);
}
