import { defineConfig } from 'tsup';

export default defineConfig({
  // main.ts is an entry so that dist/main.js has a known name: dist/bin.cjs (the command, built as CommonJS by
  // scripts/bundle.mjs, not here) imports it where the bundle cannot run.
  // link-check is its own entry so the site benchmark can check a generated site with the built code.
  // convert-worker, check-worker and eval-worker are the worker threads of a parallel convert, check and eval:
  // each must sit beside the chunk that starts it.
  // train-code-cache is a build step (scripts/bundle.mjs runs it after this build).
  entry: ['src/index.ts', 'src/main.ts', 'src/variants/link-check.ts', 'src/convert-worker.ts', 'src/check-worker.ts', 'src/eval-worker.ts', 'src/train-code-cache.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.build.json',
  // Commands and backends are dynamic imports; splitting keeps each in its own chunk for a fast cold start.
  splitting: true,
});
