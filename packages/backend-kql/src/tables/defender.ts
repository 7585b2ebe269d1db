// Defender XDR advanced hunting tables (learn.microsoft.com/defender-xdr/advanced-hunting-*-table).
// Written from Microsoft's documented column lists; untyped names are `string`.
import { columns, type TableSchema } from './types.js';

const DEVICE = 'Timestamp:datetime DeviceId DeviceName ActionType';
const TAIL = 'ReportId:long AppGuardContainerId';

/** The InitiatingProcess* block shared by the Device*Events tables. */
const INITIATING = `
  InitiatingProcessAccountDomain InitiatingProcessAccountName InitiatingProcessAccountSid InitiatingProcessAccountUpn
  InitiatingProcessAccountObjectId InitiatingProcessMD5 InitiatingProcessSHA1 InitiatingProcessSHA256
  InitiatingProcessFileName InitiatingProcessFileSize:long InitiatingProcessVersionInfoCompanyName
  InitiatingProcessVersionInfoProductName InitiatingProcessVersionInfoProductVersion
  InitiatingProcessVersionInfoInternalFileName InitiatingProcessVersionInfoOriginalFileName
  InitiatingProcessVersionInfoFileDescription InitiatingProcessId:long InitiatingProcessCommandLine
  InitiatingProcessCreationTime:datetime InitiatingProcessFolderPath InitiatingProcessParentId:long
  InitiatingProcessParentFileName InitiatingProcessParentCreationTime:datetime InitiatingProcessIntegrityLevel
  InitiatingProcessTokenElevation InitiatingProcessSignatureStatus InitiatingProcessSignerType
  InitiatingProcessLogonId:long InitiatingProcessSessionId:long IsInitiatingProcessRemoteSession:bool
  InitiatingProcessRemoteSessionDeviceName InitiatingProcessRemoteSessionIP InitiatingProcessUniqueId:long`;

const FILE = 'FileName FolderPath SHA1 SHA256 MD5 FileSize:long';

const BASENAME = { FolderPath: 'FileName', InitiatingProcessFolderPath: 'InitiatingProcessFileName' };
const INITIATING_BASENAME = { InitiatingProcessFolderPath: 'InitiatingProcessFileName' };
const DOMAIN = { AccountName: 'AccountDomain', InitiatingProcessAccountName: 'InitiatingProcessAccountDomain' };
const INITIATING_DOMAIN = { InitiatingProcessAccountName: 'InitiatingProcessAccountDomain' };
/** The initiating process's parent is only known by file name. */
const PARENT_NAME = { ParentImage: 'InitiatingProcessParentFileName' };

export const DeviceProcessEvents: TableSchema = {
  name: 'DeviceProcessEvents',
  timeColumn: 'Timestamp',
  basenameOnly: { GrandParentImage: 'InitiatingProcessParentFileName' },
  basename: BASENAME,
  domainSplit: DOMAIN,
  columns: columns(`${DEVICE} ${FILE}
    ProcessVersionInfoCompanyName ProcessVersionInfoProductName ProcessVersionInfoProductVersion
    ProcessVersionInfoInternalFileName ProcessVersionInfoOriginalFileName ProcessVersionInfoFileDescription
    ProcessId:long ProcessCommandLine ProcessIntegrityLevel ProcessTokenElevation ProcessCreationTime:datetime
    AccountDomain AccountName AccountSid AccountUpn AccountObjectId LogonId:long
    ProcessRemoteSessionDeviceName ProcessRemoteSessionIP IsProcessRemoteSession:bool ProcessUniqueId:long
    ${INITIATING} ${TAIL} AdditionalFields:dynamic`),
};

export const DeviceNetworkEvents: TableSchema = {
  name: 'DeviceNetworkEvents',
  timeColumn: 'Timestamp',
  basenameOnly: PARENT_NAME,
  computed: {
    // Sysmon writes 'true'/'false'.
    DestinationIsIpv6: 'iff(RemoteIP contains ":", "true", "false")',
    SourceIsIpv6: 'iff(LocalIP contains ":", "true", "false")',
  },
  basename: INITIATING_BASENAME,
  domainSplit: INITIATING_DOMAIN,
  columns: columns(`${DEVICE}
    RemoteIP RemotePort:int RemoteUrl LocalIP LocalPort:int Protocol LocalIPType RemoteIPType
    ${INITIATING} ${TAIL} AdditionalFields:dynamic`),
};

export const DeviceFileEvents: TableSchema = {
  name: 'DeviceFileEvents',
  timeColumn: 'Timestamp',
  basenameOnly: PARENT_NAME,
  basename: BASENAME,
  domainSplit: { ...INITIATING_DOMAIN, RequestAccountName: 'RequestAccountDomain' },
  columns: columns(`${DEVICE} ${FILE}
    FileOriginUrl FileOriginReferrerUrl FileOriginIP PreviousFolderPath PreviousFileName
    ${INITIATING}
    RequestProtocol RequestSourceIP RequestSourcePort:int RequestAccountName RequestAccountDomain RequestAccountSid
    ShareName SensitivityLabel SensitivitySubLabel IsAzureInfoProtectionApplied:bool
    ${TAIL} AdditionalFields:dynamic`),
};

export const DeviceRegistryEvents: TableSchema = {
  name: 'DeviceRegistryEvents',
  timeColumn: 'Timestamp',
  basenameOnly: PARENT_NAME,
  // Sysmon's TargetObject is the key for key events and key\value-name for value events.
  computed: {
    TargetObject: 'iff(isempty(RegistryValueName), RegistryKey, strcat(RegistryKey, @"\\", RegistryValueName))',
  },
  basename: INITIATING_BASENAME,
  domainSplit: INITIATING_DOMAIN,
  columns: columns(`${DEVICE}
    RegistryKey RegistryValueType RegistryValueName RegistryValueData
    PreviousRegistryKey PreviousRegistryValueName PreviousRegistryValueData
    ${INITIATING} ${TAIL}`),
};

export const DeviceImageLoadEvents: TableSchema = {
  name: 'DeviceImageLoadEvents',
  timeColumn: 'Timestamp',
  basenameOnly: PARENT_NAME,
  basename: BASENAME,
  domainSplit: INITIATING_DOMAIN,
  columns: columns(`${DEVICE} ${FILE} ${INITIATING} ${TAIL}`),
};

export const DeviceEvents: TableSchema = {
  name: 'DeviceEvents',
  timeColumn: 'Timestamp',
  basenameOnly: PARENT_NAME,
  computed: {
    // Defender writes \Device\NamedPipe\name, Sysmon \name.
    PipeName: 'replace_string(tostring(AdditionalFields.PipeName), @"\\Device\\NamedPipe", "")',
  },
  // FolderPath is empty for many DeviceEvents action types, so no basename shortcut for it.
  basename: INITIATING_BASENAME,
  domainSplit: DOMAIN,
  columns: columns(`${DEVICE} ${FILE}
    AccountDomain AccountName AccountSid RemoteUrl RemoteDeviceName
    ProcessId:long ProcessCommandLine ProcessCreationTime:datetime ProcessTokenElevation LogonId:long
    RegistryKey RegistryValueName RegistryValueData RemoteIP RemotePort:int LocalIP LocalPort:int
    FileOriginUrl FileOriginIP AdditionalFields:dynamic
    ${INITIATING}
    CreatedProcessSessionId:long IsProcessRemoteSession:bool ProcessRemoteSessionDeviceName ProcessRemoteSessionIP
    ${TAIL}`),
};

export const DeviceLogonEvents: TableSchema = {
  name: 'DeviceLogonEvents',
  timeColumn: 'Timestamp',
  basename: INITIATING_BASENAME,
  domainSplit: DOMAIN,
  columns: columns(`${DEVICE}
    LogonType AccountDomain AccountName AccountSid Protocol FailureReason IsLocalAdmin:bool LogonId:long
    RemoteDeviceName RemoteIP RemoteIPType RemotePort:int
    ${INITIATING} ${TAIL} AdditionalFields:dynamic`),
};

export const DEFENDER_TABLES: readonly TableSchema[] = [
  DeviceProcessEvents,
  DeviceNetworkEvents,
  DeviceFileEvents,
  DeviceRegistryEvents,
  DeviceImageLoadEvents,
  DeviceEvents,
  DeviceLogonEvents,
];
