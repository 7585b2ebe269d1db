/**
 * Loads the CLI from its one-file bundle with V8's code cache (issue 16: one rule, cold, in 120 ms).
 *
 * Run from its ES modules, a cold `sigmats convert` on one rule spent about a third of its time resolving,
 * reading and compiling about 40 modules, and compiling their functions on first call. The build joins them
 * into one CommonJS file and runs a few conversions with it (src/train-code-cache.ts), then saves V8's code
 * cache: the bytecode of every function those runs compiled. Loading the bundle with that cache skips most of
 * the compiling. Measured on the corpus rule the bench uses (BENCHMARKS.md, round 6): 140 -> 111 ms wall.
 * Node 20 has no compile cache of its own for ES modules (module.enableCompileCache came in Node 22).
 *
 * The cache is only valid for the V8 that wrote it and the same V8 flags; V8 checks both and rejects it
 * otherwise (then the bundle compiles as usual). The batch commands set their flags (jit.ts) before this
 * runs, so the cache is written with them and read only with them.
 * Without the bundle (a build by tsup alone, or SIGMATS_BUNDLE=off) callers load the modules instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type * as Entry from './bundle-entry.js';

export type BundleExports = typeof Entry;

export const BUNDLE_FILE = 'sigmats.cjs';
export const CODE_CACHE_FILE = 'sigmats.v8cache';

/** What became of the code cache: used, refused by V8, not there, or not asked for. */
export type CodeCacheState = 'accepted' | 'rejected' | 'absent' | 'unused';

export interface LoadedBundle {
  readonly exports: BundleExports;
  readonly script: Script;
  readonly file: string;
  readonly cache: CodeCacheState;
}

/** The folder of the built files (this module is built into one of them). */
export const distDir = (): string => fileURLToPath(new URL('.', import.meta.url));

/**
 * The bundle in `dir`, run; undefined when there is none or SIGMATS_BUNDLE=off. `useCache`: read the code
 * cache beside it. SIGMATS_DEBUG_STARTUP=1 reports which file ran and what became of the cache on stderr.
 */
export function loadBundle(useCache: boolean, dir = distDir()): LoadedBundle | undefined {
  const file = join(dir, BUNDLE_FILE);
  if (process.env.SIGMATS_BUNDLE === 'off' || !existsSync(file)) {
    debug(`modules (${process.env.SIGMATS_BUNDLE === 'off' ? 'SIGMATS_BUNDLE=off' : `no ${BUNDLE_FILE}`})`);
    return undefined;
  }
  let cachedData: Buffer | undefined;
  if (useCache) {
    try {
      cachedData = readFileSync(join(dir, CODE_CACHE_FILE));
    } catch {
      cachedData = undefined;
    }
  }
  // The CommonJS wrapper, written out: the bundle is run as Node runs a CommonJS file, with its own require.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: CodeCacheState = !useCache ? 'unused' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
  debug(`bundle ${file}, code cache ${cache}`);
  const module = { exports: {} as BundleExports };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dir);
  return { exports: module.exports, script, file, cache };
}

function debug(message: string): void {
  if (process.env.SIGMATS_DEBUG_STARTUP === '1') process.stderr.write(`sigmats: startup: ${message}\n`);
}
