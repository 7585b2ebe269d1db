import { readdirSync, rmSync } from 'node:fs';

// Node's own module compile cache (Node 22.1 and later; src/launch/compile-cache.ts): `sigmats` run from its modules
// keeps it under os.tmpdir() on purpose, for the next start. It is no test's leftover; it goes with the folder.
const KEPT_BY_NODE = new Set(['node-compile-cache']);

/** What is still in `dir` that something of the tests made and did not remove. */
function leftIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => !KEPT_BY_NODE.has(name));
}

/**
 * Ends a guarded temporary folder (run.ts for the run, file.ts for a test file): TMPDIR back to `outer`, the folder
 * removed, and what the tests left in it returned for the caller to report.
 */
export function closeGuarded(dir: string, outer: string | undefined): string[] {
  if (outer === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = outer;
  const left = leftIn(dir);
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  return left;
}
