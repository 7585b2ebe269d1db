/**
 * A small SPL tokenizer: enough structure to lint what this backend emits (quotes, escapes, groups, pipes,
 * commands). It never throws; malformed input yields `error` tokens that the linter reports.
 */

export type SplTokenKind =
  | 'string' // "…" with \" and \\ escapes; `value` is the decoded text
  | 'field' // '…' (eval/where field name); `value` is the name
  | 'macro' // `…` macro call
  | 'word' // bare term: field names, numbers, wildcards, operators AND/OR/NOT/IN, command names
  | 'op' // = != == < <= > >= + - * / .
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'pipe'
  | 'newline'
  | 'error';

export interface SplToken {
  readonly kind: SplTokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** Decoded content for string/field/macro tokens; the text otherwise. */
  readonly value: string;
  /** 0-based offset of the first character. */
  readonly offset: number;
  /** For strings: the escape pairs seen (e.g. `\\*`), to lint escapes Splunk cannot honour. */
  readonly escapes?: readonly { readonly seq: string; readonly offset: number }[];
  /** Error tokens: why. */
  readonly message?: string;
}

const SINGLE: Readonly<Record<string, SplTokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
  '|': 'pipe',
};

// Character classes for the ASCII range (everything else is a word character). The tokenizer runs on every
// emitted query (the self-lint), so it scans by char code and table instead of building one string per char.
const WORD = 0;
const SPACE = 1; // ' ' \t \r
const NEWLINE = 2;
const QUOTE = 3; // " '
const MACRO = 4; // `
const PUNCT = 5; // ( ) [ ] , |
const OP = 6; // = ! < >
const CLASS = new Uint8Array(128);
for (const ch of ' \t\r') CLASS[ch.charCodeAt(0)] = SPACE;
CLASS[10] = NEWLINE;
for (const ch of '"\'') CLASS[ch.charCodeAt(0)] = QUOTE;
CLASS[96] = MACRO;
for (const ch of '()[],|') CLASS[ch.charCodeAt(0)] = PUNCT;
for (const ch of '=!<>') CLASS[ch.charCodeAt(0)] = OP;

const BACKSLASH = 92;
const NO_ESCAPES: readonly { readonly seq: string; readonly offset: number }[] = Object.freeze([]);

interface Quoted {
  end: number;
  value: string;
  escapes: readonly { seq: string; offset: number }[];
  closed: boolean;
}

// Runs scanned natively (sticky regexes): the self-lint tokenizes every emitted query, some of them 100k+ chars,
// mostly while the JIT is still cold, so a per-character JS loop is the slow part.
const RUN_IN_DQ = /[^"\\]*/y; // up to the next " or backslash
const RUN_IN_SQ = /[^'\\]*/y;
export const WORD_RUN = /[^ \t\r\n"'`()[\],|=!<>]*/y; // the WORD class of CLASS above
/**
 * A closed "…" string with no escape the linter reports (only \\, \" and \'): simple-search.ts reads strings with it.
 * Unrolled (`run (escape run)*`), so a long value is scanned by character-class runs.
 */
export const CLEAN_DQ = /"[^"\\]*(?:\\["\\'][^"\\]*)*"/y;

function readQuoted(src: string, start: number, quote: number): Quoted {
  const run = quote === 34 ? RUN_IN_DQ : RUN_IN_SQ;
  let value = '';
  let escapes: { seq: string; offset: number }[] | undefined;
  const n = src.length;
  let i = start + 1;
  let chunk = i;
  while (i < n) {
    run.lastIndex = i;
    run.test(src);
    i = run.lastIndex;
    if (i >= n) break;
    const c = src.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 >= n) {
        i++;
        continue;
      }
      const next = src.charCodeAt(i + 1);
      value += src.slice(chunk, i);
      const seq = src.slice(i, i + 2);
      (escapes ??= []).push({ seq, offset: i });
      // Splunk unescapes \" and \\ ; any other pair is kept as written (and linted).
      value += next === quote || next === BACKSLASH ? seq[1]! : seq;
      i += 2;
      chunk = i;
      continue;
    }
    // c is the closing quote
    return { end: i + 1, value: value + src.slice(chunk, i), escapes: escapes ?? NO_ESCAPES, closed: true };
  }
  return { end: n, value: value + src.slice(chunk), escapes: escapes ?? NO_ESCAPES, closed: false };
}

export function tokenizeSpl(src: string): SplToken[] {
  return tokenize(src, true);
}

/** The tokens; `newlines: false` leaves newline tokens out (the linter ignores them). */
export function tokenize(src: string, newlines: boolean): SplToken[] {
  const out: SplToken[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const code = src.charCodeAt(i);
    const cls = code < 128 ? CLASS[code]! : WORD;
    if (cls === SPACE) {
      i++;
      continue;
    }
    if (cls === NEWLINE) {
      if (newlines) out.push({ kind: 'newline', text: '\n', value: '\n', offset: i });
      i++;
      continue;
    }
    if (cls === QUOTE) {
      const q = readQuoted(src, i, code);
      const text = src.slice(i, q.end);
      if (!q.closed) {
        out.push({ kind: 'error', text, value: q.value, offset: i, message: `unterminated ${code === 34 ? 'string' : 'quoted field name'}` });
      } else {
        out.push({ kind: code === 34 ? 'string' : 'field', text, value: q.value, offset: i, escapes: q.escapes });
      }
      i = q.end;
      continue;
    }
    if (cls === MACRO) {
      const end = src.indexOf('`', i + 1);
      if (end < 0) {
        out.push({ kind: 'error', text: src.slice(i), value: src.slice(i + 1), offset: i, message: 'unterminated macro' });
        break;
      }
      out.push({ kind: 'macro', text: src.slice(i, end + 1), value: src.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    if (cls === PUNCT) {
      const ch = src[i]!;
      out.push({ kind: SINGLE[ch]!, text: ch, value: ch, offset: i });
      i++;
      continue;
    }
    if (cls === OP) {
      if (src.charCodeAt(i + 1) === 61 /* = */) {
        const two = src.slice(i, i + 2);
        out.push({ kind: 'op', text: two, value: two, offset: i });
        i += 2;
      } else if (code === 33 /* ! */) {
        out.push({ kind: 'error', text: '!', value: '!', offset: i, message: "stray '!'" });
        i++;
      } else {
        const ch = src[i]!;
        out.push({ kind: 'op', text: ch, value: ch, offset: i });
        i++;
      }
      continue;
    }
    WORD_RUN.lastIndex = i + 1;
    WORD_RUN.test(src);
    const j = WORD_RUN.lastIndex;
    const text = src.slice(i, j);
    out.push({ kind: 'word', text, value: text, offset: i });
    i = j;
  }
  return out;
}
