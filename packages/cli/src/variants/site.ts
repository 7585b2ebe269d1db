import { TACTICS, TECHNIQUE_TABLE } from './attack-data.js';
import { tacticUrl, techniqueLabel, techniqueUrl, type AttackInfo, type AttackRef } from './attack.js';
import type { PlatformSpec } from './platforms.js';

/**
 * The whole site as data: every rule with its platforms, grouped tactic -> technique -> rules. The index, technique
 * pages, coverage matrix, ATT&CK Navigator layer and search index are all views of it.
 */

export interface SiteRule {
  readonly key: string;
  readonly title: string;
  readonly description?: string;
  readonly level?: string;
  /** Site-relative folder of the rule's pages: `rules/<stem>`. */
  readonly dir: string;
  readonly platforms: readonly PlatformSpec[];
  readonly attack: AttackInfo;
  readonly tags: readonly string[];
  /** Field names the detection reads (search). */
  readonly fields: readonly string[];
  readonly logsource: string;
}

export interface SiteTechnique {
  readonly ref: AttackRef;
  readonly rules: SiteRule[];
}

export interface SiteTactic {
  readonly ref: AttackRef;
  /** Technique IDs under this tactic, sorted. */
  readonly techniques: string[];
}

export interface SiteModel {
  readonly rules: readonly SiteRule[];
  readonly techniques: ReadonlyMap<string, SiteTechnique>;
  readonly tactics: readonly SiteTactic[];
  /** Rules that name no technique. */
  readonly unmapped: readonly SiteRule[];
}

export const UNMAPPED = 'unmapped';

/**
 * The tactics a rule's technique is filed under: those of the rule's tactics the ATT&CK data gives the technique
 * (a rule tagging two tactics and two techniques does not put each technique under both). ATT&CK v19 split Defense
 * Evasion (TA0005, in the data) into Stealth (TA0005) and Defense Impairment (TA0112): a rule that says
 * defense-impairment files its TA0005 technique there. A technique the data lacks, or whose data tactics the rule
 * does not name, goes under the rule's single tactic, else under the data's, else under all of the rule's.
 */
export function filedUnder(technique: string, ruleTactics: readonly AttackRef[]): readonly AttackRef[] {
  const data = TECHNIQUE_TABLE.get(technique)?.tactics ?? [];
  const both = ruleTactics.filter((t) => data.includes(t.id));
  if (both.length > 0) return both;
  const impairment = ruleTactics.filter((t) => t.id === 'TA0112');
  if (data.includes('TA0005') && impairment.length > 0) return impairment;
  if (ruleTactics.length === 1 || data.length === 0) return ruleTactics;
  const byId = new Map(TACTICS.map((t) => [t.id, t]));
  return data.map((id) => ({ id, ...(byId.get(id) ? { name: byId.get(id)!.name } : {}), url: tacticUrl(id) }));
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A rule is filed under each technique it tags (sub-techniques under themselves; the parent technique page lists its
 * sub-techniques' rules too) and each technique under the rule's tactics, or the technique's own when the rule names
 * none. Tactics keep ATT&CK's matrix order (core's v19 table), unknown ones last.
 */
export function buildSite(rules: readonly SiteRule[]): SiteModel {
  const techniques = new Map<string, SiteTechnique>();
  const tacticTechniques = new Map<string, Set<string>>();
  const tacticRefs = new Map<string, AttackRef>();
  const unmapped: SiteRule[] = [];
  for (const rule of rules) {
    const ids = rule.attack.techniques.map((t) => t.id);
    if (ids.length === 0) {
      unmapped.push(rule);
      continue;
    }
    for (const t of rule.attack.techniques) {
      const entry = techniques.get(t.id) ?? { ref: { id: t.id, ...(t.name ? { name: t.name } : {}), url: t.url, ...(t.unknown ? { unknown: t.unknown } : {}) }, rules: [] };
      entry.rules.push(rule);
      techniques.set(t.id, entry);
      // A parent technique gets a page too, listing its sub-techniques' rules.
      if (t.parent && !ids.includes(t.parent.id)) {
        const parent = techniques.get(t.parent.id) ?? { ref: t.parent, rules: [] };
        if (!parent.rules.includes(rule)) parent.rules.push(rule);
        techniques.set(t.parent.id, parent);
      }
      for (const tactic of filedUnder(t.parent?.id ?? t.id, rule.attack.tactics)) {
        tacticRefs.set(tactic.id, tactic);
        const set = tacticTechniques.get(tactic.id) ?? new Set<string>();
        set.add(t.parent?.id ?? t.id);
        if (t.parent) set.add(t.id);
        tacticTechniques.set(tactic.id, set);
      }
    }
  }
  const order = new Map(TACTICS.map((t, i) => [t.id, i]));
  const tactics = [...tacticTechniques.entries()]
    .sort((a, b) => (order.get(a[0]) ?? 99) - (order.get(b[0]) ?? 99) || byId(a[0], b[0]))
    .map(([id, set]) => ({ ref: tacticRefs.get(id) ?? { id, url: tacticUrl(id) }, techniques: [...set].sort(byId) }));
  return { rules, techniques, tactics, unmapped };
}

/** Technique label for lists: `T1219 Remote Access Tools`, or the ID with a note when the data lacks it. */
export function techniqueTitle(id: string): string {
  const info = TECHNIQUE_TABLE.get(id);
  return info ? techniqueLabel({ id, name: info.name, url: techniqueUrl(id) }) : id;
}

/**
 * An ATT&CK Navigator layer (format 4.5) scoring each technique by its number of rules, with a link to its page:
 * what sigma-cli's `analyze attack` gives, so coverage can be opened in MITRE's Navigator.
 */
export function navigatorLayer(site: SiteModel, options: { name: string; baseUrl?: string; attackVersion: string }): Record<string, unknown> {
  const max = Math.max(1, ...[...site.techniques.values()].map((t) => t.rules.length));
  const techniques = [...site.techniques.values()]
    .sort((a, b) => byId(a.ref.id, b.ref.id))
    .map((t) => ({
      techniqueID: t.ref.id,
      score: t.rules.length,
      comment: t.rules
        .slice(0, 50)
        .map((r) => r.title)
        .join('; '),
      enabled: true,
      ...(options.baseUrl ? { links: [{ label: 'Rules and queries', url: `${options.baseUrl.replace(/\/?$/, '/')}techniques/${t.ref.id}.html` }] } : {}),
    }));
  return {
    name: options.name,
    versions: { attack: options.attackVersion.replace(/^v/, '').split('.')[0], navigator: '5.1.0', layer: '4.5' },
    domain: 'enterprise-attack',
    description: `${site.rules.length} rules; score = number of rules per technique`,
    gradient: { colors: ['#e8f0fe', '#1f5fbf'], minValue: 0, maxValue: max },
    legendItems: [],
    showTacticRowBackground: false,
    techniques,
  };
}
