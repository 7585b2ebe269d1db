// `@sigmats/backend-sumo/catalog`: Sumo's Cloud SIEM log mappings with their provenance (each names its catalog file
// and title, and keeps the lookup, split and static-text rows). Conversion reads only their projection (CseRoute, from
// the main entry's mappingFor), so the main entry does not carry this table.
export { CSE_MAPPINGS } from './generated/cse-mappings.js';
export { CSE_ROUTES } from './generated/cse-routes.js';
export type { CseMapping, CseMappingRow, CseRoute } from './cse/catalog-types.js';
