import type { DocumentMeta, RuleLevel } from '@sigmats/core';

/** MITRE ATT&CK tactic ids by the names Sigma tags use (`attack.command-and-control`, older `_` spellings too). */
const TACTICS: Readonly<Record<string, string>> = {
  reconnaissance: 'TA0043',
  'resource-development': 'TA0042',
  'initial-access': 'TA0001',
  execution: 'TA0002',
  persistence: 'TA0003',
  'privilege-escalation': 'TA0004',
  'defense-evasion': 'TA0005',
  'credential-access': 'TA0006',
  discovery: 'TA0007',
  'lateral-movement': 'TA0008',
  collection: 'TA0009',
  exfiltration: 'TA0010',
  'command-and-control': 'TA0011',
  impact: 'TA0040',
};

/** CSE tags `_mitreAttackTactic:TA00xx` / `_mitreAttackTechnique:T1219` from Sigma `attack.*` tags. */
export function mitreTags(doc: DocumentMeta): string[] {
  const out: string[] = [];
  for (const t of doc.tags) {
    if (t.namespace !== 'attack') continue;
    const name = t.name.toLowerCase();
    const tactic = TACTICS[name.replaceAll('_', '-')];
    if (tactic) out.push(`_mitreAttackTactic:${tactic}`);
    else if (/^ta\d{4}$/.test(name)) out.push(`_mitreAttackTactic:${name.toUpperCase()}`);
    else if (/^t\d{4}(\.\d{3})?$/.test(name)) out.push(`_mitreAttackTechnique:${name.toUpperCase()}`);
  }
  return [...new Set(out)];
}

/** CSE severity (0–10) per Sigma level, as the official converter scores them. */
export function cseSeverity(level: RuleLevel | undefined): number {
  switch (level) {
    case 'critical':
      return 8;
    case 'high':
      return 6;
    case 'medium':
      return 3;
    case 'low':
    case 'informational':
    case undefined:
      return 1;
  }
}
