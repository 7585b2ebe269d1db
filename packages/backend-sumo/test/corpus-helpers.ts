import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The tests that read these skip without them; test/shared-data.test.ts then fails, naming what is missing.
export { HAVE_SIGMAHQ, SIGMAHQ } from '../../core/test/shared-data.js';
/** The vendor snapshot (Sumo's Cloud SIEM catalog): SIGMATS_VENDOR_DIR, else <repo>/../shared/vendor. */
export const VENDOR = process.env['SIGMATS_VENDOR_DIR'] ?? resolve(import.meta.dirname, '../../../../shared/vendor');
export const HAVE_CATALOG = existsSync(join(VENDOR, 'sumo-cloud-siem-catalog/mappings'));

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
