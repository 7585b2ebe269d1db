// Issue 12, medium and small items that live in core, text-query and the CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyPipelines, decodeSigmaBytes, loadCollection, pipelineFromObject } from '@sigmats/core';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

function workdir(files: Record<string, string>): string {
  const dir = tempDir('sigmats-small-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const THREAD = `title: Remote thread
id: 99999999-9999-4999-8999-999999999999
status: test
logsource:
    category: create_remote_thread
    product: windows
detection:
    selection:
        SourceImage|endswith: '\\evil.exe'
    condition: selection
level: low
`;

describe('naming a default pipeline explicitly', () => {
  test('-p microsoft_xdr gives the same output as the default alone', async () => {
    const dir = workdir({ 'r.yml': THREAD });
    const plain = memoryIo({ cwd: dir });
    const named = memoryIo({ cwd: dir });
    const a = await run(['convert', '-t', 'kql', 'r.yml'], plain);
    const b = await run(['convert', '-t', 'kql', '-p', 'microsoft_xdr', 'r.yml'], named);
    expect(b, named.err()).toBe(a);
    expect(named.out()).toBe(plain.out());
    expect(named.err()).toBe(plain.err());
  });

  test('a built-in pipeline problem is located at each rule, one line per rule', async () => {
    const dir = workdir({ 'a.yml': THREAD, 'b.yml': THREAD.replace('99999999-9999-4999-8999-999999999999', '99999999-9999-4999-8999-999999999998') });
    // The same built-in pipeline as a user pipeline after --no-default-pipelines, twice: still applied once.
    const io = memoryIo({ cwd: dir });
    await run(['convert', '-t', 'kql', '--no-default-pipelines', '-p', 'microsoft_xdr', '-p', 'microsoft_xdr', 'a.yml', 'b.yml'], io);
    expect(io.err()).not.toMatch(/^@sigmats\/backend-kql:microsoft_xdr: /m);
  });
});

test('a problem a pipeline without source lines has with a rule is located at the rule', () => {
  const built = pipelineFromObject({ transformations: [{ type: 'add_condition', name: 'selection', conditions: { Channel: 'x' } }] }, 'builtin', '@pkg:builtin');
  expect(built.diagnostics).toEqual([]);
  const rule = loadCollection([{ text: THREAD, file: 'r.yml' }]).rules[0]!;
  const result = applyPipelines(rule, [built.pipeline!], { backend: 'kql' });
  expect(result.diagnostics).toHaveLength(1);
  expect(result.diagnostics[0]).toMatchObject({ file: 'r.yml', line: 1, column: 1, rule: '99999999-9999-4999-8999-999999999999' });
  expect(result.diagnostics[0]!.message).toMatch(/already has a detection named selection.*\(pipeline @pkg:builtin\)/);
});

describe('invalid UTF-8 is reported at the right byte', () => {
  const enc = (s: string) => [...Buffer.from(s, 'utf8')];
  const CASES: readonly { name: string; bytes: number[]; at: number; line: number; column: number }[] = [
    { name: 'after multi-byte characters', bytes: [...enc('title: ééé'), 0xff, ...enc('\n')], at: 13, line: 1, column: 11 },
    { name: 'on a later line', bytes: [...enc('a: 1\nb: 日本'), 0xc3, 0x28], at: 14, line: 2, column: 6 },
    { name: 'a truncated sequence at the end', bytes: [...enc('x: ü'), 0xe2, 0x82], at: 5, line: 1, column: 5 },
    { name: 'an overlong form', bytes: [...enc('x: '), 0xc0, 0xaf], at: 3, line: 1, column: 4 },
    { name: 'an encoded surrogate', bytes: [...enc('x: '), 0xed, 0xa0, 0x80], at: 3, line: 1, column: 4 },
  ];
  test.each(CASES)('$name', ({ bytes, at, line, column }) => {
    const d = decodeSigmaBytes(new Uint8Array(bytes), 'r.yml').diagnostics[0];
    expect(d).toMatchObject({ code: 'io/not-utf8', line, column });
    expect(d!.message).toMatch(new RegExp(`at byte ${at}$`));
  });
});

test('integers above 2^53 keep their digits', async () => {
  const rule = (v: string) => `title: Big
id: 12121212-1212-4121-8121-121212121212
status: test
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        ProcessId: ${v}
    condition: selection
level: low
`;
  for (const [written, exact] of [
    ['12345678901234567891', '12345678901234567891'],
    ['-9007199254740993', '-9007199254740993'],
    ['9007199254740991', '9007199254740991'],
  ]) {
    const dir = workdir({ 'r.yml': rule(written!) });
    for (const target of ['splunk', 'kql', 'sumo']) {
      const io = memoryIo({ cwd: dir });
      await run(['convert', '-t', target, 'r.yml'], io);
      expect(io.out(), `${target}: ${io.err()}`).toContain(exact);
    }
  }
});
