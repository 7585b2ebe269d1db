import { compileKql, type CompiledKql } from '../kql/index.js';
import type { KqlType, KqlValue, RawEvent } from '../types.js';
import { flatEvent } from './cse-json.js';
import type { KeyPlacement } from './sentinel-cloud.js';
import { columnValue } from './columns.js';

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
  for (const [name, type] of Object.entries(stream)) row[name] = columnValue(type, record[name]);
  return row;
}

/** The input record's paths an expression reads (stream columns and their property paths; the `extend`s' own reads). */
function transformReads(kql: string, stream: Readonly<Record<string, KqlType>>, extendsOf: readonly (readonly [string, string])[]): string[] {
  // `['@timestamp']`: a column named in brackets.
  const out: string[] = [...kql.matchAll(/\['([^']+)'\]/g)].map((m) => m[1]!).filter((n) => n in stream);
  const bare = kql.replace(/"[^"]*"|'[^']*'/g, '""');
  for (const m of bare.matchAll(/[A-Za-z_@][\w@]*(?:\.[A-Za-z_][\w]*)*/g)) {
    const path = m[0];
    const head = path.split('.')[0]!;
    const ext = extendsOf.find(([n]) => n === path);
    if (ext) out.push(...transformReads(ext[1], stream, extendsOf));
    else if (head in stream && !out.includes(path)) out.push(path);
  }
  return out;
}

/** A projected column, its expression, and the input paths it reads. */
export interface DcrRead {
  readonly column: string;
  readonly kql: string;
  readonly reads: readonly string[];
}

/** The reads of a transform's `project` items (`[column, expression]`), its `extend`s followed through. */
export function dcrReads(
  items: readonly (readonly [column: string, kql: string])[],
  stream: Readonly<Record<string, KqlType>>,
  extendsOf: readonly (readonly [string, string])[],
): DcrRead[] {
  return items.map(([column, kql]) => ({ column, kql, reads: transformReads(kql, stream, extendsOf) }));
}

/**
 * Where each raw key lands: the columns whose expression reads the key's path or a prefix of it (tail: the rest, a
 * property path inside a dynamic column); a key under no stream column, or read by no expression, lands nowhere.
 * `at` is the transform's place, `<file>:<line>`.
 */
export function dcrPlacements(event: RawEvent, stream: Readonly<Record<string, KqlType>>, reads: readonly DcrRead[], at: string): KeyPlacement[] {
  const file = at.slice(0, at.lastIndexOf(':'));
  return Object.keys(flatEvent(event)).map((key) => {
    const head = key.split('.')[0]!;
    if (!(head in stream)) return { key, columns: [], cite: `${file}: ${head} is not a column of the input stream`, rank: 3, tail: '' };
    const reading = (p: string): boolean => key === p || key.startsWith(`${p}.`);
    const hits = reads.filter((r) => r.reads.some(reading));
    if (hits.length === 0) return { key, columns: [], cite: `${at} transformKql: no column reads ${key}`, rank: 3, tail: '' };
    const read = hits[0]!.reads.filter(reading).sort((a, b) => b.length - a.length)[0]!;
    return {
      key,
      columns: hits.map((h) => h.column),
      cite: hits.map((h) => `${at} transformKql: ${h.column} = ${h.kql}`).join('; '),
      rank: 3,
      tail: key === read ? '' : key.slice(read.length + 1),
    };
  });
}
