/**
 * Build step (scripts/bundle.mjs runs it after bundling): converts and checks the given rules with the bundle,
 * then writes V8's code cache of every function those runs compiled beside it (launch/bundle.ts reads it). Then, in a
 * process of its own for each target, a cache of what converting to that target alone compiled: a `convert` to one
 * target loads that smaller cache (launch/bundle.ts, codeCacheFile).
 * Runs with the V8 flags of the batch commands, which V8 requires of whoever reads the cache.
 * Usage: node dist/train-code-cache.js [--target <target>] <rules folder>...
 */
import { spawnSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneJit } from './jit.js';
import { codeCacheFile, loadBundle } from './launch/bundle.js';
import { distDir } from './launch/dist-dir.js';
import { TARGETS } from './registry.js';

tuneJit('convert');
const args = process.argv.slice(2);
const target = args[0] === '--target' ? args[1] : undefined;
const inputs = target === undefined ? args : args.slice(2);
const dir = distDir();
const loaded = loadBundle(false, dir, true);
if (!loaded) throw new Error(`no bundle in ${dir}`);
const { run, memoryIo } = loaded.exports;
const runs =
  inputs.length === 0
    ? []
    : target !== undefined
      ? [['convert', '-t', target, ...inputs]]
      : [['convert', '-t', 'all', ...inputs], ['convert', '-t', 'splunk', ...inputs], ['check', ...inputs]];
for (const argv of runs) {
  const io = memoryIo({ cwd: process.cwd() });
  const code = await run(argv, io);
  // Warnings are expected (rules without a pipeline); a usage error or a crash means the training ran nothing.
  if (code > 1) throw new Error(`training run 'sigmats ${argv.join(' ')}' exited ${code}: ${io.err().slice(0, 2000)}`);
}
const data = loaded.script.createCachedData();
const out = join(dir, codeCacheFile(target));
writeFileSync(`${out}.tmp`, data);
renameSync(`${out}.tmp`, out);
process.stdout.write(`code cache: ${data.length} bytes after ${runs.length} training runs -> ${out}\n`);
// Trained on nothing (a build outside the repository), a target's cache would be the whole one again: none is written.
if (target === undefined && inputs.length > 0) {
  for (const t of TARGETS) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--target', t, ...inputs], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
