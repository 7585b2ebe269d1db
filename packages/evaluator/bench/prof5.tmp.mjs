import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = ['rules','rules-emerging-threats','rules-threat-hunting'].flatMap(d=>walk(join(corpus,d))).filter(f => readFileSync(f,'utf8').includes('process_creation'));
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource });
const evs = generateProcessEvents(20000, 7);
set.match(evs[0]);
const pf = [...set.routes.values()][0];
for (let k=0;k<3;k++){ let t=performance.now(); for (const e of evs) set.match(e); console.log('match eps', (evs.length/((performance.now()-t)/1000)).toFixed(0)); }
let t=performance.now(); let c=0; for (const e of evs) pf.candidates(set.view(e), ()=>c++); console.log('cand eps', (evs.length/((performance.now()-t)/1000)).toFixed(0), 'avg cand', c/evs.length);
const cost = new Map(); const cnt=new Map();
for (const e of evs) { const v=set.view(e); pf.candidates(v, (i)=>{ const t0=performance.now(); set.entries[i].test(v); cost.set(i,(cost.get(i)??0)+performance.now()-t0); cnt.set(i,(cnt.get(i)??0)+1); }); }
const top=[...cost.entries()].sort((a,b)=>b[1]-a[1]).slice(0,20);
let tot=0; for (const v of cost.values()) tot+=v; console.log('eval total us/event', (tot*1000/evs.length).toFixed(1));
for (const [i,ms] of top) { const r=set.rules[set.entries[i].rule]; console.log((ms*1000/evs.length).toFixed(2)+'us/ev', cnt.get(i), r.key, r.rule.title, JSON.stringify(set.entries[i].clauses).slice(0,120)); }
