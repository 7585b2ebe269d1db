import type { Tag } from '@sigmats/core';
import { TACTIC_ALIASES, TACTICS, TECHNIQUE_TABLE } from './attack-data.js';

export interface AttackRef {
  readonly id: string;
  /** Undefined when the ID is not in our table: we never make a name up. */
  readonly name?: string;
  readonly url: string;
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

function technique(id: string): AttackTechnique {
  const info = TECHNIQUE_TABLE.get(id);
  const ref = { id, ...(info ? { name: info.name } : {}), url: techniqueUrl(id) };
  if (!id.includes('.')) return ref;
  const parentId = id.split('.')[0]!;
  const parent = TECHNIQUE_TABLE.get(parentId);
  return { ...ref, parent: { id: parentId, ...(parent ? { name: parent.name } : {}), url: techniqueUrl(parentId) } };
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
        warnings.push({ message: `ATT&CK technique ${id} is not in the sigmats technique table; linked without a name`, tag });
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
        const tactic = TACTIC_BY_ID.get(id)!;
        tactics.set(id, { id, name: tactic.name, url: tacticUrl(id) });
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
