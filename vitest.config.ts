import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests import workspace packages from source, so no build is needed to test a change.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const guard = (file: string) => fileURLToPath(new URL(`./tmpdir-guard/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // Subpaths first: a key also matches its own subpaths, and the first matching entry wins.
      '@sigmats/core/validators': fileURLToPath(new URL('./packages/core/src/validators/index.ts', import.meta.url)),
      '@sigmats/core': src('core'),
      '@sigmats/text-query': src('text-query'),
      '@sigmats/evaluator/node': fileURLToPath(new URL('./packages/evaluator/src/node.ts', import.meta.url)),
      '@sigmats/evaluator': src('evaluator'),
      '@sigmats/backend-splunk': src('backend-splunk'),
      '@sigmats/backend-kql/assumptions': fileURLToPath(new URL('./packages/backend-kql/src/assumptions.ts', import.meta.url)),
      '@sigmats/backend-kql/validate': fileURLToPath(new URL('./packages/backend-kql/src/validate.ts', import.meta.url)),
      '@sigmats/backend-kql/cloud': fileURLToPath(new URL('./packages/backend-kql/src/cloud.ts', import.meta.url)),
      '@sigmats/backend-kql/web': fileURLToPath(new URL('./packages/backend-kql/src/web.ts', import.meta.url)),
      '@sigmats/backend-kql/syslog': fileURLToPath(new URL('./packages/backend-kql/src/syslog.ts', import.meta.url)),
      '@sigmats/backend-kql/windows': fileURLToPath(new URL('./packages/backend-kql/src/windows.ts', import.meta.url)),
      '@sigmats/backend-kql': src('backend-kql'),
      '@sigmats/backend-sumo': src('backend-sumo'),
      '@sigmats/cli': src('cli'),
      '@sigmats/truth': src('truth'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // TMPDIR is a new folder for the run and one inside it for each test file; what a file leaves there fails it.
    globalSetup: [guard('run.ts')],
    setupFiles: [guard('file.ts')],
    // The JSON report feeds .ci/run's closing `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: '.vitest-results/results.json' }]],
  },
});
