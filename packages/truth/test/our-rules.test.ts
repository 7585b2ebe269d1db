import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { compileRuleSet, windowsLogsource } from '@sigmats/evaluator';
import { fixtureEvents } from '@sigmats/evaluator/node';
import { describe, expect, test } from 'vitest';
import { platforms, type Platform } from '../src/differential/platforms.js';
import type { CseRecord, EventSource, RawEvent, SumoMessage } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR, TEAMVIEWER_NETWORK } from './records-fixtures.js';

/**
 * Issue 11, "our two rules": the log search and Cloud SIEM outputs of the rules in rules/ (the ones the original
 * hand-written Sumo queries became, backend-sumo/test/original-queries.test.ts) run by the reference interpreters
 * over the vendor-shaped records of every fixture event: the Windows JSON message Sumo's Installed Collector sends,
 * and the Cloud SIEM record the catalog mapping of the event's id makes. Each verdict must be the fixture's
 * `expect`, and the evaluator's too. Plus the cross-event-type near miss: a Sysmon 3 (network connection) of
 * TeamViewer.exe must not match the T1219 rule, although Cloud SIEM fills `baseImage` for that event type too.
 */
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const RULES = join(repoRoot, 'rules');

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? ruleFiles(join(dir, e.name)) : e.name.endsWith('.yml') ? [join(dir, e.name)] : [],
  );
}

const files = ruleFiles(RULES);
const collection = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const fixtures = fixtureEvents(RULES);
const byId = (id: string): SigmaRule => collection.rules.find((r) => r.id === id)!;

const platformById = new Map(platforms().map((p) => [p.id, p]));
const SUMO = platformById.get('sumo/json')!;
const CSE = platformById.get('sumo-cse')!;

function queriesOf(platform: Platform, rule: SigmaRule): readonly string[] {
  const one = { ...collection, rules: [rule], correlations: [] };
  const result = platform.backend.convert(one, platform.convertOptions);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.rules[0]!.queries;
}

function verdict(platform: Platform, rule: SigmaRule, event: RawEvent, source: EventSource): { matches: boolean; records: readonly unknown[] } {
  const tests = queriesOf(platform, rule).map((q) => platform.compile(q));
  const records = platform.records(event, source);
  return { matches: records.length > 0 && tests.some((t) => t(records)), records };
}

function evaluatorMatches(rule: SigmaRule, event: RawEvent): boolean {
  const set = compileRuleSet({ ...collection, rules: [rule], correlations: [] }, { mode: 'full-scan', logsource: windowsLogsource });
  return set.match(event as Record<string, unknown>).length > 0;
}

const windows: EventSource = { product: 'windows', category: 'process_creation' };
const cases = fixtures.map((f) => [f.file.slice(RULES.length + 1), f] as const);

describe('our rules: Sumo log search and Cloud SIEM on the vendor records of their fixture events', () => {
  test('both rules and their fixtures are here', () => {
    expect(collection.rules.map((r) => r.id).sort()).toEqual(['07b00a6e-0b58-484a-a163-5d5481be0dc4', '4e8351d6-5415-45d2-b6be-677c3dc95326']);
    for (const r of collection.rules) expect(fixtures.filter((f) => f.ruleId === r.id).length, r.title).toBeGreaterThan(4);
  });

  test.skipIf(!HAVE_VENDOR).each(cases)(`%s ${NEEDS_VENDOR}`, (_name, f) => {
    const rule = byId(f.ruleId);
    expect(evaluatorMatches(rule, f.event)).toBe(f.expectMatch);

    const search = verdict(SUMO, rule, f.event, windows);
    expect(search.matches).toBe(f.expectMatch);
    // The message is the Windows JSON format of the event's own channel.
    const message = search.records[0] as SumoMessage;
    expect(JSON.parse(message._raw)).toMatchObject({ Channel: f.event['Channel'], EventID: String(f.event['EventID']) });

    const cse = verdict(CSE, rule, f.event, windows);
    expect(cse.matches).toBe(f.expectMatch);
    // The record is the one the catalog mapping for the event's id makes (Sysmon 1: f1ea6ca2, Security 4688: its own).
    const record = cse.records[0] as CseRecord;
    expect(record['metadata_deviceEventId']).toBe(`${String(f.event['Channel'])}-${String(f.event['EventID'])}`);
    expect(record['metadata_mapperUid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.skipIf(!HAVE_VENDOR)(`a Sysmon 3 of TeamViewer.exe (Cloud SIEM fills baseImage there too) matches neither output of the T1219 rule ${NEEDS_VENDOR}`, () => {
    const rule = byId('07b00a6e-0b58-484a-a163-5d5481be0dc4');
    const network: EventSource = { product: 'windows', category: 'network_connection' };
    const cse = verdict(CSE, rule, TEAMVIEWER_NETWORK, network);
    expect((cse.records[0] as CseRecord)['baseImage']).toMatch(/TeamViewer\.exe$/i);
    expect(cse.matches).toBe(false);
    expect(verdict(SUMO, rule, TEAMVIEWER_NETWORK, network).matches).toBe(false);
    expect(evaluatorMatches(rule, TEAMVIEWER_NETWORK)).toBe(false);
  });
});
