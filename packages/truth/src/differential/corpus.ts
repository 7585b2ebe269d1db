import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (the folder holding pnpm-workspace.yaml), found from src/ and from dist/ alike. */
export function repoRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

/**
 * Where the shared, read-only material lives: `$SIGMAHQ_DIR` / `$SIGMATS_VENDOR_DIR`, else `../shared/...` beside the
 * repository. The truth report only runs where it exists; it says so plainly otherwise.
 */
export function sharedDir(): string {
  return join(repoRoot(), '..', 'shared');
}

export function sigmahqDir(): string | undefined {
  const dir = process.env.SIGMAHQ_DIR ?? join(sharedDir(), 'sigmahq');
  return existsSync(join(dir, 'rules')) ? dir : undefined;
}

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.name.endsWith('.yml') || entry.name.endsWith('.yaml')) out.push(p);
  }
  return out;
}

/** Every rule file of the corpus folders given (default: SigmaHQ's `rules*` folders), in a stable order. */
export function corpusFiles(root: string, folders?: readonly string[]): string[] {
  const names = folders ?? readdirSync(root).filter((d) => d.startsWith('rules')).sort();
  const out: string[] = [];
  for (const d of names) if (existsSync(join(root, d))) walk(join(root, d), out);
  return out;
}

export function readSources(files: readonly string[]): { text: string; file: string }[] {
  return files.map((file) => ({ text: readFileSync(file, 'utf8'), file }));
}

/**
 * A deterministic sample: the rules whose key hashes below `fraction` (FNV-1a), so the same rules are chosen on
 * every machine and a rule stays in the sample as the corpus grows.
 */
export function inSample(key: string, fraction: number): boolean {
  if (fraction >= 1) return true;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x100000000 < fraction;
}
