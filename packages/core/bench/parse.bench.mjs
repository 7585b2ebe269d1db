// Parses and validates every SigmaHQ rule under rules/ in one process with the built package.
// Usage: node bench/parse.bench.mjs   (SIGMAHQ_DIR overrides the corpus location)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { ruleFiles } from '../../../bench/lib.mjs';

const t0 = performance.now();
const { parseSigma, loadCollection } = await import('../dist/index.js');
const tImport = performance.now() - t0;
const sources = ruleFiles().map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));

let rss = process.memoryUsage().rss;
const sample = () => { rss = Math.max(rss, process.memoryUsage().rss); };

// First pass: cold JIT (no schema compiling: src/schema/check.ts interprets the schemas). What a one-shot CLI run sees.
const tCold = performance.now();
const cCold = process.cpuUsage();
let docs = 0;
let errors = 0;
for (const s of sources) {
  const r = parseSigma(s.text, s.file);
  docs += r.documents.length;
  errors += r.diagnostics.filter((d) => d.severity === 'error').length;
}
const cold = performance.now() - tCold;
const cu0 = process.cpuUsage(cCold);
const coldCpu = (cu0.user + cu0.system) / 1000;
sample();

// Warm passes: the steady-state throughput.
// Wall time suffers when other processes share the CPUs; CPU time of this process is reported beside it.
const runs = 5;
const times = [];
const cpuTimes = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  for (const s of sources) parseSigma(s.text, s.file);
  const cu = process.cpuUsage(c);
  times.push(performance.now() - t);
  cpuTimes.push((cu.user + cu.system) / 1000);
  sample();
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)];
const cpuMedian = cpuTimes[Math.floor(runs / 2)];

const tColl = performance.now();
const coll = loadCollection(sources);
const collMs = performance.now() - tColl;
sample();

const maxRssMb = Math.max(rss, resourceUsage().maxRSS * 1024) / (1024 * 1024);
console.log(`parsed ${sources.length} files → ${docs} documents, ${errors} errors; collection ${coll.rules.length} rules`);
console.log(`import ${tImport.toFixed(0)} ms, first pass (cold) ${cold.toFixed(0)} ms wall / ${coldCpu.toFixed(0)} ms CPU, warm median ${median.toFixed(0)} ms wall / ${cpuMedian.toFixed(0)} ms CPU, loadCollection ${collMs.toFixed(0)} ms`);
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} (wall times are unreliable when it exceeds the core count)`);
console.log(`BENCH core.parse.cold_ms: ${cold.toFixed(1)} ms`);
console.log(`BENCH core.parse.oneshot_ms: ${(tImport + cold).toFixed(1)} ms`);
console.log(`BENCH core.parse.warm_ms: ${median.toFixed(1)} ms`);
console.log(`BENCH core.parse.warm_cpu_ms: ${cpuMedian.toFixed(1)} ms`);
console.log(`BENCH core.parse.cold_cpu_ms: ${coldCpu.toFixed(1)} ms`);
console.log(`BENCH core.parse.rules_per_s: ${Math.round(sources.length / (median / 1000))} rules/s`);
console.log(`BENCH core.parse.cold_rules_per_s: ${Math.round(sources.length / (cold / 1000))} rules/s`);
console.log(`BENCH core.parse.peak_rss_mb: ${maxRssMb.toFixed(1)} MB`);
