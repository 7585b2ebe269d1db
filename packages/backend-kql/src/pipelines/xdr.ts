// Microsoft Defender XDR advanced hunting: Sigma (Sysmon-style) fields → Device*Events columns.
import { categoryItems, hiveItems, STATE, type CategoryMapping } from './build.js';

/** Fields every Defender table has under the same meaning. */
const DEVICE = { Computer: 'DeviceName' };

/** The process that caused the event (Sysmon Image/User/... on non-process events). */
const INITIATOR = {
  Image: 'InitiatingProcessFolderPath',
  CommandLine: 'InitiatingProcessCommandLine',
  ProcessId: 'InitiatingProcessId',
  User: 'InitiatingProcessAccountName',
  IntegrityLevel: 'InitiatingProcessIntegrityLevel',
  ParentProcessId: 'InitiatingProcessParentId',
};

export const XDR_MAPPINGS: readonly CategoryMapping[] = [
  {
    categories: ['process_creation'],
    table: 'DeviceProcessEvents',
    drop: ['EventID'],
    fields: {
      ...DEVICE,
      Image: 'FolderPath',
      CommandLine: 'ProcessCommandLine',
      OriginalFileName: 'ProcessVersionInfoOriginalFileName',
      Company: 'ProcessVersionInfoCompanyName',
      Description: 'ProcessVersionInfoFileDescription',
      Product: 'ProcessVersionInfoProductName',
      FileVersion: 'ProcessVersionInfoProductVersion',
      ProcessId: 'ProcessId',
      User: 'AccountName',
      IntegrityLevel: 'ProcessIntegrityLevel',
      LogonId: 'LogonId',
      ParentImage: 'InitiatingProcessFolderPath',
      ParentCommandLine: 'InitiatingProcessCommandLine',
      ParentProcessId: 'InitiatingProcessId',
      ParentUser: 'InitiatingProcessAccountName',
      md5: 'MD5',
      sha1: 'SHA1',
      sha256: 'SHA256',
    },
  },
  {
    categories: ['image_load'],
    table: 'DeviceImageLoadEvents',
    drop: ['EventID'],
    fields: { ...DEVICE, ...INITIATOR, ImageLoaded: 'FolderPath', md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' },
  },
  {
    categories: ['file_event', 'file_change', 'file_access'],
    table: 'DeviceFileEvents',
    drop: ['EventID'],
    fields: { ...DEVICE, ...INITIATOR, TargetFilename: 'FolderPath' },
  },
  {
    categories: ['file_rename'],
    table: 'DeviceFileEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'FileRenamed' },
    fields: { ...DEVICE, ...INITIATOR, TargetFilename: 'FolderPath', SourceFilename: 'PreviousFileName' },
  },
  {
    categories: ['file_delete'],
    table: 'DeviceFileEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'FileDeleted' },
    fields: { ...DEVICE, ...INITIATOR, TargetFilename: 'FolderPath' },
  },
  {
    categories: ['network_connection'],
    table: 'DeviceNetworkEvents',
    drop: ['EventID'],
    fields: {
      ...DEVICE,
      ...INITIATOR,
      DestinationIp: 'RemoteIP',
      DestinationPort: 'RemotePort',
      DestinationHostname: 'RemoteUrl',
      SourceIp: 'LocalIP',
      SourcePort: 'LocalPort',
      SourceHostname: 'DeviceName',
      Protocol: 'Protocol',
      // Values were turned into connection ActionTypes by xdr_network_initiated.
      Initiated: 'ActionType',
    },
  },
  {
    categories: ['pipe_created'],
    table: 'DeviceEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'NamedPipeEvent' },
    fields: { ...DEVICE, ...INITIATOR },
  },
  {
    categories: ['driver_load'],
    table: 'DeviceEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'DriverLoad' },
    fields: { ...DEVICE, ImageLoaded: 'FolderPath', md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' },
  },
  {
    categories: ['create_remote_thread'],
    table: 'DeviceEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'CreateRemoteThreadApiCall' },
    fields: {
      ...DEVICE,
      SourceImage: 'InitiatingProcessFolderPath',
      SourceProcessId: 'InitiatingProcessId',
      SourceUser: 'InitiatingProcessAccountName',
      User: 'InitiatingProcessAccountName',
      TargetImage: 'FolderPath',
      TargetProcessId: 'ProcessId',
    },
  },
  {
    categories: ['registry_event'],
    table: 'DeviceRegistryEvents',
    drop: ['EventID'],
    fields: { ...DEVICE, ...INITIATOR, Details: 'RegistryValueData', EventType: 'ActionType', NewName: 'RegistryKey' },
  },
  {
    categories: ['registry_add'],
    table: 'DeviceRegistryEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'RegistryKeyCreated' },
    fields: { ...DEVICE, ...INITIATOR, EventType: 'ActionType' },
  },
  {
    categories: ['registry_set'],
    table: 'DeviceRegistryEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'RegistryValueSet' },
    fields: { ...DEVICE, ...INITIATOR, Details: 'RegistryValueData', EventType: 'ActionType' },
  },
  {
    categories: ['registry_delete'],
    table: 'DeviceRegistryEvents',
    drop: ['EventID'],
    conditions: { ActionType: ['RegistryKeyDeleted', 'RegistryValueDeleted'] },
    fields: { ...DEVICE, ...INITIATOR, EventType: 'ActionType' },
  },
];

/** Sysmon network Initiated (the host opened the connection) → Defender connection ActionType values. */
const OUTBOUND = ['ConnectionSuccess', 'ConnectionFailed', 'ConnectionAttempt', 'ConnectionRequest'];
const INBOUND = ['InboundConnectionAccepted'];
const INITIATED = { true: OUTBOUND, True: OUTBOUND, false: INBOUND, False: INBOUND };

/** Sysmon registry EventType values → Defender ActionType values. */
const REGISTRY_EVENT_TYPES = {
  CreateKey: 'RegistryKeyCreated',
  DeleteKey: 'RegistryKeyDeleted',
  SetValue: 'RegistryValueSet',
  DeleteValue: 'RegistryValueDeleted',
  RenameKey: 'RegistryKeyRenamed',
};

/** Stand aside when another built-in KQL pipeline has chosen the source. */
const GUARD = [{ type: 'processing_state', key: STATE.override, val: true, op: 'ne' }];

export const XDR_PIPELINE = {
  name: 'microsoft_xdr',
  priority: 10,
  allowed_backends: ['kql'],
  transformations: [
    // One item per hash field, each only for rules that use it (a match_string test on every value is costly).
    ...['Hashes', 'Hash'].map((field) => ({
      id: `xdr_imphash_unsupported_${field.toLowerCase()}`,
      type: 'detection_item_failure',
      message: 'IMPHASH is not available in Defender XDR (the Device*Events tables have MD5, SHA1 and SHA256)',
      field_name_conditions: [{ type: 'include_fields', fields: [field] }],
      detection_item_conditions: [{ type: 'match_string', pattern: '(?i).*IMPHASH=', cond: 'any' }],
      rule_conditions: [{ type: 'contains_field', field }, ...GUARD],
    })),
    {
      id: 'xdr_hashes',
      type: 'hashes_fields',
      valid_hash_algos: ['MD5', 'SHA1', 'SHA256'],
      field_prefix: '',
      drop_algo_prefix: false,
      // Items with IMPHASH values already failed above; splitting them would only add a second error.
      detection_item_conditions: [{ type: 'match_string', pattern: '(?i).*IMPHASH=', cond: 'all', negate: true }],
      rule_conditions: GUARD,
    },
    ...hiveItems('xdr', GUARD),
    {
      id: 'xdr_network_initiated_text',
      type: 'convert_type',
      target_type: 'str',
      field_name_conditions: [{ type: 'include_fields', fields: ['Initiated'] }],
      rule_conditions: [{ type: 'logsource', category: 'network_connection' }, ...GUARD],
    },
    {
      id: 'xdr_network_initiated',
      type: 'map_string',
      mapping: INITIATED,
      field_name_conditions: [{ type: 'include_fields', fields: ['Initiated'] }],
      rule_conditions: [{ type: 'logsource', category: 'network_connection' }, ...GUARD],
    },
    {
      id: 'xdr_registry_event_types',
      type: 'map_string',
      mapping: REGISTRY_EVENT_TYPES,
      field_name_conditions: [{ type: 'include_fields', fields: ['EventType'] }],
      rule_conditions: GUARD,
    },
    ...XDR_MAPPINGS.flatMap((m) => categoryItems('xdr', m, GUARD)),
  ],
};
