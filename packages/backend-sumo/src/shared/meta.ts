import { attackTactic } from '@sigmats/core';
import type { DocumentMeta, RuleLevel } from '@sigmats/core';

/** CSE tags `_mitreAttackTactic:TA00xx` / `_mitreAttackTechnique:T1219` from Sigma `attack.*` tags. */
export function mitreTags(doc: DocumentMeta): string[] {
  const out: string[] = [];
  for (const t of doc.tags) {
    if (t.namespace !== 'attack') continue;
    const name = t.name.toLowerCase();
    const tactic = attackTactic(name);
    if (tactic) out.push(`_mitreAttackTactic:${tactic.id}`);
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
