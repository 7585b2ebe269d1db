/**
 * Facts a record builder needs that the vendor sources in /work/shared/vendor do not give. Each is written where it is
 * used as `assumption('id')`, so a reader can find every guessed value and the reasoning behind it; the ids are
 * listed in SOURCES.md too. Live data from a tenant would settle each of them.
 */
export interface Assumption {
  readonly id: string;
  readonly statement: string;
  readonly reasoning: string;
}

export const ASSUMPTIONS: readonly Assumption[] = [
  {
    id: 'event-xml-escaping',
    statement: 'Event.EventData escapes &, <, > and " in Data values as &amp; &lt; &gt; &quot;.',
    reasoning: 'EventData is the rendered event XML (event-include.md: "All event data in raw format"; the ASIM Sysmon parsers read it with `[^<]*?` regexes, which only works if values carry no raw `<`). Which of the four characters are escaped is not stated anywhere in the snapshot.',
  },
  {
    id: 'event-guid-braces',
    statement: 'GUID-typed Data values (ProcessGuid, LogonGuid, ...) are rendered with braces: {0197231E-...}.',
    reasoning: 'The ASIM Sysmon parsers strip braces (`{?([^<]*?)}?` in ASimProcessCreateMicrosoftSysmon.yaml, `extract(\'^{(.*)}$\', ...)` on WindowsEvent EventData, `parse ... with "{" ActingProcessGuid "}"` in ASimFileEventMicrosoftSysmon.yaml), so both tables hold them with braces; evtx_dump drops them, so they are put back.',
  },
  {
    id: 'event-level-name',
    statement: 'EventLevelName is Critical/Error/Warning/Information/Verbose for Level 1/2/3/4/5 and Information for Level 0.',
    reasoning: 'The Event and WindowsEvent references only say "Severity of the event in text form"; the names are the Windows event level names; Level 0 (LogAlways, every Security audit event) is shown as Information by Event Viewer.',
  },
  {
    id: 'event-agent-columns',
    statement: 'Event: SourceSystem "OpsManager", ManagementGroupName "AOI-<workspace id>", UserName from the System Security UserID (S-1-5-18 -> NT AUTHORITY\\SYSTEM), Message "" and RenderedDescription as "Name: value" lines; ParameterXml as <Param>value</Param> per Data value, &, < and > escaped, quotes as they are.',
    reasoning: 'event-include.md gives the SourceSystem value for the Windows agent and the AOI- form of ManagementGroupName; the formats of UserName, Message and RenderedDescription are not given. ParameterXml\'s <Param> elements in Data order are what Microsoft\'s Exchange parser reads (ExchangeAdminAuditLogs.yaml @ b5df20ba: `parse ParameterXml with \'<Param>\' CmdletName \'</Param><Param>\' CmdletParameters ...`, then splitting a parameter on \'"\', so quotes are not escaped); the escaping of &, < and > is XML\'s, not shown there.',
  },
  {
    id: 'event-userdata-envelope',
    statement: 'Event.EventData of an event written with UserData is the same DataItem envelope holding <UserData><Element><Name>value</Name>...</Element></UserData>.',
    reasoning: 'SecurityEvent keeps such an event\'s UserData element in its EventData (ASimAuditEventMicrosoftSecurityEvents.yaml:105-112 reads parse_xml(EventData).UserData.LogFileCleared); no source shows the Event table\'s form of it.',
  },
  {
    id: 'defender-folderpath-full',
    statement: 'Defender FolderPath holds the full path including the file name in every Device* table.',
    reasoning: 'ASimProcessEventMicrosoft365D.yaml maps TargetProcessName (a full path) from FolderPath and the brief confirms Defender FolderPath holds Sysmon Image; but ASimFileEventMicrosoft365D.yaml builds TargetFilePath = strcat(FolderPath, "\\\\", FileName) and the table pages describe FolderPath as "Folder containing the file". The sources disagree; the process parser reading is used everywhere. The sentinel_asim queries of Linux and macOS file events no longer depend on it: the asimRecords option defenderFolderPath "folder" builds the DeviceFileEvents rows under the reading of the page, and the SigmaHQ rules give the same verdicts on both (test/records-asim-readings.test.ts).',
  },
  {
    id: 'defender-registry-hive',
    statement: 'Defender RegistryKey uses HKEY_LOCAL_MACHINE for Sysmon HKLM, HKEY_USERS for HKU and HKEY_LOCAL_MACHINE\\Classes for HKCR; CurrentControlSet is kept as Sysmon writes it.',
    reasoning: 'ASimRegistryEventMicrosoft365D.yaml passes RegistryKey through unchanged while the ASIM registry schema requires HKEY_LOCAL_MACHINE/HKEY_USERS prefixes, so Defender already writes them; the HKCR mapping is the Hives table of ASimRegistryEventMicrosoftSysmon.yaml. Whether Defender writes ControlSet001 or CurrentControlSet, and HKEY_CURRENT_USER\\<SID> for user keys, only live data can settle.',
  },
  {
    id: 'defender-registry-dword',
    statement: 'Defender RegistryValueType is Dword/Qword/String/ExpandString/Binary/MultiString/None and RegistryValueData holds a DWORD/QWORD as its decimal number in the (string) column.',
    reasoning: 'The type names are the RegistryType lookup of ASimRegistryEventMicrosoft365D.yaml; RegistryValueData is a string column (deviceregistryevents table page); the decimal rendering of numbers is not documented.',
  },
  {
    id: 'defender-action-types',
    statement: 'ActionType values: ProcessCreated, ImageLoaded, FileCreated, FileDeleted, RegistryKeyCreated, RegistryKeyDeleted, RegistryValueSet, RegistryValueDeleted, RegistryKeyRenamed, ConnectionSuccess/InboundConnectionAccepted, DnsQueryResponse, NamedPipeEvent, CreateRemoteThreadApiCall, OpenProcessApiCall, LogonSuccess/LogonFailed.',
    reasoning: 'The table pages defer ActionType values to the in-portal schema reference. Registry ActionTypes are the ASIM registry EventType values that ASimRegistryEventMicrosoft365D.yaml passes through (EventType = ActionType, with RegistryKeyDeleted/RegistryValueDeleted/RegistryValueSet/RegistryKeyRenamed tested by name); network ones are the DirectionLookup of ASimNetworkSessionMicrosoft365Defender.yaml; the others are Defender\'s published names, not in the snapshot.',
  },
  {
    id: 'defender-acting-commandline',
    statement: 'A non-process-creation event (network, file, image load, registry, ...) that carries a Sigma `CommandLine` gives it as the acting process\' InitiatingProcessCommandLine.',
    reasoning: 'Sysmon writes no command line in those events, so the ASIM Sysmon parsers map none; the Defender table pages list InitiatingProcessCommandLine ("Command line used to run the process that initiated the event") on every Device* table, and Sigma rules of those categories that test CommandLine mean the acting process.',
  },
  {
    id: 'defender-acting-context',
    statement: 'A non-process-creation event that carries a Sigma `ParentImage` / `IntegrityLevel` gives them as InitiatingProcessParentFileName (file name) / InitiatingProcessIntegrityLevel of its row; a process creation carrying `GrandParentImage` gives its file name as InitiatingProcessParentFileName.',
    reasoning: 'Sysmon writes none of these there, so no ASIM Sysmon parser maps them; the Defender table pages describe InitiatingProcessParentFileName as the "Name of the parent process that spawned the process responsible for the event" and InitiatingProcessIntegrityLevel as the "Integrity level of the process that initiated the event", which is what Sigma rules of those categories mean by the fields (the acting process\'s parent and level). How Defender spells levels beyond Sysmon\'s Low/Medium/High/System is not in the snapshot.',
  },
  {
    id: 'defender-protocol',
    statement: 'DeviceNetworkEvents Protocol is "Tcp"/"Udp" for Sysmon tcp/udp.',
    reasoning: 'ASimNetworkSessionMicrosoft365Defender.yaml tests `Protocol startswith "Tcp"` and `Protocol == "Unknown"`; the exact casing of UDP is not given.',
  },
  {
    id: 'defender-remoteurl-inbound',
    statement: 'On an inbound DeviceNetworkEvents row (InboundConnectionAccepted) RemoteUrl is the remote host, Sysmon SourceHostname.',
    reasoning: 'The page says RemoteUrl is the "URL or fully qualified domain name (FQDN) that was being connected to" (advanced-hunting-devicenetworkevents-table.md:50), which an inbound connection does not have; Microsoft\'s Defender network parser reads it on inbound rows as the source host (SrcHostname = UrlHostname, ASimNetworkSessionMicrosoft365Defender.yaml:154), which its Sysmon parser fills from SourceHostname (ASimNetworkSessionMicrosoftSysmon.yaml:51). Whether Defender fills it on inbound rows at all is not said.',
  },
  {
    id: 'defender-network-alternate',
    statement: 'DeviceNetworkEvents may also hold RemoteUrl as an http(s):// URL, a TCP Protocol other than exactly Tcp (TcpV4/TcpV6 stand in) and UDP upper case, and an IPv4 address as ::ffff:a.b.c.d (FourToSixMapping): defenderNetworkReading builds those rows for the readings test.',
    reasoning: 'The page allows each (RemoteUrl "URL or fully qualified domain name", :50; IP types including FourToSixMapping, :54-55) without showing the text; Microsoft\'s Defender network parser strips http(s):// (ASimNetworkSessionMicrosoft365Defender.yaml:58) and tests Protocol startswith "Tcp" and toupper(Protocol) (:64-68), so it expects such values. The Tcp names and the ::ffff: form are not in the snapshot; test/records-xdr-network-readings.test.ts holds the microsoft_xdr verdicts of SigmaHQ\'s network rules equal under both readings.',
  },
  {
    id: 'securityevent-localsystem',
    statement: "Sysmon's NT AUTHORITY\\SYSTEM (User or ParentUser) is LocalSystem, which a 4688 writes as the machine account (HOST$ in the computer's domain) with SID S-1-5-18, on the Subject and on the Target side alike.",
    reasoning: "event-4688.md (MicrosoftDocs/windows-itpro-docs @ 02d508ed) shows a SYSTEM creator as SubjectUserSid S-1-5-18, SubjectUserName WIN-GG82ULGC9GO$, SubjectDomainName CONTOSO; it shows no SYSTEM target, which is assumed to be written the same way. Only the English name is read as LocalSystem: a derived witness such as AUTHORI\\SYSTEM stays a name (test/records-localsystem.test.ts builds the real one).",
  },
  {
    id: 'defender-unrecorded',
    statement: 'Values Sysmon does not carry (SHA1 when Sysmon logs no SHA1, file sizes, version info of the acting process, account SIDs) are left at their Kusto defaults.',
    reasoning: 'The record is built from one raw event; Defender would fill them from its own sensor, which the differential cannot know.',
  },
  {
    id: 'securityevent-4688-from-sysmon',
    statement: 'A Sysmon 1 event becomes the 4688 Windows writes for the same process: NewProcessName=Image, NewProcessId=hex(ProcessId), ProcessId=hex(ParentProcessId), ParentProcessName=ParentImage, CommandLine, SubjectUserName/SubjectDomainName from ParentUser (the creator), TargetUserName/TargetDomainName from User, MandatoryLabel from IntegrityLevel, TokenElevationType empty (Sysmon does not record it; Windows writes a %%19xx insertion string, event-4688.md).',
    reasoning: 'ASimProcessCreateMicrosoftSecurityEvents.yaml maps ActingProcessId<-ProcessId, TargetProcessId<-NewProcessId, ActingProcessName<-ParentProcessName, TargetProcessName<-NewProcessName, ActorUsername<-SubjectAccount, TargetUsername<-TargetAccount; ASimProcessCreateMicrosoftSysmon.yaml maps the same ASIM fields from ParentProcessId, ProcessId, ParentImage, Image, ParentUser, User. The hex form of the ids is the Windows 4688 format (the parser converts with toint()).',
  },
  {
    id: 'securityevent-userdata-columns',
    statement: 'SecurityEvent: an event that keeps its data in a UserData element (Security 1102, LogFileCleared) has that element as its EventData (`<UserData><LogFileCleared>…`), and its children fill no column of the same name (SubjectUserName, SubjectDomainName, …), nor Account, SubjectAccount or AccountType.',
    reasoning: 'Microsoft\'s ASIM audit parser reads 1102\'s SubjectUserSid, SubjectUserName, SubjectDomainName and SubjectLogonId with `parse_xml(EventData).UserData.LogFileCleared.*` in a branch of its own (ASimAuditEventMicrosoftSecurityEvents.yaml:105-112), and every other event id\'s with a `<Data Name="(\\w+)">` regex over the same column (:99): EventData holds the UserData element. Whether the agent also copies the children to the columns of the same name is written nowhere in the snapshot; the agent fills columns from named Data elements, which a UserData child is not, so they are left empty.',
  },
  {
    id: 'windowsevent-channel',
    statement: "WindowsEvent.Channel is the channel the event itself names (its System header's <Channel>: Security, System, Microsoft-Windows-Windows Defender/Operational), also for events forwarded to a collector's ForwardedEvents log.",
    reasoning: 'windowsevent-include.md describes Channel as "The channel to which the event was logged"; a forwarded event keeps its own <Channel> element, and Microsoft\'s parsers read WindowsEvent by provider and event id, never by Channel, so no Microsoft source shows the column\'s value for a forwarded event.',
  },
  {
    id: 'cse-username-normalization',
    statement: 'Cloud SIEM username normalization is enabled with the event\'s domain as the default normalized domain: user_username is the lower-cased name without DOMAIN\\, the original goes to user_username_raw.',
    reasoning: 'Sumo docs (username-and-hostname-normalization): "When a username is normalized, the original, un-normalized name is placed in a `_raw` name attribute ... When name normalization is enabled all name fields (not-raw) will be lowercase", and the domain part is not populated for the default domain. Whether a tenant enables it and which domain is default is tenant configuration. Hostname normalization (device_hostname etc.) is left off: the hostname form is not described in the sources held here.',
  },
  {
    id: 'cse-lookup-fields',
    statement: 'Catalog rows marked "This is a lookup field" (normalizedSeverity, logonType, ...) are left out of the record.',
    reasoning: 'The catalog says "More info to come in the catalog later": the lookup tables are not published.',
  },
  {
    id: 'cse-pattern-anchored',
    statement: 'A mapping\'s Event ID Regex Pattern must match the whole `<Channel>-<EventID>` id.',
    reasoning: 'Otherwise `Microsoft-Windows-Sysmon/Operational-1` would select event 13 too, while separate mappings exist for 10-29; the schema says metadata_deviceEventId "determines which mapping will be used".',
  },
  {
    id: 'sumo-windows-hashes-split',
    statement: 'Sumo\'s Windows parser splits Sysmon Hashes (Sysmon 15: Hash) into MD5, SHA1, SHA256, IMPHASH keys.',
    reasoning: 'The Sysmon 1/7/15 catalog mappings read original record keys `MD5`, `SHA1`, `SHA256`, `IMPHASH` (e.g. 2978cae1-75f9-4117-b8d8-30e757ca7867.md:28-31 for 15, whose one hash item is `Hash`), which exist only if the parser splits EventData.Hashes / EventData.Hash.',
  },
  {
    id: 'cse-bare-data-keys',
    statement: 'When a Windows mapping copies a data item by its bare name (Sysmon 25 `|changeType|Type||`, Security 4887 `Requester`, 5038 `FileName`, …), the record keeps that item under the bare name, not under EventData.<Name>.',
    reasoning: 'That is the catalog as written (30db4a1f-857e-48e2-a91f-97c0fbf3edd4.md:26); but every other row of the same mappings reads EventData.<Name>, so the row may be a slip. The other reading is built with CseOptions.bareDataKeys \'eventdata\', and test/records-cse-readings.test.ts holds the emitted queries to the same verdicts under both.',
  },
  {
    id: 'cse-classic-powershell-keys',
    statement: 'The Cloud SIEM record of a classic PowerShell event (Windows PowerShell 400/403/600/800) holds the Key=Value lines of its Data strings as keys (HostName, HostApplication, EngineVersion, CommandLine, …) and the header as computer, level, execution.process_id, EventID; no EventData keys.',
    reasoning: 'The catalog\'s mapping (b84e6fc2-d33d-4f18-9915-3235d09bcfaa.md:24-35) reads NewEngineState, CommandLine, ScriptName, HostName, UserId (lines of the third Data string) and lower-case computer, level, execution.process_id, and no other Windows mapping uses those spellings; the parser\'s full output (keys the mapping does not read, the treatment of blank values) is not published.',
  },
  {
    id: 'sumo-message-rendering',
    statement: 'The rendered Message of a Sysmon event is "<title>:" then "Name: value" lines joined by CRLF; other events render as "Name: value" lines.',
    reasoning: 'Sysmon\'s message templates (its manifest) and the Security event templates are not in the snapshot; rules that search the Message text of Security events are therefore not proven by these records.',
  },
  {
    id: 'sumo-legacy-escaping',
    statement: 'In the legacy (WMI object text) format, string values escape \\ and " with a backslash.',
    reasoning: 'Sumo\'s sample shows unescaped text without quotes or backslashes only; MOF string literals escape both.',
  },
  {
    id: 'splunk-xml-values',
    statement: 'The add-ons\' XmlWinEventLog field values are the unescaped Data text (&quot; becomes ").',
    reasoning: 'The _raw XML escapes them; whether the REPORT regexes of the add-ons decode entities is not stated in any source we hold.',
  },
  {
    id: 'splunk-no-eventid',
    statement: 'XmlWinEventLog events have an EventCode field (from <EventID>) and no EventID field.',
    reasoning: 'The Splunk Add-on for Sysmon transforms extract `<EventID>(\\d+)</EventID>` as EventCode; NXLog\'s comparison of Windows and Splunk field names lists EventID -> EventCode; no source shows an EventID field as well.',
  },
  {
    id: 'sumo-auditd-text',
    statement: 'Linux log-file events reach Sumo and Splunk as their text line in any collection format: auditd as the audit.log record (`type=X msg=audit(epoch:serial): key=value ...`, string values quoted, a fixed timestamp/serial); syslog-family services as their key=value fields then the message text.',
    reasoning: 'audit.log is a text file collected by a Local File source; the JSON format Sumo documents is an option of Windows Event Log sources (docs/send-data/installed-collectors/sources/local-windows-event-log-source.md). The exact quoting auditd applies per field (hex-encoded values, unquoted numbers) is not in the snapshot.',
  },
  {
    id: 'sumo-json-rendering',
    statement: 'The JSON format renders Level 0/4 as "Informational", the audit keywords as "Audit Success"/"Audit Failure" (others as hex), Opcode 0 as "Info", Security as {"UserID": sid} when the event has one (else ""), and puts the GUIDs in braces.',
    reasoning: 'Sumo\'s Windows JSON sample shows "Level":"Informational", "Keywords":"Audit Success", "Opcode":"Info", "Security":"" and a braced Provider Guid for one event; the renderings of other values are not shown.',
  },
  {
    id: 'cse-windows-record-keys',
    statement: 'Cloud SIEM\'s Windows parser produces a record with TimeCreated.SystemTime, Security.UserID, Execution.ProcessID, Level (number), EventData.* / UserData.<Element>.* keys.',
    reasoning: 'Those are the Original Record Keys the catalog\'s Windows mappings read (e.g. f1ea6ca2: Security.UserID, EventRecordID, Level; 1feef4d7: TimeCreated.SystemTime). The JSON log-search sample has a flat TimeCreated string and "Security":"", so the parser Cloud SIEM applies is not simply that JSON; its exact output is not published.',
  },
  {
    id: 'linux-sysmon-shape',
    statement: 'A Sigma Linux process_creation/network_connection/process_termination/file_event/file_delete event is the Sysmon for Linux event 1/3/5/11/23 with the same field names; Defender for Endpoint on Linux records it in the same Device* tables as on Windows.',
    reasoning: 'Sigma\'s Linux categories use Sysmon for Linux\'s names (Image, CommandLine, ParentImage, User); the catalog\'s Linux-Sysmon mappings (e.g. 4844d90e) read them as top-level keys with the header under System.*; the ASIM Defender parsers treat Linux rows of the same tables (DvcOs = Linux on posix fields or "/" paths). Where Defender writes Linux users (AccountDomain) is not documented.',
  },
  {
    id: 'cse-raw-hostnames',
    statement: 'Cloud SIEM fills `<field>_raw` of every normalizedHostname field (device_hostname, srcDevice_hostname, dstDevice_hostname) with the value as mapped, and leaves the field itself as mapped (no hostname normalization configured).',
    reasoning: 'normalized_schema_build.json describes dstDevice_hostname_raw as "The destination device hostname before any enrichments are applied. As the hostname appears in the original log message." with enrichment_populated true; how a tenant\'s hostname normalization rewrites the field is configuration not described in the sources held here.',
  },
  {
    id: 'cse-default-mapping',
    statement: 'An event whose id matches no Event ID Regex Pattern of its Input (Vendor, Product, Log Format) is normalized by that Input\'s `_default_` mapping; an Input without one gives no record.',
    reasoning: 'The catalog never says what `_default_` means; every Input with several mappings has at most one `_default_` mapping and it is titled as the catch-all (2c6a02e4 "CloudTrail Default Mapping", 286d0aab "Okta Catch All", b9a6185e "GitHub Enterprise Audit Catch All", c73d6da2 "Windows - Security - Default", whose rows are the Subject/Target fields common to Security events).',
  },
  {
    id: 'cse-json-event-ids',
    statement: 'JSON products\' event ids are: CloudTrail `<eventType>-<eventName>`; Okta `<eventType>`; GitHub Enterprise Audit `<operation_type>-<action>`; OneLogin `<event_type_id>`; Azure (Event Hub) `<category>`; GCP audit `<log kind>-<methodName>`; Google Workspace `<application>.<event name>`; Zeek `<_path>` (`notice-<note>` for notices); Office 365 `<RecordType>` (the Management Activity record type, by name or number); Kubernetes and Linux Auditd need none (one `_default_` mapping each). A part the event lacks is empty, which selects the Input\'s default mapping.',
    reasoning: 'The parsers that compute the id are not published (the catalog\'s Parsers folder is not in the snapshot; SumoLogic/cloud-siem-content-catalog parsers/README.md lists paths only). Each form is read off the product\'s own patterns: CloudTrail `AwsApiCall-ExecuteCommand` (10cc2415), `AwsConsoleSignIn-(ConsoleLogin|...)` (47b7d4bc), `AwsServiceEvent-...` (28e0fc3f); Okta `security.threat.detected` (b7de0d84); GitHub `create-.*`, `access-.*`, `modify-.*` (172b6f9d, 5f842838, cf257adf), the audit log\'s operation_type values; OneLogin `^(5|6|8|9|68|...)$`; Azure `AuditLogs`, `^SignInLogs`, `Administrative`, `UserRiskEvents` (22fd3764, 2c7bf143, 6d496433, 379364a9), the diagnostic categories; GCP `^activity\-.*|^data_access\-.*|...` (8ed8eed7), the audit log names; Workspace `admin-.*|admin\..*`, `login.login_failure` (ec2dad63, 34e51720); Zeek `dns`, `http`, `x509.*`, `notice-SSL::Weak_Key`; Office 365 `ExchangeAdmin|1` (88466900), `AzureActiveDirectoryStsLogon|15` (20871df8), the record type\'s name or its number.',
  },
  {
    id: 'cse-json-array-keys',
    statement: 'Cloud SIEM names the elements of a JSON array by their 1-based index (`properties.targetResources.1.displayName`), and keeps the array itself at its own key as its JSON text (`answers` = `["127.0.0.1"]`).',
    reasoning: 'Mappings 22fd3764 (`properties.targetResources.1.userPrincipalName`) and 8ed8eed7 (`message.data.protoPayload.authorizationInfo.1.granted`) read the element the event is about, which is the first one in Azure and GCP records; the flattening rule itself is not documented. Mappings also read a whole array at its key (Zeek DNS b3edeaee `dns_reply` <- `answers`, a Zeek vector; the schema says dns_reply "can be a single record or multiple records concatenated into a string"): how the elements are joined is not documented either, and JSON text (what JSON collection receives) is one reading of it.',
  },
  {
    id: 'cse-azure-eventhub-shape',
    statement: 'An Azure log reaches Sumo as the diagnostic-settings record: envelope keys (time, resourceId, operationName, category, resultType, callerIpAddress, correlationId, identity, ...) at the top, the Log Analytics columns Sigma names (`DeviceDetail.isCompliant`, `AppDisplayName`) under `properties` with a lower-case first letter; AuditLogs\' own `Category` is `properties.category`.',
    reasoning: 'The catalog\'s Azure mappings read `properties.deviceDetail.displayName`, `properties.appDisplayName`, `properties.status.failureReason`, `properties.userPrincipalName` (2c7bf143), `properties.initiatedBy.user.userPrincipalName`, `properties.activityDisplayName` (22fd3764) and `operationName`, `callerIpAddress`, `resultType`, `resourceId`, `time` at the top; Sigma\'s Azure rules use the Log Analytics column names for the same values. The case rule for names not seen in a mapping is inferred.',
  },
  {
    id: 'cse-azure-activity-category',
    statement: 'A Sigma azure/activitylogs event without `category` is an Administrative activity-log record.',
    reasoning: 'Azure\'s activity log puts create/update/delete/action operations of Resource Manager (the operationName values Sigma\'s activitylogs rules test, e.g. MICROSOFT.KEYVAULT/VAULTS/WRITE) in the Administrative category; the catalog maps it by `Administrative` (6d496433). Events of other categories (Security, Policy, ServiceHealth) carry their own `category`.',
  },
  {
    id: 'cse-gcp-pubsub-shape',
    statement: 'A GCP audit LogEntry reaches Sumo wrapped as `{"message": {"data": <LogEntry>}}`; Sigma\'s `gcp.audit.method_name` (Elastic\'s gcp audit fileset name) is `protoPayload.methodName`, `data.protoPayload.X` is the LogEntry\'s `protoPayload.X`; the log kind is `activity` when the event has no logName.',
    reasoning: 'Mapping 8ed8eed7 reads every value under `message.data.` (`message.data.protoPayload.methodName`, `message.data.resource.type`), the Pub/Sub push envelope; Elastic\'s gcp module documents gcp.audit.method_name as the protoPayload method name. Sigma gcp.audit rules test admin-activity methods (compute, iam, storage changes), which Google logs as Admin Activity.',
  },
  {
    id: 'cse-k8s-message-shape',
    statement: 'A Kubernetes audit event reaches Sumo under `message` (`message.verb`, `message.objectRef.resource`, `message.user.username`).',
    reasoning: 'Those are the Original Record Keys of the only Kubernetes mapping (8136de4e); Sigma\'s kubernetes audit rules name the audit event\'s own keys (verb, objectRef.resource).',
  },
  {
    id: 'cse-gworkspace-shape',
    statement: 'A Google Workspace event is the Reports API activity: `id.applicationName` from the Sigma eventService (admin.googleapis.com -> admin; none without eventService), `events.name` from eventName, other Sigma fields nested as named.',
    reasoning: 'The Workspace mappings read `events.name`, `events.type`, `actor.email`, `id.time`, `ipAddress` (ec2dad63) and their patterns name the application (`admin-.*|admin\..*`); Sigma\'s rules use eventService/eventName, which are not Reports API keys.',
  },
  {
    id: 'macos-event-shape',
    statement: 'A Sigma macOS process_creation/network_connection/file_event event is recorded by Defender for Endpoint on macOS in DeviceProcessEvents/DeviceNetworkEvents/DeviceFileEvents exactly as the Linux event of the same category (Sysmon names: Image, CommandLine, ParentImage, User, TargetFilename).',
    reasoning: 'Sigma\'s macOS rules use the process_creation taxonomy (Sysmon names); Defender for Endpoint runs on macOS and fills the same Device* tables (ASimProcessEventMicrosoft365D.yaml reads them without an OS filter). How Defender writes macOS users and folders beyond the path is not documented in the snapshot.',
  },
  {
    id: 'sentinel-cloud-json-text',
    statement: 'A Sentinel string column whose value is a JSON object or array in the record (AWSCloudTrail RequestParameters, ResponseElements, AdditionalEventData, Resources, ServiceEventDetails; AzureActivity Properties, Authorization, Claims; OfficeActivity Parameters, ModifiedProperties, ExtendedProperties, Actor, AADTarget, Item, Folder, Folders, AffectedItems, DestFolder; any SigninLogs/AuditLogs string column an event gives an object for) holds its compact JSON text (no whitespace, keys in the record\'s order, JSON.stringify escaping); a value the event gives as a string is kept verbatim.',
    reasoning: 'The pages type these columns string (awscloudtrail-include.md:13,38-41) and azureactivity-include.md:17,36 says the blob is "Stored as string" beside its dynamic twin, but no page shows the text: spacing, key order and escaping are not given. CloudTrail delivers them as JSON values; the Office 365 Management Activity API types Parameters, ModifiedProperties and ExtendedProperties Collection(Common.NameValuePair) and the like (office-365-management-activity-api-schema.md @ 61be337c:598,685), while officeactivity-include.md types their columns string (:65,:92,:106), and Microsoft\'s own OfficeActivity rules read Parameters with todynamic()/parse_json() (Azure/Azure-Sentinel Solutions/Microsoft 365/Analytic Rules/Malicious_Inbox_Rule.yaml @ 442ef2ff: `extend Events=todynamic(Parameters)`), i.e. as JSON text. Queries that test a substring spanning JSON punctuation (`"Allow"`, `"enable":false`) depend on the form.',
  },
  {
    id: 'sentinel-cloud-bool-text',
    statement: 'A Sentinel bool column keeps a JSON boolean; the strings "true"/"false" (any case) become that boolean; any other value is null.',
    reasoning: 'AWSCloudTrail types ReadOnly, ManagementEvent and SessionMfaAuthenticated bool (awscloudtrail-include.md:34,36,48); CloudTrail writes readOnly and managementEvent as JSON booleans but sessionContext.attributes.mfaAuthenticated as the string "true"/"false", and Sigma rules quote booleans (`DeviceDetail.isCompliant: \'false\'`). How the connector converts a string is not documented; Kusto\'s own tobool reads "true"/"false".',
  },
  {
    id: 'sentinel-cloud-aws-security-group-keys',
    statement: 'AWSCloudTrail CidrIp, IpProtocol, SourcePort and DestinationPort are the first `cidrIp`, `ipProtocol`, `fromPort` and `toPort` found depth-first in requestParameters (EC2 writes ipPermissions.items[].{ipProtocol, fromPort, toPort, ipRanges.items[].cidrIp}); numbers as decimal text; empty when requestParameters has none.',
    reasoning: 'The page says each is "located under RequestParameters in CloudTrail" and used "to specify the IP permissions for a security group rule" (awscloudtrail-include.md:21,24,32,51); its descriptions are EC2\'s IpPermission CidrIp, IpProtocol, FromPort ("start of port range") and ToPort ("end of port range"). The path, and which permission is taken when a request carries several, are not given.',
  },
  {
    id: 'sentinel-cloud-azure-names',
    statement: 'Azure raw names -> Log Analytics columns (SigninLogs, AuditLogs, AzureActivity, AADUserRiskEvents): a name that is a documented column is that column; a lower-case-first name (the diagnostic-settings record\'s envelope keys operationName, resultType, identity, level, ...; the sign-in\'s own property names userAgent, location, homeTenantId, conditionalAccessStatus; the risk detection\'s own Graph riskDetection properties riskEventType, riskLevel, ipAddress, ...) and `properties.<x>` land in the documented column of the same name ignoring case (ipAddress -> IPAddress); any other case variant (Resultdescription, Initiatedby) names no column. A dotted tail is a property path of that column\'s value, kept verbatim (DeviceDetail.trusttype stays `trusttype`). AuditLogs\' envelope `category` is no column: the audit category is `properties.category` / `Category`. A risk detection record\'s `tenantId` is no AADUserRiskEvents column.',
    reasoning: 'The pages list columns, not the record they are built from. The catalog\'s Azure mappings read the same values as camel-case record names (properties.deviceDetail.displayName, properties.appDisplayName, resultType, operationName, callerIpAddress: assumption cse-azure-eventhub-shape), so Log Analytics columns are the record\'s names in Pascal case; acronyms upper-cased (IPAddress, AADTenantId) are not shown by any source. KQL column names and dynamic property names are case-sensitive, so a Pascal-case name differing in case from every column names none. The AuditLogs envelope category is the log\'s own ("AuditLogs"), which the table does not store as a column (auditlogs-include.md:19). AADUserRiskEvents\' 20 columns besides OperationName, TimeGenerated, Type and the workspace\'s own (_BilledSize, _IsBillable, SourceSystem, TenantId) are the properties of Graph\'s riskDetection resource in Pascal case, each described as Graph describes the property (aaduserriskevents-include.md:13-39 against riskdetection.md:34-53, e.g. :28 RiskEventType and :46 riskEventType "The type of risk event detected"); the catalog reads the same values as properties.riskLevel, properties.ipAddress, properties.userPrincipalName in its UserRiskEvents mapping (379364a9) and riskEventType, ipAddress, userPrincipalName in its Graph riskDetections mapping (5fddf764). No page says that the connector copies them. Its TenantId is "The Log Analytics workspace ID" (aaduserriskevents-include.md:33), not the directory tenant the record\'s tenantId names.',
  },
  {
    id: 'sentinel-cloud-azure-time',
    statement: 'The diagnostic record\'s `time` is the TimeGenerated of SigninLogs, AuditLogs, AzureActivity and AADUserRiskEvents rows.',
    reasoning: 'azureactivity-include.md:48 describes TimeGenerated as when "the event was generated by the Azure service", auditlogs-include.md:42 as when "the record was created", signinlogs-include.md:80 not at all, aaduserriskevents-include.md:34 as "The date and time of the event in UTC"; none names the record field. Ingestion may stamp its own time. A risk detection in Graph\'s form has no `time` (its times are activityDateTime, detectedDateTime, lastUpdatedDateTime, each its own column), so its TimeGenerated stays empty.',
  },
  {
    id: 'sentinel-cloud-signin-caller-ip',
    statement: 'A sign-in record\'s `callerIpAddress` is SigninLogs\' IPAddress.',
    reasoning: 'SigninLogs has no CallerIpAddress column; IPAddress is "The IP address of the client from where the sign-in occurred" (signinlogs-include.md:41), which is what the envelope key carries for a sign-in. No page states the correspondence.',
  },
  {
    id: 'sentinel-cloud-risk-additional-info',
    statement: 'AADUserRiskEvents AdditionalInfo holds the JSON value of the risk detection\'s additionalInfo text (a JSON object or array); text that is not one is kept as the string, and a value the event gives as JSON is kept.',
    reasoning: 'Graph types additionalInfo String, JSON written as text (riskdetection.md:36, its example a Key/Value array in a string); the page types AdditionalInfo dynamic, "Additional information associated with the user risk event in JSON format" (aaduserriskevents-include.md:15). Whether the connector parses the text is not said; a string would make `AdditionalInfo[0].Value` empty. SigmaHQ\'s riskdetection rules read riskEventType only.',
  },
  {
    id: 'sentinel-cloud-activity-value-columns',
    statement: 'AzureActivity: the record names operationName, category, resourceProvider, activityStatus and activitySubstatus land in OperationNameValue, CategoryValue, ResourceProviderValue, ActivityStatusValue and ActivitySubstatusValue; OperationName, Category, ResourceProvider, ActivityStatus and ActivitySubstatus are left empty unless the event names them.',
    reasoning: 'The page describes only the *Value twin of each pair: OperationNameValue "Identifier of the operation e.g. Microsoft.Storage/storageAccounts/listAccountSas/action" (azureactivity-include.md:35), CategoryValue "Category of the activity log e.g. Administrative" (:23), ResourceProviderValue "Id of the resource provider" (:43); the plain columns have no description (:13,:15,:22,:34,:42), so what they hold (a display name?) is not given.',
  },
  {
    id: 'sentinel-cloud-okta-stream-types',
    statement: 'OktaV2_CL: the Okta CCP connector hands the DCR each System Log LogEvent as it is; the DCR keeps the 16 top-level properties its stream declares (others are dropped) and converts each value to the declared type as Kusto would (a string column takes a non-string value\'s text, `published` ISO text as a datetime, dynamic columns the JSON value).',
    reasoning: 'OktaSSOv2_DCR.json declares the stream Custom-OktaSSO_CL (uuid, published datetime, eventType, ..., actor/client/outcome/target/... dynamic) and its transformKql reads only those names; the LogEvent\'s own properties are the same names (Okta System Log API, LogEvent object). How the poller passes the API response and how a DCR converts a value of another JSON type are not in the connector files.',
  },
  {
    id: 'sentinel-cloud-okta-target-list',
    statement: 'A Sigma okta event\'s `target` given as one object (`target.displayName: X`) is the LogEvent\'s target list with that one element: OriginalTarget holds `[{displayName: X}]`.',
    reasoning: 'Okta\'s LogEvent has `target` as an array of LogTarget objects (System Log API; okta-logevent schema: "target": {"type": "array"}); Sigma flattens it to `target.displayName` (okta_new_behaviours_admin_console.yml, okta_apt_suspicious_user_creation.yml), which names a property of the element. OriginalTarget = target (the DCR copies the value), so the list is what the table holds.',
  },
  {
    id: 'sentinel-cloud-github-stream-types',
    statement: 'GitHubAuditLogsV3_CL: the GitHub CCF connector hands the DCR each audit log event as the API returns it; the DCR keeps the keys its stream declares (others are dropped) and converts each value to the declared type as Kusto would (strings take a value\'s text, objects their JSON; real columns numbers or numeric text; boolean columns JSON booleans or "true"/"false"; `@timestamp` and `created_at` epoch milliseconds).',
    reasoning: 'GitHubAuditLogs_DCR.json declares the stream Custom-GitHubAuditLogs (`@timestamp` real, action string, actor_id real, actor_location dynamic, ...) and computes TimeGenerated = datetime(1970-01-01) + (tolong([\'@timestamp\']) * 1ms); how the poller passes the response and how a value of another JSON type is converted are not in the connector files. A Sigma event without `@timestamp` gets no TimeGenerated.',
  },
  {
    id: 'sentinel-cloud-gcp-data-envelope',
    statement: 'A Sigma gcp.audit name `data.<path>` is `<path>` of the LogEntry (the entry wrapped as Pub/Sub-exported messages are); `data.protoPayload.logName` and `data.protoPayload.resource.type` therefore name protoPayload fields no AuditLog has and land in no column (LogName and GCPResourceType hold the LogEntry\'s logName and resource.type).',
    reasoning: 'SigmaHQ\'s gcp.audit rules write `data.protoPayload.serviceName`, `data.protoPayload.methodName`, `data.protoPayload.authorizationInfo.permission` (gcp_access_policy_deleted.yml, gcp_breakglass_container_workload_deployed.yml); no source defines the `data` envelope for Sentinel, whose stream receives the LogEntry itself. logName and resource are LogEntry fields, not AuditLog fields (LogEntry and AuditLog references), so the literal path names nothing; the rule\'s intent (LogEntry.logName) is not followed.',
  },
  {
    id: 'sentinel-cloud-gcp-authorization-info-list',
    statement: 'GCPAuditLogs AuthorizationInfo holds the AuditLog\'s authorizationInfo list; a Sigma event giving it as one object (`data.protoPayload.authorizationInfo.permission`, `gcp.audit.authorization_info.granted`) is the list with that one element, and a `granted` given as "true"/"false" is the JSON boolean.',
    reasoning: 'The page describes AuthorizationInfo as Google describes authorizationInfo[] ("one AuthorizationInfo element for each {resource, permission} tuple", gcpauditlogs-include.md:14; AuditLog reference: authorizationInfo is an array of objects with a boolean granted). Sigma flattens the list and quotes the boolean (`granted: \'true\'`). No Microsoft source shows a row.',
  },
  {
    id: 'sentinel-cloud-gcp-resource-columns',
    statement: 'GCPAuditLogs GCPResourceType is the LogEntry\'s resource.type and ProjectId its resource.labels.project_id.',
    reasoning: 'gcpauditlogs-include.md:17 ("The identifier of the type associated with this resource, such as \'pubsub_subscription\'") and :25 ("The identifier of the Google Cloud Platform (GCP) project associated with this resource, such as "my-project"") do not repeat Google\'s descriptions of MonitoredResource.type ("The monitored resource type") or of the project_id label; the example values are monitored resource types and the project label\'s.',
  },
  {
    id: 'sentinel-cloud-gcp-log-name',
    statement: 'GCPAuditLogs LogName is the LogEntry\'s logName, verbatim (`projects/<id>/logs/cloudaudit.googleapis.com%2Factivity`).',
    reasoning: 'The page\'s description ("Information including a suffix identifying the log sub-type (e.g., admin activity, system access, data access) and where in the hierarchy the request was made", gcpauditlogs-include.md:20) is not Google\'s for logName ("The resource name of the log to which this log entry belongs"); it describes the audit log names, whose suffix is the URL-encoded log id. Whether the connector decodes %2F is not said.',
  },
  {
    id: 'sentinel-cloud-gcp-status-message',
    statement: 'GCPAuditLogs StatusMessage is the AuditLog\'s status.message (Status holds the whole status object).',
    reasoning: 'gcpauditlogs-include.md:36 says only "The message status of the overall operation"; Google\'s AuditLog.status is a google.rpc.Status (code, message, details), and Elastic reads status.message as gcp.audit.status.message. No source states the column\'s origin.',
  },
  {
    id: 'sentinel-cloud-aks-event-fields',
    statement: 'An AKSAudit row is one Kubernetes audit Event (audit.k8s.io/v1) of the cluster\'s API server, each column holding the Event field its name and description repeat: AuditId = auditID, Level = level, Stage = stage, RequestUri = requestURI, Verb = verb, User = user, SourceIps = sourceIPs, UserAgent = userAgent, ObjectRef = objectRef, ResponseStatus = responseStatus, RequestObject = requestObject, ResponseObject = responseObject, Annotations = annotations, RequestReceivedTime = requestReceivedTimestamp, StageReceivedTime = stageTimestamp. A name that is no part of the Event lands in no column: a top-level name no Event field has (SigmaHQ\'s `apiGroup`, `hostPath`, `capabilities`), a case variant (`RequestURI`, `ObjectRef.resource`), a key ObjectReference / UserInfo / Status does not define (`objectRef.kind`). The Event\'s kind, apiVersion and impersonatedUser have no column.',
    reasoning: 'aksaudit.md:14 says the table "Contains all Kubernetes API Server audit logs" and has no ingestion-time transformation (:25), and the column descriptions paraphrase the comments of the Event type (aksaudit-include.md:14 AuditId "Unique audit ID that is generated for each request" = types.go @ 3fa086bc:79 auditID "Unique audit ID, generated for each request"; :36 Verb = :87 verb word for word; :26 SourceIps "originating client and intermediate proxies" = :101 "originated and intermediate proxies"; :18 ObjectRef = :109 objectRef, "does not apply for list requests nor non-resource requests"; :29 StageReceivedTime = :132 stageTimestamp). But no Microsoft page names the Event or says which field fills which column, nor how the names are matched; the API server writes the JSON names of the Event\'s tags, and JSON names are case-sensitive. The page has no column for impersonatedUser (:92) or the TypeMeta keys (:73). PodName ("Name of the pod emitting this audit event", aksaudit-include.md:19) names the API server instance, which the Event does not carry.',
  },
  {
    id: 'sentinel-cloud-aks-dynamic-json',
    statement: 'The AKSAudit dynamic columns (ObjectRef, ResponseStatus, User, SourceIps, Annotations, RequestObject, ResponseObject) hold the Event field\'s JSON value with the Event\'s own key names (objectRef.apiGroup -> ObjectRef.apiGroup, responseStatus.code -> ResponseStatus.code) and value types: a number stays a number (code 401 is the long 401, not "401"), a string stays a string, objects stay objects (RequestObject is the request\'s object, not its JSON text). A value of another type than the Event\'s (SigmaHQ\'s kubernetes_audit_potential_enumeration_activity.yml tests `responseStatus.code: \'ALLOW\'`, while Status.Code is int32) is kept as the Sigma event gives it.',
    reasoning: 'aksaudit-include.md types the columns dynamic and describes them as the Event\'s values ("Response status for the request, which includes the response code", :25; "Kubernetes API object from the request in object format or the string "skipped-too-big-size-object"", :20), and Microsoft\'s sample query reads `ResponseStatus.code != 401` (queries/aksaudit.md @ 431071fd:26): the lower-case key of metav1.Status (`Code int32 json:"code,omitempty"`, apimachinery meta/v1 types.go @ 521b605f) compared with a number. No page shows a whole row, the other keys, or when an object is replaced by "skipped-too-big-size-object" (then RequestObject/ResponseObject is that string: not modelled). An Event cannot hold a non-integer code, so a rule testing one can match no real event; the record does not hide that from the query.',
  },
  {
    id: 'sentinel-cloud-aks-lists',
    statement: 'A Sigma kubernetes audit event giving a list field of the Event (sourceIPs, user.groups, impersonatedUser.groups: []string) as one value is the list with that one element: SourceIps holds ["203.0.113.7"].',
    reasoning: 'The Event types SourceIPs []string (types.go @ 3fa086bc:101) and UserInfo.Groups []string; aksaudit-include.md:26 describes SourceIps as "The list of source IP addresses" and Microsoft\'s sample query mv-expands it (queries/aksaudit.md:27). Sigma flattens lists to a field with one value; the same reading as sentinel-cloud-okta-target-list.',
  },
  {
    id: 'sentinel-cloud-aks-time-generated',
    statement: 'AKSAudit TimeGenerated is the Event\'s stageTimestamp (the same time as StageReceivedTime).',
    reasoning: 'aksaudit-include.md:32 says only "Event generation time."; an audit event instance is generated when the request reaches its stage ("Stage of the request handling when this event instance was generated", types.go @ 3fa086bc:81), at stageTimestamp ("Time the request reached current audit stage", :132). The diagnostic pipeline may stamp its own time instead; SigmaHQ\'s kubernetes rules do not read it.',
  },
  {
    id: 'sentinel-cloud-office-operation',
    statement: 'OfficeActivity Operation holds the Management Activity record\'s Operation (for Exchange admin records the cmdlet name, New-InboxRule), verbatim; the Activity column is left empty.',
    reasoning: 'officeactivity-include.md:100 describes Operation as "The name of the operation that the user is performing", not in the schema\'s words ("The name of the user or admin activity. ... For Exchange admin activity, this property identifies the name of the cmdlet that was run", office-365-management-activity-api-schema.md @ 61be337c:78). The page\'s own descriptions of UserId, ResultStatus, AADTarget and Parameters speak of "the Operation property" (:142,:110,:14,:106: "the cmdlet that is identified in the Operations property"), which only the Operation column can be; Activity ("The activity that the user performed.", :15) repeats no schema property. Microsoft\'s rules test `Operation =~ "New-InboxRule"` (Malicious_Inbox_Rule.yaml @ 442ef2ff).',
  },
  {
    id: 'sentinel-cloud-office-object-id',
    statement: 'OfficeActivity OfficeObjectId holds the record\'s ObjectId for every workload (the Exchange admin cmdlet\'s object, e.g. the inbox rule\'s identity, as well as the SharePoint/OneDrive path).',
    reasoning: 'The page\'s description is only the first clause of the schema\'s ("For SharePoint and OneDrive for Business activity", officeactivity-include.md:96; the schema goes on "the full path name of the file or folder accessed by the user. For Exchange admin audit logging, the name of the object that was modified by the cmdlet", :84). Microsoft\'s Malicious Inbox Rule query reads the rule name out of OfficeObjectId on New-InboxRule rows (`split(OfficeObjectId, \'\\\\\')[-1]`, Malicious_Inbox_Rule.yaml @ 442ef2ff), so Exchange rows fill it too.',
  },
  {
    id: 'sentinel-cloud-office-id-columns',
    statement: 'OfficeActivity OfficeId and SourceRecordId both hold the record\'s Id.',
    reasoning: 'Both columns are described as "Unique identifier of an audit record" (officeactivity-include.md:95,:121), the schema\'s words for Id (:75), and no other property is so described. Whether the connector writes the same value twice is not said.',
  },
  {
    id: 'sentinel-cloud-office-same-name',
    statement: 'A property several Management Activity schemas define lands in the one OfficeActivity column the page describes with one schema\'s words, whatever schema the record follows: ExternalAccess and OriginatingServer (the Exchange admin descriptions) also for Exchange mailbox records, ModifiedProperties (SharePoint\'s) also for Exchange admin and Azure AD records, Client (Azure AD account logon\'s) also for STS logon records, ApplicationId (SharePoint\'s) also for STS logon records, Start_Time (Security and Compliance Center\'s StartTime) also for Data Center Security cmdlet records, ChatName (a Teams Message element\'s) as a record property.',
    reasoning: 'The table has one column per name (officeactivity-include.md:66 ExternalAccess "Specifies whether the cmdlet was run by a user in your organization" = Exchange Admin schema :600, while the Exchange Mailbox schema :616 says "This is true if the logon user\'s domain is different from the mailbox owner\'s domain"; :26 ApplicationId "SharePoint application ID", while SigmaHQ\'s microsoft365_bypass_conditional_access.yml tests ApplicationId on UserLoggedIn, an STS logon record whose ApplicationId is "The GUID that represents the application that is requesting the login", :793). No source says the connector keeps such a property apart by schema.',
  },
  {
    id: 'sentinel-cloud-office-near-descriptions',
    statement: 'OfficeActivity AddOnGuid, Application, ApplicationId and UserAgent hold the record properties of the same names, though the page describes them in other words.',
    reasoning: 'The descriptions share only a word or two: AddOnGuid "The unique identifier of the add-on generated this event" / Teams AddOnGuid "A unique identifier for the add-on that generated the event" (officeactivity-include.md:19, schema @ 61be337c:1012); Application "The application name" / "The application that triggers the account login event, such as Office 15" (:25, :701); ApplicationId "SharePoint application ID" / SharePoint\'s "The ID of the application performing the operation" (:26, :275); UserAgent "The user agent" / "Information about the user\'s client or browser" (:140, :270). No other property fits the columns, and no column is described as those properties.',
  },
  {
    id: 'sentinel-cloud-office-operation-properties',
    statement: 'OfficeActivity OperationProperties (dynamic) holds the record\'s OperationProperties list of {Name, Value} as that JSON value.',
    reasoning: 'The page says only "Additional operation properties" (officeactivity-include.md:101, dynamic). The schema version the page follows documents OperationProperties for Encrypted message portal records ("Extra properties, i.e. number of OTP passcode sent, email subject, etc.", Collection(Common.NameValuePair), @ 61be337c:1645); later versions add it to Exchange mailbox records ("Collection of operation-specific properties.", @ 8a539d33:820, from b7308813), which is where SigmaHQ\'s microsoft365_susp_email_forwarding_activity.yml reads it (UpdateInboxRules). No source shows a row.',
  },
  {
    id: 'sentinel-cloud-office-enum-names',
    statement: 'OfficeActivity RecordType, UserType and Logon_Type hold the enum member names (ExchangeAdmin, Admin, DcAdmin, Owner): a record giving the number (RecordType 1, UserType 2, LogonType 0) is stored as the name of that value in the schema\'s tables; a name, or a number the tables lack, is kept (as its decimal text). Other enum-typed properties given as numbers keep the number (decimal text in string columns, the number in int columns).',
    reasoning: 'The schema types them Edm.Int32 enums (AuditLogRecordType, UserType, LogonType: @ 61be337c:76,80,608; tables :96-223, :231-239, :631-637) and the page types the three columns string while it types InternalLogonType, of the same LogonType enum, int (officeactivity-include.md:71,:80,:107,:145). Microsoft\'s rules test names: `RecordType =~ "ExchangeAdmin"`, `UserType in~ ("Admin","DcAdmin")` (office_policytampering.yaml @ 442ef2ff). Whether every value the API sends has a name in the table, and the case the connector writes, are not given.',
  },
  {
    id: 'sentinel-cloud-office-collections',
    statement: 'A Collection-typed record property (Parameters, OperationProperties, ExtendedProperties, ModifiedProperties, Actor, Target, AffectedItems, Folders, ExtraProperties, Members) given as one object (a Sigma event\'s `Parameters.Name: X`) is the list with that one element.',
    reasoning: 'The schema types these properties Collection(...) (e.g. Parameters Collection(Common.NameValuePair), @ 61be337c:598), so the record always holds a list; SigmaHQ\'s m365 audit rules say "The \'OperationProperties\' and \'Parameters\' fields are a list of dict" (microsoft365_susp_email_forwarding_activity.yml) but do not show how an event writes an element. The same reading as sentinel-cloud-okta-target-list.',
  },
  {
    id: 'sentinel-cloud-office-values',
    statement: 'OfficeActivity string columns hold the record\'s strings verbatim (ResultStatus Succeeded/PartiallySucceeded/Failed, or True/False for Exchange admin records, as the record writes them) and a number or boolean as its JSON text (ExternalAccess false -> "false"); a CreationTime/StartTime without a zone (the API writes `2024-05-01T10:00:00`) is UTC.',
    reasoning: 'The page types ExternalAccess (Edm.Boolean in the schema, :600) and the numeric ids string without showing a value; the schema gives ResultStatus\'s values (@ 61be337c:83) and says CreationTime is "in Coordinated Universal Time (UTC)" (:77) while its Edm.Date text carries no zone. How the connector renders a boolean (true, True) is not said; KQL\'s =~ makes the case matter only to == and has_cs.',
  },
  {
    id: 'sentinel-cloud-office-unplaced',
    statement: 'An m365/audit event key that is no record property the mapping places lands in no OfficeActivity column: properties the page has no column for (Scope, AppAccessContext, ErrorCode, LogonError, DeviceProperties, SessionId, Directionality, DeliveryAction, ...), Sigma names that are not record properties (RequestType, which a UserLoggedIn record carries as an ExtendedProperties entry {Name: RequestType, Value: ...}), and column names themselves (OfficeWorkload: the record says Workload).',
    reasoning: 'The page describes no column as those properties, and a column name is not a record name. SigmaHQ\'s microsoft365_bypass_conditional_access.yml tests RequestType: \'Cmsi:Cmsi\' and microsoft365_suspicious_email_delivered.yml Directionality and DeliveryAction (properties of the Defender for Office 365 email message events, @ 61be337c "Email message events"); on OfficeActivity such a value is only in ExtendedProperties\' text, when the event gives it there.',
  },
  {
    id: 'sentinel-syslog-agent-split',
    statement: 'Syslog: the agent cuts a forwarded line `<PRI>... HOST TAG[pid]: text` so that ProcessName is the TAG without `[pid]`, ProcessID the pid, Facility the facility of PRI, SeverityLevel its severity, and SyslogMessage the text after `TAG[pid]: ` (without the TAG); nothing of the text moves into other columns.',
    reasoning: 'syslog-include.md only describes the columns (:22 ProcessName "Name of the process that generated the message", :27 SyslogMessage "Text of the message", :17 Facility "The part of the system that generated the message"); which part of the RFC 3164/5424 line each one is, and that the TAG is not repeated in SyslogMessage, is the agent\'s and is not in the snapshot.',
  },
  {
    id: 'sentinel-syslog-facility-names',
    statement: 'Syslog.Facility holds the facility as its lower-case syslog keyword without LOG_: auth, authpriv, cron, daemon, ftp, local6 (SeverityLevel likewise info, err, crit, ...).',
    reasoning: 'The page types Facility as a string and describes it as "The part of the system that generated the message" (syslog-include.md:17) without listing values; the keywords are the ones syslog.conf(5) and rsyslog use, and the ones Azure Monitor\'s data collection rules name facilities by (facilityNames: auth, authpriv, cron, daemon, ...).',
  },
  {
    id: 'sentinel-syslog-keyword-message',
    statement: 'A keyword witness\'s `message` is the text of the syslog message (SyslogMessage), not the header: ProcessName/HostName are the service\'s program and the (unknown) host, never the keyword text.',
    reasoning: 'Sigma keywords search the log line, whose header (host, TAG) is text too; a rule keyword that names a program (the pwnkit rule\'s `pkexec`, which pkexec writes only as its ident: polkit pkexec.c openlog ("pkexec", ...) and syslog "%s: %s [USER=%s] [TTY=%s] [CWD=%s] [COMMAND=%s]") is found on the real platform only in ProcessName. The raw event cannot say which of its texts was header, so all of it is message; queries should still search ProcessName for keyword rules, which these rows do not exercise.',
  },
  {
    id: 'sentinel-syslog-any-program',
    statement: '`service: syslog`, `product: linux` without service, and `service: auth` stand for any program: ProcessName is left empty, and Facility too for syslog/no service (auth: one row per facility, auth and authpriv).',
    reasoning: 'Sigma\'s syslog service is the whole syslog stream and its auth service the auth log (rsyslog\'s `auth,authpriv.*`); no source names one program for them, so the rows assert nothing about the program, and a query must not depend on it.',
  },
  {
    id: 'sentinel-syslog-sshd-authpriv',
    statement: 'Besides upstream\'s AUTH, sshd deployments log with the authpriv facility (Red Hat\'s shipped sshd_config sets `SyslogFacility AUTHPRIV`): a third sshd row has Facility authpriv.',
    reasoning: 'Upstream sshd_config(5) says "The default is AUTH." (sshd_config.5:1989-1994), but the distribution config overrides it: dev-sec/chef-ssh-hardening#232 reports "CentOS 7 defines syslog facility AUTHPRIV in SSH daemon configuration by default, that references /var/log/secure". Red Hat\'s sshd_config itself is not in the sources read.',
  },
  {
    id: 'sentinel-syslog-opt-in-syslog',
    statement: 'vsftpd and clamd lines reach Syslog only when the administrator enabled syslog logging (vsftpd syslog_enable=YES, clamd LogSyslog yes); the rows are those deployments\' lines, with the default facility (ftp, local6).',
    reasoning: 'vsftpd.conf.5:519-523 syslog_enable "Default: NO" (otherwise /var/log/vsftpd.log); clamd.conf "LogSyslog ... Default: no", "LogFacility ... Default: LOG_LOCAL6". Without the option the lines are files the Syslog table never sees; a Sigma rule for these services presumes they are collected.',
  },
  {
    id: 'sentinel-syslog-debian-cron',
    statement: 'Debian\'s cron (Vixie cron) logs as cronie does, with the program names cron / CRON (job children) / crontab and facility cron.',
    reasoning: 'cronie is Vixie cron\'s descendant and its misc.c/do_command.c/crontab.c are cited line by line; Debian\'s source package was not read. Vixie-lineage crontab.c copies in the code index log `log_it(RealUser, Pid, "REPLACE", User)` the same way, and Debian\'s daemon binary is /usr/sbin/cron.',
  },
  {
    id: 'iis-sigma-header-fields',
    statement: 'Sigma webserver fields `cs-user-agent`, `cs-referer` and `cs-cookie` are the W3C header fields IIS logs as cs(User-Agent), cs(Referer)/cs(Referrer) and cs(Cookie), stored in W3CIISLog csUserAgent, csReferer and csCookie.',
    reasoning: 'Sigma names webserver fields after the W3C extended log format (Taxonomy_specification.md: "Field Name according to W3C Extended Log File Format"), but that format writes request headers as cs(Header) (w3c-logging.md:35-37), which Sigma spells with a hyphen. The W3CIISLog descriptions ("Browser type of the client", "Site that the user last visited", "Content of the cookie sent or received if any") are those of the three header fields; no page names the Sigma spelling.',
  },
  {
    id: 'iis-logged-fields',
    statement: 'IIS logs every W3C field the records map; a field the raw event lacks (or gives as "") is written as "-" and stored so in its W3CIISLog string column ("-" in an int/long column: null).',
    reasoning: 'w3c-logging.md:63: "For fields that are selected but for which there is no information, a hyphen (-) appears as a placeholder"; which fields a server selects is its configuration. W3CIISLog keeps the hyphen: its page says "Anonymous users are indicated by a hyphen" (w3ciislog-include.md:26) and ASimWebSessionIIS.yaml tests csUriQuery, csUserName, csReferer, csHost and sSiteName against "-" (:33-36, :58-59, :81-82); no page says the agent stores a hyphen in the other columns.',
  },
  {
    id: 'zia-requesturl-without-scheme',
    statement: 'Zscaler writes RequestURL without the scheme ("host/path?query") and the scheme in ApplicationProtocol, upper-case ("HTTP", "HTTPS"): a Sigma c-uri "http://h/p" becomes RequestURL "h/p" and ApplicationProtocol "HTTP"; a c-uri without a scheme keeps ApplicationProtocol "HTTP".',
    reasoning: 'The sources disagree. CommonSecurityLog\'s page says RequestURL is "The URL accessed for an HTTP request, including the protocol" (commonsecuritylog-include.md:149), and Microsoft\'s sample record (Azure-Sentinel Sample Data/CEF/ZScaler.json @ 51be4ea9) has RequestURL "http://dayvidmarketingdireto.com.br/shii/office-RD117/" with ApplicationProtocol "HTTP"; but the parser builds Url = strcat(tolower(NetworkApplicationProtocol), "://", url_decode(RequestURL)) (ASimWebSessionzScalerZIA.yaml:90) and its filtering twin strips the protocol from url_has_any before testing RequestURL (vimWebSessionzScalerZIA.yaml @ bd3bf57a, remove_protocol_from_list), which is only right if Zscaler writes none. The parsers are what run on Zscaler data, so they are followed. A Sigma event without a scheme names none: "HTTP", the sample\'s, is taken.',
  },
  {
    id: 'zia-url-from-parts',
    statement: 'The Zscaler URL is Sigma c-uri (or cs-uri); a c-uri that is a path ("/x") is prefixed with the host (cs-host, else r-dns); without c-uri/cs-uri it is host + c-uri-stem + "?" + c-uri-query. c-uri-extension alone gives no URL.',
    reasoning: 'Sigma\'s proxy taxonomy gives c-uri ("URL requested by client"), its stem, query and extension as separate fields and SigmaHQ rules use c-uri both as a full URL (`c-uri|startswith: \'http\'`) and as a path next to cs-host; Zscaler\'s URL names the host (the sample above). A URL cannot be rebuilt from an extension alone, so a rule on c-uri-extension only can match the record through a c-uri that carries it.',
  },
  {
    id: 'zia-host-header',
    statement: 'Sigma proxy cs-host (the Host header), else r-dns, is CommonSecurityLog DestinationHostName.',
    reasoning: 'DestinationHostName is "The destination that the event refers to in an IP network. The format should be an FQDN associated with the destination node" (commonsecuritylog-include.md:21) and the parser reads it as DstFQDN (ASimWebSessionzScalerZIA.yaml:55); Sigma describes r-dns as "The Domain requested. Additionally is referred to as the Host header or URL Domain. Recommend to use cs-host instead". No Microsoft source names the Zscaler key (dhost) or its content.',
  },
  {
    id: 'zia-additional-extensions',
    statement: 'A Zscaler web record keeps the keys without a CommonSecurityLog column in AdditionalExtensions, laid out as Microsoft\'s sample: "reason=Allowed;outcome=<sc-status>;cat=Internet Services;rulelabel=None;ruletype=None;urlclass=Business Use;devicemodel=Virtual Machine", with EventOutcome and Reason empty.',
    reasoning: 'AdditionalExtensions is "A placeholder for additional fields. Fields are logged as key-value pairs" (commonsecuritylog-include.md:14); the sample (Sample Data/CEF/ZScaler.json @ 51be4ea9) shows this layout with outcome=200, and the parser reads outcome/reason there when the EventOutcome/Reason columns are empty (ASimWebSessionzScalerZIA.yaml:74-82, "Adjustment to support both old and new CSL fields"), so either agent gives the same EventResultDetails. The keys Sigma does not carry take the sample\'s values.',
  },
  {
    id: 'dns-generic-as-zeek',
    statement: 'A Sigma generic `category: dns` event (no product) is read as a Zeek dns.log record: query -> query, record_type -> qtype_name, answer -> answers (a one-element list, or the list given), src_ip/src_port/dst_ip/dst_port -> id.orig_h/id.orig_p/id.resp_h/id.resp_p; dns.log names the event also holds are read as themselves.',
    reasoning: 'The generic DNS category stands for any DNS log, and imDns is a union of many source parsers (ASimDns.yaml:21-32); a record needs one concrete source. Zeek dns.log is the representative whose field names Sigma\'s generic names come from (Sigma\'s zeek/dns rules test `query`, `qtype_name`, `answers`; the generic rules `query`, `record_type`, `answer`), and its parser (ASimDnsCorelightZeek.yaml, ASimDns.yaml:48) is in the union. Other DNS sources would give other values for the same event (Sysmon 22 has no record type; its answers are `type: 5 name;...` text).',
  },
  {
    id: 'zeek-dns-event-fields',
    statement: 'A Sigma Zeek dns event is the dns.log record with the values it gives: `&optional` columns it lacks are left out of the JSON line, and so are ts/uid/id/proto (always logged, but with no value to write); the `&default` columns AA/TC/RD/RA/Z/rejected it lacks take their defaults (false, 0); a value that is not of the column\'s Zeek type (count, port, bool, interval, time) is left out; names not in dns.log are dropped; qtype/qclass/rcode given without their name get Zeek\'s name (table or `&default` form), names given without the number get it from the same table case-insensitively (also `query-<n>` and NBSTAT), and a name Zeek does not know leaves the number out; string values are the logged text (Zeek\'s escape_utf8 already applied), JSON-escaped by the writer.',
    reasoning: 'main.zeek:24-80 (zeek/zeek @ a13de64f) gives the columns and types, JSON.cc:80 writes only present fields, and main.zeek:357/461/463 set each name from its number with consts.zeek\'s tables. A record\'s `&default` fields are always set, so every line has them (and the parser reads the answers only up to `,"rejected"`, ASimDnsCorelightZeek.yaml:150: a line without `rejected` would lose them); an event without Z thus stands for Z = 0, which the evaluator may read otherwise (an absent Z is not 0 to it). ts/uid/id/proto have no default: nothing is invented for them. Sigma gives names more often than numbers (`qtype_name: ns`); the number is what the parser reads (ASimDnsCorelightZeek.yaml:137, :176).',
  },
  {
    id: 'zeek-dns-answers-list',
    statement: 'A Sigma Zeek dns event\'s `answers` (and a generic dns event\'s `answer`) that is not a list is one answer: the record holds the one-element list `[value]`; a list is the answers in order.',
    reasoning: 'dns.log `answers` is a `vector of string` (zeek/zeek @ a13de64f scripts/base/protocols/dns/main.zeek:71), one element per reply (:422-424), written to JSON logs as an array (src/threading/formatters/JSON.cc:234-235): no record holds a bare string there. Sigma\'s rules test `answers`/`answer` with one value, as if the field were a string; the scalar is read as the one answer it names.',
  },
  {
    id: 'zeek-dns-ttls',
    statement: 'A Zeek dns event with answers but no TTLs gets one TTL of 0.0 per answer.',
    reasoning: 'Zeek appends a TTL with every answer (main.zeek:424, :428), so a line with answers always has TTLs, and the parser reads answers only when `,"TTLs":` follows them (ASimDnsCorelightZeek.yaml:150): leaving TTLs out would also empty DnsResponseName\'s answers. The TTL values are not in the event; 0.0 is a value Zeek can write (an interval), chosen to carry no text a query could look for.',
  },
  {
    id: 'zeek-dns-corelight-line',
    statement: 'The Corelight_CL Message is the dns.log record as one JSON line: `"_path":"dns"`, then `_system_name` and `_write_ts` when the event has them, then the dns.log columns in record order; times (ts, _write_ts) in ISO 8601 with six fraction digits (`2020-06-05T14:39:59.305988Z`); TimeGenerated is the ts.',
    reasoning: 'The parser reads `_path`, `_system_name` and `_write_ts` (ASimDnsCorelightZeek.yaml:123-126), which plain Zeek JSON logs do not have (LogAscii::use_json writes the record only, ts as epoch seconds by default: ascii.zeek:62 `json_timestamps = JSON::TS_EPOCH`). Corelight\'s JSON streaming package adds `_path`/`_write_ts` as log extensions (extensions come first: Manager.cc:765-773) and sets `json_timestamps = JSON::TS_ISO8601` for those logs (corelight/json-streaming-logs scripts/main.zeek:23-35, :83-92 @ 0ab0e4a855c20d665007c99d2b4f7967d1f9e8b6); Microsoft\'s Corelight sample (Azure/Azure-Sentinel `Sample Data/Corelight/Corelight_v2_dns_CL.json` @ 32a9379641c0c6f159080f5ffc35753d42271cd2) has the order `_path`, `_system_name`, `_write_ts`, `ts` with ISO times. TimeGenerated is the ingestion time, not in the line.',
  },  {
    id: 'securityevent-applocker',
    statement: "An AppLocker event (a channel Microsoft-Windows-AppLocker/…) is a SecurityEvent row, as Sentinel's Windows Security Events connector sends it, with that log's name in Channel, Microsoft-Windows-AppLocker in EventSourceName and its UserData element (`<UserData><RuleAndFileData>…`) as EventData; its children fill no column (securityevent-userdata-columns). A workspace that collects the AppLocker logs with a data collection rule of its own has them in Event instead, which these rows do not stand for.",
    reasoning: "Microsoft's list of the connector's event sets says \"All events - All Windows security and AppLocker events\" and lists 8001-8007 and 8222 in its Minimal and Common sets (MicrosoftDocs/azure-docs articles/sentinel/windows-security-event-id-reference.md @ 04ff9c69), and its query guide reads 8002 from SecurityEvent as `parse_xml(EventData)` then `Details.UserData.RuleAndFileData.FilePath` (MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/query-optimization.md @ 6cb7195a). Neither shows the Channel or EventSourceName of such a row: the page's Channel is \"The channel to which the event was logged\" (securityevent-include.md:43), EventSourceName \"The name of the software that logs the event\" (:69), read as the AppLocker log and its provider.",
  },
];

/** Assumptions of the ASIM transcription (kept apart: they are about Kusto/ASIM helpers, not the tables). */
export const ASIM_ASSUMPTIONS: readonly Assumption[] = [
  {
    id: 'asim-deployment',
    statement: 'asimRecords reads Sysmon events through the WindowsEvent (Azure Monitor Agent) branch of each parser unless asked for the Event (legacy agent) branch.',
    reasoning: 'Each Sysmon parser unions an Event branch and a WindowsEvent branch which produce different values (e.g. the WindowsEvent registry branch reads EventData.Parameter, which Sysmon never writes, so RegistryValueData is empty there; ASimDnsMicrosoftSysmon.yaml has its Event branch commented out). A given event reaches one table, depending on the agent; the legacy agent is retired, so the default is WindowsEvent.',
  },
  {
    id: 'asim-resolve-fqdn',
    statement: '_ASIM_ResolveSrcFQDN/_ASIM_ResolveDstFQDN/_ASIM_ResolveDvcFQDN split a name at its first dot: Hostname = first label, Domain = the rest, FQDN = the whole name and DomainType "FQDN" when there is a dot.',
    reasoning: 'The helper functions are not in the snapshot; this is what their names and the inline equivalent in ASimNetworkSessionMicrosoft365Defender.yaml (SplitHostname, DvcFQDN = iif(DeviceName contains ".", ...)) do.',
  },
  {
    id: 'asim-parse-kv-hashes',
    statement: '`parse-kv Hashes as (MD5, SHA1, SHA256, IMPHASH)` splits Sysmon Hashes on "," and "=".',
    reasoning: 'The parsers give no delimiters; Sysmon writes `MD5=...,SHA256=...`, and the parsers rely on the split working.',
  },
  {
    id: 'asim-toint-hex',
    statement: 'Kusto toint("0x1a2b") gives 6699, so ASimProcessCreateMicrosoftSecurityEvents.yaml turns the hex 4688 ids into decimal.',
    reasoning: 'The parser writes tostring(toint(NewProcessId)) over a column the SecurityEvent reference calls "Hexadecimal Process ID"; the toint page is not in the snapshot.',
  },
  {
    id: 'asim-posix-via-defender',
    statement: 'A Linux or macOS process creation reaches imProcessCreate as the DeviceProcessEvents row Defender for Endpoint records, through ASimProcessEventMicrosoft365D.yaml; a Linux or macOS network connection reaches imNetworkSession as its DeviceNetworkEvents row, through ASimNetworkSessionMicrosoft365Defender.yaml; a Linux or macOS file_event reaches imFileEvent as its DeviceFileEvents row, through ASimFileEventMicrosoft365D.yaml.',
    reasoning: 'ASimProcessEventCreate.yaml unions ASimProcessEventMicrosoft365D and ASimProcessCreateLinuxSysmon (Sysmon for Linux via Syslog) among others; ASimNetworkSession.yaml unions ASimNetworkSessionLinuxSysmon (line 59) and ASimNetworkSessionMicrosoft365Defender (line 60); ASimFileEvent.yaml unions ASimFileEventLinuxSysmonFileCreated/FileDeleted (lines 44-45) and ASimFileEventMicrosoft365D (line 47). Only the Defender parsers are in the snapshot, and they read Linux rows (ASimProcessEventMicrosoft365D.yaml: DvcOs = iff(AdditionalFields has "ProcessPosixProcessGroupId", "Linux", "Windows"); ASimFileEventMicrosoft365D.yaml:89 DvcOs = iff(FolderPath startswith "/", "Linux", "Windows"); ASimNetworkSessionMicrosoft365Defender.yaml has no OS filter). Which source a workspace has is deployment. Linux file_delete (DeviceFileEvents FileDeleted) is not sent through the file parser here.',
  },
  {
    id: 'asim-defender-timegenerated',
    statement: 'A Defender Device* row as the Sentinel workspace stores it has a TimeGenerated column equal to its Timestamp.',
    reasoning: 'ASimNetworkSessionMicrosoft365Defender.yaml:47-48 sets EventStartTime/EventEndTime from TimeGenerated and projects Timestamp away (:38); ASimFileEventMicrosoft365D.yaml:95-96 reads Timestamp and keeps TimeGenerated. The Defender table pages list Timestamp ("Date and time when the event was recorded", advanced-hunting-devicenetworkevents-table.md:44) but not TimeGenerated, which every Log Analytics table has; how far it lies from Timestamp (ingestion) is not given.',
  },
  {
    id: 'asim-windows-user-type',
    statement: '_ASIM_GetWindowsUserType(username, sid) in ASimFileEventMicrosoft365D.yaml (:43, :44, :65) is left empty: ActorUserType/TargetUserType are "".',
    reasoning: 'The helper\'s code is not in the sources read; Microsoft\'s helper-function page (normalization-functions.md, the 10,224-character version the code index holds, id 9312388314) only says it "Returns the user type for Windows systems based on the username and security identifier (SID). Possible values include Admin, Guest, Service, Machine, System, Anonymous, Regular, or Other." Which one a Linux user with no SID (ActorWindowsUsername "\\root") gets is not said.',
  },
  {
    id: 'asim-lookup-name-conflict',
    statement: 'In ASimProcessCreateMicrosoftSecurityEvents.yaml the second `lookup KnownSIDs` (on TargetUserSid) does not replace the `username`/`type` columns of the first, so TargetUsername for "-" reads the Subject\'s known-SID name.',
    reasoning: 'Both lookups bring columns named username/type; which survives is Kusto lookup conflict behaviour, not documented in the snapshot.',
  },
  {
    id: 'asim-username-type',
    statement: '_ASIM_GetUsernameType(name) is "" for "", "UPN" for a name with "@", "Windows" for one with "\\", "DN" for one starting "CN=", else "Simple".',
    reasoning: 'The helper\'s code is not in the sources read; Microsoft\'s helper-function page (normalization-functions.md, the 10,224-character version the code index holds, id 9312388314) only says it "Returns the username type based on the format of the username. Possible values include UPN (for email-like usernames), Windows (for domain\\\\user format), DN (for distinguished names), Simple, or empty if the username is empty."',
  },
  {
    id: 'kusto-extract-all-empty-group',
    statement: 'In an extract_all() match, a capture group that took no part in the match is "".',
    reasoning: 'The extract_all page says only what matches and no match return (interpreter SOURCES.md); .NET, which Kusto runs on, gives an unmatched group an empty value. ASimWebSessionIIS.yaml:85-90 reads such groups (the port of a host without one) and passes them to toint(), which makes "" and null alike there.',
  },
  {
    id: 'kusto-parse-kv-unspecified',
    statement: 'parse-kv with only `quote` (no pair/kv delimiters) finds each listed key by its text, quotes included, at its first appearance in the string; skips the non-alphanumeric characters after it up to an alphanumeric character or a quote; reads a quoted value up to the next quote (no escape character unless `escape` is given) and an unquoted value as the run of letters and digits; a typed value that does not convert is null.',
    reasoning: 'parse-kv-operator.md (MicrosoftDocs/dataexplorer-docs @ 0c115d2e54221cd118957cadc6754148e7881859) describes this mode only as "Extraction with no need to specify delimiters. Any nonalphanumeric character is considered a delimiter", with "The first appearance of a key is extracted", "leading and trailing white spaces are ignored" and two examples (`ThreadId:458745723, Machine:Node001` -> 458745723, Node001; a quoted value with an escaped quote, `escape` given). How a key written with quote characters (ASimDnsCorelightZeek.yaml:125-147, `[\'"query"\']`) is matched is not said: read literally, so it matches the JSON\'s quoted name and `"qtype"` does not match `"qtype_name"`. Were the quotes stripped from key names, no key of Microsoft\'s parser would ever match. An unquoted `0.0068` then reads `0` ("." is a delimiter).',
  },
  {
    id: 'kusto-url-decode',
    statement: 'url_decode() decodes %XX escapes as UTF-8 only: "+" stays "+", escapes that are not UTF-8 stay as written.',
    reasoning: 'The url_decode page points to percent-encoding and shows one example (interpreter SOURCES.md A15); whether "+" is a space (form encoding) is not said.',
  },
];

const BY_ID = new Map([...ASSUMPTIONS, ...ASIM_ASSUMPTIONS].map((a) => [a.id, a]));

/** Marks a use of an assumption (throws on an unknown id, so every use is listed above). */
export function assumption(id: string): Assumption {
  const a = BY_ID.get(id);
  if (!a) throw new Error(`unknown assumption ${id}`);
  return a;
}
