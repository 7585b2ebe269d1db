import type { KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow } from './columns.js';
import { flatEvent, nestKeys } from './cse-json.js';
import { dcrType, runTransform, streamRow } from './sentinel-dcr.js';
import { OKTA_DCR, OKTA_EXTENDS, OKTA_LETS, OKTA_PROJECT, OKTA_STREAM_COLUMNS, OKTA_TABLE_NAME } from './sentinel-okta-pages.js';
import type { KeyPlacement } from './sentinel-cloud.js';

/**
 * Sigma `product: okta` events -> OktaV2_CL, the table Microsoft Sentinel's Okta SSO CCP connector (V2) writes: the
 * raw event is an Okta System Log LogEvent (Sigma's okta rules name its own paths: eventType, actor.alternateId,
 * securityContext.isProxy, debugContext.debugData.requestUri, target.displayName); the DCR keeps the LogEvent's 16
 * top-level properties it declares (`sentinel-cloud-okta-stream-types`) and its transformKql computes each column.
 * The transform is put back together from its transcribed parts and run in the reference interpreter.
 */

/** The input stream's column types. */
export const OKTA_STREAM_TYPES: Readonly<Record<string, KqlType>> = Object.fromEntries(OKTA_STREAM_COLUMNS.map(([n, t]) => [n, dcrType(t)]));

/** The transformKql, rebuilt from its transcribed parts (the file's text up to whitespace between items). */
export const OKTA_TRANSFORM: string = [
  ...OKTA_LETS.map(([name, json]) => `let ${name} = parse_json('${json}');`),
  `source | extend ${OKTA_EXTENDS.map(([n, k]) => `${n} = ${k}`).join(',')} | project ${OKTA_PROJECT.map(([c, k]) => `${c} = ${k}`).join(',')}`,
].join('\n');

/**
 * The LogEvent a raw Sigma event stands for: Sigma's dotted names nested (`debugContext.debugData.requestUri` ->
 * `{debugContext: {debugData: {requestUri}}}`); a `target` given as one object (Sigma's `target.displayName`) is the
 * one element of the LogEvent's target list (`sentinel-cloud-okta-target-list`).
 */
export function oktaLogEvent(event: RawEvent): Record<string, unknown> {
  const record = nestKeys(flatEvent(event));
  const target = record['target'];
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    assumption('sentinel-cloud-okta-target-list');
    record['target'] = [target];
  }
  return record;
}

/** The OktaV2_CL row of a raw event: the transform's output, every other documented column at its Kusto default. */
export function oktaRow(event: RawEvent): Record<string, KqlValue> {
  assumption('sentinel-cloud-okta-stream-types');
  const { row } = runTransform(OKTA_TRANSFORM, OKTA_STREAM_TYPES, streamRow(OKTA_STREAM_TYPES, oktaLogEvent(event)));
  return fullRow(OKTA_TABLE_NAME, row);
}

/** The LogEvent paths an expression reads (stream columns and their property paths; the `extend`s' own reads). */
export function transformReads(kql: string, stream: Readonly<Record<string, KqlType>>, extendsOf: readonly (readonly [string, string])[]): string[] {
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

const OKTA_READS: readonly { column: string; kql: string; reads: readonly string[] }[] = OKTA_PROJECT.map(([column, kql]) => ({
  column,
  kql,
  reads: transformReads(kql, OKTA_STREAM_TYPES, OKTA_EXTENDS),
}));

const DCR_FILE = OKTA_DCR.path.split('/').pop()!;

/**
 * Where each raw key lands: the columns whose expression reads the key's path or a prefix of it (tail: the rest, a
 * property path inside a dynamic column); a key under no stream column, or read by no expression, lands nowhere.
 */
export function oktaPlacements(event: RawEvent): KeyPlacement[] {
  return Object.keys(flatEvent(event)).map((key) => {
    if (!(key.split('.')[0]! in OKTA_STREAM_TYPES)) return { key, columns: [], cite: `${DCR_FILE}: not a column of the input stream`, rank: 3, tail: '' };
    const hits = OKTA_READS.filter((r) => r.reads.some((p) => key === p || key.startsWith(`${p}.`)));
    if (hits.length === 0) return { key, columns: [], cite: `${DCR_FILE}:96 transformKql: no column reads ${key}`, rank: 3, tail: '' };
    const read = hits[0]!.reads.filter((p) => key === p || key.startsWith(`${p}.`)).sort((a, b) => b.length - a.length)[0]!;
    return {
      key,
      columns: hits.map((h) => h.column),
      cite: hits.map((h) => `${DCR_FILE}:96 transformKql: ${h.column} = ${h.kql}`).join('; '),
      rank: 3,
      tail: key === read ? '' : key.slice(read.length + 1),
    };
  });
}
