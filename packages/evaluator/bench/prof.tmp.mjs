import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = readdirSync(corpus).filter((d) => d.startsWith('rules')).flatMap((d) => walk(join(corpus, d)));
let t=performance.now();
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
console.log('load ms', performance.now()-t, 'rss', process.memoryUsage().rss/1e6);
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource });
const evs = generateProcessEvents(2000, 1);
set.match(evs[0]);
console.log('rss after compile', process.memoryUsage().rss/1e6);
const pf = [...set.routes.values()][0];
console.log('fields', pf.fields.map(f=>[f.field, f.targets.length, f.ac.width, f.ac.delta.length]));
let t1=performance.now(); for (const e of evs) set.match(e); console.log('eps', evs.length/((performance.now()-t1)/1000));
let always=0, never=0; for (const c of pf.clauseCount) { if (c===0) always++; if (c<0) never++; }
console.log('entries', pf.entries.length, 'always', always, 'never', never);
// candidates count
let cand=0; for (const e of evs) { pf.candidates(set.view(e), ()=>cand++); }
console.log('avg candidates', cand/evs.length);
// which always entries
const alw=[]; pf.entries.forEach((e,pos)=>{ if (pf.clauseCount[pos]===0) alw.push(set.rules[set.entries[e].rule].key+' '+set.rules[set.entries[e].rule].rule.title)}); console.log(alw.slice(0,40).join('\n'));
const evs2 = generateProcessEvents(20000, 7);
t=performance.now(); for (const e of evs2) set.match(e); console.log('eps20k', evs2.length/((performance.now()-t)/1000));
t=performance.now(); let c2=0; for (const e of evs2) pf.candidates(set.view(e), ()=>c2++); console.log('cand-only eps', evs2.length/((performance.now()-t)/1000));
// hits per field
const hitsPer = new Map();
for (const f of pf.fields) { let n=0, len=0; for (const e of evs2.slice(0,2000)) { const v=set.view(e); for (const t of (f.field.startsWith('\0')? v.keywordTexts(true): v.texts(f.field,true))) { len+=t.length; f.ac.scan(t, ()=>n++);} } hitsPer.set(f.field, [n/2000, len/2000]); }
console.log(hitsPer);
// literal frequency: top hit literals for CommandLine
const cl = pf.fields.find(f=>f.field==='CommandLine'); const lits=[...new Set()];
