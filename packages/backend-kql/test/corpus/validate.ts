import { expect, it } from 'vitest';
import { NEEDS_SIGMAHQ } from '../../../core/test/shared-data.js';
import { kqlComparisons, validateKql } from '../../src/validate.js';
import { formatFindings } from './formats.js';
import { HAVE_SIGMAHQ } from './load.js';
import { corpusWith, PIPELINES } from './pipelines.js';

/**
 * Every output of every `n`-th converted rule (from `shard`), for every built-in pipeline, has 0 Kusto diagnostics
 * against the generated schemas, 0 typed-comparison findings and 0 format findings (corpus/formats.ts).
 */
export function validateShard(shard: number, n: number): void {
  it.skipIf(!HAVE_SIGMAHQ).each(PIPELINES)(`%s: 0 diagnostics ${NEEDS_SIGMAHQ}`, { timeout: 900_000 }, (pipeline) => {
    const { result } = corpusWith(pipeline);
    const bad: string[] = [];
    const kinds = new Map<string, number>();
    let checked = 0;
    result.rules.forEach((r, i) => {
      if (i % n !== shard) return;
      for (const q of r.output.split('\n\n')) {
        checked++;
        const problems = [
          ...validateKql(q),
          ...formatFindings(q.slice(0, q.indexOf('\n')), kqlComparisons(q)).map((message) => ({ code: 'SIGMATS-FORMAT', message, offset: 0 })),
        ];
        if (problems.length > 0) bad.push(`${r.key}: ${problems.map((p) => `${p.code} ${p.message} @${p.offset}`).join('; ')}`);
        for (const p of problems) {
          const k = `${p.code} ${p.message.replace(/ in .*$/, '').replace(/: .*$/, '')}`;
          kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
      }
    });
    console.log(`${pipeline} shard ${shard}/${n}: ${checked} queries validated`);
    if (kinds.size > 0) console.log([...kinds].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${String(c).padStart(5)} ${k}`).join('\n'));
    // The cloud tables answer 169 of SigmaHQ's rules/, imWebSession 27 (its other web rules are in rules-emerging-threats),
    // Syslog 22, Event about 380: about a quarter of them per shard.
    const least = { sentinel_cloud: 15, sentinel_asim_web: 3, sentinel_syslog: 2, sentinel_windows: 30, sentinel_securityevent: 100 } as Partial<Record<string, number>>;
    expect(checked).toBeGreaterThan(least[pipeline] ?? 400);
    expect(bad).toEqual([]);
  });
}
