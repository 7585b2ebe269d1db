import { syntaxError } from './errors.js';

/** A lexical token with its offset in the query text. */
export type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'number'; readonly value: number; readonly real: boolean; readonly offset: number }
  | { readonly kind: 'timespan'; readonly ms: number; readonly offset: number }
  | { readonly kind: 'op'; readonly text: string; readonly offset: number }
  /** The body of datetime(…), timespan(…), guid(…): raw text, since `2015-12-31 23:59` does not tokenize. */
  | { readonly kind: 'raw'; readonly text: string; readonly offset: number }
  | { readonly kind: 'eof'; readonly offset: number };

/** Operator keywords that are written with a hyphen (`mv-apply`) and read as one word. */
const HYPHENATED = new Set([
  'mv-apply', 'mv-expand', 'project-rename', 'project-away', 'project-keep', 'project-reorder', 'make-series', 'parse-where',
  'parse-kv', 'top-nested', 'top-hitters', 'project-smart', 'sample-distinct',
]);

/** Negated string operators written `!name` (`!has`, `!contains_cs`, `!in`, ...): one token. */
const NEGATABLE = new Set([
  'has', 'has_cs', 'hasprefix', 'hasprefix_cs', 'hassuffix', 'hassuffix_cs', 'contains', 'contains_cs',
  'startswith', 'startswith_cs', 'endswith', 'endswith_cs', 'in', 'between',
]);

/** Timespan literal units (1d, 2h, 30m, 10s, 100ms, ...) in milliseconds. */
const TIMESPAN_UNITS: Readonly<Record<string, number>> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001,
  tick: 0.0001, ticks: 0.0001,
};

/** Multi-character punctuation, longest first. */
const PUNCT = ['..', '==', '!=', '=~', '!~', '<=', '>=', '=>', '<>', '|', '(', ')', '[', ']', '{', '}', ',', ';', '.', '=', '<', '>', '+', '-', '*', '/', '%', ':'];

/** Literal constructors whose parenthesised body is raw text. */
const RAW_LITERALS = new Set(['datetime', 'date', 'timespan', 'time', 'guid', 'uniqueid']);

const isIdStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isIdPart = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Read a "…" or '…' literal body with KQL's escapes (\\ \" \' \n \r \t \uXXXX). */
function readEscaped(src: string, start: number, quote: string): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  for (;;) {
    const c = src[i];
    if (c === undefined || c === '\n' || c === '\r') throw syntaxError('unterminated string literal', start);
    if (c === quote) return { value: out, end: i + 1 };
    if (c === '\\') {
      const e = src[i + 1];
      switch (e) {
        case '\\': out += '\\'; break;
        case '"': out += '"'; break;
        case "'": out += "'"; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = src.slice(i + 2, i + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw syntaxError('bad \\u escape in string literal', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          throw syntaxError(`unknown escape \\${e ?? ''} in string literal`, i);
      }
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
}

/** Read a verbatim @"…" / @'…' literal: no escapes except the doubled quote. */
function readVerbatim(src: string, start: number, quote: string): { value: string; end: number } {
  let out = '';
  let i = start + 2;
  for (;;) {
    const c = src[i];
    if (c === undefined || c === '\n' || c === '\r') throw syntaxError('unterminated verbatim string literal', start);
    if (c === quote) {
      if (src[i + 1] === quote) {
        out += quote;
        i += 2;
        continue;
      }
      return { value: out, end: i + 1 };
    }
    out += c;
    i++;
  }
}

/** A string literal at `i` (optionally prefixed by h/H for an obfuscated literal, or @ for verbatim), or undefined. */
function readString(src: string, i: number): { value: string; end: number } | undefined {
  let j = i;
  if ((src[j] === 'h' || src[j] === 'H') && (src[j + 1] === '"' || src[j + 1] === "'" || src[j + 1] === '@')) j++;
  if (src[j] === '@' && (src[j + 1] === '"' || src[j + 1] === "'")) return readVerbatim(src, j, src[j + 1]!);
  if (src[j] === '"' || src[j] === "'") {
    if (src.startsWith('```', j)) throw syntaxError('multi-line string literals are not supported', j);
    return readEscaped(src, j, src[j]!);
  }
  return undefined;
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const str = readString(src, i);
    if (str) {
      out.push({ kind: 'string', value: str.value, offset: i });
      i = str.end;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const start = i;
      if (c === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X')) {
        i += 2;
        while (/[0-9A-Fa-f]/.test(src[i] ?? '')) i++;
        out.push({ kind: 'number', value: parseInt(src.slice(start + 2, i), 16), real: false, offset: start });
        continue;
      }
      while (isDigit(src[i] ?? '')) i++;
      let real = false;
      if (src[i] === '.' && src[i + 1] !== '.') {
        real = true;
        i++;
        while (isDigit(src[i] ?? '')) i++;
      }
      if ((src[i] === 'e' || src[i] === 'E') && /[0-9+-]/.test(src[i + 1] ?? '')) {
        real = true;
        i += 2;
        while (isDigit(src[i] ?? '')) i++;
      }
      const num = Number(src.slice(start, i));
      if (isIdStart(src[i] ?? '')) {
        let j = i;
        while (isIdPart(src[j] ?? '')) j++;
        const unit = TIMESPAN_UNITS[src.slice(i, j).toLowerCase()];
        if (unit === undefined) throw syntaxError(`bad numeric literal '${src.slice(start, j)}'`, start);
        out.push({ kind: 'timespan', ms: num * unit, offset: start });
        i = j;
        continue;
      }
      out.push({ kind: 'number', value: num, real, offset: start });
      continue;
    }
    if (isIdStart(c)) {
      const start = i;
      i++;
      while (isIdPart(src[i] ?? '')) i++;
      let text = src.slice(start, i);
      if (src[i] === '-' && isIdStart(src[i + 1] ?? '')) {
        let j = i + 1;
        while (isIdPart(src[j] ?? '') || src[j] === '-') j++;
        const joined = src.slice(start, j);
        if (HYPHENATED.has(joined)) {
          text = joined;
          i = j;
        }
      }
      if (text === 'in' && src[i] === '~') {
        text = 'in~';
        i++;
      }
      out.push({ kind: 'ident', text, offset: start });
      if (RAW_LITERALS.has(text) && src[i] === '(') {
        const close = src.indexOf(')', i);
        if (close < 0) throw syntaxError(`unterminated ${text}(…) literal`, start);
        out.push({ kind: 'op', text: '(', offset: i });
        out.push({ kind: 'raw', text: src.slice(i + 1, close).trim(), offset: i + 1 });
        out.push({ kind: 'op', text: ')', offset: close });
        i = close + 1;
      }
      continue;
    }
    if (c === '!' && isIdStart(src[i + 1] ?? '')) {
      let j = i + 1;
      while (isIdPart(src[j] ?? '')) j++;
      let word = src.slice(i + 1, j);
      if (NEGATABLE.has(word)) {
        if (word === 'in' && src[j] === '~') {
          word = 'in~';
          j++;
        }
        out.push({ kind: 'op', text: '!' + word, offset: i });
        i = j;
        continue;
      }
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (p === undefined) throw syntaxError(`unexpected character '${c}'`, i);
    out.push({ kind: 'op', text: p, offset: i });
    i += p.length;
  }
  out.push({ kind: 'eof', offset: src.length });
  return out;
}
