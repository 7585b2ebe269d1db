import { readdirSync } from 'node:fs';

// Node's own module compile cache (Node 22.1 and later; src/launch/compile-cache.ts): `sigmats` run from its modules
// keeps it under os.tmpdir() on purpose, for the next start. It is no test's leftover; it goes with the folder.
const KEPT_BY_NODE = new Set(['node-compile-cache']);

/** What is still in `dir` that something of the tests made and did not remove. */
export function leftIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => !KEPT_BY_NODE.has(name));
}
