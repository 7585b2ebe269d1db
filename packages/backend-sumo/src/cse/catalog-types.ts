/**
 * Shape of the generated Cloud SIEM catalog table (src/generated/cse-mappings.ts). Tuples keep the table small: it
 * ships in the browser bundle.
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
