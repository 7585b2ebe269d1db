import { readFileSync } from 'node:fs';
import { loadCollection, lowerRule } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents } from '/work/main/packages/evaluator/dist/index.js';
const f = '/work/shared/sigmahq/rules/windows/process_creation/proc_creation_win_susp_local_system_owner_account_discovery.yml';
const col = loadCollection([{ text: readFileSync(f, 'utf8'), file: f }]);
const set = compileRuleSet(col, { mode: 'full-scan' });
const evs = generateProcessEvents(20000, 7);
const e = set.entries[0];
for (let k = 0; k < 3; k++) { const t = performance.now(); for (const ev of evs) e.test(set.view(ev)); console.log('us/eval', ((performance.now() - t) * 1000 / evs.length).toFixed(2)); }
const x = lowerRule(col.rules[0])[0];
const show = (e, d=0) => { if (e.kind==='match') return ' '.repeat(d)+e.field+' '+e.value.kind+' '+JSON.stringify(e.value.parts ?? e.value.pattern ?? '')+'\n'; if (e.kind==='not') return ' '.repeat(d)+'NOT\n'+show(e.operand,d+1); return ' '.repeat(d)+e.kind+'\n'+e.operands.map(o=>show(o,d+1)).join(''); };
console.log(show(x).split('\n').length, show(x).slice(0, 3000));
