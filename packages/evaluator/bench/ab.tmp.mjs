import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, windowsLogsource, AhoCorasick } from '/work/main/packages/evaluator/dist/index.js';
const corpus='/work/shared/sigmahq';
function walk(dir, out = []) { for (const name of readdirSync(dir).sort()) { const p = join(dir, name); if (statSync(p).isDirectory()) walk(p, out); else if (name.endsWith('.yml')) out.push(p);} return out; }
const files = ['rules','rules-emerging-threats','rules-threat-hunting'].flatMap(d=>walk(join(corpus,d))).filter(f => readFileSync(f,'utf8').includes('process_creation'));
const all = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
const rules = all.rules.filter((r) => r.logsource.product === 'windows' && r.logsource.category === 'process_creation');
const set = compileRuleSet({ ...all, rules, correlations: [], filters: [] }, { logsource: windowsLogsource });
const evs = generateProcessEvents(20000, 7);
set.match(evs[0]);
const pf = [...set.routes.values()][0];
const lits = new Set(); for (const e of set.entries) for (const c of e.clauses) for (const a of c) if (a.field === 'CommandLine') lits.add(a.literal);
const L = [...lits];
const texts = evs.map(e => e.CommandLine);
const variants = { full: L, suf16: [...new Set(L.map(l => l.slice(-16)))], suf12: [...new Set(L.map(l => l.slice(-12)))], suf8: [...new Set(L.map(l => l.slice(-8)))], pre12: [...new Set(L.map(l => l.slice(0, 12)))] };
const acs = Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, new AhoCorasick(v)]));
for (const [k, ac] of Object.entries(acs)) console.log(k, 'patterns', variants[k].length, 'states', ac.states);
const cpu = (f) => { const c0 = process.cpuUsage(); f(); const c = process.cpuUsage(c0); return (c.user + c.system) / 1e6; };
const res = {};
for (let r = 0; r < 5; r++) for (const [k, ac] of Object.entries(acs)) { let hits = 0; const t = cpu(() => { for (const x of texts) ac.scan(x, () => hits++); }); (res[k] ??= []).push(t * 1e9 / texts.reduce((a, x) => a + x.length, 0)); res[k+'_hits'] = hits / texts.length; }
for (const k of Object.keys(acs)) console.log(k, 'ns/char min', Math.min(...res[k]).toFixed(1), 'median', res[k].sort((a,b)=>a-b)[2].toFixed(1), 'hits/text', res[k+'_hits']);
