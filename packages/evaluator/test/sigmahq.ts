import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGMAHQ } from '../../core/test/shared-data.js';

/** The SigmaHQ corpus beside the repository (or $SIGMAHQ_DIR): the rules* folders and regression_data/. */
export { SIGMAHQ };
/** The tests that read the corpus skip without it; test/shared-data.test.ts then fails, naming it. */
export const HAVE_SIGMAHQ = existsSync(join(SIGMAHQ, 'regression_data'));

export function walk(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, accept, out);
    else if (accept(entry.name)) out.push(p);
  }
  return out;
}

/** Every rule file of the corpus (rules, rules-emerging-threats, rules-threat-hunting, ...). */
export function corpusRuleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir).sort()) {
    if (d.startsWith('rules')) walk(join(dir, d), (n) => n.endsWith('.yml'), out);
  }
  return out;
}

/** Rule id → file, from each file's top-level `id:` line. */
export function ruleIdIndex(files: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const f of files) {
    const m = /^id:\s*['"]?([0-9a-fA-F-]{36})/m.exec(readFileSync(f, 'utf8'));
    if (m) index.set(m[1]!.toLowerCase(), f);
  }
  return index;
}
