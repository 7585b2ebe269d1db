// Issue 12: one rule's failure while matching is a located diagnostic against that rule; streams go on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

const HUGE = 'A'.repeat(16_000);
const KEYWORD_RULE = `title: Huge keyword
id: 44444444-4444-4444-8444-444444444444
status: test
logsource:
    product: windows
detection:
    keywords:
        - '${HUGE}'
    condition: keywords
level: low
`;
const PLAIN_RULE = `title: Plain
id: 55555555-5555-4555-8555-555555555555
status: test
logsource:
    product: windows
detection:
    selection:
        Image|endswith: '\\tool.exe'
    condition: selection
level: low
`;

test('eval: a 16,000-character keyword neither crashes nor drops the stream', async () => {
  const dir = tempDir('sigmats-kw-');
  writeFileSync(join(dir, 'kw.yml'), KEYWORD_RULE);
  writeFileSync(join(dir, 'plain.yml'), PLAIN_RULE);
  const events = [
    { Image: 'C:\\tool.exe', CommandLine: 'x' },
    { Image: 'C:\\other.exe', CommandLine: `pre ${HUGE.toLowerCase()} post` },
    { Image: 'C:\\tool.exe', CommandLine: 'y' },
  ];
  writeFileSync(join(dir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'));
  const io = memoryIo({ cwd: dir });
  const code = await run(['eval', '--rules', 'kw.yml', '--rules', 'plain.yml', 'events.jsonl'], io);
  expect(io.err()).not.toContain('io/read-failed');
  expect(io.err()).not.toContain('    at ');
  const lines = io.out().trim().split('\n').map((l) => JSON.parse(l) as { rule: string; event: number });
  // Plain matches events 0 and 2; the keyword (case-insensitive contains) matches event 1.
  expect(lines.map((l) => [l.rule.slice(0, 8), l.event])).toEqual([
    ['55555555', 0],
    ['44444444', 1],
    ['55555555', 2],
  ]);
  expect(code).toBe(0);
});

test('test: a fixture for a 16,000-character keyword runs and passes', async () => {
  const dir = tempDir('sigmats-kwt-');
  mkdirSync(join(dir, 'rules/fixtures'), { recursive: true });
  writeFileSync(join(dir, 'rules/kw.yml'), KEYWORD_RULE);
  writeFileSync(
    join(dir, 'rules/fixtures/kw.json'),
    JSON.stringify({ rule: '44444444-4444-4444-8444-444444444444', description: 'huge keyword', expect: 'match', event: { CommandLine: `x${HUGE}y` } }),
  );
  const io = memoryIo({ cwd: dir });
  const code = await run(['test', 'rules/'], io);
  expect(io.err()).not.toContain('internal error');
  expect(io.out()).toContain('PASS Huge keyword');
  expect(code).toBe(0);
});

test('a predicate that throws disables its rule with a located diagnostic; the other rules go on', async () => {
  const { loadCollection } = await import('@sigmats/core');
  const { compileRuleSet } = await import('@sigmats/evaluator');
  const collection = loadCollection([
    { text: PLAIN_RULE, file: 'plain.yml' },
    { text: PLAIN_RULE.replace('55555555-5555-4555-8555-555555555555', '66666666-6666-4666-8666-666666666666').replace('Plain', 'Other'), file: 'other.yml' },
  ]);
  const set = compileRuleSet(collection);
  // White box: make the first rule's compiled predicate hit an engine limit.
  const entries = (set as unknown as { entries: { test: () => boolean }[] }).entries;
  entries[0]!.test = () => {
    throw new SyntaxError('Invalid regular expression: Regular expression too large');
  };
  const ev = { Image: 'C:\\tool.exe' };
  expect(set.match(ev).map((m) => m.rule)).toEqual(['66666666-6666-4666-8666-666666666666']);
  expect(set.match(ev).map((m) => m.rule)).toEqual(['66666666-6666-4666-8666-666666666666']);
  const diags = set.takeRuntimeDiagnostics();
  expect(diags).toHaveLength(1);
  expect(diags[0]).toMatchObject({ code: 'internal/error', file: 'plain.yml', line: 1, column: 1, rule: '55555555-5555-4555-8555-555555555555' });
  expect(set.takeRuntimeDiagnostics()).toEqual([]);
});
