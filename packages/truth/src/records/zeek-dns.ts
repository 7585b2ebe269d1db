import type { EventSource, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { pathValue } from './cse-json.js';
import { GENERIC_NAMES } from './generic-dns.js';
import type { ParserText } from './web-parsers.js';

/**
 * A Zeek dns.log record as one JSON line, and the Corelight_CL row that carries it to Microsoft Sentinel, for Sigma
 * `product: zeek, service: dns` events and (assumption `dns-generic-as-zeek`) Sigma's generic `category: dns` events.
 *
 * Zeek facts, from zeek/zeek at a13de64fbbdb01f90961c04719b308fbbb6d199e (the same record and tables at
 * cf2da5160b262247992d5b28981c53b926fc69b3, without opcode/opcode_name):
 * - `scripts/base/protocols/dns/main.zeek:21-93` `DNS::Info`, the columns (`&log`) in order, :24-80; :177 the stream's
 *   `$path="dns"`; :357 `rcode_name = base_errors[msg$rcode]`, :461/:463 `qclass_name = classes[qclass]`,
 *   `qtype_name = query_types[qtype]`, :469-480 NetBIOS (137/udp) SRV queries named "NBSTAT"; :424/:428 every answer
 *   appends one TTL (`answers += reply`, `TTLs += ans$TTL`).
 * - `scripts/base/init-bare.zeek:213` `conn_id_ctx` (an empty record), :224-231 `conn_id` (orig_h, orig_p, resp_h,
 *   resp_p logged; `ctx` logs nothing); `scripts/base/frameworks/logging/main.zeek:203` `default_scope_sep = "."` (the
 *   `id.orig_h` names).
 * - `scripts/base/protocols/dns/consts.zeek:14-105` `query_types` (&default "query-%d"), :108-135 `base_errors`
 *   (&default "rcode-%d"), :145-152 `classes` (&default "qclass-%d").
 * - `src/threading/formatters/JSON.cc`: :80 a field is written only when present (unset `&optional` fields are left
 *   out, `scripts/base/frameworks/logging/writers/ascii.zeek:64-67` `json_include_unset_fields = F`); :126 bool as
 *   true/false, :130 count and :132 port as unsigned integers, :136 addr as a string, :139 interval as a double,
 *   :142-165 time in ISO 8601 (`%Y-%m-%dT%H:%M:%S` + `.%06.0fZ`) when `TS_ISO8601`, :167 as a double when `TS_EPOCH`
 *   (the LogAscii default, ascii.zeek:62), :194 strings through `escape_utf8` then the JSON writer, :234 vectors as
 *   arrays. Doubles are rapidjson's (`Writer::Double`: shortest round trip, `60.0` for an integral value).
 * - Extension fields come before the record's (src/logging/Manager.cc:765-773, `j < num_ext_fields`).
 */

/** Zeek's types of the dns.log columns (main.zeek:24-80), as the JSON writer writes them. */
type ZeekType = 'time' | 'string' | 'addr' | 'port' | 'enum' | 'count' | 'interval' | 'bool' | 'vector of string' | 'vector of interval';

/** The dns.log columns in record order, `id` flattened (init-bare.zeek:224-231), with main.zeek's line. */
export const ZEEK_DNS_COLUMNS: readonly (readonly [name: string, type: ZeekType, line: number])[] = [
  ['ts', 'time', 24],
  ['uid', 'string', 27],
  ['id.orig_h', 'addr', 29],
  ['id.orig_p', 'port', 29],
  ['id.resp_h', 'addr', 29],
  ['id.resp_p', 'port', 29],
  ['proto', 'enum', 31],
  ['trans_id', 'count', 35],
  ['rtt', 'interval', 39],
  ['query', 'string', 41],
  ['qclass', 'count', 43],
  ['qclass_name', 'string', 45],
  ['qtype', 'count', 47],
  ['qtype_name', 'string', 49],
  ['rcode', 'count', 51],
  ['rcode_name', 'string', 53],
  ['AA', 'bool', 57],
  ['TC', 'bool', 59],
  ['RD', 'bool', 62],
  ['RA', 'bool', 65],
  ['Z', 'count', 69],
  ['answers', 'vector of string', 71],
  ['TTLs', 'vector of interval', 74],
  ['rejected', 'bool', 76],
  ['opcode', 'count', 78],
  ['opcode_name', 'string', 80],
];

/** `DNS::query_types`, consts.zeek:14-104 (&default at :105). */
export const ZEEK_QUERY_TYPES: Readonly<Record<number, string>> = {
  1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL', 11: 'WKS', 12: 'PTR', 13: 'HINFO',
  14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25', 20: 'ISDN', 21: 'RT', 22: 'NSAP', 23: 'NSAP-PTR', 24: 'SIG',
  25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA', 29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC', 33: 'SRV', 34: 'ATMA', 35: 'NAPTR',
  36: 'KX', 37: 'CERT', 38: 'A6', 39: 'DNAME', 40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY', 46: 'RRSIG',
  47: 'NSEC', 48: 'DNSKEY', 49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA', 53: 'SMIMEA', 55: 'HIP', 56: 'NINFO', 57: 'RKEY',
  58: 'TALINK', 59: 'CDS', 60: 'CDNSKEY', 61: 'OPENPGPKEY', 62: 'CSYNC', 63: 'ZONEMD', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 100: 'UINFO',
  101: 'UID', 102: 'GID', 103: 'UNSPEC', 104: 'NID', 105: 'L32', 106: 'L64', 107: 'LP', 108: 'EUI48', 109: 'EUI64', 249: 'TKEY',
  250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILB', 254: 'MAILA', 255: '*', 256: 'URI', 257: 'CAA', 32768: 'TA', 32769: 'DLV',
  65281: 'WINS', 65282: 'WINS-R', 65422: 'XPF', 65521: 'INTEGRITY',
};

/** `DNS::base_errors`, consts.zeek:108-134 (&default at :135). */
export const ZEEK_RCODES: Readonly<Record<number, string>> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 6: 'YXDOMAIN', 7: 'YXRRSET', 8: 'NXRRSet',
  9: 'NOTAUTH', 10: 'NOTZONE', 11: 'unassigned-11', 12: 'unassigned-12', 13: 'unassigned-13', 14: 'unassigned-14', 15: 'unassigned-15',
  16: 'BADVERS', 17: 'BADKEY', 18: 'BADTIME', 19: 'BADMODE', 20: 'BADNAME', 21: 'BADALG', 22: 'BADTRUNC', 23: 'BADCOOKIE', 3842: 'BADSIG',
};

/** `DNS::classes`, consts.zeek:145-151 (&default at :152). */
export const ZEEK_CLASSES: Readonly<Record<number, string>> = {
  1: 'C_INTERNET', 2: 'C_CSNET', 3: 'C_CHAOS', 4: 'C_HESIOD', 254: 'C_NONE', 255: 'C_ANY',
};

/**
 * The number/name pairs Zeek writes together (main.zeek:357, :461, :463): the table, the `&default` function's
 * prefix for numbers the table lacks (`fmt("query-%d", n)`, ...).
 */
const PAIRS: readonly { readonly count: string; readonly name: string; readonly table: Readonly<Record<number, string>>; readonly fallback: string }[] = [
  { count: 'qclass', name: 'qclass_name', table: ZEEK_CLASSES, fallback: 'qclass-' },
  { count: 'qtype', name: 'qtype_name', table: ZEEK_QUERY_TYPES, fallback: 'query-' },
  { count: 'rcode', name: 'rcode_name', table: ZEEK_RCODES, fallback: 'rcode-' },
];

/** The `&default` columns and their defaults, main.zeek:57, :59, :62, :65, :69, :76. */
const DEFAULTS: Readonly<Record<string, boolean | number>> = { AA: false, TC: false, RD: false, RA: false, Z: 0, rejected: false };

/** A Zeek value, typed as the JSON writer writes it. */
type ZeekValue = string | number | boolean | readonly string[] | readonly number[] | { readonly time: number };

/** The dns.log record of an event: its columns in order (absent ones left out), and the extension fields. */
export interface ZeekDnsRecord {
  readonly fields: ReadonlyMap<string, ZeekValue>;
  /** `_system_name`, `_write_ts` (assumption `zeek-dns-corelight-line`). */
  readonly ext: ReadonlyMap<string, ZeekValue>;
}

/** Which reading applies: a Zeek dns event, a generic DNS event, or neither. */
export function zeekDnsKind(source: EventSource): 'zeek' | 'generic' | undefined {
  if (source.product === 'zeek' && source.service === 'dns') return 'zeek';
  if (source.product === undefined && source.category === 'dns') return 'generic';
  return undefined;
}


const present = (v: unknown): boolean => v !== undefined && v !== null;

function countOf(v: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
}

function doubleOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  return t === 'true' || t === 't' ? true : t === 'false' || t === 'f' ? false : undefined;
}

/** Epoch seconds of a time value: a number or numeric text (seconds), a Date, or ISO 8601 text (fraction kept to µs). */
function timeOf(v: unknown): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime() / 1000;
  const n = doubleOf(v);
  if (n !== undefined) return n;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
  if (!m) return undefined;
  const whole = Date.parse(`${m[1]!.replace(' ', 'T')}${m[3] ?? 'Z'}`);
  return Number.isNaN(whole) ? undefined : whole / 1000 + (m[2] ? Number(`0.${m[2]}`) : 0);
}

function textOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** One column's value as Zeek would hold it, or undefined when the value is not of the column's type. */
function typed(type: ZeekType, v: unknown): ZeekValue | undefined {
  switch (type) {
    case 'time': {
      const t = timeOf(v);
      return t === undefined ? undefined : { time: t };
    }
    case 'string':
    case 'addr':
    case 'enum':
      return textOf(v);
    case 'port':
      return countOf(v, 65535);
    case 'count':
      return countOf(v);
    case 'interval':
      return doubleOf(v);
    case 'bool':
      return boolOf(v);
    case 'vector of string': {
      const items = (Array.isArray(v) ? v : [v]).map(textOf);
      return items.every((x) => x !== undefined) ? (items as string[]) : undefined;
    }
    case 'vector of interval': {
      const items = (Array.isArray(v) ? v : [v]).map(doubleOf);
      return items.every((x) => x !== undefined) ? (items as number[]) : undefined;
    }
  }
}

/**
 * The dns.log record Zeek writes for the event (assumption `zeek-dns-event-fields`), or undefined for an event of
 * another source. Generic DNS events are read through GENERIC_NAMES first (assumption `dns-generic-as-zeek`).
 */
export function zeekDnsRecord(event: RawEvent, source: EventSource): ZeekDnsRecord | undefined {
  const kind = zeekDnsKind(source);
  if (!kind) return undefined;
  assumption('zeek-dns-event-fields');
  const raw = new Map<string, unknown>();
  for (const [name] of ZEEK_DNS_COLUMNS) {
    const v = pathValue(event, name);
    if (present(v)) raw.set(name, v);
  }
  if (kind === 'generic') {
    assumption('dns-generic-as-zeek');
    for (const [sigma, zeek] of Object.entries(GENERIC_NAMES)) {
      const v = event[sigma];
      if (present(v)) raw.set(zeek, v);
    }
  }
  const values = new Map<string, ZeekValue>();
  for (const [name, type] of ZEEK_DNS_COLUMNS) {
    const v = raw.get(name);
    const t = v === undefined ? undefined : typed(type, v);
    if (t !== undefined) values.set(name, t);
    // `&default` columns are set on every record (main.zeek:57-76: AA, TC, RD, RA `&default=F`, Z `&default=0`,
    // rejected `&default=F`), so every line has them.
    else if (name in DEFAULTS) values.set(name, DEFAULTS[name]!);
  }
  // Zeek writes each number with its name (main.zeek:357, :461, :463): the one the event lacks is derived from Zeek's
  // own table, names case-insensitively; a name neither in the table nor of the &default form leaves the number out.
  for (const pair of PAIRS) {
    const count = values.get(pair.count);
    const name = values.get(pair.name);
    if (typeof count === 'number' && name === undefined) {
      let derived = pair.table[count] ?? `${pair.fallback}${count}`;
      // main.zeek:469-480: an SRV query to 137/udp is named NBSTAT (proto: udp; a port only says 137 here).
      if (pair.count === 'qtype' && count === 33 && values.get('id.resp_p') === 137 && values.get('proto') !== 'tcp') derived = 'NBSTAT';
      values.set(pair.name, derived);
    } else if (typeof name === 'string' && count === undefined) {
      const n = countOfName(pair, name);
      if (n !== undefined) values.set(pair.count, n);
    }
  }
  // main.zeek:469-480: Zeek writes NBSTAT only for a query to 137/udp, so a line naming it has that port and proto.
  const qtypeName = values.get('qtype_name');
  if (typeof qtypeName === 'string' && qtypeName.trim().toLowerCase() === 'nbstat') {
    if (!values.has('id.resp_p')) values.set('id.resp_p', 137);
    if (!values.has('proto')) values.set('proto', 'udp');
  }
  // Every answer comes with its TTL (main.zeek:424, :428): assumption `zeek-dns-ttls`.
  const answers = values.get('answers');
  if (Array.isArray(answers) && !values.has('TTLs')) {
    assumption('zeek-dns-ttls');
    values.set('TTLs', answers.map(() => 0));
  }
  const ordered = new Map<string, ZeekValue>();
  for (const [name] of ZEEK_DNS_COLUMNS) if (values.has(name)) ordered.set(name, values.get(name)!);
  const ext = new Map<string, ZeekValue>();
  const system = textOf(event['_system_name']);
  if (system !== undefined) ext.set('_system_name', system);
  const written = timeOf(event['_write_ts']);
  if (written !== undefined) ext.set('_write_ts', { time: written });
  return { fields: ordered, ext };
}

/** A number from a name of the pair's table (case-insensitive), of its &default form, or NBSTAT (main.zeek:480). */
function countOfName(pair: (typeof PAIRS)[number], name: string): number | undefined {
  const lower = name.trim().toLowerCase();
  for (const [n, known] of Object.entries(pair.table)) if (known.toLowerCase() === lower) return Number(n);
  if (pair.count === 'qtype' && lower === 'nbstat') return 33;
  const fallback = new RegExp(`^${pair.fallback}(\\d+)$`).exec(lower);
  return fallback ? Number(fallback[1]) : undefined;
}

/** rapidjson's `Writer::String` escaping: `"`, `\` and control characters (upper-case hex); everything else as is. */
function jsonString(s: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => short[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}

/** rapidjson's `Writer::Double`: the shortest round-trip digits, `.0` after an integral value, exponent without `+`. */
export function zeekDouble(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return `${n}.0`;
  return String(n).replace('e+', 'e');
}

/** JSON.cc:142-165 (TS_ISO8601): seconds to `%Y-%m-%dT%H:%M:%S` plus `.%06.0f` of the fraction and `Z`. */
export function zeekIsoTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const frac = seconds - whole;
  const base = new Date(whole * 1000).toISOString().slice(0, 19);
  return `${base}.${String(Math.round(frac * 1e6)).padStart(6, '0')}Z`;
}

function jsonValue(v: ZeekValue): string {
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : zeekDouble(v);
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'number' ? zeekDouble(x) : jsonString(x as string))).join(',')}]`;
  return jsonString(zeekIsoTime((v as { time: number }).time));
}

/**
 * The JSON line (assumption `zeek-dns-corelight-line`): `_path` "dns", the extension fields the event has, then the
 * dns.log columns in record order. Integral counts and ports are integers; intervals (rtt, TTLs) always doubles.
 */
export function zeekDnsJsonLine(record: ZeekDnsRecord): string {
  assumption('zeek-dns-corelight-line');
  const parts = [`"_path":"dns"`];
  for (const [k, v] of record.ext) parts.push(`${jsonString(k)}:${jsonValue(v)}`);
  const intervals = new Set(ZEEK_DNS_COLUMNS.filter(([, t]) => t === 'interval').map(([n]) => n));
  for (const [k, v] of record.fields) parts.push(`${jsonString(k)}:${intervals.has(k) ? zeekDouble(v as number) : jsonValue(v)}`);
  return `{${parts.join(',')}}`;
}

/** A Corelight_CL row: `Message` (the JSON line) and `TimeGenerated` (the log's ts: assumption `zeek-dns-corelight-line`). */
export interface CorelightRow {
  readonly TimeGenerated: Date | null;
  readonly Message: string;
}

/** The Corelight_CL row of a Zeek dns / generic DNS event, or undefined for another source. */
export function corelightDnsRow(event: RawEvent, source: EventSource): CorelightRow | undefined {
  const record = zeekDnsRecord(event, source);
  if (!record) return undefined;
  const ts = record.fields.get('ts') as { time: number } | undefined;
  return { TimeGenerated: ts ? new Date(Math.round(ts.time * 1000)) : null, Message: zeekDnsJsonLine(record) };
}

/**
 * ASimDnsCorelightZeek.yaml, not in the vendor snapshot: read from the public code index (repository, path, commit),
 * 5,436 characters, Version 0.5 (LastUpdated Dec 11 2022), ParserQuery lines 24-204. ASimDns.yaml:26 and :48 (in the
 * snapshot) list and union it. Transcribed operator by operator in asim.ts `dnsCorelightZeek`.
 */
export const ZEEK_DNS_PARSER: ParserText = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Parsers/ASimDns/Parsers/ASimDnsCorelightZeek.yaml',
  commit: '2d6149a6cdb85c15ef97df754ec345a8dfb7d522',
  version: '0.5',
  firstLine: 24,
  lastLine: 204,
};
