// Parses and converts every SigmaHQ rule under rules/ to KQL (Defender XDR pipeline) with the built packages.
// Usage: node packages/backend-kql/bench/convert.bench.mjs   (SIGMAHQ_DIR overrides the corpus location;
// KQL_BENCH_VALIDATE=all validates every query instead of a 200-query sample).
// Reference: pySigma + sigma-cli take about 20 s for this corpus with the kusto backend and microsoft_xdr.
// The Kusto validator is timed separately: it is a check we run in tests, not part of a conversion.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ruleFiles } from '../../../bench/lib.mjs';


let rss = process.memoryUsage().rss;
const sample = () => {
  rss = Math.max(rss, process.memoryUsage().rss);
};

const tStart = performance.now();
const core = await import(process.env.SIGMATS_CORE ?? '@sigmats/core');
const kql = await import(process.env.SIGMATS_KQL ?? '../dist/index.js');
const tImport = performance.now() - tStart;
const sources = ruleFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));

// Cold: one parse + convert of the whole corpus, as a CLI run does it (backend creation included).
const t0 = performance.now();
const collection = core.loadCollection(sources);
const tParse = performance.now() - t0;
sample();
const t1 = performance.now();
const backend = kql.kqlBackend();
const result = backend.convert(collection);
const tConvert = performance.now() - t1;
sample();
const total = tParse + tConvert;
const rules = collection.rules.length;

// Warm: median of 5 conversion passes (parsing excluded), then the other formats once.
const times = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  backend.convert(collection);
  times.push(performance.now() - t);
  sample();
}
times.sort((a, b) => a - b);
const warm = times[2];
const tFormats = performance.now();
backend.convert(collection, { format: 'sentinel' });
backend.convert(collection, { format: 'defender' });
const formatsMs = performance.now() - tFormats;
sample();
const convertRss = rss;

// Validator, separately: load + warm-up, then a sample (or all) of the emitted queries.
const queries = result.rules.flatMap((r) => r.queries);
const all = process.env.KQL_BENCH_VALIDATE === 'all';
const picked = all ? queries : queries.filter((_, i) => i % Math.max(1, Math.floor(queries.length / 200)) === 0).slice(0, 200);
const tv0 = performance.now();
const { validateKql } = await import('../dist/validate.js');
validateKql('DeviceProcessEvents\n| take 1');
const warmup = performance.now() - tv0;
const tv1 = performance.now();
let invalid = 0;
for (const q of picked) if (validateKql(q).length > 0) invalid++;
const validateMs = performance.now() - tv1;
sample();

console.log(`corpus: ${sources.length} files, ${rules} rules, ${result.rules.length} converted, ${result.diagnostics.length} diagnostics`);
console.log(`import ${tImport.toFixed(0)} ms, parse ${tParse.toFixed(0)} ms, convert ${tConvert.toFixed(0)} ms (warm ${warm.toFixed(0)} ms), sentinel+defender formats ${formatsMs.toFixed(0)} ms`);
console.log(`validator: warm-up ${warmup.toFixed(0)} ms, ${picked.length} queries in ${validateMs.toFixed(0)} ms, ${invalid} invalid`);
console.log(`BENCH kql.corpus.rules_per_s: ${Math.round((rules / total) * 1000)} rules/s`);
console.log(`BENCH kql.corpus.total_ms: ${total.toFixed(0)} ms`);
console.log(`BENCH kql.convert.warm_ms: ${warm.toFixed(0)} ms`);
console.log(`BENCH kql.corpus.converted: ${result.rules.length} rules`);
console.log(`BENCH kql.convert.peak_rss_mb: ${(convertRss / 1048576).toFixed(0)} MB`);
console.log(`BENCH kql.validate.ms_per_query: ${(validateMs / Math.max(1, picked.length)).toFixed(1)} ms`);
console.log(`BENCH kql.validate.peak_rss_mb: ${(rss / 1048576).toFixed(0)} MB`);
if (invalid > 0) process.exit(1);
