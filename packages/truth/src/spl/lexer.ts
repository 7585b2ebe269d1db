import { syntax } from './errors.js';

/**
 * The SPL tokenizer of the interpreter (written apart from the backend's linter tokenizer on purpose: the check
 * must not share the code it checks). Quoted strings keep their inner text undecoded: the search command and eval
 * unescape differently (see decodeSearchString / decodeEvalString). Words are runs the search command would read
 * as one term; eval re-splits them into numbers, names and operators (see relexEval).
 */
export type TokenKind = 'word' | 'string' | 'squote' | 'macro' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'pipe' | 'op';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token. */
  readonly text: string;
  /** string/squote/macro: the text between the delimiters (undecoded); other kinds: the text. */
  readonly inner: string;
  readonly offset: number;
}

const PUNCT: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
  '|': 'pipe',
};

const WORD_STOP = new Set([' ', '\t', '\r', '\n', '"', '`', '(', ')', '[', ']', ',', '|', '=', '<', '>']);

function quoted(src: string, start: number, quote: string): number {
  // Returns the index just past the closing quote. A backslash always takes the next character with it, so \" and
  // \\ never end the string (Search Reference, "Quotes and escaping characters").
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    i++;
  }
  return syntax(`unterminated ${quote === '"' ? 'string' : "quoted field name"}`, start);
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = quoted(src, i, c);
      out.push({ kind: c === '"' ? 'string' : 'squote', text: src.slice(i, end), inner: src.slice(i + 1, end - 1), offset: i });
      i = end;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) syntax('unterminated macro', i);
      out.push({ kind: 'macro', text: src.slice(i, end + 1), inner: src.slice(i + 1, end), offset: i });
      i = end + 1;
      continue;
    }
    const p = PUNCT[c];
    if (p) {
      out.push({ kind: p, text: c, inner: c, offset: i });
      i++;
      continue;
    }
    if (c === '=' || c === '<' || c === '>' || (c === '!' && src[i + 1] === '=')) {
      const two = src[i + 1] === '=' ? src.slice(i, i + 2) : c;
      out.push({ kind: 'op', text: two, inner: two, offset: i });
      i += two.length;
      continue;
    }
    let j = i;
    while (j < src.length) {
      const d = src[j]!;
      if (d === '\\' && j + 1 < src.length) {
        j += 2;
        continue;
      }
      if (WORD_STOP.has(d) || (d === '!' && src[j + 1] === '=')) break;
      j++;
    }
    out.push({ kind: 'word', text: src.slice(i, j), inner: src.slice(i, j), offset: i });
    i = j;
  }
  return out;
}

/**
 * Search-command strings and words: `\\` is a backslash and `\"` a quote; any other backslash pair stays as
 * written. In particular `\*` is a backslash followed by a wildcard: "The backslash symbol can't be used to escape
 * the asterisk in search strings" (Search Manual, Backslashes).
 */
export function decodeSearchString(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && (s[i + 1] === '\\' || s[i + 1] === '"')) {
      out += s[i + 1];
      i++;
    } else out += c;
  }
  return out;
}

/**
 * eval/where string literals: `\\` and `\"` as in search, and `\t` is a tab (Search Manual, Types of expressions:
 * "The \t in the path is interpreted as a tab"). Other pairs stay as written.
 */
export function decodeEvalString(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const n = s[i + 1];
    if (c === '\\' && n !== undefined && (n === '\\' || n === '"' || n === 't')) {
      out += n === 't' ? '\t' : n;
      i++;
    } else out += c;
  }
  return out;
}

/** Split tokens into pipeline segments at pipes outside brackets (brackets hold subsearches). */
export function splitPipes(tokens: readonly Token[]): Token[][] {
  const segs: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'lbracket') depth++;
    if (t.kind === 'rbracket') depth--;
    if (depth < 0) syntax("unbalanced ']'", t.offset);
    if (t.kind === 'pipe' && depth === 0) segs.push([]);
    else segs[segs.length - 1]!.push(t);
  }
  if (depth > 0) syntax("unclosed '['");
  return segs;
}

/** eval sub-tokens of a word: numbers, names and the operators + - * / % . */
export type EvalAtom =
  | { readonly kind: 'number'; readonly value: number; readonly offset: number }
  | { readonly kind: 'name'; readonly value: string; readonly offset: number }
  | { readonly kind: 'op'; readonly value: string; readonly offset: number };

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function relexEval(t: Token): EvalAtom[] {
  const out: EvalAtom[] = [];
  let s = t.text;
  let off = t.offset;
  while (s.length > 0) {
    const num = NUMBER.exec(s);
    if (num) {
      out.push({ kind: 'number', value: Number(num[0]), offset: off });
      s = s.slice(num[0].length);
      off += num[0].length;
      continue;
    }
    const name = NAME.exec(s);
    if (name) {
      out.push({ kind: 'name', value: name[0], offset: off });
      s = s.slice(name[0].length);
      off += name[0].length;
      continue;
    }
    const c = s[0]!;
    if ('+-*/%.'.includes(c)) {
      out.push({ kind: 'op', value: c, offset: off });
      s = s.slice(1);
      off++;
      continue;
    }
    syntax(`unexpected character '${c}' in an eval expression`, off);
  }
  return out;
}
