// Batch conversion through the built binary: the SigmaHQ rules folder, one target and all four targets.
// Prints `BENCH cli.corpus_splunk_rules_per_s`, `BENCH cli.corpus_all_s` and the peak RSS of the process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preloadFile, STDERR_RESOURCE_PROBE } from '../../../bench/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const bin = join(here, '..', 'dist', 'bin.cjs');
const corpus = process.env.SIGMAHQ_DIR ?? join(root, '..', 'shared', 'sigmahq');
const rules = join(corpus, 'rules');

if (!existsSync(bin)) {
  console.error(`missing ${bin}: build first (cd packages/cli && npx tsup)`);
  process.exit(1);
}
if (!existsSync(rules)) {
  console.error(`SigmaHQ corpus not found at ${corpus} (set SIGMAHQ_DIR)`);
  process.exit(1);
}

const PROBE = preloadFile(STDERR_RESOURCE_PROBE);

function run(target) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', PROBE, bin, 'convert', '-t', target, '--json', rules], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    console.error(`exit ${r.status}: ${r.stderr.slice(-2000)}`);
    process.exit(1);
  }
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1));
  const [, rss, cpu] = /PROBE (\d+) (\d+)/.exec(r.stderr) ?? [];
  return { ms, summary, rssMb: Number(rss) / 1024, cpuMs: Number(cpu) / 1000 };
}

/** Median wall time of `n` runs (a cold process varies by about ±10% on this VM). */
function median(target, n) {
  const runs = Array.from({ length: n }, () => run(target)).sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(n / 2)];
}

const one = run('splunk');
// Issue #4's pair, end to end as a user runs it: process start, reading the files, converting, writing the output.
const pair = median('splunk,kql', 3);
const all = run('all');
const files = one.summary.files;
console.log(`convert -t splunk: ${files} rule files in ${one.ms.toFixed(0)} ms wall, ${one.cpuMs.toFixed(0)} ms CPU, peak RSS ${one.rssMb.toFixed(0)} MB; converted ${one.summary.targets[0].converted}`);
console.log(`convert -t splunk,kql: ${pair.ms.toFixed(0)} ms wall (median of 3), ${pair.cpuMs.toFixed(0)} ms CPU, peak RSS ${pair.rssMb.toFixed(0)} MB; ${pair.summary.targets.map((t) => `${t.target} ${t.converted}/${files}`).join(', ')}`);
console.log(`convert -t all: ${all.ms.toFixed(0)} ms wall, ${all.cpuMs.toFixed(0)} ms CPU, peak RSS ${all.rssMb.toFixed(0)} MB; ${all.summary.targets.map((t) => `${t.target} ${t.converted}/${files}`).join(', ')}`);
console.log(`BENCH cli.corpus_splunk_rules_per_s: ${Math.round(files / (one.ms / 1000))} rules/s`);
console.log(`BENCH cli.corpus_splunk_kql_s: ${(pair.ms / 1000).toFixed(2)} s`);
console.log(`BENCH cli.corpus_all_s: ${(all.ms / 1000).toFixed(2)} s`);
console.log(`BENCH cli.corpus_all_peak_rss_mb: ${all.rssMb.toFixed(0)} MB`);
