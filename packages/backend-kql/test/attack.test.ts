import { loadCollection } from '@sigmats/core';
import { expect, it } from 'vitest';
import { tactics } from '../src/formats/attack.js';

const rule = (tags: string[]) =>
  loadCollection([{ file: 'r.yml', text: `title: t\ntags:\n${tags.map((t) => `    - ${t}\n`).join('')}logsource:\n    category: process_creation\n    product: windows\ndetection:\n    sel:\n        Image: x\n    condition: sel\n` }]).rules[0]!;

it('Sentinel tactics come from the shared ATT&CK table: v19 stealth is DefenseEvasion; TA0112 has no Sentinel value', () => {
  expect(tactics(rule(['attack.stealth', 'attack.defense-evasion', 'attack.defense-impairment', 'attack.command_and_control', 'attack.t1219']))).toEqual([
    'DefenseEvasion',
    'CommandAndControl',
  ]);
});
