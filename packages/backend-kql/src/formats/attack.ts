import { attackTactic } from '@sigmats/core';
import type { DocumentMeta } from '@sigmats/core';

/**
 * ATT&CK tactic ids → the tactic values Sentinel and Defender accept. The tag is resolved by core's tactic table,
 * so `attack.stealth` (ATT&CK v19) and `attack.defense-evasion` both give TA0005 → DefenseEvasion. Defense
 * Impairment (TA0112, v19) has no documented Sentinel value yet and is left out.
 */
const SENTINEL_TACTICS: Readonly<Record<string, string>> = {
  TA0043: 'Reconnaissance',
  TA0042: 'ResourceDevelopment',
  TA0001: 'InitialAccess',
  TA0002: 'Execution',
  TA0003: 'Persistence',
  TA0004: 'PrivilegeEscalation',
  TA0005: 'DefenseEvasion',
  TA0006: 'CredentialAccess',
  TA0007: 'Discovery',
  TA0008: 'LateralMovement',
  TA0009: 'Collection',
  TA0010: 'Exfiltration',
  TA0011: 'CommandAndControl',
  TA0040: 'Impact',
};

/** Tactics in tag order, without duplicates (older `attack.lateral_movement` spelling accepted). */
export function tactics(doc: DocumentMeta): string[] {
  const out: string[] = [];
  for (const t of doc.tags) {
    if (t.namespace.toLowerCase() !== 'attack') continue;
    const tactic = attackTactic(t.name);
    const name = tactic && SENTINEL_TACTICS[tactic.id];
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
