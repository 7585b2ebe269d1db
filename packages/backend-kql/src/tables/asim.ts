// ASIM unifying parsers (learn.microsoft.com/azure/sentinel/normalization-schema-*): output columns of the
// workspace-deployed functions, declared as tables so the validator can check queries that read them.
import { columns, type TableSchema } from './types.js';

const COMMON = `TimeGenerated:datetime _ResourceId Type EventMessage EventCount:int EventStartTime:datetime
  EventEndTime:datetime EventType EventSubType EventResult EventResultDetails EventOriginalUid EventOriginalType
  EventOriginalSubType EventOriginalResultDetails EventSeverity EventOriginalSeverity EventProduct
  EventProductVersion EventVendor EventSchema EventSchemaVersion EventReportUrl EventOwner
  Dvc DvcIpAddr DvcHostname DvcDomain DvcDomainType DvcFQDN DvcDescription DvcId DvcIdType DvcMacAddr DvcZone
  DvcOs DvcOsVersion DvcAction DvcOriginalAction DvcInterface DvcScopeId DvcScope AdditionalFields:dynamic`;

const ACTOR = `ActorUserId ActorUserIdType ActorScope ActorScopeId ActorUsername ActorUsernameType ActorUserType
  ActorOriginalUserType ActorSessionId`;

const ACTING = `ActingProcessCommandLine ActingProcessName ActingProcessFileCompany ActingProcessFileDescription
  ActingProcessFileProduct ActingProcessFileVersion ActingProcessFileInternalName ActingProcessFileOriginalName
  ActingProcessIsHidden:bool ActingProcessInjectedAddress ActingProcessId ActingProcessGuid
  ActingProcessIntegrityLevel ActingProcessMD5 ActingProcessSHA1 ActingProcessSHA256 ActingProcessSHA512
  ActingProcessIMPHASH ActingProcessCreationTime:datetime ActingProcessTokenElevation ActingProcessFileSize:long`;

const PARENT = `ParentProcessName ParentProcessFileCompany ParentProcessFileDescription ParentProcessFileProduct
  ParentProcessFileVersion ParentProcessIsHidden:bool ParentProcessInjectedAddress ParentProcessId
  ParentProcessGuid ParentProcessIntegrityLevel ParentProcessMD5 ParentProcessSHA1 ParentProcessSHA256
  ParentProcessSHA512 ParentProcessIMPHASH ParentProcessTokenElevation ParentProcessCreationTime:datetime`;

const RULE = 'RuleName RuleNumber:int Rule ThreatId ThreatName ThreatCategory ThreatRiskLevel:int ThreatField';

/** Process Event schema, EventType ProcessCreated. */
export const imProcessCreate: TableSchema = {
  name: 'imProcessCreate',
  timeColumn: 'TimeGenerated',
  columns: columns(`${COMMON} ${ACTOR} ${ACTING} ${PARENT}
    TargetUsername TargetUsernameType TargetUserId TargetUserIdType TargetUserSessionId TargetUserType
    TargetOriginalUserType TargetUserScope TargetUserScopeId
    TargetProcessName TargetProcessFileCompany TargetProcessFileDescription TargetProcessFileProduct
    TargetProcessFileVersion TargetProcessFileInternalName TargetProcessFileOriginalName TargetProcessIsHidden:bool
    TargetProcessInjectedAddress TargetProcessMD5 TargetProcessSHA1 TargetProcessSHA256 TargetProcessSHA512
    TargetProcessIMPHASH TargetProcessCommandLine TargetProcessCurrentDirectory TargetProcessCreationTime:datetime
    TargetProcessId TargetProcessGuid TargetProcessIntegrityLevel TargetProcessTokenElevation
    TargetProcessStatusCode TargetProcessFileSize:long
    User Process CommandLine Hash HashType ${RULE}`),
};

/** Network Session schema. */
export const imNetworkSession: TableSchema = {
  name: 'imNetworkSession',
  timeColumn: 'TimeGenerated',
  columns: columns(`${COMMON}
    SrcIpAddr SrcPortNumber:int SrcHostname SrcDomain SrcDomainType SrcFQDN SrcDvcId SrcMacAddr SrcZone
    SrcUsername SrcUserId SrcUserType SrcProcessName SrcProcessId SrcProcessGuid SrcAppName SrcAppType
    SrcBytes:long SrcPackets:long SrcGeoCountry SrcGeoCity
    DstIpAddr DstPortNumber:int DstHostname DstDomain DstDomainType DstFQDN DstDvcId DstMacAddr DstZone
    DstUsername DstUserId DstUserType DstProcessName DstProcessId DstProcessGuid DstAppName DstAppType
    DstBytes:long DstPackets:long DstGeoCountry DstGeoCity
    NetworkApplicationProtocol NetworkProtocol NetworkProtocolVersion NetworkDirection NetworkDuration:int
    NetworkIcmpType NetworkIcmpCode:int NetworkConnectionHistory NetworkBytes:long NetworkPackets:long
    NetworkSessionId NetworkRuleName NetworkRuleNumber:int
    Src Dst IpAddr Hostname User Process Duration:int SessionId ${RULE}`),
};

/** File Event schema. */
export const imFileEvent: TableSchema = {
  name: 'imFileEvent',
  timeColumn: 'TimeGenerated',
  basename: { TargetFilePath: 'TargetFileName', SrcFilePath: 'SrcFileName' },
  columns: columns(`${COMMON} ${ACTOR} ${ACTING}
    TargetFileName TargetFilePath TargetFilePathType TargetFileCreationTime:datetime TargetFileExtension
    TargetFileMimeType TargetFileSize:long TargetFileMD5 TargetFileSHA1 TargetFileSHA256 TargetFileSHA512
    TargetFileIMPHASH TargetUrl
    SrcFileName SrcFilePath SrcFilePathType SrcFileCreationTime:datetime SrcFileExtension SrcFileMimeType
    SrcFileSize:long SrcFileMD5 SrcFileSHA1 SrcFileSHA256 SrcFileSHA512
    SrcIpAddr SrcPortNumber:int SrcHostname HttpUserAgent
    FileName FilePath Process User Hash HashType Src Url ${RULE}`),
};

/** Registry Event schema. */
export const imRegistry: TableSchema = {
  name: 'imRegistry',
  timeColumn: 'TimeGenerated',
  // Sysmon's TargetObject is the key for key events and key\\value-name for value events.
  computed: { TargetObject: 'iff(isempty(RegistryValue), RegistryKey, strcat(RegistryKey, @"\\", RegistryValue))' },
  columns: columns(`${COMMON} ${ACTOR} ${ACTING} ${PARENT}
    RegistryKey RegistryValue RegistryValueType RegistryValueData RegistryPreviousKey RegistryPreviousValue
    RegistryPreviousValueType RegistryPreviousValueData
    Process User ${RULE}`),
};

/** DNS schema. */
export const imDns: TableSchema = {
  name: 'imDns',
  timeColumn: 'TimeGenerated',
  columns: columns(`${COMMON}
    SrcIpAddr SrcPortNumber:int SrcHostname SrcDomain SrcDomainType SrcFQDN SrcDvcId SrcUsername SrcUserId
    SrcUserType SrcProcessName SrcProcessId SrcProcessGuid
    DstIpAddr DstPortNumber:int DstHostname DstDomain DstFQDN DstDvcId
    DnsQuery DnsQueryType:int DnsQueryTypeName DnsResponseCode:int DnsResponseCodeName DnsResponseName
    TransactionIdHex NetworkProtocol NetworkProtocolVersion DnsQueryClass:int DnsQueryClassName
    DnsNetworkDuration:int DnsFlags DnsFlagsAuthenticated:bool DnsFlagsAuthoritative:bool
    DnsFlagsCheckingDisabled:bool DnsFlagsRecursionAvailable:bool DnsFlagsRecursionDesired:bool
    DnsFlagsTruncated:bool DnsFlagsZ:bool DnsSessionId UrlCategory
    Src Dst IpAddr Domain User Hostname Process ${RULE}`),
};

export const ASIM_TABLES: readonly TableSchema[] = [imProcessCreate, imNetworkSession, imFileEvent, imRegistry, imDns];
