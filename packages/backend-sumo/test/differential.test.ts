import { loadCollection, type SigmaCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents } from '@sigmats/evaluator';
import { beforeAll, describe, expect, test } from 'vitest';
import { sumo, sumoCse } from '../src/index.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, readSources, SIGMAHQ, yamlFiles } from './corpus-helpers.js';
import { evaluate, parseExpression, type Value } from './sumo-eval.js';

/**
 * Differential test against the sigmats evaluator (the reference semantics of Sigma): every SigmaHQ Windows
 * process_creation rule, converted by both backends, run on deterministic synthetic Sysmon events by the small
 * evaluator of the emitted expression subset. The set of (rule, event) matches must equal the evaluator's, whether
 * `matches /re/` is read as a whole-value match or a match anywhere.
 */

const EVENTS = 1000;
let collection: SigmaCollection;
let events: Record<string, unknown>[];
let expected: Set<string>;

// Not run without the corpus: vitest runs no hook of a file whose tests all skip.
beforeAll(() => {
  const files = yamlFiles(`${SIGMAHQ}/rules/windows/process_creation`);
  collection = loadCollection(readSources(files));
  events = generateProcessEvents(EVENTS, 42);
  const reference = compileRuleSet(collection, { mode: 'full-scan' });
  expected = new Set();
  events.forEach((e, i) => {
    for (const m of reference.match(e)) expected.add(`${m.rule}#${i}`);
  });
});

const str = (v: unknown): Value => (v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as Value));

function hashes(event: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of String(event['Hashes'] ?? '').split(',')) {
    const [alg, val] = pair.split('=');
    if (alg && val) out[`file_hash_${alg.toLowerCase()}`] = val;
  }
  return out;
}

const CSE_FROM_SYSMON: Readonly<Record<string, string>> = {
  baseImage: 'Image',
  parentBaseImage: 'ParentImage',
  commandLine: 'CommandLine',
  parentCommandLine: 'ParentCommandLine',
  device_hostname: 'Computer',
  device_hostname_raw: 'Computer',
  user_username: 'User',
  user_username_raw: 'User',
  pid: 'ProcessId',
  parentPid: 'ParentProcessId',
};

describe.skipIf(!HAVE_SIGMAHQ)(`emitted queries agree with the reference evaluator on synthetic Sysmon events ${NEEDS_SIGMAHQ}`, () => {
  test('log search', { timeout: 180_000 }, () => {
    const result = sumo.convert(collection);
    const raws = events.map((e) => JSON.stringify(e));
    const got = new Set<string>();
    const got2 = new Set<string>();
    for (const r of result.rules) {
      expect(r.queries).toHaveLength(1);
      const lines = r.queries[0]!.split('\n');
      if (lines[0]!.includes(' AND ')) continue; // keyword scope terms: term search, not evaluated here
      const json = lines.find((l) => l.startsWith('| json '));
      const paths = new Map<string, string>();
      if (json) {
        const m = /^\| json field=_raw (.*) as (.*) nodrop$/.exec(json)!;
        const ps = [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!);
        m[2]!.split(', ').forEach((a, i) => paths.set(a, ps[i]!.replace(/^EventData\./, '')));
      }
      const stages = lines.filter((l) => l.startsWith('| where ')).map((l) => parseExpression(l.slice(8)));
      events.forEach((e, i) => {
        const rec = (name: string): Value => (name === '_raw' ? raws[i]! : str(e[paths.get(name) ?? name]));
        if (stages.every((s) => evaluate(s, rec, { regexMode: 'whole' }) === true)) got.add(`${r.key}#${i}`);
        if (stages.every((s) => evaluate(s, rec, { regexMode: 'anywhere' }) === true)) got2.add(`${r.key}#${i}`);
      });
    }
    const keywordRules = new Set(result.rules.filter((r) => r.queries[0]!.split('\n')[0]!.includes(' AND ')).map((r) => r.key));
    const want = new Set([...expected].filter((k) => !keywordRules.has(k.split('#')[0]!)));
    expect([...got].filter((k) => !want.has(k)), 'false positives').toEqual([]);
    expect([...want].filter((k) => !got.has(k)), 'false negatives').toEqual([]);
    expect(got2).toEqual(got);
    console.log(`log search: ${result.rules.length} rules × ${EVENTS} events, ${got.size} matches, all equal to the evaluator's`);
  });

  test('CSE', { timeout: 180_000 }, () => {
    const result = sumoCse.convert(collection);
    const converted = new Set(result.rules.map((r) => r.key));
    const got = new Set<string>();
    for (const r of result.rules) {
      const expr = parseExpression(r.queries[0]!);
      events.forEach((e, i) => {
        const h = hashes(e);
        const rec = (name: string): Value => {
          if (name === 'metadata_vendor') return 'Microsoft';
          if (name === 'metadata_product') return 'Windows';
          if (name === 'metadata_deviceEventId') return `${String(e['Channel'])}-${String(e['EventID'])}`;
          const raw = /^fields\[(?:EventData\.)?(.+)\]$/.exec(name);
          if (raw) return str(e[raw[1]!]);
          if (name.startsWith('file_hash_')) return h[name] ?? null;
          const mapped = CSE_FROM_SYSMON[name];
          if (mapped) return str(e[mapped]);
          throw new Error(`${r.key}: no CSE field ${name}`);
        };
        if (evaluate(expr, rec, { regexMode: 'whole' }) === true) got.add(`${r.key}#${i}`);
      });
    }
    const want = new Set([...expected].filter((k) => converted.has(k.split('#')[0]!)));
    expect([...got].filter((k) => !want.has(k)), 'false positives').toEqual([]);
    expect([...want].filter((k) => !got.has(k)), 'false negatives').toEqual([]);
    console.log(`CSE: ${result.rules.length} rules × ${EVENTS} events, ${got.size} matches, all equal to the evaluator's`);
  });

  test('the synthetic events make rules fire', () => {
    expect(expected.size).toBeGreaterThan(50);
    expect(new Set([...expected].map((k) => k.split('#')[0])).size).toBeGreaterThan(10);
  });
});

