import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';
import { build, type Plugin } from 'esbuild';

/** The libraries whose main entries must run in a browser (the CLI is a Node command by design). */
export const LIBRARIES = ['core', 'text-query', 'evaluator', 'backend-splunk', 'backend-kql', 'backend-sumo'] as const;
export type Library = (typeof LIBRARIES)[number];
/** Library subpaths that must run in a browser too (a page checking rules, a variant page), and their sources. */
export const BROWSER_SUBPATHS = {
  '@sigmats/core/validators': 'core/src/validators/index.ts',
  '@sigmats/backend-kql/assumptions': 'backend-kql/src/assumptions.ts',
  '@sigmats/backend-kql/cloud': 'backend-kql/src/cloud.ts',
  '@sigmats/backend-kql/web': 'backend-kql/src/web.ts',
  '@sigmats/backend-kql/syslog': 'backend-kql/src/syslog.ts',
  '@sigmats/backend-kql/windows': 'backend-kql/src/windows.ts',
} as const;

const PACKAGES = join(import.meta.dirname, '../..');

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Records every import of a Node built-in (esbuild would only say "could not resolve" for some of them). */
function nodeBuiltinRecorder(found: string[]): Plugin {
  return {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!builtins.has(args.path) && !args.path.startsWith('node:')) return undefined;
        found.push(`${args.path} (imported by ${args.importer.replace(PACKAGES, 'packages')})`);
        return { path: args.path, external: true };
      });
    },
  };
}

export interface BrowserBundle {
  readonly code: string;
  readonly minified: number;
  readonly gzipped: number;
  /** Node built-ins the bundle imports. */
  readonly nodeImports: readonly string[];
  readonly warnings: readonly string[];
  /** Every module in the bundle, relative to the repository (`packages/…`, `node_modules/<package>/…`). */
  readonly modules: readonly string[];
  /** The bundle's source map (v3 JSON), relating each output byte to its module. */
  readonly sourceMap: string;
}

/**
 * Bundles `source` (an ES module importing @sigmats/* packages, resolved to their sources as the tests do) for the
 * browser: minified, then gzipped at level 9, the sizes a page pays.
 */
export async function browserBundle(source: string, format: 'esm' | 'iife' = 'esm', globalName?: string): Promise<BrowserBundle> {
  const nodeImports: string[] = [];
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGES, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    platform: 'browser',
    format,
    ...(globalName ? { globalName } : {}),
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    // The map only attributes bytes (attribute() below); it changes neither the code nor its size.
    sourcemap: 'external',
    outfile: join(PACKAGES, 'bundle.js'),
    metafile: true,
    alias: {
      ...Object.fromEntries(LIBRARIES.map((p) => [`@sigmats/${p}`, join(PACKAGES, p, 'src/index.ts')])),
      ...Object.fromEntries(Object.entries(BROWSER_SUBPATHS).map(([name, src]) => [name, join(PACKAGES, src)])),
    },
    plugins: [nodeBuiltinRecorder(nodeImports)],
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  return {
    code,
    minified: Buffer.byteLength(code),
    gzipped: gzip(code),
    nodeImports,
    warnings: result.warnings.map((w) => w.text),
    // Metafile inputs are relative to the working directory, source-map sources to the output file's folder.
    modules: Object.keys(result.metafile!.inputs).map((p) => moduleName(resolve(p))),
    sourceMap: result.outputFiles.find((f) => f.path.endsWith('.map'))!.text,
  };
}

const gzip = (text: string): number => gzipSync(text, { level: 9 }).length;

/** A bundle input or source-map source as a stable name: `packages/core/src/…`, `node_modules/re2js/…`. */
function moduleName(path: string): string {
  const npm = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?.*)$/.exec(path);
  if (npm) return `node_modules/${npm[1]}`;
  const i = path.lastIndexOf('packages/');
  return i >= 0 ? path.slice(i) : path;
}

export interface ModuleCost {
  /** A module, or a group of modules (see attribute). */
  readonly name: string;
  /** Its bytes in the minified bundle. */
  readonly minified: number;
  /** gzip of the whole bundle minus gzip of the bundle without its bytes: what it adds to the download. */
  readonly gzipMarginal: number;
}

/**
 * What each module (or group: `group` maps a module name to its group) adds to a bundle, gzipped. The source map
 * gives each output byte its module; a module's marginal cost is gzip(bundle) − gzip(bundle without its bytes).
 * The honest figure: compression shares strings across modules, so gzipping a module alone says little.
 * Sorted by cost, largest first.
 */
export function attribute(b: BrowserBundle, group: (module: string) => string = (m) => m): ModuleCost[] {
  const map = JSON.parse(b.sourceMap) as { sources: string[]; mappings: string };
  const groups = map.sources.map((s) => group(moduleName(resolve(PACKAGES, s))));
  // Owner (group) of every character of the output; -1 for bytes no mapping covers (esbuild's glue).
  const names = [...new Set(groups)];
  const owner = new Int32Array(b.code.length).fill(-1);
  const lines = decode(map.mappings);
  let offset = 0;
  for (const [n, line] of b.code.split('\n').entries()) {
    const segments = lines[n] ?? [];
    for (const [i, seg] of segments.entries()) {
      if (seg.length < 2) continue;
      const end = i + 1 < segments.length ? segments[i + 1]![0] : line.length;
      owner.fill(names.indexOf(groups[seg[1]!]!), offset + seg[0], offset + end);
    }
    offset += line.length + 1;
  }
  const total = gzip(b.code);
  // Runs of one owner, so each group's complement is a join of slices.
  const runs: { owner: number; start: number; end: number }[] = [];
  for (let i = 0; i < owner.length; i++) {
    const last = runs.at(-1);
    if (last && last.owner === owner[i]) last.end = i + 1;
    else runs.push({ owner: owner[i]!, start: i, end: i + 1 });
  }
  return names
    .map((name, g) => {
      const others = runs.filter((r) => r.owner !== g).map((r) => b.code.slice(r.start, r.end));
      const minified = runs.filter((r) => r.owner === g).reduce((n, r) => n + r.end - r.start, 0);
      return { name, minified, gzipMarginal: total - gzip(others.join('')) };
    })
    .sort((x, y) => y.gzipMarginal - x.gzipMarginal);
}
