/**
 * Tokens of Sumo expressions: the pipe stages of a log search (after the scope) and Cloud SIEM rule expressions.
 * Written from Sumo's documentation, independently of backend-sumo's linter (the check must not share the code it
 * checks). The two dialects differ only in their string literals:
 * - log search: "Characters quoted with double quotes (not single quotes) are string literals. Use a backslash to
 *   escape double quotes in the string" (field-expressions); no other escape is documented, so any other backslash
 *   stays in the text as written (SOURCES.md, assumption A-ESC);
 * - Cloud SIEM: single or double quotes; "Escaped double quote are supported" and the `like` example
 *   `'%SystemDrive%\Users\John'` keeps its backslashes (cse-rules-syntax), so again only `\<quote>` is decoded.
 */

export type Dialect = 'search' | 'cse';

export type Token =
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'regex'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly suffix: string; readonly start: number; readonly end: number }
  | { readonly kind: 'ident'; readonly value: string; readonly lower: string; readonly start: number; readonly end: number }
  /** `%"name with . or spaces"`: a field reference. */
  | { readonly kind: 'fieldref'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'punct'; readonly value: '(' | ')' | '[' | ']' | ',' | '|'; readonly start: number; readonly end: number }
  | { readonly kind: 'op'; readonly value: string; readonly start: number; readonly end: number };

export type Fail = (message: string, offset: number) => never;

const OPS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.'];

/** Size and time suffixes of numeric literals (field-expressions: "Numeric literals may optionally end with a suffix"). */
const SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3, K: 1e3, M: 1e6, G: 1e9, B: 1e9, T: 1e12, P: 1e15,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5,
  ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
};

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

function readString(text: string, i: number, fail: Fail): { value: string; end: number } {
  const quote = text[i]!;
  let value = '';
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === '\\' && text[j + 1] === quote) {
      value += quote;
      j += 2;
      continue;
    }
    if (ch === quote) return { value, end: j + 1 };
    value += ch;
    j++;
  }
  return fail(`unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`, i);
}

function readRegex(text: string, i: number, fail: Fail): { value: string; end: number } {
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === '\\' && j + 1 < text.length) {
      j += 2;
      continue;
    }
    if (ch === '/') return { value: text.slice(i + 1, j), end: j + 1 };
    if (ch === '\n') break;
    j++;
  }
  return fail('unterminated /regex/ literal', i);
}

/**
 * Tokenize `text` from `offset` (positions stay those of the whole query). A `/` right after the word `matches`
 * opens a regex literal (the only place Sumo reads one). Throws through `fail` on lexical errors.
 */
export function tokenize(text: string, dialect: Dialect, fail: Fail, offset = 0): Token[] {
  const tokens: Token[] = [];
  let i = offset;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || (ch === "'" && dialect === 'cse')) {
      const s = readString(text, i, fail);
      tokens.push({ kind: 'string', value: s.value, start: i, end: s.end });
      i = s.end;
      continue;
    }
    if (ch === "'") fail("single quotes are not string quotes in log search (use double quotes)", i);
    const prev = tokens[tokens.length - 1];
    if (ch === '/' && prev?.kind === 'ident' && prev.lower === 'matches') {
      const r = readRegex(text, i, fail);
      tokens.push({ kind: 'regex', value: r.value, start: i, end: r.end });
      i = r.end;
      continue;
    }
    if (ch === '%' && text[i + 1] === '"') {
      const s = readString(text, i + 1, fail);
      tokens.push({ kind: 'fieldref', value: s.value, start: i, end: s.end });
      i = s.end;
      continue;
    }
    if (ch === '|' && text[i + 1] !== '|') {
      tokens.push({ kind: 'punct', value: '|', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '[' || ch === ']' || ch === ',') {
      tokens.push({ kind: 'punct', value: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i))!;
      let j = i + m[0].length;
      const sm = /^[A-Za-z]+/.exec(text.slice(j));
      const suffix = sm ? sm[0] : '';
      if (SUFFIX[suffix] === undefined) fail(`unknown numeric suffix '${suffix}'`, j);
      j += suffix.length;
      tokens.push({ kind: 'number', value: Number(m[0]) * SUFFIX[suffix]!, text: text.slice(i, j), suffix, start: i, end: j });
      i = j;
      continue;
    }
    if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j]!)) j++;
      const value = text.slice(i, j);
      tokens.push({ kind: 'ident', value, lower: value.toLowerCase(), start: i, end: j });
      i = j;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op === undefined) fail(`unexpected character '${ch}'`, i);
    tokens.push({ kind: 'op', value: op!, start: i, end: i + op!.length });
    i += op!.length;
  }
  return tokens;
}
