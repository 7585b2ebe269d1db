import type { SumoMessage } from '../types.js';
import { SumoError } from './errors.js';
import { compileGlob, globMatch, type Glob } from './values.js';

/**
 * The scope of a log search (the keyword expression before the first `|`), from keyword-search-expressions and
 * built-in-metadata:
 * - "AND is implicit"; "The precedence of boolean operators is NOT, AND, OR"; parentheses group;
 * - "Keyword expressions are case-insensitive";
 * - keywords match indexed terms, not substrings: "raw messages are broken into individual keyword terms", "test -
 *   finds "test" and "TEST"" (not "TESTClientImpl"), "TEST* - finds … "TESTClientImpl"", "*456* - finds "456",
 *   "1234567" and "TEST1234567""; a phrase matches "the individual indexed terms that appear next to each other";
 *   a wildcard alone "will only represent one individual full term" (`jsmith@*.com`);
 * - metadata `_sourceCategory=*apache*`: "Metadata tags are case-insensitive when searching", the value covers the
 *   whole tag ("Add wildcards at the front and back of any partial term"), "Quotes and wildcards cannot be used
 *   together" (a quoted value is literal).
 */

export interface ScopeOptions {
  /**
   * Whether `_` joins letters into one term. The docs list term boundaries ("white space, dashes, commas, question
   * marks, exclamation points, brackets, and more") without saying; default true (assumption A-TERM-UNDERSCORE).
   */
  readonly underscoreInTerms: boolean;
}

type GlobTerm = { readonly kind: 'glob'; readonly glob: Glob } | { readonly kind: 'text'; readonly text: string };

export type ScopeNode =
  | { readonly k: 'all' }
  | { readonly k: 'phrase'; readonly terms: readonly GlobTerm[]; readonly source: string }
  | { readonly k: 'meta'; readonly field: string; readonly glob: Glob }
  | { readonly k: 'not'; readonly x: ScopeNode }
  | { readonly k: 'and' | 'or'; readonly a: ScopeNode; readonly b: ScopeNode };

type STok =
  | { readonly kind: 'term'; readonly text: string; readonly start: number }
  | { readonly kind: 'phrase'; readonly text: string; readonly start: number }
  | { readonly kind: 'meta'; readonly field: string; readonly value: string; readonly quoted: boolean; readonly start: number }
  | { readonly kind: 'lparen' | 'rparen'; readonly start: number };

function readQuoted(text: string, i: number): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  while (j < text.length) {
    const ch = text[j]!;
    if (ch === '\\' && text[j + 1] === '"') {
      value += '"';
      j += 2;
      continue;
    }
    if (ch === '"') return { value, end: j + 1 };
    value += ch;
    j++;
  }
  throw new SumoError('syntax', 'unterminated quoted string in the scope', i);
}

const META = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function lexScope(text: string): STok[] {
  const out: STok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ kind: ch === '(' ? 'lparen' : 'rparen', start: i });
      i++;
      continue;
    }
    if (ch === '"') {
      const q = readQuoted(text, i);
      out.push({ kind: 'phrase', text: q.value, start: i });
      i = q.end;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s()"]/.test(text[j]!)) j++;
    const word = text.slice(i, j);
    if (/^[A-Za-z_][A-Za-z0-9_]*(?:!=|<>|<|>)/.test(word)) {
      // Only `field=value` is documented for metadata in the scope.
      throw new SumoError('unsupported', `scope comparison ${JSON.stringify(word)} (only field=value is documented)`, i);
    }
    const m = META.exec(word);
    if (m) {
      if (m[2] === '' && text[j] === '"') {
        const q = readQuoted(text, j);
        out.push({ kind: 'meta', field: m[1]!, value: q.value, quoted: true, start: i });
        i = q.end;
        continue;
      }
      if (m[2] === '') throw new SumoError('syntax', `'${m[1]}=' needs a value`, i);
      out.push({ kind: 'meta', field: m[1]!, value: m[2]!, quoted: false, start: i });
    } else {
      out.push({ kind: 'term', text: word, start: i });
    }
    i = j;
  }
  return out;
}

const isTermChar = (ch: string, underscore: boolean): boolean => /[\p{L}\p{N}]/u.test(ch) || (underscore && ch === '_');

/** The terms of a message: runs of letters and digits, and each other non-space character on its own. */
export function messageTerms(raw: string, o: ScopeOptions): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of raw) {
    if (isTermChar(ch, o.underscoreInTerms)) {
      cur += ch;
      continue;
    }
    if (cur) out.push(cur.toLowerCase());
    cur = '';
    if (!/\s/u.test(ch)) out.push(ch.toLowerCase());
  }
  if (cur) out.push(cur.toLowerCase());
  return out;
}

/** Query terms of a keyword: bare keywords carry `*`/`?` wildcards inside their terms; quoted ones are literal. */
function queryTerms(keyword: string, wild: boolean, o: ScopeOptions): GlobTerm[] {
  const out: GlobTerm[] = [];
  let cur = '';
  let hasGlob = false;
  const flush = (): void => {
    if (!cur) return;
    if (hasGlob) out.push({ kind: 'glob', glob: compileGlob(cur, { any: '*', one: '?', caseInsensitive: true }) });
    else out.push({ kind: 'text', text: cur.toLowerCase() });
    cur = '';
    hasGlob = false;
  };
  for (const ch of keyword) {
    if (wild && (ch === '*' || ch === '?')) {
      cur += ch;
      hasGlob = true;
    } else if (isTermChar(ch, o.underscoreInTerms)) cur += ch;
    else {
      flush();
      if (!/\s/u.test(ch)) out.push({ kind: 'text', text: ch.toLowerCase() });
    }
  }
  flush();
  return out;
}

class ScopeParser {
  private pos = 0;
  constructor(
    private readonly toks: readonly STok[],
    private readonly o: ScopeOptions,
  ) {}

  parse(): ScopeNode {
    if (this.toks.length === 0) throw new SumoError('syntax', 'empty scope (write * to search everything)', 0);
    const n = this.or();
    const left = this.toks[this.pos];
    if (left) throw new SumoError('syntax', `unexpected ${left.kind === 'rparen' ? "')'" : 'term'} in the scope`, left.start);
    return n;
  }

  private isWord(t: STok | undefined, w: string): boolean {
    return t?.kind === 'term' && t.text.toUpperCase() === w;
  }

  private or(): ScopeNode {
    let a = this.and();
    while (this.isWord(this.toks[this.pos], 'OR')) {
      this.pos++;
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): ScopeNode {
    let a = this.not();
    for (;;) {
      const t = this.toks[this.pos];
      if (t === undefined || t.kind === 'rparen' || this.isWord(t, 'OR')) return a;
      if (this.isWord(t, 'AND')) this.pos++;
      a = { k: 'and', a, b: this.not() };
    }
  }

  private not(): ScopeNode {
    const t = this.toks[this.pos];
    if (this.isWord(t, 'NOT') || (t?.kind === 'term' && t.text === '!')) {
      this.pos++;
      return { k: 'not', x: this.not() };
    }
    if (t?.kind === 'term' && t.text.startsWith('!') && t.text.length > 1) {
      // `!term` (keyword-search-expressions: "NOT term or !term")
      this.pos++;
      return { k: 'not', x: this.keyword(t.text.slice(1), true, t.start) };
    }
    return this.atom();
  }

  private atom(): ScopeNode {
    const t = this.toks[this.pos++];
    if (t === undefined) throw new SumoError('syntax', 'scope term expected', this.toks[this.toks.length - 1]?.start ?? 0);
    switch (t.kind) {
      case 'lparen': {
        const n = this.or();
        if (this.toks[this.pos]?.kind !== 'rparen') throw new SumoError('syntax', "expected ')' in the scope", t.start);
        this.pos++;
        return n;
      }
      case 'rparen':
        throw new SumoError('syntax', "unexpected ')' in the scope", t.start);
      case 'phrase':
        return this.keyword(t.text, false, t.start);
      case 'meta': {
        const glob = t.quoted
          ? compileGlob(t.value, { any: '', caseInsensitive: true })
          : compileGlob(t.value, { any: '*', one: '?', caseInsensitive: true });
        return { k: 'meta', field: t.field, glob };
      }
      case 'term':
        if (['AND', 'OR', 'NOT'].includes(t.text.toUpperCase())) throw new SumoError('syntax', `scope term expected before '${t.text}'`, t.start);
        return this.keyword(t.text, true, t.start);
    }
  }

  private keyword(text: string, wild: boolean, at: number): ScopeNode {
    if (wild && /^\*+$/.test(text)) return { k: 'all' };
    const terms = queryTerms(text, wild, this.o);
    if (terms.length === 0) throw new SumoError('syntax', `keyword ${JSON.stringify(text)} has no searchable term`, at);
    return { k: 'phrase', terms, source: text };
  }
}

export function parseScope(text: string, o: ScopeOptions): ScopeNode {
  return new ScopeParser(lexScope(text), o).parse();
}

/** Built-in metadata a scope can name (built-in-metadata); other names are custom fields / FER fields. */
const BUILT_IN: Readonly<Record<string, (m: SumoMessage) => string | undefined>> = {
  _sourcecategory: (m) => m._sourceCategory,
  _source: (m) => m._source,
  _sourcename: (m) => m._sourceName,
  _sourcehost: (m) => m._sourceHost,
  _collector: (m) => m._collector,
};

export function metadataValue(m: SumoMessage, field: string): string | undefined {
  const own = BUILT_IN[field.toLowerCase()];
  if (own) return own(m);
  if (!m.fields) return undefined;
  if (field in m.fields) return m.fields[field];
  const lower = field.toLowerCase();
  for (const [k, v] of Object.entries(m.fields)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function phraseMatches(terms: readonly GlobTerm[], msg: readonly string[]): boolean {
  outer: for (let i = 0; i + terms.length <= msg.length; i++) {
    for (let j = 0; j < terms.length; j++) {
      const q = terms[j]!;
      const t = msg[i + j]!;
      if (q.kind === 'text' ? q.text !== t : !globMatch(q.glob, t)) continue outer;
    }
    return true;
  }
  return false;
}

export function scopeMatches(n: ScopeNode, m: SumoMessage, terms: () => readonly string[]): boolean {
  switch (n.k) {
    case 'all':
      return true;
    case 'phrase':
      return phraseMatches(n.terms, terms());
    case 'meta': {
      const v = metadataValue(m, n.field);
      return v !== undefined && globMatch(n.glob, v);
    }
    case 'not':
      return !scopeMatches(n.x, m, terms);
    case 'and':
      return scopeMatches(n.a, m, terms) && scopeMatches(n.b, m, terms);
    case 'or':
      return scopeMatches(n.a, m, terms) || scopeMatches(n.b, m, terms);
  }
}
