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
console.log(pf.fields.map(f => `${f.field}:${f.ac.states}x${f.ac.width}`).join(' '), 'always', pf.always.length);
const cpu = (f) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
for (let k=0;k<3;k++){
  let nc = 0;
  console.log('match eps/cpu', (evs.length / cpu(() => { for (const e of evs) set.match(e); })).toFixed(0),
   'cand', (evs.length / cpu(() => { for (const e of evs) pf.candidates(set.view(e), () => nc++); })).toFixed(0), 'avg cand', nc / evs.length);
}
