// Build step after tsup (package.json "build"): joins the CLI and the packages it uses into one CommonJS file,
// dist/sigmats.cjs, builds the command dist/bin.cjs, then runs dist/train-code-cache.js to write V8's code cache
// beside the bundle. Why: see src/launch/bundle.ts and src/bin.ts. The Kusto validator stays outside (an optional
// peer dependency, loaded by Node on demand).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const out = `${pkg}dist/sigmats.cjs`;
// The file is a function expression, Node's CommonJS wrapper with the bundle as its body: src/launch/bundle.ts runs
// the file as read and calls what it evaluates to. Putting the wrapper around the text at each start made a second
// copy of its 1.25 MB (BENCHMARKS.md, round 9).
const WRAPPER_OPEN = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_CLOSE = '})';
await build({
  entryPoints: [`${pkg}src/launch/bundle-entry.ts`],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  tsconfig: `${pkg}tsconfig.build.json`,
  external: ['@sigmats/backend-kql/validate', '@kusto/*'],
  // ...and is required, not imported: a function V8 restores from a code cache has lost the script's dynamic
  // import callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, Node 20), and Node >= 20.19 requires ES modules.
  supported: { 'dynamic-import': false },
  // tsup's chunks import each other for effect ("import './chunk-X.js'"); in packages marked side-effect free
  // esbuild drops those imports, which is right (nothing runs there), and says so for each one.
  logOverride: { 'ignored-bare-import': 'silent' },
  // In a CommonJS file import.meta is empty: every module's URL is the bundle's, which sits in dist/ beside the
  // worker scripts (parallel/pool.ts) and resolves packages as the modules in dist/ do.
  define: { 'import.meta.url': '__sigmatsBundleUrl' },
  banner: { js: `${WRAPPER_OPEN}var __sigmatsBundleUrl = require('node:url').pathToFileURL(__filename).href;` },
  footer: { js: WRAPPER_CLOSE },
  logLevel: 'warning',
  // Without comments and blanks the file is smaller and all ASCII (its comments held the only non-ASCII characters,
  // which made V8 read the whole source as a two-byte string): each start reads and scans less. Names stay, so an
  // internal error's stack still names its functions. One-rule `convert -t splunk`, 15 alternating runs:
  // 166 -> 153 ms wall (BENCHMARKS.md, round 8). Renaming identifiers too gave 147 ms; not worth unreadable stacks.
  minifyWhitespace: true,
  minifySyntax: true,
});

// The command itself, dist/bin.cjs: src/bin.ts and what it imports (the V8 flags, the bundle's loader), as CommonJS
// (see src/bin.ts for why). dist/main.js, the modules' entry, stays outside: it is imported only where the bundle
// cannot run.
const bin = `${pkg}dist/bin.cjs`;
await build({
  entryPoints: [`${pkg}src/bin.ts`],
  outfile: bin,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  tsconfig: `${pkg}tsconfig.build.json`,
  external: ['./main.js'],
  logLevel: 'warning',
});
chmodSync(bin, 0o755);

// The worker threads' entries, dist/<kind>-worker.cjs, as CommonJS for the command's reason (src/launch/worker-cjs.ts).
for (const kind of ['convert', 'check', 'eval']) {
  await build({
    entryPoints: [`${pkg}src/launch/worker-cjs.ts`],
    outfile: `${pkg}dist/${kind}-worker.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    tsconfig: `${pkg}tsconfig.build.json`,
    define: { WORKER: JSON.stringify(kind) },
    logLevel: 'warning',
  });
}

// launch/bundle.ts reads the bundle as latin1: one byte per character, right only for ASCII. esbuild escapes
// every non-ASCII character of strings and regular expressions (its default charset); this holds it to that.
const bytes = readFileSync(out);
const wide = bytes.findIndex((b) => b > 0x7f);
if (wide >= 0) {
  console.error(`bundle: ${out} has a non-ASCII byte at ${wide}: ${JSON.stringify(bytes.subarray(Math.max(0, wide - 40), wide + 40).toString('utf8'))}`);
  process.exit(1);
}

// The training converts the repository's example rules; a build outside the repository trains on nothing
// (then the cache holds only what loading compiles).
const rules = fileURLToPath(new URL('../../../rules', import.meta.url));
const r = spawnSync(process.execPath, [`${pkg}dist/train-code-cache.js`, ...(existsSync(rules) ? [rules] : [])], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`bundle: ${out} (${(statSync(out).size / 1024).toFixed(0)} KB)`);
