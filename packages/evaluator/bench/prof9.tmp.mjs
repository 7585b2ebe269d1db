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
const evs = generateProcessEvents(10000, 7);
set.match(evs[0]);
const pf = [...set.routes.values()][0];
const cnt = new Map(); const hitsM = new Map();
for (const e of evs) { const v = set.view(e); pf.candidates(v, (i) => { cnt.set(i, (cnt.get(i) ?? 0) + 1); if (set.entries[i].test(v)) hitsM.set(i, (hitsM.get(i) ?? 0) + 1); }); }
for (const [i, n] of [...cnt].sort((a, b) => b[1] - a[1]).slice(0, 25)) { const r = set.rules[set.entries[i].rule]; console.log(n, hitsM.get(i) ?? 0, r.rule.title, JSON.stringify(set.entries[i].clauses.map(c => c.map(a => a.field[0] + ':' + a.literal))).slice(0, 220)); }
