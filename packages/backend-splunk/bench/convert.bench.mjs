// Parses and converts every SigmaHQ rule under rules/ to Splunk SPL with the built packages.
// Usage: node packages/backend-splunk/bench/convert.bench.mjs   (SIGMAHQ_DIR overrides the corpus location)
// Reference: pySigma + sigma-cli take about 11 s for this corpus with the Splunk backend.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { ruleFiles } from '../../../bench/lib.mjs';


const tStart = performance.now();
const core = await import(process.env.SIGMATS_CORE ?? '@sigmats/core');
const { splunkBackend } = await import(process.env.SIGMATS_SPLUNK ?? '../dist/index.js');
const tImport = performance.now() - tStart;
const sources = ruleFiles().map((file) => ({ file, text: readFileSync(file, 'utf8') }));

let rss = process.memoryUsage().rss;
const sample = () => {
  rss = Math.max(rss, process.memoryUsage().rss);
};

// Cold: one parse + convert of the whole corpus, as a CLI run does it.
const t0 = performance.now();
const collection = core.loadCollection(sources);
const tParse = performance.now() - t0;
const t1 = performance.now();
const result = splunkBackend.convert(collection);
const tConvert = performance.now() - t1;
sample();
const total = tParse + tConvert;
const rules = collection.rules.length;
const converted = result.rules.length;

// Warm: median of 5 conversion passes (parsing excluded), and every format once.
const times = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  splunkBackend.convert(collection);
  times.push(performance.now() - t);
  sample();
}
times.sort((a, b) => a - b);
const warm = times[2];
const tFormats = performance.now();
splunkBackend.convert(collection, { format: 'savedsearches' });
const cim = splunkBackend.pipelines.find((p) => p.name === 'cim').pipeline;
splunkBackend.convert(collection, { format: 'data_model', pipelines: [cim] });
const formatsMs = performance.now() - tFormats;
sample();

const maxRssMb = Math.max(rss / 1048576, resourceUsage().maxRSS / 1024);
console.log(`corpus: ${sources.length} files, ${rules} rules, ${converted} converted to SPL, ${result.diagnostics.filter((d) => d.severity === 'error').length} errors`);
console.log(`import ${tImport.toFixed(0)} ms, parse ${tParse.toFixed(0)} ms, convert ${tConvert.toFixed(0)} ms (cold), ${warm.toFixed(0)} ms (warm median), savedsearches + data_model ${formatsMs.toFixed(0)} ms`);
console.log(`BENCH splunk.parse_convert.rules_per_s: ${Math.round((rules / total) * 1000)} rules/s`);
console.log(`BENCH splunk.parse_convert.total_ms: ${total.toFixed(0)} ms`);
console.log(`BENCH splunk.convert.warm_rules_per_s: ${Math.round((rules / warm) * 1000)} rules/s`);
console.log(`BENCH splunk.converted_rules: ${converted} rules`);
console.log(`BENCH splunk.peak_rss: ${maxRssMb.toFixed(0)} MB`);
