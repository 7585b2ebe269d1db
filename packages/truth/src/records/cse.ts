import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CseRecord, EventSource, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { CSE_JSON_GAPS, cseJsonProduct, flatEvent, jsonFields, type CseJsonProduct } from './cse-json.js';
import { flattenKeys, windowsParsedFields } from './sumo.js';
import { markdownTables, vendorDir, vendorFile } from './vendor.js';
import { linuxSysmonView, splitUser, text, windowsView, type WindowsEventView } from './windows.js';

/**
 * A Sysmon for Linux record as the catalog's Linux-Sysmon mappings read it: the Data at the top level (`Image`,
 * `CommandLine`, `User`, `Hashes`) and the header under `System` (`System.Computer`, `System.EventRecordID`,
 * `System.Security.UserId`), e.g. mapping 4844d90e (assumption `linux-sysmon-shape`).
 */
function linuxParsedFields(view: WindowsEventView): Record<string, string> {
  const obj: Record<string, unknown> = {
    System: {
      Channel: view.channel,
      EventID: String(view.eventId),
      Computer: view.computer,
      EventRecordID: text(view.system['EventRecordID']),
      Security: { UserId: text(view.system['Security_UserID']) },
    },
  };
  for (const [k, v] of view.data) obj[k] = v;
  return flattenKeys(obj);
}

const CATALOG = 'sumo-cloud-siem-catalog';

/** One row of a catalog mapping's "Fields Mapped" table, with its line for citations. */
export interface CseFieldMapping {
  readonly field: string;
  /** Original record key, or undefined when the row is a static value. */
  readonly key: string | undefined;
  readonly staticValue: string | undefined;
  readonly kind: 'key' | 'static' | 'lookup' | 'split';
  readonly line: number;
}

/** A catalog mapping file (`mappings/<uuid>.md`) as data. */
export interface CseMapping {
  readonly file: string;
  readonly uid: string;
  readonly name: string;
  readonly vendor: string;
  readonly product: string;
  readonly logFormat: string;
  readonly eventIdPattern: string;
  readonly recordVendor: string;
  readonly recordProduct: string;
  readonly recordType: string;
  readonly fields: readonly CseFieldMapping[];
}

function tableValue(rows: ReturnType<typeof markdownTables>, name: string): string {
  return rows.find((r) => r.cells[0] === name)?.cells[1] ?? '';
}

/** Parses one mapping file of the catalog. */
export function parseMapping(file: string): CseMapping {
  const text = vendorFile(`${CATALOG}/mappings/${file}`);
  const title = /^# \[Mappings\]\(README\.md\): (.*)$/m.exec(text)?.[1]?.trim() ?? file;
  const input = markdownTables(text, (c) => c[0] === 'Input' && c[1] === 'Value');
  const output = markdownTables(text, (c) => c[0] === 'Output' && c[1] === 'Value');
  const fieldRows = markdownTables(text, (c) => c[0] === 'Cloud SIEM Schema Field');
  const fields = fieldRows.map((r): CseFieldMapping => {
    const [field = '', key = '', notes = ''] = r.cells;
    const st = /The static text `([^`]*)` is populated/.exec(notes);
    if (st) return { field, key: undefined, staticValue: st[1], kind: 'static', line: r.line };
    if (/This is a lookup field/.test(notes)) return { field, key, staticValue: undefined, kind: 'lookup', line: r.line };
    if (/This is a split field/.test(notes)) return { field, key, staticValue: undefined, kind: 'split', line: r.line };
    return { field, key: key === 'None' ? undefined : key, staticValue: undefined, kind: 'key', line: r.line };
  });
  const pattern = tableValue(input, 'Event ID Regex Pattern').replace(/^`|`$/g, '');
  return {
    file: `${CATALOG}/mappings/${file}`,
    uid: file.replace(/\.md$/, ''),
    name: title,
    vendor: tableValue(input, 'Vendor'),
    product: tableValue(input, 'Product'),
    logFormat: tableValue(input, 'Log Format'),
    eventIdPattern: pattern,
    recordVendor: tableValue(output, 'Vendor'),
    recordProduct: tableValue(output, 'Product'),
    recordType: tableValue(output, 'Record Type'),
    fields,
  };
}

let allMappings: CseMapping[] | undefined;

/** Every mapping of the catalog, in file order. */
export function catalogMappings(): readonly CseMapping[] {
  if (!allMappings) {
    const dir = join(vendorDir(), CATALOG, 'mappings');
    allMappings = readdirSync(dir)
      .filter((f) => /^[0-9a-z-]+\.md$/i.test(f) && f !== 'README.md')
      .sort()
      .map(parseMapping);
  }
  return allMappings;
}

let windowsMappings: CseMapping[] | undefined;

/**
 * The catalog's mappings for Windows-format event log records: Input Log Format `Windows` with Vendor Microsoft, and
 * Vendor Linux / Product Sysmon (Sysmon for Linux, `Linux-Sysmon/Operational-<id>`).
 */
export function windowsCatalogMappings(): readonly CseMapping[] {
  if (!windowsMappings) {
    windowsMappings = catalogMappings().filter((m) => m.logFormat === 'Windows' && (m.vendor === 'Microsoft' || (m.vendor === 'Linux' && m.product === 'Sysmon')));
  }
  return windowsMappings;
}

/** Java-style pattern -> JS RegExp matching the whole id (assumption `cse-pattern-anchored`); `(?i)` becomes the i flag. */
function patternRegex(pattern: string): RegExp | undefined {
  let p = pattern;
  let flags = '';
  if (p.startsWith('(?i)')) {
    p = p.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(`^(?:${p})$`, flags);
  } catch {
    return undefined;
  }
}

/** The mapping whose pattern matches the event id `<Channel>-<EventID>` (first in file order), or why none does. */
const patternCache = new Map<string, RegExp | undefined>();

const DEFAULT_PATTERN = '_default_';

function patternMatches(m: CseMapping, id: string): boolean {
  if (m.eventIdPattern === DEFAULT_PATTERN) return false;
  if (!patternCache.has(m.eventIdPattern)) patternCache.set(m.eventIdPattern, patternRegex(m.eventIdPattern));
  return patternCache.get(m.eventIdPattern)?.test(id) ?? false;
}

export function findWindowsMapping(deviceEventId: string): CseMapping | undefined {
  assumption('cse-pattern-anchored');
  return windowsCatalogMappings().find((m) => patternMatches(m, deviceEventId));
}

/**
 * The mapping for an id among one Input's mappings: the first whose pattern matches the whole id, else the Input's
 * `_default_` mapping (assumption `cse-default-mapping`), else none.
 */
export function selectMapping(mappings: readonly CseMapping[], id: string): CseMapping | undefined {
  assumption('cse-pattern-anchored');
  const found = mappings.find((m) => patternMatches(m, id));
  if (found) return found;
  assumption('cse-default-mapping');
  return mappings.find((m) => m.eventIdPattern === DEFAULT_PATTERN);
}

/** The Windows mapping for `<Channel>-<EventID>`, falling back to `Windows - Security - Default` (c73d6da2). */
function windowsMappingFor(deviceEventId: string): CseMapping | undefined {
  return findWindowsMapping(deviceEventId) ?? selectMapping(windowsCatalogMappings().filter((m) => m.vendor === 'Microsoft' && m.product === 'Windows'), deviceEventId);
}

const inputCache = new Map<string, readonly CseMapping[]>();

/** The catalog mappings of one Input (Vendor, Product, Log Format). */
export function inputMappings(vendor: string, product: string, logFormat: string): readonly CseMapping[] {
  const key = `${vendor}\u0000${product}\u0000${logFormat}`;
  let list = inputCache.get(key);
  if (!list) {
    list = catalogMappings().filter((m) => m.vendor === vendor && m.product === product && m.logFormat === logFormat);
    inputCache.set(key, list);
  }
  return list;
}

/** Options of the normalizer: username normalization is tenant configuration (assumption `cse-username-normalization`). */
export interface CseOptions {
  readonly normalizeUsernames?: boolean;
  readonly sourceCategory?: string;
  /**
   * The spelling of a Windows record's `metadata_deviceEventId`, the parser's output that "determines which mapping
   * will be used" (schema/metadata_fields.md:8): `<Channel>-<EventID>` (default), or one the same mapping's Event ID
   * Regex Pattern also takes: 'bare' `4104` (the `^4104$` alternative of the PowerShell/Operational patterns,
   * mappings/674d9351-450f-4f61-83b5-e2b8957781ed.md:10), 'lower-case' / 'upper-case' (patterns starting `(?i)`). A
   * spelling that selects another mapping (or the `_default_` one) is not a spelling of this event: no record.
   */
  readonly eventIdSpelling?: 'bare' | 'lower-case' | 'upper-case';
  /**
   * Where the record keeps the data item a mapping row copies by its bare name (`|changeType|Type||` of Sysmon 25,
   * mappings/30db4a1f-857e-48e2-a91f-97c0fbf3edd4.md:26, where every other row reads `EventData.<Name>`): 'top-level'
   * (default: the catalog as written, assumption `cse-bare-data-keys`) or 'eventdata' (the row a slip for
   * `EventData.Type`: the record as for every other data item, and the row fills nothing).
   */
  readonly bareDataKeys?: 'top-level' | 'eventdata';
}

/** The spellings of an event id (CseOptions.eventIdSpelling). */
function spelled(canonical: string, eventId: number, spelling: CseOptions['eventIdSpelling']): string {
  return spelling === 'bare' ? String(eventId) : spelling === 'lower-case' ? canonical.toLowerCase() : spelling === 'upper-case' ? canonical.toUpperCase() : canonical;
}

/**
 * Classic PowerShell (`Windows PowerShell-(400|403|600|800)`): the catalog's mapping reads `NewEngineState`,
 * `CommandLine`, `ScriptName`, `HostName`, `UserId` and lower-case `computer`, `level`, `execution.process_id`
 * (mappings/b84e6fc2-d33d-4f18-9915-3235d09bcfaa.md:24-35), no `EventData.*` key: the record holds the `Key=Value`
 * lines of the event's Data strings as keys, and the header under those names (assumption `cse-classic-powershell-keys`).
 */
const CLASSIC_POWERSHELL = 'Windows PowerShell';

function classicPowerShellFields(view: WindowsEventView): Record<string, string> {
  assumption('cse-classic-powershell-keys');
  const out: Record<string, string> = {
    EventID: String(view.eventId),
    computer: view.computer,
    level: text(view.system['Level']),
    'execution.process_id': text(view.system['Execution_ProcessID']),
  };
  const strings = view.unnamed ?? view.data.map(([, v]) => v);
  for (const s of strings) {
    for (const line of s.split(/\r?\n/)) {
      const m = /^\s*([A-Za-z]+)=(.*)$/.exec(line);
      if (m && !(m[1]! in out)) out[m[1]!] = m[2]!.trim();
    }
  }
  return out;
}

/**
 * A mapping row that copies a data item by its bare name (`Type`, not `EventData.Type`): under the catalog's reading
 * the parser keeps that item at the top level (assumption `cse-bare-data-keys`); CseOptions.bareDataKeys 'eventdata'
 * leaves it under EventData.
 */
function bareDataKeys(mapping: CseMapping, fields: Record<string, string>, options: CseOptions): void {
  if (options.bareDataKeys === 'eventdata') return;
  for (const f of mapping.fields) {
    const nested = f.kind === 'key' && f.key !== undefined && !f.key.includes('.') ? fields[`EventData.${f.key}`] : undefined;
    if (nested === undefined || f.key! in fields) continue;
    assumption('cse-bare-data-keys');
    fields[f.key!] = nested;
    delete fields[`EventData.${f.key}`];
  }
}

/** Schema types of the fields a mapping fills (normalized_schema_build.json), read once. */
let schemaTypes: Record<string, { type: string; enrichment: string | null }> | undefined;
function schema(): Record<string, { type: string; enrichment: string | null }> {
  if (!schemaTypes) {
    const raw = JSON.parse(vendorFile(`${CATALOG}/schema/normalized_schema_build.json`)) as Record<string, { type?: string; enrichment_type?: string | null }>;
    schemaTypes = {};
    for (const [k, v] of Object.entries(raw)) schemaTypes[k] = { type: v.type ?? 'string', enrichment: v.enrichment_type ?? null };
  }
  return schemaTypes;
}

/** A raw value converted to the schema field's type (int/long/boolean); unconvertible values are dropped. */
function typedValue(field: string, value: string): unknown {
  const t = schema()[field]?.type ?? 'string';
  // timestamp: epoch milliseconds of the value (the catalog gives its expected format in the Notes column).
  if (field === 'timestamp') {
    const iso = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (t === 'int' || t === 'long') return /^-?\d+$/.test(value) ? Number(value) : /^0x[0-9a-f]+$/i.test(value) ? Number.parseInt(value.slice(2), 16) : undefined;
  if (t === 'boolean') return /^true$/i.test(value) ? true : /^false$/i.test(value) ? false : undefined;
  return value;
}

/** Why an event has no Cloud SIEM record (undefined when it has one). */
export function cseWhyNot(event: RawEvent, source: EventSource): string | undefined {
  const view = linuxSysmonView(event, source) ?? windowsView(event, source);
  if (!view) {
    const gap = CSE_JSON_GAPS.find((g) => g.applies(source));
    if (gap) return gap.why;
    const product = cseJsonProduct(source);
    if (!product) return `no catalog normalizer here for ${source.product ?? '?'}/${source.service ?? source.category ?? '?'} events (no catalog Input is known for this logsource)`;
    const record = product.record(flatEvent(event), source);
    const id = product.eventId(record, source);
    if (!selectMapping(inputMappings(product.vendor, product.product, product.logFormat), id)) return `no ${product.vendor} ${product.product} (${product.logFormat}) mapping matches the event id '${id}' and the Input has no _default_ mapping`;
    return undefined;
  }
  const id = `${view.channel}-${view.eventId}`;
  if (!windowsMappingFor(id)) return `no catalog mapping (Log Format Windows) has an Event ID Regex Pattern matching ${id}, and there is no default`;
  return undefined;
}

/**
 * The Cloud SIEM record for a raw Windows event, exactly as the catalog mapping for its event id says: every
 * "Fields Mapped" row fills its schema field from the original record key (the key/value pairs Sumo's Windows parser
 * produces from the JSON message) or the static value; lookup fields are left out (their tables are unpublished);
 * metadata_vendor/product from the Record Output, metadata_deviceEventId the `<Channel>-<EventID>` the pattern
 * matched, metadata_mapperName/Uid the mapping; `fields` the raw key/value pairs. Usernames are normalized as the
 * Sumo docs say (lower case, default domain dropped, the original kept in `<field>_raw`). No mapping => [].
 */
export function cseRecords(event: RawEvent, source: EventSource, options: CseOptions = {}): CseRecord[] {
  const linux = linuxSysmonView(event, source);
  const view = linux ?? windowsView(event, source);
  if (!view) return jsonRecords(event, source, options);
  const canonical = `${view.channel}-${view.eventId}`;
  const mapping = linux ? findWindowsMapping(canonical) : windowsMappingFor(canonical);
  if (!mapping) return [];
  const deviceEventId = spelled(canonical, view.eventId, options.eventIdSpelling);
  // Another spelling is this event's only if its mapping's pattern selects it (findWindowsMapping skips `_default_`).
  if (deviceEventId !== canonical && findWindowsMapping(deviceEventId) !== mapping) return [];
  const fields = linux ? linuxParsedFields(view) : view.channel === CLASSIC_POWERSHELL ? classicPowerShellFields(view) : windowsParsedFields(view);
  if (!linux) bareDataKeys(mapping, fields, options);
  return [normalized(mapping, deviceEventId, fields, options.sourceCategory ?? 'OS/Windows', options)];
}

/**
 * A JSON product's record (CloudTrail, Okta, Azure, ...): the record Sumo receives (`cse-json.ts`), its event id,
 * the mapping of its Input that id selects, applied as written. No Input or mapping => [].
 */
function jsonRecords(event: RawEvent, source: EventSource, options: CseOptions): CseRecord[] {
  if (CSE_JSON_GAPS.some((g) => g.applies(source))) return [];
  const product: CseJsonProduct | undefined = cseJsonProduct(source);
  if (!product) return [];
  assumption('cse-json-event-ids');
  const original = product.record(flatEvent(event), source);
  const id = product.eventId(original, source);
  const mapping = selectMapping(inputMappings(product.vendor, product.product, product.logFormat), id);
  if (!mapping) return [];
  return [normalized(mapping, id, jsonFields(original), options.sourceCategory ?? product.id, options)];
}

/** The normalized record: the mapping's rows applied to the key/value pairs, usernames normalized. */
function normalized(mapping: CseMapping, deviceEventId: string, fields: Record<string, string>, sourceCategory: string, options: CseOptions): CseRecord {
  const record: Record<string, unknown> = {
    metadata_vendor: mapping.recordVendor,
    metadata_product: mapping.recordProduct,
    metadata_deviceEventId: deviceEventId,
    metadata_mapperName: mapping.name,
    metadata_mapperUid: mapping.uid,
    metadata_sourceCategory: sourceCategory,
    objectType: mapping.recordType,
  };
  for (const f of mapping.fields) {
    if (f.kind === 'lookup' || f.kind === 'split') {
      assumption('cse-lookup-fields');
      continue;
    }
    const raw = f.kind === 'static' ? f.staticValue : f.key !== undefined ? fields[f.key] : undefined;
    if (raw === undefined || raw === '') continue;
    const value = typedValue(f.field, raw);
    if (value === undefined) continue;
    record[f.field] = value;
  }
  if (options.normalizeUsernames ?? true) {
    assumption('cse-username-normalization');
    for (const [field, info] of Object.entries(schema())) {
      if (info.enrichment !== 'normalizedUsername' || typeof record[field] !== 'string') continue;
      const original = record[field] as string;
      record[`${field}_raw`] = original;
      record[field] = splitUser(original).name.toLowerCase();
    }
  }
  // `<field>_raw` of a hostname field is "the hostname before any enrichments are applied. As the hostname appears in
  // the original log message" and enrichment-populated (normalized_schema_build.json, dstDevice_hostname_raw);
  // hostname normalization itself is tenant configuration, left off (assumption `cse-raw-hostnames`).
  for (const [field, info] of Object.entries(schema())) {
    if (info.enrichment !== 'normalizedHostname' || typeof record[field] !== 'string' || !(`${field}_raw` in schema())) continue;
    assumption('cse-raw-hostnames');
    record[`${field}_raw`] = record[field];
  }
  return { ...record, fields };
}
