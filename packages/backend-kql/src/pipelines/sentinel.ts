// Microsoft Sentinel / Log Analytics sources: SecurityEvent 4688, Sysmon in the Event table, ASIM parsers.
import { categoryItems, hiveItems, STATE, type CategoryMapping } from './build.js';

/** Marks the source as chosen, so the default microsoft_xdr pipeline stands aside. Runs before it (priority 5). */
const OVERRIDE = { id: 'kql_source_override', type: 'set_state', key: STATE.override, val: true };

/** Windows mandatory integrity labels: the names Sysmon writes → the SIDs 4688 writes in MandatoryLabel. */
const INTEGRITY_SIDS = {
  Untrusted: 'S-1-16-0',
  Low: 'S-1-16-4096',
  Medium: 'S-1-16-8192',
  'Medium Plus': 'S-1-16-8448',
  High: 'S-1-16-12288',
  System: 'S-1-16-16384',
  'Protected Process': 'S-1-16-20480',
};

export const SECURITY_EVENT_MAPPINGS: readonly CategoryMapping[] = [
  {
    categories: ['process_creation'],
    product: 'windows',
    table: 'SecurityEvent',
    conditions: { EventID: 4688 },
    fields: {
      Image: 'NewProcessName',
      ParentImage: 'ParentProcessName',
      CommandLine: 'CommandLine',
      // The 4688 subject is the account that started the process (what pySigma maps too).
      User: 'SubjectUserName',
      IntegrityLevel: 'MandatoryLabel',
      Computer: 'Computer',
    },
  },
];

export const SECURITY_EVENT_PIPELINE = {
  name: 'sentinel_securityevent',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [
    OVERRIDE,
    {
      id: 'securityevent_integrity_sid',
      type: 'map_string',
      mapping: INTEGRITY_SIDS,
      field_name_conditions: [{ type: 'include_fields', fields: ['IntegrityLevel'] }],
    },
    ...SECURITY_EVENT_MAPPINGS.flatMap((m) => categoryItems('securityevent', m, [])),
    // Every other Windows Security log rule reads SecurityEvent, whose columns carry the event's own field names
    // (EventID, TargetUserName, IpAddress, LogonType, …): no renaming; names it lacks are unmapped-field errors.
    {
      id: 'securityevent_service_security_table',
      type: 'set_state',
      key: STATE.table,
      val: 'SecurityEvent',
      rule_conditions: [{ type: 'logsource', product: 'windows', service: 'security' }],
    },
  ],
};

/** Sysmon event ids per Sigma category (Sigma taxonomy appendix). */
const SYSMON_EVENT_IDS: Readonly<Record<string, number>> = {
  process_creation: 1,
  file_change: 2,
  network_connection: 3,
  sysmon_status: 4,
  process_termination: 5,
  driver_load: 6,
  image_load: 7,
  create_remote_thread: 8,
  raw_access_thread: 9,
  process_access: 10,
  file_event: 11,
  registry_add: 12,
  registry_delete: 12,
  registry_set: 13,
  registry_rename: 14,
  create_stream_hash: 15,
  pipe_created: 17,
  wmi_event: 19,
  dns_query: 22,
  file_delete: 23,
  clipboard_capture: 24,
  process_tampering: 25,
  file_delete_detected: 26,
  file_block_executable: 27,
  file_block_shredding: 28,
  file_executable_detected: 29,
};

/**
 * Sysmon collected by the legacy agent into `Event`: filter on source and event id first (cheap), then parse the
 * EventData XML; Sysmon field names stay as they are, since they become the extracted columns.
 */
export const SYSMON_EVENT_MAPPINGS: readonly CategoryMapping[] = Object.entries(SYSMON_EVENT_IDS).map(([category, id]) => ({
  categories: [category],
  product: 'windows',
  table: 'Event',
  drop: ['EventID'],
  state: {
    [STATE.prefilter]: `Source == "Microsoft-Windows-Sysmon" and EventID == ${id}`,
    [STATE.eventDataXml]: 'EventData',
    [STATE.eventDataFields]: 'sysmon',
  },
  fields: {},
}));

/** Sysmon collected by the Azure Monitor Agent into `WindowsEvent`: EventData is already dynamic. */
export const SYSMON_WINDOWS_EVENT_MAPPINGS: readonly CategoryMapping[] = Object.entries(SYSMON_EVENT_IDS).map(([category, id]) => ({
  categories: [category],
  product: 'windows',
  table: 'WindowsEvent',
  drop: ['EventID'],
  state: {
    [STATE.prefilter]: `Provider == "Microsoft-Windows-Sysmon" and EventID == ${id}`,
    [STATE.eventDataDynamic]: 'EventData',
    [STATE.eventDataFields]: 'sysmon',
  },
  fields: {},
}));

export const SYSMON_WINDOWS_EVENT_PIPELINE = {
  name: 'sentinel_sysmon_windowsevent',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [OVERRIDE, ...SYSMON_WINDOWS_EVENT_MAPPINGS.flatMap((m) => categoryItems('sysmon_windowsevent', m, []))],
};

export const SYSMON_EVENT_PIPELINE = {
  name: 'sentinel_sysmon_event',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [OVERRIDE, ...SYSMON_EVENT_MAPPINGS.flatMap((m) => categoryItems('sysmon_event', m, []))],
};

/** ASIM: the acting process of a ProcessCreated event is the parent of the target (new) process. */
export const ASIM_MAPPINGS: readonly CategoryMapping[] = [
  {
    categories: ['process_creation'],
    table: 'imProcessCreate',
    drop: ['EventID'],
    fields: {
      Computer: 'DvcHostname',
      Image: 'TargetProcessName',
      CommandLine: 'TargetProcessCommandLine',
      CurrentDirectory: 'TargetProcessCurrentDirectory',
      OriginalFileName: 'TargetProcessFileOriginalName',
      Company: 'TargetProcessFileCompany',
      Description: 'TargetProcessFileDescription',
      Product: 'TargetProcessFileProduct',
      FileVersion: 'TargetProcessFileVersion',
      IntegrityLevel: 'TargetProcessIntegrityLevel',
      ProcessId: 'TargetProcessId',
      ProcessGuid: 'TargetProcessGuid',
      User: 'TargetUsername',
      LogonId: 'TargetUserSessionId',
      ParentImage: 'ActingProcessName',
      ParentCommandLine: 'ActingProcessCommandLine',
      ParentProcessId: 'ActingProcessId',
      ParentProcessGuid: 'ActingProcessGuid',
      ParentUser: 'ActorUsername',
    },
  },
  {
    categories: ['network_connection'],
    table: 'imNetworkSession',
    drop: ['EventID'],
    fields: {
      Computer: 'DvcHostname',
      Image: 'SrcProcessName',
      ProcessId: 'SrcProcessId',
      ProcessGuid: 'SrcProcessGuid',
      User: 'SrcUsername',
      SourceIp: 'SrcIpAddr',
      SourcePort: 'SrcPortNumber',
      SourceHostname: 'SrcHostname',
      DestinationIp: 'DstIpAddr',
      DestinationPort: 'DstPortNumber',
      DestinationHostname: 'DstHostname',
      Protocol: 'NetworkProtocol',
    },
  },
  {
    categories: ['dns_query'],
    table: 'imDns',
    drop: ['EventID'],
    fields: {
      Computer: 'DvcHostname',
      Image: 'SrcProcessName',
      ProcessId: 'SrcProcessId',
      User: 'SrcUsername',
      QueryName: 'DnsQuery',
      QueryStatus: 'DnsResponseCodeName',
      QueryResults: 'DnsResponseName',
    },
  },
  {
    categories: ['file_event', 'file_change', 'file_delete', 'file_rename', 'file_access'],
    table: 'imFileEvent',
    drop: ['EventID'],
    fields: {
      Computer: 'DvcHostname',
      Image: 'ActingProcessName',
      CommandLine: 'ActingProcessCommandLine',
      ProcessId: 'ActingProcessId',
      User: 'ActorUsername',
      TargetFilename: 'TargetFilePath',
      SourceFilename: 'SrcFilePath',
    },
  },
  {
    categories: ['registry_add', 'registry_delete', 'registry_set', 'registry_event', 'registry_rename'],
    table: 'imRegistry',
    drop: ['EventID'],
    fields: {
      Computer: 'DvcHostname',
      Image: 'ActingProcessName',
      ProcessId: 'ActingProcessId',
      User: 'ActorUsername',
      Details: 'RegistryValueData',
    },
  },
];

export const ASIM_PIPELINE = {
  name: 'sentinel_asim',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [
    OVERRIDE,
    {
      id: 'asim_hashes',
      type: 'hashes_fields',
      valid_hash_algos: ['MD5', 'SHA1', 'SHA256', 'SHA512', 'IMPHASH'],
      field_prefix: 'TargetProcess',
      drop_algo_prefix: false,
      rule_conditions: [{ type: 'logsource', category: 'process_creation' }],
    },
    ...hiveItems('asim', []),
    ...ASIM_MAPPINGS.flatMap((m) => categoryItems('asim', m, [])),
  ],
};
