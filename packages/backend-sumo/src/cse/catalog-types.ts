/**
 * Shape of the generated Cloud SIEM catalog tables: src/generated/cse-mappings.ts (every mapping with its file, the
 * provenance), src/generated/cse-routes.ts (its projection: input, output, copied keys; both exported by
 * `@sigmats/backend-sumo/catalog`) and src/generated/cse-conversion.ts (the part of the routes conversion reads, which
 * ships in the main entry). Tuples keep them small.
 */

/** [schema field, original record key] copied; [field, key, 'lookup'|'split'] derived; [field, null, static text]. */
export type CseMappingRow =
  | readonly [field: string, key: string]
  | readonly [field: string, key: string, derived: 'lookup' | 'split']
  | readonly [field: string, key: null, staticText: string];

export type CseMapping = readonly [
  file: string,
  title: string,
  input: readonly [vendor: string, product: string, logFormat: string, eventIdPattern: string],
  output: readonly [metadataVendor: string, metadataProduct: string, recordType: string],
  rows: readonly CseMappingRow[],
];

/**
 * What conversion reads of a mapping (src/generated/cse-routes.ts, row i of which is CSE_MAPPINGS[i]): its input, its
 * record output and the rows that copy an original record key into a schema field.
 */
export type CseRoute = readonly [
  input: readonly [vendor: string, product: string, logFormat: string, eventIdPattern: string],
  output: readonly [metadataVendor: string, metadataProduct: string, recordType: string],
  copies: readonly (readonly [field: string, key: string])[],
];

/** A route's input and record output, with or without its rows (a CseRoute is one; src/generated/cse-conversion.ts). */
export type CseRouteHead = readonly [input: CseRoute[0], output: CseRoute[1], ...rows: readonly unknown[]];

/** Which records an input makes: [input vendor, input product, log format, metadata_vendor, metadata_product]. */
export type CseInputOutput = readonly [vendor: string, product: string, logFormat: string, metadataVendor: string, metadataProduct: string];
