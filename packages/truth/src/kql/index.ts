// A reference interpreter for the KQL sigmats emits: parse once (compileKql), run over in-memory tables many times.
// Semantics follow Microsoft's documentation; the excerpts relied on, and the assumptions where the documentation is
// silent, are in SOURCES.md.
import type { KqlTable, KqlType, KqlValue } from '../types.js';
import type { Program } from './ast.js';
import { KqlError, semanticError } from './errors.js';
import { parseKql } from './parser.js';
import { compileScalar, type Row } from './scalar.js';
import { compileTabular, planOf, scopeOf, type Context } from './tabular.js';

export { KqlError } from './errors.js';
export type { KqlErrorKind } from './errors.js';

/**
 * The result of a query: its columns with their types, and its rows. Values are as in `KqlValue`: strings, numbers
 * (int, long, real), booleans, Date (datetime), plain JSON (dynamic), null; a timespan is a number of milliseconds.
 */
export interface KqlResult {
  readonly columns: Readonly<Record<string, KqlType>>;
  readonly rows: readonly Readonly<Record<string, KqlValue>>[];
}

export interface KqlRunOptions {
  /** What now() and ago() read (default: the time of the call). */
  readonly now?: Date;
}

/** A parsed query, ready to run over any set of tables. Semantic checks happen in run(), against those tables. */
export interface CompiledKql {
  readonly query: string;
  run(tables: Readonly<Record<string, KqlTable>>, options?: KqlRunOptions): KqlResult;
}

/** A program compiled against one set of table schemas: run it with rows of those shapes. */
interface Executable {
  readonly ctx: Context;
  readonly result: { columns: KqlResult['columns']; run: () => Row[] };
}

function compileProgram(program: Program, schemas: Readonly<Record<string, Readonly<Record<string, KqlType>>>>): Executable {
  const ctx: Context = { schemas, scalars: new Map(), tabulars: new Map(), run: { tables: {}, now: new Date(0), id: 0 } };
  let result: Executable['result'] | undefined;
  for (const s of program.statements) {
    switch (s.kind) {
      case 'let-scalar': {
        const c = compileScalar(s.value, scopeOf({}, ctx));
        // A constant is folded; one that reads the clock (ago(1h)) is evaluated once per run.
        if (c.constant) ctx.scalars.set(s.name, c);
        else {
          let id = -1;
          let v: unknown = null;
          ctx.scalars.set(s.name, {
            type: c.type,
            fn: () => {
              if (id !== ctx.run.id) {
                v = c.fn({});
                id = ctx.run.id;
              }
              return v;
            },
          });
        }
        break;
      }
      case 'let-tabular':
        ctx.tabulars.set(s.name, planOf(s.value, ctx));
        break;
      case 'let-name': {
        const tab = ctx.tabulars.get(s.target);
        const scalar = ctx.scalars.get(s.target);
        if (tab) ctx.tabulars.set(s.name, tab);
        else if (schemas[s.target]) ctx.tabulars.set(s.name, planOf({ source: { kind: 'table', name: s.target, offset: s.offset }, ops: [], offset: s.offset }, ctx));
        else if (scalar) ctx.scalars.set(s.name, scalar);
        else throw semanticError(`unknown name '${s.target}'`, s.offset);
        break;
      }
      case 'query': {
        // Kusto returns one result per query statement; the last one is the query's result.
        const c = compileTabular(s.query, ctx);
        result = { columns: c.columns, run: () => c.run() };
        break;
      }
    }
  }
  return { ctx, result: result! };
}

/**
 * The schemas of `tables`, and a key that is equal for equal schemas: a column map is identified by its object (a
 * table built from the same schema object is the same key) or, the first time it is seen, by its text.
 */
function schemaKey(tables: Readonly<Record<string, KqlTable>>): { key: string; schemas: Record<string, Readonly<Record<string, KqlType>>> } {
  const schemas: Record<string, Readonly<Record<string, KqlType>>> = {};
  let key = '';
  for (const name in tables) {
    const t = tables[name]!;
    schemas[name] = t.columns;
    key += `${name}\u0000${columnsId(t.columns)}\u0000`;
  }
  return { key, schemas };
}

const COLUMN_IDS = new WeakMap<object, number>();
const IDS_BY_TEXT = new Map<string, number>();
function columnsId(columns: Readonly<Record<string, KqlType>>): number {
  let id = COLUMN_IDS.get(columns);
  if (id === undefined) {
    const text = Object.entries(columns).map(([c, t]) => `${c}:${t}`).join(',');
    id = IDS_BY_TEXT.get(text);
    if (id === undefined) {
      id = IDS_BY_TEXT.size;
      IDS_BY_TEXT.set(text, id);
    }
    COLUMN_IDS.set(columns, id);
  }
  return id;
}

/**
 * Parse a query once; throws KqlError (syntax / unsupported) when it cannot be read. Each run type-checks the query
 * against the tables' schemas (semantic errors are thrown then) and keeps that plan for later runs over tables of the
 * same schemas, so a query run over many rows, one table at a time, is compiled once.
 */
export function compileKql(query: string): CompiledKql {
  const program = parseKql(query);
  const plans = new Map<string, Executable | KqlError>();
  return {
    query,
    run: (tables, options) => {
      const { key, schemas } = schemaKey(tables);
      let exe = plans.get(key);
      if (exe === undefined) {
        try {
          exe = compileProgram(program, schemas);
        } catch (e) {
          if (!(e instanceof KqlError)) throw e;
          exe = e;
        }
        if (plans.size >= 64) plans.clear();
        plans.set(key, exe);
      }
      if (exe instanceof KqlError) throw exe;
      const run = exe.ctx.run;
      run.tables = tables;
      run.now = options?.now ?? new Date();
      run.id++;
      try {
        return { columns: exe.result.columns, rows: exe.result.run() as KqlResult['rows'] };
      } finally {
        // Do not hold on to the caller's tables object between runs.
        run.tables = {};
      }
    },
  };
}

/** Parse and run a query over `tables` (keyed by table name). Throws KqlError. */
export function runKql(query: string, tables: Readonly<Record<string, KqlTable>>, options?: KqlRunOptions): KqlResult {
  return compileKql(query).run(tables, options);
}

/** Whether `e` is an interpreter error (as opposed to a bug). */
export const isKqlError = (e: unknown): e is KqlError => e instanceof KqlError;
