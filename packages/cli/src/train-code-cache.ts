/**
 * Build step (scripts/bundle.mjs runs it after bundling): converts and checks the given rules with the bundle,
 * then writes V8's code cache of every function those runs compiled beside it (launch/bundle.ts reads it).
 * Runs with the V8 flags of the batch commands, which V8 requires of whoever reads the cache.
 * Usage: node dist/train-code-cache.js <rules folder>...
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tuneJit } from './jit.js';
import { codeCacheFile, loadBundle } from './launch/bundle.js';
import { distDir } from './launch/dist-dir.js';

tuneJit('convert');
const dir = distDir();
const loaded = loadBundle(false, dir, true);
if (!loaded) throw new Error(`no bundle in ${dir}`);
const { run, memoryIo } = loaded.exports;
const inputs = process.argv.slice(2);
const runs = inputs.length === 0 ? [] : [['convert', '-t', 'all', ...inputs], ['convert', '-t', 'splunk', ...inputs], ['check', ...inputs]];
for (const argv of runs) {
  const io = memoryIo({ cwd: process.cwd() });
  const code = await run(argv, io);
  // Warnings are expected (rules without a pipeline); a usage error or a crash means the training ran nothing.
  if (code > 1) throw new Error(`training run 'sigmats ${argv.join(' ')}' exited ${code}: ${io.err().slice(0, 2000)}`);
}
const data = loaded.script.createCachedData();
const out = join(dir, codeCacheFile());
writeFileSync(`${out}.tmp`, data);
renameSync(`${out}.tmp`, out);
process.stdout.write(`code cache: ${data.length} bytes after ${runs.length} training runs -> ${out}\n`);
