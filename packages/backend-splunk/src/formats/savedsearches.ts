import { trimTrailing, type DocumentMeta, type RuleLevel } from '@sigmats/core';
import type { SplunkOptions } from '../options.js';

/**
 * savedsearches.conf. Values spanning lines end each line but the last with a backslash (the .conf
 * continuation); a line of text that itself ends with a backslash loses it, since it would otherwise
 * continue the value silently.
 */

/** Splunk alert.severity: 1 debug, 2 info, 3 warn, 4 error, 5 severe, 6 fatal. */
export const SEVERITY: Readonly<Record<RuleLevel, number>> = {
  informational: 2,
  low: 3,
  medium: 4,
  high: 5,
  critical: 6,
};

export const DEFAULT_STANZA = ['[default]', 'dispatch.earliest_time = -30d', 'dispatch.latest_time = now'].join('\n');

/**
 * Stanza name: no brackets, no line breaks. A name left empty (`[]`) or `default` (the stanza every other one
 * inherits from) would not be this search: those get a ` (Sigma rule)` suffix instead.
 */
export function stanzaName(title: string): string {
  const name = title.replace(/[[\]]/g, '').replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (name === '') return 'Sigma rule';
  return /^default$/i.test(name) ? `${name} (Sigma rule)` : name;
}

/** `key = value` with multi-line continuation. */
export function confValue(key: string, value: string): string {
  const lines = trimTrailing(value.replace(/\r\n?/g, '\n'), '\n')
    .split('\n')
    .map((l) => trimTrailing(l, '\\').trimEnd());
  return `${key} = ${lines.join(' \\\n')}`;
}

/** MITRE ATT&CK technique ids from `attack.tNNNN[.NNN]` tags, upper-cased. */
export function mitreTechniques(meta: DocumentMeta): string[] {
  return meta.tags
    .filter((t) => t.namespace === 'attack' && /^t\d{4}(\.\d{3})?$/i.test(t.name))
    .map((t) => t.name.toUpperCase());
}

export function savedSearchStanza(meta: DocumentMeta, name: string, search: string, o: SplunkOptions): string {
  const lines = [`[${stanzaName(name)}]`];
  if (meta.description) lines.push(confValue('description', meta.description));
  lines.push(confValue('search', search));
  lines.push(`cron_schedule = ${o.cron}`);
  lines.push('enableSched = 1');
  lines.push(`dispatch.earliest_time = ${o.earliest}`);
  lines.push(`dispatch.latest_time = ${o.latest}`);
  lines.push('counttype = number of events', 'relation = greater than', 'quantity = 0', 'alert.track = 1');
  if (meta.level) lines.push(`alert.severity = ${SEVERITY[meta.level]}`);
  const techniques = mitreTechniques(meta);
  if (techniques.length > 0) {
    lines.push(`action.correlationsearch.annotations = ${JSON.stringify({ mitre_attack: techniques })}`);
  }
  return lines.join('\n');
}
