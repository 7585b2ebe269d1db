import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, flattenWindowsEvent, readEvents } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { corpusRuleFiles, HAVE_SIGMAHQ, ruleIdIndex, SIGMAHQ, walk } from './sigmahq.js';

/**
 * SigmaHQ regression_data: each test folder holds info.yml and the evtx_dump JSON of a recorded attack.
 * The rule must match at least `match_count` events (default 1). Every known failure is listed here
 * with its reason (also in README.md) so that a new failure, or a fixed one, makes this test fail.
 */
const KNOWN_FAILURES: Readonly<Record<string, string>> = {};

interface RegressionCase {
  readonly dir: string;
  readonly ruleId: string;
  readonly matchCount: number;
  readonly json: string;
}

function cases(root: string): RegressionCase[] {
  return walk(join(root, 'regression_data'), (n) => n === 'info.yml').flatMap((info) => {
    const text = readFileSync(info, 'utf8');
    const ruleId = /rule_metadata:\s*\n\s*-\s*id:\s*['"]?([0-9a-fA-F-]{36})/.exec(text)?.[1]?.toLowerCase();
    const count = /^\s*match_count:\s*(\d+)/m.exec(text)?.[1];
    const path = /^\s*path:\s*(\S+\.evtx)/m.exec(text)?.[1];
    if (!ruleId || !path) return [];
    const json = join(dirname(info), path.split('/').pop()!.replace(/\.evtx$/, '.json'));
    return [{ dir: dirname(info), ruleId, matchCount: count ? Number(count) : 1, json }];
  });
}

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ regression_data ${NEEDS_SIGMAHQ}`, () => {
  it('each rule matches at least match_count of its recorded events', () => {
    const root = SIGMAHQ;
    const index = ruleIdIndex(corpusRuleFiles(root));
    const all = cases(root);
    expect(all.length).toBeGreaterThan(190);
    const failures: Record<string, string> = {};
    let passed = 0;
    for (const c of all) {
      const file = index.get(c.ruleId);
      if (!file) {
        failures[c.ruleId] = 'rule not found in corpus';
        continue;
      }
      const collection = loadCollection([{ text: readFileSync(file, 'utf8'), file }]);
      const set = compileRuleSet(collection);
      const { events, diagnostics } = readEvents(readFileSync(c.json, 'utf8'), c.json);
      let matched = 0;
      for (const e of events) if (set.match(flattenWindowsEvent(e)).some((m) => m.rule === c.ruleId)) matched++;
      if (matched >= c.matchCount) passed++;
      else {
        const why = [...collection.diagnostics, ...set.diagnostics, ...diagnostics].filter((d) => d.severity === 'error');
        failures[c.ruleId] =
          `${matched}/${c.matchCount} matched of ${events.length} events` + (why.length ? `; ${why.map((d) => `${d.code}: ${d.message}`).join('; ')}` : '');
      }
    }
    console.log(`BENCH-INFO regression_data: ${passed}/${all.length} passed`);
    for (const [id, why] of Object.entries(failures)) console.log(`  FAIL ${id}: ${why}`);
    expect(Object.keys(failures).sort()).toEqual(Object.keys(KNOWN_FAILURES).sort());
  });
});
