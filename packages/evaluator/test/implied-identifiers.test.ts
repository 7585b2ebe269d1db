import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { loadCollection } from '@sigmats/core';
import type { SigmaCollection, SigmaRule } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, generateProcessEvents, windowsLogsource } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { corpusRuleFiles, HAVE_SIGMAHQ, SIGMAHQ } from './sigmahq.js';

/**
 * A match's identifiers are partly read from the condition that held (impliedIdentifiers in rule-set.ts) instead
 * of evaluated: compared here with the plain path, each search identifier evaluated on its own (one rule per
 * identifier, its condition the identifier alone).
 */
function perIdentifier(collection: SigmaCollection): SigmaCollection {
  const rules: SigmaRule[] = [];
  collection.rules.forEach((r, i) => {
    r.detections.forEach((d, k) => {
      const condition = { kind: 'condition' as const, text: d.name, root: { kind: 'identifier' as const, name: d.name, loc: r.loc }, loc: r.loc };
      rules.push({ ...r, id: `${i}#${k}`, name: undefined, conditions: [condition] } as SigmaRule);
    });
  });
  return { ...collection, rules, correlations: [], filters: [] };
}

function check(collection: SigmaCollection, events: readonly Record<string, unknown>[], options = {}): number {
  const set = compileRuleSet(collection, options);
  const plain = compileRuleSet(perIdentifier(collection), { ...options, mode: 'full-scan' });
  const key = new Map(set.rules.map((r, i) => [r.key, i]));
  let matches = 0;
  for (const e of events) {
    const held = new Set(plain.match(e).map((m) => m.rule));
    for (const m of set.match(e)) {
      const i = key.get(m.rule)!;
      const expected = collection.rules[i]!.detections.map((d, k) => [d.name, k] as const).filter(([, k]) => held.has(`${i}#${k}`)).map(([n]) => n);
      expect(m.identifiers).toEqual(expected);
      matches++;
    }
  }
  return matches;
}

describe('identifiers implied by the held condition = each identifier evaluated on its own', () => {
  it('on random conditions (and, or, not, 1 of, all of) over small events', () => {
    const names = ['sel_a', 'sel_b', 'filter_1', 'filter_2', 'c'];
    const cond: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom(...names, '1 of sel_*', 'all of sel_*', '1 of filter_*', 'all of filter_*', 'all of them', '1 of them'),
        fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('node').map((a) => `not ${a}`),
      ),
    })).node as fc.Arbitrary<string>;
    const value = (vs: string[]) => fc.option(fc.constantFrom(...vs), { nil: undefined });
    const event = fc.record({ F: value(['x', 'xz', 'z', 'y']), G: value(['y', 'w', 'yw']), H: value(['1', '2']) });
    fc.assert(
      fc.property(fc.array(cond, { minLength: 1, maxLength: 3 }), fc.array(event, { minLength: 1, maxLength: 20 }), (conditions, raw) => {
        const yaml = `title: T
id: 9a7b6c5d-4e3f-4a1b-8c2d-1e0f9a8b7c6d
logsource: { product: windows, category: process_creation }
detection:
  sel_a: { F: 'x' }
  sel_b: { G|contains: 'y' }
  filter_1: { F|endswith: 'z' }
  filter_2: { G: 'w', H: '1' }
  c: ['yw']
  condition:
${conditions.map((c) => `    - '${c}'`).join('\n')}
`;
        const collection = loadCollection([{ text: yaml, file: 'rule.yml' }]);
        if (collection.rules.length !== 1) return;
        const events = raw.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
        check(collection, events);
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(!HAVE_SIGMAHQ)(`on the SigmaHQ process_creation rules and synthetic Sysmon events ${NEEDS_SIGMAHQ}`, () => {
    const sources = corpusRuleFiles(SIGMAHQ)
      .map((file) => ({ text: readFileSync(file, 'utf8'), file }))
      .filter((s) => s.text.includes('process_creation'));
    const all = loadCollection(sources);
    const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
    const matches = check({ ...all, rules, correlations: [], filters: [] }, generateProcessEvents(2_000, 20261123), { logsource: windowsLogsource });
    expect(matches).toBeGreaterThan(100);
  });
});
