// Table schemas from the generated column lists (src/generated/table-columns.ts, written by scripts/generate.mjs from
// Microsoft's documentation: the projection of schemas.ts, which cites every column's page and line, kept out of the
// bundle), joined with the relations that are our own knowledge (tables/{defender,sentinel,asim}.ts).
import { ASIM_COMMON, TABLE_COLUMNS } from '../generated/table-columns.js';
import type { TableColumns, TableColumnsRow } from '../generated/types.js';
import type { KustoType, TableRelations, TableSchema } from './types.js';

/** A generated row's columns text (`name` for a string column, else `name:type`, comma-separated) as name → type. */
export function decodeColumns(text: string): Record<string, KustoType> {
  const columns: Record<string, KustoType> = {};
  for (const c of text.split(',')) {
    const i = c.indexOf(':');
    if (i < 0) columns[c] = 'string';
    else columns[c.slice(0, i)] = c.slice(i + 1) as KustoType;
  }
  return columns;
}

const ROWS = new Map<string, TableColumnsRow>(TABLE_COLUMNS.map((r) => [r[0], r]));

/**
 * The generated table `name` (a missing one is a generator/relations mismatch: a bug the tests catch), from the main
 * rows or, for a table only a subpath reads, from that subpath's rows (generated/subpath-table-columns.ts).
 */
export function generatedTable(name: string, rows?: readonly TableColumnsRow[]): TableColumns {
  const row = rows ? rows.find((r) => r[0] === name) : ROWS.get(name);
  if (!row) throw new Error(`no generated schema for ${name}`);
  // Only the main rows have the columns common to every ASIM view taken out (ASIM_COMMON); a subpath's are whole.
  return { table: row[0], family: row[1], columns: decodeColumns(row[1] === 'asim' && !rows ? `${ASIM_COMMON},${row[2]}` : row[2]) };
}

/**
 * A table schema: the documented columns (by name: the generated rows keep them in name order), our relations, the time
 * column by family. Its columns are decoded from the generated row for it: the record is the caller's.
 */
export function schemaOf(name: string, relations: TableRelations = {}, rows?: readonly TableColumnsRow[]): TableSchema {
  const t = generatedTable(name, rows);
  return { name, columns: t.columns, timeColumn: t.family === 'defender' ? 'Timestamp' : 'TimeGenerated', ...relations };
}

/** Every generated table of a family, with relations where we have them. */
export function familySchemas(family: TableColumns['family'], relations: Readonly<Record<string, TableRelations>>): TableSchema[] {
  return TABLE_COLUMNS.filter((t) => t[1] === family).map(([table]) => schemaOf(table, relations[table]));
}
