// Issue #4's joint figure: the SigmaHQ rules/ corpus parsed once and converted by both the Splunk and the KQL
// (Defender XDR) backends, cold, in one process — what `sigmats convert -t splunk,kql` does.
// Reference: pySigma takes about 11 s (Splunk) + 20 s (KQL with microsoft_xdr) on this machine; target < 1 s.
//
// A cold run varies by ±10% on this VM, so the figure is the median of several fresh processes. Each
// configuration is measured: V8's defaults (any program using the libraries), and V8 as the `sigmats` binary runs
// batch commands (`--no-turbo-inlining`, see packages/cli/src/jit.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ruleFiles, rssSampler } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

if (process.argv[2] === '--child') {
  const mem = rssSampler();
  const sources = ruleFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const core = await import('../packages/core/dist/index.js');
  const { splunkBackend } = await import('../packages/backend-splunk/dist/index.js');
  const { kqlBackend } = await import('../packages/backend-kql/dist/index.js');

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const collection = core.loadCollection(sources);
  const parseMs = performance.now() - t0;
  mem.sample();
  const t1 = performance.now();
  const spl = splunkBackend.convert(collection);
  const splunkMs = performance.now() - t1;
  mem.sample();
  const t2 = performance.now();
  const kql = kqlBackend().convert(collection);
  const kqlMs = performance.now() - t2;
  mem.sample();
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      rules: collection.rules.length,
      splunk: spl.rules.length,
      kql: kql.rules.length,
      parseMs,
      splunkMs,
      kqlMs,
      totalMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakMb: mem.peakMb(),
    }),
  );
} else {
  const self = fileURLToPath(import.meta.url);
  const measure = (flags) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [...flags, self, '--child'], { encoding: 'utf8', maxBuffer: 16 << 20 });
      if (r.status !== 0) {
        process.stderr.write(r.stderr);
        process.exit(1);
      }
      runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)));
    }
    const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    const totals = runs.map((r) => r.totalMs).sort((a, b) => a - b);
    return { first: runs[0], median, totals };
  };
  const report = (label, key, m) => {
    const { first } = m;
    console.log(
      `${label}: median of ${RUNS} cold processes ${m.median('totalMs').toFixed(0)} ms (parse ${m.median('parseMs').toFixed(0)}, splunk ${m.median('splunkMs').toFixed(0)}, kql ${m.median('kqlMs').toFixed(0)}); ` +
        `range ${m.totals[0].toFixed(0)}–${m.totals.at(-1).toFixed(0)} ms; ${m.median('cpuMs').toFixed(0)} ms CPU; ${first.rules} rules, splunk ${first.splunk} converted, kql ${first.kql} converted`,
    );
    console.log(`BENCH ${key}.total_ms: ${m.median('totalMs').toFixed(0)} ms`);
    console.log(`BENCH ${key}.rules_per_s: ${Math.round((first.rules / m.median('totalMs')) * 1000)} rules/s`);
    console.log(`BENCH ${key}.peak_rss_mb: ${m.median('peakMb').toFixed(0)} MB`);
  };
  report('V8 defaults (library use)', 'splunk_kql', measure([]));
  report('V8 as the sigmats binary runs it (--no-turbo-inlining)', 'splunk_kql.cli_jit', measure(['--no-turbo-inlining']));
}
