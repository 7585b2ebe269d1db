/**
 * A tokenizer for Sumo Logic queries (log search and Cloud SIEM rule expressions).
 * It knows the three lexical modes that matter for validity: quoted strings with backslash escapes,
 * `/regex/` literals (only right after `matches`, where Sumo reads them), and everything else.
 * Before the first pipe of a log search (the scope) `/`, `*` and `=` are part of bare terms.
 */

export type TokenKind =
  | 'string' // "…" or '…'; `value` is the decoded text
  | 'regex' // /…/; `value` is the text between the slashes, as written
  | 'field-ref' // %"name"; `value` is the decoded name
  | 'ident' // names, keywords, functions
  | 'number'
  | 'term' // a bare scope term (may hold *, =, /, …)
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'op' // = == != <> < <= > >= ! && || + - * / % ? :
  | 'error';

export interface Token {
  readonly kind: TokenKind;
  /** Decoded value for strings/regexes/field refs, the text otherwise. */
  readonly value: string;
  /** Offset of the first character in the query. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  /** For identifiers: the lower-cased text (keywords are case-insensitive). */
  readonly lower?: string;
  /** For strings: the quote character. */
  readonly quote?: '"' | "'";
  /** For strings: the escape sequences written (`\"`, `\\`, …), to lint the escape policy. */
  readonly escapes?: readonly string[];
  /** For strings: the text between the quotes as written (escapes not decoded). */
  readonly raw?: string;
}

export interface LexOptions {
  /** Log search: text before the first `|` is a scope of bare terms. CSE expressions have no scope. */
  readonly scope: boolean;
}

// Character classes by code (the lexer runs on every emitted query: no per-character regex).
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => isLetter(c) || c === 95 || c === 36;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':'];

// Sticky scanners for the long runs (the native regex engine beats a character loop, cold or warm). Module constants
// so V8 compiles and tiers them up once; tokenize sets lastIndex before every use, so no state leaks between calls.
const SPACES = /[ \t\n\r\f\v]+/y;
/** A bare scope term: anything up to whitespace, a parenthesis, a double quote or a pipe. */
const TERM = /[^ \t\n\r\f\v()"|]+/y;
const NUMBER = /[0-9.]+[A-Za-z]*/y;
const IDENT = /[A-Za-z_$][A-Za-z0-9_$.]*/y;

/** The longest operator at `i` (OPERATORS lists two-character ones first), or undefined. */
function operatorAt(text: string, i: number): string | undefined {
  for (const o of OPERATORS) if (text.startsWith(o, i)) return o;
  return undefined;
}

/** Read a quoted string from `i` (at the quote). Returns the token, or an error token when unterminated. */
function readString(text: string, i: number): Token {
  const quote = text[i] as '"' | "'";
  const q = text.charCodeAt(i);
  // Fast path: no backslash before the closing quote.
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 92 || c === 10 || c === 13) break;
    if (c === q) {
      const value = text.slice(i + 1, k);
      return { kind: 'string', value, raw: value, start: i, end: k + 1, quote, escapes: [] };
    }
  }
  let value = '';
  const escapes: string[] = [];
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === '\\' && j + 1 < text.length) {
      const next = text[j + 1]!;
      escapes.push(`\\${next}`);
      value += next;
      j += 2;
      continue;
    }
    if (ch === quote) return { kind: 'string', value, raw: text.slice(i + 1, j), start: i, end: j + 1, quote, escapes };
    if (ch === '\n' || ch === '\r') break;
    value += ch;
    j++;
  }
  return { kind: 'error', value: `unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`, start: i, end: j };
}

/** Read a `/regex/` literal from `i` (at the slash): `\` escapes the next character, a newline ends it in error. */
function readRegex(text: string, i: number): Token {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92 && j + 1 < text.length && text.charCodeAt(j + 1) !== 10) {
      j += 2;
      continue;
    }
    if (c === 47) return { kind: 'regex', value: text.slice(i + 1, j), start: i, end: j + 1 };
    if (c === 10 || c === 13) break;
    j++;
  }
  return { kind: 'error', value: 'unterminated /regex/ literal', start: i, end: j };
}

/** Tokenize a whole query. Never throws; lexical problems become `error` tokens and lexing goes on. */
export function tokenize(text: string, options: LexOptions): Token[] {
  const tokens: Token[] = [];
  let inScope = options.scope;
  let i = 0;
  const prevIsMatches = (): boolean => {
    const prev = tokens[tokens.length - 1];
    return prev !== undefined && prev.kind === 'ident' && prev.lower === 'matches';
  };
  while (i < text.length) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      SPACES.lastIndex = i;
      SPACES.test(text);
      i = SPACES.lastIndex;
      continue;
    }
    // A `//` comment line (documented: "Comments out a single line of the query"): only at the start of a line, so
    // `//` inside a term or a regex is never taken for one.
    if (ch === '/' && text[i + 1] === '/' && (i === 0 || /[\n\r][ \t]*$/.test(text.slice(Math.max(0, i - 64), i)))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // Scope quoted terms only use double quotes; a single quote there is part of a bare term.
      if (!(inScope && ch === "'")) {
        const t = readString(text, i);
        tokens.push(t);
        i = t.end;
        continue;
      }
    }
    if (ch === '|' && text[i + 1] !== '|') {
      tokens.push({ kind: 'pipe', value: '|', start: i, end: i + 1 });
      inScope = false;
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', value: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (inScope) {
      // A bare term: anything up to whitespace, a parenthesis, a quote or a pipe.
      TERM.lastIndex = i;
      let j = TERM.test(text) ? TERM.lastIndex : i;
      if (j === i) j = i + 1; // a lone `||` in scope: keep moving
      tokens.push({ kind: 'term', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (ch === '/' && prevIsMatches()) {
      const t = readRegex(text, i);
      tokens.push(t);
      i = t.end;
      continue;
    }
    if (ch === '%' && text[i + 1] === '"') {
      const t = readString(text, i + 1);
      tokens.push(t.kind === 'string' ? { kind: 'field-ref', value: t.value, start: i, end: t.end } : { ...t, start: i });
      i = t.end;
      continue;
    }
    if (ch === '[' || ch === ']' || ch === ',') {
      tokens.push({ kind: ch === '[' ? 'lbracket' : ch === ']' ? 'rbracket' : 'comma', value: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (isDigit(code) || (ch === '.' && isDigit(text.charCodeAt(i + 1)))) {
      // durations such as 5m, 1h are numbers followed by a unit
      NUMBER.lastIndex = i;
      NUMBER.test(text);
      const j = NUMBER.lastIndex;
      tokens.push({ kind: 'number', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (isIdentStart(code)) {
      IDENT.lastIndex = i;
      IDENT.test(text);
      const j = IDENT.lastIndex;
      const value = text.slice(i, j);
      tokens.push({ kind: 'ident', value, lower: value.toLowerCase(), start: i, end: j });
      i = j;
      continue;
    }
    const op = operatorAt(text, i);
    if (op) {
      tokens.push({ kind: 'op', value: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    tokens.push({ kind: 'error', value: `unexpected character '${ch}'`, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}
