import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { parseSigma } from '../../src/index.js';
const ROOT = '/work/shared/sigmahq';
function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) { const p = join(dir, n); if (statSync(p).isDirectory()) walk(p, out); else if (/\.ya?ml$/.test(n)) out.push(p); }
  return out;
}
it('diag', () => {
  const code = process.env.CODE ?? '';
  const files = readdirSync(ROOT).filter((d) => d.startsWith('rules')).flatMap((d) => walk(join(ROOT, d)));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const r = parseSigma(text, f.slice(ROOT.length + 1));
    for (const d of r.diagnostics) if (d.code.includes(code)) {
      const line = text.split(/\r?\n/)[d.line - 1];
      console.log(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}${d.hint ? ' HINT ' + d.hint : ''}\n    | ${line}`);
    }
  }
});
