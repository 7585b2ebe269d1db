import { diagnostic, impliedEventIds } from '@sigmats/core';
import type { BackendOptionValue, Expr, SigmaRule } from '@sigmats/core';
import { fail, groupOrByField, ok, renderExpr, type Result } from '@sigmats/text-query';
import { dataKeyRef, extractedRef, isNumeric, type FieldSet, type KqlTarget } from './columns.js';
import { KQL_DIALECT } from './dialect.js';
import { kqlEnrichments } from './enrichments.js';
import { leaf } from './leaves.js';
import { IDENT, kqlColumn } from './literals.js';
import { orList } from './lists.js';
import { eventIdTest, STATE } from './pipelines/build.js';
import { tableSchema } from './tables/index.js';
import { SYSMON_FIELDS } from './tables/sysmon.js';
import type { TableSchema } from './tables/types.js';

/** Where a rule's events come from, after pipelines: table, optional prefilter and XML column. */
export interface QuerySource {
  readonly table: string;
  readonly schema: TableSchema | undefined;
  readonly prefilter?: string;
  readonly eventDataXml?: string;
  /** Where eventDataXml's Data elements are once parsed (STATE.eventDataXmlPath). */
  readonly eventDataXmlPath?: string;
  readonly eventDataDynamic?: string;
  /** The field names the event data can hold, when known. */
  readonly eventDataFields?: FieldSet;
  /** The channel of the event data (STATE.eventDataChannel): Sigma's space-free names are read by the spaced ones. */
  readonly eventDataChannel?: string;
}

/** The Event table's EventData: `<DataItem …><EventData xmlns=…><Data Name="…">…` (Microsoft's Sysmon parsers). */
const EVENT_TABLE_DATA_PATH = 'DataItem.EventData.Data';

/**
 * The names Sigma gives the System header's fields in a flattened Windows event: a table has a column for them or
 * nothing, and they are never Data elements.
 */
export const WINDOWS_HEADER_FIELDS: ReadonlySet<string> = new Set([
  'Provider_Name', 'Provider_Guid', 'Provider_EventSourceName', 'EventID', 'EventID_Qualifiers', 'Version', 'Level', 'Task',
  'Opcode', 'Keywords', 'TimeCreated_SystemTime', 'EventRecordID', 'Correlation_ActivityID', 'Correlation_RelatedActivityID',
  'Execution_ProcessID', 'Execution_ThreadID', 'Channel', 'Computer', 'Security_UserID',
]);

/** A Windows event's Data can hold any name but the System header's. */
const WINDOWS_DATA_FIELDS: FieldSet = { has: (name) => !WINDOWS_HEADER_FIELDS.has(name) };

// The backend asks for a rule's source three times (query, format, data sources) with the same rule, state and
// options objects: a pure memo keyed on those identities, invisible to callers.
const sourceMemo = new WeakMap<
  SigmaRule,
  { state: Readonly<Record<string, unknown>>; options: Readonly<Record<string, BackendOptionValue>>; result: Result<QuerySource> }
>();

/** The schema of `table`: the one the pipelines gave for it (STATE.tableSchema), else the built-in one. */
export function schemaFor(table: string, state: Readonly<Record<string, unknown>>): TableSchema | undefined {
  const given = state[STATE.tableSchema] as TableSchema | undefined;
  return given?.name === table && given.columns ? given : tableSchema(table);
}

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
        hint: 'no pipeline in use covers this logsource; add one that sets query_table, or pass the table option',
      }),
    );
  }
  if (!IDENT.test(table)) {
    return fail(diagnostic('backend/invalid-option', `'${table}' is not a valid KQL table name`, rule.logsource.loc));
  }
  const prefilter = state[STATE.prefilter];
  const xml = state[STATE.eventDataXml];
  const dyn = state[STATE.eventDataDynamic];
  const path = state[STATE.eventDataXmlPath];
  const fields = state[STATE.eventDataFields];
  const channel = state[STATE.eventDataChannel];
  const known = fields === 'sysmon' ? SYSMON_FIELDS : fields === 'windows' ? WINDOWS_DATA_FIELDS : undefined;
  return ok({
    table,
    schema: schemaFor(table, state),
    ...(typeof prefilter === 'string' && prefilter !== '' ? { prefilter } : {}),
    ...(typeof xml === 'string' && xml !== ''
      ? { eventDataXml: xml, eventDataXmlPath: typeof path === 'string' && path !== '' ? path : EVENT_TABLE_DATA_PATH }
      : {}),
    ...(typeof dyn === 'string' && dyn !== '' ? { eventDataDynamic: dyn } : {}),
    ...(known ? { eventDataFields: known } : {}),
    ...(typeof channel === 'string' && channel !== '' ? { eventDataChannel: channel } : {}),
  });
}

/** The bag every extracted field is read from (one XML parse per event). */
const FIELDS_BAG = 'EventFields';

/** Where extracted fields are read from: `column`'s keys, named as Windows writes them in the source's channel. */
function dataOf(column: string, source: QuerySource): NonNullable<KqlTarget['dynamicData']> {
  return { column, ...(source.eventDataChannel !== undefined ? { channel: source.eventDataChannel } : {}) };
}

export function targetFor(source: QuerySource, rule?: SigmaRule): KqlTarget {
  const extracts = source.eventDataXml !== undefined || source.eventDataDynamic !== undefined;
  return {
    tableName: source.table,
    schema: source.schema,
    ...(extracts ? { extracted: new Set<string>() } : {}),
    ...(source.eventDataFields ? { extractable: source.eventDataFields } : {}),
    // Sysmon's names are read from its event data before any column of the same name (KqlTarget.dataFirst), and so
    // is any name but the header's from a dynamic column, whose table's other columns are the agent's (WindowsEvent's
    // Type and Provider).
    ...(source.eventDataFields === SYSMON_FIELDS || (source.eventDataDynamic !== undefined && source.eventDataFields === WINDOWS_DATA_FIELDS)
      ? { dataFirst: true }
      : {}),
    ...(source.schema?.computed ? { computedUsed: new Map<string, string>() } : {}),
    ...(rule?.logsource?.category !== undefined ? { sysmonShaped: true } : {}),
    ...(source.eventDataDynamic !== undefined ? { dynamicData: dataOf(source.eventDataDynamic, source) } : {}),
    ...(source.eventDataXml !== undefined ? { bag: dataOf(FIELDS_BAG, source) } : {}),
  };
}

/** The parsed Data elements, for an XML column whose events may have a single Data element. */
const DATA_ITEMS = 'EventDataItems';

/**
 * Lines that turn event XML into columns: one mv-apply into a bag, then one extend for the fields used. parse_xml
 * gives several `<Data>` elements as an array but a single one as a bag, which mv-apply would expand key by key
 * (`@Name`, then `#text`). Every Sysmon event type writes several Data elements, so Sysmon's are expanded as they
 * are; elsewhere (a Security event may write one) a lone element is put in an array first.
 */
function extractionLines(xmlColumn: string, path: string, fields: readonly string[], sysmon: boolean, bag: NonNullable<KqlTarget['bag']>): string[] {
  if (fields.length === 0) return [];
  const items = `parse_xml(${xmlColumn}).${path}`;
  const each = sysmon ? items : `iff(array_length(${DATA_ITEMS}) >= 0, ${DATA_ITEMS}, pack_array(${DATA_ITEMS}))`;
  return [
    ...(sysmon ? [] : [`| extend ${DATA_ITEMS} = ${items}`]),
    `| mv-apply EventField = ${each} on (summarize ${FIELDS_BAG} = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))`,
    `| extend ${fields.map((f) => `${f} = tostring(${dataKeyRef(bag, f)})`).join(', ')}`,
  ];
}

/** Whether KQL text names a column (not as part of a longer identifier). */
function mentions(text: string, column: string): boolean {
  for (let at = text.indexOf(column); at >= 0; at = text.indexOf(column, at + 1)) {
    const before = text[at - 1];
    const after = text[at + column.length];
    if (!(before && /\w/.test(before)) && !(after && /\w/.test(after))) return true;
  }
  return false;
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
      const column = source.schema?.columns[f] !== undefined || source.schema?.computed?.[f] !== undefined;
      if (!column && IDENT.test(f) && (source.eventDataFields?.has(f) ?? true)) target.extracted.add(f);
    }
    const fields = [...target.extracted];
    // Parsing every row's XML costs far more than a column test: the event ids the condition requires are tested
    // first, as Microsoft's parsers do (`| where EventID in (ParsedEventIds)` before `parse-kv EventData`). A source
    // with a prefilter (the Event table's Sysmon) is narrowed by it already.
    const idType = source.schema?.columns['EventID'];
    const ids = fields.length > 0 && !source.prefilter && idType !== undefined && isNumeric(idType) ? impliedEventIds(expr) : undefined;
    if (ids && ids.size > 0) lines.push(`| where ${eventIdTest([...ids])}`);
    if (source.eventDataXml) lines.push(...extractionLines(source.eventDataXml, source.eventDataXmlPath ?? EVENT_TABLE_DATA_PATH, fields, source.eventDataFields === SYSMON_FIELDS, target.bag!));
    else if (target.dynamicData && fields.length > 0) {
      const data = target.dynamicData;
      lines.push(`| extend ${fields.map((f) => `${extractedRef(target, f)} = tostring(${dataKeyRef(data, f)})`).join(', ')}`);
    }
  }
  // A computed field resolved but then read through another column (the basename shortcut on a computed path) is not
  // defined: only those the tests name are.
  const read = [where.value, ...enrichments.lines].join('\n');
  const computed = [...(target.computedUsed ?? [])].filter(([f]) => mentions(read, kqlColumn(f)));
  if (computed.length > 0) lines.push(`| extend ${computed.map(([f, e]) => `${kqlColumn(f)} = ${e}`).join(', ')}`);
  lines.push(`| where ${where.value}`, ...enrichments.lines);
  return ok(lines.join('\n'), where.warnings);
}
