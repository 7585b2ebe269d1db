import type { RE2JS } from 're2js';
import type { SumoMessage } from '../types.js';
import { Evaluator, order, type EValue, type Scope } from './eval.js';
import { extractJson, flattenJson, parseJsonMessage } from './json.js';
import { messageTerms, scopeMatches, type ScopeNode, type ScopeOptions } from './scope.js';
import type { Aggregate, Stage } from './stages.js';
import { text, toNumber, type Value } from './values.js';

/** A message with its times (built-in-metadata: `_messageTime`, `_receiptTime`, epoch milliseconds), when known. */
export type TimedSumoMessage = SumoMessage & { readonly _messageTime?: number; readonly _receiptTime?: number };

export interface SumoResultRow {
  readonly message?: SumoMessage;
  readonly fields: Readonly<Record<string, string | number | null>>;
}

interface Row {
  readonly message?: TimedSumoMessage;
  readonly fields: Map<string, Value>;
}

/** Built-in metadata a query can read (built-in-metadata), from the message. */
function builtIn(m: TimedSumoMessage, lower: string): Value | undefined {
  switch (lower) {
    case '_raw':
      return m._raw;
    case '_sourcecategory':
      return m._sourceCategory;
    case '_source':
      return m._source;
    case '_sourcename':
      return m._sourceName;
    case '_sourcehost':
      return m._sourceHost;
    case '_collector':
      return m._collector;
    case '_size':
      return new TextEncoder().encode(m._raw).length;
    case '_messagetime':
      return m._messageTime ?? toNumber(ferValue(m, '_messageTime') ?? null);
    case '_receipttime':
      return m._receiptTime ?? toNumber(ferValue(m, '_receiptTime') ?? null);
    default:
      return undefined;
  }
}

function ferValue(m: SumoMessage, name: string): string | undefined {
  if (!m.fields) return undefined;
  if (Object.prototype.hasOwnProperty.call(m.fields, name)) return m.fields[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(m.fields)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Field names are matched without regard to case (a later stage may write `toUpperCase(_sourceHost) as _sourceHost`). */
function rowGet(row: Row, name: string): Value | undefined {
  if (row.fields.has(name)) return row.fields.get(name)!;
  const lower = name.toLowerCase();
  for (const [k, v] of row.fields) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function rowSet(row: Row, name: string, v: Value): void {
  const lower = name.toLowerCase();
  for (const k of row.fields.keys()) {
    if (k !== name && k.toLowerCase() === lower) row.fields.delete(k);
  }
  row.fields.set(name, v);
}

function scopeOf(row: Row): Scope {
  return {
    get(name: string): EValue {
      const own = rowGet(row, name);
      if (own !== undefined) return own;
      if (row.message) {
        const b = builtIn(row.message, name.toLowerCase());
        if (b !== undefined) return b;
        const fer = ferValue(row.message, name);
        if (fer !== undefined) return fer;
      }
      return null;
    },
  };
}

/** The text a parse stage reads: `_raw` or `field=<name>`; null when that field is null or missing. */
function sourceText(row: Row, field: string): string | null {
  const v = scopeOf(row).get(field);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? text(v) : null;
}

const KV_VALUE = String.raw`\s*(?:=>|->|=|:)\s*(?:"([^"]*)"|'([^']*)'|([^\s,;"'\]\)}>]*))`;
const kvCache = new Map<string, RegExp>();

/**
 * keyvalue inference mode: "uses an internal list of regular expressions" that the docs do not give. Modelled as
 * `key` (not preceded by a word character) then one of the documented delimiters `=`, `:`, `->` (and `=>`), then a
 * quoted value or a run up to whitespace, `,`, `;` or a closing bracket (assumption A-KV-INFER).
 */
function kvFind(textValue: string, key: string): string | undefined {
  let re = kvCache.get(key);
  if (!re) {
    re = new RegExp(String.raw`(?<![\p{L}\p{N}_.-])${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${KV_VALUE}`, 'u');
    kvCache.set(key, re);
  }
  const m = re.exec(textValue);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function kvAll(textValue: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}_.-])([\p{L}\p{N}_][\p{L}\p{N}_.-]*)${KV_VALUE}`, 'gu');
  for (const m of textValue.matchAll(re)) {
    // "If there are duplicates, the last occurrence is extracted"; "extracts the first 100 key value pairs".
    if (out.size >= 100 && !out.has(m[1]!)) continue;
    out.set(m[1]!.replace(/[^A-Za-z0-9_]/g, '_'), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

export interface RunOptions extends ScopeOptions {
  readonly regexMatch: 'anywhere' | 'whole';
}

export class Runner {
  private readonly ev: Evaluator;
  constructor(
    private readonly scope: ScopeNode,
    private readonly stages: readonly Stage[],
    private readonly o: RunOptions,
  ) {
    // In log search `in` compares typed values: "If you're using in or not in to match integers, cast "x" to a
    // number first" (where).
    this.ev = new Evaluator({ regexMatch: o.regexMatch, inCoerces: false });
  }

  run(messages: readonly TimedSumoMessage[]): SumoResultRow[] {
    let rows: Row[] = [];
    for (const m of messages) {
      let terms: string[] | undefined;
      if (scopeMatches(this.scope, m, () => (terms ??= messageTerms(m._raw, this.o)))) rows.push({ message: m, fields: new Map() });
    }
    for (const s of this.stages) rows = this.stage(s, rows);
    return rows.map((r) => ({ ...(r.message ? { message: r.message } : {}), fields: outputFields(r.fields) }));
  }

  private stage(s: Stage, rows: Row[]): Row[] {
    switch (s.k) {
      case 'where':
        return rows.filter((r) => this.ev.test(s.e, scopeOf(r)));
      case 'eval':
        for (const r of rows) rowSet(r, s.name, scalarOf(this.ev.eval(s.e, scopeOf(r))));
        return rows;
      case 'json':
        return rows.filter((r) => {
          const src = sourceText(r, s.source);
          const doc = src === null ? undefined : parseJsonMessage(src);
          let found = 0;
          for (const p of s.paths) {
            const v = doc === undefined ? undefined : extractJson(doc, p.segs);
            if (v !== undefined) found++;
            // nodrop: "set the extracted field values to null (empty)".
            rowSet(r, p.name, v ?? null);
          }
          // "For all parse operators, messages must match at least one segment of the parse expression or they are
          // dropped from the results" (parse-nodrop-option).
          return s.nodrop || found > 0;
        });
      case 'json-auto':
        for (const r of rows) {
          const src = sourceText(r, s.source);
          const doc = src === null ? undefined : parseJsonMessage(src);
          // "Note that messages that do not contain JSON are not dropped."
          if (doc !== undefined) for (const [k, v] of flattenJson(doc, s.maxDepth)) rowSet(r, k, v);
        }
        return rows;
      case 'kv':
        return rows.filter((r) => {
          const src = sourceText(r, s.source);
          let found = 0;
          if (s.auto && src !== null) for (const [k, v] of kvAll(src)) rowSet(r, k, v);
          for (const { key, name } of s.keys) {
            const v = src === null ? undefined : s.regex ? kvRegex(src, key, s.regex) : kvFind(src, key);
            if (v !== undefined) found++;
            rowSet(r, name, v ?? null);
          }
          return s.nodrop || s.auto || found > 0;
        });
      case 'parse':
        return rows.filter((r) => {
          const src = sourceText(r, s.source);
          const m = src === null ? null : s.re.exec(src);
          // "If any of the text segments cannot be matched, then none of the variables will be assigned."
          s.names.forEach((n, i) => rowSet(r, n, m ? (m[i + 1] ?? null) : null));
          return s.nodrop || m !== null;
        });
      case 'parse-regex': {
        const out: Row[] = [];
        for (const r of rows) {
          const src = sourceText(r, s.source);
          const matcher = src === null ? undefined : s.re.matcher(src);
          let any = false;
          while (matcher?.find()) {
            any = true;
            const row = s.multi ? { ...(r.message ? { message: r.message } : {}), fields: new Map(r.fields) } : r;
            for (const n of s.names) rowSet(row, n, matcher.group(n) ?? null);
            out.push(row);
            if (!s.multi) break;
          }
          if (!any && s.nodrop) {
            for (const n of s.names) rowSet(r, n, null);
            out.push(r);
          }
        }
        return out;
      }
      case 'fields':
        for (const r of rows) {
          const keep = new Set(s.names.map((n) => n.toLowerCase()));
          for (const k of [...r.fields.keys()]) {
            const listed = keep.has(k.toLowerCase());
            if (s.drop ? listed : !listed && !k.startsWith('_')) r.fields.delete(k);
          }
        }
        return rows;
      case 'timeslice':
        for (const r of rows) {
          const t = toNumber(scalarOf(scopeOf(r).get('_messageTime')));
          rowSet(r, s.name, t === null ? null : Math.floor(t / s.ms) * s.ms);
        }
        return rows;
      case 'aggregate':
        return this.aggregate(s.aggs, s.by, rows);
      case 'sort': {
        const keyed = rows.map((r) => ({ r, keys: s.keys.map((k) => scalarOf(this.ev.eval(k.e, scopeOf(r)))) }));
        keyed.sort((a, b) => {
          for (let i = 0; i < s.keys.length; i++) {
            const c = compareForSort(a.keys[i]!, b.keys[i]!, s.keys[i]!.desc);
            if (c !== 0) return c;
          }
          return 0;
        });
        return keyed.map((x) => x.r);
      }
      case 'limit':
        return rows.slice(0, s.n);
    }
  }

  private aggregate(aggs: readonly Aggregate[], by: readonly string[], rows: readonly Row[]): Row[] {
    const groups = new Map<string, { key: Value[]; rows: Row[] }>();
    for (const r of rows) {
      const key = by.map((b) => scalarOf(scopeOf(r).get(b)));
      const id = JSON.stringify(key);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { key, rows: [] }));
      g.rows.push(r);
    }
    // `| count` with no rows still gives one row of 0 (a total), only without group-by fields.
    if (groups.size === 0 && by.length === 0) groups.set('[]', { key: [], rows: [] });
    const out: Row[] = [];
    for (const g of groups.values()) {
      const fields = new Map<string, Value>();
      by.forEach((b, i) => fields.set(b, g.key[i]!));
      for (const a of aggs) fields.set(a.name, this.aggregateValue(a, g.rows));
      out.push({ fields });
    }
    return out;
  }

  private aggregateValue(a: Aggregate, rows: readonly Row[]): Value {
    const values = a.arg === undefined ? [] : rows.map((r) => scalarOf(this.ev.eval(a.arg!, scopeOf(r))));
    const nums = values.map(toNumber).filter((n): n is number => n !== null);
    switch (a.fn) {
      case 'count':
        // "The entire _raw message is counted when no field to count is provided."
        return a.arg === undefined ? rows.length : values.filter((v) => v !== null).length;
      case 'count_distinct':
        // "An empty value still counts as a unique value and will be counted." (null: not a value)
        return new Set(values.filter((v) => v !== null).map((v) => text(v))).size;
      case 'sum':
        return nums.length === 0 ? null : nums.reduce((x, y) => x + y, 0);
      case 'avg':
        return nums.length === 0 ? null : nums.reduce((x, y) => x + y, 0) / nums.length;
      case 'min':
        return nums.length === 0 ? null : Math.min(...nums);
      case 'max':
        return nums.length === 0 ? null : Math.max(...nums);
      case 'pct': {
        // Nearest rank (assumption A-PCT: the docs give no estimator).
        if (nums.length === 0) return null;
        const sorted = [...nums].sort((x, y) => x - y);
        const rank = Math.max(1, Math.ceil(((a.p ?? 50) / 100) * sorted.length));
        return sorted[rank - 1]!;
      }
      case 'first':
        return values[0] ?? null;
      case 'last':
        return values[values.length - 1] ?? null;
    }
  }
}

function kvRegex(src: string, key: string, re: RE2JS): string | undefined {
  if (re.groupCount() === 2) {
    const m = re.matcher(src);
    while (m.find()) if (m.group(1) === key) return m.group(2) ?? undefined;
    return undefined;
  }
  // One group: "finds the key itself in the message (first occurrence), and then finds the closest match of the
  // regular expression to the location in the message where the key was found".
  const at = src.indexOf(key);
  if (at < 0) return undefined;
  const m = re.matcher(src.slice(at + key.length));
  return m.find() ? (m.group(1) ?? undefined) : undefined;
}

/** Result fields: booleans (from `x = 2 as duo`) as their text, so rows hold only text, numbers and null. */
function outputFields(fields: ReadonlyMap<string, Value>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of fields) out[k] = typeof v === 'boolean' ? String(v) : v;
  return out;
}

function scalarOf(v: EValue): Value {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
}

/** sort: "Default sort order is descending"; numbers numerically, text by code point; nulls last either way. */
function compareForSort(a: Value, b: Value, desc: boolean): number {
  if (a === null || b === null) return a === null && b === null ? 0 : a === null ? 1 : -1;
  const c = order(a, b) ?? String(a).localeCompare(String(b));
  return desc ? -c : c;
}
