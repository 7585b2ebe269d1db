export type * from './types.js';
export { parsePipeline, pipelineFromObject } from './parse.js';
export { builtInPipeline } from './built-in.js';
export { applyPipelines, applyPipelinesToCorrelation } from './apply.js';
export { postprocessQuery, finalizeQueries, resolvePipelines } from './postprocess.js';
export { logsourceMatches, fieldsUsed, type LogsourceSpec } from './ir-helpers.js';
export { unresolvedPlaceholders, placeholderDiagnostics } from './placeholders.js';
export { LinearRegex, RegexUnsupported, type LinearMatch } from './linear-regex.js';
// The RE2-semantics engine pipeline regexes run on; backends use it to check regexes for an RE2-based platform.
export { Re2, RegexSyntaxError, re2SyntaxError, parseRegex, withFlags, type Anchor } from '../regex/index.js';
export { SAFE_PLACEHOLDER_ID } from './values.js';
