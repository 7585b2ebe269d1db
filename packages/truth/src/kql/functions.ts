// Scalar functions: each checks its argument types when the query is compiled (a wrong type is a semantic error,
// as in Kusto's analyzer) and returns a closure. Semantics follow the function pages cited in SOURCES.md.
import { RE2JS } from 're2js';
import type { KqlType } from '../types.js';
import type { Expr } from './ast.js';
import { semanticError, unsupported } from './errors.js';
import { ipInRange, ipMatch, ipv4sInText, parseIpv4 } from './ip.js';
import type { Compiled, Row, ScalarScope } from './scalar.js';
import { fold1 } from './scalar.js';
import {
  dynamicToString, isNumericType, jsonEqual, parseDateTimeLiteral, parseTimespanText, toDynamic,
  toKqlString, type Value,
} from './values.js';
import { parseXml } from './xml.js';
import { TYPE_NAMES } from './parser.js';

type Call = Extract<Expr, { kind: 'call' }>;
type CompileFn = (e: Expr, scope: ScalarScope) => Compiled;

/** Aggregation functions: valid only as a summarize aggregate. */
export const AGGREGATES = new Set([
  'count', 'countif', 'dcount', 'dcountif', 'make_set', 'make_set_if', 'make_list', 'make_list_if', 'make_bag',
  'make_bag_if', 'min', 'max', 'minif', 'maxif', 'sum', 'sumif', 'avg', 'avgif', 'percentile', 'take_any', 'any',
  'arg_max', 'arg_min', 'stdev', 'variance', 'percentiles', 'count_distinct', 'makeset', 'makelist', 'hll',
]);

const nul = (v: Value): boolean => v === null || v === undefined;
const stringish = (t: KqlType): boolean => t === 'string' || t === 'dynamic' || t === 'guid';
const text = (v: Value, t: KqlType): string => (t === 'string' ? (v as string) : toKqlString(v, t));

function arity(e: Call, args: readonly Compiled[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw semanticError(`${e.name}() takes ${want} argument(s), got ${args.length}`, e.offset);
  }
}

function needType(e: Call, i: number, a: Compiled, ok: (t: KqlType) => boolean, what: string): void {
  if (!ok(a.type)) throw semanticError(`argument ${i + 1} of ${e.name}() must be ${what}, not ${a.type}`, e.args[i]?.offset ?? e.offset);
}

const isString = (t: KqlType): boolean => stringish(t);
const isNum = (t: KqlType): boolean => isNumericType(t) || t === 'dynamic';

/** A function of the argument values; folded when every argument is constant. */
function fnOf(type: KqlType, args: readonly Compiled[], impl: (vals: Value[], row: Row) => Value): Compiled {
  const n = args.length;
  return fold1(
    {
      type,
      fn: (row) => {
        const vals = new Array<Value>(n);
        for (let i = 0; i < n; i++) vals[i] = args[i]!.fn(row);
        return impl(vals, row);
      },
    },
    args,
  );
}

/** Integer text: decimal digits with an optional sign (no hex, no fraction: assumption A4). */
function parseInteger(s: string): number | null {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) return null;
  return Number(t);
}

function toNumber(v: Value, t: KqlType, integer: boolean): number | null {
  if (nul(v)) return null;
  let n: number | null;
  switch (t) {
    case 'string':
    case 'guid':
      n = integer ? parseInteger(v as string) : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v as string) ? Number(v) : null;
      break;
    case 'bool':
      n = v ? 1 : 0;
      break;
    case 'dynamic':
      if (typeof v === 'number') n = v;
      else if (typeof v === 'string') return toNumber(v, 'string', integer);
      else if (typeof v === 'boolean') n = v ? 1 : 0;
      else n = null;
      break;
    case 'datetime':
    case 'timespan':
      return null;
    default:
      n = v as number;
  }
  if (n === null) return null;
  if (!Number.isFinite(n)) return integer ? null : n;
  return integer ? Math.trunc(n) : n;
}

function toBool(v: Value, t: KqlType): boolean | null {
  if (nul(v)) return null;
  if (t === 'bool') return v as boolean;
  if (isNumericType(t)) return (v as number) !== 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const l = v.trim().toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
    const n = parseInteger(l);
    return n === null ? null : n !== 0;
  }
  return null;
}

function toDateTime(v: Value, t: KqlType): Date | null {
  if (nul(v)) return null;
  if (t === 'datetime') return v as Date;
  if (t === 'string' || t === 'dynamic') {
    if (typeof v !== 'string') return null;
    const ms = parseDateTimeLiteral(v);
    return ms === undefined ? null : new Date(ms);
  }
  return null;
}

/** parse_json(): strings are parsed (an invalid JSON text stays a dynamic string), dynamic values pass through. */
export function parseJson(v: Value, t: KqlType): Value {
  if (nul(v)) return null;
  if (t === 'dynamic') return v;
  if (t === 'string') {
    try {
      return JSON.parse(v as string) as Value;
    } catch {
      return v;
    }
  }
  return toDynamic(v, t);
}

const DOTNET_EPOCH_MS = 62_135_596_800_000; // 0001-01-01 to 1970-01-01

/** bin(): round down to a multiple of the size (datetimes from 0001-01-01, assumption A5). */
function bin(v: Value, size: Value, t: KqlType): Value {
  if (nul(v) || nul(size)) return null;
  const s = size as number;
  if (s <= 0) return null;
  if (t === 'datetime') {
    const ms = (v as Date).getTime() + DOTNET_EPOCH_MS;
    return new Date(Math.floor(ms / s) * s - DOTNET_EPOCH_MS);
  }
  return Math.floor((v as number) / s) * s;
}

/** ISO 8601 week of the year (week_of_year). */
function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

function datePart(part: string, d: Date): number | null {
  switch (part.toLowerCase()) {
    case 'year': return d.getUTCFullYear();
    case 'quarter': return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month': return d.getUTCMonth() + 1;
    case 'week_of_year': return isoWeek(d);
    case 'day': return d.getUTCDate();
    case 'dayofyear': return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'hour': return d.getUTCHours();
    case 'minute': return d.getUTCMinutes();
    case 'second': return d.getUTCSeconds();
    case 'millisecond': return d.getUTCMilliseconds();
    case 'microsecond': return d.getUTCMilliseconds() * 1000;
    case 'nanosecond': return d.getUTCMilliseconds() * 1_000_000;
    default: return null;
  }
}

/** Compiled RE2 patterns, shared by every run (a query is run many times); bounded so it cannot grow without end. */
const regexCache = new Map<string, RE2JS>();
export function re2(pattern: string, offset: number): RE2JS {
  let r = regexCache.get(pattern);
  if (!r) {
    try {
      r = RE2JS.compile(pattern);
    } catch (err) {
      throw semanticError(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message}`, offset);
    }
    if (regexCache.size >= 10_000) regexCache.clear();
    regexCache.set(pattern, r);
  }
  return r;
}

/** replace_regex's rewrite: \1..\9 (and $1) refer to capture groups. */
function rewriteWith(rewrite: string, groups: (string | null)[]): string {
  return rewrite.replace(/\\(\d)|\$(\d)/g, (_, a: string | undefined, b: string | undefined) => groups[Number(a ?? b)] ?? '');
}

/** All IP ranges of an ipv4_is_in_any_range argument list (strings or dynamic arrays of strings). */
function flatStrings(vals: Value[], types: readonly KqlType[]): string[] {
  const out: string[] = [];
  vals.forEach((v, i) => {
    if (types[i] === 'dynamic' && Array.isArray(v)) for (const x of v) out.push(dynamicToString(x as Value));
    else out.push(text(v, types[i]!));
  });
  return out;
}

type Impl = (e: Call, args: Compiled[], scope: ScalarScope) => Compiled;

const strFn = (f: (s: string) => Value, type: KqlType): Impl => (e, args) => {
  arity(e, args, 1);
  needType(e, 0, args[0]!, isString, 'a string');
  const t = args[0]!.type;
  return fnOf(type, args, ([v]) => f(text(v, t)));
};

const FUNCTIONS: Readonly<Record<string, Impl>> = {
  not: (e, args) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, (t) => t === 'bool' || t === 'dynamic', 'bool');
    return fnOf('bool', args, ([v]) => (typeof v === 'boolean' ? !v : null));
  },
  isnull: (e, args) => {
    arity(e, args, 1);
    // A string is never null in Kusto (isnull("") is false).
    return fnOf('bool', args, ([v]) => nul(v));
  },
  isnotnull: (e, args) => {
    arity(e, args, 1);
    return fnOf('bool', args, ([v]) => !nul(v));
  },
  isempty: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('bool', args, ([v]) => nul(v) || (t === 'string' ? v === '' : t === 'dynamic' ? v === '' : false));
  },
  isnotempty: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('bool', args, ([v]) => !(nul(v) || (t === 'string' ? v === '' : t === 'dynamic' ? v === '' : false)));
  },
  tostring: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('string', args, ([v]) => toKqlString(v, t));
  },
  tolong: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('long', args, ([v]) => toNumber(v, t, true));
  },
  toint: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('int', args, ([v]) => {
      const n = toNumber(v, t, true);
      return n === null || n > 2_147_483_647 || n < -2_147_483_648 ? null : n;
    });
  },
  toreal: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('real', args, ([v]) => toNumber(v, t, false));
  },
  tobool: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('bool', args, ([v]) => toBool(v, t));
  },
  todatetime: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('datetime', args, ([v]) => toDateTime(v, t));
  },
  totimespan: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('timespan', args, ([v]) => {
      if (nul(v)) return null;
      if (t === 'timespan') return v;
      if (typeof v === 'string') return parseTimespanText(v) ?? null;
      return null;
    });
  },
  parse_json: (e, args) => {
    arity(e, args, 1);
    const t = args[0]!.type;
    return fnOf('dynamic', args, ([v]) => parseJson(v, t));
  },
  parse_xml: (e, args) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, (t) => t === 'string' || t === 'dynamic', 'a string');
    const t = args[0]!.type;
    return fnOf('dynamic', args, ([v]) => (nul(v) ? null : parseXml(text(v, t))));
  },
  iff: (e, args) => {
    arity(e, args, 3);
    needType(e, 0, args[0]!, (t) => t === 'bool' || t === 'dynamic', 'bool');
    const [c, a, b] = args as [Compiled, Compiled, Compiled];
    const type = resultType(e, [a, b]);
    return fold1({ type, fn: (row) => (c.fn(row) === true ? a.fn(row) : b.fn(row)) }, args);
  },
  case: (e, args) => {
    if (args.length < 3 || args.length % 2 === 0) throw semanticError('case() takes predicate/value pairs and an else value', e.offset);
    const preds: Compiled[] = [];
    const vals: Compiled[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      needType(e, i, args[i]!, (t) => t === 'bool' || t === 'dynamic', 'bool');
      preds.push(args[i]!);
      vals.push(args[i + 1]!);
    }
    const otherwise = args[args.length - 1]!;
    const type = resultType(e, [...vals, otherwise]);
    return fold1(
      {
        type,
        fn: (row) => {
          for (let i = 0; i < preds.length; i++) if (preds[i]!.fn(row) === true) return vals[i]!.fn(row);
          return otherwise.fn(row);
        },
      },
      args,
    );
  },
  // tohex(value, [minLength]): "Converts input to a hexadecimal string" of an int or long, lower case, negatives as
  // their two's complement of the type's size (tohex(-256) == 'ffffffffffffff00', tohex(toint(-256), 8) == 'ffffff00'),
  // padded with zeros to minLength (1-16); null when the conversion fails.
  tohex: (e, args) => {
    arity(e, args, 1, 2);
    const t = args[0]!.type;
    if (t !== 'int' && t !== 'long') throw semanticError(`tohex() takes an int or long, got ${t}`, e.offset);
    return fnOf('string', args, ([v, min]) => {
      if (nul(v) || typeof v !== 'number' || !Number.isInteger(v)) return null;
      const bits = t === 'int' ? 32n : 64n;
      const n = BigInt(v);
      const hex = (n < 0n ? (1n << bits) + n : n).toString(16);
      const width = typeof min === 'number' ? Math.min(16, Math.max(1, min)) : 1;
      return hex.padStart(width, '0');
    });
  },
  strcat: (e, args) => {
    arity(e, args, 1, 64);
    const types = args.map((a) => a.type);
    return fnOf('string', args, (vals) => vals.map((v, i) => text(v, types[i]!)).join(''));
  },
  strcat_delim: (e, args) => {
    arity(e, args, 3, 65);
    const types = args.map((a) => a.type);
    return fnOf('string', args, (vals) => vals.slice(1).map((v, i) => text(v, types[i + 1]!)).join(text(vals[0], types[0]!)));
  },
  strlen: strFn((s) => [...s].length, 'long'),
  tolower: strFn((s) => s.toLowerCase(), 'string'),
  toupper: strFn((s) => s.toUpperCase(), 'string'),
  substring: (e, args) => {
    arity(e, args, 2, 3);
    const t = args[0]!.type;
    return fnOf('string', args, ([s, start, len]) => {
      const str = text(s, t);
      const a = Math.max(0, (start as number) ?? 0);
      return len === undefined || len === null ? str.slice(a) : str.slice(a, a + Math.max(0, len as number));
    });
  },
  indexof: (e, args) => {
    arity(e, args, 2);
    const [ta, tb] = [args[0]!.type, args[1]!.type];
    return fnOf('long', args, ([s, n]) => text(s, ta).indexOf(text(n, tb)));
  },
  replace_string: (e, args) => {
    arity(e, args, 3);
    args.forEach((a, i) => needType(e, i, a, isString, 'a string'));
    const ts = args.map((a) => a.type);
    return fnOf('string', args, ([s, lookup, rewrite]) => {
      const l = text(lookup, ts[1]!);
      const str = text(s, ts[0]!);
      return l === '' ? str : str.split(l).join(text(rewrite, ts[2]!));
    });
  },
  replace_regex: (e, args) => {
    arity(e, args, 3);
    args.forEach((a, i) => needType(e, i, a, isString, 'a string'));
    const ts = args.map((a) => a.type);
    return fnOf('string', args, ([s, re, rewrite]) => {
      const r = re2(text(re, ts[1]!), e.offset);
      const str = text(s, ts[0]!);
      const rw = text(rewrite, ts[2]!);
      let out = '';
      let last = 0;
      const m = r.matcher(str);
      while (m.find()) {
        const groups: (string | null)[] = [];
        for (let g = 0; g <= r.groupCount(); g++) groups.push(m.group(g));
        out += str.slice(last, m.start()) + rewriteWith(rw, groups);
        last = m.end();
      }
      return out + str.slice(last);
    });
  },
  split: (e, args) => {
    arity(e, args, 2, 3);
    needType(e, 0, args[0]!, isString, 'a string');
    const ts = args.map((a) => a.type);
    return fnOf('dynamic', args, ([s, d, idx]) => {
      const parts = text(s, ts[0]!).split(text(d, ts[1]!));
      if (idx === undefined) return parts;
      if (nul(idx)) return null;
      const i = idx as number;
      const p = parts[i < 0 ? parts.length + i : i];
      return p === undefined ? [] : [p];
    });
  },
  array_length: (e, args) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, (t) => t === 'dynamic', 'dynamic');
    return fnOf('long', args, ([v]) => (Array.isArray(v) ? v.length : null));
  },
  bag_keys: (e, args) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, (t) => t === 'dynamic', 'dynamic');
    return fnOf('dynamic', args, ([v]) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : null));
  },
  // pack_array(v1, …): "Packs all input values into a dynamic array" (SOURCES.md).
  pack_array: (e, args) => {
    if (args.length === 0) throw semanticError('pack_array() needs at least one value', e.offset);
    const ts = args.map((a) => a.type);
    return fnOf('dynamic', args, (vals) => vals.map((v, i) => toDynamic(v, ts[i]!)));
  },
  bag_pack: (e, args) => {
    if (args.length % 2 !== 0) throw semanticError('bag_pack() takes key/value pairs', e.offset);
    for (let i = 0; i < args.length; i += 2) needType(e, i, args[i]!, (t) => t === 'string' || t === 'dynamic', 'a string key');
    const ts = args.map((a) => a.type);
    return fnOf('dynamic', args, (vals) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < vals.length; i += 2) out[text(vals[i], ts[i]!)] = toDynamic(vals[i + 1], ts[i + 1]!);
      return out;
    });
  },
  set_has_element: (e, args) => {
    arity(e, args, 2);
    needType(e, 0, args[0]!, (t) => t === 'dynamic', 'dynamic');
    const t = args[1]!.type;
    return fnOf('bool', args, ([arr, v]) => {
      if (!Array.isArray(arr)) return false;
      const d = toDynamic(v, t);
      return arr.some((x) => jsonEqual(x, d));
    });
  },
  // extract(regex, group, source [, typeof(T)]): "If there's no match, or the type conversion fails: null" (SOURCES.md),
  // which for a string result is "" (a string is never null). The type literal is read by callFunction.
  extract: (e, args) => {
    arity(e, args, 3);
    needType(e, 0, args[0]!, (t) => t === 'string', 'a string');
    needType(e, 1, args[1]!, isNumericType, 'a number');
    const t = args[2]!.type;
    return fnOf('string', args, ([re, g, s]) => {
      const r = re2(re as string, e.offset);
      const m = r.matcher(text(s, t));
      if (!m.find()) return '';
      const gi = g as number;
      if (gi > r.groupCount()) return '';
      return m.group(gi) ?? '';
    });
  },
  // extract_all(regex, source): every match; one capture group gives the matched values, several give one array of
  // groups per match; no match gives null (SOURCES.md). A group that took no part in a match is "" (assumption A14).
  extract_all: (e, args) => {
    arity(e, args, 2);
    needType(e, 0, args[0]!, (t) => t === 'string', 'a string');
    needType(e, 1, args[1]!, isString, 'a string');
    const t = args[1]!.type;
    return fnOf('dynamic', args, ([re, s]) => {
      const r = re2(re as string, e.offset);
      const groups = r.groupCount();
      if (groups < 1 || groups > 16) throw semanticError('extract_all() needs a regular expression with 1 to 16 capture groups', e.offset);
      const str = text(s, t);
      const m = r.matcher(str);
      const out: unknown[] = [];
      while (m.find()) {
        const found: string[] = [];
        for (let g = 1; g <= groups; g++) found.push(m.group(g) ?? '');
        out.push(groups === 1 ? found[0] : found);
        // An empty match must not stop the scan at the same position.
        if (m.end() === m.start() && m.end() >= str.length) break;
      }
      return out.length === 0 ? null : out;
    });
  },
  // url_decode(encoded_url): "converts an encoded URL into a regular URL representation" (percent-encoding,
  // SOURCES.md); how it treats "+" and malformed escapes is assumption A15.
  url_decode: strFn((s) => percentDecode(s), 'string'),
  // strcat_array(array, delimiter): "Creates a concatenated string of array values using a specified delimiter".
  strcat_array: (e, args) => {
    arity(e, args, 2);
    needType(e, 0, args[0]!, (t) => t === 'dynamic', 'dynamic');
    needType(e, 1, args[1]!, isString, 'a string');
    const t = args[1]!.type;
    return fnOf('string', args, ([arr, d]) => (Array.isArray(arr) ? arr.map((x) => dynamicToString(x as Value)).join(text(d, t)) : ''));
  },
  // array_slice(array, start, end): both ends inclusive, "Negative values are converted to array_length+start",
  // "Out of bounds indices are ignored" (SOURCES.md).
  array_slice: (e, args) => {
    arity(e, args, 3);
    needType(e, 0, args[0]!, (t) => t === 'dynamic', 'dynamic');
    needType(e, 1, args[1]!, isNumericType, 'a number');
    needType(e, 2, args[2]!, isNumericType, 'a number');
    return fnOf('dynamic', args, ([arr, a, b]) => {
      if (!Array.isArray(arr) || nul(a) || nul(b)) return null;
      const n = arr.length;
      const from = Math.max(0, (a as number) < 0 ? n + (a as number) : (a as number));
      const to = Math.min(n - 1, (b as number) < 0 ? n + (b as number) : (b as number));
      return from > to ? [] : arr.slice(from, to + 1);
    });
  },
  coalesce: (e, args) => {
    arity(e, args, 2, 64);
    const type = resultType(e, args);
    return fnOf(type, args, (vals) => vals.find((v) => !nul(v) && !(type === 'string' && v === '')) ?? (type === 'string' ? '' : null));
  },
  ipv4_is_in_range: (e, args) => ipFn(e, args, 2, ([ip, r]) => ipInRange(ip!, r!, false)),
  ipv6_is_in_range: (e, args) => ipFn(e, args, 2, ([ip, r]) => ipInRange(ip!, r!, true)),
  ipv4_is_match: (e, args) => ipPrefixFn(e, args, false),
  ipv6_is_match: (e, args) => ipPrefixFn(e, args, true),
  ipv4_is_in_any_range: (e, args) => {
    arity(e, args, 2, 256);
    args.forEach((a, i) => needType(e, i, a, isString, 'a string'));
    const ts = args.map((a) => a.type);
    return fnOf('bool', args, (vals) => {
      const ip = text(vals[0], ts[0]!);
      if (!parseIpv4(ip)) return null;
      return flatStrings(vals.slice(1), ts.slice(1)).some((r) => ipInRange(ip, r, false) === true);
    });
  },
  ipv4_is_private: (e, args) => ipFn(e, args, 1, ([ip]) => {
    if (!parseIpv4(ip!)) return null;
    return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((r) => ipInRange(ip!, r, false) === true);
  }),
  has_ipv4: (e, args) => ipFn(e, args, 2, ([s, ip]) => (parseIpv4(ip!)?.prefix === 32 ? ipv4sInText(s!).includes(ip!.trim()) : false)),
  has_ipv4_prefix: (e, args) => ipFn(e, args, 2, ([s, p]) => ipv4PrefixIn(s!, [p!])),
  has_any_ipv4_prefix: (e, args) => {
    arity(e, args, 2, 256);
    args.forEach((a, i) => needType(e, i, a, isString, 'a string'));
    const ts = args.map((a) => a.type);
    return fnOf('bool', args, (vals) => ipv4PrefixIn(text(vals[0], ts[0]!), flatStrings(vals.slice(1), ts.slice(1))));
  },
  has_any_ipv4: (e, args) => {
    arity(e, args, 2, 256);
    args.forEach((a, i) => needType(e, i, a, isString, 'a string'));
    const ts = args.map((a) => a.type);
    return fnOf('bool', args, (vals) => {
      const found = new Set(ipv4sInText(text(vals[0], ts[0]!)));
      return flatStrings(vals.slice(1), ts.slice(1)).some((ip) => found.has(ip.trim()));
    });
  },
  // now() and ago() read the run's clock: never folded, so a compiled query can be reused at another time.
  ago: (e, args, scope) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, (t) => t === 'timespan', 'a timespan');
    const [span] = args as [Compiled];
    return { type: 'datetime', fn: (row) => { const v = span.fn(row); return nul(v) ? null : new Date(scope.clock().getTime() - (v as number)); } };
  },
  now: (e, args, scope) => {
    arity(e, args, 0, 1);
    const offset = args[0];
    return { type: 'datetime', fn: (row) => new Date(scope.clock().getTime() + ((offset?.fn(row) as number | null) ?? 0)) };
  },
  bin: (e, args) => {
    arity(e, args, 2);
    const [a, b] = args as [Compiled, Compiled];
    const ok = (isNumericType(a.type) && isNumericType(b.type)) || ((a.type === 'datetime' || a.type === 'timespan') && b.type === 'timespan');
    if (!ok) throw semanticError(`bin() is not defined for ${a.type} and ${b.type}`, e.offset);
    const t = a.type;
    return fnOf(a.type, args, ([v, s]) => bin(v, s, t));
  },
  datetime_part: (e, args) => {
    arity(e, args, 2);
    needType(e, 1, args[1]!, (t) => t === 'datetime', 'a datetime');
    return fnOf('int', args, ([p, d]) => (nul(d) ? null : datePart(p as string, d as Date)));
  },
  hourofday: dateFn((d) => d.getUTCHours()),
  dayofmonth: dateFn((d) => d.getUTCDate()),
  week_of_year: dateFn(isoWeek),
  getmonth: dateFn((d) => d.getUTCMonth() + 1),
  getyear: dateFn((d) => d.getUTCFullYear()),
  parse_path: (e, args) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, isString, 'a string');
    const t = args[0]!.type;
    return fnOf('dynamic', args, ([v]) => parsePath(text(v, t)));
  },
  typeof: () => {
    throw unsupported('typeof() is only supported in mv-apply/mv-expand `to typeof(T)`');
  },
};

/** has_ipv4_prefix: a valid prefix is one to three octets ending with a dot (or a whole address). */
function ipv4PrefixIn(textValue: string, prefixes: readonly string[]): boolean {
  const valid = prefixes.map((p) => p.trim()).filter((p) => (/^(\d{1,3}\.){1,3}$/.test(p) && p.split('.').slice(0, -1).every((o) => Number(o) <= 255)) || parseIpv4(p)?.prefix === 32);
  if (valid.length === 0) return false;
  const found = ipv4sInText(textValue);
  return found.some((ip) => valid.some((p) => (p.endsWith('.') ? ip.startsWith(p) : ip === p)));
}

function dateFn(f: (d: Date) => number): Impl {
  return (e, args) => {
    arity(e, args, 1);
    needType(e, 0, args[0]!, (t) => t === 'datetime', 'a datetime');
    return fnOf('int', args, ([d]) => (nul(d) ? null : f(d as Date)));
  };
}

function ipFn(e: Call, args: Compiled[], n: number, f: (texts: string[]) => boolean | null): Compiled {
  arity(e, args, n);
  args.forEach((a, i) => needType(e, i, a, isString, 'a string'));
  const ts = args.map((a) => a.type);
  return fnOf('bool', args, (vals) => f(vals.map((v, i) => text(v, ts[i]!))));
}

function ipPrefixFn(e: Call, args: Compiled[], v6: boolean): Compiled {
  arity(e, args, 2, 3);
  needType(e, 0, args[0]!, isString, 'a string');
  needType(e, 1, args[1]!, isString, 'a string');
  if (args[2]) needType(e, 2, args[2], isNum, 'a number');
  const ts = args.map((a) => a.type);
  return fnOf('bool', args, ([a, b, p]) => ipMatch(text(a, ts[0]!), text(b, ts[1]!), v6, p as number | null | undefined));
}

/**
 * parse_path(): the documented bag {Scheme, RootPath, DirectoryPath, DirectoryName, Filename, Extension,
 * AlternateDataStreamName} for Windows, UNC and Unix paths and file URLs (simplified: SOURCES.md).
 */
function parsePath(p: string): Record<string, string> {
  let scheme = '';
  let rest = p;
  const sm = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(p);
  if (sm) {
    scheme = sm[1]!;
    rest = p.slice(sm[0].length);
  }
  let root = '';
  const rm = /^([A-Za-z]:[\\/]?|\\\\[^\\]+\\[^\\]+\\?|\/)/.exec(rest);
  if (rm) root = rm[1]!;
  const sep = Math.max(rest.lastIndexOf('\\'), rest.lastIndexOf('/'));
  const dirPath = sep >= 0 ? rest.slice(0, sep) : '';
  let file = sep >= 0 ? rest.slice(sep + 1) : rest;
  let ads = '';
  const colon = file.indexOf(':');
  if (colon >= 0) {
    ads = file.slice(colon + 1);
    file = file.slice(0, colon);
  }
  const dot = file.lastIndexOf('.');
  const dsep = Math.max(dirPath.lastIndexOf('\\'), dirPath.lastIndexOf('/'));
  return {
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: dirPath,
    DirectoryName: dsep >= 0 ? dirPath.slice(dsep + 1) : dirPath,
    Filename: file,
    Extension: dot >= 0 ? file.slice(dot + 1) : '',
    AlternateDataStreamName: ads,
  };
}

/** The common type of iff/case/coalesce branches (numbers widen; anything else must agree). */
function resultType(e: Call, parts: readonly Compiled[]): KqlType {
  let t = parts[0]!.type;
  for (const p of parts.slice(1)) {
    if (p.type === t) continue;
    if (isNumericType(p.type) && isNumericType(t)) t = t === 'real' || p.type === 'real' ? 'real' : 'long';
    else throw semanticError(`${e.name}() branches have different types (${t} and ${p.type})`, e.offset);
  }
  return t;
}

const ALIASES: Readonly<Record<string, string>> = {
  iif: 'iff', todynamic: 'parse_json', toobject: 'parse_json', parsejson: 'parse_json', todouble: 'toreal',
  toboolean: 'tobool', pack: 'bag_pack', floor: 'bin', todecimal: 'toreal',
};

/** Compile a call: a scalar function (aggregates are compiled by summarize). */
export function callFunction(e: Call, scope: ScalarScope, compile: CompileFn): Compiled {
  if (AGGREGATES.has(e.name)) {
    throw semanticError(`${e.name}() is an aggregation function: it is only valid as a summarize aggregate`, e.offset);
  }
  const name = ALIASES[e.name] || e.name;
  if (name === 'column_ifexists') return columnIfExists(e, scope, compile);
  const impl = FUNCTIONS[name];
  if (!impl) throw unsupported(`function '${e.name}()' is not supported`, e.offset);
  // extract()'s optional fourth argument is a type literal, typeof(T): the match converted to T.
  if (name === 'extract' && e.args.length === 4) {
    const to = typeLiteral(e.args[3]!);
    const plain = impl({ ...e, args: e.args.slice(0, 3) }, e.args.slice(0, 3).map((a) => compile(a, scope)), scope);
    return to === 'string' ? plain : convertTo(plain, to, e);
  }
  const args = e.args.map((a) => compile(a, scope));
  return impl(e, args, scope);
}

/** `typeof(T)` as a type: anything else is an error. */
function typeLiteral(a: Expr): KqlType {
  const t = a.kind === 'call' && a.name === 'typeof' && a.args.length === 1 && a.args[0]!.kind === 'name' ? TYPE_NAMES[a.args[0]!.name] : undefined;
  if (!t) throw semanticError('expected a type literal typeof(T)', a.offset);
  return t;
}

/** A string result converted to `to` as extract() does: a failed conversion is null (SOURCES.md). */
function convertTo(c: Compiled, to: KqlType, e: Call): Compiled {
  const fn = c.fn;
  switch (to) {
    case 'int':
    case 'long':
      return { type: to, fn: (row) => { const s = fn(row) as string; return s === '' ? null : toNumber(s, 'string', true); } };
    case 'real':
    case 'decimal':
      return { type: to, fn: (row) => { const s = fn(row) as string; return s === '' ? null : toNumber(s, 'string', false); } };
    case 'bool':
      return { type: to, fn: (row) => toBool(fn(row), 'string') };
    case 'datetime':
      return { type: to, fn: (row) => toDateTime(fn(row), 'string') };
    case 'dynamic':
      return { type: to, fn: (row) => { const s = fn(row) as string; return s === '' ? null : s; } };
    default:
      throw unsupported(`extract() to ${to} is not supported`, e.offset);
  }
}

/**
 * column_ifexists(columnName, defaultValue): "If columnName exists, then the column it refers to. Otherwise defaultValue"
 * (SOURCES.md).
 * Decided when the query is compiled, from the input's columns: the name must be a string literal.
 */
function columnIfExists(e: Call, scope: ScalarScope, compile: CompileFn): Compiled {
  if (e.args.length !== 2) throw semanticError(`column_ifexists() takes 2 argument(s), got ${e.args.length}`, e.offset);
  const [nameArg, fallback] = e.args as [Expr, Expr];
  if (nameArg.kind !== 'literal' || nameArg.type !== 'string') throw semanticError('column_ifexists() needs a column name as a string literal', nameArg.offset);
  const column = nameArg.value as string;
  if (scope.columns[column] === undefined) return compile(fallback, scope);
  return compile({ kind: 'name', name: column, offset: nameArg.offset }, scope);
}

/** Percent-decoding (url_decode): %XX sequences read as UTF-8 bytes; anything else, "+" included, is kept (A15). */
function percentDecode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Bytes that are not UTF-8: decode each escape that is, keep the others as written.
      return run.replace(/%[0-9A-Fa-f]{2}/g, (x) => {
        const b = parseInt(x.slice(1), 16);
        return b < 0x80 ? String.fromCharCode(b) : x;
      });
    }
  });
}
