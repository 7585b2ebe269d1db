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

export const DeviceProcessEvents: TableSchema = {
  name: 'DeviceProcessEvents',
  timeColumn: 'Timestamp',
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
  columns: columns(`${DEVICE}
    RemoteIP RemotePort:int RemoteUrl LocalIP LocalPort:int Protocol LocalIPType RemoteIPType
    ${INITIATING} ${TAIL} AdditionalFields:dynamic`),
};

export const DeviceFileEvents: TableSchema = {
  name: 'DeviceFileEvents',
  timeColumn: 'Timestamp',
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
  columns: columns(`${DEVICE}
    RegistryKey RegistryValueType RegistryValueName RegistryValueData
    PreviousRegistryKey PreviousRegistryValueName PreviousRegistryValueData
    ${INITIATING} ${TAIL}`),
};

export const DeviceImageLoadEvents: TableSchema = {
  name: 'DeviceImageLoadEvents',
  timeColumn: 'Timestamp',
  columns: columns(`${DEVICE} ${FILE} ${INITIATING} ${TAIL}`),
};

export const DeviceEvents: TableSchema = {
  name: 'DeviceEvents',
  timeColumn: 'Timestamp',
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
