// `sigmats eval` as a user runs it: the built binary over a file of events, every SigmaHQ rule loaded and routed by
// logsource (`--logsource windows`), one thread (`--jobs 1`) and the default (a worker per core), each a fresh
// process timed from spawn to exit (start-up, reading and compiling 3,141 rules, reading and parsing the events,
// matching, writing the matches). The evaluator's own bench (packages/evaluator/bench) times matching alone, over
// the process-creation rules; this one covers what it leaves out: parsing events, every rule a Sysmon event is
// routed to (SigmaHQ's "Mimikatz Use" keyword rule among them), threads, and the process's memory.
//
// Events: EVAL_STREAM_EVENTS (default 200,000) synthetic Sysmon EID 1 events from the evaluator's generator, in
// chunks of 10,000 with the evaluator bench's seeds, written as NDJSON (about 1.35 KB an event) to a temporary
// file; a tenth of them in a second file. Peak memory should not depend on the stream's length: the bench prints
// the one-thread peak over the long file against the short one. Worker threads should pay on the long file and
// cost nothing on the short one: the default against `--jobs 1`, for both; and the long file piped to stdin (`cat FILE
// | sigmats eval ... -`, a stream whose length is not known), both ways. Commands alternate in EVAL_STREAM_RUNS rounds
// (default 5); figures are medians over the rounds (wall, CPU = the child's own user + system time, peak RSS).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_RESOURCE_PROBE, median, pipedFrom, preloadFile, readResourceProbe, sigmahqDir, tempDir } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages', 'cli', 'dist', 'bin.cjs');
const evaluator = join(root, 'packages', 'evaluator', 'dist', 'index.js');
const rules = join(sigmahqDir(), 'rules');
const EVENTS = Number(process.env.EVAL_STREAM_EVENTS ?? 200_000);
const RUNS = Number(process.env.EVAL_STREAM_RUNS ?? 5);
const SEED = 20261123;
const CHUNK = 10_000;
for (const [path, what] of [
  [bin, 'the CLI'],
  [evaluator, 'the evaluator'],
]) {
  if (!existsSync(path)) {
    console.error(`missing ${path}: build ${what} first (npx -y pnpm@10.34.9 -r build)`);
    process.exit(1);
  }
}
if (!existsSync(rules)) {
  console.error(`SigmaHQ corpus not found at ${rules} (set SIGMAHQ_DIR)`);
  process.exit(1);
}

const { generateProcessEvents } = await import(evaluator);
const dir = tempDir('sigmats-eval-stream-');

/** Writes `count` events (the evaluator bench's chunks and seeds) as NDJSON; returns the file's size in bytes. */
function writeEvents(file, count) {
  writeFileSync(file, '');
  for (let done = 0; done < count; done += CHUNK) {
    const text = `${generateProcessEvents(Math.min(CHUNK, count - done), SEED + done)
      .map((e) => JSON.stringify(e))
      .join('\n')}\n`;
    writeFileSync(file, text, { flag: 'a' });
  }
  return statSync(file).size;
}
const long = join(dir, 'events.ndjson');
const short = join(dir, 'events-tenth.ndjson');
const longBytes = writeEvents(long, EVENTS);
writeEvents(short, Math.max(1, Math.round(EVENTS / 10)));

// The child's own peak RSS and CPU time, written at exit to the file BENCH_PROBE_FILE names.
const PROBE = preloadFile(FILE_RESOURCE_PROBE);
let probes = 0;
/** One `sigmats eval` over `args`; `piped`: a file whose bytes `cat` pipes to its stdin. */
function run(args, piped) {
  const probe = join(dir, `probe-${++probes}`);
  const command = [process.execPath, '--require', PROBE, bin, 'eval', '--rules', rules, '--logsource', 'windows', ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(...(piped === undefined ? [command[0], command.slice(1)] : pipedFrom(piped, command)), {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
    env: { ...process.env, BENCH_PROBE_FILE: probe },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // Exit 1 is "some rules failed" (SigmaHQ has rules the evaluator refuses); anything else is a failed run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`eval ${args.join(' ')}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  const summary = /(\d+) events?, (\d+) match/.exec(r.stderr);
  const used = readResourceProbe(probe);
  if (used === undefined) throw new Error(`eval ${args.join(' ')}: no resource figures at exit`);
  return { ms, ...used, events: Number(summary?.[1]), matches: Number(summary?.[2]) };
}

const commands = [
  { key: 'jobs1', label: `--jobs 1, ${EVENTS} events`, args: ['--jobs', '1', long] },
  { key: 'default', label: `default threads, ${EVENTS} events`, args: [long] },
  { key: 'jobs1_tenth', label: `--jobs 1, ${Math.round(EVENTS / 10)} events`, args: ['--jobs', '1', short] },
  { key: 'default_tenth', label: `default threads, ${Math.round(EVENTS / 10)} events`, args: [short] },
  { key: 'piped_jobs1', label: `--jobs 1, ${EVENTS} events piped`, args: ['--jobs', '1', '-'], piped: long },
  { key: 'piped_default', label: `default threads, ${EVENTS} events piped`, args: ['-'], piped: long },
];
const samples = Object.fromEntries(commands.map((c) => [c.key, []]));
const loads = [loadavg()[0]];
for (let i = 0; i < RUNS; i++) {
  for (const c of commands) samples[c.key].push(run(c.args, c.piped));
  loads.push(loadavg()[0]);
}

console.log(`eval over ${rules} (--logsource windows): ${EVENTS} synthetic Sysmon EID 1 events, ${(longBytes / 1048576).toFixed(0)} MB of NDJSON; ${RUNS} rounds; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
for (const c of commands) {
  const s = samples[c.key];
  const wall = median(s.map((x) => x.ms));
  const cpu = median(s.map((x) => x.cpuMs));
  const rss = median(s.map((x) => x.rssMb));
  const events = s[0].events;
  console.log(
    `${c.label.padEnd(32)} wall ${wall.toFixed(0)} ms (${s.map((x) => x.ms.toFixed(0)).join(', ')}); CPU ${cpu.toFixed(0)} ms; ${(events / (wall / 1000)).toFixed(0)} events per second of the whole run; peak RSS ${rss.toFixed(0)} MB (${Math.min(...s.map((x) => x.rssMb)).toFixed(0)}–${Math.max(...s.map((x) => x.rssMb)).toFixed(0)}); ${s[0].matches} matches`,
  );
  console.log(`BENCH eval_stream.${c.key}.wall_ms: ${wall.toFixed(0)} ms`);
  console.log(`BENCH eval_stream.${c.key}.cpu_ms: ${cpu.toFixed(0)} ms`);
  console.log(`BENCH eval_stream.${c.key}.peak_rss: ${rss.toFixed(0)} MB`);
}
// Every run of one file must report the same events and matches, whatever the threads.
const counts = (keys) => new Set(keys.flatMap((k) => samples[k].map((x) => `${x.events}/${x.matches}`)));
if (counts(['jobs1', 'default', 'piped_jobs1', 'piped_default']).size !== 1 || counts(['jobs1_tenth', 'default_tenth']).size !== 1) {
  console.error(`runs disagree on events/matches: ${[...counts(['jobs1', 'default', 'piped_jobs1', 'piped_default'])].join(' ')} and ${[...counts(['jobs1_tenth', 'default_tenth'])].join(' ')}`);
  process.exit(1);
}
// Workers should pay on a long stream and cost nothing on a short one (they do not start there by default).
const ratio = (a, b) => median(samples[a].map((x, i) => x.ms / samples[b][i].ms));
const memory = median(samples.jobs1.map((x, i) => x.rssMb / samples.jobs1_tenth[i].rssMb));
for (const [key, a, b, n] of [
  ['default_over_jobs1', 'default', 'jobs1', EVENTS],
  ['default_over_jobs1_tenth', 'default_tenth', 'jobs1_tenth', Math.round(EVENTS / 10)],
  ['piped_default_over_jobs1', 'piped_default', 'piped_jobs1', `${EVENTS} piped`],
]) {
  console.log(`default threads / --jobs 1, ${n} events (wall, median of per-round ratios): ${ratio(a, b).toFixed(3)}`);
  console.log(`BENCH eval_stream.${key}: ${ratio(a, b).toFixed(3)} x`);
}
console.log(`peak RSS, --jobs 1, ${EVENTS} events / ${Math.round(EVENTS / 10)} events (median of per-round ratios): ${memory.toFixed(2)}`);
console.log(`BENCH eval_stream.peak_rss_10x_over_1x: ${memory.toFixed(2)} x`);
