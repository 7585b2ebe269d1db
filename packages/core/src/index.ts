export * from './location.js';
export * from './diagnostics.js';
export * from './diagnostic-codes.js';
export * from './ir/index.js';
export type * from './collection.js';
export type * from './backend.js';
export type * from './pipeline/types.js';
export * from './strings.js';
export * from './lower.js';
