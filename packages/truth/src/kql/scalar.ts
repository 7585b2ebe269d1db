// Scalar expressions: type-checked once against the input columns, then compiled to closures over a row.
import type { RE2JS } from 're2js';
import type { KqlType } from '../types.js';
import type { Expr } from './ast.js';
import { semanticError, unsupported } from './errors.js';
import { callFunction, re2 } from './functions.js';
import { STRING_OPS, fold } from './strings.js';
import { dynamicToString, isNumericType, jsonEqual, toKqlString, type Value } from './values.js';

export type Row = Readonly<Record<string, Value>>;

export interface Compiled {
  readonly type: KqlType;
  readonly fn: (row: Row) => Value;
  /** Set when the value does not depend on the row (literals, let scalars, functions of them). */
  readonly constant?: boolean;
}

export interface ScalarScope {
  readonly columns: Readonly<Record<string, KqlType>>;
  /** `let` scalars in scope (constant, or evaluated once per run). */
  readonly lets: ReadonlyMap<string, Compiled>;
  /** The current run's "now" (read by now() and ago() when the query runs, not when it is compiled). */
  readonly clock: () => Date;
}

export const constant = (type: KqlType, value: Value): Compiled => ({ type, fn: () => value, constant: true });

/** Fold a compiled expression whose inputs are all constant. */
export function fold1(c: Compiled, parts: readonly Compiled[]): Compiled {
  if (parts.every((p) => p.constant)) return constant(c.type, c.fn({}));
  return c;
}

/** Type groups for comparisons: values of one group compare with each other. */
type Group = 'string' | 'number' | 'bool' | 'datetime' | 'timespan' | 'dynamic';
const group = (t: KqlType): Group =>
  t === 'string' || t === 'guid' ? 'string' : isNumericType(t) ? 'number' : t === 'bool' ? 'bool' : t === 'datetime' ? 'datetime' : t === 'timespan' ? 'timespan' : 'dynamic';

/** Whether two static types may be compared with == / != / in. */
export function comparable(a: KqlType, b: KqlType): boolean {
  const ga = group(a);
  const gb = group(b);
  return ga === 'dynamic' || gb === 'dynamic' || ga === gb;
}

const isStringish = (t: KqlType): boolean => t === 'string' || t === 'dynamic' || t === 'guid';

/** A value as text for the string operators (dynamic values read as tostring() does). */
const asText = (v: Value, t: KqlType): string => (t === 'string' ? (v as string) : toKqlString(v, t));

/** A dynamic value seen as a value of the scalar group `g`, or undefined when it holds something else. */
function unwrapDynamic(v: Value, g: Group): Value | undefined {
  if (v === null || v === undefined) return null;
  switch (g) {
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'number':
      return typeof v === 'number' ? v : undefined;
    case 'bool':
      return typeof v === 'boolean' ? v : undefined;
    case 'datetime':
      if (typeof v === 'string') {
        const t = Date.parse(v);
        return Number.isNaN(t) ? undefined : new Date(t);
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Primitive comparison key: Dates as their time, the rest as is. */
const prim = (v: Value): unknown => (v instanceof Date ? v.getTime() : v);

/**
 * Equality with Kusto's null rules: null == null is null, null == value is false (so != is true). A dynamic
 * operand compares by the value it holds; a dynamic holding another kind of value is not equal.
 */
export function equality(a: Compiled, b: Compiled): (x: Value, y: Value) => boolean | null {
  const ga = group(a.type);
  const gb = group(b.type);
  const nul = (x: Value): boolean => x === null || x === undefined;
  if (ga === 'dynamic' && gb === 'dynamic') {
    return (x, y) => (nul(x) && nul(y) ? null : nul(x) || nul(y) ? false : jsonEqual(x, y));
  }
  if (ga === 'dynamic' || gb === 'dynamic') {
    const g = ga === 'dynamic' ? gb : ga;
    return (x, y) => {
      const dx = ga === 'dynamic' ? unwrapDynamic(x, g) : x;
      const dy = gb === 'dynamic' ? unwrapDynamic(y, g) : y;
      if (dx === undefined || dy === undefined) return false;
      if (nul(dx) && nul(dy)) return null;
      if (nul(dx) || nul(dy)) return false;
      return prim(dx) === prim(dy);
    };
  }
  if (a.type === 'guid' || b.type === 'guid') {
    return (x, y) => (nul(x) && nul(y) ? null : nul(x) || nul(y) ? false : fold(String(x)) === fold(String(y)));
  }
  return (x, y) => (nul(x) && nul(y) ? null : nul(x) || nul(y) ? false : prim(x) === prim(y));
}

/** Ordering for < <= > >=: a number, or null when either side is null or they do not compare. */
function ordering(a: Compiled, b: Compiled): (x: Value, y: Value) => number | null {
  const ga = group(a.type);
  const gb = group(b.type);
  const g = ga === 'dynamic' ? gb : ga;
  return (x, y) => {
    const dx = ga === 'dynamic' && g !== 'dynamic' ? unwrapDynamic(x, g) : x;
    const dy = gb === 'dynamic' && g !== 'dynamic' ? unwrapDynamic(y, g) : y;
    if (dx === null || dx === undefined || dy === null || dy === undefined) return null;
    const px = prim(dx);
    const py = prim(dy);
    if (typeof px === 'string' && typeof py === 'string') return px < py ? -1 : px > py ? 1 : 0;
    if (typeof px === 'number' && typeof py === 'number') return px - py;
    if (typeof px === 'boolean' && typeof py === 'boolean') return Number(px) - Number(py);
    return null;
  };
}

const describeType = (t: KqlType): string => t;

export function compileScalar(e: Expr, scope: ScalarScope): Compiled {
  switch (e.kind) {
    case 'literal':
      return constant(e.type, e.value);
    case 'name': {
      const col = scope.columns[e.name];
      if (col !== undefined) {
        const name = e.name;
        return { type: col, fn: (row) => row[name] };
      }
      const bound = scope.lets.get(e.name);
      if (bound) return bound;
      throw semanticError(`unknown column or name '${e.name}'`, e.offset);
    }
    case 'member':
    case 'index':
      return compileAccess(e, scope);
    case 'call':
      return callFunction(e, scope, compileScalar);
    case 'binary':
      return compileBinary(e, scope);
    case 'list':
      return compileList(e, scope);
    case 'between': {
      const x = compileScalar(e.left, scope);
      const lo = compileScalar(e.low, scope);
      const hi = compileScalar(e.high, scope);
      for (const bound of [lo, hi]) {
        const ok = (isNumericType(x.type) && isNumericType(bound.type)) || (x.type === bound.type && (x.type === 'datetime' || x.type === 'timespan')) || x.type === 'dynamic';
        if (!ok) throw semanticError(`between is not defined for ${describeType(x.type)} and ${describeType(bound.type)}`, e.offset);
      }
      const cmpLo = ordering(x, lo);
      const cmpHi = ordering(x, hi);
      const neg = e.negated;
      return fold1(
        {
          type: 'bool',
          fn: (row) => {
            const v = x.fn(row);
            const a = cmpLo(v, lo.fn(row));
            const b = cmpHi(v, hi.fn(row));
            if (a === null || b === null) return null;
            const inside = a >= 0 && b <= 0;
            return neg ? !inside : inside;
          },
        },
        [x, lo, hi],
      );
    }
    case 'negate': {
      const x = compileScalar(e.operand, scope);
      if (!isNumericType(x.type) && x.type !== 'timespan') throw semanticError(`unary minus is not defined for ${x.type}`, e.offset);
      return fold1({ type: x.type, fn: (row) => { const v = x.fn(row); return v === null ? null : -(v as number); } }, [x]);
    }
    case 'star':
      throw unsupported('* is not supported here', e.offset);
  }
}

function compileAccess(e: Extract<Expr, { kind: 'member' | 'index' }>, scope: ScalarScope): Compiled {
  const target = compileScalar(e.target, scope);
  if (target.type !== 'dynamic') {
    const what = e.target.kind === 'name' ? `column '${e.target.name}'` : 'expression';
    throw semanticError(`member access on ${what} of type ${target.type}: only dynamic values have members (parse it with parse_json() first)`, e.offset);
  }
  if (e.kind === 'member') {
    const key = e.name;
    return fold1({ type: 'dynamic', fn: (row) => property(target.fn(row), key) }, [target]);
  }
  const index = compileScalar(e.index, scope);
  if (index.type !== 'string' && !isNumericType(index.type) && index.type !== 'dynamic') {
    throw semanticError(`a dynamic value is indexed by a string or a number, not ${index.type}`, e.index.offset);
  }
  return fold1(
    {
      type: 'dynamic',
      fn: (row) => {
        const v = target.fn(row);
        const k = index.fn(row);
        if (typeof k === 'number') {
          if (!Array.isArray(v)) return null;
          const i = k < 0 ? v.length + k : k;
          return (v[i] as Value) ?? null;
        }
        return typeof k === 'string' ? property(v, k) : null;
      },
    },
    [target, index],
  );
}

function property(v: Value, key: string): Value {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return null;
  return Object.hasOwn(v, key) ? ((v as Record<string, unknown>)[key] ?? null) : null;
}

const truth = (a: Compiled, what: string, offset: number): void => {
  if (a.type !== 'bool' && a.type !== 'dynamic') throw semanticError(`${what} needs bool operands, not ${a.type}`, offset);
};

/** `* has "x"`: the operator holds for some column of the row (read as text). */
function anyColumn(e: Extract<Expr, { kind: 'binary' }>, scope: ScalarScope): Compiled {
  // `* matches regex`: the pattern is found in some column's text, as `* has` finds its term (assumption A16).
  if (e.op === 'matches regex') {
    const b = compileScalar(e.right, scope);
    if (b.type !== 'string') throw semanticError(`matches regex is not defined for ${b.type}`, e.offset);
    const regex = (p: string): RE2JS => re2(p, e.right.offset);
    if (b.constant) regex(b.fn({}) as string);
    const cols = Object.entries(scope.columns);
    return {
      type: 'bool',
      fn: (row) => {
        const r = regex(b.fn(row) as string);
        return cols.some(([c, t]) => r.matcher(asText(row[c], t)).find());
      },
    };
  }
  const sop = STRING_OPS.get(e.op);
  if (!sop || e.op.startsWith('!')) throw unsupported(`'* ${e.op}' is not supported`, e.offset);
  const b = compileScalar(e.right, scope);
  if (!isStringish(b.type)) throw semanticError(`the operator '${e.op}' needs a string, not ${b.type}`, e.right.offset);
  const cols = Object.entries(scope.columns);
  return {
    type: 'bool',
    fn: (row) => {
      const needle = asText(b.fn(row), b.type);
      return cols.some(([c, t]) => sop(asText(row[c], t), needle));
    },
  };
}

function compileBinary(e: Extract<Expr, { kind: 'binary' }>, scope: ScalarScope): Compiled {
  if (e.left.kind === 'star') return anyColumn(e, scope);
  const a = compileScalar(e.left, scope);
  const b = compileScalar(e.right, scope);
  const op = e.op;
  if (op === 'and' || op === 'or') {
    truth(a, `'${op}'`, e.offset);
    truth(b, `'${op}'`, e.offset);
    const asBool = (v: Value): boolean | null => (typeof v === 'boolean' ? v : null);
    // Three-valued logic (null is unknown): false and null = false, true or null = true.
    const fn =
      op === 'and'
        ? (row: Row): Value => {
            const x = asBool(a.fn(row));
            if (x === false) return false;
            const y = asBool(b.fn(row));
            if (y === false) return false;
            return x === null || y === null ? null : true;
          }
        : (row: Row): Value => {
            const x = asBool(a.fn(row));
            if (x === true) return true;
            const y = asBool(b.fn(row));
            if (y === true) return true;
            return x === null || y === null ? null : false;
          };
    return fold1({ type: 'bool', fn }, [a, b]);
  }
  if (op === '==' || op === '!=') {
    if (!comparable(a.type, b.type)) {
      throw semanticError(`cannot compare ${a.type} with ${b.type} using ${op} (Kusto never matches or rejects such a comparison)`, e.offset);
    }
    const eq = equality(a, b);
    const neg = op === '!=';
    return fold1(
      {
        type: 'bool',
        fn: (row) => {
          const r = eq(a.fn(row), b.fn(row));
          return r === null ? null : neg ? !r : r;
        },
      },
      [a, b],
    );
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (!comparable(a.type, b.type)) throw semanticError(`cannot compare ${a.type} with ${b.type} using ${op}`, e.offset);
    const ord = ordering(a, b);
    const test = op === '<' ? (n: number) => n < 0 : op === '<=' ? (n: number) => n <= 0 : op === '>' ? (n: number) => n > 0 : (n: number) => n >= 0;
    return fold1(
      {
        type: 'bool',
        fn: (row) => {
          const r = ord(a.fn(row), b.fn(row));
          return r === null ? null : test(r);
        },
      },
      [a, b],
    );
  }
  if (op === 'matches regex') {
    if (!isStringish(a.type) || b.type !== 'string') throw semanticError(`matches regex is not defined for ${a.type} and ${b.type}`, e.offset);
    const regex = (p: string): RE2JS => re2(p, e.right.offset);
    if (b.constant) regex(b.fn({}) as string);
    return fold1({ type: 'bool', fn: (row) => regex(b.fn(row) as string).matcher(asText(a.fn(row), a.type)).find() }, [a, b]);
  }
  const sop = STRING_OPS.get(op);
  if (sop) {
    if (!isStringish(a.type) || !isStringish(b.type)) {
      throw semanticError(`the operator '${op}' is not defined for ${a.type} and ${b.type} (string operators need string operands)`, e.offset);
    }
    const ta = a.type;
    const tb = b.type;
    return fold1({ type: 'bool', fn: (row) => sop(asText(a.fn(row), ta), asText(b.fn(row), tb)) }, [a, b]);
  }
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') return arithmetic(op, a, b, e.offset);
  throw unsupported(`operator '${op}' is not supported`, e.offset);
}

function arithmetic(op: string, a: Compiled, b: Compiled, offset: number): Compiled {
  const num = (x: KqlType): boolean => isNumericType(x);
  const nul = (x: Value): boolean => x === null || x === undefined;
  if (num(a.type) && num(b.type)) {
    const real = a.type === 'real' || b.type === 'real' || a.type === 'decimal' || b.type === 'decimal';
    const type: KqlType = real ? 'real' : a.type === 'long' || b.type === 'long' ? 'long' : 'int';
    const f = (x: number, y: number): number | null => {
      switch (op) {
        case '+': return x + y;
        case '-': return x - y;
        case '*': return x * y;
        case '/': return real ? x / y : y === 0 ? null : Math.trunc(x / y);
        default: return real ? x % y : y === 0 ? null : x % y;
      }
    };
    return fold1({ type, fn: (row) => { const x = a.fn(row); const y = b.fn(row); return nul(x) || nul(y) ? null : f(x as number, y as number); } }, [a, b]);
  }
  const time = (x: Value): number => (x instanceof Date ? x.getTime() : (x as number));
  let type: KqlType | undefined;
  let f: ((x: Value, y: Value) => Value) | undefined;
  if (a.type === 'datetime' && b.type === 'timespan' && (op === '+' || op === '-')) {
    type = 'datetime';
    f = (x, y) => new Date(time(x) + (op === '+' ? 1 : -1) * time(y));
  } else if (a.type === 'timespan' && b.type === 'datetime' && op === '+') {
    type = 'datetime';
    f = (x, y) => new Date(time(x) + time(y));
  } else if (a.type === 'datetime' && b.type === 'datetime' && op === '-') {
    type = 'timespan';
    f = (x, y) => time(x) - time(y);
  } else if (a.type === 'timespan' && b.type === 'timespan' && (op === '+' || op === '-')) {
    type = 'timespan';
    f = (x, y) => (op === '+' ? time(x) + time(y) : time(x) - time(y));
  } else if (a.type === 'timespan' && b.type === 'timespan' && op === '/') {
    type = 'real';
    f = (x, y) => time(x) / time(y);
  } else if (a.type === 'timespan' && num(b.type) && (op === '*' || op === '/')) {
    type = 'timespan';
    f = (x, y) => (op === '*' ? time(x) * (y as number) : time(x) / (y as number));
  } else if (num(a.type) && b.type === 'timespan' && op === '*') {
    type = 'timespan';
    f = (x, y) => (x as number) * time(y);
  }
  if (!type || !f) throw semanticError(`the operator '${op}' is not defined for ${a.type} and ${b.type}`, offset);
  const g = f;
  return fold1({ type, fn: (row) => { const x = a.fn(row); const y = b.fn(row); return nul(x) || nul(y) ? null : g(x, y); } }, [a, b]);
}

/** Items of an `in (…)` / `has_any (…)` list: scalars, and the elements of dynamic arrays among them. */
function listValues(items: readonly Compiled[], row: Row): { v: Value; t: KqlType }[] {
  const out: { v: Value; t: KqlType }[] = [];
  for (const it of items) {
    const v = it.fn(row);
    if (it.type === 'dynamic' && Array.isArray(v)) for (const x of v) out.push({ v: x as Value, t: 'dynamic' });
    else out.push({ v, t: it.type });
  }
  return out;
}

function compileList(e: Extract<Expr, { kind: 'list' }>, scope: ScalarScope): Compiled {
  const x = compileScalar(e.left, scope);
  const items = e.items.map((i) => compileScalar(i, scope));
  const op = e.op;
  if (op === 'has_any' || op === 'has_all' || op === 'in~' || op === '!in~') {
    if (!isStringish(x.type)) throw semanticError(`'${op}' needs a string or dynamic left operand, not ${x.type}`, e.offset);
    items.forEach((it, i) => {
      if (!isStringish(it.type)) throw semanticError(`'${op}' needs string values, not ${it.type}`, e.items[i]!.offset);
    });
    const tx = x.type;
    if (op === 'has_any' || op === 'has_all') {
      const has = STRING_OPS.get('has')!;
      const all = op === 'has_all';
      return fold1(
        {
          type: 'bool',
          fn: (row) => {
            const hay = asText(x.fn(row), tx);
            const needles = listValues(items, row).map((n) => (n.t === 'dynamic' ? dynamicToString(n.v) : asText(n.v, n.t)));
            return all ? needles.every((n) => has(hay, n)) : needles.some((n) => has(hay, n));
          },
        },
        [x, ...items],
      );
    }
    const neg = op === '!in~';
    return fold1(
      {
        type: 'bool',
        fn: (row) => {
          const v = fold(asText(x.fn(row), tx));
          const hit = listValues(items, row).some((n) => fold(n.t === 'dynamic' ? dynamicToString(n.v) : asText(n.v, n.t)) === v);
          return neg ? !hit : hit;
        },
      },
      [x, ...items],
    );
  }
  // in / !in: case-sensitive equality with each item.
  items.forEach((it, i) => {
    if (!comparable(x.type, it.type)) {
      throw semanticError(`'${op}' compares ${x.type} with ${it.type} (Kusto never matches or rejects such a comparison)`, e.items[i]!.offset);
    }
  });
  const neg = op === '!in';
  const eqs = new Map<KqlType, (a: Value, b: Value) => boolean | null>();
  const eqFor = (t: KqlType): ((a: Value, b: Value) => boolean | null) => {
    let f = eqs.get(t);
    if (!f) {
      f = equality(x, { type: t, fn: () => null });
      eqs.set(t, f);
    }
    return f;
  };
  return fold1(
    {
      type: 'bool',
      fn: (row) => {
        const v = x.fn(row);
        // Assumption A2: a null never equals a list item, so `in` is false and `!in` true.
        const hit = listValues(items, row).some((n) => eqFor(n.t)(v, n.v) === true);
        return neg ? !hit : hit;
      },
    },
    [x, ...items],
  );
}
