import type { Logsource } from '@sigmats/core';
import { type EventObject, MISSING } from './event.js';
import { FieldPath, resolvePath } from './field-path.js';

/** What an event is, in Sigma logsource terms. Keys left undefined are unknown. */
export interface EventLogsource {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
}

/** Routes an event to its logsource(s); undefined = unknown, every rule applies. */
export type LogsourceRouter = (event: EventObject) => readonly EventLogsource[] | undefined;

/** A rule applies when each of its category/product/service, if set, equals the event's. */
export function logsourceApplies(rule: Logsource, event: EventLogsource): boolean {
  return (
    (rule.category === undefined || rule.category === event.category) &&
    (rule.product === undefined || rule.product === event.product) &&
    (rule.service === undefined || rule.service === event.service)
  );
}

/**
 * Sysmon event id -> Sigma categories, as SigmaHQ's pySigma-pipeline-sysmon maps them
 * (sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b: `"file_delete": [23,26]`, `"registry_event": [12,13,14]`).
 * Event 26 (FileDeleteDetected, a deletion Sysmon logged without archiving the file) is a file deletion all the same, so
 * it is file_delete as well as the taxonomy's narrower file_delete_detected, which a rule may name on its own.
 */
const SYSMON_CATEGORIES: Readonly<Record<number, readonly string[]>> = {
  1: ['process_creation'],
  2: ['file_change'],
  3: ['network_connection'],
  4: ['sysmon_status'],
  5: ['process_termination'],
  6: ['driver_load'],
  7: ['image_load'],
  8: ['create_remote_thread'],
  9: ['raw_access_thread'],
  10: ['process_access'],
  11: ['file_event'],
  12: ['registry_add', 'registry_delete', 'registry_event'],
  13: ['registry_set', 'registry_event'],
  14: ['registry_rename', 'registry_event'],
  15: ['create_stream_hash'],
  16: ['sysmon_status'],
  17: ['pipe_created'],
  18: ['pipe_created'],
  19: ['wmi_event'],
  20: ['wmi_event'],
  21: ['wmi_event'],
  22: ['dns_query'],
  23: ['file_delete'],
  24: ['clipboard_capture'],
  25: ['process_tampering'],
  26: ['file_delete', 'file_delete_detected'],
  27: ['file_block_executable'],
  28: ['file_block_shredding'],
  29: ['file_executable_detected'],
  255: ['sysmon_error'],
};

/**
 * Routes are shared constants, so a rule set can cache its per-route index by identity. Every Sysmon event also
 * belongs to `service: sysmon`: Sigma's taxonomy defines that service as the whole channel
 * (`Channel: Microsoft-Windows-Sysmon/Operational`, sigma-specification appendix, Windows folder), which rules such as
 * `EventID: 27` under `service: sysmon` rely on.
 */
const SYSMON_SERVICE: EventLogsource = Object.freeze({ product: 'windows', service: 'sysmon' });
const SYSMON_ROUTES = new Map<number, readonly EventLogsource[]>(
  Object.entries(SYSMON_CATEGORIES).map(([eid, cats]) => [Number(eid), Object.freeze([...cats.map((category) => ({ product: 'windows', category })), SYSMON_SERVICE])]),
);
const SYSMON_OTHER: readonly EventLogsource[] = Object.freeze([SYSMON_SERVICE]);

/** Windows channels that Sigma names as a `service`. */
const SERVICES: Readonly<Record<string, string>> = {
  security: 'security',
  system: 'system',
  application: 'application',
  'microsoft-windows-powershell/operational': 'powershell',
  // PowerShell 7 writes 4103/4104 to its own channel; Sigma's ps_module/ps_script name both channels (taxonomy appendix).
  'powershellcore/operational': 'powershell',
  'windows powershell': 'powershell-classic',
  'microsoft-windows-windows defender/operational': 'windefend',
  'microsoft-windows-taskscheduler/operational': 'taskscheduler',
  'microsoft-windows-wmi-activity/operational': 'wmi',
  'microsoft-windows-bits-client/operational': 'bits-client',
  'microsoft-windows-dns-client/operational': 'dns-client',
  'microsoft-windows-codeintegrity/operational': 'codeintegrity-operational',
  'microsoft-windows-windows firewall with advanced security/firewall': 'firewall-as',
  'microsoft-windows-appxdeploymentserver/operational': 'appxdeployment-server',
  'microsoft-windows-ntlm/operational': 'ntlm',
  'microsoft-windows-terminalservices-localsessionmanager/operational': 'terminalservices-localsessionmanager',
  'microsoft-windows-smbclient/security': 'smbclient-security',
  'microsoft-windows-applocker/exe and dll': 'applocker',
  'microsoft-windows-applocker/msi and script': 'applocker',
  'microsoft-windows-ldap-client/debug': 'ldap',
  'microsoft-windows-dhcp-server/operational': 'dhcp',
  'directory service': 'directory-service',
};

function field(event: EventObject, paths: readonly FieldPath[]): unknown {
  for (const p of paths) {
    const v = resolvePath(event, p, 'exact-then-path');
    if (v !== MISSING && v !== null) return v;
  }
  return undefined;
}

// Split once (field-path.ts): the router runs on every event, and most events have none of the header paths.
const CHANNEL = ['Event.System.Channel', 'Channel'].map((p) => new FieldPath(p));
const EVENT_ID = ['Event.System.EventID.#text', 'Event.System.EventID', 'EventID'].map((p) => new FieldPath(p));
const SYSMON_CHANNEL = 'microsoft-windows-sysmon/operational';

/**
 * Whether none of the header paths can resolve: no own or inherited property is named like a step of them. The
 * `in` tests have constant names, which V8 answers from the event's hidden class in a nanosecond or so; the
 * generic walk (field) spent 0.5-0.9 us per event on its hasOwn calls with variable names to find the same nothing.
 */
function flatHeader(event: EventObject): boolean {
  return (
    typeof event === 'object' &&
    event !== null &&
    !('Event' in event) &&
    !('Event.System' in event) &&
    !('Event.System.Channel' in event) &&
    !('Event.System.EventID' in event) &&
    !('Event.System.EventID.#text' in event)
  );
}

const hasOwn = Object.prototype.hasOwnProperty;
/** The channel as Windows writes it: lower-cased without a copy per event. */
const SYSMON_CHANNEL_AS_WRITTEN = 'Microsoft-Windows-Sysmon/Operational';

/**
 * Routing for Windows event logs (flat Sysmon/EventData shape or evtx_dump's nested `Event.System`):
 * the channel and event id give the Sigma logsource(s). Unknown channels are not routed.
 *
 * The header (`Event.System`) is read before the flat names: flattenWindowsEvent lets EventData/UserData names win
 * the flat namespace (what rules test), and some events carry a `Channel` of their own. System event 104 of
 * Microsoft-Windows-Eventlog ("The <log> log file was cleared") has UserData LogFileCleared/Channel, the cleared
 * log, which SigmaHQ's win_system_susp_eventlog_cleared tests as `Channel`; the event itself is in the System log.
 */
export const windowsLogsource: LogsourceRouter = (event) => {
  let channel: unknown;
  let eid: number;
  if (flatHeader(event)) {
    // What field() finds when no header path can resolve: the flat names, as resolvePath reads them.
    channel = hasOwn.call(event, 'Channel') ? event.Channel : undefined;
    if (typeof channel !== 'string') return undefined;
    eid = Number(hasOwn.call(event, 'EventID') && event.EventID !== null ? event.EventID : undefined);
  } else {
    channel = field(event, CHANNEL);
    if (typeof channel !== 'string') return undefined;
    eid = Number(field(event, EVENT_ID));
  }
  const lower = channel === SYSMON_CHANNEL_AS_WRITTEN ? SYSMON_CHANNEL : channel.toLowerCase();
  if (lower === SYSMON_CHANNEL) return SYSMON_ROUTES.get(eid) ?? SYSMON_OTHER;
  const service = SERVICES[lower];
  if (service === undefined) return undefined;
  return SPECIAL_ROUTES.get(`${service}|${eid}`) ?? SERVICE_ROUTES.get(service);
};

const freeze = (...routes: EventLogsource[]): readonly EventLogsource[] => Object.freeze(routes);
const SERVICE_ROUTES = new Map<string, readonly EventLogsource[]>(
  Object.values(SERVICES).map((service) => [service, freeze({ product: 'windows', service })]),
);
/** Event ids that also belong to a category. */
const SPECIAL_ROUTES = new Map<string, readonly EventLogsource[]>([
  ['security|4688', freeze({ product: 'windows', service: 'security' }, { product: 'windows', category: 'process_creation' })],
  ['powershell|4104', freeze({ product: 'windows', service: 'powershell' }, { product: 'windows', category: 'ps_script' })],
  ['powershell|4103', freeze({ product: 'windows', service: 'powershell' }, { product: 'windows', category: 'ps_module' })],
  ['powershell-classic|400', freeze({ product: 'windows', service: 'powershell-classic' }, { product: 'windows', category: 'ps_classic_start' })],
  // Sigma's taxonomy appendix: ps_classic_start = 400, ps_classic_provider_start = 600, ps_classic_script = 800.
  ['powershell-classic|600', freeze({ product: 'windows', service: 'powershell-classic' }, { product: 'windows', category: 'ps_classic_provider_start' })],
  ['powershell-classic|800', freeze({ product: 'windows', service: 'powershell-classic' }, { product: 'windows', category: 'ps_classic_script' })],
]);
