import { diagnostic, windowsDataName } from '@sigmats/core';
import type { SourceLocation } from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';
import { IDENT, kqlColumn, kqlString } from './literals.js';
import type { KustoType, TableSchema } from './tables/types.js';

/** A set of field names, or a rule for them. */
export interface FieldSet {
  has(name: string): boolean;
}

/** What the renderer knows about the table a rule reads. One per converted condition; not shared. */
export interface KqlTarget {
  readonly tableName: string;
  /** Undefined for a table we have no schema for (a user's `table` option): no column checks then. */
  readonly schema: TableSchema | undefined;
  /**
   * Set when fields that are not table columns come out of an XML column (Sysmon in the Event table):
   * the renderer records each such field here and the query builder extracts it.
   */
  readonly extracted?: Set<string>;
  /** The names the event data can hold (Sysmon's), when known: other names are not extracted. */
  readonly extractable?: FieldSet;
  /**
   * A name extractable holds is read from the event data even where the table has a column of that name (Sysmon's
   * Type, Version or Description in the Event table are not its columns of those names).
   */
  readonly dataFirst?: boolean;
  /**
   * Computed fields the condition reads (name → expression): the query builder defines each once with `extend`,
   * and the condition reads it by name. Absent: computed expressions are written inline.
   */
  readonly computedUsed?: Map<string, string>;
  /**
   * The rule is written against Sysmon's event shape (it has a logsource category), so its values are in Sysmon's
   * formats and convert to the table's (decimal process ids to hexadecimal text). A service rule (`service:
   * security`) is written in the log's own formats: its values are compared as they are.
   */
  readonly sysmonShaped?: boolean;
  /**
   * The dynamic column extracted fields are read from (WindowsEvent's EventData), and the Windows channel whose spaced
   * data names apply (core's windowsDataName). A key the event lacks is null there, not empty: tests of presence and
   * of the empty string read the key itself.
   */
  readonly dynamicData?: { readonly column: string; readonly channel?: string };
  /**
   * The same for event XML (the Event and SecurityEvent tables): the bag its Data elements are parsed into, one key
   * per element, so an element the event lacks is null there too.
   */
  readonly bag?: { readonly column: string; readonly channel?: string };
}

export interface Column {
  /** The column as written in the query (or an expression such as strcat(...)). */
  readonly ref: string;
  readonly type: KustoType;
  /** The column's name in the table (for the basename and domain-split data). */
  readonly name: string;
  /** For a field read from a dynamic column: its key there (`EventData["Threat Name"]`), null when the event lacks it. */
  readonly data?: string;
}

/** The key of Sigma's `field` in a dynamic event data column: `EventData.Path`, `EventData["Threat Name"]`. */
export function dataKeyRef(data: NonNullable<KqlTarget['dynamicData']>, field: string): string {
  const name = data.channel === undefined ? field : windowsDataName(data.channel, field);
  return `${data.column}${IDENT.test(name) ? `.${name}` : `[${kqlString(name)}]`}`;
}

/**
 * The column an extracted field is read into: its name, or, from a dynamic column, `EventData_<name>` when the table
 * has a column of that name, which the query still reads (WindowsEvent's Provider is Sigma's Provider_Name).
 */
export function extractedRef(target: KqlTarget, field: string): string {
  return target.dynamicData && target.schema?.columns[field] ? `${target.dynamicData.column}_${field}` : field;
}

/** An extracted field's column: its name, and its key in the dynamic column or the XML's bag. */
function extractedColumn(field: string, target: KqlTarget): Result<Column> {
  target.extracted!.add(field);
  const data = target.dynamicData ?? target.bag;
  return ok({ ref: extractedRef(target, field), type: 'string', name: field, ...(data ? { data: dataKeyRef(data, field) } : {}) });
}

/** Resolve a field to a column of the target table, or a located error naming the field and the table. */
export function resolveColumn(field: string, loc: SourceLocation, target: KqlTarget): Result<Column> {
  const schema = target.schema;
  if (!schema) return ok({ ref: kqlColumn(field), type: 'string', name: field });
  // A field of the event data is read from it even when the table has a column of that name: Sysmon's Type (event
  // 25) is not the Event table's Type column ("Event"), nor its Version or Description.
  if (target.extracted && target.dataFirst && target.extractable?.has(field) && IDENT.test(field)) return extractedColumn(field, target);
  const type = schema.columns[field];
  if (type) return tableColumn(schema, field, type);
  const computed = schema.computed?.[field];
  if (computed) {
    const computedType = schema.computedTypes?.[field] ?? 'string';
    // Another name for a column is read as that column.
    if (!target.computedUsed || IDENT.test(computed)) return ok({ ref: computed, type: computedType, name: field });
    target.computedUsed.set(field, computed);
    const ref = kqlColumn(field);
    // A dynamic one is a key read out of an object, tested as text: null when the object lacks it, as event data.
    return ok(computedType === 'dynamic' ? { ref: `tostring(${ref})`, type: 'string', name: field, data: ref } : { ref, type: computedType, name: field });
  }
  if (target.extracted && IDENT.test(field) && (target.extractable?.has(field) ?? true)) return extractedColumn(field, target);
  // Sysmon's names are a list; elsewhere only the System header's fields are left out of the event data.
  const where = !target.extractable ? schema.name
    : target.dataFirst ? `${schema.name} or its Sysmon event data`
    : `${schema.name}, and a field of the event's System header is not in its event data`;
  return fail(
    diagnostic('backend/unmapped-field', `field '${field}' has no column in ${where}`, loc, {
      hint: `map it with a field_name_mapping pipeline item, or choose another table`,
    }),
  );
}

/**
 * A column of the table, one result per schema and field: every test of a field resolves it, and the answer
 * depends on nothing else (results are immutable).
 */
function tableColumn(schema: TableSchema, field: string, type: KustoType): Result<Column> {
  let bySchema = TABLE_COLUMNS.get(schema);
  if (!bySchema) TABLE_COLUMNS.set(schema, (bySchema = new Map()));
  let r = bySchema.get(field);
  if (!r || !r.ok || r.value.type !== type) {
    r = ok({ ref: kqlColumn(field), type, name: field });
    bySchema.set(field, r);
  }
  return r;
}

const TABLE_COLUMNS = new WeakMap<TableSchema, Map<string, Result<Column>>>();

/** The column as a string expression (non-string columns are compared as text through tostring()). */
export function asString(c: Column): string {
  return c.type === 'string' ? c.ref : `tostring(${c.ref})`;
}

export function isNumeric(t: KustoType): boolean {
  return t === 'int' || t === 'long' || t === 'real';
}
