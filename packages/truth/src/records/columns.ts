import type { KqlType, KqlValue } from '../types.js';
import { AAD_USER_RISK_EVENTS_COLUMNS, AAD_USER_RISK_EVENTS_PAGE } from './risk-detection-pages.js';
import { AKS_AUDIT_COLUMNS, AKS_AUDIT_PAGE } from './sentinel-aks-pages.js';
import { GCP_AUDIT_LOGS_COLUMNS, GCP_AUDIT_LOGS_PAGE } from './sentinel-gcp-pages.js';
import { GITHUB_TABLE, GITHUB_TABLE_COLUMNS } from './sentinel-github-pages.js';
import { OKTA_TABLE, OKTA_TABLE_COLUMNS } from './sentinel-okta-pages.js';
import { CSL_COLUMNS, CSL_PAGE, W3CIISLOG_COLUMNS, W3CIISLOG_PAGE, type TranscribedPage } from './web-tables.js';
import { documentedColumns, markdownTables, kqlTypeOf, vendorFile, type DocumentedColumn } from './vendor.js';
import { parseInteger, parseTime, text } from './windows.js';

/** Each Microsoft table -> the page (under the vendor folder) that documents its columns. */
export const TABLE_PAGES: Readonly<Record<string, string>> = {
  DeviceProcessEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-deviceprocessevents-table.md',
  DeviceNetworkEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-devicenetworkevents-table.md',
  DeviceFileEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-devicefileevents-table.md',
  DeviceRegistryEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-deviceregistryevents-table.md',
  DeviceImageLoadEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-deviceimageloadevents-table.md',
  DeviceEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-deviceevents-table.md',
  DeviceLogonEvents: 'microsoft/defender-docs/defender-xdr/advanced-hunting-devicelogonevents-table.md',
  SecurityEvent: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/securityevent-include.md',
  Event: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/event-include.md',
  WindowsEvent: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/windowsevent-include.md',
  AWSCloudTrail: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/awscloudtrail-include.md',
  SigninLogs: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/signinlogs-include.md',
  AuditLogs: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/auditlogs-include.md',
  AzureActivity: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/azureactivity-include.md',
  OfficeActivity: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/officeactivity-include.md',
  Syslog: 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/syslog-include.md',
};

/** ASIM views -> their schema page (the schema-specific fields; the common-fields page is not in the snapshot). */
export const ASIM_PAGES: Readonly<Record<string, string>> = {
  imProcessCreate: 'microsoft/defender-docs/articles/sentinel/normalization-schema-process-event.md',
  imFileEvent: 'microsoft/defender-docs/articles/sentinel/normalization-schema-file-event.md',
  imRegistry: 'microsoft/defender-docs/articles/sentinel/normalization-schema-registry-event.md',
  imNetworkSession: 'microsoft/defender-docs/articles/sentinel/normalization-schema-network.md',
  imDns: 'microsoft/azure-docs/articles/sentinel/normalization-schema-dns.md',
  imAuthentication: 'microsoft/defender-docs/articles/sentinel/normalization-schema-authentication.md',
};

/**
 * Tables whose page is not in the vendor snapshot: columns transcribed with their page lines (`file` is the page's path
 * in its repository, so a citation names the same file name as for the pages read at run time).
 */
const TRANSCRIBED_TABLES: Readonly<Record<string, readonly DocumentedColumn[]>> = {
  AADUserRiskEvents: transcribed(AAD_USER_RISK_EVENTS_PAGE, AAD_USER_RISK_EVENTS_COLUMNS),
  W3CIISLog: transcribed(W3CIISLOG_PAGE, W3CIISLOG_COLUMNS),
  CommonSecurityLog: transcribed(CSL_PAGE, CSL_COLUMNS),
  GCPAuditLogs: transcribed(GCP_AUDIT_LOGS_PAGE, GCP_AUDIT_LOGS_COLUMNS),
  AKSAudit: transcribed(AKS_AUDIT_PAGE, AKS_AUDIT_COLUMNS.map(([n, t, line]) => [n, t, line] as const)),
  // Connector table files (JSON): types as the files spell them (`boolean`), lines of each column's "name".
  OktaV2_CL: transcribed(OKTA_TABLE, OKTA_TABLE_COLUMNS.map(([n, t, line]) => [n, kqlTypeOf(t)!, line] as const)),
  GitHubAuditLogsV3_CL: transcribed(GITHUB_TABLE, GITHUB_TABLE_COLUMNS.map(([n, t, line]) => [n, kqlTypeOf(t)!, line] as const)),
};

function transcribed(page: TranscribedPage, columns: readonly (readonly [name: string, type: KqlType, line: number])[]): DocumentedColumn[] {
  return columns.map(([name, type, line]) => ({ name, type, file: page.path, line }));
}

const columnCache = new Map<string, readonly DocumentedColumn[]>();

/** The documented columns of a table, with the file and line documenting each. */
export function tableColumnList(table: string): readonly DocumentedColumn[] | undefined {
  let cols = columnCache.get(table);
  if (cols) return cols;
  const page = TABLE_PAGES[table];
  if (TRANSCRIBED_TABLES[table]) cols = TRANSCRIBED_TABLES[table]!;
  else if (page) cols = documentedColumns(page);
  else if (ASIM_PAGES[table]) cols = asimSchemaColumns(ASIM_PAGES[table]!);
  else return undefined;
  columnCache.set(table, cols);
  return cols;
}

/** ASIM schema page types (String, Integer, Date/time, Enumerated, IP address, ...) -> Kusto type. */
function asimType(doc: string): KqlType {
  const t = doc.replace(/[`*]/g, '').trim().toLowerCase();
  const direct = kqlTypeOf(t);
  if (direct) return direct;
  if (t === 'long') return 'long';
  if (t === 'date/time' || t === 'datetime') return 'datetime';
  // Enumerated, IP address, hostname, SHA*, MD5, UserType, ... are strings in the ASIM views.
  return 'string';
}

/** Field tables of an ASIM schema page: `| Field | Class | Type | Description |`, field names in bold. */
function asimSchemaColumns(file: string): DocumentedColumn[] {
  const rows = markdownTables(vendorFile(file), (cells) => /^field$/i.test(cells[0] ?? '') && /^class$/i.test(cells[1] ?? ''));
  const out: DocumentedColumn[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const m = /^(?:<a name="[^"]*"><\/a>)?\s*\*\*([A-Za-z0-9_]+)\*\*\s*$/.exec(r.cells[0] ?? '');
    if (!m || seen.has(m[1]!)) continue;
    // Rows like "**Dvc** fields" point at other pages; only single names with a type are columns.
    const type = r.cells[2] ?? '';
    if (!type.trim()) continue;
    seen.add(m[1]!);
    out.push({ name: m[1]!, type: asimType(type), file, line: r.line });
  }
  return out;
}

/** Column name -> documented Kusto type for a Microsoft table or ASIM view; undefined for an unknown table. */
export function kqlTableColumns(table: string): Readonly<Record<string, KqlType>> | undefined {
  const cols = tableColumnList(table);
  if (!cols) return undefined;
  const out: Record<string, KqlType> = {};
  for (const c of cols) out[c.name] = c.type;
  return out;
}

/** Kusto's value for a column with nothing in it: "" for strings (Kusto has no null string), null otherwise. */
export function kustoDefault(type: KqlType): KqlValue {
  return type === 'string' ? '' : null;
}

/**
 * A full row of `table`: every documented column, set from `values` where given, else its Kusto default. Values for
 * columns the page does not document are an error: a builder writes only documented columns.
 */
export function fullRow(table: string, values: Readonly<Record<string, KqlValue>>): Record<string, KqlValue> {
  const cols = tableColumnList(table);
  if (!cols) throw new Error(`no documented columns for ${table}`);
  const row: Record<string, KqlValue> = {};
  for (const c of cols) row[c.name] = kustoDefault(c.type);
  for (const [k, v] of Object.entries(values)) {
    if (!(k in row)) throw new Error(`${table} has no documented column ${k}`);
    row[k] = v;
  }
  return row;
}

/**
 * A raw JSON value as a column of `type` holds it: strings keep their text (other scalars their text, objects their
 * JSON), numbers and numeric text become numbers in int/long/real columns, JSON booleans and "true"/"false" become
 * booleans, ISO text becomes a datetime, dynamic columns keep the value; anything else is null, an absent string "".
 * The sources do not say how a mistyped value is converted: each caller marks the assumption its table rests on.
 */
export function columnValue(type: KqlType, value: unknown): KqlValue {
  if (value === undefined) return type === 'string' ? '' : null;
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
      return typeof value === 'string' ? value : null;
  }
}
