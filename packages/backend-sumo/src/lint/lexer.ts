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
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/** What a token starting with an ASCII character can be (OTHER: an operator, else an error). */
const OTHER = 0;
const SPACE = 1;
const SLASH = 2;
const DOUBLE_QUOTE = 3;
const SINGLE_QUOTE = 4;
const PIPE = 5;
const LPAREN = 6;
const RPAREN = 7;
const PERCENT = 8;
const LBRACKET = 9;
const RBRACKET = 10;
const COMMA = 11;
const DOT = 12;
const DIGIT = 13;
const IDENT_START = 14;
const CHAR_CLASS = new Uint8Array(128);
for (const c of [32, 9, 10, 13, 12, 11]) CHAR_CLASS[c] = SPACE;
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = CHAR_CLASS[c + 32] = IDENT_START;
CHAR_CLASS[95] = CHAR_CLASS[36] = IDENT_START; // _ $
CHAR_CLASS[47] = SLASH;
CHAR_CLASS[34] = DOUBLE_QUOTE;
CHAR_CLASS[39] = SINGLE_QUOTE;
CHAR_CLASS[124] = PIPE;
CHAR_CLASS[40] = LPAREN;
CHAR_CLASS[41] = RPAREN;
CHAR_CLASS[37] = PERCENT;
CHAR_CLASS[91] = LBRACKET;
CHAR_CLASS[93] = RBRACKET;
CHAR_CLASS[44] = COMMA;
CHAR_CLASS[46] = DOT;


// Sticky scanners for the long runs (the native regex engine beats a character loop, cold or warm). Module constants
// so V8 compiles and tiers them up once; tokenize sets lastIndex before every use, so no state leaks between calls.
const SPACES = /[ \t\n\r\f\v]+/y;
/** A bare scope term: anything up to whitespace, a parenthesis, a double quote or a pipe. */
const TERM = /[^ \t\n\r\f\v()"|]+/y;
const NUMBER = /[0-9.]+[A-Za-z]*/y;
const IDENT = /[A-Za-z_$][A-Za-z0-9_$.]*/y;

/**
 * The longest operator at `i` (`== != <> <= >= && ||`, then `= < > ! + - * / % ? :`), or undefined. By character code:
 * trying each operator with startsWith was 7 ms of self time in a profile of validating every query emitted for
 * rules/ once.
 */
function operatorAt(text: string, i: number): string | undefined {
  const next = text.charCodeAt(i + 1);
  switch (text.charCodeAt(i)) {
    case 61: // =
      return next === 61 ? '==' : '=';
    case 33: // !
      return next === 61 ? '!=' : '!';
    case 60: // <
      return next === 62 ? '<>' : next === 61 ? '<=' : '<';
    case 62: // >
      return next === 61 ? '>=' : '>';
    case 38: // &
      return next === 38 ? '&&' : undefined;
    case 124: // |
      return next === 124 ? '||' : undefined;
    case 43:
      return '+';
    case 45:
      return '-';
    case 42:
      return '*';
    case 47:
      return '/';
    case 37:
      return '%';
    case 63:
      return '?';
    case 58:
      return ':';
    default:
      return undefined;
  }
}

/** The escapes of a string written without any (shared: tokens are read-only). */
const NO_ESCAPES: readonly string[] = [];

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
      return { kind: 'string', value, raw: value, start: i, end: k + 1, quote, escapes: NO_ESCAPES };
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

/**
 * The body of a `/regex/` literal: `\` escapes the next character unless it is a newline (a backslash before a newline,
 * or at the end, is itself). Stops at the closing slash, a line break or the end. Emitted regexes are long alternations:
 * the native scan beats the character loop it replaces.
 */
const REGEX_BODY = /(?:[^\\/\n\r]+|\\[^\n]|\\)*/y;

/** Read a `/regex/` literal from `i` (at the slash); a newline ends it in error. */
function readRegex(text: string, i: number): Token {
  REGEX_BODY.lastIndex = i + 1;
  REGEX_BODY.test(text);
  const j = REGEX_BODY.lastIndex;
  if (text.charCodeAt(j) === 47) return { kind: 'regex', value: text.slice(i + 1, j), start: i, end: j + 1 };
  return { kind: 'error', value: 'unterminated /regex/ literal', start: i, end: j };
}

/** Tokenize a whole query. Never throws; lexical problems become `error` tokens and lexing goes on. */
export function tokenize(text: string, options: LexOptions): Token[] {
  const tokens: Token[] = [];
  let inScope = options.scope;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // One table read picks the branch (a chain of character tests ran for every token before reaching the common
    // identifier and operator cases).
    const kind = code < 128 ? CHAR_CLASS[code]! : OTHER;
    switch (kind) {
      case SPACE:
        // Most runs are the one space between two tokens: the sticky scan is for longer ones.
        if (!isSpace(text.charCodeAt(i + 1))) {
          i++;
          continue;
        }
        SPACES.lastIndex = i;
        SPACES.test(text);
        i = SPACES.lastIndex;
        continue;
      case SLASH:
        // A `//` comment line (documented: "Comments out a single line of the query"): only at the start of a line,
        // so `//` inside a term or a regex is never taken for one.
        if (text.charCodeAt(i + 1) === 47 && (i === 0 || /[\n\r][ \t]*$/.test(text.slice(Math.max(0, i - 64), i)))) {
          const nl = text.indexOf('\n', i);
          i = nl < 0 ? text.length : nl + 1;
          continue;
        }
        break;
      case SINGLE_QUOTE:
      case DOUBLE_QUOTE: {
        // Scope quoted terms only use double quotes; a single quote there is part of a bare term.
        if (kind === SINGLE_QUOTE && inScope) break;
        const t = readString(text, i);
        tokens.push(t);
        i = t.end;
        continue;
      }
      case PIPE:
        if (text.charCodeAt(i + 1) === 124) break;
        tokens.push({ kind: 'pipe', value: '|', start: i, end: i + 1 });
        inScope = false;
        i++;
        continue;
      case LPAREN:
        tokens.push({ kind: 'lparen', value: '(', start: i, end: i + 1 });
        i++;
        continue;
      case RPAREN:
        tokens.push({ kind: 'rparen', value: ')', start: i, end: i + 1 });
        i++;
        continue;
      default:
        break;
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
    switch (kind) {
      case SLASH: {
        const prev = tokens[tokens.length - 1];
        if (prev !== undefined && prev.kind === 'ident' && prev.lower === 'matches') {
          const t = readRegex(text, i);
          tokens.push(t);
          i = t.end;
          continue;
        }
        break;
      }
      case PERCENT:
        if (text.charCodeAt(i + 1) === 34) {
          const t = readString(text, i + 1);
          tokens.push(t.kind === 'string' ? { kind: 'field-ref', value: t.value, start: i, end: t.end } : { ...t, start: i });
          i = t.end;
          continue;
        }
        break;
      case LBRACKET:
        tokens.push({ kind: 'lbracket', value: '[', start: i, end: i + 1 });
        i++;
        continue;
      case RBRACKET:
        tokens.push({ kind: 'rbracket', value: ']', start: i, end: i + 1 });
        i++;
        continue;
      case COMMA:
        tokens.push({ kind: 'comma', value: ',', start: i, end: i + 1 });
        i++;
        continue;
      case DOT:
      case DIGIT: {
        if (kind === DOT && !isDigit(text.charCodeAt(i + 1))) break;
        // durations such as 5m, 1h are numbers followed by a unit
        NUMBER.lastIndex = i;
        NUMBER.test(text);
        const j = NUMBER.lastIndex;
        tokens.push({ kind: 'number', value: text.slice(i, j), start: i, end: j });
        i = j;
        continue;
      }
      case IDENT_START: {
        IDENT.lastIndex = i;
        IDENT.test(text);
        const j = IDENT.lastIndex;
        const value = text.slice(i, j);
        tokens.push({ kind: 'ident', value, lower: value.toLowerCase(), start: i, end: j });
        i = j;
        continue;
      }
      default:
        break;
    }
    const op = operatorAt(text, i);
    if (op) {
      tokens.push({ kind: 'op', value: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    tokens.push({ kind: 'error', value: `unexpected character '${text[i]!}'`, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}
