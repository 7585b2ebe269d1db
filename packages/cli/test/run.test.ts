// The programmatic entry point (`run(argv, io)`), from source: what the binary does, without processes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { parseBackendOptions } from '../src/convert-args.js';
import { pickBackend } from '../src/registry.js';
import { uniqueStems } from '../src/output.js';
import { documentStartLines } from '../src/load.js';
import { tempDir } from './temp-dir.js';

const RULE = (n: number): string => `title: Rule ${n}
id: 00000000-0000-4000-8000-${String(n).padStart(12, '0')}
status: test
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\tool${n}.exe'
    condition: selection
level: low
`;

describe('run()', () => {
  test('progress bar on a TTY for long batches, cleared before the summary; colours on a TTY', async () => {
    const dir = tempDir('sigmats-run-');
    mkdirSync(join(dir, 'rules'));
    for (let i = 1; i <= 60; i++) writeFileSync(join(dir, 'rules', `r${String(i).padStart(2, '0')}.yml`), RULE(i));
    const io = memoryIo({ cwd: dir, tty: true });
    // With the add-ons' pipeline (a Windows rule without one gets a warning) and without the per-rule comment lines.
    expect(await run(['convert', '-t', 'splunk', '-p', 'splunk-windows', '--no-comments', 'rules/'], io)).toBe(0);
    // 60 files are two chunks and more (commands/convert.ts): the bar counts files as their chunks are converted.
    expect(io.err()).toMatch(/\r\x1b\[2K\[#+-*\] \d+\/60 converting/);
    expect(io.err()).toMatch(/\r\x1b\[2K\x1b\[32mconverted \(splunk 60\) from 60 files; 0 errors, 0 warnings\x1b\[39m\n$/);
    expect(io.out().split('\n').filter(Boolean)).toHaveLength(60);

    const quiet = memoryIo({ cwd: dir, tty: true, env: { NO_COLOR: '1' } });
    expect(await run(['convert', '-t', 'splunk', '-p', 'splunk-windows', '--no-progress', 'rules/'], quiet)).toBe(0);
    expect(quiet.err()).toBe('converted (splunk 60) from 60 files; 0 errors, 0 warnings\n');
  });

  test('help, version, unknown command', async () => {
    const io = memoryIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: sigmats <command>');
    const v = memoryIo();
    expect(await run(['--version'], v)).toBe(0);
    expect(v.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    const bad = memoryIo();
    expect(await run(['nope'], bad)).toBe(2);
    expect(bad.err()).toContain("unknown command 'nope'");
  });

  test('-O and -f problems are usage errors', async () => {
    const cwd = join(import.meta.dirname, '../../..');
    const io = memoryIo({ cwd });
    expect(await run(['convert', '-t', 'splunk', '-O', 'novalue', 'rules/'], io)).toBe(2);
    expect(io.err()).toContain("option -O expects KEY=VALUE or TARGET:KEY=VALUE, got 'novalue'");
    const unknown = memoryIo({ cwd });
    expect(await run(['convert', '-t', 'splunk', '-O', 'no_such_option=1', 'rules/'], unknown)).toBe(2);
    expect(unknown.err()).toContain("<options>: error backend/invalid-option: unknown option 'no_such_option' for Splunk SPL");
  });

  test('a pipeline YAML file is applied', async () => {
    const dir = tempDir('sigmats-pipe-ok-');
    writeFileSync(join(dir, 'p.yml'), 'name: rename\npriority: 100\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process_path\n');
    writeFileSync(join(dir, 'r.yml'), RULE(1));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'splunk', '-p', 'p.yml', 'r.yml'], io)).toBe(0);
    expect(io.out()).toBe('process_path="*\\\\tool1.exe"\n');
  });

  test('a pipeline file with a syntax error is reported with its location', async () => {
    const dir = tempDir('sigmats-pipe-');
    writeFileSync(join(dir, 'p.yml'), 'name: broken\ntransformations: [\n');
    writeFileSync(join(dir, 'r.yml'), RULE(1));
    const io = memoryIo({ cwd: dir });
    expect(await run(['convert', '-t', 'splunk', '-p', 'p.yml', 'r.yml'], io)).toBe(2);
    expect(io.err()).toMatch(/^p\.yml:\d+:\d+: error pipeline\/syntax: /m);
    expect(io.out()).toBe('');
  });
});

test('an output that cannot be written is reported and fails the run, without a stack trace', async () => {
  const dir = tempDir('sigmats-write-');
  writeFileSync(join(dir, 'r.yml'), RULE(1));
  writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
  const io = memoryIo({ cwd: dir });
  expect(await run(['convert', '-t', 'splunk', '-o', 'blocker/sub/', 'r.yml'], io)).toBe(1);
  expect(io.err()).toMatch(/^sigmats convert: error: io\/write-failed: cannot write .*blocker\/sub\/r\.spl: (ENOTDIR|EEXIST)$/m);
  expect(io.err()).not.toContain('    at ');
  const junit = memoryIo({ cwd: dir });
  expect(await run(['check', '--junit', 'blocker/x.xml', 'r.yml'], junit)).toBe(1);
  expect(junit.err()).toMatch(/^sigmats check: error: io\/write-failed: cannot write .*blocker\/x\.xml: /m);
});

test('parseBackendOptions types values and scopes TARGET:KEY', () => {
  expect(parseBackendOptions(['a=true', 'b=false', 'c=12', 'd=1.5', 'e=012', 'f=x=y', 'g='])).toEqual({ a: true, b: false, c: 12, d: 1.5, e: '012', f: 'x=y', g: '' });
  expect(parseBackendOptions(['kql:table=X', 'splunk:index=main', 'all=1'], 'kql')).toEqual({ table: 'X', all: 1 });
  expect(() => parseBackendOptions(['nope:x=1'])).toThrow("unknown target 'nope'");
});

test('pickBackend: by export name, by factory, by id', () => {
  const b = { id: 'splunk', name: 'S', formats: [], defaultFormat: 'default', pipelines: [], defaultPipelines: [], convert: () => ({}) as never, validate: () => [] };
  expect(pickBackend({ splunkBackend: b }, 'splunk')).toBe(b);
  expect(pickBackend({ kqlBackend: () => ({ ...b, id: 'kql' }) }, 'kql')?.id).toBe('kql');
  expect(pickBackend({ whatever: { ...b, id: 'sumo-cse' } }, 'sumo-cse')?.id).toBe('sumo-cse');
  expect(pickBackend({ other: 1 }, 'sumo')).toBeUndefined();
});

test('uniqueStems disambiguates equal rule file names', () => {
  expect([...uniqueStems(['a/x.yml', 'b/x.yaml', 'c/y.yml', '-']).values()]).toEqual(['a-x', 'b-x', 'y', 'stdin']);
});

test('the README documents every command', () => {
  const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
  for (const cmd of ['convert', 'check', 'test', 'eval', 'list', 'variants']) expect(readme).toContain(`sigmats ${cmd}`);
  expect(readme).toContain('apt-get install -y chromium');
});

test('documentStartLines', () => {
  expect(documentStartLines('a: 1\n')).toEqual([1]);
  expect(documentStartLines('---\na: 1\n')).toEqual([2]);
  expect(documentStartLines('# c\n---\na: 1\n---\nb: 2\n---\n')).toEqual([3, 5]);
  expect(documentStartLines('a: 1\n...\n---\nb: 2\n')).toEqual([1, 4]);
});

test('check --junit: one testcase per YAML document, a failed document named by position', async () => {
  const dir = tempDir('sigmats-junit-');
  const second = RULE(2).replace("Image|endswith: '\\tool2.exe'", "Image|nosuchmod: x");
  writeFileSync(join(dir, 'multi.yml'), `${RULE(1)}---\n${second}---\n${RULE(3).replace('Rule 3', 'Rule <3> & co')}`);
  const io = memoryIo({ cwd: dir });
  expect(await run(['check', '--junit', 'j.xml', 'multi.yml'], io)).toBe(1);
  const xml = readFileSync(join(dir, 'j.xml'), 'utf8');
  const cases = [...xml.matchAll(/<testcase name="([^"]*)"[^>]* line="(\d+)"[^>]*?(\/?)>/g)].map((m) => [m[1], Number(m[2]), m[3] === '/' ? 'pass' : 'fail']);
  expect(cases).toEqual([
    ['Rule 1 (00000000-0000-4000-8000-000000000001)', 1, 'pass'],
    ['multi.yml (document 2)', 13, 'fail'],
    ['Rule &lt;3&gt; &amp; co (00000000-0000-4000-8000-000000000003)', 25, 'pass'],
  ]);
  expect(xml).toMatch(/<failure message="multi\.yml:21:\d+: error modifier\/unknown: /);
});

test('variants: a correlation rule gets pages too (its base rule, generate: false, does not)', async () => {
  const dir = tempDir('sigmats-corr-');
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules', 'failed_logon.yml'), CORRELATION);
  const io = memoryIo({ cwd: dir });
  await run(['variants', '--format', 'json', '-o', 'site', 'rules/'], io);
  const page = JSON.parse(readFileSync(join(dir, 'site', 'rules', 'failed_logon-2', 'splunk.json'), 'utf8')) as { title: string; rule: { kind: string }; attack: { techniques: { id: string }[] } };
  expect(page.title).toBe('Detect Many Failed Logons From One Source in Splunk');
  expect(page.rule.kind).toBe('correlation');
  expect(page.attack.techniques.map((t) => t.id)).toEqual(['T1110.001']);
  expect(readFileSync(join(dir, 'site', 'index.json'), 'utf8')).not.toContain('"Failed Logon"');
});

const CORRELATION = `title: Failed Logon
id: 5b0e8c1a-0000-4000-8000-000000000001
name: failed_logon
status: test
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
level: low
---
title: Many Failed Logons From One Source
id: 5b0e8c1a-0000-4000-8000-000000000002
status: test
description: Ten failed logons from one IP within five minutes.
tags:
    - attack.credential-access
    - attack.t1110.001
correlation:
    type: event_count
    rules:
        - failed_logon
    group-by:
        - IpAddress
    timespan: 5m
    condition:
        gte: 10
falsepositives:
    - Misconfigured service accounts
level: medium
`;
