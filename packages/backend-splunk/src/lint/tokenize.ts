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

// Characters that end a bare word.
const WORD_STOP = new Set([' ', '\t', '\r', '\n', '"', "'", '`', '(', ')', '[', ']', ',', '|', '=', '!', '<', '>']);

function readQuoted(src: string, start: number, quote: string): { end: number; value: string; escapes: { seq: string; offset: number }[]; closed: boolean } {
  let value = '';
  const escapes: { seq: string; offset: number }[] = [];
  let i = start + 1;
  let chunk = i;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\\' && i + 1 < src.length) {
      const next = src[i + 1]!;
      value += src.slice(chunk, i);
      escapes.push({ seq: ch + next, offset: i });
      // Splunk unescapes \" and \\ ; any other pair is kept as written (and linted).
      value += next === quote || next === '\\' ? next : ch + next;
      i += 2;
      chunk = i;
      continue;
    }
    if (ch === quote) return { end: i + 1, value: value + src.slice(chunk, i), escapes, closed: true };
    i++;
  }
  return { end: src.length, value: value + src.slice(chunk), escapes, closed: false };
}

export function tokenizeSpl(src: string): SplToken[] {
  const out: SplToken[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\n') {
      out.push({ kind: 'newline', text: ch, value: ch, offset: i });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const q = readQuoted(src, i, ch);
      const text = src.slice(i, q.end);
      if (!q.closed) {
        out.push({ kind: 'error', text, value: q.value, offset: i, message: `unterminated ${ch === '"' ? 'string' : 'quoted field name'}` });
      } else {
        out.push({ kind: ch === '"' ? 'string' : 'field', text, value: q.value, offset: i, escapes: q.escapes });
      }
      i = q.end;
      continue;
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) {
        out.push({ kind: 'error', text: src.slice(i), value: src.slice(i + 1), offset: i, message: 'unterminated macro' });
        break;
      }
      out.push({ kind: 'macro', text: src.slice(i, end + 1), value: src.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    const single = SINGLE[ch];
    if (single) {
      out.push({ kind: single, text: ch, value: ch, offset: i });
      i++;
      continue;
    }
    if (ch === '=' || ch === '!' || ch === '<' || ch === '>') {
      const two = src.slice(i, i + 2);
      if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
        out.push({ kind: 'op', text: two, value: two, offset: i });
        i += 2;
      } else if (ch === '!') {
        out.push({ kind: 'error', text: ch, value: ch, offset: i, message: "stray '!'" });
        i++;
      } else {
        out.push({ kind: 'op', text: ch, value: ch, offset: i });
        i++;
      }
      continue;
    }
    let j = i;
    while (j < src.length && !WORD_STOP.has(src[j]!)) j++;
    const text = src.slice(i, j);
    out.push({ kind: 'word', text, value: text, offset: i });
    i = j;
  }
  return out;
}
