// Issue 16, both cores: a large `convert` runs its chunks on worker threads. On the BUILT binary (the worker is a
// built file), every output mode with --jobs 2 must be byte for byte what --jobs 1 writes: stdout, stderr, the exit
// code and every file, over a corpus with problems placed across chunk boundaries (duplicate ids 300 files apart,
// broken YAML, bytes that are not UTF-8, a rule no target can convert).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { BIN, ensureBuilt, HAVE_SIGMAHQ, SIGMAHQ } from './built.js';
import { sliceStarts } from '../src/parallel/slices.js';
import { tempDir } from './temp-dir.js';

const corpus = join(SIGMAHQ, 'rules');
let work = '';

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
}

function rule(n: number, id: string, extra = ''): string {
  return `title: Generated ${n}\nid: ${id}\nstatus: test\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n    sel:\n        Image|endswith: '\\\\gen${n}.exe'${extra}\n    condition: sel\nlevel: low\n`;
}

// Not run without the corpus: vitest runs no hook of a file whose tests all skip.
beforeAll(() => {
  ensureBuilt();
  work = tempDir('sigmats-parallel-');
  const files: string[] = [];
  walk(corpus, files);
  const rules = join(work, 'rules');
  mkdirSync(rules);
  // 700 corpus rules (more than five chunks of 128) and the problems, named to sort between them.
  files.slice(0, 700).forEach((f, i) => writeFileSync(join(rules, `r${String(i).padStart(4, '0')}.yml`), readFileSync(f)));
  const dup = '0b7c6e1a-1d2e-4f00-8a9b-000000000001';
  writeFileSync(join(rules, 'r0010a.yml'), rule(1, dup));
  writeFileSync(join(rules, 'r0310a.yml'), rule(2, dup));
  writeFileSync(join(rules, 'r0311a.yml'), rule(3, dup));
  writeFileSync(join(rules, 'r0200a.yml'), 'title: [broken\n');
  writeFileSync(join(rules, 'r0400a.yml'), Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
  writeFileSync(join(rules, 'r0500a.yml'), rule(4, '0b7c6e1a-1d2e-4f00-8a9b-000000000004', "\n        CommandLine|re|i: '(?<=x)y'"));
}, 300_000);

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const files: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else files.push(p);
    }
  };
  visit(dir);
  for (const f of files) out[relative(dir, f)] = readFileSync(f, 'latin1');
  return out;
}

function runWith(jobs: number, args: readonly string[], extraEnv: Record<string, string> = {}): Outcome {
  const out = join(work, `out-${jobs}`);
  rmSync(out, { recursive: true, force: true });
  const argv = args.map((a) => a.replace('{out}', relative(work, out)));
  const env = { ...process.env, NO_COLOR: '1', ...extraEnv };
  const r = spawnSync(process.execPath, [BIN, 'convert', '--jobs', String(jobs), ...argv], { cwd: work, encoding: 'utf8', env, timeout: 180_000, maxBuffer: 512 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files: snapshot(out) };
}

// Three ways to one output: chunks on two threads, chunks on one thread, and (SIGMATS_CHUNKS=off) one collection of
// every rule converted at once.
describe.skipIf(!HAVE_SIGMAHQ)(`--jobs 2 and --jobs 1 write what one whole collection writes ${NEEDS_SIGMAHQ}`, () => {
  test.each([
    ['one target to stdout', ['-t', 'splunk', 'rules/']],
    ['every target to stdout', ['-t', 'all', 'rules/']],
    ['one file', ['-t', 'kql', '-o', '{out}/all.kql', 'rules/']],
    ['a folder per target', ['-t', 'all', '-o', '{out}/', 'rules/']],
    ['NDJSON', ['-t', 'all', '--json', 'rules/']],
    ['a format that is not a plain join (Splunk savedsearches)', ['-t', 'splunk', '-f', 'savedsearches', 'rules/']],
    ['a pipeline and a backend option', ['-t', 'kql', '-p', 'sentinel_asim', '-O', 'kql:table=X', 'rules/']],
  ])('%s', (_name, args) => {
    const whole = runWith(1, args, { SIGMATS_CHUNKS: 'off' });
    expect(whole.stdout.length + Object.keys(whole.files).length).toBeGreaterThan(0);
    for (const run of [runWith(1, args), runWith(2, args)]) {
      expect(run.code).toBe(whole.code);
      expect(run.stderr).toBe(whole.stderr);
      expect(run.stdout).toBe(whole.stdout);
      expect(run.files).toEqual(whole.files);
    }
  }, 240_000);

  test('the duplicate id across chunks is reported the same way, against the rule that last held it', () => {
    const two = runWith(2, ['-t', 'splunk', 'rules/']);
    expect(two.stderr).toContain('r0310a.yml:2:5: warning collection/duplicate-id: id 0b7c6e1a-1d2e-4f00-8a9b-000000000001 is also used by \'Generated 1\' (rules/r0010a.yml:1)');
    expect(two.stderr).toContain("r0311a.yml:2:5: warning collection/duplicate-id: id 0b7c6e1a-1d2e-4f00-8a9b-000000000001 is also used by 'Generated 2' (rules/r0310a.yml:1)");
  }, 240_000);
});

test.skipIf(!HAVE_SIGMAHQ)(`--jobs takes a positive whole number ${NEEDS_SIGMAHQ}`, () => {
  for (const bad of ['0', '-1', '1.5', 'x', '']) {
    const r = spawnSync(process.execPath, [BIN, 'convert', '-t', 'splunk', '--jobs', bad, 'rules/'], { cwd: work, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--jobs expects a positive whole number');
  }
});

test.skipIf(!HAVE_SIGMAHQ)(`--verbose says when worker threads converted the run; one chunk, --jobs 1 or a run under 12,000 files x targets without --jobs use none ${NEEDS_SIGMAHQ}`, () => {
  // 706 files: chunks of 32, the last 128 in chunks of 8 (parallel/slices.ts).
  const said = (r: { stderr: string }) => new RegExp(`706 files in ${sliceStarts(706, 32).length} chunks on 2 threads \\(1 workers\\)`).test(r.stderr);
  expect(said(runWith(2, ['-t', 'splunk', '--verbose', 'rules/']))).toBe(true);
  const one = runWith(1, ['-t', 'splunk', '--verbose', 'rules/']);
  expect(said(one)).toBe(false);
  expect(one.stderr).toContain(`706 files in ${sliceStarts(706, 32).length} chunks on 1 thread\n`);
  expect(runWith(1, ['-t', 'splunk', '--verbose', 'rules/'], { SIGMATS_CHUNKS: 'off' }).stderr).not.toContain('chunks on');
  expect(runWith(2, ['-t', 'splunk', '--verbose', 'rules/r0001.yml', 'rules/r0002.yml']).stderr).not.toMatch(/worker/);
  const byDefault = spawnSync(process.execPath, [BIN, 'convert', '-t', 'splunk', '--verbose', 'rules/'], { cwd: work, encoding: 'utf8', maxBuffer: 512 << 20 });
  expect(byDefault.stderr).not.toMatch(/threads \(\d+ workers\)/);
}, 240_000);
