// summarize aggregation functions. Null values are ignored by the aggregates (null-values.md: count(), dcount(),
// make_bag(), make_list(), make_set(), sum(), ... "the null values are ignored and don't factor into the
// calculation"); min/max/avg ignore them too.
import type { KqlType } from '../types.js';
import type { Expr } from './ast.js';
import { semanticError, unsupported } from './errors.js';
import type { Compiled, Row, ScalarScope } from './scalar.js';
import { isNumericType, toDynamic, valueKey, type Value } from './values.js';

type Call = Extract<Expr, { kind: 'call' }>;

/** One aggregate of a summarize: a fresh accumulator per group. */
export interface Aggregate {
  readonly type: KqlType;
  /** The column name Kusto gives it when the query does not name it. */
  readonly defaultName: string;
  readonly create: () => Accumulator;
}

export interface Accumulator {
  add(row: Row): void;
  result(): Value;
}

const nul = (v: Value): boolean => v === null || v === undefined;

/** A value that counts for an aggregate: not null, and for strings not empty (a string "null" is ""). */
const present = (v: Value, t: KqlType): boolean => !nul(v) && !(t === 'string' && v === '');

function order(a: Value, b: Value): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

const colName = (e: Expr | undefined): string => (e?.kind === 'name' ? e.name : e?.kind === 'member' ? e.name : '');

export function compileAggregate(e: Call, scope: ScalarScope, compile: (e: Expr, s: ScalarScope) => Compiled): Aggregate {
  // Arguments are row expressions; an aggregate inside an aggregate is an error.
  const args = e.args.map((a) => compile(a, scope));
  const arg = (i: number): Compiled => {
    const a = args[i];
    if (!a) throw semanticError(`${e.name}() needs argument ${i + 1}`, e.offset);
    return a;
  };
  const pred = (i: number): Compiled => {
    const p = arg(i);
    if (p.type !== 'bool') throw semanticError(`argument ${i + 1} of ${e.name}() must be bool, not ${p.type}`, e.args[i]!.offset);
    return p;
  };
  const n0 = colName(e.args[0]);
  const always: Compiled = { type: 'bool', fn: () => true };
  switch (e.name) {
    case 'count':
    case 'countif': {
      const p = e.name === 'countif' ? pred(0) : args[0] && args[0].type !== 'bool' ? undefined : args[0] ?? always;
      if (!p) throw unsupported('count(expr) is not supported (use countif)', e.offset);
      return {
        type: 'long',
        defaultName: e.name === 'count' ? 'count_' : 'countif_',
        create: () => {
          let n = 0;
          return { add: (row) => { if (p.fn(row) === true) n++; }, result: () => n };
        },
      };
    }
    case 'dcount':
    case 'dcountif':
    case 'count_distinct': {
      const x = arg(0);
      const p = e.name === 'dcountif' ? pred(1) : always;
      return {
        type: 'long',
        defaultName: `${e.name === 'count_distinct' ? 'count_distinct' : e.name}_${n0}`,
        create: () => {
          const seen = new Set<string>();
          return {
            add: (row) => {
              if (p.fn(row) !== true) return;
              const v = x.fn(row);
              if (present(v, x.type)) seen.add(valueKey(v, x.type));
            },
            // Kusto's dcount is an estimate (HyperLogLog); on the handful of rows of a differential it is exact.
            result: () => seen.size,
          };
        },
      };
    }
    case 'make_set':
    case 'makeset':
    case 'make_set_if':
    case 'make_list':
    case 'makelist':
    case 'make_list_if': {
      const x = arg(0);
      const isIf = e.name.endsWith('_if');
      const p = isIf ? pred(1) : always;
      const limitArg = args[isIf ? 2 : 1];
      const limit = limitArg?.constant ? (limitArg.fn({}) as number) : 1_048_576;
      const set = e.name.includes('set');
      return {
        type: 'dynamic',
        defaultName: `${set ? 'set' : 'list'}_${n0}`,
        create: () => {
          const out: unknown[] = [];
          const keys = new Set<string>();
          return {
            add: (row) => {
              if (out.length >= limit || p.fn(row) !== true) return;
              const v = x.fn(row);
              if (nul(v)) return;
              const d = toDynamic(v, x.type);
              if (set) {
                const k = JSON.stringify(d);
                if (keys.has(k)) return;
                keys.add(k);
              }
              out.push(d);
            },
            result: () => out,
          };
        },
      };
    }
    case 'make_bag':
    case 'make_bag_if': {
      const x = arg(0);
      if (x.type !== 'dynamic') throw semanticError(`make_bag() needs a dynamic property bag, not ${x.type}`, e.offset);
      const p = e.name === 'make_bag_if' ? pred(1) : always;
      return {
        type: 'dynamic',
        defaultName: `bag_${n0}`,
        create: () => {
          const out: Record<string, unknown> = {};
          return {
            add: (row) => {
              if (p.fn(row) !== true) return;
              const v = x.fn(row);
              if (!v || typeof v !== 'object' || Array.isArray(v)) return;
              // "If a key appears in more than one row, an arbitrary value ... is selected": we keep the first.
              for (const [k, val] of Object.entries(v)) if (!Object.hasOwn(out, k)) out[k] = val;
            },
            result: () => out,
          };
        },
      };
    }
    case 'min':
    case 'max':
    case 'minif':
    case 'maxif': {
      const x = arg(0);
      const p = e.name.endsWith('if') ? pred(1) : always;
      const sign = e.name.startsWith('min') ? -1 : 1;
      return {
        type: x.type,
        defaultName: `${e.name}_${n0}`,
        create: () => {
          let best: Value = null;
          return {
            add: (row) => {
              if (p.fn(row) !== true) return;
              const v = x.fn(row);
              if (!present(v, x.type)) return;
              if (best === null || sign * order(v, best) > 0) best = v;
            },
            result: () => (best === null && x.type === 'string' ? '' : best),
          };
        },
      };
    }
    case 'sum':
    case 'sumif':
    case 'avg':
    case 'avgif': {
      const x = arg(0);
      if (!isNumericType(x.type) && x.type !== 'timespan') throw semanticError(`${e.name}() needs a number, not ${x.type}`, e.offset);
      const p = e.name.endsWith('if') ? pred(1) : always;
      const avg = e.name.startsWith('avg');
      return {
        type: avg ? 'real' : x.type === 'int' ? 'long' : x.type,
        defaultName: `${e.name}_${n0}`,
        create: () => {
          let s = 0;
          let n = 0;
          return {
            add: (row) => {
              if (p.fn(row) !== true) return;
              const v = x.fn(row);
              if (nul(v)) return;
              s += v as number;
              n++;
            },
            result: () => (avg ? (n === 0 ? null : s / n) : n === 0 ? null : s),
          };
        },
      };
    }
    case 'percentile': {
      const x = arg(0);
      const pc = arg(1);
      if (!isNumericType(x.type) || !pc.constant) throw semanticError('percentile() needs a number and a constant percentage', e.offset);
      const q = pc.fn({}) as number;
      return {
        type: x.type,
        defaultName: `percentile_${n0}_${q}`,
        create: () => {
          const vals: number[] = [];
          return {
            add: (row) => {
              const v = x.fn(row);
              if (!nul(v)) vals.push(v as number);
            },
            // Nearest-rank: the value at rank ceil(q/100 * n) (Kusto's percentile() returns a value of the set).
            result: () => {
              if (vals.length === 0) return null;
              vals.sort((a, b) => a - b);
              const rank = Math.max(1, Math.ceil((q / 100) * vals.length));
              return vals[Math.min(rank, vals.length) - 1]!;
            },
          };
        },
      };
    }
    case 'take_any':
    case 'any': {
      const x = arg(0);
      return {
        type: x.type,
        defaultName: n0 || 'any_',
        create: () => {
          let v: Value = null;
          let seen = false;
          return {
            add: (row) => {
              if (seen) return;
              v = x.fn(row);
              seen = true;
            },
            result: () => (seen ? v : x.type === 'string' ? '' : null),
          };
        },
      };
    }
    default:
      throw unsupported(`aggregation function '${e.name}()' is not supported`, e.offset);
  }
}
