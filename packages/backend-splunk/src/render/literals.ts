import type { LiteralStyle } from '@sigmats/text-query';

/**
 * Quoted strings in SPL (search terms, eval/where strings, the argument of `regex`) are all unescaped the same
 * way before use: `\\` → `\`, `\"` → `"`. Nothing else may be escaped: in particular `\*` is not an escape
 * (Search Manual › Backslashes), so a literal `*` can never be written in a search term.
 */
export const SPL_STRING: LiteralStyle = { open: '"', close: '"', escapes: { '\\': '\\\\', '"': '\\"' } };

// Hoisted: these run for every value and field name of every rule.
const NOT_SEARCH_LITERAL = /[*\u0000-\u001f\u007f]/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const SEARCH_NAME = /^[A-Za-z0-9_.]+$/;
const NOT_SEARCH_QUOTABLE = /["\\\u0000-\u001f\u007f]/;
const EVAL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NOT_EVAL_QUOTABLE = /['\\\u0000-\u001f\u007f]/;
const EVAL_RESERVED = new Set(['AND', 'OR', 'NOT', 'LIKE', 'like']);

/** A quoted SPL string holding `text` exactly (after Splunk's unescaping). */
export function splString(text: string): string {
  return '"' + splEscape(text) + '"';
}

/** Escape text to sit inside an SPL string whose quotes the caller writes. */
export function splEscape(text: string): string {
  // Same table as SPL_STRING, without a per-character walk (this runs for every value, and most Windows values
  // hold a backslash): plain-string searches and replaceAll, no regex replace with a `$&` template.
  const backslash = text.includes('\\');
  const quote = text.includes('"');
  if (!backslash && !quote) return text;
  const doubled = backslash ? text.replaceAll('\\', '\\\\') : text;
  return quote ? doubled.replaceAll('"', '\\"') : doubled;
}

/** Characters a search-term literal cannot hold: `*` (always a wildcard) and control characters. */
export function searchLiteralOk(text: string): boolean {
  return !NOT_SEARCH_LITERAL.test(text);
}

/** Any control character: SPL strings have no escape for them, so they go through a regex with `\xNN`. */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** Search-language field name: bare when simple, else "quoted"; reserved words are quoted too. */
const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'CASE', 'TERM', 'search', 'where']);
/**
 * `name=value` terms the search command takes as time modifiers or search directives, not field tests
 * (Search Reference › Time modifiers, including the deprecated ones; savedsearch/savedsplunk). Compared
 * lower-cased; written quoted like the reserved words.
 */
const DIRECTIVES = new Set([
  'earliest',
  'latest',
  '_index_earliest',
  '_index_latest',
  'savedsearch',
  'savedsplunk',
  'starttime',
  'endtime',
  'starttimeu',
  'endtimeu',
  'timeformat',
  'daysago',
  'hoursago',
  'minutesago',
  'monthsago',
  'startdaysago',
  'starthoursago',
  'startminutesago',
  'startmonthsago',
  'enddaysago',
  'endhoursago',
  'endminutesago',
  'endmonthsago',
  'searchtimespandays',
  'searchtimespanhours',
  'searchtimespanminutes',
  'searchtimespanmonths',
]);
export function searchField(name: string): string | undefined {
  // A rule set names few fields, each in many tests: answered once per name.
  const hit = SEARCH_FIELDS.get(name);
  if (hit !== undefined) return hit === null ? undefined : hit;
  const f = searchFieldOf(name);
  if (SEARCH_FIELDS.size >= FIELD_CACHE_LIMIT) SEARCH_FIELDS.clear();
  SEARCH_FIELDS.set(name, f ?? null);
  return f;
}

/** Field names seen (null: not writable); cleared when full, so odd inputs cannot grow it without bound. */
const SEARCH_FIELDS = new Map<string, string | null>();
const FIELD_CACHE_LIMIT = 10_000;

function searchFieldOf(name: string): string | undefined {
  if (SEARCH_NAME.test(name) && !RESERVED.has(name) && !DIRECTIVES.has(name.toLowerCase())) return name;
  if (NOT_SEARCH_QUOTABLE.test(name) || name === '') return undefined;
  return `"${name}"`;
}

/** eval/where field name: bare when an identifier (a `.` would be concatenation), else 'quoted'. */
export function evalField(name: string): string | undefined {
  if (EVAL_NAME.test(name) && !RESERVED.has(name) && !EVAL_RESERVED.has(name)) return name;
  if (NOT_EVAL_QUOTABLE.test(name) || name === '') return undefined;
  return `'${name}'`;
}

/** A number as SPL writes it (no exponent for the usual range). */
export function splNumber(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}
