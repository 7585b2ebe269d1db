/**
 * MITRE ATT&CK Enterprise tactics, as Sigma `attack.*` tags name them. ATT&CK v19 (2026): Defense Evasion (TA0005)
 * was renamed Stealth and Defense Impairment (TA0112) was added, so there are 15; SigmaHQ rules already use
 * `attack.stealth` and `attack.defense-impairment`. One table for every consumer (backend tags, documentation pages).
 * Source: https://attack.mitre.org/ (ATT&CK is © The MITRE Corporation, used under its terms).
 */

export interface AttackTactic {
  readonly id: string;
  /** Sigma tag form (v2, hyphenated): `attack.lateral-movement`. */
  readonly short: string;
  readonly name: string;
}

export const ATTACK_TACTICS: readonly AttackTactic[] = [
  { id: 'TA0043', short: 'reconnaissance', name: 'Reconnaissance' },
  { id: 'TA0042', short: 'resource-development', name: 'Resource Development' },
  { id: 'TA0001', short: 'initial-access', name: 'Initial Access' },
  { id: 'TA0002', short: 'execution', name: 'Execution' },
  { id: 'TA0003', short: 'persistence', name: 'Persistence' },
  { id: 'TA0004', short: 'privilege-escalation', name: 'Privilege Escalation' },
  { id: 'TA0005', short: 'stealth', name: 'Stealth' },
  { id: 'TA0112', short: 'defense-impairment', name: 'Defense Impairment' },
  { id: 'TA0006', short: 'credential-access', name: 'Credential Access' },
  { id: 'TA0007', short: 'discovery', name: 'Discovery' },
  { id: 'TA0008', short: 'lateral-movement', name: 'Lateral Movement' },
  { id: 'TA0009', short: 'collection', name: 'Collection' },
  { id: 'TA0011', short: 'command-and-control', name: 'Command and Control' },
  { id: 'TA0010', short: 'exfiltration', name: 'Exfiltration' },
  { id: 'TA0040', short: 'impact', name: 'Impact' },
];

/** Older tag names of a tactic: `attack.defense-evasion` is TA0005, shown with its old name. */
export const ATTACK_TACTIC_ALIASES: Readonly<Record<string, { readonly id: string; readonly name: string }>> = {
  'defense-evasion': { id: 'TA0005', name: 'Stealth (formerly Defense Evasion)' },
};

const BY_SHORT = new Map(ATTACK_TACTICS.map((t) => [t.short, t]));

/**
 * The tactic an `attack.<name>` tag names: v2 hyphenated names, older `_` spellings and upper case accepted; a renamed
 * tactic (`defense-evasion`) resolves to its current id with its alias name. Undefined for anything else.
 */
export function attackTactic(tagName: string): { readonly id: string; readonly name: string } | undefined {
  const short = tagName.toLowerCase().replaceAll('_', '-');
  return BY_SHORT.get(short) ?? ATTACK_TACTIC_ALIASES[short];
}
