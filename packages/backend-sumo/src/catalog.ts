// `@sigmats/backend-sumo/catalog`: Sumo's Cloud SIEM log mappings with their provenance (each names its catalog file
// and title, and keeps the lookup, split and static-text rows), their projection CSE_ROUTES (input, record output,
// copied keys) and the lookup of the mapping CSE applies to an event id. Conversion reads only part of the routes
// (src/generated/cse-conversion.ts), so the main entry carries neither table.
import { CSE_ROUTES } from './generated/cse-routes.js';
import { mappingIn } from './cse/catalog.js';
import type { CseRoute } from './cse/catalog-types.js';

export { CSE_MAPPINGS } from './generated/cse-mappings.js';
export { CSE_ROUTES } from './generated/cse-routes.js';
export type { CseInputOutput, CseMapping, CseMappingRow, CseRoute, CseRouteHead } from './cse/catalog-types.js';

/**
 * The route CSE applies to a message of an input (vendor, product, log format) with an event id
 * (`metadata_deviceEventId`): the mapping whose event id pattern matches the whole id, else the input's `_default_`
 * one. `CSE_MAPPINGS[CSE_ROUTES.indexOf(route)]` names its mapping file.
 */
export function mappingFor(vendor: string, product: string, logFormat: string, deviceEventId: string): CseRoute | undefined {
  return mappingIn(CSE_ROUTES, vendor, product, logFormat, deviceEventId);
}
