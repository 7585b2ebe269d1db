// Helpers that write pipelines in pySigma's YAML shape (as plain objects for pipelineFromObject).
// The mappings themselves are data in the sibling files.

/** State keys the KQL backend reads (documented in the README; user pipelines may set them too). */
export const STATE = {
  /** Table (or ASIM parser) the query reads. */
  table: 'query_table',
  /** KQL boolean expression applied before anything else (e.g. the Sysmon source and event id). */
  prefilter: 'query_prefilter',
  /** Column holding Windows event XML (Event.EventData): fields that are not columns are parsed out of it. */
  eventDataXml: 'event_data_xml',
  /** Column holding event data as dynamic (WindowsEvent.EventData): fields that are not columns are read from it. */
  eventDataDynamic: 'event_data_dynamic',
  /** Which fields the event data holds ('sysmon'): others are unmapped-field errors. Absent: any name. */
  eventDataFields: 'event_data_fields',
  /** Set by every built-in pipeline except microsoft_xdr, so the default XDR pipeline stands aside. */
  override: 'kql_source_override',
} as const;

export interface CategoryMapping {
  /** Sigma logsource category (one or several). */
  readonly categories: readonly string[];
  readonly product?: string;
  readonly table: string;
  /** Sigma field → column(s) (several = OR). */
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
  /** Conditions added to every rule of these categories, e.g. an EventID or an ActionType. */
  readonly conditions?: Readonly<Record<string, string | number | readonly (string | number)[]>>;
  /** Sigma fields whose detection items are dropped (the table choice already says it, e.g. EventID). */
  readonly drop?: readonly string[];
  /** Extra pipeline state for these categories (query_prefilter, event_data_xml). */
  readonly state?: Readonly<Record<string, string>>;
}

type Obj = Record<string, unknown>;

export function logsource(category: string, product?: string): Obj {
  return { type: 'logsource', category, ...(product ? { product } : {}) };
}

/** Items for one category mapping, each guarded by `guard` rule conditions (may be empty). */
export function categoryItems(prefix: string, m: CategoryMapping, guard: readonly Obj[]): Obj[] {
  const items: Obj[] = [];
  for (const category of m.categories) {
    const when = { rule_conditions: [logsource(category, m.product), ...guard] };
    const id = `${prefix}_${category}`;
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
    if (m.conditions) {
      items.push({ id: `${id}_conditions`, type: 'add_condition', conditions: m.conditions, ...when });
    }
    items.push({ id: `${id}_fields`, type: 'field_name_mapping', mapping: m.fields, ...when });
  }
  return items;
}

/** Sysmon hive prefixes → the root-key names Defender and ASIM write. */
const HIVES: readonly [string, string][] = [
  ['HKLM', 'HKEY_LOCAL_MACHINE'],
  ['HKU', 'HKEY_USERS'],
  ['HKCU', 'HKEY_CURRENT_USER'],
  ['HKCR', 'HKEY_CLASSES_ROOT'],
];

/** replace_string items that expand Sysmon hive abbreviations in TargetObject values. */
export function hiveItems(prefix: string, guard: readonly Obj[]): Obj[] {
  return HIVES.map(([short, long]) => ({
    id: `${prefix}_registry_hive_${short.toLowerCase()}`,
    type: 'replace_string',
    regex: `^${short}\\b`,
    replacement: long,
    // Literal parts only: the hive is at the start of the value's text, and wildcards stay untouched.
    skip_special: true,
    field_name_conditions: [{ type: 'include_fields', fields: ['TargetObject'] }],
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
