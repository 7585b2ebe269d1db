// Table schemas from the generated column lists (src/generated/schemas.ts, written by scripts/generate.mjs from
// Microsoft's documentation), joined with the relations that are our own knowledge (tables/{defender,sentinel,asim}.ts).
import { GENERATED_TABLES } from '../generated/schemas.js';
import type { GeneratedTable } from '../generated/types.js';
import type { KustoType, TableRelations, TableSchema } from './types.js';

const BY_NAME = new Map<string, GeneratedTable>(GENERATED_TABLES.map((t) => [t.table, t]));

/** The generated table `name` (a missing one is a generator/relations mismatch: a bug the tests catch). */
export function generatedTable(name: string): GeneratedTable {
  const t = BY_NAME.get(name);
  if (!t) throw new Error(`no generated schema for ${name}`);
  return t;
}

/** A table schema: documented columns in documented order, our relations, the time column by family. */
export function schemaOf(name: string, relations: TableRelations = {}): TableSchema {
  const t = generatedTable(name);
  const columns: Record<string, KustoType> = {};
  for (const c of t.columns) columns[c.name] = c.type;
  return { name, columns, timeColumn: t.family === 'defender' ? 'Timestamp' : 'TimeGenerated', ...relations };
}

/** Every generated table of a family, with relations where we have them. */
export function familySchemas(family: GeneratedTable['family'], relations: Readonly<Record<string, TableRelations>>): TableSchema[] {
  return GENERATED_TABLES.filter((t) => t.family === family).map((t) => schemaOf(t.table, relations[t.table]));
}
