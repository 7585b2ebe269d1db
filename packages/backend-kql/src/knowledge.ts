// The generated Microsoft knowledge (src/generated/knowledge.ts) in the shapes the pipelines use. Every value
// here comes from a generated row (which cites its vendor source) or names the assumption it rests on.
import { ASSUMPTIONS, CONVERSIONS, SYSMON_TO_ASIM } from './generated/knowledge.js';
import type { Conversion } from './generated/types.js';
import type { Hive } from './pipelines/build.js';

function rows(kind: Conversion['kind']): readonly Conversion[] {
  const r = CONVERSIONS.filter((c) => c.kind === kind);
  if (r.length === 0) throw new Error(`generated knowledge has no ${kind} rows`);
  return r;
}

/** Sysmon registry EventType → ASIM EventType = Defender ActionType (the Sysmon parser's RegistryAction lookup). */
export const REGISTRY_EVENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  rows('registry-event-type').map((c) => [c.from, c.to]),
);

/**
 * Sysmon key prefixes → root keys, from the Sysmon parser's Hives lookup (HKLM, HKU, HKCR). Sysmon never writes
 * HKCU (per-user keys are HKU\<SID>), but rules do: HKEY_CURRENT_USER (assumption defender-registry-hkcu).
 */
export const SYSMON_HIVES: readonly Hive[] = [
  ...rows('registry-hive')
    .filter((c) => /^HK[A-Z]+$/.test(c.from) && c.source.includes('MicrosoftSysmon'))
    .map((c): Hive => [c.from, c.to]),
  ['HKCU', 'HKEY_CURRENT_USER'],
];

/**
 * Sysmon's network Initiated → Defender connection ActionTypes, from the Defender network parser's
 * DirectionLookup: 'true' (the host opened the connection) = the Outbound ActionTypes, 'false' = the Inbound ones.
 */
export const INITIATED_ACTION_TYPES: Readonly<Record<'true' | 'false', readonly string[]>> = {
  true: rows('network-direction').filter((c) => c.to === 'Outbound').map((c) => c.from),
  false: rows('network-direction').filter((c) => c.to === 'Inbound').map((c) => c.from),
};

/**
 * Integrity level names → the SIDs 4688 writes in MandatoryLabel, from the 4688 parser's MandatoryLabelLookup
 * ('High integrity' → S-1-16-12288): Sysmon writes the name without ' integrity' (Low, Medium, High, System).
 */
export const INTEGRITY_SIDS: Readonly<Record<string, string>> = Object.fromEntries(
  rows('integrity-label').map((c) => [c.to.replace(/ integrity$/, ''), c.from]),
);

/** Sysmon field → column of an ASIM view, as Microsoft's Sysmon parser for that view reads it. */
export function sysmonToAsim(view: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of SYSMON_TO_ASIM) if (r.view === view && !(r.sysmonField in out)) out[r.sysmonField] = r.column;
  return out;
}

export { ASSUMPTIONS };
