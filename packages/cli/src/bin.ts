#!/usr/bin/env node
// The `sigmats` command. Built as CommonJS, alone, into dist/bin.cjs (scripts/bundle.mjs), not as an ES module: Node
// starts a CommonJS entry without its ES module loader, and importing a built-in as an ES module builds its facade
// (for node:fs that loads fs/promises, readline and the streams). One rule, cold, 21 alternating runs: 164 -> 150 ms
// wall, with `node -e 0` at 95 ms (BENCHMARKS.md, round 11).
import { tuneJit } from './jit.js';
import { cacheProfile, debug, loadBundle } from './launch/bundle.js';
import { enableModuleCompileCache } from './launch/compile-cache.js';

// The V8 flags first: they decide how everything after is compiled, and whether the code cache fits.
const flags = tuneJit(process.argv[2]);
if (flags.length > 0) debug(`V8 flags ${flags.join(' ')}`);
const args = process.argv.slice(2);
const bundle = loadBundle(flags.length > 0, __dirname, false, cacheProfile(args));
if (bundle) bundle.exports.main(args);
else {
  enableModuleCompileCache();
  // dist/main.js, the modules' entry (an entry of tsup's build, so its name is known here).
  void import('./main.js').then(({ main }) => main(args));
}
