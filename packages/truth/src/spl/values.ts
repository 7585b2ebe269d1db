import type { SplunkEvent } from '../types.js';

/**
 * A field value in a result row: extracted fields are text (one string, or several for a multivalue field); eval
 * may store numbers. A field that is absent from the row is null in eval and "missing" in search.
 */
export type FieldValue = string | number | readonly (string | number)[];

/** A result row: field name (case-sensitive) -> value. `_raw`, `index`, `source`, `sourcetype`, `host` included. */
export type Row = Map<string, FieldValue>;

/** The default fields SplunkEvent carries at its top level. */
export const TOP_LEVEL = ['_raw', 'index', 'source', 'sourcetype', 'host'] as const;

export function rowOf(e: SplunkEvent): Row {
  const row: Row = new Map();
  for (const [k, v] of Object.entries(e.fields)) {
    if (typeof v === 'string') row.set(k, v);
    else if (Array.isArray(v) && v.length > 0) row.set(k, v.length === 1 ? v[0]! : [...v]);
  }
  // The top-level fields win over a same-named search-time field.
  for (const k of TOP_LEVEL) row.set(k, e[k]);
  return row;
}

export function eventOf(row: Row): SplunkEvent {
  const fields: Record<string, string | readonly string[]> = {};
  const top: Record<string, string> = { _raw: '', index: '', source: '', sourcetype: '', host: '' };
  for (const [k, v] of row) {
    if ((TOP_LEVEL as readonly string[]).includes(k)) {
      top[k] = Array.isArray(v) ? v.map(textOf).join('\n') : textOf(v as string | number);
      continue;
    }
    fields[k] = Array.isArray(v) ? v.map(textOf) : textOf(v as string | number);
  }
  return { _raw: top['_raw']!, index: top['index']!, source: top['source']!, sourcetype: top['sourcetype']!, host: top['host']!, fields };
}

/** The values of a field as a list (empty when missing). */
export function valuesOf(v: FieldValue | undefined): readonly (string | number)[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v as string | number];
}

const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A number when the value reads as one (Splunk compares numerically when both sides are numbers). */
export function numberOf(v: string | number): number | undefined {
  if (typeof v === 'number') return v;
  return NUMERIC.test(v) ? Number(v) : undefined;
}

/** Text of a value as Splunk prints it: integers without a fraction. */
export function textOf(v: string | number): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toFixed(0);
  return String(v);
}

/**
 * Which input event a row comes from. Streaming commands (search, where, regex, eval, rename, table, fields, bin,
 * convert, head) keep it; transforming commands (stats, tstats) make rows that have none.
 */
const ORIGIN = new WeakMap<Row, number>();

export function setOrigin(row: Row, index: number): Row {
  ORIGIN.set(row, index);
  return row;
}

export function originOf(row: Row): number | undefined {
  return ORIGIN.get(row);
}

/** `to` was made from `from`: it keeps its origin. */
export function derive(from: Row, to: Row): Row {
  const o = ORIGIN.get(from);
  if (o !== undefined) ORIGIN.set(to, o);
  return to;
}
