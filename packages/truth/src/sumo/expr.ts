import { RE2JS } from 're2js';
import type { Dialect, Fail, Token } from './lexer.js';

/**
 * Boolean/scalar expressions of Sumo `where`/`if` stages and of Cloud SIEM rule expressions: one parser for both
 * dialects (the CSE page lists the same operators plus `like`, `rlike`, `between` and map access), evaluated by
 * eval.ts with each dialect's documented semantics.
 */

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { readonly k: 'lit'; readonly v: string | number | boolean | null }
  | { readonly k: 'field'; readonly name: string }
  /** `fields['EventData.X']`, `fieldsTags["f"]`, `foo[0]` (CSE map/array access). */
  | { readonly k: 'index'; readonly base: Expr; readonly key: Expr }
  /** `fields.eventName` (CSE). */
  | { readonly k: 'member'; readonly base: Expr; readonly name: string }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly at: number }
  | { readonly k: 'not'; readonly x: Expr }
  | { readonly k: 'and' | 'or'; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'cmp'; readonly op: CmpOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'arith'; readonly op: '+' | '-' | '*' | '/' | '%'; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'neg'; readonly x: Expr }
  /** `x matches "wild*card"`. */
  | { readonly k: 'wild'; readonly x: Expr; readonly pattern: string }
  /** `x matches /re2/`. */
  | { readonly k: 'regex'; readonly x: Expr; readonly re: RE2JS; readonly source: string }
  /** CSE `x like 'p%' [escape 'c']`. */
  | { readonly k: 'like'; readonly x: Expr; readonly pattern: Expr; readonly escape: string }
  /** CSE `x rlike 'java regex'`. */
  | { readonly k: 'rlike'; readonly x: Expr; readonly re: RE2JS }
  | { readonly k: 'in'; readonly x: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
  | { readonly k: 'between'; readonly x: Expr; readonly lo: Expr; readonly hi: Expr }
  | { readonly k: 'contains'; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr };

/** Known functions per dialect: name (lower case) -> [min args, max args]. */
export type FunctionTable = ReadonlyMap<string, readonly [number, number]>;

export interface ParserOptions {
  readonly dialect: Dialect;
  readonly functions: FunctionTable;
  readonly fail: Fail;
  readonly unsupported: Fail;
}

/** Words that end an expression inside a stage (`as x`, `by f`, `asc`...) rather than being field names. */
const STOP_WORDS = new Set(['as', 'by', 'asc', 'desc', 'nodrop', 'group']);

/** Compile an RE2 regex; a pattern RE2 rejects is a query error (Sumo: "Regex must be RE2-compliant"). */
export function compileRe2(source: string, at: number, fail: Fail): RE2JS {
  try {
    return RE2JS.compile(source);
  } catch (e) {
    return fail(`regex does not compile in RE2: ${(e as Error).message}`, at);
  }
}

/** A recursive-descent parser over tokens[pos..end). */
export class ExprParser {
  pos: number;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly o: ParserOptions,
    start = 0,
    private readonly end = tokens.length,
  ) {
    this.pos = start;
  }

  peek(k = 0): Token | undefined {
    const i = this.pos + k;
    return i < this.end ? this.tokens[i] : undefined;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  here(): number {
    return this.peek()?.start ?? this.tokens[this.end - 1]?.end ?? 0;
  }

  word(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.kind === 'ident' && t.lower === w;
  }

  op(o: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.kind === 'op' && t.value === o;
  }

  punct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.kind === 'punct' && t.value === p;
  }

  expectPunct(p: string, what: string): void {
    if (!this.punct(p)) this.o.fail(`expected ${what}`, this.here());
    this.pos++;
  }

  /** Full expression (with the `c ? a : b` form of log search). */
  expression(): Expr {
    const c = this.or();
    if (this.o.dialect === 'search' && this.op('?')) {
      this.pos++;
      const a = this.expression();
      if (!this.op(':')) this.o.fail("expected ':' in 'cond ? a : b'", this.here());
      this.pos++;
      return { k: 'cond', c, a, b: this.expression() };
    }
    return c;
  }

  private or(): Expr {
    let a = this.and();
    while (this.word('or') || this.op('||')) {
      this.pos++;
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.not();
    while (this.word('and') || this.op('&&')) {
      this.pos++;
      a = { k: 'and', a, b: this.not() };
    }
    return a;
  }

  private not(): Expr {
    // `!x`, `not x`, `not (…)`; `x not in (…)` is read by comparison().
    if (this.op('!') || this.word('not')) {
      this.pos++;
      return { k: 'not', x: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const a = this.additive();
    const t = this.peek();
    if (t === undefined) return a;
    if (t.kind === 'op' && ['=', '==', '!=', '<>', '<', '<=', '>', '>='].includes(t.value)) {
      this.pos++;
      const op: CmpOp = t.value === '==' ? '=' : t.value === '<>' ? '!=' : (t.value as CmpOp);
      return { k: 'cmp', op, a, b: this.additive() };
    }
    if (t.kind !== 'ident') return a;
    switch (t.lower) {
      case 'matches': {
        this.pos++;
        const v = this.peek();
        this.pos++;
        if (v?.kind === 'regex') return { k: 'regex', x: a, re: compileRe2(v.value, v.start, this.o.fail), source: v.value };
        if (v?.kind === 'string') return { k: 'wild', x: a, pattern: v.value };
        if (v?.kind === 'ident' || v?.kind === 'fieldref') {
          // `host matches instance_match`: a pattern held in a field (matches doc, last example).
          return this.o.unsupported('matches with a pattern taken from a field', v.start);
        }
        return this.o.fail("'matches' needs a \"pattern\" or a /regex/", v?.start ?? this.here());
      }
      case 'in':
        this.pos++;
        return { k: 'in', x: a, list: this.list(), negated: false };
      case 'not':
        if (this.word('in', 1)) {
          this.pos += 2;
          return { k: 'in', x: a, list: this.list(), negated: true };
        }
        if (this.o.dialect === 'cse' && (this.word('like', 1) || this.word('rlike', 1) || this.word('between', 1))) {
          this.pos++;
          return { k: 'not', x: this.cseInfix(a) };
        }
        return a;
      case 'contains':
        if (this.o.dialect !== 'search') return this.o.unsupported("infix 'contains' (CSE supports only contains(a, b))", t.start);
        this.pos++;
        return { k: 'contains', a, b: this.additive() };
      case 'like':
      case 'rlike':
      case 'between':
        if (this.o.dialect !== 'cse') return this.o.unsupported(`'${t.value}' is not a log search operator`, t.start);
        return this.cseInfix(a);
      default:
        return a;
    }
  }

  private cseInfix(a: Expr): Expr {
    const t = this.peek()!;
    this.pos++;
    if (t.kind === 'ident' && t.lower === 'between') {
      const lo = this.additive();
      if (!this.word('and')) this.o.fail("expected 'and' in 'between … and …'", this.here());
      this.pos++;
      return { k: 'between', x: a, lo, hi: this.additive() };
    }
    if (t.kind === 'ident' && t.lower === 'rlike') {
      const p = this.peek();
      if (p?.kind !== 'string') return this.o.unsupported("rlike with a non-literal pattern", p?.start ?? this.here());
      this.pos++;
      try {
        return { k: 'rlike', x: a, re: RE2JS.compile(p.value) };
      } catch (e) {
        // rlike takes a Java regex; what RE2 cannot compile is not modelled.
        return this.o.unsupported(`rlike pattern not in the RE2 subset of Java regex: ${(e as Error).message}`, p.start);
      }
    }
    const pattern = this.additive();
    let escape = '\\';
    if (this.word('escape')) {
      this.pos++;
      const e = this.peek();
      if (e?.kind !== 'string' || [...e.value].length !== 1) return this.o.fail('ESCAPE needs a one-character string', e?.start ?? this.here());
      escape = e.value;
      this.pos++;
    }
    return { k: 'like', x: a, pattern, escape };
  }

  private list(): Expr[] {
    this.expectPunct('(', "'(' after 'in'");
    const out: Expr[] = [];
    if (this.punct(')')) this.o.fail("empty 'in' list", this.here());
    for (;;) {
      out.push(this.additive());
      if (this.punct(',')) {
        this.pos++;
        continue;
      }
      break;
    }
    this.expectPunct(')', "')' closing the 'in' list");
    return out;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (t?.kind !== 'op' || (t.value !== '+' && t.value !== '-')) return a;
      this.pos++;
      a = { k: 'arith', op: t.value, a, b: this.multiplicative() };
    }
  }

  private multiplicative(): Expr {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if (t?.kind !== 'op' || (t.value !== '*' && t.value !== '/' && t.value !== '%')) return a;
      this.pos++;
      a = { k: 'arith', op: t.value, a, b: this.unary() };
    }
  }

  private unary(): Expr {
    if (this.op('-')) {
      this.pos++;
      return { k: 'neg', x: this.unary() };
    }
    if (this.op('+')) this.pos++;
    if (this.op('!')) {
      this.pos++;
      return { k: 'not', x: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.o.dialect === 'cse' && this.punct('[')) {
        this.pos++;
        const key = this.expression();
        this.expectPunct(']', "']'");
        e = { k: 'index', base: e, key };
        continue;
      }
      if (this.o.dialect === 'cse' && this.op('.') && this.peek(1)?.kind === 'ident') {
        const name = (this.peek(1) as { value: string }).value;
        this.pos += 2;
        e = { k: 'member', base: e, name };
        continue;
      }
      return e;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    if (t === undefined) return this.o.fail('expression expected', this.here());
    this.pos++;
    switch (t.kind) {
      case 'string':
        return { k: 'lit', v: t.value };
      case 'number':
        return { k: 'lit', v: t.value };
      case 'fieldref':
        return { k: 'field', name: t.value };
      case 'punct':
        if (t.value === '(') {
          const e = this.expression();
          this.expectPunct(')', "')'");
          return e;
        }
        return this.o.fail(`unexpected '${t.value}'`, t.start);
      case 'ident': {
        if (this.punct('(')) return this.call(t.value, t.start);
        if (t.lower === 'true' || t.lower === 'false') return { k: 'lit', v: t.lower === 'true' };
        if (t.lower === 'null') return { k: 'lit', v: null };
        if (['and', 'or', 'not', 'in', 'matches', 'like', 'rlike', 'between'].includes(t.lower) || STOP_WORDS.has(t.lower)) {
          return this.o.fail(`operand expected before '${t.value}'`, t.start);
        }
        return { k: 'field', name: t.value };
      }
      default:
        return this.o.fail(`unexpected '${t.kind === 'regex' ? `/${t.value}/` : String(t.value)}'`, t.start);
    }
  }

  private call(name: string, at: number): Expr {
    const lower = name.toLowerCase();
    const arity = this.o.functions.get(lower);
    if (arity === undefined) return this.o.unsupported(`function '${name}' is not modelled`, at);
    this.pos++; // (
    const args: Expr[] = [];
    if (!this.punct(')')) {
      for (;;) {
        args.push(this.expression());
        if (this.punct(',')) {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expectPunct(')', `')' closing ${name}(…)`);
    if (args.length < arity[0] || args.length > arity[1]) {
      return this.o.fail(`${name} takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]}-${arity[1]}`} argument(s), not ${args.length}`, at);
    }
    return { k: 'call', name: lower, args, at };
  }
}

/** The direct sub-expressions of a node. */
export function children(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'field':
    case 'lit':
      return [];
    case 'index':
      return [e.base, e.key];
    case 'member':
      return [e.base];
    case 'call':
      return e.args;
    case 'not':
    case 'neg':
    case 'wild':
    case 'regex':
    case 'rlike':
      return [e.x];
    case 'and':
    case 'or':
    case 'cmp':
    case 'arith':
    case 'contains':
      return [e.a, e.b];
    case 'like':
      return [e.x, e.pattern];
    case 'in':
      return [e.x, ...e.list];
    case 'between':
      return [e.x, e.lo, e.hi];
    case 'cond':
      return [e.c, e.a, e.b];
  }
}

/** Names of the fields an expression reads (bare names and `%"…"`), for the declared-field check. */
export function fieldsRead(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.k === 'field') out.add(e.name);
  for (const c of children(e)) fieldsRead(c, out);
  return out;
}
