// Sysmon event data field names (all event types; learn.microsoft.com/sysinternals/downloads/sysmon), the columns
// the Sysmon pipelines extract from Event/WindowsEvent EventData. A Sigma field outside this list is an error.
export const SYSMON_FIELDS: ReadonlySet<string> = new Set(
  `RuleName UtcTime ProcessGuid ProcessId Image FileVersion Description Product Company OriginalFileName CommandLine
  CurrentDirectory User LogonGuid LogonId TerminalSessionId IntegrityLevel Hashes ParentProcessGuid ParentProcessId
  ParentImage ParentCommandLine ParentUser TargetFilename CreationUtcTime PreviousCreationUtcTime Protocol Initiated
  SourceIsIpv6 SourceIp SourceHostname SourcePort SourcePortName DestinationIsIpv6 DestinationIp DestinationHostname
  DestinationPort DestinationPortName State Version SchemaVersion ImageLoaded Signed Signature SignatureStatus
  SourceProcessGuid SourceProcessId SourceImage TargetProcessGuid TargetProcessId TargetImage NewThreadId
  StartAddress StartModule StartFunction SourceUser TargetUser Device SourceThreadId GrantedAccess CallTrace
  EventType TargetObject Details NewName Hash Contents Configuration ConfigurationFileHash PipeName Operation Type
  Destination Consumer Filter Name Query EventNamespace QueryName QueryStatus QueryResults IsExecutable Archived
  Session ClientInfo ID`
    .split(/\s+/)
    .filter((f) => f !== ''),
);
