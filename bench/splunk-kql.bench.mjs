// Issue #4's joint figure: the SigmaHQ rules/ corpus parsed once and converted by both the Splunk and the KQL
// (Defender XDR) backends, cold, in one process — what `sigmats convert -t splunk,kql` does.
// Reference: pySigma takes about 11 s (Splunk) + 20 s (KQL with microsoft_xdr) on this machine; target < 1 s.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ruleFiles, rssSampler } from './lib.mjs';

const mem = rssSampler();
const sources = ruleFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const tImport = performance.now();
const core = await import('../packages/core/dist/index.js');
const { splunkBackend } = await import('../packages/backend-splunk/dist/index.js');
const { kqlBackend } = await import('../packages/backend-kql/dist/index.js');
const importMs = performance.now() - tImport;

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
const rules = collection.rules.length;

console.log(`corpus: ${sources.length} files, ${rules} rules; splunk ${spl.rules.length} converted, kql ${kql.rules.length} converted`);
console.log(`import ${importMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms, splunk ${splunkMs.toFixed(0)} ms, kql ${kqlMs.toFixed(0)} ms (all cold)`);
console.log(`BENCH splunk_kql.total_ms: ${totalMs.toFixed(0)} ms`);
console.log(`BENCH splunk_kql.cpu_ms: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
console.log(`BENCH splunk_kql.rules_per_s: ${Math.round((rules / totalMs) * 1000)} rules/s`);
console.log(`BENCH splunk_kql.peak_rss_mb: ${mem.peakMb().toFixed(0)} MB`);
