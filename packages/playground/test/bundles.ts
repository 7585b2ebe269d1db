import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** The libraries whose main entries must run in a browser (the CLI is a Node command by design). */
export const LIBRARIES = ['core', 'text-query', 'evaluator', 'backend-splunk', 'backend-kql', 'backend-sumo'] as const;
export type Library = (typeof LIBRARIES)[number];

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
}

/**
 * Bundles `source` (an ES module importing @sigmats/* packages, resolved to their sources as the tests do) for the
 * browser: minified, then gzipped at level 9, the sizes a page pays.
 */
export async function browserBundle(source: string, format: 'esm' | 'iife' = 'esm', globalName?: string): Promise<BrowserBundle> {
  const nodeImports: string[] = [];
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGES, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'browser',
    format,
    ...(globalName ? { globalName } : {}),
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    alias: Object.fromEntries(LIBRARIES.map((p) => [`@sigmats/${p}`, join(PACKAGES, p, 'src/index.ts')])),
    plugins: [nodeBuiltinRecorder(nodeImports)],
  });
  const code = result.outputFiles[0]!.text;
  return {
    code,
    minified: Buffer.byteLength(code),
    gzipped: gzipSync(code, { level: 9 }).length,
    nodeImports,
    warnings: result.warnings.map((w) => w.text),
  };
}
