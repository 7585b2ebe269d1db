// Issue 13 (licence and attribution): DRL 1.1 asks that match output keep the rule's authors and the licence; the
// rule's triage enrichments travel with each match too.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const RAT = 'rules/t1219_remote_access_tools';

function fixtureEvent(name: string): unknown {
  return (JSON.parse(readFileSync(join(ROOT, RAT, 'fixtures', name), 'utf8')) as { event: unknown }).event;
}

async function evalLines(cwd: string, rules: string, events: unknown[]): Promise<Record<string, unknown>[]> {
  const io = memoryIo({ cwd, stdin: events.map((e) => JSON.stringify(e)).join('\n') + '\n' });
  const code = await run(['eval', '--rules', rules], io);
  expect(code, io.err()).toBe(0);
  return io.out().trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('a rule under a DRL LICENSE file: each match names its author and the licence', async () => {
  const work = tempDir('sigmats-eval-drl-');
  mkdirSync(join(work, 'corpus', 'windows'), { recursive: true });
  writeFileSync(join(work, 'corpus', 'LICENSE'), 'Detection Rule License (DRL) 1.1\n\nPermission is hereby granted ...\n');
  cpSync(join(ROOT, RAT, 'proc_creation_win_remote_access_tool_execution.yml'), join(work, 'corpus', 'windows', 'rat.yml'));
  const [line] = await evalLines(work, 'corpus', [fixtureEvent('tp_teamviewer.json')]);
  expect(line).toMatchObject({
    rule: '07b00a6e-0b58-484a-a163-5d5481be0dc4',
    author: 'sigmats contributors',
    licence: expect.stringMatching(/^Rule by sigmats contributors\. This rule is licensed under the Detection Rule License \(DRL\) 1\.1 \(https:\/\/github\.com\/SigmaHQ\/Detection-Rule-License\)\.$/),
    enrichments: { rat_category: 'Commercial RMM', is_service_launched: 'false', is_user_launched: 'true' },
  });
});

test('without a licence the match still names the author, and says nothing about a licence', async () => {
  const work = tempDir('sigmats-eval-nolicence-');
  cpSync(join(ROOT, RAT, 'proc_creation_win_remote_access_tool_execution.yml'), join(work, 'rat.yml'));
  const lines = await evalLines(work, 'rat.yml', [fixtureEvent('tp_teamviewer.json'), fixtureEvent('tn_explorer.json')]);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ author: 'sigmats contributors', event: 0 });
  expect(lines[0]).not.toHaveProperty('licence');
});
