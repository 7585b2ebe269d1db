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
  let out = style.open;
  for (const ch of text) out += style.escapes[ch] ?? ch;
  return out + style.close;
}

/** Escape `text` with a table, without delimiters. */
export function escapeWith(text: string, escapes: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) out += escapes[ch] ?? ch;
  return out;
}
