#!/usr/bin/env node
import { tuneJit } from './jit.js';
import { loadBundle } from './launch/bundle.js';
import { enableModuleCompileCache } from './launch/compile-cache.js';

// The V8 flags first: they decide how everything after is compiled, and whether the code cache fits.
const flags = tuneJit(process.argv[2]);
const bundle = loadBundle(flags.length > 0);
if (!bundle) enableModuleCompileCache();
const { main } = bundle ? bundle.exports : await import('./main.js');
main(process.argv.slice(2));
