// Builds the static page: dist/index.html + dist/app.js (one classic script: module scripts do not load from
// file://, so the page must not use them). Any import of a Node built-in fails the build: the libraries' main entries
// must stay platform-neutral.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// `node build.mjs [outdir]`: the tests build into a temporary folder.
const out = process.argv[2] ?? join(here, 'dist');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      builtins.has(args.path) || args.path.startsWith('node:')
        ? { errors: [{ text: `Node built-in '${args.path}' imported by ${args.importer}: the page runs in a browser` }] }
        : undefined,
    );
  },
};

mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(here, 'src/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  metafile: true,
  loader: { '.yml': 'text' },
  // Workspace packages from source, as the tests do: no build of the libraries is needed first.
  // A subpath the page imports is named first (an alias key also matches its subpaths).
  alias: {
    '@sigmats/backend-kql/cloud': join(here, '../backend-kql/src/cloud.ts'),
    '@sigmats/backend-kql/web': join(here, '../backend-kql/src/web.ts'),
    '@sigmats/backend-kql/syslog': join(here, '../backend-kql/src/syslog.ts'),
    '@sigmats/backend-kql/windows': join(here, '../backend-kql/src/windows.ts'),
    ...Object.fromEntries(
      ['core', 'text-query', 'evaluator', 'backend-splunk', 'backend-kql', 'backend-sumo'].map((p) => [`@sigmats/${p}`, join(here, `../${p}/src/index.ts`)]),
    ),
  },
  plugins: [noNodeBuiltins],
  logLevel: 'warning',
});
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'));
writeFileSync(join(out, 'meta.json'), JSON.stringify(result.metafile));
