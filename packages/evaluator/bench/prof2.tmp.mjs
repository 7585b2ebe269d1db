import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = ['rules','rules-emerging-threats','rules-threat-hunting'].flatMap(d=>walk(join(corpus,d))).filter(f => readFileSync(f,'utf8').includes('process_creation'));
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource, mode: process.env.MODE ?? 'indexed' });
const { readEvents } = await import('/work/main/packages/evaluator/dist/index.js');
const evs = readEvents(generateProcessEvents(Number(process.env.N ?? 30000), 7).map(e=>JSON.stringify(e)).join('\n')).events;
set.match(evs[0]);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
let t=performance.now(); for (const e of evs) set.match(e); console.log('eps', evs.length/((performance.now()-t)/1000));
const { profile: p } = await s.post('Profiler.stop');
const self=new Map(); const byId=new Map(p.nodes.map(n=>[n.id,n]));
const dt=p.timeDeltas; const counts=new Map();
p.samples.forEach((x,i)=>counts.set(x,(counts.get(x)||0)+(dt[i]||0)));
for (const [id,tt] of counts){const n=byId.get(id);const k=n.callFrame.functionName+' '+n.callFrame.url.split('/').pop()+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+tt);}
const lt=new Map(); for (const n of p.nodes) if (n.callFrame.functionName==="candidates"||n.callFrame.functionName==="scan") for (const t of (n.positionTicks??[])) lt.set(n.callFrame.functionName+":"+t.line,(lt.get(n.callFrame.functionName+":"+t.line)??0)+t.ticks); console.log([...lt.entries()].sort((a,b)=>b[1]-a[1]).slice(0,12));
[...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,30).forEach(([k,tt])=>console.log((tt/1000).toFixed(0)+'ms',k));
const parent=new Map(); for (const n of p.nodes) for (const c of (n.children??[])) parent.set(c, n.id);
const callers=new Map(); for (const [id,tt] of counts){ const n=byId.get(id); if (n.callFrame.functionName!=="dispatch") continue; let pid=parent.get(id); const pn=byId.get(pid); const k=pn.callFrame.functionName+" "+pn.callFrame.url.split("/").pop()+":"+pn.callFrame.lineNumber; callers.set(k,(callers.get(k)||0)+tt);} console.log("dispatch callers", [...callers.entries()].sort((a,b)=>b[1]-a[1]).slice(0,10));
