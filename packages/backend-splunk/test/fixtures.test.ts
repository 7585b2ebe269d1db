import { loadCollection } from '@sigmats/core';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CIM_PROCESSES, splunkBackend } from '../src/index.js';
import { runFixtures } from '@sigmats/evaluator/node';
import { pipeline } from './helpers/convert.js';
import { splMatches, type Event } from './helpers/spl-eval.js';

/**
 * The rules/ fixtures run against the emitted SPL with the SPL interpreter of helpers/spl-eval.ts, shaped
 * as each setup's data would be: Sysmon EventData names (no pipeline); plus the TA's source and EventCode
 * (sysmon); CIM names (cim). The verdict must equal the evaluator's (an independent implementation of the
 * rule), and the fixture's `expect` wherever the evaluator agrees with it (a fixture the evaluator also
 * disagrees with is the rule's problem, not the backend's: it is printed, not failed).
 */
const RULES = fileURLToPath(new URL('../../../rules/', import.meta.url));

interface Fixture {
  readonly file: string;
  readonly expect: 'match' | 'no-match';
  readonly event: Record<string, unknown>;
}

const strings = (o: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

const SETUPS: readonly { readonly name: string; readonly pipelines: readonly string[]; readonly shape: (e: Record<string, unknown>) => Event }[] = [
  { name: 'no pipeline', pipelines: [], shape: strings },
  {
    name: 'sysmon',
    pipelines: ['sysmon'],
    shape: (e) => ({ ...strings(e), source: `XmlWinEventLog:${String(e['Channel'])}`, EventCode: String(e['EventID']) }),
  },
  {
    name: 'cim',
    pipelines: ['cim'],
    shape: (e) => Object.fromEntries(Object.entries(strings(e)).map(([k, v]) => [CIM_PROCESSES[k] ?? k, v])),
  },
];

for (const dir of readdirSync(RULES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  const ruleFile = readdirSync(RULES + dir.name).find((f) => f.endsWith('.yml'))!;
  const fixtures: Fixture[] = readdirSync(`${RULES}${dir.name}/fixtures`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(`${RULES}${dir.name}/fixtures/${f}`, 'utf8')) as Omit<Fixture, 'file'>) }));
  const collection = loadCollection([{ text: readFileSync(`${RULES}${dir.name}/${ruleFile}`, 'utf8'), file: ruleFile }]);
  const evaluated = new Map(runFixtures(`${RULES}${dir.name}`).results.map((r) => [r.file.split('/').pop()!, r]));
  for (const r of evaluated.values()) {
    if (!r.ok) console.warn(`rules/${dir.name}/fixtures/${r.file.split('/').pop()}: expects ${r.expect}, but the evaluator says ${r.matched ? 'match' : 'no-match'}`);
  }

  describe.each(SETUPS)(`${dir.name} (%s)`, (setup) => {
    const result = splunkBackend.convert(collection, { pipelines: setup.pipelines.map(pipeline) });
    test('converts', () => {
      expect(result.rules).toHaveLength(1);
      expect(fixtures.length).toBeGreaterThan(0);
    });
    test.each(fixtures.map((f) => [f.file, f] as const))('%s', (_, f) => {
      const spl = result.rules[0]!.queries[0]!;
      const verdict = splMatches(spl, setup.shape(f.event));
      const ev = evaluated.get(f.file);
      expect(ev, `evaluator result for ${f.file}`).toBeDefined();
      expect(verdict, 'same verdict as the evaluator').toBe(ev!.matched);
      if (ev!.ok) expect(verdict, 'fixture expectation').toBe(f.expect === 'match');
    });
  });
}
