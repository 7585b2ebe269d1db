// Usage (after a build): node --expose-gc fuzz/correlation-heap.mjs [N]. BENCHMARKS.md, "Correlation stream".
// Heap after GC while streaming N events through the value_count correlation: bounded by the window?
import { readFileSync } from 'node:fs';
import { loadCollection } from '../packages/core/dist/index.js';
import { compileRuleSet } from '../packages/evaluator/dist/index.js';
const text = readFileSync(new URL('./bench-correlation.yml', import.meta.url), 'utf8');
const s = compileRuleSet(loadCollection([{ text, file: 'c.yml' }])).stream();
const t0 = Date.UTC(2026, 0, 1);
const n = Number(process.argv[2] ?? 1_000_000);
const started = performance.now();
for (let i = 0; i < n; i++) {
  s.push({ '@timestamp': new Date(t0 + i * 10).toISOString(), EventID: 4625, TargetUserName: `user${i % 7}`, IpAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
  if ((i + 1) % 250_000 === 0) {
    globalThis.gc();
    const st = s.correlationState();
    console.log(`${i + 1} events: heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB after GC; live groups ${st.groups}, window entries ${st.entries}, queued ${st.queued}; ${Math.round(performance.now() - started)} ms`);
  }
}
