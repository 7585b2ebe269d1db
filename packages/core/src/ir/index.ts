export type * from './values.js';
export type * from './detection.js';
export type * from './condition.js';
export type * from './rule.js';
export type * from './expr.js';
export { documentKey } from './rule.js';
export { impliedEventIds, mapLeaves, type LeafExpr } from './map-leaves.js';
