import type { Tag } from '@sigmats/core';
import { ATTACK_DATA_VERSION, TACTIC_ALIASES, TACTICS, TECHNIQUE_TABLE } from './attack-data.js';

export interface AttackRef {
  readonly id: string;
  /** Undefined when the ID is not in the ATT&CK data: we never make a name up. */
  readonly name?: string;
  readonly url: string;
  /** Set when the ID is not in the ATT&CK data we generate from (newer than it, or mistyped): pages say so. */
  readonly unknown?: string;
  /** Set when the data marks the technique deprecated or revoked. */
  readonly status?: 'deprecated' | 'revoked';
}

export interface AttackTechnique extends AttackRef {
  /** Set for a sub-technique (T1021.006 → T1021). */
  readonly parent?: AttackRef;
}

export interface AttackInfo {
  readonly tactics: readonly AttackRef[];
  readonly techniques: readonly AttackTechnique[];
  /** Tags we could not resolve, as messages. */
  readonly warnings: readonly { readonly message: string; readonly tag: Tag }[];
}

export function techniqueUrl(id: string): string {
  const [base, sub] = id.split('.');
  return sub === undefined ? `https://attack.mitre.org/techniques/${base}/` : `https://attack.mitre.org/techniques/${base}/${sub}/`;
}

export function tacticUrl(id: string): string {
  return `https://attack.mitre.org/tactics/${id}/`;
}

const TACTIC_BY_SHORT = new Map(TACTICS.map((t) => [t.short, t]));
const TACTIC_BY_ID = new Map(TACTICS.map((t) => [t.id, t]));

const NOT_IN_DATA = `not in the ATT&CK ${ATTACK_DATA_VERSION} data (newer than it, or mistyped)`;

function techniqueRef(id: string): AttackRef {
  const info = TECHNIQUE_TABLE.get(id);
  if (!info) return { id, url: techniqueUrl(id), unknown: NOT_IN_DATA };
  return { id, name: info.name, url: techniqueUrl(id), ...(info.status !== 'current' ? { status: info.status } : {}) };
}

function technique(id: string): AttackTechnique {
  const ref = techniqueRef(id);
  if (!id.includes('.')) return ref;
  return { ...ref, parent: techniqueRef(id.split('.')[0]!) };
}

/**
 * ATT&CK tactics and techniques from `attack.*` tags. Tactics come from tactic tags (v2 `lateral-movement`
 * or v1 `lateral_movement`, or `ta0008`); when a rule names none, from the technique table.
 */
export function attackFromTags(tags: readonly Tag[]): AttackInfo {
  const tactics = new Map<string, AttackRef>();
  const techniques = new Map<string, AttackTechnique>();
  const warnings: { message: string; tag: Tag }[] = [];
  for (const tag of tags) {
    if (tag.namespace.toLowerCase() !== 'attack') continue;
    const name = tag.name.toLowerCase();
    const tech = /^t(\d{4})(?:\.(\d{3}))?$/.exec(name);
    if (tech) {
      const id = `T${tech[1]}${tech[2] ? `.${tech[2]}` : ''}`;
      if (!TECHNIQUE_TABLE.has(id)) {
        warnings.push({ message: `ATT&CK technique ${id} is ${NOT_IN_DATA}; linked without a name`, tag });
      }
      techniques.set(id, technique(id));
      continue;
    }
    const taId = /^ta(\d{4})$/.exec(name);
    const short = name.replace(/_/g, '-');
    const canonical = taId ? TACTIC_BY_ID.get(`TA${taId[1]}`) : TACTIC_BY_SHORT.get(short);
    const tactic = canonical ?? TACTIC_ALIASES[short];
    if (tactic) {
      // The current name wins over an alias's "formerly ..." name for the same ID.
      if (canonical || !tactics.has(tactic.id)) tactics.set(tactic.id, { id: tactic.id, name: tactic.name, url: tacticUrl(tactic.id) });
    } else if (taId) {
      const id = `TA${taId[1]}`;
      warnings.push({ message: `ATT&CK tactic ${id} is not an Enterprise tactic; linked without a name`, tag });
      tactics.set(id, { id, url: tacticUrl(id) });
    } else if (!/^[gs]\d{4}$/.test(name)) {
      // Groups (G0001) and software (S0001) are valid tags that pages do not show.
      warnings.push({ message: `unknown ATT&CK tag 'attack.${tag.name}'`, tag });
    }
  }
  if (tactics.size === 0) {
    for (const t of techniques.values()) {
      const info = TECHNIQUE_TABLE.get(t.id);
      for (const id of info?.tactics ?? []) {
        // The data files Stealth and Defense Impairment techniques under v18's Defense Evasion (TA0005).
        const name = id === 'TA0005' ? TACTIC_ALIASES['defense-evasion']!.name : (TACTIC_BY_ID.get(id)?.name ?? id);
        tactics.set(id, { id, name, url: tacticUrl(id) });
      }
    }
  }
  // Sub-techniques first: the most specific technique names the page's "Other platforms for ...".
  const ordered = [...techniques.values()].sort((a, b) => Number(b.id.includes('.')) - Number(a.id.includes('.')));
  return { tactics: [...tactics.values()], techniques: ordered, warnings };
}

/** "T1021.006 Windows Remote Management", or just the ID when unknown. */
export function techniqueLabel(t: AttackRef): string {
  return t.name ? `${t.id} ${t.name}` : t.id;
}
