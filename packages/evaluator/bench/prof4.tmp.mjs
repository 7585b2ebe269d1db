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
const per = new Map(); const ex = new Map();
for (const e of evs) for (const m of set.match(e)) { per.set(m.rule+' '+m.title, (per.get(m.rule+' '+m.title)??0)+1); if (!ex.has(m.rule+' '+m.title)) ex.set(m.rule+' '+m.title, e.Image+' | '+e.CommandLine.slice(0,120)+' | '+e.ParentImage); }
for (const [k,v] of [...per.entries()].sort((a,b)=>b[1]-a[1]).slice(0,25)) console.log(v, k, '\n     ', ex.get(k));
const kwRules = set.entries.filter(e => JSON.stringify(e.clauses).includes('keywords')).map(e=>set.rules[e.rule].key+' '+set.rules[e.rule].rule.title); console.log(kwRules);
