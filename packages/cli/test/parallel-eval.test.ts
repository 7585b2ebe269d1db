// Issue 16, both cores: a long `eval` stream is matched in chunks on worker threads too (one large file: in parts,
// each read by the thread that matches it). On the BUILT binary (the worker is a built file), --jobs 2 must write
// byte for byte what --jobs 1 writes (stdout, stderr, exit code), from files and from stdin, with broken events placed across chunk boundaries, an events file that cannot be read, and
// evtx_dump-style events to flatten. In process: a chunk whose outcome changes the rule set (a rule failing while
// matching) makes the run go on alone from that chunk, and the output is the one-thread run's.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, type EventObject } from '@sigmats/evaluator';
import { beforeAll, describe, expect, test } from 'vitest';
import { colorsFor } from '../src/color.js';
import { MatchReport } from '../src/eval-output.js';
import { memoryIo } from '../src/io.js';
import { chunkMatcher, EVAL_CHUNK_EVENTS, evaluateEvent, type EvalChunkResult, type EvalJob } from '../src/parallel/eval-chunk.js';
import { EventChunks } from '../src/parallel/event-chunks.js';
import type { StreamPool } from '../src/parallel/stream-pool.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { BIN, ensureBuilt, HAVE_SIGMAHQ, SIGMAHQ } from './built.js';
import { WHOAMI_AND_CMD, WHOAMI_DETECTION } from './eval-rules.js';
import { immediatePool } from './immediate-pool.js';
import { tempDir } from './temp-dir.js';

const corpus = join(SIGMAHQ, 'rules');
const processCreation = join(corpus, 'windows', 'process_creation');
let work = '';
let events = '';

const correlation = `title: Many whoami
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000c2
status: test
correlation:
    type: event_count
    rules:
        - whoami_gen
    group-by:
        - User
    timespan: 1h
    condition:
        gte: 2
level: high
---
title: Whoami generated
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000c3
name: whoami_gen
status: test
${WHOAMI_DETECTION}level: low
`;

/** `n` synthetic Sysmon events as NDJSON, with a broken line every `brokenEvery` events. */
function ndjson(n: number, seed: number, brokenEvery: number): string {
  const lines: string[] = [];
  generateProcessEvents(n, seed).forEach((e, i) => {
    lines.push(JSON.stringify(e));
    if (i % brokenEvery === brokenEvery - 1) lines.push(i % 2 === 0 ? '{"EventID": 1, "Image": "cut' : '[1, 2]');
  });
  return `${lines.join('\n')}\n`;
}

beforeAll(() => {
  // What this sets up serves the blocks that skip without the corpus; the in-process block needs none of it.
  if (!HAVE_SIGMAHQ) return;
  ensureBuilt();
  work = tempDir('sigmats-parallel-eval-');
  // About 3 MB: past the size from which --jobs starts workers with the run, and 16 chunks of events.
  events = ndjson(4000, 20261123, 301);
  writeFileSync(join(work, 'events.ndjson'), events);
  // evtx_dump output: pretty-printed nested objects, flattened to Sigma's names (or not, with --no-flatten).
  const evtx = generateProcessEvents(300, 7).map((e) => JSON.stringify({ Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: e } }, null, 2));
  writeFileSync(join(work, 'evtx.json'), `${evtx.join('\n')}\n`);
  // Past the size from which --jobs starts workers with the run: read in parts.
  const evtxLarge = generateProcessEvents(1500, 8).map((e) => JSON.stringify({ Event: { System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' }, EventData: e } }, null, 2));
  writeFileSync(join(work, 'evtx-large.json'), `${evtxLarge.join('\n')}\n`);
  writeFileSync(join(work, 'small.ndjson'), ndjson(10, 3, 1000));
  mkdirSync(join(work, 'corr'));
  cpSync(join(processCreation, readdirSync(processCreation).find((f) => f.includes('whoami'))!), join(work, 'corr', 'a.yml'));
  writeFileSync(join(work, 'corr', 'b.yml'), correlation);
}, 300_000);

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `sigmats eval` in the work folder, with `--jobs` (none: the default) and `args`; `input` on its stdin. `shell`: a
 * `sh -c` script that runs it as `"$0" "$@"` (to give it a stdin of the script's making); `env`: more variables.
 */
function evalWith(jobs: number | undefined, args: readonly string[], input?: string, options: { readonly shell?: string; readonly env?: Record<string, string> } = {}): Outcome {
  const argv = [BIN, 'eval', ...(jobs !== undefined ? ['--jobs', String(jobs)] : []), ...args];
  const [command, commandArgs] = options.shell === undefined ? [process.execPath, argv] : ['sh', ['-c', options.shell, process.execPath, ...argv]];
  const r = spawnSync(command, commandArgs, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input,
    timeout: 240_000,
    maxBuffer: 512 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const said = (r: { stderr: string }): boolean => /sigmats eval: \d+ events in \d+ (chunks|parts) on 2 threads \(1 workers[,)]/.test(r.stderr);

describe.skipIf(!HAVE_SIGMAHQ)(`eval --jobs 2 writes what --jobs 1 writes ${NEEDS_SIGMAHQ}`, () => {
  test.each([
    ['events files, one missing', ['--rules', processCreation, '--logsource', 'windows', 'events.ndjson', 'missing.ndjson', 'evtx.json']],
    ['--no-flatten', ['--rules', processCreation, '--no-flatten', 'evtx.json', 'events.ndjson']],
    ['stdin, cut into parts as it comes in (workers start once past half a megabyte)', ['--rules', processCreation, '--logsource', 'windows', '-']],
    ['one events file, read in parts on both threads', ['--rules', processCreation, '--logsource', 'windows', 'events.ndjson']],
    ['two events files, each read in parts', ['--rules', processCreation, '--logsource', 'windows', 'evtx-large.json', 'events.ndjson']],
  ])('%s', (_name, args) => {
    const input = args.includes('-') ? events : undefined;
    const one = evalWith(1, args, input);
    const two = evalWith(2, args, input);
    expect(one.stdout.split('\n').length).toBeGreaterThan(100);
    expect(one.stderr).toContain('eval/invalid-event');
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    // And the workers did take part.
    expect(said(evalWith(2, ['-v', ...args], input))).toBe(true);
  }, 300_000);

  test('one file of pretty-printed events (evtx_dump), read in parts', () => {
    const args = ['--rules', processCreation, '--logsource', 'windows', 'evtx-large.json'];
    const one = evalWith(1, args);
    const two = evalWith(2, ['-v', ...args]);
    expect(one.stdout.split('\n').length).toBeGreaterThan(10);
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/in \d+ parts on 2 threads/);
    expect(two.stderr.replace(/^sigmats eval: \d+ events in .*\n/m, '')).toBe(one.stderr);
  }, 240_000);

  test.skipIf(process.platform === 'win32')('a named pipe is read as a stream, in parts cut as it comes in (and its writer keeps its reader)', () => {
    const fifo = join(work, 'events.fifo');
    if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
    const args = ['--rules', processCreation, '--logsource', 'windows', 'events.fifo'];
    const runWith = (jobs: number): Outcome => {
      const writer = spawn('sh', ['-c', 'cat events.ndjson > events.fifo'], { cwd: work, stdio: 'ignore' });
      try {
        return evalWith(jobs, jobs === 2 ? ['-v', ...args] : args);
      } finally {
        writer.kill();
      }
    };
    const one = runWith(1);
    const two = runWith(2);
    expect(one.stdout.split('\n').length).toBeGreaterThan(100);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/ parts on 2 threads/);
    expect(two.code).toBe(one.code);
  }, 240_000);

  test.skipIf(process.platform === 'win32')('stdin that pauses while the worker starts: the worker loads with the code cache and matches parts of it', () => {
    const args = ['--rules', processCreation, '--logsource', 'windows', '-'];
    // Past the half megabyte from which --jobs starts the worker, then a pause long enough for it to load the rules.
    const piped = (jobs: number, pause: number): Outcome =>
      evalWith(jobs, ['-v', ...args], undefined, {
        shell: `(head -c 600000 events.ndjson; sleep ${pause}; tail -c +600001 events.ndjson) | "$0" "$@"`,
        env: { SIGMATS_DEBUG_STARTUP: '1' },
      });
    const quiet = (s: string): string => s.replace(/^sigmats: startup: .*\n/gm, '');
    const one = piped(1, 0);
    let two = piped(2, 4);
    const byWorker = (r: Outcome): number => Number(/, (\d+) parts matched there\)/.exec(r.stderr)?.[1] ?? 0);
    // A loaded machine may take longer to start the worker: once more, with a longer pause.
    if (byWorker(two) === 0) two = piped(2, 12);
    expect(one.stdout.split('\n').length).toBeGreaterThan(100);
    expect(two.stdout).toBe(one.stdout);
    expect(quiet(two.stderr).replace(/^sigmats eval: \d+ events in .*\n/m, '')).toBe(quiet(one.stderr));
    expect(two.code).toBe(one.code);
    expect(byWorker(two), two.stderr.split('\n').filter((l) => l.startsWith('sigmats eval:')).join('\n')).toBeGreaterThan(0);
    // The worker started once the matching flags were set: the batch flags were set again while it loaded, so it
    // loaded the bundle with the code cache; then the matching flags again.
    const startup = two.stderr.split('\n').filter((l) => l.startsWith('sigmats: startup:'));
    const at = (pattern: RegExp): number => startup.findIndex((l) => pattern.test(l));
    expect(at(/\(workers loading\)$/), startup.join('\n')).toBeGreaterThan(at(/\(matching\)$/));
    expect(startup.filter((l) => / code cache (accepted|rejected) /.test(l)), startup.join('\n')).toEqual([expect.stringContaining('code cache accepted'), expect.stringContaining('code cache accepted')]);
    expect(startup[startup.length - 1]).toMatch(/\(matching\)$/);
  }, 240_000);

  test.skipIf(process.platform !== 'linux')('stdin redirected from a file is read in parts; from past its start, as a stream from there', () => {
    const args = ['--rules', processCreation, '--logsource', 'windows'];
    // `dd` reads exactly `skip` bytes of the shared descriptor, and leaves its position there.
    const redirected = (jobs: number, skip: number): Outcome =>
      evalWith(jobs, ['-v', ...args], undefined, { shell: `{ dd bs=1 count=${skip} of=/dev/null 2>/dev/null; exec "$0" "$@"; } < events.ndjson` });
    for (const skip of [0, 1000]) {
      const one = redirected(1, skip);
      const two = redirected(2, skip);
      expect(one.stdout.split('\n').length).toBeGreaterThan(100);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr.replace(/^sigmats eval: \d+ events in .*\n/m, '')).toBe(one.stderr);
      expect(two.code).toBe(one.code);
      if (skip === 0) expect(two.stderr).toMatch(/events in \d+ parts on 2 threads/);
      else expect(one.stderr).not.toContain(`${events.split('\n').length - 1} events`);
    }
  }, 240_000);

  test('match lines keep the input order', () => {
    const two = evalWith(2, ['--rules', processCreation, '--logsource', 'windows', 'events.ndjson']);
    const numbers = two.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { event: number }).event);
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers.every((n, i) => i === 0 || n >= numbers[i - 1]!)).toBe(true);
    expect(numbers[numbers.length - 1]).toBeGreaterThan(3000);
  }, 240_000);
});

describe.skipIf(!HAVE_SIGMAHQ)(`when eval uses worker threads ${NEEDS_SIGMAHQ}`, () => {
  test('not for a small stream, with or without --jobs, nor with --jobs 1', () => {
    expect(evalWith(undefined, ['-v', '--rules', processCreation, 'small.ndjson']).stderr).not.toMatch(/worker/);
    expect(evalWith(2, ['-v', '--rules', processCreation, 'small.ndjson']).stderr).not.toMatch(/worker/);
    expect(evalWith(1, ['-v', '--rules', processCreation, 'events.ndjson']).stderr).not.toMatch(/worker/);
    // 3 MB of events is under the size from which workers start without --jobs, 4,000 events under the count.
    expect(evalWith(undefined, ['-v', '--rules', processCreation, 'events.ndjson']).stderr).not.toMatch(/worker/);
  }, 240_000);

  test('not when the rules hold a correlation: the output is the one-thread one', () => {
    const one = evalWith(1, ['--rules', 'corr', 'events.ndjson']);
    const two = evalWith(2, ['-v', '--rules', 'corr', 'events.ndjson']);
    expect(one.stdout).toContain('"kind":"correlation"');
    expect(two.stderr).not.toMatch(/worker/);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  }, 240_000);

  test('--jobs takes a positive whole number', () => {
    const r = evalWith(undefined, ['--jobs', '0', '--rules', processCreation, 'small.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jobs expects a positive whole number');
  });
});

describe('a chunk that changes the rule set (in process)', () => {
  const rules = WHOAMI_AND_CMD;

  /**
   * A pool whose one worker matches with a set of its own, and reports for one event an outcome that would
   * change the rule set (an error): the run must go on alone from that chunk, writing the one-thread output.
   */
  function fakePool(poisoned: number): { pool: StreamPool<EvalJob, EvalChunkResult>; offered: () => number } {
    const set = compileRuleSet(loadCollection([{ text: rules, file: 'r.yml' }]));
    const match = chunkMatcher(set, set.stream(), true);
    let offered = 0;
    const pool = immediatePool((job: EvalJob): EvalChunkResult => {
      offered++;
      const r = match(job);
      return job.index === poisoned ? { index: job.index, outcomes: r.outcomes.map((o, i) => (i === 5 ? { error: 'poisoned' } : o)) } : r;
    });
    return { pool, offered: () => offered };
  }

  async function runEvents(list: readonly EventObject[], pool: StreamPool<EvalJob, EvalChunkResult> | undefined): Promise<{ out: string; err: string }> {
    const io = memoryIo();
    const set = compileRuleSet(loadCollection([{ text: rules, file: 'r.yml' }]));
    const report = new MatchReport(io, colorsFor(io.stderr, io, true), new Map());
    const chunks = new EventChunks(
      {
        report,
        set,
        stream: set.stream(),
        prepare: (e) => e,
        startAt: pool === undefined ? undefined : 0,
        startPool: () => pool!,
        recompile: () => compileRuleSet(loadCollection([{ text: rules, file: 'r.yml' }])),
      },
      2,
    );
    for (const [i, e] of list.entries()) await chunks.event('events', i + 1, e);
    await chunks.fileEnd();
    await chunks.finish();
    return { out: io.out(), err: io.err() };
  }

  test('the run goes on alone from that chunk and writes what one thread writes', async () => {
    const list = generateProcessEvents(EVAL_CHUNK_EVENTS * 6, 11);
    const alone = await runEvents(list, undefined);
    const { pool, offered } = fakePool(2);
    const chunked = await runEvents(list, pool);
    expect(alone.out.split('\n').length).toBeGreaterThan(20);
    // Chunks 0 to 2 were offered to the worker; from chunk 2 on, this thread matched alone.
    expect(offered()).toBe(3);
    expect(chunked.out).toBe(alone.out);
    expect(chunked.err).toBe(alone.err);
  });

  test('read diagnostics without events are dispatched in bounded chunks, and written in order', async () => {
    const io = memoryIo();
    const set = compileRuleSet(loadCollection([{ text: rules, file: 'r.yml' }]));
    const report = new MatchReport(io, colorsFor(io.stderr, io, true), new Map());
    const { pool } = fakePool(-1);
    const chunks = new EventChunks({ report, set, stream: set.stream(), prepare: (e) => e, startAt: 0, startPool: () => pool, recompile: () => set }, 2);
    const [first, last] = generateProcessEvents(2, 5);
    await chunks.event('events', 1, first!);
    for (let i = 0; i < 3000; i++) await chunks.diagnostic({ code: 'eval/invalid-event', severity: 'warning', message: `broken ${i}`, file: 'events', line: i + 2, column: 1 });
    // Reading 3,000 diagnostics did not wait for the end of the stream to hand them on.
    expect(chunks.chunks).toBeGreaterThanOrEqual(2);
    await chunks.event('events', 3002, last!);
    await chunks.finish();
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(3000);
    expect(lines.every((l, i) => l.includes(`broken ${i}`))).toBe(true);
  });

  test('evaluateEvent reports an event that cannot be evaluated as an error outcome', () => {
    const set = compileRuleSet(loadCollection([{ text: rules, file: 'r.yml' }]));
    const outcome = evaluateEvent(set, set.stream(), () => {
      throw new Error('boom');
    }, {});
    expect(outcome).toEqual({ error: 'boom' });
  });
});
