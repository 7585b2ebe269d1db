// Builds the workspace packages the binary needs when their dist is missing or older than their sources,
// so the end-to-end tests always run the binary as shipped (node packages/cli/dist/bin.js).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');

const PACKAGES = ['core', 'text-query', 'evaluator', 'backend-splunk', 'backend-kql', 'backend-sumo', 'cli'];

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
  return m;
}

export function ensureBuilt(): string[] {
  const built: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = join(ROOT, 'packages', pkg);
    if (!existsSync(join(dir, 'src', 'index.ts'))) continue; // not written yet: the CLI reports it unavailable
    const out = join(dir, 'dist', pkg === 'cli' ? 'bin.js' : 'index.js');
    const sources = Math.max(newest(join(dir, 'src')), newest(join(dir, 'package.json')), newest(join(dir, 'tsup.config.ts')));
    if (existsSync(out) && statSync(out).mtimeMs >= sources) continue;
    const r = spawnSync('npx', ['tsup'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    // A failing declaration build of a dependency does not stop the JavaScript the binary runs.
    if (!existsSync(out)) throw new Error(`building ${pkg} failed:\n${r.stdout}\n${r.stderr}`);
    built.push(pkg);
  }
  return built;
}
