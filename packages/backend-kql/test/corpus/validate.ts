import { expect, it } from 'vitest';
import { validateKql } from '../../src/index.js';
import { xdrCorpus } from './load.js';

/** Every output of every `n`-th converted rule (from `shard`) has 0 Kusto diagnostics against our schemas. */
export function validateShard(shard: number, n: number): void {
  it('0 diagnostics', { timeout: 600_000 }, () => {
    const { result } = xdrCorpus();
    const bad: string[] = [];
    let checked = 0;
    result.rules.forEach((r, i) => {
      if (i % n !== shard) return;
      for (const q of r.output.split('\n\n')) {
        checked++;
        const problems = validateKql(q);
        if (problems.length > 0) bad.push(`${r.key}: ${problems.map((p) => `${p.code} ${p.message} @${p.offset}`).join('; ')}`);
      }
    });
    console.log(`shard ${shard}/${n}: ${checked} queries validated`);
    expect(checked).toBeGreaterThan(400);
    expect(bad).toEqual([]);
  });
}
