// The generated Microsoft knowledge (src/generated/knowledge.ts) in the shapes the pipelines use. Every value
// here comes from a generated row (which cites its vendor source) or names the assumption it rests on. They are
// read from the rows' projections (CONVERSION_FACTS, SYSMON_ASIM_COLUMNS), so a browser bundle carries the facts
// and not their citations.
import { CONVERSION_FACTS, SYSMON_ASIM_COLUMNS } from './generated/knowledge.js';
import type { Conversion, ConversionFact } from './generated/types.js';
import type { Hive } from './pipelines/build.js';

/** The generated conversions of a kind, in order (none is a generator/knowledge mismatch: thrown). */
export function conversionRows(kind: Conversion['kind']): readonly ConversionFact[] {
  const r = CONVERSION_FACTS.filter((c) => c[0] === kind);
  if (r.length === 0) throw new Error(`generated knowledge has no ${kind} rows`);
  return r;
}

/** Sysmon registry EventType → ASIM EventType = Defender ActionType (the Sysmon parser's RegistryAction lookup). */
export const REGISTRY_EVENT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  conversionRows('registry-event-type').map((c) => [c[1], c[2]]),
);

/**
 * Sysmon's registry event id from the ASIM EventType / Defender ActionType of a row: Sysmon writes CreateKey, DeleteKey
 * and DeleteValue as event 12 ("RegistryEvent (Object create and delete)"), SetValue as 13 ("Value Set") and RenameKey
 * as 14 ("Key and Value Rename"); each type has one id, so a rule's `EventID` test reads exactly as a test of the type.
 * `otherwise` is the value for a type Sysmon does not write.
 */
export function registryEventIdExpr(typeColumn: string, otherwise: string): string {
  const ids: readonly (readonly [string, readonly string[]])[] = [
    ['12', ['CreateKey', 'DeleteKey', 'DeleteValue']],
    ['13', ['SetValue']],
    ['14', ['RenameKey']],
  ];
  const cases = ids.map(([id, types]) => `${typeColumn} in (${types.map((t) => `"${REGISTRY_EVENT_TYPES[t]!}"`).join(', ')}), "${id}"`);
  return `case(${cases.join(', ')}, ${otherwise})`;
}

/**
 * Sysmon key prefixes → root keys, from the Sysmon parser's Hives lookup (HKLM, HKU, HKCR). Sysmon never writes
 * HKCU (per-user keys are HKU\<SID>), but rules do: HKEY_CURRENT_USER (assumption defender-registry-hkcu).
 */
export const SYSMON_HIVES: readonly Hive[] = [
  ...conversionRows('registry-hive')
    .filter((c) => /^HK[A-Z]+$/.test(c[1]) && c[3].includes('MicrosoftSysmon'))
    .map((c): Hive => [c[1], c[2]]),
  ['HKCU', 'HKEY_CURRENT_USER'],
];

/**
 * Sysmon's network Initiated → Defender connection ActionTypes, from the Defender network parser's
 * DirectionLookup: 'true' (the host opened the connection) = the Outbound ActionTypes, 'false' = the Inbound ones.
 */
export const INITIATED_ACTION_TYPES: Readonly<Record<'true' | 'false', readonly string[]>> = {
  true: conversionRows('network-direction').filter((c) => c[2] === 'Outbound').map((c) => c[1]),
  false: conversionRows('network-direction').filter((c) => c[2] === 'Inbound').map((c) => c[1]),
};

/**
 * Integrity level names → the SIDs 4688 writes in MandatoryLabel, from the 4688 parser's MandatoryLabelLookup
 * ('High integrity' → S-1-16-12288): Sysmon writes the name without ' integrity' (Low, Medium, High, System).
 */
export const INTEGRITY_SIDS: Readonly<Record<string, string>> = Object.fromEntries(
  conversionRows('integrity-label').map((c) => [c[2].replace(/ integrity$/, ''), c[1]]),
);

/** Sysmon field → column of an ASIM view, as Microsoft's Sysmon parser for that view reads it (a new record). */
export function sysmonToAsim(view: string): Record<string, string> {
  return { ...SYSMON_ASIM_COLUMNS[view] };
}
