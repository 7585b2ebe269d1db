import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource, readEvents } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = ['rules','rules-emerging-threats','rules-threat-hunting'].flatMap(d=>walk(join(corpus,d))).filter(f => readFileSync(f,'utf8').includes('process_creation'));
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource });
const evs = readEvents(generateProcessEvents(60000, 7).map(e=>JSON.stringify(e)).join('\n')).events;
for (const e of evs.slice(0, 5000)) set.match(e);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
const c0 = process.cpuUsage(); for (const e of evs) set.match(e); const c = process.cpuUsage(c0); console.log('eps/cpu', (evs.length / ((c.user + c.system) / 1e6)).toFixed(0));
const { profile: p } = await s.post('Profiler.stop');
const self=new Map(); const byId=new Map(p.nodes.map(n=>[n.id,n])); const dt=p.timeDeltas; const counts=new Map();
p.samples.forEach((x,i)=>counts.set(x,(counts.get(x)||0)+(dt[i]||0)));
let total=0; for (const [id,tt] of counts){const n=byId.get(id); if (n.callFrame.functionName==='dispatch'||n.callFrame.functionName==='(idle)'||n.callFrame.functionName==='(program)') continue; total+=tt; const k=n.callFrame.functionName+' '+n.callFrame.url.split('/').pop()+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+tt);}
[...self.entries()].sort((a,b)=>b[1]-a[1]).slice(0,22).forEach(([k,tt])=>console.log((100*tt/total).toFixed(1)+'%',k));
