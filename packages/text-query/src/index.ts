export * from './result.js';
export * from './dialect.js';
export * from './render.js';
export * from './group.js';
export { exprFields } from './fields.js';
export * from './backend.js';
export { pushAll } from './push-all.js';
