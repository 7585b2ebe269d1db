import type { Expr } from './expr.js';
import {
  compareCidrPrefix,
  getCidrPrefix,
  ipv4,
  isIpv6,
  isPrivateIpv4,
  maskFromCidr,
  text,
  toNumber,
  compileGlob,
  globMatch,
  wildcardGlob,
  type Glob,
  type Value,
} from './values.js';

/**
 * Evaluation of expressions with Sumo's documented value semantics (SOURCES.md lists each rule and its source):
 * - null: `=`, `<`, `<=`, `>`, `>=` are false when either side is null ("null = "foo" // false", "null < 10 //
 *   false", cse-rules-syntax); `!=` likewise (assumption A-NULL-NE); `!(null)` is true, so a test on a missing field
 *   is false and its negation true (two-valued logic);
 * - strings compare case-sensitively ("String comparisons are case sensitive", field-expressions);
 * - a number against a string: the string is read as a number ("Sumo Logic will implicitly cast string data to a
 *   number type assuming it is clear that you need a number"); text that is no number makes the test false;
 * - quoted `matches` patterns cover the whole value, `*` only; regexes are RE2, anywhere or whole value by option.
 */

/** A value in an evaluation: scalars, plus arrays and maps read from Cloud SIEM records. */
export type EValue = Value | readonly unknown[] | { readonly [k: string]: unknown };

export interface Semantics {
  /** How `matches /re/` (and `rlike`) applies: a match anywhere in the value, or of the whole value. */
  readonly regexMatch: 'anywhere' | 'whole';
  /** `in (…)` coerces numbers and numeric text like `=` (CSE, Spark IN) or compares typed values (log search). */
  readonly inCoerces: boolean;
}

export interface Scope {
  /** A field's value; null when the field is absent. */
  get(name: string): EValue;
}

function scalar(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return null;
}

/** Equality with the cast rules above; null when the values cannot be compared (either is null or no number). */
export function equals(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' || typeof b === 'number') {
    if (typeof a === 'boolean' || typeof b === 'boolean') return null;
    const x = toNumber(a);
    const y = toNumber(b);
    return x === null || y === null ? null : x === y;
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b;
    // A boolean against text: compare with its text form ("true"/"false").
    return String(a) === String(b);
  }
  return a === b;
}

/** Ordering: numeric when either side is a number, else text order by code point; null when incomparable. */
export function order(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x === null || y === null ? null : x - y;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function typedEquals(a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  return typeof a === typeof b && a === b;
}

/** SQL LIKE: `%` any run, `_` one character, `escape` makes the next character literal. Case-sensitive. */
export function likeGlob(pattern: string, escape: string): Glob {
  return compileGlob(pattern, { any: '%', one: '_', escape });
}

const wildcardCache = new Map<string, Glob>();
function wildcard(pattern: string): Glob {
  let g = wildcardCache.get(pattern);
  if (!g) {
    g = wildcardGlob(pattern);
    wildcardCache.set(pattern, g);
  }
  return g;
}

export class Evaluator {
  constructor(private readonly sem: Semantics) {}

  /** A where/rule condition: kept only when it evaluates to boolean true. */
  test(e: Expr, scope: Scope): boolean {
    return this.eval(e, scope) === true;
  }

  eval(e: Expr, s: Scope): EValue {
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'field':
        return s.get(e.name);
      case 'index': {
        const base = this.eval(e.base, s);
        const key = scalar(this.eval(e.key, s));
        if (base === null || key === null || typeof base !== 'object') return null;
        if (Array.isArray(base)) {
          const n = toNumber(key);
          return n === null ? null : (base[n] as EValue | undefined) ?? null;
        }
        return ((base as Record<string, unknown>)[String(key)] as EValue | undefined) ?? null;
      }
      case 'member': {
        const base = this.eval(e.base, s);
        if (base === null || typeof base !== 'object' || Array.isArray(base)) return null;
        return ((base as Record<string, unknown>)[e.name] as EValue | undefined) ?? null;
      }
      case 'not':
        return this.eval(e.x, s) !== true;
      case 'and':
        return this.test(e.a, s) && this.test(e.b, s);
      case 'or':
        return this.test(e.a, s) || this.test(e.b, s);
      case 'cmp': {
        const a = scalar(this.eval(e.a, s));
        const b = scalar(this.eval(e.b, s));
        if (e.op === '=' || e.op === '!=') {
          const eq = equals(a, b);
          return eq === null ? false : e.op === '=' ? eq : !eq;
        }
        const c = order(a, b);
        if (c === null) return false;
        return e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
      }
      case 'arith': {
        const a = toNumber(scalar(this.eval(e.a, s)));
        const b = toNumber(scalar(this.eval(e.b, s)));
        if (a === null || b === null) return null;
        switch (e.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return b === 0 ? null : a / b;
          case '%':
            return b === 0 ? null : a % b;
        }
        return null;
      }
      case 'neg': {
        const a = toNumber(scalar(this.eval(e.x, s)));
        return a === null ? null : -a;
      }
      case 'wild': {
        const v = text(scalar(this.eval(e.x, s)));
        return v !== null && globMatch(wildcard(e.pattern), v);
      }
      case 'regex':
      case 'rlike': {
        const v = text(scalar(this.eval(e.x, s)));
        if (v === null) return false;
        return this.sem.regexMatch === 'whole' ? e.re.matches(v) : e.re.matcher(v).find();
      }
      case 'like': {
        const v = text(scalar(this.eval(e.x, s)));
        const p = text(scalar(this.eval(e.pattern, s)));
        return v !== null && p !== null && globMatch(likeGlob(p, e.escape), v);
      }
      case 'in': {
        const v = scalar(this.eval(e.x, s));
        if (v === null) return false;
        const hit = e.list.some((l) => {
          const w = scalar(this.eval(l, s));
          return this.sem.inCoerces ? equals(v, w) === true : typedEquals(v, w);
        });
        return e.negated ? !hit : hit;
      }
      case 'between': {
        const v = scalar(this.eval(e.x, s));
        const lo = order(v, scalar(this.eval(e.lo, s)));
        const hi = order(v, scalar(this.eval(e.hi, s)));
        return lo !== null && hi !== null && lo >= 0 && hi <= 0;
      }
      case 'contains':
        return contains(scalar(this.eval(e.a, s)), scalar(this.eval(e.b, s)));
      case 'cond':
        return this.test(e.c, s) ? this.eval(e.a, s) : this.eval(e.b, s);
      case 'call':
        return this.call(e.name, e.args, s);
    }
  }

  private call(name: string, args: readonly Expr[], s: Scope): EValue {
    if (name === 'if') return this.test(args[0]!, s) ? this.eval(args[1]!, s) : this.eval(args[2]!, s);
    const raw = args.map((a) => this.eval(a, s));
    const v = raw.map(scalar);
    const str = (i: number): string | null => text(v[i] ?? null);
    switch (name) {
      case 'tolowercase':
      case 'lower':
        return str(0)?.toLowerCase() ?? null;
      case 'touppercase':
      case 'upper':
        return str(0)?.toUpperCase() ?? null;
      case 'isnull':
        return v[0] === null;
      case 'isempty':
        return v[0] === null || str(0) === '';
      case 'isblank':
        return v[0] === null || /^\s*$/u.test(str(0)!);
      case 'length':
        return str(0)?.length ?? 0;
      case 'concat':
        return v.map((x) => text(x) ?? '').join('');
      case 'contains':
        return contains(v[0]!, v[1]!);
      case 'comparecidrprefix':
        return compareCidrPrefix(v[0]!, v[1]!, v[2]!);
      case 'getcidrprefix':
        return getCidrPrefix(v[0]!, v[1]!);
      case 'maskfromcidr':
        return maskFromCidr(v[0]!);
      case 'isvalidip': {
        const t = str(0);
        return t !== null && (ipv4(t) !== undefined || isIpv6(t));
      }
      case 'isvalidipv4': {
        const t = str(0);
        return t !== null && ipv4(t) !== undefined;
      }
      case 'isvalidipv6': {
        const t = str(0);
        return t !== null && isIpv6(t);
      }
      case 'isprivateip': {
        const t = str(0);
        return t !== null && isPrivateIpv4(t) === true;
      }
      case 'ispublicip': {
        const t = str(0);
        return t !== null && isPrivateIpv4(t) === false;
      }
      case 'ipv4tonumber': {
        const t = str(0);
        return t === null ? null : (ipv4(t) ?? null);
      }
      case 'num':
      case 'number':
      case 'todouble':
      case 'tofloat':
      case 'float':
      case 'double':
        return toNumber(v[0]!);
      case 'tolong':
      case 'toint':
      case 'int': {
        const n = toNumber(v[0]!);
        return n === null ? null : Math.trunc(n);
      }
      case 'tostring':
        return str(0);
      case 'isnumeric':
        return toNumber(v[0]!) !== null;
      case 'trim':
        return str(0)?.trim() ?? null;
      case 'substring': {
        const t = str(0);
        const a = toNumber(v[1]!);
        const b = v.length > 2 ? toNumber(v[2]!) : t?.length;
        if (t === null || a === null || b === null || b === undefined) return null;
        return t.slice(a, Math.max(a, b));
      }
      case 'abs':
      case 'ceil':
      case 'floor': {
        const n = toNumber(v[0]!);
        return n === null ? null : Math[name](n);
      }
      case 'round': {
        const n = toNumber(v[0]!);
        const d = v.length > 1 ? toNumber(v[1]!) : 0;
        if (n === null || d === null) return null;
        const f = 10 ** d;
        return Math.round(n * f) / f;
      }
      case 'array_contains':
      case 'jsonarraycontains': {
        const arr = raw[0];
        if (!Array.isArray(arr)) return false;
        return arr.some((x) => equals(scalar(x), v[1]!) === true);
      }
      case 'size':
      case 'jsonarraysize': {
        const arr = raw[0];
        return Array.isArray(arr) ? arr.length : -1;
      }
      default:
        // The function tables only admit names handled above.
        throw new Error(`function ${name} has no evaluator`);
    }
  }
}

/**
 * `contains(a, b)` (contains): "The full string of field2 must exist within field1", "Comparison is case-sensitive",
 * "Returns true if field1 and field2 are empty, and false when only one is empty". Null reads as empty.
 */
export function contains(a: Value, b: Value): boolean {
  const x = text(a) ?? '';
  const y = text(b) ?? '';
  if (x === '' || y === '') return x === '' && y === '';
  return x.includes(y);
}

