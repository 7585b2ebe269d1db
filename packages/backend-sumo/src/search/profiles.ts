import { SYSMON_CATEGORY_EVENT_IDS, WINDOWS_CATEGORY_EVENTS, windowsServiceChannels } from '@sigmats/core';
import type { Logsource } from '@sigmats/core';
import { byLogsource } from '../shared/by-logsource.js';
import { ZEEK_LIST_KEYS } from '../shared/values.js';

/**
 * Where a Sigma log source lives in Sumo log search, as data (README "Log search profiles", SOURCES.md):
 *
 * - the collection format the query assumes, stated in the query's first line: Windows event logs collected by an
 *   Installed Collector's Windows Event Log source in JSON format (keys `EventID`, `Channel`, `Computer`,
 *   `EventData.*`, read with `| json`), cloud sources that send JSON (`| json` on the Sigma key path), or key=value
 *   text lines (Linux auditd, syslog: `| keyvalue infer`, never `| json`, which extracts nothing from text);
 * - the conditions the log source implies (Windows channel and event ids: the PowerShell script-block query tests
 *   4104), as `| where` stages;
 * - the scope. `_sourceCategory` values are whatever each administrator typed when configuring a source: Sumo
 *   documents no fixed value, so no default is invented. A scope comes from the `scope` option or from a pipeline's
 *   `set_state: sumo_scope` (per log source, with rule conditions); without one the query searches every message
 *   (`*`) and the conversion warns.
 */

export type Collection = 'windows-json' | 'json' | 'keyvalue';

export interface SearchProfile {
  /** Documented default scope; undefined: none is documented (the user's scope or `*` with a warning). */
  readonly scope?: string;
  readonly collection: Collection;
  /** One line stating what the query assumes (written as a `//` comment line before the scope). */
  readonly assumes: string;
  /** Implied conditions: field → accepted values (OR). Rendered as their own `| where` stages. */
  readonly filters: readonly { readonly field: string; readonly values: readonly string[] }[];
  /** JSON key path (or key=value key) of a Sigma field. */
  readonly jsonPath: (field: string) => string;
  /**
   * Why, without a scope, the query cannot select this log source's messages: nothing in them tells its events from
   * the other event types of the product (the rule is refused unless the `scope` option or a pipeline's `sumo_scope`
   * selects them).
   */
  readonly needsScope?: string;
  /** Sigma fields whose key holds a list (Zeek dns.log's `answers`): only the tests `listProblem` allows are right. */
  readonly listKeys?: ReadonlySet<string>;
}

/**
 * Sysmon event IDs per Sigma category, as text (the JSON field holds a string): core's table (pySigma's Sysmon
 * pipeline), plus `clipboard_change`, the name this backend used for event 24 before pySigma's `clipboard_capture`.
 */
const SYSMON_EVENT_IDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...Object.entries(SYSMON_CATEGORY_EVENT_IDS), ['clipboard_change', [24]] as const].map(([category, ids]) => [category, ids.map(String)]),
);

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** Windows categories that are not Sysmon (core's table): channel and event ids, as text. */
const WINDOWS_OTHER: Readonly<Record<string, { readonly channel: string; readonly ids: readonly string[] }>> = Object.fromEntries(
  Object.entries(WINDOWS_CATEGORY_EVENTS).map(([category, { channel, ids }]) => [category, { channel, ids: ids.map(String) }]),
);

/** Keys of Sumo's Windows JSON events that are not under EventData. */
// `Provider` is not here: Sigma names the System provider Provider_Name; a bare `Provider` is an EventData field
// (WMI-Activity 5861 has one).
const WINDOWS_SYSTEM_KEYS = new Set([
  'EventID', 'Computer', 'Channel', 'Level', 'Task', 'Opcode', 'Keywords', 'TimeCreated',
  'EventRecordID', 'Version', 'Security', 'Execution', 'Correlation', 'Message',
]);

export function windowsPath(field: string): string {
  if (WINDOWS_SYSTEM_KEYS.has(field)) return field;
  if (field === 'Provider_Name') return 'Provider.Name';
  // A field already written as a key path (EventData.X, UserData.X) is taken as written.
  if (field.includes('.')) return field;
  return `EventData.${field}`;
}

export const WINDOWS_JSON = 'Windows Event Log source (Installed Collector) in JSON format';

/** Products whose Sumo sources deliver JSON messages (cloud API / HTTP sources): Sigma fields are JSON key paths. */
const JSON_PRODUCTS = new Set(['aws', 'azure', 'gcp', 'm365', 'okta', 'github', 'onelogin', 'kubernetes', 'bitbucket', 'google_workspace', 'cisco']);

/** Products/services whose messages are key=value text lines. */
const KEYVALUE: readonly { readonly product: string; readonly service?: string; readonly what: string }[] = [
  { product: 'linux', service: 'auditd', what: 'Linux auditd log lines (type=… msg=audit(…): key=value …)' },
  { product: 'linux', what: 'Linux syslog lines with key=value pairs' },
];

/** What a Windows query assumes: the collection, its channel(s) and event ids (after any pipeline override). */
export function windowsAssumes(channel: string | readonly string[] | undefined, ids: readonly string[] | undefined): string {
  const channels = typeof channel === 'string' ? [channel] : channel;
  const what =
    channels === undefined || channels.length === 0
      ? 'no channel known for this log source'
      : `${channels.map((c) => (c === SYSMON ? 'Sysmon' : c)).join(', ')} channel${channels.length > 1 ? 's' : ''}`;
  return `${WINDOWS_JSON}; ${what}${ids && ids.length > 0 ? `, EventID ${ids.join('/')}` : ''}`;
}

function windowsProfile(channels: readonly string[], ids: readonly string[]): SearchProfile {
  const filters = [{ field: 'Channel', values: channels }, ...(ids.length > 0 ? [{ field: 'EventID', values: ids }] : [])];
  return { collection: 'windows-json', assumes: windowsAssumes(channels, ids), filters, jsonPath: windowsPath };
}

/** A field name as one JSON key: `['id.orig_h']` when it holds dots (a name with quotes or brackets stays a path). */
function flatKey(field: string): string {
  return field.includes('.') && !/['"\\[\]]/.test(field) ? `['${field}']` : field;
}

/** Where a log source lives in log search (shared answers: see byLogsource). */
export const searchProfile: (ls: Logsource) => SearchProfile = byLogsource(profile);

function profile(ls: Logsource): SearchProfile {
  const product = ls.product?.toLowerCase();
  const service = ls.service?.toLowerCase();
  const category = ls.category?.toLowerCase();
  if (product === 'windows') {
    if (category && !service) {
      const ids = SYSMON_EVENT_IDS[category];
      if (ids) return windowsProfile([SYSMON], ids);
      const other = WINDOWS_OTHER[category];
      if (other) return windowsProfile([other.channel], other.ids);
    }
    const channels = windowsServiceChannels(service);
    if (channels) return windowsProfile(channels, []);
    const base: SearchProfile = { collection: 'windows-json', assumes: windowsAssumes(undefined, undefined), filters: [], jsonPath: windowsPath };
    // A category no Windows event log (channel and event id) records, e.g. file_access, file_rename: EDR data.
    if (category) return { ...base, needsScope: `Windows category '${ls.category}' is recorded by no Windows event log channel, so no channel or event id filter selects its events` };
    return base;
  }
  const kv = KEYVALUE.find((k) => k.product === product && (k.service === undefined || k.service === service));
  if (kv && !(product === 'linux' && category !== undefined)) {
    return { collection: 'keyvalue', assumes: `${kv.what}, fields read with keyvalue`, filters: [], jsonPath: (f) => f };
  }
  if (product === 'zeek') {
    // Zeek's JSON writer keeps record fields flat under dotted names (`"id.orig_h":"10.0.0.1"`,
    // `"certificate.serial"`): one key each, read as `['id.orig_h']`, not as the path id -> orig_h.
    return {
      collection: 'json',
      assumes: `Zeek JSON logs (${ls.service ?? 'any log'}), Sigma fields as their flat keys`,
      filters: [],
      jsonPath: flatKey,
      listKeys: ZEEK_LIST_KEYS,
    };
  }
  if (product && JSON_PRODUCTS.has(product)) {
    return { collection: 'json', assumes: `JSON messages (${[ls.product, ls.service].filter((x) => x).join('/')}), Sigma fields as JSON key paths`, filters: [], jsonPath: (f) => f };
  }
  // The Sigma field names are the keys, as the assumption line says: a dotted name (`destination.port`) is one key.
  const generic: SearchProfile = { collection: 'json', assumes: 'JSON messages with the Sigma field names as keys (no documented collection for this log source)', filters: [], jsonPath: flatKey };
  // Sigma's Linux and macOS categories (process_creation, network_connection, file_event, …) share field names
  // (Image, CommandLine, …) and come from no documented Sumo collection that tells them apart in the message.
  if ((product === 'linux' || product === 'macos') && category) {
    return { ...generic, needsScope: `${ls.product} ${ls.category} events come from no documented collection, and nothing in the message tells them from the product's other event types (e.g. a network connection of the same Image)` };
  }
  return generic;
}
