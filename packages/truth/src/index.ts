export * from './types.js';
export { compileSpl, SplError, type CompiledSpl } from './spl/index.js';
export { compileSumo, SumoError, type CompiledSumo, type SumoOptions, type SumoResultRow } from './sumo/index.js';
export { compileCse, CseError, type CompiledCse, type CseOptions } from './cse/index.js';
export * from './records/index.js';
export { runKql, compileKql, KqlError, isKqlError, type KqlResult, type CompiledKql, type KqlRunOptions, type KqlErrorKind } from './kql/index.js';
export { runTruth, type TruthOptions, type TruthRun } from './differential/truth.js';
export type { PlatformReport, Disagreement, DisagreementKind } from './differential/run.js';
