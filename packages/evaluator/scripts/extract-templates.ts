/**
 * Extracts one anonymised event template per (Channel, EventID) from SigmaHQ's regression_data (evtx_dump
 * JSON of real events) into src/derive/templates.generated.ts, each with the file it came from.
 *
 * Regenerate: UPDATE_TEMPLATES=1 npx vitest run packages/evaluator/test/derive-templates.test.ts
 * (the same test fails when the committed file drifts from what this script makes of ../shared/sigmahq).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { flattenWindowsEvent } from '../src/windows-event.js';
import { readEvents } from '../src/read-events.js';

export interface ExtractedTemplate {
  readonly channel: string;
  readonly eventId: number;
  /** regression_data file (relative to the SigmaHQ checkout) and the event's index in it. */
  readonly source: string;
  readonly event: Record<string, unknown>;
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Accounts and names every Windows host has: kept as they are. */
const WELL_KNOWN = new Set(
  ['nt authority', 'system', 'local service', 'network service', 'autorite nt', 'window manager', 'font driver host', 'public', 'default', 'all users', 'default user', 'builtin', 'nt service', '-', ''].map((s) => s.toLowerCase()),
);

const ESC = /[.*+?^${}()|[\]\\]/g;

/**
 * Replaces what identifies the lab a recording came from: host and domain names, user names (also in
 * profile paths), domain SIDs and IPv4 addresses. Identifiers are found in the event's own fields, then
 * replaced wherever they occur (token boundaries, any case).
 */
export function anonymise(event: Record<string, unknown>): Record<string, unknown> {
  const map = new Map<string, string>();
  const computer = typeof event['Computer'] === 'string' ? (event['Computer'] as string) : '';
  if (computer) {
    const [host, ...domain] = computer.split('.');
    if (domain.length > 0) map.set(computer.toLowerCase(), 'WORKSTATION01.contoso.local');
    if (host) map.set(host.toLowerCase(), 'WORKSTATION01');
    if (domain.length > 0) map.set(domain.join('.').toLowerCase(), 'contoso.local');
  }
  let users = 0;
  const user = (name: string): void => {
    const key = name.toLowerCase();
    if (WELL_KNOWN.has(key) || map.has(key) || key.endsWith('$') || key.length < 2) return;
    map.set(key, `user${String(++users).padStart(2, '0')}`);
  };
  const domain = (name: string): void => {
    const key = name.toLowerCase();
    if (!WELL_KNOWN.has(key) && !map.has(key) && key.length >= 2) map.set(key, 'CONTOSO');
  };
  for (const [k, v] of Object.entries(event)) {
    if (typeof v !== 'string') continue;
    if (/User$/.test(k) || /UserName$/.test(k) || k === 'AccountName') {
      const m = /^([^\\]+)\\(.+)$/.exec(v);
      if (m) {
        domain(m[1]!);
        user(m[2]!);
      } else user(v);
    } else if (/DomainName$/.test(k) || k === 'AccountDomain') domain(v);
    for (const m of v.matchAll(/[A-Za-z]:\\Users\\([^\\"]+)/gi)) user(m[1]!);
  }
  const keys = [...map.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const re = keys.length === 0 ? undefined : new RegExp(`(?<![A-Za-z0-9_-])(?:${keys.map((k) => k.replace(ESC, '\\$&')).join('|')})(?![A-Za-z0-9_-])`, 'gi');
  const ips = new Map<string, string>();
  const scrub = (s: string): string => {
    let out = re ? s.replace(re, (m) => map.get(m.toLowerCase()) ?? m) : s;
    out = out.replace(/S-1-5-21-\d+-\d+-\d+/g, 'S-1-5-21-1111111111-2222222222-3333333333');
    out = out.replace(/(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g, (ip, a) => {
      if (a === '127' || a === '0' || a === '255' || ip.endsWith('.255')) return ip;
      let r = ips.get(ip);
      if (r === undefined) ips.set(ip, (r = `10.0.0.${ips.size + 10}`));
      return r;
    });
    return out;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) out[k] = typeof v === 'string' ? scrub(v) : v;
  return out;
}

/** One template per (Channel, EventID): the most complete event (most fields), earliest file first. */
export function extractTemplates(sigmahqDir: string): ExtractedTemplate[] {
  const best = new Map<string, ExtractedTemplate>();
  for (const file of jsonFiles(join(sigmahqDir, 'regression_data'))) {
    const { events } = readEvents(readFileSync(file, 'utf8'), file);
    events.forEach((raw, i) => {
      const flat = { ...flattenWindowsEvent(raw) };
      // The nested original would be a stale second copy once a witness overrides fields.
      delete flat['Event'];
      const channel = flat['Channel'];
      const eventId = Number(flat['EventID']);
      if (typeof channel !== 'string' || !Number.isInteger(eventId)) return;
      const key = `${channel}|${eventId}`;
      const prev = best.get(key);
      if (prev && Object.keys(prev.event).length >= Object.keys(flat).length) return;
      const source = `${relative(sigmahqDir, file).split('\\').join('/')}#${i}`;
      best.set(key, { channel, eventId, source, event: anonymise(flat) });
    });
  }
  return [...best.values()].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.eventId - b.eventId));
}

export function renderTemplatesModule(templates: readonly ExtractedTemplate[]): string {
  return [
    '// GENERATED by packages/evaluator/scripts/extract-templates.ts from SigmaHQ regression_data (evtx_dump JSON of real',
    '// events, flattened with flattenWindowsEvent, anonymised). Do not edit.',
    '// Regenerate: UPDATE_TEMPLATES=1 npx vitest run packages/evaluator/test/derive-templates.test.ts',
    "import type { EventTemplate } from './template-types.js';",
    '',
    `export const REGRESSION_TEMPLATES: readonly EventTemplate[] = ${JSON.stringify(
      templates.map((t) => ({ channel: t.channel, eventId: t.eventId, origin: 'regression_data', source: t.source, event: t.event })),
      null,
      2,
    )};`,
    '',
  ].join('\n');
}
