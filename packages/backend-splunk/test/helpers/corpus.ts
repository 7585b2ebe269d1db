import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SIGMAHQ } from '../../../core/test/shared-data.js';

// The corpus tests skip without it; test/shared-data.test.ts then fails, naming it.
export { HAVE_SIGMAHQ, SIGMAHQ } from '../../../core/test/shared-data.js';

/** All `.yml` files under `rules/` (the 3,141 rules pySigma is measured on), sorted, as load sources. */
export function corpusSources(sub = 'rules'): { text: string; file: string }[] {
  const root = join(SIGMAHQ, sub);
  if (!existsSync(root)) {
    throw new Error(`SigmaHQ corpus not found at ${root}: set SIGMAHQ_DIR to the directory holding rules/`);
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yml')) out.push(p);
    }
  };
  walk(root);
  return out.map((p) => ({ text: readFileSync(p, 'utf8'), file: relative(SIGMAHQ, p) }));
}
