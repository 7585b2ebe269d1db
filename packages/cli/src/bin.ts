#!/usr/bin/env node
// The `sigmats` command. Built as CommonJS, alone, into dist/bin.cjs (scripts/bundle.mjs), not as an ES module: Node
// starts a CommonJS entry without its ES module loader, and importing a built-in as an ES module builds its facade
// (for node:fs that loads fs/promises, readline and the streams). One rule, cold, 21 alternating runs: 164 -> 150 ms
// wall, with `node -e 0` at 95 ms (BENCHMARKS.md, round 11).
import { statSync } from 'node:fs';
import { tuneJit } from './jit.js';
import { cacheProfile, debug, loadBundle, smallRun } from './launch/bundle.js';
import { enableModuleCompileCache } from './launch/compile-cache.js';

const args = process.argv.slice(2);
const profile = cacheProfile(args);
let flags: readonly string[] = [];
let tuned = false;
const tune = (): void => {
  if (tuned) return;
  tuned = true;
  flags = tuneJit(args[0]);
  if (flags.length > 0) debug(`V8 flags ${flags.join(' ')}`);
};
// The V8 flags decide whether a code cache fits (launch/bundle.ts): the whole cache is written with the batch
// commands' flags, so they are set before it loads; a profile's cache (a convert to one target, a check) without
// them, so they are set after it, and only for a run that may be large. One rule, cold: node:v8 is not loaded.
if (profile === undefined) tune();
const bundle = loadBundle(profile !== undefined || flags.length > 0, __dirname, false, profile, tune);
if (profile !== undefined && !smallRun(args, isFolder)) tune();
if (bundle) bundle.exports.main(args);
else {
  enableModuleCompileCache();
  // dist/main.js, the modules' entry (an entry of tsup's build, so its name is known here).
  void import('./main.js').then(({ main }) => main(args));
}

/** A guess's helper: an argument that names a folder (any other answer, a failure included, is no). */
function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}
