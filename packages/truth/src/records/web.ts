import type { EventSource, KqlRecord, KqlType, RawEvent } from '../types.js';
import { kustoDefault, tableColumnList } from './columns.js';
import { CSL_TYPES, ZIA_TRANSCRIPTION, ZSCALER_BUILT, ZSCALER_MAPPING, commonSecurityLogRow } from './web-zscaler.js';
import { IIS_MAPPING, IIS_TRANSCRIPTION, W3CIISLOG_TYPES, w3cIisLogRow } from './web-iis.js';
import { runSteps, type Parsed, type Row, type Transcription, type Types } from './web-kusto.js';
import { WEB_SCHEMA_FIELDS } from './web-tables.js';
import { kqlTypeOf } from './vendor.js';

/**
 * Microsoft Sentinel's ASIM Web Session view (imWebSession) for Sigma webserver and proxy events, from Microsoft's own
 * sources only (SOURCES.md, "Web sessions"):
 *
 *   category webserver -> IIS W3C log line -> W3CIISLog          -> ASimWebSessionIIS.yaml        -> imWebSession
 *   category proxy     -> Zscaler ZIA web log -> CommonSecurityLog -> ASimWebSessionzScalerZIA.yaml -> imWebSession
 *
 * The records are the table row and the view row: a query may read either. The view is a union of parsers, so its row
 * has every column of the union (schema fields and every column either parser makes), defaults where its own parser
 * sets nothing.
 */
export type SentinelWebTable = 'W3CIISLog' | 'CommonSecurityLog';

export function sentinelWebTable(source: EventSource): SentinelWebTable | undefined {
  if (source.category === 'webserver') return 'W3CIISLog';
  if (source.category === 'proxy') return 'CommonSecurityLog';
  return undefined;
}

const SOURCES: Readonly<Record<SentinelWebTable, { readonly row: (e: RawEvent) => Row; readonly types: Readonly<Types>; readonly parser: Transcription }>> = {
  W3CIISLog: { row: w3cIisLogRow, types: W3CIISLOG_TYPES, parser: IIS_TRANSCRIPTION },
  CommonSecurityLog: { row: commonSecurityLogRow, types: CSL_TYPES, parser: ZIA_TRANSCRIPTION },
};

/** The imWebSession row the table's parser computes (only the columns it makes: no padding to the union). */
export function parseWebRow(table: SentinelWebTable, row: Row): Parsed | undefined {
  const src = SOURCES[table];
  return runSteps(src.parser, row, src.types);
}

export function sentinelWebRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const table = sentinelWebTable(source);
  if (!table) return [];
  const row = SOURCES[table].row(event);
  const parsed = parseWebRow(table, row);
  const out: KqlRecord[] = [{ table, row }];
  if (parsed) {
    const cols = webSessionColumns();
    out.push({ table: 'imWebSession', row: Object.fromEntries(Object.entries(cols).map(([c, t]) => [c, c in parsed.row ? parsed.row[c]! : kustoDefault(t)])) });
  }
  return out;
}

/** Schema page type words -> Kusto type (Enumerated, IP Address, MD5, ... are strings, as in `columns.ts`). */
function schemaType(word: string): KqlType {
  return kqlTypeOf(word) ?? (word === 'Long' ? 'long' : 'string');
}

let viewCache: Readonly<Record<string, KqlType>> | undefined;

/**
 * imWebSession's columns: the Network Session schema's fields (the snapshot's page, as for imNetworkSession), the Web
 * Session page's own fields (aliases typed as the field they alias: HttpStatusCode as EventResultDetails, a string),
 * then every column the two transcribed parsers produce, typed as the parser makes it (its casts, or the table
 * column it renames): where a parser's type and the page's differ, the row holds the parser's value (SrcGeoLatitude:
 * the page says "Latitude", the IIS parser renames the real RemoteIPLatitude).
 */
export function webSessionColumns(): Readonly<Record<string, KqlType>> {
  if (viewCache) return viewCache;
  const out: Record<string, KqlType> = {};
  for (const c of tableColumnList('imNetworkSession') ?? []) out[c.name] = c.type;
  const byName = new Map(WEB_SCHEMA_FIELDS.map((f) => [f.name, f]));
  for (const f of WEB_SCHEMA_FIELDS) out[f.name] = schemaType(f.aliasOf ? byName.get(f.aliasOf)!.type : f.type);
  for (const table of Object.keys(SOURCES) as SentinelWebTable[]) Object.assign(out, parserColumns(table));
  viewCache = out;
  return out;
}

/** The columns (and types) a parser leaves on a row of its table: run over a row of defaults that passes its `where`s. */
export function parserColumns(table: SentinelWebTable): Types {
  const src = SOURCES[table];
  const probe = src.row({});
  return runSteps(src.parser, probe, src.types)!.types;
}

/** Columns of the view these records fill (their tables' are transcribed in columns.ts); undefined for any other name. */
export function webTableColumns(table: string): Readonly<Record<string, KqlType>> | undefined {
  return table === 'imWebSession' ? webSessionColumns() : undefined;
}

/** Where a raw key went (the table's columns; empty: nowhere), for tests and reports. */
export interface WebPlacement {
  readonly key: string;
  readonly columns: readonly string[];
}

export function sentinelWebPlacements(event: RawEvent, source: EventSource): WebPlacement[] {
  const table = sentinelWebTable(source);
  if (!table) return [];
  const rows = table === 'W3CIISLog' ? IIS_MAPPING : [...ZSCALER_MAPPING, ...ZSCALER_BUILT];
  return Object.keys(event).map((key) => ({ key, columns: [...new Set(rows.filter((p) => p.from === key).map((p) => p.column))] }));
}
