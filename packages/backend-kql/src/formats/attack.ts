import type { DocumentMeta } from '@sigmats/core';

/** Sigma ATT&CK tactic tags → the CamelCase tactic names Sentinel and Defender use. */
const TACTICS: Readonly<Record<string, string>> = {
  reconnaissance: 'Reconnaissance',
  'resource-development': 'ResourceDevelopment',
  'initial-access': 'InitialAccess',
  execution: 'Execution',
  persistence: 'Persistence',
  'privilege-escalation': 'PrivilegeEscalation',
  'defense-evasion': 'DefenseEvasion',
  'credential-access': 'CredentialAccess',
  discovery: 'Discovery',
  'lateral-movement': 'LateralMovement',
  collection: 'Collection',
  exfiltration: 'Exfiltration',
  'command-and-control': 'CommandAndControl',
  impact: 'Impact',
};

/** Tactics in tag order, without duplicates (older `attack.lateral_movement` spelling accepted). */
export function tactics(doc: DocumentMeta): string[] {
  const out: string[] = [];
  for (const t of doc.tags) {
    if (t.namespace.toLowerCase() !== 'attack') continue;
    const name = TACTICS[t.name.toLowerCase().replaceAll('_', '-')];
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Technique ids (`T1021`, `T1021.006`) in tag order. */
export function techniques(doc: DocumentMeta): string[] {
  const out: string[] = [];
  for (const t of doc.tags) {
    if (t.namespace.toLowerCase() !== 'attack' || !/^t\d{4}(\.\d{3})?$/i.test(t.name)) continue;
    const id = t.name.toUpperCase();
    if (!out.includes(id)) out.push(id);
  }
  return out;
}
