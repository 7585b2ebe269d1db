export type * from './types.js';
export { parsePipeline, pipelineFromObject } from './parse.js';
export { applyPipelines, applyPipelinesToCorrelation } from './apply.js';
export { postprocessQuery, finalizeQueries, resolvePipelines } from './postprocess.js';
export { logsourceMatches, fieldsUsed, type LogsourceSpec } from './ir-helpers.js';
export { unresolvedPlaceholders, placeholderDiagnostics } from './placeholders.js';
export { LinearRegex, RegexUnsupported, type LinearMatch } from './linear-regex.js';
export { SAFE_PLACEHOLDER_ID } from './values.js';
