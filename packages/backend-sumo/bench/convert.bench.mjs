// Parses and converts every SigmaHQ rule under rules/ with both Sumo backends (log search `sumo`, Cloud SIEM
// `sumo-cse`), with the built packages. Each backend runs in its own process, so its cold figure includes its own
// JIT warm-up and its peak RSS is its own.
// Usage: node packages/backend-sumo/bench/convert.bench.mjs   (SIGMAHQ_DIR overrides the corpus location)
// Reference: the official SumoLogic/pySigma-backend-sumologic (CSE) converts 3,023 of these 3,141 rules in 41 s.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpuUsage, resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { ruleFiles } from '../../../bench/lib.mjs';

const self = fileURLToPath(import.meta.url);
const only = process.argv[2];
if (only === undefined) {
  let failed = 0;
  for (const backend of ['sumo', 'sumo-cse']) {
    const r = spawnSync(process.execPath, [...process.execArgv, self, backend], { encoding: 'utf8', env: process.env, maxBuffer: 64 << 20 });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    if (r.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}

const cpuMs = (since) => {
  const u = cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const tStart = performance.now();
const core = await import(process.env.SIGMATS_CORE ?? '@sigmats/core');
const { sumo, sumoCse } = await import(process.env.SIGMATS_SUMO ?? '../dist/index.js');
const tImport = performance.now() - tStart;
const backend = only === 'sumo' ? sumo : sumoCse;
const [name, format] = only === 'sumo' ? ['sumo', 'scheduled-search'] : ['sumo_cse', 'cse-rule'];
const sources = ruleFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));

let rss = process.memoryUsage().rss;
const sample = () => {
  rss = Math.max(rss, process.memoryUsage().rss);
};

// Cold: parse + first conversion in a fresh process, as a CLI run does it.
const t0 = performance.now();
const c0 = cpuUsage();
const collection = core.loadCollection(sources);
const tParse = performance.now() - t0;
sample();
const t1 = performance.now();
const c1 = cpuUsage();
const result = backend.convert(collection);
const cold = performance.now() - t1;
const coldCpu = cpuMs(c1);
const totalCpu = cpuMs(c0);
sample();
const rules = collection.rules.length;
// Warm: median of 5 conversion passes.
const times = [];
const cpus = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const c = cpuUsage();
  backend.convert(collection);
  times.push(performance.now() - t);
  cpus.push(cpuMs(c));
  sample();
}
times.sort((a, b) => a - b);
cpus.sort((a, b) => a - b);
const warm = times[2];
const tf = performance.now();
backend.convert(collection, { format });
const formatMs = performance.now() - tf;
sample();
const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
const total = tParse + cold;
const maxRssMb = Math.max(rss / 1048576, resourceUsage().maxRSS / 1024);
console.log(
  `${backend.id}: ${result.rules.length}/${rules} converted, ${errors} error diagnostics; import ${tImport.toFixed(0)} ms, parse ${tParse.toFixed(0)} ms, ` +
    `convert ${cold.toFixed(0)} ms cold (${coldCpu.toFixed(0)} ms CPU), ${warm.toFixed(0)} ms warm median (${cpus[2].toFixed(0)} ms CPU), ${format} ${formatMs.toFixed(0)} ms`,
);
console.log(`BENCH ${name}.parse_convert.rules_per_s: ${Math.round((rules / total) * 1000)} rules/s`);
console.log(`BENCH ${name}.parse_convert.total_ms: ${total.toFixed(0)} ms`);
console.log(`BENCH ${name}.parse_convert.total_cpu_ms: ${totalCpu.toFixed(0)} ms`);
console.log(`BENCH ${name}.convert.cold_ms: ${cold.toFixed(0)} ms`);
console.log(`BENCH ${name}.convert.warm_ms: ${warm.toFixed(0)} ms`);
console.log(`BENCH ${name}.convert.warm_rules_per_s: ${Math.round((rules / warm) * 1000)} rules/s`);
console.log(`BENCH ${name}.converted_rules: ${result.rules.length} rules`);
console.log(`BENCH ${name}.peak_rss: ${maxRssMb.toFixed(0)} MB`);
