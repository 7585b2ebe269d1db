// Applies the backends' built-in pipelines (Splunk `sysmon`, KQL `microsoft_xdr`) to every SigmaHQ rule, with the
// built packages. Usage: node bench/pipeline.bench.mjs   (SIGMAHQ_DIR overrides the corpus location; build core,
// text-query, backend-splunk and backend-kql first: `npx tsup` in each, or root `pnpm bench`).
// Prints the first pass (cold: JIT, per-pipeline caches) and the median of the warm passes, in wall-clock ms.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

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
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

const { loadCollection, applyPipelines, resolvePipelines } = await import('../dist/index.js');
// The backends are not dependencies of core: import their built files by path.
const { kqlBackend } = await import('../../backend-kql/dist/index.js');
const { splunkBackend } = await import('../../backend-splunk/dist/index.js');

const collection = loadCollection(walk(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') })));
const rules = collection.rules;
const kql = typeof kqlBackend === 'function' ? kqlBackend() : kqlBackend;
const splunk = typeof splunkBackend === 'function' ? splunkBackend() : splunkBackend;
const pick = (backend, name) => {
  const info = backend.pipelines.find((p) => p.name === name);
  if (!info) throw new Error(`${backend.id} has no built-in pipeline ${name}`);
  return resolvePipelines([info.pipeline]);
};
const CASES = [
  { name: 'splunk_sysmon', backend: 'splunk', pipelines: pick(splunk, 'sysmon') },
  { name: 'kql_microsoft_xdr', backend: 'kql', pipelines: pick(kql, 'microsoft_xdr') },
];

const WARM = Number(process.env.BENCH_REPS ?? 15);
const pass = (c) => {
  const t = performance.now();
  let errors = 0;
  for (const r of rules) for (const d of applyPipelines(r, c.pipelines, { backend: c.backend }).diagnostics) if (d.severity === 'error') errors++;
  return { ms: performance.now() - t, errors };
};

console.log(`${rules.length} rules from ${dir}`);
for (const c of CASES) {
  globalThis.gc?.();
  const cold = pass(c);
  const warm = [];
  for (let i = 0; i < WARM; i++) warm.push(pass(c).ms);
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  const items = c.pipelines.reduce((n, p) => n + p.items.length, 0);
  console.log(`${c.name}: ${items} items, ${cold.errors} rules' error diagnostics; cold ${cold.ms.toFixed(1)} ms, warm median ${median.toFixed(1)} ms (min ${warm[0].toFixed(1)}, ${WARM} passes)`);
  console.log(`BENCH core.pipeline.${c.name}_cold_ms: ${cold.ms.toFixed(1)} ms`);
  console.log(`BENCH core.pipeline.${c.name}_ms: ${median.toFixed(1)} ms`);
}
