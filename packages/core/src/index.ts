export * from './location.js';
export * from './diagnostics.js';
export * from './diagnostic-codes.js';
export * from './ir/index.js';
export type * from './collection.js';
export type * from './backend.js';
export * from './pipeline/index.js';
export * from './strings.js';
export * from './lower.js';
export * from './attack.js';
export * from './enrichment/index.js';
export { parseSigma, type ParseResult } from './parse/parse-sigma.js';
export type { ParseOptions } from './parse/options.js';
export { buildCollection, loadCollection, applyFilter, logsourceContains, filterPrefix, type ParsedSource } from './build-collection.js';
export { LineIndex } from './yaml/line-index.js';
export { decodeSigmaBytes } from './source.js';
export { parseSigmaString, insertPlaceholders, mergeLiterals } from './parse/sigma-string.js';
export { MODIFIER_NAMES } from './parse/modifiers.js';
export { suggest } from './parse/suggest.js';
export { matchSelector } from './parse/condition.js';
export { ipv6Groups, parseCidr } from './parse/cidr.js';
export { windashVariants, WINDASH_CHARS } from './parse/windash.js';
export { SCHEMAS } from './schema/validate.js';
export * from './sysmon-categories.js';
export * from './windows-services.js';
export * from './windows-data-names.js';
// The rule validators (pySigma's, the SigmaHQ conventions, sigmats' own: what `sigmats check` runs) are exported from
// `@sigmats/core/validators`: conversion never runs them, so a page that only converts does not download them.
