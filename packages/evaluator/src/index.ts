export { compileRuleSet, CompiledRuleSet, MatchStream, DEFAULT_TIME_FIELDS } from './rule-set.js';
export type { CompileOptions, RuleMatch, StreamMatch } from './rule-set.js';
export { compileEnrichments, type CompiledEnrichments } from './enrichments.js';
export { CorrelationEngine, percentileOf, medianOf, type CorrelationMatch } from './correlation.js';
export { readEvents, readEventPart, EventSplitter, type EventPartEnd, type EventRecord, type ReadEventsResult, type EventChunkSource, type ReadItem } from './read-events.js';
export { windowsLogsource, logsourceApplies, type EventLogsource, type LogsourceRouter } from './logsource.js';
export { fold } from './fold.js';
export { compileStringPattern, type StringPattern } from './string-pattern.js';
export { translatePcre, compileRegex, type RegexTranslation, type CompiledRegex } from './regex.js';
export { parseIp, parseNetwork, inNetwork, type ParsedIp, type CidrNetwork } from './cidr.js';
export { parseTimestamp, timestampPart, isoWeek } from './timestamp.js';
export { EventView, FieldRegistry, resolveField, stringForm, collectLeaves, MISSING, type EventObject, type FieldLookup } from './event.js';
export {
  compileExpr,
  numericForm,
  UnsupportedValue,
  type Atom,
  type Clauses,
  type CompiledExpr,
  type Predicate,
} from './compile-expr.js';
export { AhoCorasick } from './aho-corasick.js';
// Fixture and corpus loaders read files: they are in `@sigmats/evaluator/node` (see node.ts).
export { flattenWindowsEvent } from './windows-event.js';
export { generateProcessEvents, seededRandom, type SyntheticOptions } from './synthetic-events.js';
export { deriveEvents, eventTemplate, type DerivedEvent, type DeriveOptions, type DeriveResult } from './derive/index.js';
