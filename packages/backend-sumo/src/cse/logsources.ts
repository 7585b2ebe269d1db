import { SYSMON_CATEGORY_EVENT_IDS, WINDOWS_CATEGORY_EVENTS, windowsServiceChannels } from '@sigmats/core';
import type { Logsource } from '@sigmats/core';
import type { CseRoute } from './catalog-types.js';
import { hasOwnMapping, keyedMappingFor, keyedRoutesOf, outputsOf, recordOutputs } from './catalog.js';
import { azureKey, gcpKey, kubernetesKey } from './product-keys.js';
import { workspaceKey } from './gworkspace.js';
import { byLogsource } from '../shared/by-logsource.js';
import { ZEEK_LIST_KEYS } from '../shared/values.js';

/**
 * Sigma's m365 services whose rules are Microsoft 365 Defender / Cloud App Security alert names tested through
 * eventSource/eventName/status (SigmaHQ rules/cloud/m365/{threat_management,threat_detection,exchange}).
 */
const M365_ALERT_SERVICES = ['threat_management', 'threat_detection', 'exchange'];

/**
 * Which Cloud SIEM records a Sigma log source is about, from the catalog (src/generated/cse-mappings.ts).
 *
 * - Windows categories (Sysmon, PowerShell) and Windows services whose rule names its event ids: one *event type* per
 *   `metadata_deviceEventId` (`<Channel>-<EventID>`, the form of the catalog's Windows event id patterns and of Sumo's
 *   own example `metadata_deviceEventId = "Security-4624"`), each with the mapping CSE applies to it, so every field
 *   is read where that mapping puts it.
 * - Windows services without event ids: the channel (`metadata_deviceEventId matches /^<Channel>-\d+$/`, or an id its
 *   mappings take in another spelling: deviceEventIdTest), raw fields.
 * - Sysmon for Linux categories: event types of the `Linux-Sysmon/Operational-<n>` mappings (keys are not under
 *   EventData there).
 * - Cloud and other products: the record outputs (metadata_vendor, metadata_product) of the catalog's mappings for
 *   the product's input; fields are read raw (`fields['…']`), since which mapping applies depends on event ids the
 *   rule does not state.
 * - Anything else has no catalog mapping: the backend refuses it unless the `scope` option supplies the scope.
 */

export interface EventType {
  /** `metadata_deviceEventId` of the records. */
  readonly deviceEventId: string;
  /** Record output of the mapping: metadata_vendor, metadata_product. */
  readonly vendor: string;
  readonly product: string;
  readonly mapping: CseRoute | undefined;
  /** Channel for Sigma `EventID` tests (`<channel>-<id>`). */
  readonly channel: string;
  /** Original record key holding a Sigma field's meaning in this event, or undefined when the event has none. */
  readonly keyOf: (field: string) => string | undefined;
}

export type CseTarget =
  | { readonly kind: 'events'; readonly events: readonly EventType[] }
  | {
      readonly kind: 'channel';
      /** The service's channel(s): AppLocker writes one per rule collection (core's WINDOWS_SERVICE_CHANNELS). */
      readonly channels: readonly string[];
      readonly outputs: readonly (readonly [string, string])[];
      readonly keyOf: (field: string) => string;
      /** deviceEventIdTest of the channel's ids whose mappings take other spellings of them too. */
      readonly idTests: readonly string[];
    }
  | {
      readonly kind: 'source';
      readonly outputs: readonly (readonly [string, string])[];
      readonly what: string;
      readonly keyOf: (field: string) => string;
      readonly note?: string;
      /** Why a rule that reads fields cannot be expressed over these records (keyword rules still can). */
      readonly noFields?: string;
      /** Record keys whose value is a list (leaf.ts `listProblem`): Zeek dns.log's `answers`. */
      readonly listKeys?: ReadonlySet<string>;
    }
  | { readonly kind: 'none'; readonly reason: string };

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** Keys of the Windows event header (System element) as CSE's Windows format names them; the rest is EventData. */
const WINDOWS_SYSTEM_KEYS: Readonly<Record<string, string>> = {
  EventID: 'EventID',
  Computer: 'Computer',
  Channel: 'Channel',
  Level: 'Level',
  Task: 'Task',
  Opcode: 'Opcode',
  Keywords: 'Keywords',
  EventRecordID: 'EventRecordID',
  Version: 'Version',
  // Sigma writes the Provider element's Name attribute as Provider_Name; CSE's Windows keys flatten attributes with
  // a dot, as in the catalog's `TimeCreated.SystemTime` and `Security.UserID`.
  Provider_Name: 'Provider.Name',
};

/** Original record key of a Sigma field in a Windows event: header keys, dotted keys as written, else EventData. */
export function windowsKey(field: string): string {
  return WINDOWS_SYSTEM_KEYS[field] ?? (field.includes('.') ? field : `EventData.${field}`);
}

/**
 * Sigma process_creation fields (Sysmon 1 names) in Security 4688 (Microsoft's 4688 event schema). Only fields whose
 * 4688 value has the Sysmon meaning and form: ProcessId/ParentProcessId are hexadecimal in 4688 (decimal in Sysmon),
 * and `User` has no 4688 equivalent: SubjectUserName is the *creator* (`HOST$` for processes started by SYSTEM),
 * TargetUserName (Windows 10+) lacks the `DOMAIN\` part Sysmon's User carries. A rule reading any other field is
 * not scoped to 4688.
 */
const FIELDS_4688: Readonly<Record<string, string>> = {
  Image: 'EventData.NewProcessName',
  ParentImage: 'EventData.ParentProcessName',
  CommandLine: 'EventData.CommandLine',
  LogonId: 'EventData.TargetLogonId',
};

function key4688(field: string): string | undefined {
  if (FIELDS_4688[field]) return FIELDS_4688[field];
  if (WINDOWS_SYSTEM_KEYS[field]) return WINDOWS_SYSTEM_KEYS[field];
  return field.startsWith('EventData.') ? field : undefined;
}

interface EventSpec {
  readonly channel: string;
  readonly ids: readonly string[];
  readonly keyOf?: (field: string) => string | undefined;
}

const sysmon = (...ids: string[]): EventSpec => ({ channel: SYSMON, ids });

/**
 * Windows categories: the Sysmon event ids of core's table (pySigma's Sysmon pipeline; `clipboard_change` kept as the
 * name this backend used for event 24 before pySigma's `clipboard_capture`), 4688 beside Sysmon 1 for
 * process_creation, and the PowerShell channels.
 */
const WINDOWS_CATEGORIES: Readonly<Record<string, readonly EventSpec[]>> = {
  ...Object.fromEntries(Object.entries(SYSMON_CATEGORY_EVENT_IDS).map(([category, ids]) => [category, [sysmon(...ids.map(String))]])),
  clipboard_change: [sysmon('24')],
  process_creation: [sysmon('1'), { channel: 'Security', ids: ['4688'], keyOf: key4688 }],
  ...Object.fromEntries(Object.entries(WINDOWS_CATEGORY_EVENTS).map(([category, { channel, ids }]) => [category, [{ channel, ids: ids.map(String) }]])),
};

/**
 * Classic PowerShell (`Windows PowerShell-(400|403|600|800)`): the catalog's mapping reads `NewEngineState`,
 * `CommandLine`, `ScriptName`, `HostName`, `UserId` (the `Key=Value` lines of the event's Data text, split into keys)
 * and lower-case `computer`, `level`, `execution.process_id` (mappings/b84e6fc2-d33d-4f18-9915-3235d09bcfaa.md:24-35):
 * no `EventData.*` key, so neither Sigma's `Data` (the whole text) nor any other field but those keys can be read.
 */
export const CLASSIC_CHANNEL = 'Windows PowerShell';

/** The key of a Sigma field in a classic PowerShell record: one the mapping copies, by the same name; else none. */
export function classicKey(field: string): string | undefined {
  const m = keyedMappingFor('Microsoft', 'Windows', 'Windows', `${CLASSIC_CHANNEL}-400`);
  return m?.[2].some(([, k]) => k === field) ? field : undefined;
}

/** The event type `<channel>-<id>` of the Windows event log input, with the mapping CSE applies to it. */
export function windowsEvent(channel: string, id: string, keyOf: (f: string) => string | undefined): EventType {
  const deviceEventId = `${channel}-${id}`;
  const mapping = keyedMappingFor('Microsoft', 'Windows', 'Windows', deviceEventId);
  if (channel === CLASSIC_CHANNEL) keyOf = classicKey;
  return { deviceEventId, vendor: mapping?.[1][0] ?? 'Microsoft', product: mapping?.[1][1] ?? 'Windows', mapping, channel, keyOf };
}

/**
 * The test of `metadata_deviceEventId` that selects exactly the records the mapping of an event type takes for its
 * id: `= '<Channel>-<id>'`, unless that mapping's pattern also takes other spellings of it. The PowerShell/Operational
 * mappings do: `(?i)Microsoft-Windows-PowerShell/Operational-4104|^4104$` (catalog
 * mappings/674d9351-450f-4f61-83b5-e2b8957781ed.md:10; 4105, 4106 alike) takes the channel in any case (`lower(…) =`:
 * the text is ASCII, where Java's (?i) and lower() agree) and the id bare; `…-4103|^4103$`
 * (mappings/1575f9bd-0d2f-4b82-b0d3-e157b27d1629.md:10) the bare id too. Read off the generated patterns
 * (CSE_KEYED_ROUTES_TEXT); test/cse-catalog-spellings.test.ts checks each spelling selects the same mapping.
 */
export function deviceEventIdTest(deviceEventId: string, mapping: CseRoute | undefined): string {
  const p = mapping?.[0][3] ?? '';
  const id = deviceEventId.slice(deviceEventId.lastIndexOf('-') + 1);
  const tests = [p.startsWith('(?i)') ? `lower(metadata_deviceEventId) = '${deviceEventId.toLowerCase()}'` : `metadata_deviceEventId = '${deviceEventId}'`];
  if (p.includes(`|^${id}$`)) tests.push(`metadata_deviceEventId = '${id}'`);
  return tests.length > 1 ? `(${tests.join(' or ')})` : tests[0]!;
}

/** deviceEventIdTest of the Windows event `<channel>-<id>` (a Sigma EventID test of a channel rule, leaf.ts). */
export const windowsIdTest = (channel: string, id: string): string =>
  deviceEventIdTest(`${channel}-${id}`, keyedMappingFor('Microsoft', 'Windows', 'Windows', `${channel}-${id}`));

/** Sysmon for Linux categories: the `Linux-Sysmon/Operational-<n>` mappings; Sigma field names are the record keys. */
const LINUX_SYSMON: Readonly<Record<string, readonly string[]>> = {
  process_creation: ['1'],
  network_connection: ['3'],
  process_termination: ['5'],
  file_event: ['11'],
  file_delete: ['23'],
};

const LINUX_SYSTEM_KEYS: Readonly<Record<string, string>> = { Computer: 'System.Computer', EventID: 'System.EventID' };

/**
 * Non-Windows products: the catalog inputs (vendor, product) whose mappings' outputs scope the rule. Service `*` is
 * any service of the product (or none).
 */
interface Source {
  readonly product: string;
  readonly service: string;
  readonly inputs: readonly (readonly [string, string])[];
  /** Raw record key of a Sigma field, when the record is not laid out under Sigma's names (product-keys.ts). */
  readonly keyOf?: (field: string) => string;
  /** Why the catalog's records cannot answer rules of this log source (the rule is refused). */
  readonly refuse?: string;
  /** Why rules reading fields cannot be expressed over these records. */
  readonly noFields?: string;
  /** Record keys whose value is a list. */
  readonly listKeys?: ReadonlySet<string>;
}

/**
 * Cloud SIEM's Linux syslog parser names the parts of a line itself: the Linux OS Syslog mappings read
 * `syslog_process`, `syslog_hostname`, `field_1`, `field_2`, `uid`, … (e.g. ace70500, 3cdb4d00), never the names
 * Sigma's Linux service rules use (USER, …).
 */
const LINUX_SYSLOG_KEYS =
  "Cloud SIEM's Linux syslog parser names the parts of a line syslog_process, syslog_hostname, field_1, field_2, … (the catalog's Linux OS Syslog mappings), not the fields this rule reads";

const SOURCES: readonly Source[] = [
  { product: 'aws', service: 'cloudtrail', inputs: [['AWS', 'CloudTrail']] },
  // Azure Activity, Entra ID audit/sign-in and risk logs arriving through Event Hub (Microsoft/Azure mappings:
  // "AzureActivityLog …", "Azure … SignInLogs", "Azure User Risk Events"), whose record layout product-keys.ts gives.
  // Sumo's Graph API sources (products "Graph AD Reporting API", "Graph Identity Protection API") keep other keys,
  // so they are not in the scope: the user's `scope` option can select them.
  { product: 'azure', service: 'activitylogs', inputs: [['Microsoft', 'Azure']], keyOf: azureKey('activitylogs') },
  { product: 'azure', service: 'auditlogs', inputs: [['Microsoft', 'Azure']], keyOf: azureKey('auditlogs') },
  { product: 'azure', service: 'signinlogs', inputs: [['Microsoft', 'Azure']], keyOf: azureKey('signinlogs') },
  { product: 'azure', service: 'riskdetection', inputs: [['Microsoft', 'Azure']], keyOf: azureKey('riskdetection') },
  ...M365_ALERT_SERVICES.map((service): Source => ({
    product: 'm365',
    service,
    inputs: [['Microsoft', 'Office 365']],
    refuse: `Sigma's m365 ${service} rules test eventSource/eventName/status, which are not keys of the Office 365 Management Activity records the catalog's Office 365 mappings read (RecordType, Workload, Operation, …)`,
  })),
  { product: 'm365', service: '*', inputs: [['Microsoft', 'Office 365']] },
  { product: 'okta', service: '*', inputs: [['Okta', 'SSO']] },
  { product: 'onelogin', service: '*', inputs: [['OneLogin', 'SSO']] },
  { product: 'gcp', service: 'gcp.audit', inputs: [['Google', 'Google Cloud Platform']], keyOf: gcpKey },
  { product: 'gcp', service: 'google_workspace.admin', inputs: [['Google', 'Google Workspace']], keyOf: workspaceKey },
  {
    product: 'gcp',
    service: 'google_workspace.login',
    inputs: [['Google', 'Google Workspace']],
    refuse:
      "Sigma's google_workspace.login rules read the Cloud Logging form of Workspace logs (protoPayload.serviceName, protoPayload.metadata.event.eventName), which the catalog's Google Workspace mappings (Reports API activities: id.applicationName, events.name) do not carry",
  },
  { product: 'github', service: 'audit', inputs: [['Github', 'GitHub Enterprise Audit']] },
  { product: 'kubernetes', service: 'audit', inputs: [['Kubernetes', 'Kubernetes']], keyOf: kubernetesKey },
  { product: 'zeek', service: '*', inputs: [['Zeek', 'Zeek']], listKeys: ZEEK_LIST_KEYS },
  { product: 'linux', service: 'auditd', inputs: [['Linux', 'Auditd']] },
  { product: 'linux', service: 'syslog', inputs: [['Linux', 'Syslog']], noFields: LINUX_SYSLOG_KEYS },
  { product: 'linux', service: 'sshd', inputs: [['Linux', 'Syslog']], noFields: LINUX_SYSLOG_KEYS },
  { product: 'linux', service: 'cron', inputs: [['Linux', 'Syslog']], noFields: LINUX_SYSLOG_KEYS },
  { product: 'linux', service: 'sudo', inputs: [['Linux', 'Syslog']], noFields: LINUX_SYSLOG_KEYS },
  { product: 'linux', service: 'auth', inputs: [['Linux', 'Syslog']], noFields: LINUX_SYSLOG_KEYS },
  // Other Linux services are syslog programs (clamav, vsftpd, guacamole, …): Linux OS Syslog records.
  { product: 'linux', service: '*', inputs: [['Linux', 'Syslog']], noFields: LINUX_SYSLOG_KEYS },
];

const lower = (s: string | undefined): string | undefined => s?.toLowerCase();

/**
 * Whether a Zeek log (Sigma service = the log name, the event id the Zeek mappings' patterns match: `dns`, `conn`,
 * `http`, …) has a mapping of its own. The Zeek input has no `_default_` mapping, so Cloud SIEM makes no record of a
 * log none of them takes.
 */
function zeekLogMapped(log: string): boolean {
  return hasOwnMapping('Zeek', 'Zeek', 'JSON', log);
}

/** The Cloud SIEM records of a log source (shared answers: see byLogsource). */
export const cseTarget: (ls: Logsource) => CseTarget = byLogsource(target);

function target(ls: Logsource): CseTarget {
  const product = lower(ls.product);
  const service = lower(ls.service);
  const category = lower(ls.category);
  if (product === 'windows') {
    if (category) {
      const specs = WINDOWS_CATEGORIES[category];
      if (!specs) return { kind: 'none', reason: `Windows category '${ls.category}' has no event log source that Cloud SIEM's catalog maps` };
      const events = specs.flatMap((s) => s.ids.map((id) => windowsEvent(s.channel, id, s.keyOf ?? windowsKey)));
      return { kind: 'events', events };
    }
    const channels = windowsServiceChannels(service);
    if (!channels) {
      const outputs = recordOutputs([['Microsoft', 'Windows', 'Windows']]);
      return {
        kind: 'source',
        outputs,
        what: `Windows${ls.service ? ` service '${ls.service}'` : ''}`,
        keyOf: windowsKey,
        ...(ls.service ? { note: `Windows service '${ls.service}' has no known channel: scoped to Windows records only` } : {}),
      };
    }
    // Outputs of the channels: their specific mappings (by their literal prefix) plus the default mapping.
    const all = keyedRoutesOf('Microsoft', 'Windows', 'Windows');
    const own = all.filter((m) => m[0][3] === '_default_' || channels.some((c) => m[0][3].replace(/^\(\?i\)/, '').startsWith(`${c}-`)));
    // The mappings of the channel that take their id in another spelling too (a bare `|^4104$` alternative after the
    // `<Channel>-<id>` one, deviceEventIdTest): the channel's `<Channel>-<n>` pattern misses those records.
    const idTests = own.filter((m) => /\|\^\d+\$/.test(m[0][3])).map((m) => deviceEventIdTest(m[0][3].replace(/^\(\?i\)/, '').split('|')[0]!, m));
    return { kind: 'channel', channels, outputs: outputsOf(own), keyOf: windowsKey, idTests };
  }
  if (product === 'linux' && category && LINUX_SYSMON[category]) {
    const events = LINUX_SYSMON[category]!.map((id): EventType => {
      const deviceEventId = `Linux-Sysmon/Operational-${id}`;
      const mapping = keyedMappingFor('Linux', 'Sysmon', 'Windows', deviceEventId);
      return {
        deviceEventId,
        vendor: mapping?.[1][0] ?? 'Linux',
        product: mapping?.[1][1] ?? 'Sysmon for Linux',
        mapping,
        channel: 'Linux-Sysmon/Operational',
        keyOf: (f) => LINUX_SYSTEM_KEYS[f] ?? f,
      };
    });
    return { kind: 'events', events };
  }
  const source = SOURCES.find((s) => s.product === product && (s.service === '*' || s.service === service));
  if (source && (product !== 'linux' || (category === undefined && service !== undefined))) {
    if (source.refuse) return { kind: 'none', reason: source.refuse };
    if (product === 'zeek' && service !== undefined && !zeekLogMapped(service)) {
      return { kind: 'none', reason: `no catalog mapping of Cloud SIEM's Zeek input takes the ${ls.service} log (its mappings' event id patterns are Zeek log names: conn, dns, http, …)` };
    }
    const outputs = recordOutputs(source.inputs);
    if (outputs.length > 0) {
      return {
        kind: 'source',
        outputs,
        what: `${ls.product}${ls.service ? `/${ls.service}` : ''}`,
        keyOf: source.keyOf ?? ((f) => f),
        ...(source.noFields ? { noFields: source.noFields } : {}),
        ...(source.listKeys ? { listKeys: source.listKeys } : {}),
      };
    }
  }
  if (category === 'dns' && product === undefined) {
    // Sigma's generic DNS category names no product; its names are Zeek dns.log's but three (Sigma's dns taxonomy:
    // query, record_type, answer), and dns is a log the catalog's Zeek input maps: the generic rules read Zeek's records.
    const outputs = recordOutputs([['Zeek', 'Zeek']]);
    const names: Readonly<Record<string, string>> = { record_type: 'qtype_name', answer: 'answers', src_ip: 'id.orig_h', src_port: 'id.orig_p', dst_ip: 'id.resp_h', dst_port: 'id.resp_p' };
    return { kind: 'source', outputs, what: 'dns (Zeek dns.log)', keyOf: (f) => names[f] ?? f, listKeys: ZEEK_LIST_KEYS };
  }
  if (product === 'linux' && !service && !category) {
    // Any Linux log: the records of every Linux input the catalog maps (all output vendor Linux).
    const outputs = recordOutputs([['Linux', 'Syslog'], ['Linux', 'Auditd'], ['Linux', 'Sysmon']]);
    return { kind: 'source', outputs, what: 'linux', keyOf: (f) => f };
  }
  const what = [ls.product && `product '${ls.product}'`, ls.service && `service '${ls.service}'`, ls.category && `category '${ls.category}'`]
    .filter((x) => x)
    .join(', ');
  return { kind: 'none', reason: `Cloud SIEM's catalog has no log mapping for ${what || 'a log source without product, service or category'}` };
}
