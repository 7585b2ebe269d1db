import type { ValidatorCode } from './validators/names.js';

/**
 * Every diagnostic code sigmats can produce. Codes are `area/name`; keep them stable, users filter on them.
 * Adding a code here is how a new problem becomes reportable.
 */
export const DIAGNOSTIC_CODES = [
  // input files
  'io/read-failed',
  'io/too-large',
  'io/not-utf8',
  'io/write-failed',
  'internal/error',
  // YAML layer
  'yaml/syntax',
  'yaml/duplicate-key',
  'yaml/alias-limit',
  'yaml/depth-limit',
  'yaml/forbidden-key',
  'yaml/unsupported-tag',
  'yaml/not-a-mapping',
  'yaml/empty-document',
  'yaml/yaml11-difference',
  // schema and metadata
  'schema/invalid',
  'schema/missing-field',
  'schema/unknown-field',
  'schema/type',
  // accepted (pySigma or sigmats reads it) but rejected by the Sigma JSON schema: a warning, an error under `check`
  'schema/nonstandard',
  'meta/invalid-date',
  'meta/invalid-id',
  'meta/invalid-tag',
  'meta/unknown-attack-id',
  'meta/invalid-status',
  'meta/invalid-level',
  'meta/legacy-action',
  'logsource/empty',
  // detection
  'detection/empty',
  'detection/no-identifiers',
  'detection/missing-condition',
  'detection/invalid-value',
  'detection/empty-list',
  'detection/null-in-list',
  'detection/nested-map',
  'detection/too-many-variants',
  'detection/expansion-too-large',
  'modifier/unknown',
  'modifier/invalid-chain',
  'modifier/type-mismatch',
  'modifier/all-single-value',
  'modifier/escaped-wildcard',
  'modifier/base64offset-short',
  'modifier/regex-invalid',
  'modifier/cidr-invalid',
  'modifier/not-a-modifier',
  // condition
  'condition/syntax',
  'condition/undefined-identifier',
  'condition/empty-selector',
  'condition/unsupported-quantifier',
  'condition/pipe-aggregation',
  'condition/keyword-case',
  // enrichments (the custom `enrichments` attribute)
  'enrichment/invalid',
  'enrichment/invalid-name',
  'enrichment/dropped',
  // correlation and filters
  'correlation/invalid-type',
  'correlation/missing-field',
  'correlation/invalid-timespan',
  'correlation/invalid-condition',
  'correlation/unresolved-reference',
  'correlation/cycle',
  'correlation/invalid-alias',
  'filter/invalid',
  'filter/unresolved-reference',
  'collection/duplicate-id',
  'collection/duplicate-name',
  // pipelines
  'pipeline/syntax',
  'pipeline/invalid',
  'pipeline/unknown-transformation',
  'pipeline/unknown-condition',
  'pipeline/not-found',
  'pipeline/not-allowed',
  'pipeline/rule-failure',
  'pipeline/detection-item-failure',
  'pipeline/unmapped-field',
  'pipeline/unknown-variable',
  'pipeline/placeholder-unresolved',
  'pipeline/placeholder-unsafe',
  'pipeline/regex-unsupported',
  // backends
  'backend/unsupported-feature',
  'backend/unmapped-field',
  'backend/unsupported-value',
  'backend/unsupported-correlation',
  'backend/unknown-format',
  'backend/invalid-option',
  'backend/invalid-output',
  // evaluator
  'eval/unsupported-regex',
  'eval/unsupported-value',
  'eval/invalid-event',
  // fixtures and CLI
  'fixture/missing',
  'fixture/mismatch',
  'cli/usage',
] as const;

/** Validators (validators/names.ts) report as `validator/<name>`; their list lives with them. */
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number] | ValidatorCode;
