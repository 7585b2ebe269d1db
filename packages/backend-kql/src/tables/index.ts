import { ASIM_TABLES } from './asim.js';
import { DEFENDER_TABLES } from './defender.js';
import { SENTINEL_TABLES } from './sentinel.js';
import type { TableSchema } from './types.js';

export type { KustoType, TableSchema } from './types.js';

/** Every table the backend can target and the validator knows. */
export const ALL_TABLES: readonly TableSchema[] = [...DEFENDER_TABLES, ...SENTINEL_TABLES, ...ASIM_TABLES];

const BY_NAME = new Map(ALL_TABLES.map((t) => [t.name, t]));

export function tableSchema(name: string): TableSchema | undefined {
  return BY_NAME.get(name);
}
