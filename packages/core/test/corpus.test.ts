import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCollection, lowerRule, parseSigma, type Diagnostic } from '../src/index.js';
import { HAVE_SIGMAHQ, NEEDS_SIGMAHQ, SIGMAHQ } from './shared-data.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
  it('loads every rule into IR or located diagnostics, without crashing', () => {
    const dirs = readdirSync(SIGMAHQ).filter((d) => d.startsWith('rules')).map((d) => join(SIGMAHQ, d));
    const files = dirs.flatMap((d) => walk(d));
    const sources = files.map((f) => ({ file: f.slice(SIGMAHQ.length + 1), text: readFileSync(f, 'utf8') }));
    let documents = 0;
    let crashes = 0;
    const byCode = new Map<string, number>();
    const errors: Diagnostic[] = [];
    const filesWithErrors = new Set<string>();
    for (const s of sources) {
      const r = parseSigma(s.text, s.file);
      documents += r.documents.length;
      for (const d of r.diagnostics) {
        if (d.code === 'internal/error') crashes++;
        byCode.set(`${d.severity} ${d.code}`, (byCode.get(`${d.severity} ${d.code}`) ?? 0) + 1);
        if (d.severity === 'error') {
          errors.push(d);
          filesWithErrors.add(d.file);
        }
        expect(d.file).toBe(s.file);
        expect(d.line).toBeGreaterThan(0);
        expect(d.column).toBeGreaterThan(0);
      }
    }
    const collection = loadCollection(sources);
    // Contract with the lowering: every rule the parser accepts lowers without error.
    for (const rule of collection.rules) expect(() => lowerRule(rule), rule.title).not.toThrow();
    const summary = [...byCode.entries()].sort().map(([k, v]) => `  ${k}: ${v}`).join('\n');
    console.log(
      `corpus: ${files.length} files, ${documents} documents parsed, ${filesWithErrors.size} files with errors, ` +
        `${collection.rules.length} rules / ${collection.correlations.length} correlations / ${collection.filters.length} filters in the collection, ${crashes} crashes\n${summary}`,
    );
    for (const e of errors.slice(0, 200)) console.log(`  ${e.file}:${e.line}:${e.column} ${e.code}: ${e.message}`);
    expect(crashes).toBe(0);
    expect(files.length).toBeGreaterThanOrEqual(3780);
    expect(documents + filesWithErrors.size).toBeGreaterThanOrEqual(files.length);
  });
});
