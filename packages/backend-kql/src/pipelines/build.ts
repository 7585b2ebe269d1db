// Helpers that write pipelines in pySigma's YAML shape (as plain objects for pipelineFromObject).
// The mappings themselves are data in the sibling files.
import { kqlString } from '../literals.js';
import type { TableSchema } from '../tables/types.js';

/** State keys the KQL backend reads (documented in the README; user pipelines may set them too). */
export const STATE = {
  /** Table (or ASIM parser) the query reads. */
  table: 'query_table',
  /**
   * The schema of the table query_table names, when the backend has none (a TableSchema: name, columns, timeColumn,
   * computed, …): `@sigmats/backend-kql/web`'s pipeline brings imWebSession's this way.
   */
  tableSchema: 'query_table_schema',
  /** KQL boolean expression applied before anything else (e.g. the Sysmon source and event id). */
  prefilter: 'query_prefilter',
  /** Column holding Windows event XML (Event.EventData): fields that are not columns are parsed out of it. */
  eventDataXml: 'event_data_xml',
  /** Column holding event data as dynamic (WindowsEvent.EventData): fields that are not columns are read from it. */
  eventDataDynamic: 'event_data_dynamic',
  /**
   * Where the named Data elements are in the XML column once parsed: `DataItem.EventData.Data` (the Event table, the
   * default) or `EventData.Data` (SecurityEvent).
   */
  eventDataXmlPath: 'event_data_xml_path',
  /**
   * Which fields the event data holds: 'sysmon' (Sysmon's names) or 'windows' (any name but a field of the event's
   * System header); others are unmapped-field errors. Absent: any name.
   */
  eventDataFields: 'event_data_fields',
  /**
   * The Windows channel the event data comes from: a field whose data name Windows writes with spaces there (core's
   * windowsDataName, Defender's `Threat Name`) is read by that name.
   */
  eventDataChannel: 'event_data_channel',
  /** Set by every built-in pipeline except microsoft_xdr, so the default XDR pipeline stands aside. */
  override: 'kql_source_override',
} as const;

/** Marks the source as chosen, so the default microsoft_xdr pipeline stands aside. Its pipelines run before it (priority 5). */
export const SOURCE_OVERRIDE = { id: 'kql_source_override', type: 'set_state', key: STATE.override, val: true } as const;

export interface CategoryMapping {
  /** Sigma logsource category (one or several). */
  readonly categories: readonly string[];
  readonly product?: string;
  readonly table: string;
  /** Sigma field → column(s) (several = OR). */
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
  /** Conditions added to every rule of these categories, e.g. an EventID or an ActionType. */
  readonly conditions?: Readonly<Record<string, string | number | readonly (string | number)[]>>;
  /** Conditions that must not hold (one negated add_condition), e.g. another category's event id. */
  readonly excluded?: Readonly<Record<string, string | number | readonly (string | number)[]>>;
  /** Sigma fields whose detection items are dropped (the table choice already says it, e.g. EventID). */
  readonly drop?: readonly string[];
  /** Extra pipeline state for these categories (query_prefilter, event_data_xml). */
  readonly state?: Readonly<Record<string, string>>;
  /**
   * Sigma fields the table cannot answer for these categories, with the reason (a located
   * `pipeline/detection-item-failure` on each use): e.g. a column Microsoft's parser leaves empty.
   */
  readonly unanswerable?: Readonly<Record<string, string>>;
  /** The table records no such events: every rule of these categories is refused with this reason. */
  readonly refuse?: string;
}

type Obj = Record<string, unknown>;

export function logsource(category: string, product?: string): Obj {
  return { type: 'logsource', category, ...(product ? { product } : {}) };
}

/**
 * Refuses a keyword of the rules `conditions` select (any of them), located at the keyword: a keyword item has no field
 * name, so `exclude_fields` holds for it and for no named field.
 */
export function keywordRefusal(id: string, message: string, conditions: readonly Obj[]): Obj {
  return {
    id,
    type: 'detection_item_failure',
    message,
    field_name_conditions: [{ type: 'exclude_fields', mode: 're', fields: ['.*'] }],
    rule_conditions: conditions,
    rule_cond_op: 'or',
  };
}

/** Gives the backend the schema of a table it has none of (STATE.tableSchema), for the rules `conditions` select (any of them). */
export function tableSchemaItem(id: string, schema: TableSchema, conditions: readonly Obj[]): Obj {
  return { id, type: 'set_state', key: STATE.tableSchema, val: schema, rule_conditions: conditions, rule_cond_op: 'or' };
}

/** Items for one category mapping, each guarded by `guard` rule conditions (may be empty). */
export function categoryItems(prefix: string, m: CategoryMapping, guard: readonly Obj[]): Obj[] {
  return m.categories.flatMap((category) => scopedItems(`${prefix}_${category}`, [logsource(category, m.product), ...guard], m));
}

/** A mapping for the rules of one Windows service (or other logsource service) rather than of categories. */
export type ServiceMapping = Omit<CategoryMapping, 'categories'>;

/** Items for the rules of `service` (and the mapping's product), as categoryItems gives them for a category. */
export function serviceItems(prefix: string, service: string, m: ServiceMapping): Obj[] {
  return scopedItems(`${prefix}_${service}`, [{ type: 'logsource', service, ...(m.product ? { product: m.product } : {}) }], m);
}

/** The items of a mapping for the rules `conditions` select, their ids starting with `id`. */
function scopedItems(id: string, conditions: readonly Obj[], m: ServiceMapping): Obj[] {
  const items: Obj[] = [];
  const when = { rule_conditions: conditions };
  if (m.refuse !== undefined) items.push({ id: `${id}_unrecorded`, type: 'rule_failure', message: m.refuse, ...when });
  for (const [field, message] of Object.entries(m.unanswerable ?? {})) {
    items.push({
      id: `${id}_unanswerable_${field.toLowerCase()}`,
      type: 'detection_item_failure',
      message,
      field_name_conditions: [{ type: 'include_fields', fields: [field] }],
      ...when,
    });
  }
  items.push({ id: `${id}_table`, type: 'set_state', key: STATE.table, val: m.table, ...when });
  for (const [key, val] of Object.entries(m.state ?? {})) {
    items.push({ id: `${id}_state_${key}`, type: 'set_state', key, val, ...when });
  }
  if (m.drop && m.drop.length > 0) {
    items.push({
      id: `${id}_drop`,
      type: 'drop_detection_item',
      field_name_conditions: [{ type: 'include_fields', fields: [...m.drop] }],
      ...when,
    });
  }
  // add_condition puts its condition first: the negated one goes in first so the positive scope reads first.
  if (m.excluded) {
    items.push({ id: `${id}_excluded`, type: 'add_condition', conditions: m.excluded, negated: true, ...when });
  }
  if (m.conditions) {
    items.push({ id: `${id}_conditions`, type: 'add_condition', conditions: m.conditions, ...when });
  }
  items.push({ id: `${id}_fields`, type: 'field_name_mapping', mapping: m.fields, ...when });
  return items;
}

/**
 * Keeps each rule of `category` off the rows of another system, in a table that holds Windows, Linux and macOS
 * devices' events alike and names no system, by `column`, a path: one that starts with "/" is a Linux or macOS path,
 * as Microsoft's Defender file parser tells them apart (`DvcOs = iff(FolderPath startswith "/", "Linux", "Windows")`,
 * ASimFileEventMicrosoft365D.yaml:89), and one with a backslash a Windows path. A Windows rule's query reads
 * `not(column startswith "/")` first, a Linux or macOS rule's `not(column contains @"\")` (the query's prefilter line;
 * assumption device-system-by-path); a row without a path stays in both.
 */
export function systemScopeItems(prefix: string, category: string, column: string, guard: readonly Obj[]): Obj[] {
  const posix = `not(${column} contains @"\\")`;
  return [
    ['windows', `not(${column} startswith "/")`],
    ['linux', posix],
    ['macos', posix],
  ].map(([product, val]) => ({
    id: `${prefix}_${category}_${product!}_rows`,
    type: 'set_state',
    key: STATE.prefilter,
    val,
    rule_conditions: [logsource(category, product), ...guard],
  }));
}

/** The KQL test that `column` is one of `values` (KQL literals): `== v` for one, `in (…)` for several. */
export function oneOf(column: string, values: readonly (number | string)[]): string {
  return values.length === 1 ? `${column} == ${values[0]}` : `${column} in (${values.join(', ')})`;
}

/** The KQL test that EventID is one of `ids` (a prefilter, or the filter before event XML is parsed). */
export const eventIdTest = (ids: readonly (number | string)[]): string => oneOf('EventID', ids);

/**
 * The rules of a Windows log's `channels` (and `eventIds`, a PowerShell category's) on a table that names the channel in
 * `channelColumn` and keeps the event data where `data` says (STATE.eventDataXml or STATE.eventDataDynamic): Event for
 * sentinel_windows, WindowsEvent for sentinel_sysmon_windowsevent. A data name is any name but the System header's.
 */
export function windowsLogMapping(
  table: string,
  channelColumn: string,
  data: Readonly<Record<string, string>>,
  channels: readonly string[],
  eventIds: readonly number[] | undefined,
  rest: Pick<ServiceMapping, 'fields' | 'unanswerable'>,
): ServiceMapping {
  const channel = oneOf(channelColumn, channels.map(kqlString));
  return {
    product: 'windows',
    table,
    state: {
      [STATE.prefilter]: eventIds ? `${channel} and ${eventIdTest(eventIds)}` : channel,
      ...data,
      [STATE.eventDataFields]: 'windows',
      // Windows' spaced data names (Defender's `Process Name`) are read as it writes them.
      ...(channels.length === 1 ? { [STATE.eventDataChannel]: channels[0]! } : {}),
    },
    ...rest,
  };
}

/** A hive expansion: Sysmon's key prefix → what the target writes. */
export type Hive = readonly [short: string, long: string];

/** replace_string items that expand Sysmon hive abbreviations at the start of registry key values (TargetObject, and NewName of renames). */
export function hiveItems(prefix: string, hives: readonly Hive[], guard: readonly Obj[]): Obj[] {
  return hives.map(([short, long]) => ({
    id: `${prefix}_registry_hive_${short.toLowerCase()}`,
    type: 'replace_string',
    regex: `^${short}\\b`,
    // pySigma's replacement syntax: a backslash is written doubled.
    replacement: long.replaceAll('\\', '\\\\'),
    // Literal parts only: the hive is at the start of the value's text, and wildcards stay untouched.
    skip_special: true,
    field_name_conditions: [{ type: 'include_fields', fields: ['TargetObject', 'NewName'] }],
    ...(guard.length > 0 ? { rule_conditions: guard } : {}),
  }));
}

/** The Sigma → column mapping a built-in pipeline applies to `category` rules read from `table`, if any. */
export function mappingFor(
  lists: readonly (readonly CategoryMapping[])[],
  table: string,
  category: string | undefined,
): CategoryMapping['fields'] | undefined {
  if (category === undefined) return undefined;
  for (const list of lists) {
    const m = list.find((x) => x.table === table && x.categories.includes(category));
    if (m) return m.fields;
  }
  return undefined;
}
