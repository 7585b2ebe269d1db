export { kqlBackend, kqlPipeline, kqlPipelines, kqlSpec } from './backend.js';
export { validateKql, kqlStringLiterals } from './validator.js';
export { ALL_TABLES, tableSchema } from './tables/index.js';
export type { KustoType, TableSchema } from './tables/index.js';
export { kqlString, kqlVerbatim, kqlColumn } from './literals.js';
export { KQL_DIALECT } from './dialect.js';
export { STATE as KQL_STATE_KEYS } from './pipelines/build.js';
