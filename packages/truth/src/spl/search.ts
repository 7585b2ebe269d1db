import { parseCidr, inCidr } from './cidr.js';
import { SplError, syntax, unsupported } from './errors.js';
import { decodeSearchString, tokenize, type Token } from './lexer.js';
import { compileRawTerm, markBoundaries } from './segment.js';
import { numberOf, textOf, valuesOf, type Row } from './values.js';
import { compileWildcard } from './wildcard.js';

/**
 * The search command's logical expression (Search Reference, search; Search Manual, Boolean expressions):
 *  - precedence: parentheses, NOT, OR, AND ("The search command evaluates OR before AND"); AND is implied between
 *    terms; the operators are upper case (lower-case `and` is a term);
 *  - `field=value`: the whole value, case-insensitive, `*` a wildcard; a CIDR value also matches addresses in the
 *    block; a multivalue field matches when any value does; field names are case-sensitive;
 *  - `field!=value`: the field has a value and no value matches. `NOT field=value` is also true when the field is
 *    missing (Search Manual, "Difference between != and NOT");
 *  - `field<n` etc.: numeric when both sides are numbers, else a string comparison;
 *  - `field IN (v1, v2*)`: the OR of `field=v`;
 *  - a keyword or quoted phrase: matched against `_raw` segments (segment.ts);
 *  - `earliest=`/`latest=`: epoch-second bounds on `_time` (`earliest <= _time < latest`); relative times
 *    (`-24h@h`) need a clock and are refused.
 */
export type SearchPred = (row: Row) => boolean;

export type SearchMode = 'search' | 'tstats';

const marks = new WeakMap<Row, string>();

function marked(row: Row): string | undefined {
  let m = marks.get(row);
  if (m !== undefined) return m;
  const raw = row.get('_raw');
  if (raw === undefined) return undefined;
  m = markBoundaries(Array.isArray(raw) ? raw.map(textOf).join('\n') : textOf(raw as string | number));
  marks.set(row, m);
  return m;
}

class Parser {
  i = 0;
  constructor(
    readonly ts: readonly Token[],
    readonly mode: SearchMode,
  ) {}
  peek(): Token | undefined {
    return this.ts[this.i];
  }
  isWord(w: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text === w;
  }
  next(): Token {
    const t = this.ts[this.i++];
    if (!t) syntax('unexpected end of search expression');
    return t;
  }

  /** AND level: operands until ')' or the end. */
  and(): SearchPred {
    const parts: SearchPred[] = [];
    let ungroupedOr = false;
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'rparen') break;
      if (t.kind === 'word' && t.text === 'AND') {
        if (parts.length === 0) syntax("'AND' without a left operand", t.offset);
        this.i++;
        continue;
      }
      const start = this.i;
      const { pred, ors } = this.or();
      if (ors > 0) ungroupedOr = true;
      parts.push(pred);
      if (this.i === start) syntax(`unexpected '${t.text}'`, t.offset);
    }
    if (parts.length === 0) syntax('empty search expression', this.peek()?.offset);
    // tstats `where` is documented with search syntax but evaluated with where precedence (AND before OR,
    // pySigma-backend-splunk#42): text whose meaning depends on that choice is refused instead of guessed.
    if (this.mode === 'tstats' && ungroupedOr && parts.length > 1) {
      unsupported('tstats where mixes AND and OR without parentheses: its precedence is not documented');
    }
    if (parts.length === 1) return parts[0]!;
    return (r) => {
      for (const p of parts) if (!p(r)) return false;
      return true;
    };
  }

  or(): { pred: SearchPred; ors: number } {
    const parts = [this.not()];
    while (this.isWord('OR')) {
      const t = this.next();
      const n = this.peek();
      if (!n || n.kind === 'rparen' || (n.kind === 'word' && (n.text === 'OR' || n.text === 'AND'))) syntax("'OR' without a right operand", t.offset);
      parts.push(this.not());
    }
    if (parts.length === 1) return { pred: parts[0]!, ors: 0 };
    return {
      pred: (r) => {
        for (const p of parts) if (p(r)) return true;
        return false;
      },
      ors: parts.length - 1,
    };
  }

  not(): SearchPred {
    if (this.isWord('NOT')) {
      const t = this.next();
      if (!this.peek() || this.peek()!.kind === 'rparen') syntax("'NOT' without an operand", t.offset);
      const p = this.not();
      return (r) => !p(r);
    }
    return this.primary();
  }

  primary(): SearchPred {
    const t = this.next();
    if (t.kind === 'lparen') {
      const p = this.and();
      const close = this.next();
      if (close.kind !== 'rparen') syntax("expected ')'", close.offset);
      return p;
    }
    if (t.kind === 'rparen') syntax("unbalanced ')'", t.offset);
    if (t.kind === 'op') syntax(`'${t.text}' without a field`, t.offset);
    if (t.kind === 'macro') unsupported(`macro \`${t.inner}\` (macros are not modelled)`, t.offset);
    if (t.kind === 'lbracket') unsupported('subsearch [ ... ] in a search expression', t.offset);
    if (t.kind !== 'word' && t.kind !== 'string') syntax(`unexpected '${t.text}'`, t.offset);
    const n = this.peek();
    if (n?.kind === 'op') {
      this.i++;
      const v = this.next();
      if (v.kind !== 'word' && v.kind !== 'string') syntax(`'${n.text}' without a value`, n.offset);
      return comparison(fieldName(t), n.text, decodeSearchString(v.inner), t.offset);
    }
    if (n?.kind === 'word' && n.text === 'IN') {
      this.i++;
      return this.inList(fieldName(t));
    }
    if (t.kind === 'word' && (t.text === 'TERM' || t.text === 'CASE' || t.text === 'PREFIX') && n?.kind === 'lparen') {
      unsupported(`${t.text}() directive`, t.offset);
    }
    if (t.kind === 'word' && n?.kind === 'lparen' && n.offset === t.offset + t.text.length) {
      syntax(`unexpected '(' after '${t.text}'`, n.offset);
    }
    if (this.mode === 'tstats') unsupported('a keyword in a tstats where clause (tstats reads no _raw)', t.offset);
    return rawTerm(decodeSearchString(t.inner), t.offset);
  }

  inList(field: string): SearchPred {
    const open = this.next();
    if (open.kind !== 'lparen') syntax("IN must be followed by '('", open.offset);
    const tests: SearchPred[] = [];
    for (;;) {
      const v = this.next();
      if (v.kind === 'rparen') {
        if (tests.length === 0) syntax('empty IN list', v.offset);
        break;
      }
      if (v.kind === 'comma') continue;
      if (v.kind !== 'word' && v.kind !== 'string') syntax(`unexpected '${v.text}' in an IN list`, v.offset);
      tests.push(comparison(field, '=', decodeSearchString(v.inner), v.offset));
    }
    return (r) => {
      for (const p of tests) if (p(r)) return true;
      return false;
    };
  }
}

const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN']);

function fieldName(t: Token): string {
  // A double-quoted name before an operator is read as a field name (`"cs-method"="GET"`): an assumption, the
  // search documentation only shows bare names.
  if (t.kind === 'word' && RESERVED.has(t.text)) syntax(`'${t.text}' cannot be a field name`, t.offset);
  return t.kind === 'string' ? decodeSearchString(t.inner) : t.text;
}

function rawTerm(term: string, offset: number): SearchPred {
  if (/^\*+$/.test(term)) return () => true; // `*` alone: every event
  const test = compileRawTerm(term, offset);
  return (r) => {
    const m = marked(r);
    return m !== undefined && test(m);
  };
}

const TIME_BOUND = /^(earliest|latest|_index_earliest|_index_latest)$/i;

function timeBound(kind: string, value: string, offset: number): SearchPred {
  const k = kind.toLowerCase();
  if (k.startsWith('_index')) unsupported(`${kind}= (index time is not in the event model)`, offset);
  const n = numberOf(value);
  if (n === undefined) unsupported(`${kind}=${value}: only epoch seconds are modelled (relative times need a clock)`, offset);
  return (r) => {
    const t = valuesOf(r.get('_time')).map(numberOf)[0];
    if (t === undefined) return false;
    return k === 'earliest' ? t >= n : t < n;
  };
}

/** `field op value` over a row. Exported for `IN` and the tstats data model constraints. */
export function comparison(field: string, op: string, value: string, offset: number): SearchPred {
  if (TIME_BOUND.test(field)) {
    if (op !== '=') syntax(`${field} takes '='`, offset);
    return timeBound(field, value, offset);
  }
  switch (op) {
    case '=': {
      const test = valueTest(value);
      return (r) => {
        for (const v of valuesOf(r.get(field))) if (test(textOf(v))) return true;
        return false;
      };
    }
    case '!=': {
      const test = valueTest(value);
      return (r) => {
        const vs = valuesOf(r.get(field));
        if (vs.length === 0) return false;
        for (const v of vs) if (test(textOf(v))) return false;
        return true;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (value.includes('*')) unsupported(`wildcard in a ${op} comparison`, offset);
      const num = numberOf(value);
      const cmp = (x: string | number): boolean => {
        const a = numberOf(x);
        let d: number;
        if (a !== undefined && num !== undefined) d = a - num;
        else {
          const s = textOf(x);
          d = s < value ? -1 : s > value ? 1 : 0;
        }
        return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
      };
      return (r) => {
        for (const v of valuesOf(r.get(field))) if (cmp(v)) return true;
        return false;
      };
    }
    case '==':
      return syntax("'==' is not a search operator", offset);
    default:
      return syntax(`unknown operator '${op}'`, offset);
  }
}

/** The test a search value applies to one field value: wildcard text, or CIDR block membership. */
function valueTest(value: string): (v: string) => boolean {
  const text = compileWildcard(value);
  const cidr = value.includes('*') ? undefined : parseCidr(value);
  if (!cidr) return text;
  return (v) => text(v) || inCidr(cidr, v);
}

/** Compile search-command tokens (the part after `search`, or the leading search) to a predicate. */
export function compileSearchTokens(tokens: readonly Token[], mode: SearchMode = 'search'): SearchPred {
  if (tokens.length === 0) syntax('empty search');
  const p = new Parser(tokens, mode);
  const pred = p.and();
  const rest = p.peek();
  if (rest) syntax(`unexpected '${rest.text}'`, rest.offset);
  return pred;
}

/** Compile search-command text (searchmatch(), data model constraints). */
export function compileSearchText(text: string, mode: SearchMode = 'search'): SearchPred {
  try {
    return compileSearchTokens(tokenize(text), mode);
  } catch (e) {
    if (e instanceof SplError) throw new SplError(e.kind, `in search text ${JSON.stringify(text)}: ${e.message}`);
    throw e;
  }
}
