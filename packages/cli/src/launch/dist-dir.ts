import { fileURLToPath } from 'node:url';

/**
 * The folder of the built files, for the entries built as ES modules (this module is built into a chunk of dist/).
 * Not in bundle.ts: bin.ts, built as CommonJS, has `__dirname`, and `import.meta` is empty there.
 */
export const distDir = (): string => fileURLToPath(new URL('.', import.meta.url));
