import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { sumo, sumoCse } from '../src/index.js';
import { matchesAll, type Value } from './sumo-eval.js';

/**
 * The fixtures beside the rules in rules/ (true and false positives), run through the emitted queries with a small
 * evaluator of the emitted expression subset. Each query is evaluated twice, reading `matches /re/` as a whole-value
 * match and as a match anywhere (Sumo does not say which): the answer must not depend on it.
 */

const RULES = resolve(import.meta.dirname, '../../../rules');

interface Fixture {
  readonly name: string;
  readonly expect: 'match' | 'no-match';
  readonly event: Readonly<Record<string, Value>>;
}

const ruleDirs = readdirSync(RULES, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);

/** CSE normalized record for a Sysmon EID 1 event (the catalog mapping, §5.2). */
const CSE_FROM_SYSMON: Readonly<Record<string, string>> = {
  baseImage: 'Image',
  parentBaseImage: 'ParentImage',
  commandLine: 'CommandLine',
  parentCommandLine: 'ParentCommandLine',
  device_hostname: 'Computer',
  user_username: 'User',
  pid: 'ProcessId',
  parentPid: 'ParentProcessId',
};

function cseRecord(event: Readonly<Record<string, Value>>): (name: string) => Value {
  return (name) => {
    if (name === 'metadata_vendor') return 'Microsoft';
    if (name === 'metadata_product') return 'Windows';
    if (name === 'metadata_deviceEventId') return `${String(event['Channel'])}-${String(event['EventID'])}`;
    const raw = /^fields\[EventData\.(.+)\]$/.exec(name);
    if (raw) return event[raw[1]!] ?? null;
    const mapped = CSE_FROM_SYSMON[name];
    if (mapped) return event[mapped] ?? null;
    throw new Error(`no CSE field ${name} in the fixture mapping`);
  };
}

describe.each(ruleDirs)('%s fixtures', (dir) => {
  const ruleFile = readdirSync(join(RULES, dir)).find((f) => f.endsWith('.yml'))!;
  const file = join(RULES, dir, ruleFile);
  const collection = loadCollection([{ text: readFileSync(file, 'utf8'), file }]);
  const fixtureDir = join(RULES, dir, 'fixtures');
  const fixtures: Fixture[] = readdirSync(fixtureDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: f, ...(JSON.parse(readFileSync(join(fixtureDir, f), 'utf8')) as Omit<Fixture, 'name'>) }));

  const search = sumo.convert(collection).rules[0]!.queries[0]!;
  const whereStages = search.split('\n').filter((l) => l.startsWith('| where ')).map((l) => l.slice('| where '.length));
  const cse = sumoCse.convert(collection).rules[0]!.queries[0]!;

  test('there are true and false positives', () => {
    expect(fixtures.some((f) => f.expect === 'match')).toBe(true);
    expect(fixtures.some((f) => f.expect === 'no-match')).toBe(true);
  });

  test.each(fixtures)('$name', (fx) => {
    const want = fx.expect === 'match';
    const event = (name: string): Value => fx.event[name] ?? null;
    for (const regexMode of ['whole', 'anywhere'] as const) {
      expect(matchesAll(whereStages, event, { regexMode }), `log search, regex ${regexMode}`).toBe(want);
      expect(matchesAll([cse], cseRecord(fx.event), { regexMode }), `CSE, regex ${regexMode}`).toBe(want);
    }
  });
});
