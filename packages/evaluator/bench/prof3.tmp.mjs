import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource, fold } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = ['rules','rules-emerging-threats','rules-threat-hunting'].flatMap(d=>walk(join(corpus,d)));
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource });
const evs = generateProcessEvents(30000, 7);
set.match(evs[0]);
const pf = [...set.routes.values()][0];
for (let k=0;k<2;k++){
let t=performance.now(); for (const e of evs) set.match(e); console.log('match eps', (evs.length/((performance.now()-t)/1000)).toFixed(0));
t=performance.now(); let c=0; for (const e of evs) pf.candidates(set.view(e), ()=>c++); console.log('cand eps', (evs.length/((performance.now()-t)/1000)).toFixed(0), 'avg cand', c/evs.length);
t=performance.now(); for (const e of evs) { const v=set.view(e); for (const f of pf.fields) v.texts(f.field, true); } console.log('fold-only eps', (evs.length/((performance.now()-t)/1000)).toFixed(0));
}
// per-entry evaluation cost
const cost = new Map();
for (const e of evs.slice(0,5000)) { const v=set.view(e); pf.candidates(v, (i)=>{ const t0=performance.now(); set.entries[i].test(v); cost.set(i,(cost.get(i)??0)+performance.now()-t0); }); }
const top=[...cost.entries()].sort((a,b)=>b[1]-a[1]).slice(0,15);
for (const [i,ms] of top) { const r=set.rules[set.entries[i].rule]; console.log(ms.toFixed(1)+'ms', r.key, r.rule.title, JSON.stringify(set.entries[i].clauses).slice(0,150)); }
for (const f of pf.fields) {
  const texts = evs.slice(0, 10000).map(e => set.view(e)).flatMap(v => f.field.startsWith('\0') ? v.keywordTexts(true) : v.texts(f.field, true));
  let n = 0; const t = performance.now(); for (let k=0;k<3;k++) for (const x of texts) f.ac.scan(x, () => n++);
  const ms = (performance.now() - t)/3; const chars = texts.reduce((a, x) => a + x.length, 0);
  console.log(f.field, 'us/event', (ms*1000/10000).toFixed(2), 'ns/char', (ms*1e6/chars).toFixed(1), 'hits/event', (n/3/10000).toFixed(1), 'targets', f.targets.reduce((a,t)=>a+t.length/2,0));
}
