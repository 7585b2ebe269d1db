// Issue 16, both cores: a large `check` parses and validates its files in chunks on worker threads. On the BUILT
// binary (the worker is a built file), every output with --jobs 2 must be byte for byte what --jobs 1 writes:
// stdout, stderr, the exit code, JUnit and SARIF, over a corpus with problems placed across chunk boundaries
// (duplicate ids, titles and file names 300 files apart, broken YAML, bytes that are not UTF-8, a correlation and a
// filter whose rules sit in other chunks, an unresolved reference). The chunked assembly is also checked in process
// against loadRules + runValidators with chunks of a few files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VALIDATORS } from '@sigmats/core/validators';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CliIo } from '../src/io.js';
import { loadRules } from '../src/load.js';
import { checkedRun, chunkChecker, METADATA_COLLECTION_VALIDATORS, type CheckJob, type CheckSetup } from '../src/parallel/check-chunk.js';
import { runValidators, selectionFromArgs } from '../src/validation.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { BIN, ensureBuilt, HAVE_SIGMAHQ, SIGMAHQ } from './built.js';
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

function rule(n: number, id: string, title = `Generated ${n}`): string {
  return `title: ${title}\nid: ${id}\nname: gen_${n}\nstatus: test\ndescription: generated\nauthor: test\ndate: 2024-01-01\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n    sel:\n        Image|endswith: '\\\\gen${n}.exe'\n    condition: sel\nlevel: low\n`;
}

const correlation = `title: Many generated
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000c1
status: test
correlation:
    type: event_count
    rules:
        - gen_5
        - gen_missing
    group-by:
        - User
    timespan: 5m
    condition:
        gte: 10
level: high
`;

const filter = `title: Filter generated
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000f1
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - gen_6
    selection:
        User: admin
    condition: not selection
`;

// Not run without the corpus: vitest runs no hook of a file whose tests all skip.
beforeAll(() => {
  ensureBuilt();
  work = tempDir('sigmats-parallel-check-');
  const files: string[] = [];
  walk(corpus, files);
  const rules = join(work, 'rules');
  mkdirSync(join(rules, 'sub'), { recursive: true });
  // 700 corpus rules (more than five chunks of 128) and the problems, named to sort between them.
  files.slice(0, 700).forEach((f, i) => writeFileSync(join(rules, `r${String(i).padStart(4, '0')}.yml`), readFileSync(f)));
  const dup = '0b7c6e1a-1d2e-4f00-8a9b-000000000001';
  writeFileSync(join(rules, 'r0010a.yml'), rule(1, dup));
  writeFileSync(join(rules, 'r0310a.yml'), rule(2, dup, 'Generated 1'));
  writeFileSync(join(rules, 'r0611a.yml'), rule(3, dup));
  writeFileSync(join(rules, 'r0200a.yml'), 'title: [broken\n');
  writeFileSync(join(rules, 'r0400a.yml'), Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
  writeFileSync(join(rules, 'r0450a.yml'), rule(5, '0b7c6e1a-1d2e-4f00-8a9b-000000000005'));
  writeFileSync(join(rules, 'r0460a.yml'), rule(6, '0b7c6e1a-1d2e-4f00-8a9b-000000000006'));
  writeFileSync(join(rules, 'r0050a.yml'), correlation);
  writeFileSync(join(rules, 'r0650a.yml'), filter);
  // A rule with no id, a non-lowercase title word and a bad tag: document validators with findings.
  writeFileSync(join(rules, 'r0500a.yml'), rule(7, 'x').replace('id: x\n', '').replace('description: generated\n', 'description: generated\ntags:\n    - attack.t9999\n'));
  // Same base name as a corpus copy, in another folder: duplicate_filename across chunks.
  writeFileSync(join(rules, 'sub', 'r0001.yml'), rule(8, '0b7c6e1a-1d2e-4f00-8a9b-000000000008'));
}, 300_000);

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  junit: string;
  sarif: string;
}

const read = (p: string): string => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
};

function runWith(jobs: number | undefined, args: readonly string[], input?: string, extraEnv: Record<string, string> = {}): Outcome {
  const tag = jobs ?? 'default';
  const junit = join(work, `check-${tag}.xml`);
  const sarif = join(work, `check-${tag}.sarif`);
  rmSync(junit, { force: true });
  rmSync(sarif, { force: true });
  const argv = args.map((a) => a.replace('{junit}', junit).replace('{sarif}', sarif));
  const env = { ...process.env, NO_COLOR: '1', ...extraEnv };
  const r = spawnSync(process.execPath, [BIN, 'check', ...(jobs !== undefined ? ['--jobs', String(jobs)] : []), ...argv], {
    cwd: work,
    encoding: 'utf8',
    env,
    input,
    timeout: 180_000,
    maxBuffer: 512 << 20,
  });
  // A JUnit report carries the run's duration and start time: the only bytes allowed to differ.
  const junitText = read(junit).replace(/ time="[^"]*"/g, ' time=""').replace(/ timestamp="[^"]*"/g, ' timestamp=""');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, junit: junitText, sarif: read(sarif) };
}

// Chunks on two threads, chunks on one thread, and (SIGMATS_CHUNKS=off) one collection of every rule: one output.
describe.skipIf(!HAVE_SIGMAHQ)(`check --jobs 2 and --jobs 1 write what one whole collection writes ${NEEDS_SIGMAHQ}`, () => {
  test.each([
    ['text', ['rules/']],
    ['--json', ['--json', 'rules/']],
    ['JUnit and SARIF', ['--junit', '{junit}', '--sarif', '{sarif}', 'rules/']],
    ['--sigmahq', ['--sigmahq', 'rules/']],
    ['--no-validators', ['--no-validators', '--json', 'rules/']],
    ['an excluded validator', ['--exclude', 'duplicate_title', 'rules/']],
    ['stdin among the files', ['rules/', '-']],
  ])('%s', (_name, args) => {
    const input = args.includes('-') ? rule(9, '0b7c6e1a-1d2e-4f00-8a9b-000000000001') : undefined;
    const whole = runWith(1, args, input, { SIGMATS_CHUNKS: 'off' });
    expect(whole.stderr).toMatch(/checked \d+ files/);
    for (const run of [runWith(1, args, input), runWith(2, args, input)]) {
      expect(run.code).toBe(whole.code);
      expect(run.stderr).toBe(whole.stderr);
      expect(run.stdout).toBe(whole.stdout);
      expect(run.junit).toBe(whole.junit);
      expect(run.sarif).toBe(whole.sarif);
    }
  }, 240_000);

  test('the problems across chunks are found', () => {
    const two = runWith(2, ['rules/']);
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('collection/duplicate-id');
    expect(two.stderr).toContain('validator/identifier_uniqueness');
    expect(two.stderr).toContain('validator/duplicate_title');
    expect(two.stderr).toContain('validator/duplicate_filename');
    expect(two.stderr).toContain("correlation/unresolved-reference: correlation references 'gen_missing'");
    expect(two.stderr).toContain('r0200a.yml');
    expect(two.stderr).toContain('r0400a.yml');
  }, 240_000);
});

describe.skipIf(!HAVE_SIGMAHQ)(`when check uses worker threads ${NEEDS_SIGMAHQ}`, () => {
  const said = (r: { stderr: string }): boolean => /sigmats check: \d+ files in \d+ chunks on 2 threads \(1 workers\)/.test(r.stderr);

  test('--jobs 2 on a large run does; --jobs 1, one chunk, -t and a run under the threshold without --jobs do not', () => {
    expect(said(runWith(2, ['-v', 'rules/']))).toBe(true);
    const one = runWith(1, ['-v', 'rules/']);
    expect(said(one)).toBe(false);
    expect(one.stderr).toMatch(/sigmats check: \d+ files in \d+ chunks on 1 thread\n/);
    expect(runWith(1, ['-v', 'rules/'], undefined, { SIGMATS_CHUNKS: 'off' }).stderr).not.toContain('chunks on');
    expect(runWith(2, ['-v', 'rules/r0001.yml', 'rules/r0002.yml']).stderr).not.toMatch(/worker/);
    expect(runWith(2, ['-v', '-t', 'splunk', 'rules/']).stderr).not.toMatch(/worker/);
    // 712 files: under CHECK_PARALLEL_MIN_FILES, so no workers unless --jobs asks.
    expect(runWith(undefined, ['-v', 'rules/']).stderr).not.toMatch(/worker/);
  }, 240_000);

  test('--jobs takes a positive whole number', () => {
    for (const bad of ['0', '-1', '1.5', 'x']) {
      const r = spawnSync(process.execPath, [BIN, 'check', '--jobs', bad, 'rules/r0001.yml'], { cwd: work, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--jobs expects a positive whole number');
    }
  });
});

describe.skipIf(!HAVE_SIGMAHQ)(`chunks put together (in process) ${NEEDS_SIGMAHQ}`, () => {
  const io = (): CliIo => ({ cwd: work }) as unknown as CliIo;

  test.each([
    ['default validators', { sigmahq: false, exclude: [] }],
    ['SigmaHQ conventions', { sigmahq: true, exclude: [] }],
  ])('chunks of 7 files give what one load gives (%s)', async (_name, opts) => {
    const files: string[] = [];
    walk(join(work, 'rules'), files);
    const paths = files.map((f) => f.slice(work.length + 1)).filter((_, i) => i % 4 === 0 || /a\.yml$|sub/.test(files[i]!));
    const { selection } = selectionFromArgs(opts, work);
    const today = new Date();
    const setup: CheckSetup = { cwd: work, selection, validators: true, today, documentLines: true };
    const check = chunkChecker(setup);
    const jobs: CheckJob[] = [];
    for (let i = 0; i < paths.length; i += 7) jobs.push({ index: jobs.length, paths: paths.slice(i, i + 7), sources: [] });
    // Cloned as a worker's reply is: nothing a chunk returns may depend on sharing objects with this thread.
    const { loaded, findings } = checkedRun(jobs.map((j) => structuredClone(check(j))), setup);
    const whole = await loadRules(paths, io());
    const wholeFindings = runValidators([...whole.documents.values()].flat(), selection);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toEqual(wholeFindings);
    expect(loaded.collection.diagnostics).toEqual(whole.collection.diagnostics);
    expect(loaded.files).toEqual(whole.files);
    for (const f of whole.files) expect(loaded.documentLines(f)).toEqual(whole.documentLines(f));
    expect([...loaded.documents.values()].map((d) => d.length)).toEqual([...whole.documents.values()].map((d) => d.length));
  });

  test("a chunk's rules keep the locations of id, name and title only, as the document has them", async () => {
    const files: string[] = [];
    walk(join(work, 'rules'), files);
    const paths = files.slice(0, 40).map((f) => f.slice(work.length + 1));
    const { selection } = selectionFromArgs({ sigmahq: false, exclude: [] }, work);
    const reply = chunkChecker({ cwd: work, selection, validators: false, today: new Date(), documentLines: false })({ index: 0, paths, sources: [] });
    const whole = await loadRules(paths, io());
    let rules = 0;
    reply.parsed.forEach((parsed, i) => {
      const full = whole.documents.get(reply.files[i]!) ?? [];
      expect(parsed.documents.length).toBe(full.length);
      parsed.documents.forEach((doc, k) => {
        if (doc.kind !== 'rule') return;
        rules++;
        const kept = Object.fromEntries(['id', 'name', 'title'].flatMap((f) => (full[k]!.fieldLocs[f] ? [[f, full[k]!.fieldLocs[f]]] : [])));
        expect(doc.fieldLocs).toEqual(kept);
        expect(Object.keys(full[k]!.fieldLocs).length).toBeGreaterThan(Object.keys(kept).length);
      });
    });
    expect(rules).toBeGreaterThan(30);
  });

  test('every collection validator is one the chunked run knows reads metadata only', () => {
    // A new collection validator may read more of a rule than a chunk sends back: list it only once it does not.
    const collection = VALIDATORS.filter((v) => v.kind === 'collection').map((v) => v.name);
    expect(collection.length).toBeGreaterThan(0);
    for (const name of collection) expect(METADATA_COLLECTION_VALIDATORS.has(name)).toBe(true);
  });
});
