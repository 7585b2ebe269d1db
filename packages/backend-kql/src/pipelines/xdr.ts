// Microsoft Defender XDR advanced hunting: Sigma (Sysmon-style) fields → Device*Events columns.
import { INITIATED_ACTION_TYPES, REGISTRY_EVENT_TYPES, SYSMON_HIVES } from '../knowledge.js';
import { categoryItems, hiveItems, STATE, systemScopeItems, type CategoryMapping } from './build.js';

// Field mappings: where Microsoft's Sysmon and Defender ASIM parsers read one column each into the same ASIM field,
// the mapping here must agree with that pivot (generated ASIM_PIVOT; test/provenance.test.ts checks it). The
// other entries are ours, each with its reason.

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

const { IntegrityLevel: _integrity, ...INITIATOR_NO_INTEGRITY } = INITIATOR;

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
      // No FileVersion: Defender documents only the product version ("Product version from the version information",
      // advanced-hunting-deviceprocessevents-table.md:56), which is not the file version Sysmon reports.
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
    // ImageLoaded, TargetFilename, TargetImage: paths computed from FolderPath and FileName (tables/defender.ts pathOf).
    fields: { ...DEVICE, ...INITIATOR, ImageLoaded: 'ImageLoaded', md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' },
  },
  {
    // Sysmon 11 (FileCreate) is ASIM's FileCreated (ASimFileEventMicrosoftSysmon.yaml:83), the DeviceFileEvents
    // ActionType of the same name: the table also holds deletions, renames and modifications, which a file_event
    // rule must not match.
    categories: ['file_event'],
    table: 'DeviceFileEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'FileCreated' },
    fields: { ...DEVICE, ...INITIATOR, TargetFilename: 'TargetFilename' },
  },
  {
    categories: ['file_change'],
    table: 'DeviceFileEvents',
    refuse:
      "Defender XDR records no file creation-time changes (Sysmon event 2): no DeviceFileEvents ActionType a source names is one (generated ACTION_TYPES), and Microsoft's Defender file parser maps none to it",
    fields: {},
  },
  {
    categories: ['file_access'],
    table: 'DeviceFileEvents',
    refuse:
      'Defender XDR records no file reads: DeviceFileEvents holds file creations, modifications, renames and deletions, not the kernel file-access events of Sigma file_access rules',
    fields: {},
  },
  {
    categories: ['file_rename'],
    table: 'DeviceFileEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'FileRenamed' },
    // SourceFilename: the old path, a computed column of DeviceFileEvents (tables/defender.ts).
    fields: { ...DEVICE, ...INITIATOR, TargetFilename: 'TargetFilename', SourceFilename: 'SourceFilename' },
  },
  {
    // Sigma's file_delete is Sysmon events 23 and 26, archived or not (pySigma-pipeline-sysmon,
    // sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b: `"file_delete": [23,26]`): exactly the deletions Defender
    // records as DeviceFileEvents FileDeleted (ASimFileEventMicrosoft365D.yaml reads them as ASIM's FileDeleted).
    categories: ['file_delete'],
    table: 'DeviceFileEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'FileDeleted' },
    fields: { ...DEVICE, ...INITIATOR, TargetFilename: 'TargetFilename' },
  },
  {
    categories: ['network_connection'],
    table: 'DeviceNetworkEvents',
    drop: ['EventID'],
    fields: {
      ...DEVICE,
      ...INITIATOR,
      // Direction-aware computed columns of DeviceNetworkEvents (tables/defender.ts): Remote* is the destination of
      // outbound connections and the source of inbound ones. The host names are RemoteUrl without a URL scheme, and
      // Protocol is NetworkProtocol, Protocol as Microsoft's Defender network parser normalizes it.
      DestinationIp: 'DestinationIp',
      DestinationPort: 'DestinationPort',
      DestinationHostname: 'DestinationHostname',
      SourceIp: 'SourceIp',
      SourcePort: 'SourcePort',
      SourceHostname: 'SourceHostname',
      Protocol: 'NetworkProtocol',
      // Values were turned into connection ActionTypes by xdr_network_initiated.
      Initiated: 'ActionType',
    },
  },
  {
    categories: ['pipe_created'],
    table: 'DeviceEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'NamedPipeEvent' },
    // DeviceEvents documents no InitiatingProcessIntegrityLevel.
    fields: { ...DEVICE, ...INITIATOR_NO_INTEGRITY },
  },
  {
    categories: ['driver_load'],
    table: 'DeviceEvents',
    drop: ['EventID'],
    conditions: { ActionType: 'DriverLoad' },
    fields: { ...DEVICE, ImageLoaded: 'ImageLoaded', md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' },
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
      TargetImage: 'TargetImage',
      TargetProcessId: 'ProcessId',
    },
  },
  {
    categories: ['registry_event'],
    table: 'DeviceRegistryEvents',
    // Defender rows carry no Sysmon event id (12, 13, 14), but each ActionType has one: EventID and NewName are
    // computed columns of DeviceRegistryEvents (tables/defender.ts).
    fields: { ...DEVICE, ...INITIATOR, Details: 'RegistryValueData', EventType: 'ActionType' },
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

/** Sysmon network Initiated → Defender connection ActionTypes (generated from the DirectionLookup). */
const INITIATED = {
  true: INITIATED_ACTION_TYPES.true,
  True: INITIATED_ACTION_TYPES.true,
  false: INITIATED_ACTION_TYPES.false,
  False: INITIATED_ACTION_TYPES.false,
};

/** Stand aside when another built-in KQL pipeline has chosen the source. */
const GUARD = [{ type: 'processing_state', key: STATE.override, val: true, op: 'ne' }];

export const XDR_PIPELINE = {
  name: 'microsoft_xdr',
  priority: 10,
  allowed_backends: ['kql'],
  transformations: [
    {
      // The Device* tables hold what Defender for Endpoint sensors record on Windows, Linux and macOS devices
      // (the advanced-hunting table pages): a rule about another product's logs has no events there.
      id: 'xdr_endpoint_products_only',
      type: 'rule_failure',
      message: 'Defender XDR Device* tables hold only the endpoint events of Windows, Linux and macOS devices',
      rule_conditions: {
        xdr: GUARD[0],
        windows: { type: 'logsource', product: 'windows' },
        linux: { type: 'logsource', product: 'linux' },
        macos: { type: 'logsource', product: 'macos' },
      },
      rule_cond_expr: 'xdr and not (windows or linux or macos)',
    },
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
    ...hiveItems('xdr', SYSMON_HIVES, GUARD),
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
    // DeviceProcessEvents, DeviceFileEvents and DeviceNetworkEvents hold every system's rows (the pages name none): the
    // process's, the file's and the acting process's path tell them apart.
    ...systemScopeItems('xdr', 'process_creation', 'FolderPath', GUARD),
    ...['file_event', 'file_change', 'file_access', 'file_rename', 'file_delete'].flatMap((c) => systemScopeItems('xdr', c, 'FolderPath', GUARD)),
    ...systemScopeItems('xdr', 'network_connection', 'InitiatingProcessFolderPath', GUARD),
  ],
};
