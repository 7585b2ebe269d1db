import { compileKql, type CompiledKql } from '../kql/index.js';
import type { KqlType, KqlValue } from '../types.js';
import { parseInteger, parseTime, text } from './windows.js';

/**
 * Data collection rules (DCR) of Microsoft Sentinel's codeless connectors: an input stream of declared columns, a
 * `transformKql` run over it (the input table is named `source`), the output written to the connector's table. The
 * transforms are transcribed part by part next to each connector (`sentinel-okta-pages.ts`, `sentinel-github-pages.ts`)
 * and run here, in the reference interpreter, so the expression each column cites is the one computed.
 */

/** A DCR stream or table column type as the connector files spell it ("boolean") -> Kusto type. */
export function dcrType(type: string): KqlType {
  switch (type) {
    case 'boolean':
      return 'bool';
    case 'string':
    case 'int':
    case 'long':
    case 'real':
    case 'datetime':
    case 'dynamic':
    case 'guid':
      return type;
    default:
      throw new Error(`unknown DCR column type ${type}`);
  }
}

/**
 * A raw JSON value as a stream column of `type` receives it: strings keep their text (other scalars their text,
 * objects their JSON), numbers and numeric text become numbers in int/long/real columns, JSON booleans and "true"/
 * "false" become booleans, ISO text becomes a datetime, dynamic columns keep the value; anything else is null (absent
 * string: ""). The connectors' own sources do not say how a mistyped value is converted: the caller marks its
 * assumption.
 */
export function streamValue(type: KqlType, value: unknown): KqlValue {
  if (value === undefined || value === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
    case 'guid':
      return text(value);
    case 'int':
    case 'long':
      if (typeof value === 'number') return Number.isInteger(value) ? value : null;
      return typeof value === 'string' ? parseInteger(value) : null;
    case 'real':
    case 'decimal':
      if (typeof value === 'number') return value;
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
    case 'bool':
      if (typeof value === 'boolean') return value;
      return typeof value === 'string' ? (/^true$/i.test(value) ? true : /^false$/i.test(value) ? false : null) : null;
    case 'datetime':
      if (value instanceof Date) return value;
      return typeof value === 'string' ? parseTime(value) : null;
    case 'dynamic':
      return value as KqlValue;
    default:
      return null;
  }
}

const compiled = new Map<string, CompiledKql>();

/**
 * Runs a transformKql over one input row whose columns have the stream's types; the one output row (with the types the
 * interpreter gives its columns). Throws unless exactly one row comes out (none of the transcribed transforms filters).
 */
export function runTransform(
  kql: string,
  stream: Readonly<Record<string, KqlType>>,
  row: Readonly<Record<string, KqlValue>>,
): { row: Record<string, KqlValue>; types: Readonly<Record<string, KqlType>> } {
  let c = compiled.get(kql);
  if (!c) {
    c = compileKql(kql);
    compiled.set(kql, c);
  }
  const result = c.run({ source: { name: 'source', columns: stream, rows: [row] } });
  if (result.rows.length !== 1) throw new Error(`the transform gave ${result.rows.length} rows for one`);
  return { row: { ...result.rows[0]! }, types: result.columns };
}

/** The input row of a stream: each declared column from the nested raw record (keys it does not declare are dropped). */
export function streamRow(stream: Readonly<Record<string, KqlType>>, record: Readonly<Record<string, unknown>>): Record<string, KqlValue> {
  const row: Record<string, KqlValue> = {};
  for (const [name, type] of Object.entries(stream)) row[name] = streamValue(type, record[name]);
  return row;
}
