import { CSE_ROUTES } from '../generated/cse-routes.js';
import { CSE_FIELD_TYPES, CSE_RAW_COMPANION } from '../generated/cse-schema.js';
import type { CseRoute } from './catalog-types.js';

/**
 * Lookups over the generated catalog table (Sumo's Cloud SIEM log mappings, as conversion reads them: CSE_ROUTES, row
 * i of which is CSE_MAPPINGS[i] of `@sigmats/backend-sumo/catalog`, which names the mapping file). A mapping applies
 * to a message when its input vendor/product/log format match and its event id pattern matches the parser's event id
 * (`metadata_deviceEventId`, "determines which mapping will be used": schema/normalized_schema_build.json); the
 * `_default_` mapping of a vendor/product takes the rest.
 *
 * Assumption (not stated by the catalog): a pattern must match the whole event id. With a partial match the Sysmon 1
 * pattern `Microsoft-Windows-Sysmon/Operational-1` would also take events 10–19, which have their own mappings.
 */

export type { CseMapping, CseRoute } from './catalog-types.js';

function compile(pattern: string): RegExp | undefined {
  // Java's inline (?i) is not JavaScript syntax at the start of a pattern: turn it into the i flag.
  const ci = pattern.startsWith('(?i)');
  try {
    return new RegExp(`^(?:${ci ? pattern.slice(4) : pattern})$`, ci ? 'i' : '');
  } catch {
    return undefined;
  }
}

const compiled = new Map<CseRoute, RegExp | undefined>();
function patternOf(m: CseRoute): RegExp | undefined {
  if (!compiled.has(m)) compiled.set(m, compile(m[0][3]));
  return compiled.get(m);
}

/** Mappings of one input vendor/product (and log format, when given). */
export function mappingsOf(vendor: string, product: string, logFormat?: string): readonly CseRoute[] {
  return CSE_ROUTES.filter((m) => m[0][0] === vendor && m[0][1] === product && (logFormat === undefined || m[0][2] === logFormat));
}

/** The mapping CSE applies to an event id of an input: the one whose pattern matches, else the `_default_` one. */
export function mappingFor(vendor: string, product: string, logFormat: string, deviceEventId: string): CseRoute | undefined {
  const candidates = mappingsOf(vendor, product, logFormat);
  const specific = candidates.filter((m) => m[0][3] !== '_default_' && patternOf(m)?.test(deviceEventId));
  return specific[0] ?? candidates.find((m) => m[0][3] === '_default_');
}

/** The schema field a mapping copies an original record key into (direct copies only: not lookups, splits, statics). */
export function schemaFieldOf(m: CseRoute, key: string): string | undefined {
  return m[2].find((r) => r[1] === key)?.[0];
}

/** Schema type of a field (`string` when the schema does not type it). */
export function fieldType(field: string): string {
  return CSE_FIELD_TYPES[field] ?? 'string';
}

/** The `<field>_raw` attribute holding a normalized field's original value, if the schema has one. */
export function rawCompanion(field: string): string | undefined {
  return CSE_RAW_COMPANION[field];
}

/** Distinct record outputs (metadata_vendor, metadata_product) of the given mappings, in table order. */
export function outputsOf(mappings: readonly CseRoute[]): readonly (readonly [string, string])[] {
  const seen = new Map<string, readonly [string, string]>();
  for (const m of mappings) seen.set(`${m[1][0]}\u0000${m[1][1]}`, [m[1][0], m[1][1]]);
  return [...seen.values()];
}

