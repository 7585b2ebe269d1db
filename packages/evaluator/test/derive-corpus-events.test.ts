import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../src/index.js';
import { fixtureEvents, regressionEvents, runFixtures } from '../src/node.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { corpusRuleFiles, HAVE_SIGMAHQ, ruleIdIndex, SIGMAHQ } from './sigmahq.js';

const RULES = resolve(import.meta.dirname, '../../../rules');

describe('corpus events', () => {
  it('fixtureEvents: every single-event fixture of rules/, with the verdict runFixtures checks', () => {
    const events = fixtureEvents(RULES);
    const report = runFixtures(RULES);
    const single = report.results.filter((r) => {
      const fx = JSON.parse(readFileSync(r.file, 'utf8')) as { event?: unknown };
      return fx.event !== undefined;
    });
    expect(events.length).toBe(single.length);
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      const r = single.find((x) => x.file === e.file)!;
      expect(e.expectMatch).toBe(r.expect === 'match');
      // The fixtures pass (fixtures.test.ts), so the verdict is also what the evaluator says.
      expect(e.expectMatch).toBe(r.matched);
    }
    expect(fixtureEvents(join(RULES, 'no-such-dir'))).toEqual([]);
  });

  it.skipIf(!HAVE_SIGMAHQ)(`regressionEvents: flattened recorded events; the ones SigmaHQ says match do match ${NEEDS_SIGMAHQ}`, () => {
    const events = regressionEvents(SIGMAHQ);
    expect(events.length).toBeGreaterThan(200);
    const rules = new Set(events.map((e) => e.ruleId));
    expect(rules.size).toBeGreaterThan(190);
    for (const e of events) {
      // The recorded event stays under Event (the truth records read its UserData element there).
      expect(Object.keys(e.event['Event'] as object)).toContain('System');
      expect(typeof e.event['Channel']).toBe('string');
      expect(e.file).toMatch(/\.json#\d+$/);
    }
    const index = ruleIdIndex(corpusRuleFiles(SIGMAHQ));
    const sure = events.filter((e) => e.expectMatch === true);
    expect(sure.length).toBeGreaterThan(events.length / 2);
    const files = [...new Set(sure.map((e) => index.get(e.ruleId)).filter((f): f is string => f !== undefined))];
    const set = compileRuleSet(loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file }))));
    const misses = sure.filter((e) => !set.match(e.event).some((m) => m.rule === e.ruleId)).map((e) => e.file);
    expect(misses).toEqual([]);
    console.log(`BENCH-INFO regression events: ${events.length} events of ${rules.size} rules, ${sure.length} expected to match`);
  });
});
