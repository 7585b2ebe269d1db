import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The SigmaHQ corpus: SIGMAHQ_DIR, else <repo>/../shared/sigmahq. Throws a clear error when absent. */
export function sigmahqDir(): string {
  const dir = process.env['SIGMAHQ_DIR'] ?? resolve(import.meta.dirname, '../../../../shared/sigmahq');
  if (!existsSync(join(dir, 'rules'))) {
    throw new Error(`SigmaHQ corpus not found at ${dir} (set SIGMAHQ_DIR to a checkout holding rules/)`);
  }
  return dir;
}

export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.yml') || name.endsWith('.yaml')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function readSources(files: readonly string[]): { text: string; file: string }[] {
  return files.map((file) => ({ text: readFileSync(file, 'utf8'), file }));
}
