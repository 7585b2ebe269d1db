/**
 * MITRE ATT&CK Enterprise data for documentation pages, generated from MITRE's data (see
 * attack-techniques.generated.ts and scripts/generate-attack.mjs). IDs not in the data still get their canonical
 * link, never a guessed name, and pages say the ID is newer than the data.
 * Tactics follow ATT&CK v19 (core's table): Defense Evasion (TA0005) was renamed Stealth and Defense Impairment
 * (TA0112) was added. The v18.1 data still files techniques under defense-evasion; a technique's tactics derived from
 * the data show TA0005 under its alias name, and rules that say `attack.stealth` / `attack.defense-impairment` say
 * which of the two v19 tactics they mean.
 */
import { ATTACK_DATA_TACTICS, ATTACK_DATA_TECHNIQUES } from './attack-techniques.generated.js';

export { ATTACK_TACTICS as TACTICS, ATTACK_TACTIC_ALIASES as TACTIC_ALIASES, type AttackTactic as Tactic } from '@sigmats/core';
export { ATTACK_DATA_SOURCE, ATTACK_DATA_VERSION, ATTACK_LICENSE_NOTICE } from './attack-techniques.generated.js';

export interface TechniqueInfo {
  readonly id: string;
  readonly name: string;
  /** Tactic IDs of the technique, as the data files it (a sub-technique's are its own, which equal its parent's). */
  readonly tactics: readonly string[];
  readonly status: 'current' | 'deprecated' | 'revoked';
}

const TACTIC_ID_BY_SHORT = new Map(ATTACK_DATA_TACTICS.map((t) => [t.short, t.id]));
const STATUS = ['current', 'deprecated', 'revoked'] as const;

export const TECHNIQUE_TABLE: ReadonlyMap<string, TechniqueInfo> = new Map(
  ATTACK_DATA_TECHNIQUES.map(([id, name, tactics, status]) => [
    id,
    { id, name, tactics: tactics === '' ? [] : tactics.split(' ').map((s) => TACTIC_ID_BY_SHORT.get(s) ?? s), status: STATUS[status] },
  ]),
);
