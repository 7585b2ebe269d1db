export type { Enrichment, EnrichmentCase, RenderedEnrichment } from './types.js';
export { ENRICHMENT_NAME, caseDetectionName, enrichmentValue } from './types.js';
export { ENRICHMENTS_KEY } from './parse.js';
export { applyPipelinesToEnrichments, type MappedEnrichments } from './pipelines.js';
