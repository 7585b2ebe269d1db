import { describe, expect, it } from 'vitest';
import { ATTACK_TACTICS, attackTactic } from '@sigmats/core';

describe('attackTactic', () => {
  const table: [string, { id: string; name: string } | undefined][] = [
    ['command-and-control', { id: 'TA0011', name: 'Command and Control' }],
    ['command_and_control', { id: 'TA0011', name: 'Command and Control' }],
    ['Lateral-Movement', { id: 'TA0008', name: 'Lateral Movement' }],
    ['stealth', { id: 'TA0005', name: 'Stealth' }],
    ['defense-impairment', { id: 'TA0112', name: 'Defense Impairment' }],
    ['defense-evasion', { id: 'TA0005', name: 'Stealth (formerly Defense Evasion)' }],
    ['t1219', undefined],
    ['ta0011', undefined],
    ['', undefined],
  ];
  it.each(table)('%s', (tag, expected) => {
    const t = attackTactic(tag);
    expect(t === undefined ? undefined : { id: t.id, name: t.name }).toEqual(expected);
  });

  it('knows the 15 ATT&CK v19 tactics, each id once', () => {
    expect(ATTACK_TACTICS).toHaveLength(15);
    expect(new Set(ATTACK_TACTICS.map((t) => t.id)).size).toBe(15);
  });
});
