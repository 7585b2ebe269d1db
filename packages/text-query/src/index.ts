export * from './result.js';
export * from './dialect.js';
export * from './render.js';
export * from './backend.js';
