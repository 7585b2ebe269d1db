/**
 * Build step (scripts/bundle.mjs runs it after bundling): converts and checks the given rules with the bundle,
 * then writes V8's code cache of every function those runs compiled beside it (launch/bundle.ts reads it). Then, in a
 * process of its own for each profile (each target, and `check`), a cache of what converting to that target alone (or
 * checking) compiled: a `convert` to one target, or a `check`, loads that smaller cache (launch/bundle.ts,
 * cacheProfile). The whole cache is trained with the V8 flags of the batch commands and a profile's without them,
 * as bin.ts reads them: V8 requires of whoever reads a cache the flags it was written with.
 * Usage: node dist/train-code-cache.js [--profile <target or check>] <rules folder>...
 */
import { spawnSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneJit } from './jit.js';
import { CHECK_PROFILE, codeCacheFile, loadBundle } from './launch/bundle.js';
import { distDir } from './launch/dist-dir.js';
import { TARGETS } from './registry.js';

const args = process.argv.slice(2);
const profile = args[0] === '--profile' ? args[1] : undefined;
// The whole cache is read with the batch commands' V8 flags set, a profile's without them (bin.ts): each is written
// under the flags it is read with, since V8 refuses a cache written under others.
if (profile === undefined) tuneJit('convert');
const inputs = profile === undefined ? args : args.slice(2);
const dir = distDir();
const loaded = loadBundle(false, dir, true);
if (!loaded) throw new Error(`no bundle in ${dir}`);
const { run, memoryIo } = loaded.exports;
const runs =
  inputs.length === 0
    ? []
    : profile === CHECK_PROFILE
      ? [['check', ...inputs]]
      : profile !== undefined
        ? [['convert', '-t', profile, ...inputs]]
        : [['convert', '-t', 'all', ...inputs], ['convert', '-t', 'splunk', ...inputs], ['check', ...inputs]];
for (const argv of runs) {
  const io = memoryIo({ cwd: process.cwd() });
  const code = await run(argv, io);
  // Warnings are expected (rules without a pipeline); a usage error or a crash means the training ran nothing.
  if (code > 1) throw new Error(`training run 'sigmats ${argv.join(' ')}' exited ${code}: ${io.err().slice(0, 2000)}`);
}
const data = loaded.script.createCachedData();
const out = join(dir, codeCacheFile(profile));
writeFileSync(`${out}.tmp`, data);
renameSync(`${out}.tmp`, out);
process.stdout.write(`code cache: ${data.length} bytes after ${runs.length} training runs -> ${out}\n`);
// Trained on nothing (a build outside the repository), a profile's cache would be the whole one again: none is written.
if (profile === undefined && inputs.length > 0) {
  for (const p of [...TARGETS, CHECK_PROFILE]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--profile', p, ...inputs], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
