// KQL string literals. In "…" only \\ \" \' \t \n \r and \uXXXX are valid escapes (`"\."` is a syntax error);
// a raw line break ends the literal. Verbatim @"…" has one escape ("" for ") and cannot hold a line break.
import { escapeWith, quote, type LiteralStyle } from '@sigmats/text-query';

/**
 * Characters a verbatim @"…" literal cannot hold: those that end a line for the Kusto lexer (\n \r U+0085
 * U+2028 U+2029) and the other control characters. One precompiled scan: this runs for every value.
 */
const NOT_VERBATIM = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

const hex4 = (code: number): string => '\\u' + code.toString(16).padStart(4, '0');

/** The "…" literal as data: the escapes Kusto defines, \uXXXX for other control characters and line breaks. */
export const KQL_STRING: LiteralStyle = {
  open: '"',
  close: '"',
  escapes: {
    ...Object.fromEntries(
      [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f, 0x85, 0x2028, 0x2029].map((c) => [String.fromCodePoint(c), hex4(c)]),
    ),
    '\\': '\\\\',
    '"': '\\"',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
  },
};

/** A regular "…" literal: always valid, any text. */
export function kqlString(text: string): string {
  return quote(text, KQL_STRING);
}

/** A verbatim @"…" literal when the text allows it (the readable form for paths and regexes), else "…". */
export function kqlVerbatim(text: string): string {
  if (NOT_VERBATIM.test(text)) return kqlString(text);
  return '@"' + (text.includes('"') ? text.replaceAll('"', '""') : text) + '"';
}

/** Literal for a plain value: verbatim when it holds a backslash (Windows paths read as written), else "…". */
export function kqlValue(text: string): string {
  return text.includes('\\') ? kqlVerbatim(text) : kqlString(text);
}

/** A name KQL reads bare (a column, a table), before the words it reserves are considered. */
export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UPPER = /[A-Z]/;
// Boolean literals in any case (`True`, `FALSE`, ...): a bare column so named would read as the constant.
const BOOLEAN_WORDS = new Set(['true', 'false']);
// Words the parser would not read as a column name in a where clause.
const COLUMN_ESCAPES: Readonly<Record<string, string>> = { ...KQL_STRING.escapes, "'": "\\'" };

/**
 * A column reference: bare when it is a plain identifier with an upper-case letter, else ['name'] (quoted with
 * \-escapes). KQL keywords are all lower case (`to`, `by`, `has_cs`, …) and too many to list safely, so an
 * all-lower-case name is always quoted; every Defender and Sentinel column has an upper-case letter.
 */
export function kqlColumn(name: string): string {
  // A rule set names few fields, each in many tests: answered once per name.
  let ref = COLUMNS.get(name);
  if (ref === undefined) {
    ref = columnOf(name);
    if (COLUMNS.size >= COLUMN_CACHE_LIMIT) COLUMNS.clear();
    COLUMNS.set(name, ref);
  }
  return ref;
}

/** Column references by name; cleared when full, so odd inputs cannot grow it without bound. */
const COLUMNS = new Map<string, string>();
const COLUMN_CACHE_LIMIT = 10_000;

function columnOf(name: string): string {
  if (IDENT.test(name) && UPPER.test(name) && !BOOLEAN_WORDS.has(name.toLowerCase())) return name;
  return `['${escapeWith(name, COLUMN_ESCAPES)}']`;
}
