// Builds the workspace packages the binary needs when their dist is missing or older than their sources,
// so the end-to-end tests always run the binary as shipped (node packages/cli/dist/bin.cjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ESM script without types
import { attackDir } from '../scripts/generate-attack.mjs';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/dist/bin.cjs');

/** The SigmaHQ checkout the corpus tests read; they skip without it, and test/shared-data.test.ts then fails, naming it. */
export { HAVE_SIGMAHQ, SIGMAHQ } from '../../core/test/shared-data.js';

/** MITRE's ATT&CK data the generated technique table is made from (../shared/attack, or SIGMATS_ATTACK_DIR). */
export const ATTACK_SOURCE = join(attackDir() as string, 'enterprise-attack-v18.1.json');
export const HAVE_ATTACK = existsSync(ATTACK_SOURCE);

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
    // The CLI's last output is its bundle, which holds the other packages' dist: it is stale when any of them is newer.
    const out = join(dir, 'dist', pkg === 'cli' ? 'sigmats.cjs' : 'index.js');
    const deps = pkg === 'cli' ? PACKAGES.filter((p) => p !== 'cli' && existsSync(join(ROOT, 'packages', p, 'dist'))).map((p) => newest(join(ROOT, 'packages', p, 'dist'))) : [];
    const sources = Math.max(newest(join(dir, 'src')), newest(join(dir, 'package.json')), newest(join(dir, 'tsup.config.ts')), ...deps);
    if (existsSync(out) && statSync(out).mtimeMs >= sources) continue;
    const r = spawnSync('npx', ['tsup'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    // A failing declaration build of a dependency does not stop the JavaScript the binary runs.
    if (!existsSync(join(dir, 'dist', pkg === 'cli' ? 'main.js' : 'index.js'))) throw new Error(`building ${pkg} failed:\n${r.stdout}\n${r.stderr}`);
    // The CLI's build goes on to its bundle and code cache (tsup has just emptied dist/ of them), as `build` does.
    if (pkg === 'cli') {
      const b = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
      if (b.status !== 0) throw new Error(`bundling the cli failed:\n${b.stdout}\n${b.stderr}`);
    }
    built.push(pkg);
  }
  return built;
}
