// Parses and converts every SigmaHQ rule under rules/ with both Sumo backends (log search `sumo`, Cloud SIEM
// `sumo-cse`), with the built packages.
// Usage: node packages/backend-sumo/bench/convert.bench.mjs   (SIGMAHQ_DIR overrides the corpus location)
// Reference: the official SumoLogic/pySigma-backend-sumologic (CSE) converts 3,023 of these 3,141 rules in 41 s.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sigmahq = process.env.SIGMAHQ_DIR ?? resolve(here, '../../../../shared/sigmahq');
const dir = join(sigmahq, 'rules');
if (!existsSync(dir)) {
  console.error(`SigmaHQ corpus not found at ${dir}: set SIGMAHQ_DIR`);
  process.exit(1);
}
function walk(d, out = []) {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.yml')) out.push(p);
  }
  return out;
}

const tStart = performance.now();
const core = await import(process.env.SIGMATS_CORE ?? '@sigmats/core');
const { sumo, sumoCse } = await import(process.env.SIGMATS_SUMO ?? '../dist/index.js');
const tImport = performance.now() - tStart;
const sources = walk(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

let rss = process.memoryUsage().rss;
const sample = () => {
  rss = Math.max(rss, process.memoryUsage().rss);
};

// Parse once, as a CLI run converting to both targets would.
const t0 = performance.now();
const collection = core.loadCollection(sources);
const tParse = performance.now() - t0;
sample();
const rules = collection.rules.length;
console.log(`corpus: ${sources.length} files, ${rules} rules; import ${tImport.toFixed(0)} ms, parse ${tParse.toFixed(0)} ms`);

for (const [name, backend, formats] of [
  ['sumo', sumo, ['scheduled-search']],
  ['sumo_cse', sumoCse, ['cse-rule']],
]) {
  // Cold: the first conversion in the process (JIT not warm), as a CLI run does it.
  const t1 = performance.now();
  const result = backend.convert(collection);
  const cold = performance.now() - t1;
  sample();
  // Warm: median of 5 passes.
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    backend.convert(collection);
    times.push(performance.now() - t);
    sample();
  }
  times.sort((a, b) => a - b);
  const warm = times[2];
  const tf = performance.now();
  for (const format of formats) backend.convert(collection, { format });
  const formatsMs = performance.now() - tf;
  sample();
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const total = tParse + cold;
  console.log(
    `${backend.id}: ${result.rules.length}/${rules} converted, ${errors} errors; convert ${cold.toFixed(0)} ms (cold), ${warm.toFixed(0)} ms (warm median), ${formats.join('+')} ${formatsMs.toFixed(0)} ms`,
  );
  console.log(`BENCH ${name}.parse_convert.rules_per_s: ${Math.round((rules / total) * 1000)} rules/s`);
  console.log(`BENCH ${name}.parse_convert.total_ms: ${total.toFixed(0)} ms`);
  console.log(`BENCH ${name}.convert.cold_ms: ${cold.toFixed(0)} ms`);
  console.log(`BENCH ${name}.convert.warm_ms: ${warm.toFixed(0)} ms`);
  console.log(`BENCH ${name}.convert.warm_rules_per_s: ${Math.round((rules / warm) * 1000)} rules/s`);
  console.log(`BENCH ${name}.converted_rules: ${result.rules.length} rules`);
}
const maxRssMb = Math.max(rss / 1048576, resourceUsage().maxRSS / 1024);
console.log(`BENCH sumo.peak_rss: ${maxRssMb.toFixed(0)} MB`);
