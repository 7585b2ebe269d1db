// Tabular operators. Each operator is compiled once against its input schema (semantic checks happen here) into a
// function from input rows to output rows; mv-apply compiles its subquery once and runs it per input row.
import type { KqlTable, KqlType } from '../types.js';
import { compileAggregate } from './aggregates.js';
import { AGGREGATES } from './functions.js';
import type { Assignment, Expr, SortKey, Tabular, TabularOp, TabularSource } from './ast.js';
import { semanticError, unsupported } from './errors.js';
import { compileScalar, comparable, equality, type Compiled, type Row, type ScalarScope } from './scalar.js';
import { isNumericType, parseDateTimeLiteral, toDynamic, valueKey, type Value } from './values.js';

export type Schema = Readonly<Record<string, KqlType>>;

/** A compiled tabular expression: its output columns and how to produce its rows. */
export interface Plan {
  readonly columns: Schema;
  readonly rows: () => Row[];
}

/** A compiled operator: output columns and the row transformation. */
interface OpPlan {
  readonly columns: Schema;
  readonly apply: (rows: Row[]) => Row[];
}

/** What changes from one run of a compiled plan to the next: the rows, and the time. */
export interface RunState {
  tables: Readonly<Record<string, KqlTable>>;
  now: Date;
  /** Incremented per run: per-run caches (table rows, let tabulars) are keyed by it. */
  id: number;
}

/** Compilation context: the table schemas a plan is compiled against, the let bindings, and the run slot. */
export interface Context {
  readonly schemas: Readonly<Record<string, Schema>>;
  readonly scalars: Map<string, Compiled>;
  readonly tabulars: Map<string, Plan>;
  readonly run: RunState;
}

const emptyOf = (t: KqlType): Value => (t === 'string' ? '' : null);

export const scopeOf = (columns: Schema, ctx: Context): ScalarScope => ({ columns, lets: ctx.scalars, clock: () => ctx.run.now });

/** The name Kusto gives an unnamed projected expression: a column keeps its name, a member its last name. */
function implicitName(e: Expr, n: number): string {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'member') return e.name;
  if (e.kind === 'call' && (e.name === 'bin' || e.name === 'floor') && e.args[0]?.kind === 'name') return e.args[0].name;
  return `Column${n}`;
}

// ------------------------------------------------------------------------------------------------ rows in

/** Check a table's rows against its documented column types and fill absent values ("" for strings, else null). */
function loadTable(t: KqlTable): Row[] {
  const cols = Object.entries(t.columns);
  return t.rows.map((r, i) => {
    const out: Record<string, Value> = {};
    for (const [c, type] of cols) {
      let v = r[c] as Value;
      if (v === undefined || v === null) {
        out[c] = emptyOf(type);
        continue;
      }
      switch (type) {
        case 'string':
        case 'guid':
          if (typeof v !== 'string') throw badValue(t, i, c, type, v);
          break;
        case 'int':
        case 'long':
          if (typeof v !== 'number' || !Number.isInteger(v)) throw badValue(t, i, c, type, v);
          break;
        case 'real':
        case 'decimal':
          if (typeof v !== 'number') throw badValue(t, i, c, type, v);
          break;
        case 'bool':
          if (typeof v !== 'boolean') throw badValue(t, i, c, type, v);
          break;
        case 'datetime':
          if (typeof v === 'string') {
            const ms = parseDateTimeLiteral(v);
            if (ms === undefined) throw badValue(t, i, c, type, v);
            v = new Date(ms);
          } else if (!(v instanceof Date)) throw badValue(t, i, c, type, v);
          break;
        case 'timespan':
          if (typeof v !== 'number') throw badValue(t, i, c, type, v);
          break;
        case 'dynamic':
          break;
      }
      out[c] = v;
    }
    for (const k of Object.keys(r)) if (!(k in t.columns)) throw semanticError(`table ${t.name} row ${i} has a value for '${k}', which is not one of its columns`);
    return out;
  });
}

const badValue = (t: KqlTable, i: number, c: string, type: KqlType, v: unknown): Error =>
  semanticError(`table ${t.name} row ${i} column ${c} is typed ${type} but holds ${JSON.stringify(v)}`);

// ------------------------------------------------------------------------------------------------ sources

export function compileTabular(q: Tabular, ctx: Context, implicit?: Schema): { columns: Schema; run: (input?: Row[]) => Row[] } {
  let source: Plan | undefined;
  let columns: Schema;
  if (q.source.kind === 'table' && q.source.name === '$implicit') {
    if (!implicit) throw semanticError('a subquery without a source outside mv-apply', q.offset);
    columns = implicit;
  } else {
    source = compileSource(q.source, ctx);
    columns = source.columns;
  }
  const ops: OpPlan[] = [];
  for (const op of q.ops) {
    const p = compileOp(op, columns, ctx);
    ops.push(p);
    columns = p.columns;
  }
  return {
    columns,
    run: (input) => {
      let rows = source ? source.rows() : (input ?? []);
      for (const p of ops) rows = p.apply(rows);
      return rows;
    },
  };
}

/** Rows computed once per run (a table or a let tabular read twice is read once). */
export function memo(ctx: Context, f: () => Row[]): () => Row[] {
  let rows: Row[] = [];
  let id = -1;
  return () => {
    if (id !== ctx.run.id) {
      rows = f();
      id = ctx.run.id;
    }
    return rows;
  };
}

export function planOf(q: Tabular, ctx: Context): Plan {
  const c = compileTabular(q, ctx);
  return { columns: c.columns, rows: memo(ctx, () => c.run()) };
}

function compileSource(s: TabularSource, ctx: Context): Plan {
  switch (s.kind) {
    case 'table': {
      const bound = ctx.tabulars.get(s.name);
      if (bound) return bound;
      const columns = ctx.schemas[s.name];
      if (!columns) {
        if (ctx.scalars.has(s.name)) throw semanticError(`'${s.name}' is a scalar, not a table`, s.offset);
        throw semanticError(`unknown table '${s.name}'`, s.offset);
      }
      const name = s.name;
      return { columns, rows: memo(ctx, () => loadTable(ctx.run.tables[name]!)) };
    }
    case 'nested':
      return planOf(s.query, ctx);
    case 'union':
      return unionOf(s.parts.map((p) => planOf(p, ctx)), s.offset, ctx);
    case 'print': {
      const scope = scopeOf({}, ctx);
      const cols: Record<string, KqlType> = {};
      const fns: [string, Compiled][] = [];
      s.items.forEach((a, i) => {
        const c = compileScalar(a.expr, scope);
        const name = a.name ?? (a.expr.kind === 'name' ? a.expr.name : `print_${i}`);
        cols[name] = c.type;
        fns.push([name, c]);
      });
      return { columns: cols, rows: () => [Object.fromEntries(fns.map(([n, c]) => [n, c.fn({})]))] };
    }
    case 'datatable': {
      const scope = scopeOf({}, ctx);
      const cols = Object.fromEntries(s.columns) as Record<string, KqlType>;
      const vals = s.values.map((v, i) => {
        const c = compileScalar(v, scope);
        const want = s.columns[i % s.columns.length]![1];
        const ok = c.type === want || (isNumericType(c.type) && isNumericType(want)) || want === 'dynamic';
        if (!ok) throw semanticError(`datatable column ${s.columns[i % s.columns.length]![0]} is ${want}, the value is ${c.type}`, v.offset);
        const value = c.fn({});
        return want === 'dynamic' ? toDynamic(value, c.type) : value;
      });
      const rows: Row[] = [];
      for (let i = 0; i < vals.length; i += s.columns.length) {
        rows.push(Object.fromEntries(s.columns.map(([n], j) => [n, vals[i + j]])));
      }
      return { columns: cols, rows: () => rows };
    }
  }
}

/** union (kind=outer): all columns by name; a row lacks the columns of the other inputs ("" or null). */
function unionOf(parts: readonly Plan[], offset: number, ctx: Context): Plan {
  const cols: Record<string, KqlType> = {};
  for (const p of parts) {
    for (const [c, t] of Object.entries(p.columns)) {
      const prev = cols[c];
      if (prev !== undefined && prev !== t) throw unsupported(`union of column '${c}' typed ${prev} and ${t} (Kusto splits it by type)`, offset);
      cols[c] = t;
    }
  }
  const entries = Object.entries(cols);
  return {
    columns: cols,
    rows: memo(ctx, () => parts.flatMap((p) => p.rows().map((r) => Object.fromEntries(entries.map(([c, t]) => [c, c in r ? r[c] : emptyOf(t)]))))),
  };
}

// ------------------------------------------------------------------------------------------------ operators

function compileOp(op: TabularOp, columns: Schema, ctx: Context): OpPlan {
  switch (op.kind) {
    case 'where': {
      const p = compileScalar(op.predicate, scopeOf(columns, ctx));
      if (p.type !== 'bool') throw semanticError(`the where predicate must be bool, not ${p.type}`, op.predicate.offset);
      // where keeps the rows whose predicate is true (null counts as false).
      return { columns, apply: (rows) => rows.filter((r) => p.fn(r) === true) };
    }
    case 'extend':
      return extend(op.items, columns, ctx);
    case 'project': {
      const scope = scopeOf(columns, ctx);
      const out: Record<string, KqlType> = {};
      const fns: [string, Compiled][] = [];
      op.items.forEach((a, i) => {
        const c = compileScalar(a.expr, scope);
        const name = a.name ?? implicitName(a.expr, i + 1);
        if (name in out) throw semanticError(`project names column '${name}' twice`, a.offset);
        out[name] = c.type;
        fns.push([name, c]);
      });
      return { columns: out, apply: (rows) => rows.map((r) => Object.fromEntries(fns.map(([n, c]) => [n, c.fn(r)]))) };
    }
    case 'project-away':
    case 'project-keep': {
      for (const n of op.names) if (!(n in columns)) throw semanticError(`unknown column '${n}'`, op.offset);
      const keep = Object.keys(columns).filter((c) => op.names.includes(c) === (op.kind === 'project-keep'));
      const out = Object.fromEntries(keep.map((c) => [c, columns[c]!]));
      return { columns: out, apply: (rows) => rows.map((r) => Object.fromEntries(keep.map((c) => [c, r[c]]))) };
    }
    case 'project-rename': {
      const map = new Map<string, string>();
      for (const r of op.renames) {
        if (!(r.from in columns)) throw semanticError(`unknown column '${r.from}'`, r.offset);
        map.set(r.from, r.to);
      }
      const out: Record<string, KqlType> = {};
      for (const [c, t] of Object.entries(columns)) out[map.get(c) ?? c] = t;
      return { columns: out, apply: (rows) => rows.map((r) => Object.fromEntries(Object.keys(columns).map((c) => [map.get(c) ?? c, r[c]]))) };
    }
    case 'summarize':
      return summarize(op.aggregates, op.by, columns, ctx, op.offset);
    case 'mv-expand':
    case 'mv-apply':
      return mvOp(op, columns, ctx);
    case 'join':
      return join(op, columns, ctx);
    case 'sort': {
      const cmp = sorter(op.keys, columns, ctx);
      return { columns, apply: (rows) => [...rows].sort(cmp) };
    }
    case 'take': {
      const n = countOf(op.count, ctx);
      return { columns, apply: (rows) => rows.slice(0, n) };
    }
    case 'top': {
      const n = countOf(op.count, ctx);
      const cmp = sorter([op.key], columns, ctx);
      return { columns, apply: (rows) => [...rows].sort(cmp).slice(0, n) };
    }
    case 'distinct': {
      if (op.items === 'all') {
        const cols = Object.entries(columns);
        return {
          columns,
          apply: (rows) => dedupe(rows, (r) => cols.map(([c, t]) => valueKey(r[c], t)).join('\u0000')),
        };
      }
      const p = compileOp({ kind: 'project', items: op.items, offset: op.offset }, columns, ctx);
      const cols = Object.entries(p.columns);
      return { columns: p.columns, apply: (rows) => dedupe(p.apply(rows), (r) => cols.map(([c, t]) => valueKey(r[c], t)).join('\u0000')) };
    }
    case 'count':
      return { columns: { Count: 'long' }, apply: (rows) => [{ Count: rows.length }] };
    case 'union': {
      const self: Plan = { columns, rows: () => [] };
      const others = op.parts.map((p) => planOf(p, ctx));
      const u = unionOf([self, ...others], op.offset, ctx);
      const entries = Object.entries(u.columns);
      return {
        columns: u.columns,
        apply: (rows) => [
          ...rows.map((r) => Object.fromEntries(entries.map(([c, t]) => [c, c in r ? r[c] : emptyOf(t)]))),
          ...others.flatMap((o) => o.rows().map((r) => Object.fromEntries(entries.map(([c, t]) => [c, c in r ? r[c] : emptyOf(t)])))),
        ],
      };
    }
  }
}

function dedupe(rows: Row[], key: (r: Row) => string): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function countOf(e: Expr, ctx: Context): number {
  const c = compileScalar(e, scopeOf({}, ctx));
  if (!isNumericType(c.type) || !c.constant) throw semanticError('the row count must be a constant number', e.offset);
  return Math.max(0, Math.trunc(c.fn({}) as number));
}

/** extend: items are evaluated in order, each seeing the columns the previous items added. */
function extend(items: readonly Assignment[], columns: Schema, ctx: Context): OpPlan {
  const cols: Record<string, KqlType> = { ...columns };
  const fns: [string, Compiled][] = [];
  items.forEach((a, i) => {
    const c = compileScalar(a.expr, scopeOf(cols, ctx));
    const name = a.name ?? implicitName(a.expr, i + 1);
    cols[name] = c.type;
    fns.push([name, c]);
  });
  return {
    columns: cols,
    apply: (rows) =>
      rows.map((r) => {
        const out: Record<string, Value> = { ...r };
        for (const [n, c] of fns) out[n] = c.fn(out);
        return out;
      }),
  };
}

function summarize(aggs: readonly Assignment[], by: readonly Assignment[], columns: Schema, ctx: Context, offset: number): OpPlan {
  const scope = scopeOf(columns, ctx);
  const keys = by.map((a, i) => ({ name: a.name ?? implicitName(a.expr, i + 1), c: compileScalar(a.expr, scope) }));
  const aggregates = aggs.map((a) => {
    if (a.expr.kind !== 'call' || !AGGREGATES.has(a.expr.name)) {
      throw unsupported('a summarize aggregate must be an aggregation function call (expressions over aggregates are not supported)', a.expr.offset);
    }
    const g = compileAggregate(a.expr, scope, compileScalar);
    return { name: a.name ?? g.defaultName, g };
  });
  const out: Record<string, KqlType> = {};
  for (const k of keys) {
    if (k.name in out) throw semanticError(`summarize names column '${k.name}' twice`, offset);
    out[k.name] = k.c.type;
  }
  for (const a of aggregates) {
    if (a.name in out) throw semanticError(`summarize names column '${a.name}' twice`, offset);
    out[a.name] = a.g.type;
  }
  return {
    columns: out,
    apply: (rows) => {
      const groups = new Map<string, { key: Value[]; accs: ReturnType<(typeof aggregates)[number]['g']['create']>[] }>();
      for (const r of rows) {
        const kv = keys.map((k) => k.c.fn(r));
        const id = kv.map((v, i) => valueKey(v, keys[i]!.c.type)).join('\u0000');
        let g = groups.get(id);
        if (!g) {
          g = { key: kv, accs: aggregates.map((a) => a.g.create()) };
          groups.set(id, g);
        }
        for (const acc of g.accs) acc.add(r);
      }
      // Without a by clause, summarize returns one row even for no input (count() = 0).
      if (keys.length === 0 && groups.size === 0) groups.set('', { key: [], accs: aggregates.map((a) => a.g.create()) });
      return [...groups.values()].map((g) => {
        const row: Record<string, Value> = {};
        keys.forEach((k, i) => (row[k.name] = g.key[i]));
        aggregates.forEach((a, i) => (row[a.name] = g.accs[i]!.result()));
        return row;
      });
    },
  };
}

/** The values one dynamic value expands into (mv-expand's documented rules). */
function expandValues(v: Value, bag: 'bag' | 'array'): Value[] {
  // "If the dynamic value is null, a single record is generated for that value (null). If the dynamic value is an
  // empty array or property bag, no record is generated."
  if (v === null || v === undefined) return [null];
  if (Array.isArray(v)) return v as Value[];
  if (typeof v === 'object' && !(v instanceof Date)) {
    return Object.entries(v).map(([k, x]) => (bag === 'bag' ? { [k]: x } : [k, x]));
  }
  // A scalar inside a dynamic expands to itself (assumption A7).
  return [v];
}

/** `to typeof(T)`: a cast of each element; elements not of that type become null. */
function castTo(v: Value, t: KqlType): Value {
  if (v === null || v === undefined) return t === 'string' ? '' : null;
  switch (t) {
    case 'dynamic':
      return v;
    case 'string':
    case 'guid':
      return typeof v === 'string' ? v : '';
    case 'int':
    case 'long':
      return typeof v === 'number' && Number.isInteger(v) ? v : null;
    case 'real':
    case 'decimal':
      return typeof v === 'number' ? v : null;
    case 'bool':
      return typeof v === 'boolean' ? v : null;
    case 'datetime': {
      if (typeof v !== 'string') return null;
      const ms = parseDateTimeLiteral(v);
      return ms === undefined ? null : new Date(ms);
    }
    default:
      return null;
  }
}

function mvOp(op: Extract<TabularOp, { kind: 'mv-apply' | 'mv-expand' }>, columns: Schema, ctx: Context): OpPlan {
  const scope = scopeOf(columns, ctx);
  const items = op.items.map((it, i) => {
    const c = compileScalar(it.expr, scope);
    if (c.type !== 'dynamic') throw semanticError(`${op.kind} expands a dynamic array or bag, not ${c.type}`, it.offset);
    const name = it.name ?? (it.expr.kind === 'name' ? it.expr.name : `Column${i + 1}`);
    return { name, c, type: it.toType ?? 'dynamic' };
  });
  const limit = op.limit ?? 2_147_483_647;
  const expanded: Record<string, KqlType> = Object.fromEntries(items.map((i) => [i.name, i.type]));
  if (op.itemIndex) expanded[op.itemIndex] = 'long';
  const expandRow = (r: Row): Record<string, Value>[] => {
    const lists = items.map((i) => expandValues(i.c.fn(r), op.bagExpansion));
    const n = Math.min(limit, Math.max(0, ...lists.map((l) => l.length)));
    const out: Record<string, Value>[] = [];
    for (let k = 0; k < n; k++) {
      const row: Record<string, Value> = {};
      items.forEach((it, j) => (row[it.name] = castTo(lists[j]![k] ?? null, it.type)));
      if (op.itemIndex) row[op.itemIndex] = k;
      out.push(row);
    }
    return out;
  };
  const outer = Object.keys(columns).filter((c) => !(c in expanded));
  if (op.kind === 'mv-expand') {
    const cols: Record<string, KqlType> = {};
    for (const [c, t] of Object.entries(columns)) cols[c] = expanded[c] ?? t;
    Object.assign(cols, expanded);
    return { columns: cols, apply: (rows) => rows.flatMap((r) => expandRow(r).map((x) => ({ ...r, ...x }))) };
  }
  // mv-apply: the subquery sees the expanded columns only; the source's other columns are added to its result.
  const sub = compileTabular(op.subquery!, ctx, expanded);
  const cols: Record<string, KqlType> = Object.fromEntries(outer.map((c) => [c, columns[c]!]));
  for (const [c, t] of Object.entries(sub.columns)) {
    if (c in cols) throw semanticError(`mv-apply's subquery returns column '${c}', which the input already has`, op.offset);
    cols[c] = t;
  }
  return {
    columns: cols,
    apply: (rows) =>
      rows.flatMap((r) => {
        // The subquery runs on every subtable, an empty one included (assumption A6: summarize then gives one row).
        const result = sub.run(expandRow(r));
        const base = Object.fromEntries(outer.map((c) => [c, r[c]]));
        return result.map((x) => ({ ...base, ...x }));
      }),
  };
}

const JOIN_KINDS = new Set(['inner', 'innerunique', 'leftouter', 'leftsemi', 'leftanti', 'anti', 'leftantisemi', 'rightsemi', 'rightanti', 'rightantisemi']);

function join(op: Extract<TabularOp, { kind: 'join' }>, columns: Schema, ctx: Context): OpPlan {
  if (!JOIN_KINDS.has(op.joinKind)) throw unsupported(`join kind=${op.joinKind} is not supported`, op.offset);
  const right = planOf(op.right, ctx);
  const eqs = op.on.map((k) => {
    const lt = columns[k.left];
    const rt = right.columns[k.right];
    if (lt === undefined) throw semanticError(`unknown column '${k.left}' on the left side of join`, op.offset);
    if (rt === undefined) throw semanticError(`unknown column '${k.right}' on the right side of join`, op.offset);
    if (!comparable(lt, rt)) throw semanticError(`join compares ${lt} column '${k.left}' with ${rt} column '${k.right}'`, op.offset);
    return { ...k, eq: equality({ type: lt, fn: () => null }, { type: rt, fn: () => null }) };
  });
  const matches = (l: Row, r: Row): boolean => eqs.every((k) => k.eq(l[k.left], r[k.right]) === true);
  const kind = op.joinKind;
  if (kind === 'leftsemi' || kind === 'leftanti' || kind === 'anti' || kind === 'leftantisemi') {
    const want = kind === 'leftsemi';
    return { columns, apply: (rows) => { const rr = right.rows(); return rows.filter((l) => rr.some((r) => matches(l, r)) === want); } };
  }
  if (kind === 'rightsemi' || kind === 'rightanti' || kind === 'rightantisemi') {
    const want = kind === 'rightsemi';
    return { columns: right.columns, apply: (rows) => right.rows().filter((r) => rows.some((l) => matches(l, r)) === want) };
  }
  // Output: left columns, then right columns; a right column whose name the left has gets the suffix 1.
  const rename = new Map<string, string>();
  const cols: Record<string, KqlType> = { ...columns };
  for (const [c, t] of Object.entries(right.columns)) {
    let n = c;
    for (let i = 1; n in cols; i++) n = `${c}${i}`;
    rename.set(c, n);
    cols[n] = t;
  }
  const rightPart = (r: Row | undefined): Record<string, Value> =>
    Object.fromEntries([...rename].map(([c, n]) => [n, r ? r[c] : emptyOf(right.columns[c]!)]));
  return {
    columns: cols,
    apply: (rows) => {
      let left = rows;
      if (kind === 'innerunique') {
        // "Only one row from the left side is matched for each value of the on key."
        const ks = Object.fromEntries(eqs.map((k) => [k.left, columns[k.left]!]));
        left = dedupe(rows, (r) => Object.entries(ks).map(([c, t]) => valueKey(r[c], t)).join('\u0000'));
      }
      const rr = right.rows();
      const out: Row[] = [];
      for (const l of left) {
        let hit = false;
        for (const r of rr) {
          if (!matches(l, r)) continue;
          hit = true;
          out.push({ ...l, ...rightPart(r) });
        }
        if (!hit && kind === 'leftouter') out.push({ ...l, ...rightPart(undefined) });
      }
      return out;
    },
  };
}

function sorter(keys: readonly SortKey[], columns: Schema, ctx: Context): (a: Row, b: Row) => number {
  const scope = scopeOf(columns, ctx);
  const ks = keys.map((k) => ({ ...k, c: compileScalar(k.expr, scope) }));
  const norm = (v: Value): unknown => (v instanceof Date ? v.getTime() : v);
  return (a, b) => {
    for (const k of ks) {
      const x = norm(k.c.fn(a));
      const y = norm(k.c.fn(b));
      const xn = x === null || x === undefined;
      const yn = y === null || y === undefined;
      if (xn || yn) {
        if (xn && yn) continue;
        return xn === k.nullsFirst ? -1 : 1;
      }
      let d = 0;
      if (typeof x === 'number' && typeof y === 'number') d = x - y;
      else {
        const sx = typeof x === 'string' ? x : JSON.stringify(x);
        const sy = typeof y === 'string' ? y : JSON.stringify(y);
        d = sx < sy ? -1 : sx > sy ? 1 : 0;
      }
      if (d !== 0) return k.desc ? -d : d;
    }
    return 0;
  };
}
