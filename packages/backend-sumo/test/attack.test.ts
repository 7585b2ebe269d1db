import { loadCollection } from '@sigmats/core';
import { expect, it } from 'vitest';
import { mitreTags } from '../src/shared/meta.js';

const rule = (tags: string[]) =>
  loadCollection([{ file: 'r.yml', text: `title: t\ntags:\n${tags.map((t) => `    - ${t}\n`).join('')}logsource:\n    category: process_creation\n    product: windows\ndetection:\n    sel:\n        Image: x\n    condition: sel\n` }]).rules[0]!;

it('CSE tactic tags come from the shared ATT&CK table, v19 tactics included', () => {
  expect(mitreTags(rule(['attack.stealth', 'attack.defense-impairment', 'attack.defense-evasion', 'attack.ta0011', 'attack.t1021.006']))).toEqual([
    '_mitreAttackTactic:TA0005',
    '_mitreAttackTactic:TA0112',
    '_mitreAttackTactic:TA0011',
    '_mitreAttackTechnique:T1021.006',
  ]);
});
