import { readFileSync } from 'node:fs';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, deriveEvents, type EventLogsource, logsourceApplies, windowsLogsource } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { corpusRuleFiles, HAVE_SIGMAHQ, SIGMAHQ } from './sigmahq.js';

/**
 * Every SigmaHQ rule: derivation never throws, every witness matches per the evaluator (checked again here,
 * through the indexed rule set of the whole corpus, not the one-rule set derive uses), other-type events
 * route elsewhere, derivation is deterministic, and the share of rules with a witness stays above the floor
 * measured when this was built.
 */
describe.skipIf(!HAVE_SIGMAHQ)(`derived events over the SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
  it('witnesses match, other types route elsewhere, coverage floor', () => {
    const root = SIGMAHQ;
    const files = corpusRuleFiles(root);
    const collection = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
    // Other-type events of products without a router (Linux, macOS) are routed by the source they were derived for,
    // as the differential does; Windows events by their channel.
    const sourceOf = new WeakMap<object, EventLogsource>();
    const route = (e: Record<string, unknown>): readonly EventLogsource[] | undefined => windowsLogsource(e) ?? (sourceOf.has(e) ? [sourceOf.get(e)!] : undefined);
    const set = compileRuleSet(collection, { logsource: route });
    const t0 = performance.now();
    let withWitness = 0;
    let witnesses = 0;
    let nearMisses = 0;
    let nearMissesMatching = 0;
    let others = 0;
    const reasons = new Map<string, number>();
    const byProduct = new Map<string, [number, number]>();
    const results = collection.rules.map((rule) => ({ rule, r: deriveEvents(rule) }));
    const elapsed = performance.now() - t0;
    const failures: string[] = [];
    for (const { rule, r } of results) {
      const key = rule.id ?? rule.title;
      const w = r.events.filter((e) => e.role === 'witness');
      witnesses += w.length;
      if (w.length > 0) withWitness++;
      const p = rule.logsource.product ?? '(none)';
      const pc = byProduct.get(p) ?? [0, 0];
      byProduct.set(p, [pc[0] + (w.length > 0 ? 1 : 0), pc[1] + 1]);
      for (const e of r.events) {
        if (e.role === 'other-type') sourceOf.set(e.event, e.source);
        const matched = set.match(e.event).some((m) => m.rule === key);
        if (e.role === 'witness' && !matched) failures.push(`${key}: witness does not match: ${e.note}`);
        if (e.role === 'near-miss') {
          nearMisses++;
          if (matched) nearMissesMatching++;
        }
        if (e.role === 'other-type') {
          others++;
          const routes = route(e.event as Record<string, unknown>) ?? [];
          if (routes.length === 0 || routes.some((s) => logsourceApplies(rule.logsource, s))) failures.push(`${key}: other-type event routes to the rule's logsource: ${e.note}`);
          if (matched) failures.push(`${key}: other-type event matches: ${e.note}`);
        }
      }
      for (const d of r.dropped) {
        const reason = d.reason.replace(/'[^']*'/g, "'…'").replace(/ of \S+ satisfies/, ' of <field> satisfies').replace(/for \S+ passes/, 'for <field> passes').replace(/\/.*\//, '/…/');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    // Deterministic: a sample of rules derived again gives the same events and drops.
    for (let i = 0; i < results.length; i += 37) expect(deriveEvents(results[i]!.rule)).toEqual(results[i]!.r);
    const total = collection.rules.length;
    const share = withWitness / total;
    console.log(
      `BENCH-INFO derive: ${withWitness}/${total} rules with >= 1 witness (${(share * 100).toFixed(1)}%), ${witnesses} witnesses, ${nearMisses} near misses (${nearMissesMatching} still match), ${others} other-type events, ${elapsed.toFixed(0)} ms`,
    );
    for (const [p, [a, b]] of [...byProduct].sort((x, y) => y[1][1] - x[1][1])) console.log(`  ${p}: ${a}/${b}`);
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  dropped ${n}: ${reason}`);
    expect(failures.slice(0, 20)).toEqual([]);
    // Measured 3749/3780 (99.2%) when written, 3754/3780 once the router followed Sigma's taxonomy for
    // `service: sysmon` and ps_classic_provider_start; the rest: unresolved placeholders (25), one unsatisfiable rule.
    expect(share).toBeGreaterThanOrEqual(0.99);
    // Near misses need not miss (the differential compares verdicts), but most do: 7.6% still matched when written.
    expect(nearMissesMatching).toBeLessThan(nearMisses * 0.15);
  }, 120_000);
});
