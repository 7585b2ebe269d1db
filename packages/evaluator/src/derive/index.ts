export { deriveEvents } from './derive.js';
export { eventTemplate } from './templates.js';
export type { DerivedEvent, DeriveOptions, DeriveResult } from './types.js';
// regressionEvents / fixtureEvents read files: exported from `@sigmats/evaluator/node` (src/node.ts).
