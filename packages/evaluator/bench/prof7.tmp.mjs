import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = ['rules','rules-emerging-threats','rules-threat-hunting'].flatMap(d=>walk(join(corpus,d)));
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource });
const evs = generateProcessEvents(20000, 7);
set.match(evs[0]);
const pf = [...set.routes.values()][0];
const cpu = (f) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
for (let k=0;k<3;k++){
  console.log('match eps/cpu', (evs.length / cpu(() => { for (const e of evs) set.match(e); })).toFixed(0),
   'cand', (evs.length / cpu(() => { for (const e of evs) pf.candidates(set.view(e), () => {}); })).toFixed(0),
   'view+texts', (evs.length / cpu(() => { for (const e of evs) { const v = set.view(e); for (const f of pf.fields) v.texts(f.field, false); } })).toFixed(0));
}
// target pairs processed per event, and the heaviest literals
const heavy = new Map(); let pairs = 0;
for (const e of evs.slice(0, 2000)) { const v = set.view(e); for (const f of pf.fields) { const seen = new Set(); for (const t of (f.field.startsWith('\0') ? v.keywordTexts(false) : v.texts(f.field, false))) f.ac.scan(t, (id) => { if (seen.has(id)) return; seen.add(id); pairs += f.targets[id].length / 2; const k = f.field + ' ' + JSON.stringify([...f.literalsDebug ?? []][id] ?? id); heavy.set(k, (heavy.get(k) ?? 0) + f.targets[id].length / 2); }); } }
console.log('pairs/event', pairs / 2000);
console.log([...heavy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15));
