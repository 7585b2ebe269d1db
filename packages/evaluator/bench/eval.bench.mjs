// Evaluator throughput: every Windows process_creation rule of the SigmaHQ corpus against a deterministic
// stream of synthetic Sysmon EID 1 events, in indexed mode (literal prefilter + logsource routing).
// A slice of the stream is also run in full-scan reference mode; both must give identical matches.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resourceUsage } from 'node:process';
import { loadavg } from 'node:os';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, readEvents, windowsLogsource } from '../dist/index.js';

const EVENTS = Number(process.env.EVAL_BENCH_EVENTS ?? 200_000);
const CHUNK = 10_000;
const SEED = 20261123;
const repoRoot = resolve(new URL('../../..', import.meta.url).pathname);
const corpus = process.env.SIGMAHQ_DIR ?? join(repoRoot, '..', 'shared', 'sigmahq');
if (!existsSync(corpus)) {
  console.error(`SigmaHQ corpus not found at ${corpus} (set SIGMAHQ_DIR)`);
  process.exit(1);
}

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.yml')) out.push(p);
  }
  return out;
}
// Only files that mention process_creation are parsed (the rest cannot be process_creation rules).
const sources = readdirSync(corpus)
  .filter((d) => d.startsWith('rules'))
  .flatMap((d) => walk(join(corpus, d)))
  .map((file) => ({ text: readFileSync(file, 'utf8'), file }))
  .filter((s) => s.text.includes('process_creation'));
const all = loadCollection(sources);
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const collection = { ...all, rules, correlations: [], filters: [] };

let t0 = performance.now();
const indexed = compileRuleSet(collection, { logsource: windowsLogsource });
const compileMs = performance.now() - t0;
const fullScan = compileRuleSet(collection, { logsource: windowsLogsource, mode: 'full-scan' });
const unsupported = indexed.diagnostics.filter((d) => d.severity === 'error');

// Warm-up (JIT, and the route's prefilter which is built lazily), not timed.
for (const e of generateProcessEvents(5_000, SEED + 1)) indexed.match(e);

let matchMs = 0;
let matches = 0;
let matchedEvents = 0;
const perRule = new Map();
for (let done = 0; done < EVENTS; done += CHUNK) {
  // Events arrive as NDJSON text, as from a log shipper: parsing is not timed, matching is.
  const ndjson = generateProcessEvents(Math.min(CHUNK, EVENTS - done), SEED + done).map((e) => JSON.stringify(e)).join('\n');
  const chunk = readEvents(ndjson).events;
  // CPU time of this process, not wall time: the figure is per core and robust to a busy machine.
  const start = process.cpuUsage();
  for (const e of chunk) {
    const m = indexed.match(e);
    if (m.length > 0) {
      matchedEvents++;
      matches += m.length;
      for (const x of m) perRule.set(x.rule, (perRule.get(x.rule) ?? 0) + 1);
    }
  }
  const used = process.cpuUsage(start);
  matchMs += (used.user + used.system) / 1000;
}
const eps = EVENTS / (matchMs / 1000);

// Reference check: the same slice in both modes must give the same matches.
const slice = generateProcessEvents(5_000, SEED);
const c0 = process.cpuUsage();
const ref = slice.map((e) => fullScan.match(e));
const c1 = process.cpuUsage(c0);
const fullMs = (c1.user + c1.system) / 1000;
const same = slice.every((e, i) => JSON.stringify(indexed.match(e)) === JSON.stringify(ref[i]));

const rssMb = resourceUsage().maxRSS / 1024;
globalThis.gc?.();
const heapMb = process.memoryUsage().heapUsed / 1048576;
console.log(`rules loaded: ${rules.length} windows/process_creation (${indexed.conditionCount} conditions; ${unsupported.length} conditions not evaluable)`);
console.log(`events: ${EVENTS} synthetic Sysmon EID 1 (seed ${SEED}); events with a match: ${matchedEvents}; matches: ${matches}; distinct rules fired: ${perRule.size}`);
console.log(`full-scan reference on ${slice.length} events: ${(slice.length / (fullMs / 1000)).toFixed(0)} events/s; identical matches: ${same}`);
console.log(`events/s are per core: ${EVENTS} events / CPU time (user + system) of the match loop; load average ${loadavg()[0].toFixed(1)}`);
console.log(`BENCH evaluator.compile_ms: ${compileMs.toFixed(0)} ms`);
console.log(`BENCH evaluator.process_creation.events_per_s: ${eps.toFixed(0)} events/s`);
console.log(`BENCH evaluator.full_scan.events_per_s: ${(slice.length / (fullMs / 1000)).toFixed(0)} events/s`);
console.log(`BENCH evaluator.peak_rss: ${rssMb.toFixed(0)} MB`);
console.log(`BENCH evaluator.heap_after_gc: ${heapMb.toFixed(0)} MB`);
if (!same) {
  console.error('indexed and full-scan modes disagree');
  process.exit(1);
}
