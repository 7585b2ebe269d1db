/**
 * Loads the CLI from its one-file bundle with V8's code cache (issue 16: one rule, cold, in 120 ms).
 *
 * Run from its ES modules, a cold `sigmats convert` on one rule spent about a third of its time resolving,
 * reading and compiling about 40 modules, and compiling their functions on first call. The build joins them
 * into one CommonJS file and runs a few conversions with it (src/train-code-cache.ts), then saves V8's code
 * cache: the bytecode of every function those runs compiled. Loading the bundle with that cache skips most of
 * the compiling. Measured on the rule the bench uses (BENCHMARKS.md, round 6): about 130 -> 105 ms wall.
 * Node 20 has no compile cache of its own for ES modules (module.enableCompileCache came in Node 22).
 *
 * The cache is only valid for the V8 that wrote it and the same V8 flags; V8 checks both and rejects it
 * otherwise. Its file name carries the V8 version, so another Node (a package built elsewhere) finds none and runs
 * the modules: the bundle compiled without its cache is slower than they are (142 against 133 ms on the bench rule).
 * The whole cache is written with the batch commands' flags (jit.ts), which are set before it loads (worker threads,
 * which start when the flags are set, load it too); a profile's cache without them, which are set after it loads,
 * and only for a run that may be large (smallRun). The other commands, and flags of the user's own (which V8 may
 * refuse the cache for), are what the fallbacks are for.
 * SIGMATS_BUNDLE=off always runs the modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import type * as Entry from './bundle-entry.js';
import { debug } from './startup-debug.js';

export { debug };

export type BundleExports = typeof Entry;

export const BUNDLE_FILE = 'sigmats.cjs';
/**
 * The code cache of this V8 (see above): the whole one, or one profile's. V8 deserializes a cache whole at each start,
 * and the whole one (1.18 MB) holds what converting to every target and checking compiled; a `convert` to one target
 * loads a cache of that target's alone (0.58 MB for Splunk), a `check` without targets one of checking alone. One
 * rule, cold, 21 alternating rounds: `convert -t splunk` 148 -> 138 ms wall, `check` 193 -> 181 ms (BENCHMARKS.md,
 * round 11). The build writes one for each target and for `check` (train-code-cache.ts).
 */
export const codeCacheFile = (profile?: string): string =>
  `sigmats-v8-${process.versions.v8}${profile === undefined ? '' : `.${profile}`}.cache`;

/** The profiles the build trains a cache of its own for, besides the targets: `check` without a target. */
export const CHECK_PROFILE = 'check';

/**
 * Which cache a start loads: the one target of a `convert` (-t, --target), `check` for a check with no target, and
 * undefined (the whole cache) for anything else (several targets, other commands). A guess from the raw arguments,
 * before they are parsed: a wrong one only costs time (the functions the cache lacks are compiled when first called).
 */
export function cacheProfile(argv: readonly string[]): string | undefined {
  const command = argv[0];
  if (command !== 'convert' && command !== 'check') return undefined;
  let found: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    let value: string | undefined;
    if (a === '-t' || a === '--target') value = argv[++i];
    else if (a.startsWith('--target=')) value = a.slice('--target='.length);
    else if (a.startsWith('-t')) value = a.slice(2).replace(/^=/, '');
    else continue;
    if (found !== undefined || value === undefined) return undefined;
    found = value;
  }
  if (command === 'check') return found === undefined ? CHECK_PROFILE : undefined;
  // `all` names every target: the whole cache (no file is looked for that the build never writes).
  return found !== undefined && /^[a-z][a-z-]*$/.test(found) && found !== CHECK_PROFILE && found !== 'all' ? found : undefined;
}

/** The most inputs a small run (smallRun) names. */
export const SMALL_RUN_INPUTS = 16;

/**
 * Whether a start looks like a small run: at most SMALL_RUN_INPUTS arguments after the command that are not
 * options, none of them a folder or a glob. A `convert` to one target or a `check` of such a run loads its
 * profile's cache, written without V8 flags, and sets none: the batch commands' flags (jit.ts) pay off over many
 * rules, and setting them loads node:v8 (about 5 ms of a one-rule start). A guess from the raw arguments, as
 * cacheProfile's: an option's value counts as an argument (so a folder given to -o makes a run look large), and a
 * wrong guess costs time, never output.
 */
export function smallRun(argv: readonly string[], isFolder: (path: string) => boolean): boolean {
  let inputs = 0;
  let files = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' && !files) {
      files = true;
      continue;
    }
    if (!files && a.startsWith('-') && a !== '-') continue;
    if (++inputs > SMALL_RUN_INPUTS || /[*?[{]/.test(a) || (a !== '-' && isFolder(a))) return false;
  }
  return true;
}

export interface LoadedBundle {
  readonly exports: BundleExports;
  readonly script: Script;
}

/**
 * The bundle in `dir` (dist/: the folder of the built files), run with its code cache; undefined (run the modules)
 * when there is no bundle or no cache for this V8, when `cached` is false (the caller runs with V8 flags other than
 * the batch commands'), or with SIGMATS_BUNDLE=off. `cached` false with `train`: the bundle without its cache, for
 * the training. `profile`: what the command is (cacheProfile), whose own cache is loaded if the build made one.
 * A profile's cache is written without V8 flags, the whole one with the batch commands' (train-code-cache.ts):
 * `beforeWhole` is called just before the whole one is read, for the caller to set them.
 * SIGMATS_DEBUG_STARTUP=1 reports on stderr which code ran and what became of the cache.
 */
export function loadBundle(cached: boolean, dir: string, train = false, profile?: string, beforeWhole?: () => void): LoadedBundle | undefined {
  const file = join(dir, BUNDLE_FILE);
  const without =
    process.env.SIGMATS_BUNDLE === 'off'
      ? 'SIGMATS_BUNDLE=off'
      : !existsSync(file)
        ? `no ${BUNDLE_FILE}`
        : !train && !cached
          ? "the code cache is written for the batch commands' V8 flags"
          : undefined;
  // The cache is read once, its absence found by the read itself (this runs at every start-up).
  // The profile's own cache where the build made one, else the whole one.
  let cacheName = codeCacheFile();
  let cachedData: Buffer | undefined;
  if (without === undefined && !train) {
    const own = profile === undefined ? undefined : readIfThere(join(dir, codeCacheFile(profile)));
    if (own !== undefined) cacheName = codeCacheFile(profile);
    else beforeWhole?.();
    cachedData = own ?? readIfThere(join(dir, cacheName));
  }
  const reason = without ?? (!train && cachedData === undefined ? `no code cache for V8 ${process.versions.v8}` : undefined);
  if (reason !== undefined) {
    debug(`modules (${reason})`);
    return undefined;
  }
  // The file is the bundle inside Node's CommonJS wrapper (scripts/bundle.mjs writes it so): it evaluates to a
  // function, called below as Node calls a CommonJS module, with its own require. The build makes the file all
  // ASCII (scripts/bundle.mjs checks it), so its bytes are its characters: read as latin1, a plain copy, about 4 ms
  // less than decoding UTF-8 here (1.25 MB: 12 -> 8 ms). Read as is, not wrapped here: that made a second copy.
  const source = readFileSync(file, 'latin1');
  const script = new Script(source, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  debug(`bundle ${file}, code cache ${train ? 'unused' : `${script.cachedDataRejected ? 'rejected' : 'accepted'} (${cacheName})`}`);
  const module = { exports: {} as BundleExports };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dir);
  return { exports: module.exports, script };
}

function readIfThere(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
