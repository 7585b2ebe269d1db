export type * from './values.js';
export type * from './detection.js';
export type * from './condition.js';
export type * from './rule.js';
export type * from './expr.js';
export { documentKey } from './rule.js';
export { mapLeaves, type LeafExpr } from './map-leaves.js';
export { impliedEventIds } from './event-ids.js';
