export type BoolOp = 'and' | 'or' | 'not';

/**
 * The boolean surface of a text query language, as data.
 * Example (Splunk search): and ' ', or ' OR ', not s => `NOT ${s}`, precedence ['not', 'or', 'and'].
 */
export interface Dialect {
  readonly and: string;
  readonly or: string;
  /** Wraps a negated operand. The operand is already grouped when `notDelimits` is false and it needs it. */
  readonly not: (operand: string) => string;
  /** True when the NOT form delimits its operand itself (KQL `not(…)`, Sumo `!(…)`): no extra group. */
  readonly notDelimits: boolean;
  /** Binding strength, strongest first: Splunk search ['not','or','and'], KQL/SQL-like ['not','and','or']. */
  readonly precedence: readonly [BoolOp, BoolOp, BoolOp];
  readonly group: (inner: string) => string;
  /** Group every AND/OR nested in another AND/OR, even where precedence makes it redundant (readability, and
   *  safety when the same text may be read under another precedence, e.g. Splunk search vs where). */
  readonly groupNested: boolean;
  /**
   * At most this many operands in one flat chain of AND or OR; a longer chain is written as a chain of grouped
   * chunks (and chunks of chunks), which means the same. Kusto parses a chain left-deep and refuses one of about
   * 490 operands (KS245); undefined: no limit.
   */
  readonly maxChain?: number;
}

/** How a string literal is written: delimiters and a per-character escape table. */
export interface LiteralStyle {
  readonly open: string;
  readonly close: string;
  /** Character → replacement inside the literal; other characters are copied. */
  readonly escapes: Readonly<Record<string, string>>;
}

/** Write `text` as a literal in `style`. */
export function quote(text: string, style: LiteralStyle): string {
  return style.open + escapeWith(text, style.escapes) + style.close;
}

/** Escape `text` with a table, without delimiters. */
export function escapeWith(text: string, escapes: Readonly<Record<string, string>>): string {
  const re = escapeRegex(escapes);
  if (re === null) {
    let out = '';
    for (const ch of text) out += escapes[ch] ?? ch;
    return out;
  }
  // Most values need no escape at all: one native scan, no per-character concatenation.
  re.lastIndex = 0;
  if (!re.test(text)) return text;
  re.lastIndex = 0;
  return text.replace(re, (ch) => escapes[ch] ?? ch);
}

/**
 * Per table (tables are module constants): a global character class of its keys, or null when a key is not one
 * BMP non-surrogate code unit (then the code-point loop above is the definition).
 */
const ESCAPE_RES = new WeakMap<object, RegExp | null>();
// The table of the previous call: a backend escapes with one table for a whole rule set, and the WeakMap lookup
// was 2.9 ms self of a cold KQL conversion of SigmaHQ's rules/ (profile, first pass).
let lastTable: object | undefined;
let lastRe: RegExp | null = null;
function escapeRegex(escapes: Readonly<Record<string, string>>): RegExp | null {
  if (escapes === lastTable) return lastRe;
  let re = ESCAPE_RES.get(escapes);
  if (re === undefined) {
    re = buildEscapeRegex(escapes);
    ESCAPE_RES.set(escapes, re);
  }
  lastTable = escapes;
  lastRe = re;
  return re;
}

function buildEscapeRegex(escapes: Readonly<Record<string, string>>): RegExp | null {
  const keys = Object.keys(escapes);
  const unit = (k: string) => k.length === 1 && (k.charCodeAt(0) < 0xd800 || k.charCodeAt(0) > 0xdfff);
  return keys.length > 0 && keys.every(unit)
    ? new RegExp('[' + keys.map((k) => '\\u' + k.charCodeAt(0).toString(16).padStart(4, '0')).join('') + ']', 'g')
    : null;
}
