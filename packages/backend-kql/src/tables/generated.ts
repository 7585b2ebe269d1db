// Table schemas from the generated column lists (src/generated/table-columns.ts, written by scripts/generate.mjs from
// Microsoft's documentation: the projection of schemas.ts, which cites every column's page and line, kept out of the
// bundle), joined with the relations that are our own knowledge (tables/{defender,sentinel,asim}.ts).
import { TABLE_COLUMNS } from '../generated/table-columns.js';
import type { TableColumns } from '../generated/types.js';
import type { TableRelations, TableSchema } from './types.js';

const BY_NAME = new Map<string, TableColumns>(TABLE_COLUMNS.map((t) => [t.table, t]));

/** The generated table `name` (a missing one is a generator/relations mismatch: a bug the tests catch). */
export function generatedTable(name: string): TableColumns {
  const t = BY_NAME.get(name);
  if (!t) throw new Error(`no generated schema for ${name}`);
  return t;
}

/** A table schema: documented columns in documented order, our relations, the time column by family. */
export function schemaOf(name: string, relations: TableRelations = {}): TableSchema {
  const t = generatedTable(name);
  // A copy: the generated record is shared, the schema is the caller's.
  return { name, columns: { ...t.columns }, timeColumn: t.family === 'defender' ? 'Timestamp' : 'TimeGenerated', ...relations };
}

/** Every generated table of a family, with relations where we have them. */
export function familySchemas(family: TableColumns['family'], relations: Readonly<Record<string, TableRelations>>): TableSchema[] {
  return TABLE_COLUMNS.filter((t) => t.family === family).map((t) => schemaOf(t.table, relations[t.table]));
}
