import type { Logsource, ScalarValue } from '@sigmats/core';
import { fieldType, rawCompanion, schemaFieldOf } from './catalog.js';
import { cseTarget, type EventType } from './logsources.js';

/**
 * Where a Cloud SIEM expression reads a Sigma field, per event type (catalog mapping): the schema field the mapping
 * copies the field's original record key into, else the raw key `fields['…']`.
 *
 * - A normalized field whose value CSE enriches (user_username, device_hostname, …) is read from its `<field>_raw`
 *   companion: the normalized value is lower-cased with the domain stripped, which Sigma values do not expect
 *   ("the original, un-normalized name is placed in a _raw name attribute … The rules engine allows the _raw username
 *   forms to be used in rule creation", Sumo docs, SOURCES.md).
 * - A schema field typed int/long is compared as a number when the rule gives numbers; a text value reads the raw key.
 * - Sigma `Hashes` (`MD5=…,SHA256=…`; Sysmon 15's `Hash`): the Windows parser splits it into MD5/SHA1/SHA256/IMPHASH
 *   keys, which the mapping copies to file_hash_*; the test goes to those fields, `ALG=` stripped.
 * - Sigma `EventID` on Windows: `metadata_deviceEventId = '<channel>-<id>'`, with the other spellings its mapping takes
 *   (logsources.ts deviceEventIdTest).
 */

export type CseField =
  | { readonly kind: 'normalized'; readonly name: string; readonly numeric: boolean }
  /** `list`: the key holds a list (Zeek dns.log `answers`), whose stored text only some tests can read (leaf.ts). */
  | { readonly kind: 'raw'; readonly key: string; readonly list?: true }
  | { readonly kind: 'hashes'; readonly fields: Readonly<Record<string, string>> }
  | { readonly kind: 'event-id'; readonly channels: readonly string[] }
  /** The value is in one of two places (a test of either passes): the schema field, else the raw key. */
  | { readonly kind: 'either'; readonly fields: readonly [CseField, CseField] };

/** Resolves a Sigma field, given the values it is tested against. */
export type FieldResolver = (field: string, values: readonly ScalarValue[]) => CseField;

const HASH_KEYS = ['MD5', 'SHA1', 'SHA256', 'IMPHASH'] as const;

const NUMERIC_TYPES = new Set(['int', 'long']);

function numericValues(values: readonly ScalarValue[]): boolean {
  return values.length > 0 && values.every((v) => v.kind === 'number' || v.kind === 'compare' || v.kind === 'null' || v.kind === 'exists');
}

/** Resolvers of the shared event types (cseTarget's answers), with companions: built once, not once per rule. */
const resolvers = new WeakMap<EventType, FieldResolver>();

export function eventResolver(e: EventType, opts: { readonly companions?: boolean } = {}): FieldResolver {
  if (opts.companions !== undefined) return newEventResolver(e, opts.companions);
  let r = resolvers.get(e);
  if (!r) resolvers.set(e, (r = newEventResolver(e, true)));
  return r;
}

function newEventResolver(e: EventType, companions: boolean): FieldResolver {
  const hashFields: Record<string, string> = {};
  if (e.mapping) {
    for (const alg of HASH_KEYS) {
      const f = schemaFieldOf(e.mapping, alg);
      if (f) hashFields[alg] = f;
    }
  }
  const splitHashes = Object.keys(hashFields).length === HASH_KEYS.length;
  // The answer for each field, found once per event type: every leaf of every rule asks, and SharedRenders asks again
  // for each earlier render. Only a numeric schema field depends on the values (numbers compare as numbers, other
  // values read the raw key), so it keeps both answers. Answers are read-only; sharing them changes nothing.
  const known = new Map<string, { readonly fixed: CseField } | { readonly numeric: CseField; readonly raw: CseField }>();
  const answer = (field: string): { readonly fixed: CseField } | { readonly numeric: CseField; readonly raw: CseField } => {
    if (field === 'EventID' && e.channel) return { fixed: { kind: 'event-id', channels: [e.channel] } };
    // Sysmon 15 names its hash list `Hash` (same `ALG=hex,…` text): its mapping reads the split keys as well
    // (catalog mappings/2978cae1-75f9-4117-b8d8-30e757ca7867.md:28-31).
    if ((field === 'Hashes' || field === 'Hash') && splitHashes) return { fixed: { kind: 'hashes', fields: hashFields } };
    const key = e.keyOf(field) ?? field;
    const schema = e.mapping ? schemaFieldOf(e.mapping, key) : undefined;
    const raw: CseField = { kind: 'raw', key };
    if (schema !== undefined) {
      const type = fieldType(schema);
      if (type === 'string') return { fixed: { kind: 'normalized', name: companions ? (rawCompanion(schema) ?? schema) : schema, numeric: false } };
      if (NUMERIC_TYPES.has(type)) return { numeric: { kind: 'normalized', name: schema, numeric: true }, raw };
    }
    // A row copying the data name bare, where the mapping's other rows read `EventData.<Name>` (Sysmon 25
    // `|changeType|Type||`, catalog mappings/30db4a1f-857e-48e2-a91f-97c0fbf3edd4.md:26; Security 4887 `Requester`, …):
    // taken literally the record keeps the value under the bare key and the mapping fills the schema field; it may as
    // well be a slip for `EventData.<Name>`. The test reads both, right under either reading (truth assumption
    // `cse-bare-data-keys`).
    const bare = e.mapping && key !== field ? schemaFieldOf(e.mapping, field) : undefined;
    if (bare !== undefined && fieldType(bare) === 'string') return { fixed: { kind: 'either', fields: [{ kind: 'normalized', name: companions ? (rawCompanion(bare) ?? bare) : bare, numeric: false }, raw] } };
    return { fixed: raw };
  };
  return (field, values) => {
    let a = known.get(field);
    if (a === undefined) {
      if (known.size >= 4096) known.clear(); // bounded: fields come from rules
      known.set(field, (a = answer(field)));
    }
    return 'fixed' in a ? a.fixed : numericValues(values) ? a.numeric : a.raw;
  };
}

/**
 * Raw fields only; `EventID` as the channels' event id when the channels are known; a key of `listKeys` is marked as
 * a list.
 */
export function rawResolver(keyOf: (field: string) => string, channels?: readonly string[], listKeys?: ReadonlySet<string>): FieldResolver {
  return (field) => {
    if (field === 'EventID' && channels && channels.length > 0) return { kind: 'event-id', channels };
    const key = keyOf(field);
    return listKeys?.has(key) ? { kind: 'raw', key, list: true } : { kind: 'raw', key };
  };
}

/** The raw resolver of a channel or source target. */
export function targetRawResolver(target: { readonly kind: 'channel' | 'source'; readonly keyOf: (field: string) => string; readonly channels?: readonly string[]; readonly listKeys?: ReadonlySet<string> }): FieldResolver {
  return rawResolver(target.keyOf, target.kind === 'channel' ? target.channels : undefined, target.kind === 'source' ? target.listKeys : undefined);
}

/**
 * A field of a log source as one name (correlation group-by / value_count): the normalized field of the log source's
 * first event type (not its `_raw` companion: grouping uses the entity value), else the raw key.
 */
export function cseField(field: string, ls: Logsource): CseField {
  const t = cseTarget(ls);
  switch (t.kind) {
    case 'events':
      return eventResolver(t.events[0]!, { companions: false })(field, []);
    case 'channel':
      return rawResolver(t.keyOf, t.channels)(field, []);
    case 'source':
      return rawResolver(t.keyOf, undefined, t.listKeys)(field, []);
    case 'none':
      return { kind: 'raw', key: field };
  }
}
