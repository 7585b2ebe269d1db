// Log Analytics / Sentinel tables (learn.microsoft.com/azure/azure-monitor/reference/tables/*).
// Written from Microsoft's documented column lists; untyped names are `string`.
import { columns, type TableSchema } from './types.js';

const LA_TAIL = 'MG ManagementGroupName SourceSystem TenantId Type _ResourceId';

/** Windows security events collected by the agent / connector (4688, 4624, ...). */
export const SecurityEvent: TableSchema = {
  name: 'SecurityEvent',
  timeColumn: 'TimeGenerated',
  domainSplit: { SubjectUserName: 'SubjectDomainName', TargetUserName: 'TargetDomainName' },
  columns: columns(`TimeGenerated:datetime Account AccountType Computer EventSourceName Channel Task:int Level
    EventData EventID:int Activity PartitionKey RowKey StorageAccount AzureDeploymentID AzureTableName
    AccessList AccessMask AccessReason AccountDomain AccountExpires AccountName AccountSessionIdentifier
    AdditionalInfo AdditionalInfo2 AllowedToDelegateTo Attributes AuditPolicyChanges AuditsDiscarded:int
    AuthenticationLevel:int AuthenticationPackageName AuthenticationProvider AuthenticationServer
    AuthenticationService:int AuthenticationType CACertificateHash CalledStationID CallerProcessId
    CallerProcessName CallingStationID CAPublicKeyHash CategoryId CertificateDatabaseHash ClassId ClassName
    ClientAddress ClientIPAddress ClientName CommandLine CompatibleIds DCDNSName DeviceDescription DeviceId
    DisplayName Disposition DomainBehaviorVersion DomainName DomainPolicyChanged DomainSid EAPType
    ElevatedToken ErrorCode:int ExtendedQuarantineState FailureReason FileHash FilePath FilePathNoUser Filter
    ForceLogoff Fqbn FullyQualifiedSubjectMachineName FullyQualifiedSubjectUserName GroupMembership HandleId
    HardwareIds HomeDirectory HomePath ImpersonationLevel IpAddress IpPort KeyLength:int LmPackageName
    LocationInformation LockoutDuration LockoutObservationWindow LockoutThreshold LoggingResult LogonGuid
    LogonHours LogonID LogonProcessName LogonType:int LogonTypeName MachineAccountQuota MachineInventory
    MachineLogon MandatoryLabel MaxPasswordAge MemberName MemberSid MinPasswordAge MinPasswordLength
    MixedDomainMode NASIdentifier NASIPv4Address NASIPv6Address NASPort NASPortType NetworkPolicyName NewDate
    NewMaxUsers NewProcessId NewProcessName NewRemark NewShareFlags NewTime NewUacValue NewValue NewValueType
    ObjectName ObjectServer ObjectType ObjectValueName OemInformation OldMaxUsers OldRemark OldShareFlags
    OldUacValue OldValue OldValueType OperationType PackageName ParentProcessName PasswordHistoryLength
    PasswordLastSet PasswordProperties PreviousDate PreviousTime PrimaryGroupId PrivateKeyUsageCount
    PrivilegeList Process ProcessId ProcessName Properties ProfilePath ProtocolSequence ProxyPolicyName
    QuarantineHelpURL QuarantineSessionID QuarantineSessionIdentifier QuarantineState
    QuarantineSystemHealthResult RelativeTargetName RemoteIpAddress RemotePort Requester RequestId
    RestrictedAdminMode RowsDeleted SamAccountName ScriptPath SecurityDescriptor ServiceAccount
    ServiceFileName ServiceName ServiceStartType ServiceType SessionName ShareLocalPath ShareName SidHistory
    Status SubjectAccount SubcategoryGuid SubcategoryId Subject SubjectDomainName SubjectKeyIdentifier
    SubjectLogonId SubjectMachineName SubjectMachineSID SubjectUserName SubjectUserSid SubStatus TableId
    TargetAccount TargetDomainName TargetInfo TargetLinkedLogonId TargetLogonGuid TargetLogonId
    TargetOutboundDomainName TargetOutboundUserName TargetServerName TargetSid TargetUser TargetUserName
    TargetUserSid TemplateContent TemplateDSObjectFQDN TemplateInternalName TemplateOID TemplateSchemaVersion
    TemplateVersion TokenElevationType TransmittedServices UserAccountControl UserParameters UserPrincipalName
    UserWorkstations VirtualAccount VendorIds Workstation WorkstationName SourceComputerId EventOriginId
    TimeCollected:datetime ${LA_TAIL}`),
};

/** Windows event logs collected by the legacy agent (MMA): Sysmon events land here with XML EventData. */
export const Event: TableSchema = {
  name: 'Event',
  timeColumn: 'TimeGenerated',
  columns: columns(`TimeGenerated:datetime Source EventLog Computer EventLevel:int EventLevelName ParameterXml
    EventData EventID:int RenderedDescription AzureDeploymentID Role EventCategory:int UserName Message
    ${LA_TAIL}`),
};

/** Windows events collected by the Azure Monitor Agent / WEF: EventData is dynamic. */
export const WindowsEvent: TableSchema = {
  name: 'WindowsEvent',
  timeColumn: 'TimeGenerated',
  columns: columns(`TimeGenerated:datetime Provider Channel Computer EventID:int EventLevel:int EventLevelName
    Task:int EventOriginId Keywords Opcode Correlation SystemProcessId:int SystemThreadId:int SystemUserId
    TimeCreated:datetime EventRecordId EventData:dynamic Data:dynamic RawEventData ${LA_TAIL}`),
};

export const SENTINEL_TABLES: readonly TableSchema[] = [SecurityEvent, Event, WindowsEvent];
