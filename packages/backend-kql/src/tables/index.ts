import { ASIM_TABLES } from './asim.js';
import { DEFENDER_TABLES } from './defender.js';
import { SENTINEL_TABLES } from './sentinel.js';
import type { TableSchema } from './types.js';

export type { KustoType, TableSchema } from './types.js';

/**
 * Every table the main entry's pipelines can target, with our relations. The validator knows these, the tables the
 * subpaths' pipelines give the backend, and the documented tables no pipeline reads (`unreadTableSchemas` in ./validate).
 */
export const ALL_TABLES: readonly TableSchema[] = [...DEFENDER_TABLES, ...SENTINEL_TABLES, ...ASIM_TABLES];

const BY_NAME = new Map(ALL_TABLES.map((t) => [t.name, t]));

export function tableSchema(name: string): TableSchema | undefined {
  return BY_NAME.get(name);
}
