import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { loadCollection } from '@sigmats/core';
import { kqlBackend, validateKql } from '../src/index.js';

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.yml') ? [p] : [];
  });
}

it('corpus', () => {
  const files = walk('/work/shared/sigmahq/rules');
  const col = loadCollection(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  console.log('rules', col.rules.length, 'corr', col.correlations.length, 'diags', col.diagnostics.length);
  const t0 = performance.now();
  const r = kqlBackend().convert(col);
  console.log('convert ms', performance.now() - t0, 'converted', r.rules.length);
  const reasons = new Map<string, number>();
  const seen = new Set<string>();
  for (const d of r.diagnostics) {
    if (d.severity !== 'error') continue;
    const k = `${d.code}: ${d.message}`;
    const key = `${d.rule}|${k}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  }
  for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(n, k);
  let bad = 0;
  const t1 = performance.now();
  for (const rule of r.rules) for (const q of rule.queries) {
    const p = validateKql(q);
    if (p.length > 0) { bad++; if (bad < 10) console.log('INVALID', JSON.stringify(p), '\n', q.slice(0, 300)); }
  }
  console.log('validate ms', performance.now() - t1, 'invalid', bad);
});
