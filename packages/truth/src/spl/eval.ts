import { inCidr, parseCidr } from './cidr.js';
import { SplError, syntax, unsupported } from './errors.js';
import { decodeEvalString, relexEval, type Token } from './lexer.js';
import { compilePcre, pcreTest } from './pcre.js';
import { compileSearchText } from './search.js';
import { strftime } from './strftime.js';
import { numberOf, textOf, type FieldValue, type Row } from './values.js';

/**
 * eval expressions, for `| eval` and `| where` (Search Reference: eval, where, Evaluation functions):
 *  - precedence: ( ), unary -, * / %, + - and `.` (concatenation), comparisons (= == != < <= > >= LIKE),
 *    NOT, AND, OR;
 *  - a bare name or a 'single-quoted' name is a field, a "double-quoted" text a string literal;
 *  - a missing field is null; comparisons, arithmetic, concatenation and string functions of null are null; AND,
 *    OR and NOT follow three-valued logic; `where` keeps a row only when the expression is true (Search
 *    Reference, where: "returns only the results for which the eval expression returns true");
 *  - comparisons are numeric when both sides are numbers (a field value that reads as a number is one), else
 *    case-sensitive string comparisons; a multivalue field satisfies a comparison, match(), like() or
 *    cidrmatch() when any of its values does (an assumption stated in SOURCES.md).
 */
export type EVal = null | boolean | number | string | readonly (string | number)[];
export type EvalFn = (row: Row) => EVal;

type Tok =
  | { readonly kind: 'number'; readonly value: number; readonly offset: number }
  | { readonly kind: 'name'; readonly value: string; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'field'; readonly value: string; readonly offset: number }
  | { readonly kind: 'op'; readonly value: string; readonly offset: number }
  | { readonly kind: 'lparen' | 'rparen' | 'comma'; readonly value: string; readonly offset: number };

function evalTokens(ts: readonly Token[]): Tok[] {
  const out: Tok[] = [];
  for (const t of ts) {
    switch (t.kind) {
      case 'word':
        out.push(...relexEval(t));
        break;
      case 'string':
        out.push({ kind: 'string', value: decodeEvalString(t.inner), offset: t.offset });
        break;
      case 'squote':
        out.push({ kind: 'field', value: t.inner.replace(/\\(['\\])/g, '$1'), offset: t.offset });
        break;
      case 'op':
        out.push({ kind: 'op', value: t.text, offset: t.offset });
        break;
      case 'lparen':
      case 'rparen':
      case 'comma':
        out.push({ kind: t.kind, value: t.text, offset: t.offset });
        break;
      case 'macro':
        unsupported(`macro \`${t.inner}\` (macros are not modelled)`, t.offset);
        break;
      default:
        syntax(`unexpected '${t.text}' in an eval expression`, t.offset);
    }
  }
  return out;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'XOR', 'LIKE', 'IN']);

class P {
  i = 0;
  constructor(readonly ts: readonly Tok[]) {}
  peek(): Tok | undefined {
    return this.ts[this.i];
  }
  next(): Tok {
    const t = this.ts[this.i++];
    if (!t) syntax('unexpected end of eval expression');
    return t;
  }
  isName(n: string): boolean {
    const t = this.peek();
    return t?.kind === 'name' && t.value === n;
  }
  isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t?.kind === 'op' && ops.includes(t.value);
  }

  or(): EvalFn {
    let left = this.xor();
    while (this.isName('OR')) {
      this.next();
      const l = left;
      const r = this.xor();
      left = (row) => {
        const a = bool(l(row));
        if (a === true) return true;
        const b = bool(r(row));
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    return left;
  }
  xor(): EvalFn {
    let left = this.and();
    while (this.isName('XOR')) {
      this.next();
      const l = left;
      const r = this.and();
      left = (row) => {
        const a = bool(l(row));
        const b = bool(r(row));
        return a === null || b === null ? null : a !== b;
      };
    }
    return left;
  }
  and(): EvalFn {
    let left = this.not();
    while (this.isName('AND')) {
      this.next();
      const l = left;
      const r = this.not();
      left = (row) => {
        const a = bool(l(row));
        if (a === false) return false;
        const b = bool(r(row));
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    return left;
  }
  not(): EvalFn {
    if (this.isName('NOT')) {
      this.next();
      const p = this.not();
      return (row) => {
        const v = bool(p(row));
        return v === null ? null : !v;
      };
    }
    return this.cmp();
  }
  cmp(): EvalFn {
    const left = this.add();
    if (this.isOp('=', '==', '!=', '<', '<=', '>', '>=')) {
      const op = String(this.next().value);
      const right = this.add();
      return (row) => compare(op, left(row), right(row));
    }
    if (this.isName('LIKE')) {
      this.next();
      const right = this.add();
      return (row) => likeFn(left(row), right(row));
    }
    if (this.isName('IN')) {
      this.next();
      const open = this.next();
      if (open.kind !== 'lparen') syntax("IN must be followed by '('", open.offset);
      const items = this.args();
      return (row) => inFn(left(row), items.map((f) => f(row)));
    }
    return left;
  }
  add(): EvalFn {
    let left = this.mul();
    while (this.isOp('+', '-', '.')) {
      const op = String(this.next().value);
      const l = left;
      const r = this.mul();
      left = (row) => arith(op, l(row), r(row));
    }
    return left;
  }
  mul(): EvalFn {
    let left = this.unary();
    while (this.isOp('*', '/', '%')) {
      const op = String(this.next().value);
      const l = left;
      const r = this.unary();
      left = (row) => arith(op, l(row), r(row));
    }
    return left;
  }
  unary(): EvalFn {
    if (this.isOp('-', '+')) {
      const op = String(this.next().value);
      const p = this.unary();
      return (row) => {
        const v = num(p(row));
        return v === null ? null : op === '-' ? -v : v;
      };
    }
    return this.primary();
  }
  primary(): EvalFn {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return () => t.value;
      case 'string':
        return () => t.value;
      case 'field':
        return (row) => field(row, t.value);
      case 'lparen': {
        const e = this.or();
        const c = this.next();
        if (c.kind !== 'rparen') syntax("expected ')'", c.offset);
        return e;
      }
      case 'name': {
        if (KEYWORDS.has(t.value)) syntax(`unexpected '${t.value}'`, t.offset);
        if (this.peek()?.kind === 'lparen') {
          this.next();
          return call(t.value, this.args(), t.offset, this.rawArgs);
        }
        if (t.value === 'true' || t.value === 'false') {
          // Boolean literals (Types of expressions: "The only valid Boolean values are true and false").
          const b = t.value === 'true';
          return () => b;
        }
        return (row) => field(row, t.value);
      }
      default:
        return syntax(`unexpected '${t.value}' in an eval expression`, t.offset);
    }
  }
  /** Raw string arguments seen by the last args() call (for searchmatch's constant text). */
  rawArgs: (string | undefined)[] = [];
  args(): EvalFn[] {
    const out: EvalFn[] = [];
    const raws: (string | undefined)[] = [];
    if (this.peek()?.kind === 'rparen') {
      this.next();
      this.rawArgs = raws;
      return out;
    }
    for (;;) {
      const first = this.peek();
      const start = this.i;
      out.push(this.or());
      raws.push(this.i === start + 1 && first?.kind === 'string' ? first.value : undefined);
      const sep = this.next();
      if (sep.kind === 'rparen') break;
      if (sep.kind !== 'comma') syntax(`expected ',' or ')'`, sep.offset);
    }
    this.rawArgs = raws;
    return out;
  }
}

function field(row: Row, name: string): EVal {
  const v: FieldValue | undefined = row.get(name);
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.length === 1 ? v[0]! : v;
  return v as string | number;
}

function bool(v: EVal): boolean | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  throw new SplError('semantic', `a boolean was expected, got ${JSON.stringify(v)}`);
}

function num(v: EVal): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return numberOf(v) ?? null;
  if (typeof v === 'boolean') return null;
  return v.length > 0 ? (numberOf(v[0]!) ?? null) : null;
}

function str(v: EVal): string | null {
  if (v === null || typeof v === 'boolean') return null;
  if (Array.isArray(v)) return v.length > 0 ? textOf(v[0]!) : null;
  return textOf(v as string | number);
}

/** The values of a (possibly multivalue) eval value, for "any value" tests. */
function each(v: EVal): (string | number)[] {
  if (v === null || typeof v === 'boolean') return [];
  return Array.isArray(v) ? [...v] : [v as string | number];
}

function compare(op: string, a: EVal, b: EVal): boolean | null {
  if (a === null || b === null) return null;
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (op === '=' || op === '==') return a === b;
    if (op === '!=') return a !== b;
    throw new SplError('semantic', `cannot order booleans with '${op}'`);
  }
  const one = (x: string | number, y: string | number): boolean => {
    const nx = numberOf(x);
    const ny = numberOf(y);
    let d: number;
    if (nx !== undefined && ny !== undefined) d = nx - ny;
    else {
      const sx = textOf(x);
      const sy = textOf(y);
      d = sx < sy ? -1 : sx > sy ? 1 : 0;
    }
    switch (op) {
      case '=':
      case '==':
        return d === 0;
      case '!=':
        return d !== 0;
      case '<':
        return d < 0;
      case '<=':
        return d <= 0;
      case '>':
        return d > 0;
      default:
        return d >= 0;
    }
  };
  for (const x of each(a)) for (const y of each(b)) if (one(x, y)) return true;
  return false;
}

function arith(op: string, a: EVal, b: EVal): EVal {
  if (a === null || b === null) return null;
  if (op === '.') {
    const x = str(a);
    const y = str(b);
    return x === null || y === null ? null : x + y;
  }
  const x = num(a);
  const y = num(b);
  if (op === '+' && (x === null || y === null)) {
    // `+` on two strings concatenates (Evaluation functions, operators).
    const sx = str(a);
    const sy = str(b);
    return sx === null || sy === null ? null : sx + sy;
  }
  if (x === null || y === null) return null;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? null : x / y;
    default:
      return y === 0 ? null : x % y;
  }
}

function likeRegex(pattern: string): RegExp {
  let src = '';
  for (const c of pattern) src += c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[\\^$.|?*+()[\]{}]/, '\\$&');
  return new RegExp(`^${src}$`, 'u');
}

const likeCache = new Map<string, RegExp>();
function likeFn(s: EVal, p: EVal): boolean | null {
  const pat = str(p);
  if (s === null || pat === null) return null;
  let re = likeCache.get(pat);
  if (!re) likeCache.set(pat, (re = likeRegex(pat)));
  for (const v of each(s)) if (re.test(textOf(v))) return true;
  return false;
}

function inFn(v: EVal, items: readonly EVal[]): boolean | null {
  if (v === null) return null;
  for (const it of items) if (it !== null && compare('==', v, it) === true) return true;
  return false;
}

function mapStr(v: EVal, f: (s: string) => EVal): EVal {
  if (v === null || typeof v === 'boolean') return null;
  if (Array.isArray(v)) return v.map((x) => f(textOf(x)) as string);
  return f(textOf(v as string | number));
}

function arity(name: string, args: readonly EvalFn[], min: number, max: number, offset: number): void {
  if (args.length < min || args.length > max) syntax(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`, offset);
}

function call(name: string, args: readonly EvalFn[], offset: number, raws: readonly (string | undefined)[]): EvalFn {
  const a = (k: number): EvalFn => args[k]!;
  switch (name) {
    case 'isnull':
      arity(name, args, 1, 1, offset);
      return (r) => a(0)(r) === null;
    case 'isnotnull':
      arity(name, args, 1, 1, offset);
      return (r) => a(0)(r) !== null;
    case 'null':
      arity(name, args, 0, 0, offset);
      return () => null;
    case 'true':
    case 'false':
      arity(name, args, 0, 0, offset);
      return () => name === 'true';
    case 'lower':
    case 'upper':
      arity(name, args, 1, 1, offset);
      return (r) => mapStr(a(0)(r), (s) => (name === 'lower' ? s.toLowerCase() : s.toUpperCase()));
    case 'len':
      arity(name, args, 1, 1, offset);
      return (r) => {
        const s = str(a(0)(r));
        return s === null ? null : [...s].length;
      };
    case 'match':
      arity(name, args, 2, 2, offset);
      return matchFn(args, offset, raws);
    case 'like':
      arity(name, args, 2, 2, offset);
      return (r) => likeFn(a(0)(r), a(1)(r));
    case 'cidrmatch':
      arity(name, args, 2, 2, offset);
      return (r) => {
        const c = str(a(0)(r));
        const ip = a(1)(r);
        if (c === null || ip === null) return null;
        const block = parseCidr(c);
        if (!block) return false;
        for (const v of each(ip)) if (inCidr(block, textOf(v))) return true;
        return false;
      };
    case 'if':
      arity(name, args, 3, 3, offset);
      return (r) => (bool(a(0)(r)) === true ? a(1)(r) : a(2)(r));
    case 'case':
      if (args.length % 2 !== 0 || args.length === 0) syntax('case() takes condition/value pairs', offset);
      return (r) => {
        for (let k = 0; k < args.length; k += 2) if (bool(a(k)(r)) === true) return a(k + 1)(r);
        return null;
      };
    case 'coalesce':
      if (args.length === 0) syntax('coalesce() needs arguments', offset);
      return (r) => {
        for (const f of args) {
          const v = f(r);
          if (v !== null) return v;
        }
        return null;
      };
    case 'nullif':
      arity(name, args, 2, 2, offset);
      return (r) => {
        const x = a(0)(r);
        return compare('==', x, a(1)(r)) === true ? null : x;
      };
    case 'in':
      if (args.length < 2) syntax('in() needs a value and a list', offset);
      return (r) => inFn(a(0)(r), args.slice(1).map((f) => f(r)));
    case 'searchmatch': {
      arity(name, args, 1, 1, offset);
      const text = raws[0];
      if (text === undefined) unsupported('searchmatch() with a computed search string', offset);
      const pred = compileSearchText(text);
      return (r) => pred(r);
    }
    case 'substr':
      arity(name, args, 2, 3, offset);
      return (r) => {
        const s = str(a(0)(r));
        const start = num(a(1)(r));
        const len = args.length === 3 ? num(a(2)(r)) : undefined;
        if (s === null || start === null || len === null) return null;
        const cps = [...s];
        // 1-based; a negative start counts from the end (substr("string", -3) is "ing").
        const from = start < 0 ? Math.max(0, cps.length + start) : Math.max(0, start - 1);
        return cps.slice(from, len === undefined ? undefined : from + Math.max(0, len)).join('');
      };
    case 'tonumber':
      arity(name, args, 1, 2, offset);
      return (r) => {
        const v = a(0)(r);
        if (v === null) return null;
        if (args.length === 2) {
          const base = num(a(1)(r));
          const s = str(v);
          if (base === null || s === null) return null;
          const n = parseInt(s, base);
          return Number.isNaN(n) || !new RegExp(`^[-+]?[0-9a-z]+$`, 'i').test(s.trim()) ? null : n;
        }
        return num(v);
      };
    case 'tostring':
      arity(name, args, 1, 2, offset);
      if (args.length === 2) unsupported('tostring() with a format', offset);
      return (r) => {
        const v = a(0)(r);
        if (v === null) return null;
        if (typeof v === 'boolean') return v ? 'True' : 'False';
        return mapStr(v, (s) => s);
      };
    case 'floor':
    case 'ceil':
    case 'ceiling':
    case 'abs':
      arity(name, args, 1, 1, offset);
      return (r) => {
        const x = num(a(0)(r));
        if (x === null) return null;
        return name === 'floor' ? Math.floor(x) : name === 'abs' ? Math.abs(x) : Math.ceil(x);
      };
    case 'round':
      arity(name, args, 1, 2, offset);
      return (r) => {
        const x = num(a(0)(r));
        const d = args.length === 2 ? num(a(1)(r)) : 0;
        if (x === null || d === null) return null;
        const f = 10 ** d;
        return Math.round(x * f) / f;
      };
    case 'min':
    case 'max':
      if (args.length === 0) syntax(`${name}() needs arguments`, offset);
      return (r) => {
        const vs = args.flatMap((f) => each(f(r)));
        if (vs.length === 0) return null;
        const nums = vs.map(numberOf);
        if (nums.every((n) => n !== undefined)) return name === 'min' ? Math.min(...(nums as number[])) : Math.max(...(nums as number[]));
        const ss = vs.map(textOf).sort();
        return name === 'min' ? ss[0]! : ss.at(-1)!;
      };
    case 'isnum':
    case 'isint':
    case 'isstr':
      arity(name, args, 1, 1, offset);
      return (r) => {
        const v = a(0)(r);
        if (name === 'isstr') return typeof v === 'string' && numberOf(v) === undefined;
        const n = typeof v === 'number' ? v : typeof v === 'string' ? numberOf(v) : undefined;
        return n !== undefined && (name === 'isnum' || Number.isInteger(n));
      };
    case 'mvcount':
      arity(name, args, 1, 1, offset);
      return (r) => {
        const v = a(0)(r);
        return v === null ? null : each(v).length;
      };
    case 'mvindex':
      arity(name, args, 2, 3, offset);
      return (r) => {
        const vs = each(a(0)(r));
        const s = num(a(1)(r));
        const e = args.length === 3 ? num(a(2)(r)) : s;
        if (vs.length === 0 || s === null || e === null) return null;
        const from = s < 0 ? vs.length + s : s;
        const to = e < 0 ? vs.length + e : e;
        const out = vs.slice(from, to + 1);
        return out.length === 0 ? null : out.length === 1 ? out[0]! : out;
      };
    case 'mvjoin':
      arity(name, args, 2, 2, offset);
      return (r) => {
        const v = a(0)(r);
        const sep = str(a(1)(r));
        return v === null || sep === null ? null : each(v).map(textOf).join(sep);
      };
    case 'split':
      arity(name, args, 2, 2, offset);
      return (r) => {
        const s = str(a(0)(r));
        const sep = str(a(1)(r));
        if (s === null || sep === null) return null;
        const parts = sep === '' ? [...s] : s.split(sep);
        return parts.length === 1 ? parts[0]! : parts;
      };
    case 'trim':
    case 'ltrim':
    case 'rtrim':
      arity(name, args, 1, 2, offset);
      return (r) => {
        const s = str(a(0)(r));
        const chars = args.length === 2 ? str(a(1)(r)) : ' \t';
        if (s === null || chars === null) return null;
        let i = 0;
        let j = s.length;
        if (name !== 'rtrim') while (i < j && chars.includes(s[i]!)) i++;
        if (name !== 'ltrim') while (j > i && chars.includes(s[j - 1]!)) j--;
        return s.slice(i, j);
      };
    case 'strftime':
      arity(name, args, 2, 2, offset);
      return (r) => {
        const t = num(a(0)(r));
        const f = str(a(1)(r));
        return t === null || f === null ? null : strftime(t, f);
      };
    case 'now':
    case 'time':
    case 'relative_time':
    case 'random':
      return unsupported(`${name}() depends on the clock or chance`, offset);
    default:
      return unsupported(`eval function ${name}()`, offset);
  }
}

function matchFn(args: readonly EvalFn[], offset: number, raws: readonly (string | undefined)[]): EvalFn {
  const constant = raws[1];
  const fixed = constant === undefined ? undefined : compilePcre(constant, offset);
  return (r) => {
    const s = args[0]!(r);
    if (s === null) return null;
    let re = fixed;
    if (!re) {
      const p = str(args[1]!(r));
      if (p === null) return null;
      re = compilePcre(p, offset);
    }
    for (const v of each(s)) if (pcreTest(re, textOf(v))) return true;
    return false;
  };
}

/** Compile eval tokens to a function of a row. */
export function compileEval(tokens: readonly Token[]): EvalFn {
  if (tokens.length === 0) syntax('empty eval expression');
  const p = new P(evalTokens(tokens));
  const f = p.or();
  const rest = p.peek();
  if (rest) syntax(`unexpected '${rest.value}' in an eval expression`, rest.offset);
  return f;
}

/** A where predicate: true keeps the row; null and false drop it; any other type is a semantic error. */
export function compileWhere(tokens: readonly Token[]): (row: Row) => boolean {
  const f = compileEval(tokens);
  return (row) => {
    const v = f(row);
    if (v === null) return false;
    if (typeof v !== 'boolean') throw new SplError('semantic', `where expression is not boolean (${JSON.stringify(v)})`);
    return v;
  };
}

/** The value eval stores in a field (null removes the field). */
export function storable(v: EVal): FieldValue | null {
  if (v === null) return null;
  if (typeof v === 'boolean') throw new SplError('semantic', 'eval cannot assign a boolean to a field');
  return v;
}
