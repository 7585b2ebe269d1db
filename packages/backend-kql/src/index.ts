export { kqlBackend, kqlPipeline, kqlPipelines, kqlSpec, type KqlBackendOptions } from './backend.js';
// The Kusto validator (validateKql, kqlComparisons, kqlStringLiterals) is Node-only and needs an optional peer
// dependency: it is exported from `@sigmats/backend-kql/validate`.
// The assumptions the queries rest on (kqlAssumptions, for the CLI's variant pages) are exported from
// `@sigmats/backend-kql/assumptions`: conversion never reads them, so a page that only converts does not download them.
export { ALL_TABLES, tableSchema } from './tables/index.js';
export type { KustoType, TableSchema } from './tables/index.js';
export { kqlString, kqlVerbatim, kqlColumn } from './literals.js';
export { KQL_DIALECT } from './dialect.js';
export { STATE as KQL_STATE_KEYS } from './pipelines/build.js';
