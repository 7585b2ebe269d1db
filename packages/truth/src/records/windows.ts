import type { EventSource, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';

/**
 * A flat Windows event (as `flattenWindowsEvent` writes it) split back into what the event log holds: the System
 * header and the EventData name/value pairs, in order. Every vendor record of a Windows event is built from this.
 */
export interface WindowsEventView {
  readonly channel: string;
  readonly eventId: number;
  readonly provider: string;
  readonly computer: string;
  /** System header values by their flat names (`Provider_Name`, `EventRecordID`, `TimeCreated_SystemTime`, ...). */
  readonly system: Readonly<Record<string, unknown>>;
  /** EventData (or UserData) fields in event order. */
  readonly data: readonly (readonly [string, string])[];
  /** For events whose fields sit in `<UserData><Element>...`: the element's name (from the original `Event` object). */
  readonly userDataElement?: string;
  /**
   * The insertion strings of a classic event source (MSExchange Management 1, ...): unnamed `<Data>` elements, which
   * evtx_dump writes as `EventData: {Data: {"#text": [..]}}` and flattenWindowsEvent keeps as the list `Data: [..]`
   * (packages/evaluator/src/windows-event.ts). `data` holds that list as one JSON text under `Data`; records render
   * each string as an element of its own, never a JSON array inside one element.
   */
  readonly unnamed?: readonly string[];
}

/** The System names `flattenWindowsEvent` produces (children by name, attributes as `Element_Attribute`). */
const SYSTEM_KEYS = new Set([
  'Provider_Name', 'Provider_Guid', 'Provider_EventSourceName', 'EventID', 'EventID_Qualifiers', 'Version', 'Level', 'Task',
  'Opcode', 'Keywords', 'TimeCreated', 'TimeCreated_SystemTime', 'EventRecordID', 'Correlation', 'Correlation_ActivityID',
  'Correlation_RelatedActivityID', 'Execution', 'Execution_ProcessID', 'Execution_ThreadID', 'Channel', 'Computer',
  'Security', 'Security_UserID', 'Event',
]);

export const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
export const SYSMON_PROVIDER = 'Microsoft-Windows-Sysmon';
export const SECURITY_CHANNEL = 'Security';
export const SECURITY_PROVIDER = 'Microsoft-Windows-Security-Auditing';

/**
 * Sigma's Windows categories -> the Sysmon event id that logs them (Sigma taxonomy appendix; see
 * /work/shared/reference/sigma-language.md). Categories served by several ids pick the id from the event's own
 * `EventType` (registry_event, pipe_created, wmi_event) or take the first (registry_event without EventType: 13,
 * the value-set event, the most common one; file_delete, Sysmon 23 and 26 in pySigma-pipeline-sysmon: 23).
 */
const CATEGORY_EVENT_ID: Readonly<Record<string, number>> = {
  process_creation: 1, file_change: 2, network_connection: 3, process_termination: 5, driver_load: 6, image_load: 7,
  create_remote_thread: 8, raw_access_thread: 9, process_access: 10, file_event: 11, registry_add: 12, registry_delete: 12,
  registry_set: 13, registry_rename: 14, registry_event: 13, create_stream_hash: 15, pipe_created: 17, wmi_event: 19, dns_query: 22,
  file_delete: 23, clipboard_capture: 24, process_tampering: 25, file_delete_detected: 26, file_block_executable: 27,
  file_block_shredding: 28, file_executable_detected: 29,
};
/** Sysmon's EventType values (they appear in its events) -> event id. */
const EVENT_TYPE_ID: Readonly<Record<string, number>> = {
  CreateKey: 12, DeleteKey: 12, DeleteValue: 12, SetValue: 13, RenameKey: 14, CreatePipe: 17, ConnectPipe: 18,
  WmiFilterEvent: 19, WmiConsumerEvent: 20, WmiBindingEvent: 21,
};

/**
 * Sysmon EventData order per event id, read off real events: ids 1, 7, 10, 11, 12, 13, 17 from
 * /work/shared/sigmahq/regression_data (evtx_dump of real events), 3 from a published Event-table EventData sample
 * (see SOURCES.md), 22 from the field list of ASimDnsMicrosoftSysmon.yaml. Synthetic events (no `Event` object) are
 * put in this order so positional parsers (ASimRegistryEventMicrosoftSysmon `parse`) read them as they read real ones.
 */
const SYSMON_ORDER: Readonly<Record<number, readonly string[]>> = {
  1: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product', 'Company', 'OriginalFileName', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId', 'TerminalSessionId', 'IntegrityLevel', 'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine', 'ParentUser'],
  3: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'Protocol', 'Initiated', 'SourceIsIpv6', 'SourceIp', 'SourceHostname', 'SourcePort', 'SourcePortName', 'DestinationIsIpv6', 'DestinationIp', 'DestinationHostname', 'DestinationPort', 'DestinationPortName'],
  7: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'ImageLoaded', 'FileVersion', 'Description', 'Product', 'Company', 'OriginalFileName', 'Hashes', 'Signed', 'Signature', 'SignatureStatus', 'User'],
  10: ['RuleName', 'UtcTime', 'SourceProcessGUID', 'SourceProcessId', 'SourceThreadId', 'SourceImage', 'TargetProcessGUID', 'TargetProcessId', 'TargetImage', 'GrantedAccess', 'CallTrace', 'SourceUser', 'TargetUser'],
  11: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'User'],
  12: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'User'],
  13: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'Details', 'User'],
  14: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'NewName', 'User'],
  17: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'PipeName', 'Image', 'User'],
  18: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'PipeName', 'Image', 'User'],
  22: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'QueryName', 'QueryStatus', 'QueryResults', 'Image', 'User'],
};

/** A field value as the event log renders it: strings as is, numbers/booleans in their usual text form. */
export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * Sigma Windows services -> channel: pySigma's `windows_logsource_mapping` (as summarised in
 * /work/shared/reference/sigma-language.md:761-766; the channel names are those the events carry).
 */
const SERVICE_CHANNEL: Readonly<Record<string, string>> = {
  security: 'Security', system: 'System', application: 'Application', sysmon: 'Microsoft-Windows-Sysmon/Operational',
  powershell: 'Microsoft-Windows-PowerShell/Operational', 'powershell-classic': 'Windows PowerShell',
  windefend: 'Microsoft-Windows-Windows Defender/Operational', taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  wmi: 'Microsoft-Windows-WMI-Activity/Operational', 'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
  'terminalservices-localsessionmanager': 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  'codeintegrity-operational': 'Microsoft-Windows-CodeIntegrity/Operational',
  'firewall-as': 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall', ntlm: 'Microsoft-Windows-NTLM/Operational',
};
/** Non-Sysmon categories that name one channel and event id (Sigma taxonomy: PowerShell script/module/classic logging). */
const CATEGORY_CHANNEL_EVENT: Readonly<Record<string, readonly [string, number]>> = {
  ps_script: ['Microsoft-Windows-PowerShell/Operational', 4104],
  ps_module: ['Microsoft-Windows-PowerShell/Operational', 4103],
  ps_classic_start: ['Windows PowerShell', 400],
  ps_classic_provider_start: ['Windows PowerShell', 600],
  ps_classic_script: ['Windows PowerShell', 800],
};
const CHANNEL_PROVIDER: Readonly<Record<string, string>> = {
  'Microsoft-Windows-PowerShell/Operational': 'Microsoft-Windows-PowerShell',
  'Windows PowerShell': 'PowerShell',
};

/**
 * Event types whose data Windows writes as one UserData element (the XML `<UserData><Element>…`), read from Microsoft's
 * documents, recordings and tools that address each field by its XPath in the event. By channel: [event ids, element].
 *
 * - AppLocker's file events, from Microsoft's list of AppLocker events (MicrosoftDocs/windows-itpro-docs
 *   windows/security/application-security/application-control/app-control-for-business/applocker/
 *   using-event-viewer-with-applocker.md @ f9d16c6b): 8002-8004 for .exe and .dll files (the EXE and DLL log),
 *   8005-8007 for scripts and .msi files (the MSI and Script log). Their data is the UserData element RuleAndFileData:
 *   Microsoft's Azure Monitor query guide reads 8002's file as `parse_xml(EventData)` then
 *   `Details.UserData.RuleAndFileData.FilePath` (MicrosoftDocs/azure-monitor-docs
 *   articles/azure-monitor/logs/query-optimization.md @ 6cb7195a). Other AppLocker ids are not placed (no source gives
 *   their channel's element). A witness of `service: applocker` without a channel is placed in the log of its id.
 * - WMI-Activity/Operational 5858: `Operation_ClientFailure`, SigmaHQ's recording of the event
 *   (regression_data/rules/windows/builtin/wmi/win_wmi_activity_nteventlogfile_cleareventlog/
 *   d4f1a2b3-7c8e-4d5f-b6a9-1e0c2d3f4e5b.json, `Event.UserData.Operation_ClientFailure`); 5857, 5860 and 5861:
 *   EvtxECmd's maps (EricZimmerman/evtx evtx/Maps/Microsoft-Windows-WMI-Activity-Operational_
 *   Microsoft-Windows-WMI-Activity_5857.map, _5860.map, _5861.map @ 03a7a1f: `/Event/UserData/Operation_StartedOperational/…`,
 *   `/Event/UserData/Operation_TemporaryEssStarted/…`, `/Event/UserData/Operation_ESStoConsumerBinding/…`); 5859: the
 *   raw event on ATC's data-needed page (atc-project/atc-data Data_Needed/DN0080_5859_wmi_activity/index.html @
 *   339b887e: `<UserData><Operation_EssStarted xmlns=…>`).
 * - TerminalServices-LocalSessionManager/Operational 21-25, 39, 40, 41: `EventXML`, EvtxECmd's maps of those ids
 *   (evtx/Maps/Microsoft-Windows-TerminalServices-LocalSessionManager-Operational_…_<id>.map @ 03a7a1f:
 *   `/Event/UserData/EventXML/Address`, …).
 * - Security 1102 ("The audit log was cleared"): `LogFileCleared`, Sumo's sample of the Windows JSON format
 *   (`"EventData":{},"UserData":{"LogFileCleared":{...}}`, SOURCES.md) and EvtxECmd's map
 *   (evtx/Maps/Security_Microsoft-Windows-Eventlog_1102.map @ 03a7a1f: `/Event/UserData/LogFileCleared/SubjectUserName`).
 */
const USER_DATA_ELEMENTS: Readonly<Record<string, readonly (readonly [readonly number[], string])[]>> = {
  'Microsoft-Windows-AppLocker/EXE and DLL': [[[8002, 8003, 8004], 'RuleAndFileData']],
  'Microsoft-Windows-AppLocker/MSI and Script': [[[8005, 8006, 8007], 'RuleAndFileData']],
  'Microsoft-Windows-WMI-Activity/Operational': [
    [[5857], 'Operation_StartedOperational'],
    [[5858], 'Operation_ClientFailure'],
    [[5859], 'Operation_EssStarted'],
    [[5860], 'Operation_TemporaryEssStarted'],
    [[5861], 'Operation_ESStoConsumerBinding'],
  ],
  'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational': [[[21, 22, 23, 24, 25, 39, 40, 41], 'EventXML']],
  Security: [[[1102], 'LogFileCleared']],
};

/**
 * Data names Windows writes with spaces, by channel. Sigma's names drop the spaces (SigmaHQ's windefend rules test
 * `ThreatName`, `NewValue`), and flattenWindowsEvent gives a recorded event both names; the event log, and every
 * platform, holds only the spaced one.
 *
 * - Windows Defender/Operational: SigmaHQ's recording of 1119 (regression_data/rules-emerging-threats/2026/Exploits/
 *   RedSun/win_defender_exploit_redsun_tiering_engine_detected_as_eicar/a7c3e5f2-8b1d-4e9a-b6c2-3d7f5e8a9b4c.json:
 *   `Event.EventData["Threat Name"]`, …), and EvtxECmd's maps of the channel, the XPaths they read and the Data
 *   elements of their example events (EricZimmerman/evtx evtx/Maps/Microsoft-Windows-Windows-Defender-Operational_
 *   Microsoft-Windows-Windows-Defender_<id>.map @ 03a7a1f: 5007's `/Event/EventData/Data[@Name="New Value"]`, …).
 */
export const SPACED_DATA_NAMES: Readonly<Record<string, readonly string[]>> = {
  'Microsoft-Windows-Windows Defender/Operational': [
    // The recording of 1119.
    'Product Name', 'Product Version', 'Detection ID', 'Detection Time', 'Threat ID', 'Threat Name', 'Severity ID',
    'Severity Name', 'Category ID', 'Category Name', 'Status Code', 'Status Description', 'Source ID', 'Source Name',
    'Process Name', 'Detection User', 'Origin ID', 'Origin Name', 'Execution ID', 'Execution Name', 'Type ID', 'Type Name',
    'Pre Execution Status', 'Action ID', 'Action Name', 'Error Code', 'Error Description', 'Post Clean Status',
    'Additional Actions ID', 'Additional Actions String', 'Remediation User', 'Security intelligence Version', 'Engine Version',
    // EvtxECmd's maps, beyond those.
    'Action Type', 'Audit Reason', 'Cleaning Action', 'Cleaning Action Index', 'Current Engine Version', 'Current Signature Version',
    'Detection Source', 'Detection Source Index', 'Detection Type', 'Detection Type Index', 'Enforcement Level', 'Engine version',
    'Event Timestamp', 'Execution Status', 'Execution Status Index', 'New Value', 'Old Value', 'Path Found', 'Platform version',
    'Policy Rule Id', 'Policy Version', 'Previous Engine Version', 'Previous Signature Version', 'Scan ID', 'Scan Parameters',
    'Scan Parameters Index', 'Scan Resources', 'Scan Time Hours', 'Scan Time Minutes', 'Scan Time Seconds', 'Scan Type',
    'Scan Type Index', 'Session Id', 'Signature Type', 'Signature Type Index', 'Signature Version', 'Signature version',
    'Update Type', 'Update Type Index', 'User Sid',
  ],
};

/** SPACED_DATA_NAMES by channel, as Sigma's name (the spaces dropped) -> the name Windows writes. */
const SPACED_BY_SIGMA_NAME: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  Object.entries(SPACED_DATA_NAMES).map(([channel, names]) => [channel, new Map(names.map((n) => [n.replace(/ /g, ''), n]))]),
);

/** The data names the original event (`Event`, as evtx_dump writes it) has of its own: EventData's and the UserData element's. */
function ownDataNames(original: unknown): Set<string> {
  const own = new Set<string>();
  const keysOf = (o: unknown): void => {
    if (o !== null && typeof o === 'object') for (const k of Object.keys(o)) own.add(k);
  };
  if (original !== null && typeof original === 'object') {
    keysOf((original as Record<string, unknown>)['EventData']);
    for (const inner of Object.values((original as Record<string, unknown>)['UserData'] ?? {})) keysOf(inner);
  }
  return own;
}

/**
 * `data` with each name as the event log holds it. A recorded event has both a spaced name and flattenWindowsEvent's
 * space-free copy (unless the event also has that name of its own, which its original under `Event` tells), and the
 * copy is what a rule reads and what a near-miss witness changes or removes: the spaced name takes the copy's value,
 * and is gone with it. A witness derived from a rule, which has Sigma's names only, gets the spaces back for the
 * names SPACED_DATA_NAMES lists for its channel.
 */
function eventLogNames(event: RawEvent, channel: string, data: [string, string][]): [string, string][] {
  const spacedNames = data.filter(([k]) => k.includes(' '));
  if (spacedNames.length > 0) {
    const own = ownDataNames(event['Event']);
    // Each spaced name -> its copy.
    const copyOf = new Map(spacedNames.flatMap(([k]): [string, string][] => (own.has(k.replace(/ /g, '')) ? [] : [[k, k.replace(/ /g, '')]])));
    const copies = new Set(copyOf.values());
    const values = new Map(data);
    return data.flatMap(([k, v]): [string, string][] => {
      if (copies.has(k)) return [];
      const c = copyOf.get(k);
      if (c === undefined) return [[k, v]];
      return values.has(c) ? [[k, values.get(c)!]] : [];
    });
  }
  const spaced = SPACED_BY_SIGMA_NAME.get(channel);
  return spaced ? data.map(([k, v]) => [spaced.get(k) ?? k, v]) : data;
}

/** The UserData element of an event type that USER_DATA_ELEMENTS places, else undefined. */
function userDataElementOf(channel: string, eventId: number): string | undefined {
  return USER_DATA_ELEMENTS[channel]?.find(([ids]) => ids.includes(eventId))?.[1];
}

/** The AppLocker log USER_DATA_ELEMENTS places an event id in (each of its file events is logged to one), if any. */
function appLockerChannel(eventId: number): string | undefined {
  return Object.keys(USER_DATA_ELEMENTS).find((c) => c.startsWith('Microsoft-Windows-AppLocker/') && userDataElementOf(c, eventId) !== undefined);
}

function isSysmonCategory(source: EventSource): boolean {
  return (source.product === undefined || source.product === 'windows') && source.category !== undefined && source.category in CATEGORY_EVENT_ID;
}

/**
 * The Windows view of a raw event, or undefined when it is not a Windows event log record (no Channel and no
 * Sysmon category/Security service to place it). Events without Channel/EventID (rule-derived witnesses) are placed
 * by their logsource: a Sysmon category gives the Sysmon channel and its event id, `service: security` the
 * Security channel with the event's `EventID`.
 */
export function windowsView(event: RawEvent, source: EventSource): WindowsEventView | undefined {
  let channel = text(event['Channel']);
  let eventId = Number(text(event['EventID']));
  const placed = source.category ? CATEGORY_CHANNEL_EVENT[source.category] : undefined;
  if (!channel) {
    if (source.product !== undefined && source.product !== 'windows') return undefined;
    if (isSysmonCategory(source)) channel = SYSMON_CHANNEL;
    else if (placed) channel = placed[0];
    else if (source.service && SERVICE_CHANNEL[source.service]) channel = SERVICE_CHANNEL[source.service]!;
    else if (source.service === 'applocker') channel = appLockerChannel(eventId) ?? '';
    if (!channel) return undefined;
  }
  if (!Number.isInteger(eventId) || text(event['EventID']) === '') {
    if (!source.category) return undefined;
    if (channel === SYSMON_CHANNEL) eventId = EVENT_TYPE_ID[text(event['EventType'])] ?? CATEGORY_EVENT_ID[source.category] ?? NaN;
    else if (placed && placed[0] === channel) eventId = placed[1];
    if (!Number.isInteger(eventId)) return undefined;
  }
  const defaultProvider = channel === SYSMON_CHANNEL ? SYSMON_PROVIDER : channel === SECURITY_CHANNEL ? SECURITY_PROVIDER : (CHANNEL_PROVIDER[channel] ?? '');
  const provider = text(event['Provider_Name']) || defaultProvider;
  const { system, data: flat } = splitHeader(event);
  const data = eventLogNames(event, channel, flat);
  const order = channel === SYSMON_CHANNEL && !('Event' in event) ? SYSMON_ORDER[eventId] : undefined;
  if (order) data.sort((a, b) => rank(order, a[0]) - rank(order, b[0]));
  let userDataElement = userDataName(event['Event']);
  const header = headerChannel(event['Event']);
  const cleared = eventId === 104 && provider.toLowerCase() === 'microsoft-windows-eventlog';
  if (cleared || (header !== '' && header !== channel)) {
    // flattenWindowsEvent writes data names over System ones (packages/evaluator/src/windows-event.ts), so a flat
    // `Channel` that is not the header's came from the event data. In event 104 of Microsoft-Windows-Eventlog ("The
    // <log> log file was cleared", logged to the System channel) it is UserData LogFileCleared/Channel, the cleared
    // log; the header's channel is System. The catalog's mapping of the same provider's LogFileCleared element in
    // Security 1102 reads `UserData.LogFileCleared.SubjectUserName`
    // (sumo-cloud-siem-catalog/mappings/86c42ab4-ecb1-421b-8f04-6d10e40b78df.md:27-29): records keep that element.
    const own = event['Channel'];
    if (own !== undefined && own !== null) data.splice(0, data.length, ...data.filter(([k]) => k !== 'Channel'), ['Channel', text(own)]);
    channel = cleared ? 'System' : header;
    if (cleared) userDataElement ??= 'LogFileCleared';
  }
  userDataElement ??= userDataElementOf(channel, eventId);
  const unnamed = unnamedData(event);
  return {
    channel, eventId, provider, computer: text(event['Computer']), system, data,
    ...(userDataElement ? { userDataElement } : {}), ...(unnamed ? { unnamed } : {}),
  };
}

/** The insertion strings of unnamed `<Data>` elements (see WindowsEventView.unnamed): the flat `Data` list. */
export function unnamedData(event: RawEvent): readonly string[] | undefined {
  const d = event['Data'];
  return Array.isArray(d) ? d.map(text) : undefined;
}

/** The header's channel of an evtx_dump event (`Event.System.Channel`, kept by flattenWindowsEvent), '' if none. */
function headerChannel(original: unknown): string {
  if (original === null || typeof original !== 'object') return '';
  const system = (original as Record<string, unknown>)['System'];
  if (system === null || typeof system !== 'object') return '';
  const c = (system as Record<string, unknown>)['Channel'];
  return typeof c === 'string' ? c : '';
}

/** The element under `Event.UserData` (flattenWindowsEvent keeps the original event under `Event`). */
function userDataName(original: unknown): string | undefined {
  if (original === null || typeof original !== 'object') return undefined;
  const ud = (original as Record<string, unknown>)['UserData'];
  if (ud === null || typeof ud !== 'object') return undefined;
  const names = Object.keys(ud).filter((k) => k !== '#attributes');
  return names.length === 1 ? names[0] : undefined;
}

export const LINUX_SYSMON_CHANNEL = 'Linux-Sysmon/Operational';

/** Sigma Linux categories -> Sysmon for Linux event ids (the ids the catalog's Linux-Sysmon mappings name). */
/** A flat event's header keys (`SYSTEM_KEYS`, the nested `Event` left out) and its data fields, in the event's order. */
function splitHeader(event: RawEvent): { system: Record<string, unknown>; data: [string, string][] } {
  const system: Record<string, unknown> = {};
  const data: [string, string][] = [];
  for (const [k, v] of Object.entries(event)) {
    if (SYSTEM_KEYS.has(k)) {
      if (k !== 'Event') system[k] = v;
    } else data.push([k, text(v)]);
  }
  return { system, data };
}

/** The host of a flat Linux or macOS event: Sysmon's `Computer`, else the `host` most collectors write. */
const flatComputer = (event: RawEvent): string => text(event['Computer'] ?? event['host'] ?? '');

const LINUX_CATEGORY_EVENT_ID: Readonly<Record<string, number>> = {
  process_creation: 1, network_connection: 3, process_termination: 5, file_event: 11, file_delete: 23,
};

/**
 * A Linux event of a Sysmon-for-Linux category as the Sysmon for Linux record it stands for (assumption
 * `linux-sysmon-shape`): the fields Sigma rules use for Linux process_creation/network_connection/file_event are
 * Sysmon for Linux's own names (Image, CommandLine, ParentImage, User, ...).
 */
export function linuxSysmonView(event: RawEvent, source: EventSource): WindowsEventView | undefined {
  if (source.product !== 'linux' || !source.category) return undefined;
  const eventId = LINUX_CATEGORY_EVENT_ID[source.category];
  if (eventId === undefined) return undefined;
  assumption('linux-sysmon-shape');
  const { system, data } = splitHeader(event);
  return { channel: LINUX_SYSMON_CHANNEL, eventId, provider: 'Linux-Sysmon', computer: flatComputer(event), system, data };
}

/** Sigma macOS categories -> the Sysmon-style event they are written as (same ids as Linux). */
const MACOS_CATEGORY_EVENT_ID: Readonly<Record<string, number>> = { process_creation: 1, network_connection: 3, file_event: 11 };

export const MACOS_CHANNEL = 'macOS';

/**
 * A macOS event of Sigma's process_creation / network_connection / file_event categories, in the same view as the
 * Linux ones (assumption `macos-event-shape`): Sigma's macOS rules use the Sysmon names (Image, CommandLine,
 * ParentImage, TargetFilename) for what an EDR on macOS reports. There is no Sysmon for macOS, so only builders for
 * platforms that record macOS endpoints (Defender for Endpoint) read it.
 */
export function macosView(event: RawEvent, source: EventSource): WindowsEventView | undefined {
  if (source.product !== 'macos' || !source.category) return undefined;
  const eventId = MACOS_CATEGORY_EVENT_ID[source.category];
  if (eventId === undefined) return undefined;
  assumption('macos-event-shape');
  const { system, data } = splitHeader(event);
  return { channel: MACOS_CHANNEL, eventId, provider: 'macOS', computer: flatComputer(event), system, data };
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** EventData value by name ('' when absent, as Kusto reads an absent string). */
export function field(view: WindowsEventView, name: string): string {
  for (const [k, v] of view.data) if (k === name) return v;
  return '';
}

export function hasField(view: WindowsEventView, name: string): boolean {
  return view.data.some(([k]) => k === name);
}

/** `C:\dir\file.exe` -> { folder: 'C:\dir', file: 'file.exe' } (last `\` or `/`). */
export function splitPath(path: string): { readonly folder: string; readonly file: string } {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i < 0 ? { folder: '', file: path } : { folder: path.slice(0, i), file: path.slice(i + 1) };
}

/** `DOMAIN\user` -> { domain: 'DOMAIN', name: 'user' }; a name without `\` has an empty domain. */
export function splitUser(user: string): { readonly domain: string; readonly name: string } {
  const i = user.indexOf('\\');
  return i < 0 ? { domain: '', name: user } : { domain: user.slice(0, i), name: user.slice(i + 1) };
}

/** Sysmon `Hashes` (`MD5=...,SHA256=...,IMPHASH=...`) -> algorithm -> value (upper-case names, as Sysmon writes). */
export function parseHashes(hashes: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of hashes.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Decimal or `0x` hexadecimal integer text -> number; null when it is neither. */
export function parseInteger(value: string): number | null {
  const v = value.trim();
  if (/^0x[0-9a-f]+$/i.test(v)) return Number.parseInt(v.slice(2), 16);
  if (/^-?\d+$/.test(v)) return Number(v);
  return null;
}

/** A number as Windows Security events write ids (`0x1a2b`, lower-case hex). */
export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** Sysmon `UtcTime` (`2026-04-20 10:00:35.640`) or an ISO time -> Date; null when unparsable. */
export function parseTime(value: string): Date | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The event's time: Sysmon UtcTime, else the System TimeCreated. */
export function eventTime(view: WindowsEventView): Date | null {
  return parseTime(field(view, 'UtcTime')) ?? parseTime(text(view.system['TimeCreated_SystemTime']));
}
