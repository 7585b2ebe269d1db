import { describe, expect, it } from 'vitest';

/** Defender's file path from FolderPath and FileName, right whether FolderPath is the folder or the full path (tables/defender.ts pathOf). */
const XDR_FILE_PATH =
  'iff(FolderPath endswith_cs strcat(iff(FolderPath contains "/", "/", @"\\"), FileName) or FolderPath == FileName, FolderPath, iff(isempty(FolderPath), FileName, strcat(FolderPath, iff(FolderPath endswith iff(FolderPath contains "/", "/", @"\\"), "", iff(FolderPath contains "/", "/", @"\\")), FileName)))';

/** The SID of a 4688's new process (tables/sentinel.ts). */
const NEW_SID = 'iff(TargetUserName in ("-", ""), SubjectUserSid, TargetUserSid)';
import { convert, processRule, rule, whereOf, type PipelineName } from './helpers.js';

interface Row {
  readonly name: string;
  readonly pipeline: PipelineName;
  readonly yaml: string;
  /** The whole query. */
  readonly kql: string;
}

const rows = (t: readonly Row[]) => t.map((r) => [r.name, r] as const);

function query(r: Row): string {
  const res = convert(r.yaml, { pipeline: r.pipeline });
  const where = whereOf(res);
  return where.startsWith('ERROR') ? where : res.rules[0]!.queries[0]!;
}

const FULL_PATH =
  '| extend TargetFileFullPath = iff(EventProduct == "M365 Defender for Endpoint" and (TargetFilePath endswith_cs strcat("/", TargetFileName, "/", TargetFileName) or TargetFilePath endswith_cs strcat("/", TargetFileName, @"\\", TargetFileName) or TargetFilePath endswith_cs strcat(@"\\", TargetFileName, @"\\", TargetFileName)), substring(TargetFilePath, 0, strlen(TargetFilePath) - strlen(TargetFileName) - 1), TargetFilePath)';
const QUERY_TYPE_NAME =
  '| extend QueryTypeName = iff(EventProduct == "Zeek" and DnsQueryType == 33 and DstPortNumber == 137 and NetworkProtocol =~ "udp", "NBSTAT", DnsQueryTypeName)';

describe('Sentinel pipelines', () => {
  const table: readonly Row[] = [
    {
      name: 'SecurityEvent adds EventID == 4688',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: '/c'\ncondition: sel`),
      kql: 'SecurityEvent\n| where EventID == 4688 and NewProcessName endswith @"\\cmd.exe" and CommandLine contains "/c"',
    },
    {
      name: 'SecurityEvent IntegrityLevel names → MandatoryLabel SIDs',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    IntegrityLevel:\n        - 'High'\n        - 'System'\ncondition: sel`),
      kql: 'SecurityEvent\n| where EventID == 4688 and MandatoryLabel in~ ("S-1-16-12288", "S-1-16-16384")',
    },
    {
      name: "SecurityEvent User is the new process account: Target*, or the Subject when Windows writes '-'; LocalSystem (S-1-5-18) as Sysmon names it",
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    User: 'CORP\\admin'\ncondition: sel`),
      kql: [
        'SecurityEvent',
        `| extend NewProcessUserName = iff(${NEW_SID} == "S-1-5-18", "SYSTEM", iff(TargetUserName in ("-", ""), SubjectUserName, TargetUserName)), NewProcessUserDomain = iff(${NEW_SID} == "S-1-5-18", "NT AUTHORITY", iff(TargetUserName in ("-", ""), SubjectDomainName, TargetDomainName))`,
        '| where EventID == 4688 and (NewProcessUserDomain =~ "CORP" and NewProcessUserName =~ "admin")',
      ].join('\n'),
    },
    {
      name: 'SecurityEvent ParentUser is the 4688 subject (the creator), LocalSystem as Sysmon names it: SYSTEM tests find the machine account by its SID',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    ParentUser: 'CORP\\admin'\nsys:\n    ParentUser|contains: 'AUTHORI'\ncondition: sel or sys`),
      kql: [
        'SecurityEvent',
        '| extend CreatorUserName = iff(SubjectUserSid == "S-1-5-18", "SYSTEM", SubjectUserName), CreatorUserDomain = iff(SubjectUserSid == "S-1-5-18", "NT AUTHORITY", SubjectDomainName)',
        '| where EventID == 4688 and ((CreatorUserDomain =~ "CORP" and CreatorUserName =~ "admin") or strcat(CreatorUserDomain, @"\\", CreatorUserName) contains "AUTHORI")',
      ].join('\n'),
    },
    {
      name: 'a service: security rule names the log own fields: TargetUserName is compared as written (no domain split)',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-000000000001\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4624\n        TargetUserName|startswith: 'Admin'\n    condition: sel`,
      kql: 'SecurityEvent\n| where EventID == 4624 and TargetUserName startswith "Admin"',
    },
    {
      name: 'SecurityEvent has no ParentCommandLine',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    ParentCommandLine|contains: 'x'\ncondition: sel`),
      kql: "ERROR backend/unmapped-field: field 'ParentCommandLine' has no column in SecurityEvent",
    },
    {
      name: 'SecurityEvent serves every Windows Security log rule, with its own field names',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4625\n        LogonType: 3\n        TargetUserName|endswith: '$'\n    condition: sel\n`,
      kql: 'SecurityEvent\n| where EventID == 4625 and LogonType == 3 and TargetUserName endswith "$"',
    },
    {
      name: "SecurityEvent: a Data field that is no column is read from the EventData column's Data elements",
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4698\n        TaskContent|contains: '<Command>'\n        SubjectUserName: alice\n    condition: sel\n`,
      kql: [
        'SecurityEvent',
        '| where EventID == 4698',
        '| extend EventDataItems = parse_xml(EventData).EventData.Data',
        '| mv-apply EventField = iff(array_length(EventDataItems) >= 0, EventDataItems, pack_array(EventDataItems)) on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend TaskContent = tostring(EventFields.TaskContent)',
        '| where EventID == 4698 and TaskContent contains "<Command>" and SubjectUserName =~ "alice"',
      ].join('\n'),
    },
    {
      name: 'SecurityEvent: the event ids every path of the condition requires are tested before the XML is parsed',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    create:\n        EventID: 4698\n        TaskContent|contains: x\n    update:\n        EventID: 4702\n        TaskContentNew|contains: x\n    condition: create or update\n`,
      kql: [
        'SecurityEvent',
        '| where EventID in (4698, 4702)',
        '| extend EventDataItems = parse_xml(EventData).EventData.Data',
        '| mv-apply EventField = iff(array_length(EventDataItems) >= 0, EventDataItems, pack_array(EventDataItems)) on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend TaskContent = tostring(EventFields.TaskContent), TaskContentNew = tostring(EventFields.TaskContentNew)',
        '| where (EventID == 4698 and TaskContent contains "x") or (EventID == 4702 and TaskContentNew contains "x")',
      ].join('\n'),
    },
    {
      name: 'SecurityEvent: no event id filter first when a path of the condition does not require one',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4698\n    other:\n        TaskContent|contains: x\n    condition: sel or other\n`,
      kql: [
        'SecurityEvent',
        '| extend EventDataItems = parse_xml(EventData).EventData.Data',
        '| mv-apply EventField = iff(array_length(EventDataItems) >= 0, EventDataItems, pack_array(EventDataItems)) on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend TaskContent = tostring(EventFields.TaskContent)',
        '| where EventID == 4698 or TaskContent contains "x"',
      ].join('\n'),
    },
    {
      name: "Security events in WindowsEvent: the Security channel, Data fields from the dynamic EventData, Provider_Name is Provider",
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 1102\n        Provider_Name: Microsoft-Windows-Eventlog\n        SubjectUserName: mallory\n    condition: sel\n`,
      kql: [
        'WindowsEvent',
        '| where Channel == "Security"',
        '| extend SubjectUserName = tostring(EventData.SubjectUserName)',
        '| where EventID == 1102 and Provider =~ "Microsoft-Windows-Eventlog" and SubjectUserName =~ "mallory"',
      ].join('\n'),
    },
    {
      name: 'WindowsEvent: any Windows service is its channel; a spaced Defender data name is read by that name',
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: windefend\ndetection:\n    sel:\n        EventID: 1116\n        ThreatName|contains: Mimikatz\n        Path|endswith: '.exe'\n    condition: sel\n`,
      kql: [
        'WindowsEvent',
        '| where Channel == "Microsoft-Windows-Windows Defender/Operational"',
        '| extend ThreatName = tostring(EventData["Threat Name"]), Path = tostring(EventData.Path)',
        '| where EventID == 1116 and ThreatName contains "Mimikatz" and Path endswith ".exe"',
      ].join('\n'),
    },
    {
      name: 'WindowsEvent: a PowerShell category is its channel and event id',
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    category: ps_script\ndetection:\n    sel:\n        ScriptBlockText|contains: Invoke-Mimikatz\n    condition: sel\n`,
      kql: [
        'WindowsEvent',
        '| where Channel == "Microsoft-Windows-PowerShell/Operational" and EventID == 4104',
        '| extend ScriptBlockText = tostring(EventData.ScriptBlockText)',
        '| where ScriptBlockText contains "Invoke-Mimikatz"',
      ].join('\n'),
    },
    {
      name: "WindowsEvent: a missing key is null, not empty: null, '' and '*' read the key",
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: system\ndetection:\n    sel:\n        EventID: 7045\n        ImagePath: '*'\n        AccountName: ''\n        ServiceType: null\n    condition: sel\n`,
      kql: [
        'WindowsEvent',
        '| where Channel == "System"',
        '| extend ImagePath = tostring(EventData.ImagePath), AccountName = tostring(EventData.AccountName), ServiceType = tostring(EventData.ServiceType)',
        '| where EventID == 7045 and isnotnull(EventData.ImagePath) and (isnotnull(EventData.AccountName) and AccountName =~ "") and isnull(EventData.ServiceType)',
      ].join('\n'),
    },
    {
      name: "WindowsEvent: a rule's Provider is a Data field, its Provider_Name the column",
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: wmi\ndetection:\n    sel:\n        EventID: 5861\n        Provider_Name: Microsoft-Windows-WMI-Activity\n        Provider: SCM Event Provider\n    condition: sel\n`,
      kql: [
        'WindowsEvent',
        '| where Channel == "Microsoft-Windows-WMI-Activity/Operational"',
        '| extend EventData_Provider = tostring(EventData.Provider)',
        '| where EventID == 5861 and Provider =~ "Microsoft-Windows-WMI-Activity" and EventData_Provider =~ "SCM Event Provider"',
      ].join('\n'),
    },
    {
      name: 'WindowsEvent: unnamed Data elements are refused at the field',
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    category: ps_classic_start\ndetection:\n    sel:\n        Data|contains: HostName=ConsoleHost\n    condition: sel\n`,
      kql: 'ERROR pipeline/detection-item-failure: WindowsEvent: unnamed Data elements have no documented EventData form',
    },
    {
      name: 'WindowsEvent: a keyword with a backslash is refused (the event data is searched as JSON text)',
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: msexchange-management\ndetection:\n    sel:\n        - '\\\\localhost\\C$'\n    condition: sel\n`,
      kql: `ERROR backend/unsupported-value: a keyword with \\, " or a control character is escaped in WindowsEvent's JSON event data`,
    },
    {
      name: "SecurityEvent: a field of the System header that is no column is a located error",
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4625\n        Provider_Guid: x\n    condition: sel\n`,
      kql: "ERROR backend/unmapped-field: field 'Provider_Guid' has no column in SecurityEvent, and a field of the event's System header is not in its event data",
    },
    {
      name: "SecurityEvent: the header's provider is EventSourceName",
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 1102\n        Provider_Name: Microsoft-Windows-Eventlog\n    condition: sel\n`,
      kql: 'SecurityEvent\n| where EventID == 1102 and EventSourceName =~ "Microsoft-Windows-Eventlog"',
    },
    {
      name: 'Sysmon in Event: prefilter, XML parse, extracted columns',
      pipeline: 'sentinel_sysmon_event',
      yaml: processRule(`sel:\n    Image|endswith: '\\cmd.exe'\n    CurrentDirectory: 'C:\\Temp\\'\ncondition: sel`),
      kql: [
        'Event',
        '| where Source == "Microsoft-Windows-Sysmon" and EventID == 1',
        '| mv-apply EventField = parse_xml(EventData).DataItem.EventData.Data on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend Image = tostring(EventFields.Image), CurrentDirectory = tostring(EventFields.CurrentDirectory)',
        '| where Image endswith @"\\cmd.exe" and CurrentDirectory =~ @"C:\\Temp\\"',
      ].join('\n'),
    },
    {
      name: 'Sysmon in Event: network_connection is event 3; Computer is a column',
      pipeline: 'sentinel_sysmon_event',
      yaml: rule('network_connection', `sel:\n    DestinationPort: 4444\n    Computer: 'host1'\ncondition: sel`),
      kql: [
        'Event',
        '| where Source == "Microsoft-Windows-Sysmon" and EventID == 3',
        '| mv-apply EventField = parse_xml(EventData).DataItem.EventData.Data on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend DestinationPort = tostring(EventFields.DestinationPort)',
        '| where DestinationPort == "4444" and Computer =~ "host1"',
      ].join('\n'),
    },
    {
      name: 'Sysmon in Event: a field Sysmon does not write is an error',
      pipeline: 'sentinel_sysmon_event',
      yaml: processRule(`sel:\n    GrandParentImage|endswith: '\\x.exe'\ncondition: sel`),
      kql: "ERROR backend/unmapped-field: field 'GrandParentImage' has no column in Event or its Sysmon event data",
    },
    {
      name: 'Sysmon in WindowsEvent: fields read from dynamic EventData',
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: processRule(`sel:\n    Image|endswith: '\\cmd.exe'\n    Computer: 'host1'\ncondition: sel`),
      kql: [
        'WindowsEvent',
        '| where Provider == "Microsoft-Windows-Sysmon" and EventID == 1',
        '| extend Image = tostring(EventData.Image)',
        '| where Image endswith @"\\cmd.exe" and Computer =~ "host1"',
      ].join('\n'),
    },
    {
      name: 'ASIM imProcessCreate: the parent is the acting process',
      pipeline: 'sentinel_asim',
      yaml: processRule(`sel:\n    ParentImage|endswith: '\\winword.exe'\n    Image|endswith: '\\cmd.exe'\n    CurrentDirectory|contains: 'Temp'\ncondition: sel`),
      kql: 'imProcessCreate\n| where not(TargetProcessName startswith "/")\n| where ActingProcessName endswith @"\\winword.exe" and TargetProcessName endswith @"\\cmd.exe" and TargetProcessCurrentDirectory contains "Temp"',
    },
    {
      name: 'ASIM hashes keep IMPHASH (TargetProcessIMPHASH)',
      pipeline: 'sentinel_asim',
      yaml: processRule(`sel:\n    Hashes|contains: 'IMPHASH=0123456789ABCDEF0123456789ABCDEF'\ncondition: sel`),
      kql: 'imProcessCreate\n| where not(TargetProcessName startswith "/")\n| where TargetProcessIMPHASH =~ "0123456789ABCDEF0123456789ABCDEF"',
    },
    {
      name: 'ASIM network → imNetworkSession',
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    DestinationIp|cidr: '10.0.0.0/8'\n    DestinationPort: 445\ncondition: sel`),
      kql: 'imNetworkSession\n| where EventProduct =~ "Sysmon" and coalesce(ipv4_is_in_range(DstIpAddr, "10.0.0.0/8"), false) and DstPortNumber == 445',
    },
    {
      name: 'ASIM dns → imDns',
      pipeline: 'sentinel_asim',
      yaml: rule('dns_query', `sel:\n    QueryName|endswith: '.onion'\ncondition: sel`),
      kql: 'imDns\n| where EventProduct =~ "Sysmon" and DnsQuery endswith ".onion"',
    },
    {
      name: 'ASIM registry TargetObject = key\\value',
      pipeline: 'sentinel_asim',
      yaml: rule('registry_set', `sel:\n    TargetObject|contains: '\\CurrentVersion\\Run\\'\ncondition: sel`),
      kql: 'imRegistry\n| extend TargetObject = iff(isempty(RegistryValue), RegistryKey, strcat(RegistryKey, @"\\", RegistryValue))\n| where EventType =~ "RegistryValueSet" and TargetObject contains @"\\CurrentVersion\\Run\\"',
    },
    {
      name: 'ASIM file → imFileEvent, basename shortcut on TargetFilePath',
      pipeline: 'sentinel_asim',
      yaml: rule('file_event', `sel:\n    TargetFilename|endswith: '\\evil.dll'\ncondition: sel`),
      kql: 'imFileEvent\n| where not(TargetFilePath startswith "/")\n| where EventType =~ "FileCreated" and TargetFileName =~ "evil.dll"',
    },
    {
      name: 'Sysmon in Event: registry_event is events 12, 13 and 14',
      pipeline: 'sentinel_sysmon_event',
      yaml: rule('registry_event', `sel:\n    TargetObject|contains: '\\Run\\'\ncondition: sel`),
      kql: [
        'Event',
        '| where Source == "Microsoft-Windows-Sysmon" and EventID in (12, 13, 14)',
        '| mv-apply EventField = parse_xml(EventData).DataItem.EventData.Data on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend TargetObject = tostring(EventFields.TargetObject)',
        '| where TargetObject contains @"\\Run\\"',
      ].join('\n'),
    },
    {
      name: "Sysmon in WindowsEvent: wmi_event is 19, 20 and 21; a rule's own EventID narrows it",
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: rule('wmi_event', `sel:\n    EventID: 19\ncondition: sel`),
      kql: 'WindowsEvent\n| where Provider == "Microsoft-Windows-Sysmon" and EventID in (19, 20, 21)\n| where EventID == 19',
    },
    {
      name: 'SecurityEvent 4688: ProcessId is NewProcessId, ParentProcessId the creator, both hexadecimal text',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    ProcessId: 4\n    ParentProcessId: '1234'\ncondition: sel`),
      kql: 'SecurityEvent\n| where EventID == 4688 and NewProcessId =~ "0x4" and ProcessId =~ "0x4d2"',
    },
    {
      name: "SecurityEvent: a service rule's values are the log's own (no Sysmon number conversion)",
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4656\n        ProcessId: '0x4'\n        SubjectLogonId: '999'\n    condition: sel\n`,
      kql: 'SecurityEvent\n| where EventID == 4656 and ProcessId =~ "0x4" and SubjectLogonId =~ "999"',
    },
    {
      name: "SecurityEvent 1102: the Subject fields are read from the EventData column's UserData (ASIM's audit parser)",
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID:\n            - 1102\n            - 4624\n        SubjectUserName: mallory\n        SubjectLogonId: '0x3e7'\n    condition: sel\n`,
      kql: [
        'SecurityEvent',
        '| extend SubjectUserName_UserData = iff(EventID == 1102 and EventSourceName == "Microsoft-Windows-Eventlog", tostring(parse_xml(EventData).UserData.LogFileCleared.SubjectUserName), SubjectUserName), SubjectLogonId_UserData = iff(EventID == 1102 and EventSourceName == "Microsoft-Windows-Eventlog", tostring(parse_xml(EventData).UserData.LogFileCleared.SubjectLogonId), SubjectLogonId)',
        '| where EventID in (1102, 4624) and SubjectUserName_UserData =~ "mallory" and SubjectLogonId_UserData =~ "0x3e7"',
      ].join('\n'),
    },
    {
      name: 'SecurityEvent: without 1102 in the rule, the Subject fields are the columns',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4624\n        SubjectUserName: mallory\n    condition: sel\n`,
      kql: 'SecurityEvent\n| where EventID == 4624 and SubjectUserName =~ "mallory"',
    },
    {
      name: "ASIM registry: EventType values are ASIM's; the Sysmon event id is read off EventType, which every parser writes",
      pipeline: 'sentinel_asim',
      yaml: rule('registry_event', `sel:\n    EventType: SetValue\n    EventID: 13\ncondition: sel`),
      kql: [
        'imRegistry',
        '| extend EventID = case(EventType in ("RegistryKeyCreated", "RegistryKeyDeleted", "RegistryValueDeleted"), "12", EventType in ("RegistryValueSet"), "13", EventType in ("RegistryKeyRenamed"), "14", EventOriginalType)',
        '| where EventType =~ "RegistryValueSet" and EventID == "13"',
      ].join('\n'),
    },
    {
      name: "XDR registry_event: the Sysmon event id read off the ActionType (each has one)",
      pipeline: 'microsoft_xdr',
      yaml: rule('registry_event', `sel:\n    EventID: 12\ncondition: sel`),
      kql: [
        'DeviceRegistryEvents',
        '| extend EventID = case(ActionType in ("RegistryKeyCreated", "RegistryKeyDeleted", "RegistryValueDeleted"), "12", ActionType in ("RegistryValueSet"), "13", ActionType in ("RegistryKeyRenamed"), "14", "")',
        '| where EventID == "12"',
      ].join('\n'),
    },
    {
      name: "ASIM registry: Details is refused (the AMA branch of Microsoft's parser reads EventData.Parameter)",
      pipeline: 'sentinel_asim',
      yaml: rule('registry_set', `sel:\n    Details: 'DWORD (0x00000001)'\ncondition: sel`),
      kql: "ERROR pipeline/detection-item-failure: imRegistry has no value data for Sysmon collected by the Azure Monitor Agent: Microsoft's Sysmon parser fills RegistryValueData from EventData.Parameter (ASimRegistryEventMicrosoftSysmon.yaml:136, :164), which Sysmon never writes (its field is Details)",
    },
    {
      name: 'ASIM network: DestinationHostname is DstFQDN when the name has a dot (_ASIM_ResolveDstFQDN)',
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    DestinationHostname|endswith: '.example.com'\ncondition: sel`),
      kql: 'imNetworkSession\n| extend DestinationHostname = iff(isnotempty(DstFQDN), DstFQDN, DstHostname)\n| where EventProduct =~ "Sysmon" and DestinationHostname endswith ".example.com"',
    },
    {
      name: "ASIM file_delete is every FileDeleted row (Sysmon 23 and 26, pySigma-pipeline-sysmon's file_delete)",
      pipeline: 'sentinel_asim',
      yaml: rule('file_delete', `sel:\n    TargetFilename|endswith: '.log'\ncondition: sel`),
      kql: `imFileEvent\n| where not(TargetFilePath startswith "/")\n${FULL_PATH}\n| where EventType =~ "FileDeleted" and TargetFileFullPath endswith ".log"`,
    },
    {
      name: 'ASIM file_delete_detected is the FileDeleted rows of Sysmon 26 (EventOriginalType)',
      pipeline: 'sentinel_asim',
      yaml: rule('file_delete_detected', `sel:\n    TargetFilename|endswith: '.log'\ncondition: sel`),
      kql: `imFileEvent\n| where not(TargetFilePath startswith "/")\n${FULL_PATH}\n| where EventType =~ "FileDeleted" and EventOriginalType =~ "26" and TargetFileFullPath endswith ".log"`,
    },
    {
      name: 'Sysmon in Event: file_delete is events 23 and 26 (pySigma-pipeline-sysmon)',
      pipeline: 'sentinel_sysmon_event',
      yaml: rule('file_delete', `sel:\n    TargetFilename|endswith: '.log'\ncondition: sel`),
      kql: [
        'Event',
        '| where Source == "Microsoft-Windows-Sysmon" and EventID in (23, 26)',
        '| mv-apply EventField = parse_xml(EventData).DataItem.EventData.Data on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend TargetFilename = tostring(EventFields.TargetFilename)',
        '| where TargetFilename endswith ".log"',
      ].join('\n'),
    },
    {
      name: 'ASIM linux process: a field the Defender parser never sets is refused',
      pipeline: 'sentinel_asim',
      yaml: rule('process_creation', `sel:\n    CurrentDirectory|contains: '/tmp'\ncondition: sel`).replace('product: windows', 'product: linux'),
      kql: "ERROR pipeline/detection-item-failure: imProcessCreate cannot test CurrentDirectory for linux processes: they come from Microsoft's Defender for Endpoint parser (ASimProcessEventMicrosoft365D.yaml), which does not fill TargetProcessCurrentDirectory with it",
    },
    {
      name: "ASIM linux network: Defender's parser rows, the direction from its DirectionLookup",
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    DestinationHostname|endswith: '.localto.net'\n    Initiated: 'true'\n    DestinationPort: 4444\ncondition: sel`).replace('product: windows', 'product: linux'),
      kql: [
        'imNetworkSession',
        '| where DvcOs != "Windows"',
        '| extend DestinationHostname = iff(isnotempty(DstFQDN), DstFQDN, DstHostname)',
        '| where DestinationHostname endswith ".localto.net" and NetworkDirection =~ "Outbound" and DstPortNumber == 4444',
      ].join('\n'),
    },
    {
      name: 'ASIM macOS network: not initiated is inbound',
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    Initiated: false\n    SourceIp: '10.1.2.3'\ncondition: sel`).replace('product: windows', 'product: macos'),
      kql: 'imNetworkSession\n| where DvcOs != "Windows"\n| where NetworkDirection =~ "Inbound" and SrcIpAddr =~ "10.1.2.3"',
    },
    {
      name: "ASIM linux network: the process's path is refused (the Defender parser keeps its file name only)",
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    Image|endswith: '/bin/bash'\ncondition: sel`).replace('product: windows', 'product: linux'),
      kql: "ERROR pipeline/detection-item-failure: imNetworkSession has only the file name of a Linux or macOS connection's process: Microsoft's Defender network parser fills SrcProcessName and DstProcessName from InitiatingProcessFileName (ASimNetworkSessionMicrosoft365Defender.yaml:119, :167), not its path",
    },
    {
      name: "ASIM generic dns: Zeek's names as Microsoft's Corelight parser renames them",
      pipeline: 'sentinel_asim',
      yaml: rule('dns', `sel:\n    query|endswith: '.onion'\n    record_type: 'TXT'\ncondition: sel`).replace('    product: windows\n', ''),
      kql: `imDns\n${QUERY_TYPE_NAME}\n| where DnsQuery endswith ".onion" and QueryTypeName =~ "TXT"`,
    },
    {
      name: "ASIM zeek dns: the connection and the response code; the answers are refused",
      pipeline: 'sentinel_asim',
      yaml: rule('dns', `sel:\n    query: 'x.example'\n    id.resp_p: 53\n    rcode_name: 'NXDOMAIN'\nanswers:\n    answers|contains: '1.2.3.4'\ncondition: sel and not answers`)
        .replace('    category: dns\n    product: windows\n', '    product: zeek\n    service: dns\n'),
      kql: "ERROR pipeline/detection-item-failure: imDns keeps Zeek's answers inside a JSON text with their TTLs: Microsoft's Corelight parser sets DnsResponseName = tostring(pack('answers', answers, 'ttls', TTLs)) (ASimDnsCorelightZeek.yaml), which an answer's value cannot be told from",
    },
    {
      name: "ASIM zeek dns: a query type name the Corelight parser's lookup gives otherwise is refused",
      pipeline: 'sentinel_asim',
      yaml: rule('dns', `sel:\n    qtype_name: 'https'\ncondition: sel`).replace('    category: dns\n    product: windows\n', '    product: zeek\n    service: dns\n'),
      kql: "ERROR pipeline/detection-item-failure: Microsoft's Corelight parser names the query type from its own table (ASimDnsCorelightZeek.yaml), which gives this Zeek name another (HTTPS is TYPE65, query-54 Unassigned, * ANY)",
    },
    {
      name: "ASIM zeek dns: Zeek's literal * (type 255, the parser's ANY) is refused; a wildcard is any type",
      pipeline: 'sentinel_asim',
      yaml: rule('dns', `sel:\n    qtype_name: '\\*'\ncondition: sel`).replace('    category: dns\n    product: windows\n', '    product: zeek\n    service: dns\n'),
      kql: "ERROR pipeline/detection-item-failure: Microsoft's Corelight parser names the query type from its own table (ASimDnsCorelightZeek.yaml), which gives this Zeek name another (HTTPS is TYPE65, query-54 Unassigned, * ANY)",
    },
    {
      name: "ASIM zeek dns: NBSTAT and SRV are Zeek's names (an SRV query to 137/udp is NBSTAT), not the parser's lookup alone",
      pipeline: 'sentinel_asim',
      yaml: rule('dns', `nbstat:\n    qtype_name: 'NBSTAT'\nsrv:\n    qtype_name: 'SRV'\ncondition: nbstat or srv`).replace(
        '    category: dns\n    product: windows\n',
        '    product: zeek\n    service: dns\n',
      ),
      kql: `imDns\n${QUERY_TYPE_NAME}\n| where QueryTypeName in~ ("NBSTAT", "SRV")`,
    },
    {
      name: 'ASIM zeek dns: Zeek field names on imDns',
      pipeline: 'sentinel_asim',
      yaml: rule('dns', `sel:\n    query: 'x.example'\n    id.resp_p: 53\n    rcode_name: 'NXDOMAIN'\ncondition: sel`).replace('    category: dns\n    product: windows\n', '    product: zeek\n    service: dns\n'),
      kql: 'imDns\n| where DnsQuery =~ "x.example" and DstPortNumber == 53 and DnsResponseCodeName =~ "NXDOMAIN"',
    },
    {
      name: "ASIM linux file: the path without the name Defender's parser joins to it",
      pipeline: 'sentinel_asim',
      yaml: rule('file_event', `sel:\n    TargetFilename|startswith: '/etc/cron.d/'\n    Image|endswith: '/wget'\ncondition: sel`).replace('product: windows', 'product: linux'),
      kql: `imFileEvent\n| where not(TargetFilePath contains @"\\")\n${FULL_PATH}\n| where EventType =~ "FileCreated" and TargetFileFullPath startswith "/etc/cron.d/" and ActingProcessName endswith "/wget"`,
    },
    {
      name: "ASIM linux file: a /name suffix stays a path test (the name alone would match a Windows file of that name)",
      pipeline: 'sentinel_asim',
      yaml: rule('file_event', `sel:\n    TargetFilename|endswith: '/doas.conf'\ncondition: sel`).replace('product: windows', 'product: linux'),
      kql: `imFileEvent\n| where not(TargetFilePath contains @"\\")\n${FULL_PATH}\n| where EventType =~ "FileCreated" and TargetFileFullPath endswith "/doas.conf"`,
    },
    {
      name: "ASIM linux file: User is the account without the backslash Defender's file parser joins to an empty domain",
      pipeline: 'sentinel_asim',
      yaml: rule('file_event', `sel:\n    User: 'root'\ncondition: sel`).replace('product: windows', 'product: linux'),
      kql: [
        'imFileEvent',
        '| where not(TargetFilePath contains @"\\")',
        '| extend ActorUser = iff(EventProduct == "M365 Defender for Endpoint" and ActorUsername startswith @"\\", substring(ActorUsername, 1), ActorUsername)',
        '| where EventType =~ "FileCreated" and ActorUser =~ "root"',
      ].join('\n'),
    },
    {
      name: 'ASIM macOS network: User is the Src or Dst account (Defender copies it there, Sysmon for Linux renames it)',
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    User: 'root'\ncondition: sel`).replace('product: windows', 'product: macos'),
      kql: 'imNetworkSession\n| where DvcOs != "Windows"\n| extend ProcessUser = coalesce(SrcUsername, DstUsername)\n| where ProcessUser =~ "root"',
    },
    {
      name: "ASIM Windows file: Defender's rows through the same path field (Sysmon's rows read TargetFilePath as it is)",
      pipeline: 'sentinel_asim',
      yaml: rule('file_event', `sel:\n    TargetFilename|endswith: '\\WindowsApps\\Get-Variable.exe'\ncondition: sel`),
      kql: `imFileEvent\n| where not(TargetFilePath startswith "/")\n${FULL_PATH}\n| where EventType =~ "FileCreated" and TargetFileFullPath endswith @"\\WindowsApps\\Get-Variable.exe"`,
    },
    {
      name: "ASIM process: Microsoft's Sysmon parser mapping (GUID without braces); OriginalFileName where each parser leaves it",
      pipeline: 'sentinel_asim',
      yaml: processRule(`sel:\n    ProcessGuid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'\n    OriginalFileName: 'x.exe'\ncondition: sel`),
      kql: [
        'imProcessCreate',
        '| where not(TargetProcessName startswith "/")',
        '| extend OriginalFileName = iff(EventProduct == "Sysmon", TargetProcessFilename, coalesce(TargetProcessFileOriginalName, column_ifexists("ProcessVersionInfoOriginalFileName", "")))',
        '| where TargetProcessGuid =~ "5770385F-C22A-43E0-BF4C-06F5698FFBD9" and OriginalFileName =~ "x.exe"',
      ].join('\n'),
    },
    {
      name: 'ASIM process: LogonId in Sysmon\'s hexadecimal form whichever parser made the row, the creator\'s on a 4688 without a target',
      pipeline: 'sentinel_asim',
      yaml: processRule(`sel:\n    LogonId: '0x3e7'\ncondition: sel`),
      kql: [
        'imProcessCreate',
        '| where not(TargetProcessName startswith "/")',
        '| extend LogonId = iff(EventProduct == "Security Events" and TargetUserId == "S-1-0-0", ActorSessionId, iff(TargetUserSessionId matches regex @"^[0-9]+$", strcat("0x", tohex(tolong(TargetUserSessionId))), TargetUserSessionId))',
        '| where LogonId =~ "0x3e7"',
      ].join('\n'),
    },
    {
      name: 'ASIM network: the process is on the Dst side of outbound Sysmon connections',
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    Image|endswith: '\\x.exe'\n    Initiated: 'true'\ncondition: sel`),
      kql: [
        'imNetworkSession',
        '| extend Image = coalesce(SrcProcessName, DstProcessName), Initiated = iff(isnotempty(DstProcessName) or isnotempty(DstProcessId), "true", "false")',
        '| where EventProduct =~ "Sysmon" and Image endswith @"\\x.exe" and Initiated =~ "true"',
      ].join('\n'),
    },
    {
      name: "XDR file_delete is Defender's FileDeleted (Sysmon 23 and 26 alike, as Sigma's file_delete is)",
      pipeline: 'microsoft_xdr',
      yaml: rule('file_delete', `sel:\n    TargetFilename|endswith: '.log'\ncondition: sel`),
      kql: `DeviceFileEvents\n| where not(FolderPath startswith "/")\n| extend TargetFilename = ${XDR_FILE_PATH}\n| where ActionType =~ "FileDeleted" and TargetFilename endswith ".log"`,
    },
    {
      name: "XDR file_rename: SourceFilename is the old path, PreviousFolderPath and PreviousFileName joined as Microsoft's Defender parser does unless the folder column already ends with the name",
      pipeline: 'microsoft_xdr',
      yaml: rule('file_rename', `sel:\n    SourceFilename|contains: '\\SquirrelTemp\\temp'\n    TargetFilename|endswith: '.dll'\ncondition: sel`),
      kql: [
        'DeviceFileEvents',
        '| where not(FolderPath startswith "/")',
        `| extend SourceFilename = ${XDR_FILE_PATH.replace(/FolderPath|FileName/g, 'Previous$&')}, TargetFilename = ${XDR_FILE_PATH}`,
        '| where ActionType =~ "FileRenamed" and SourceFilename contains @"\\SquirrelTemp\\temp" and TargetFilename endswith ".dll"',
      ].join('\n'),
    },
    {
      name: 'XDR image_load, driver_load and create_remote_thread paths: FolderPath and FileName under both readings, the name test where the suffix is a whole name',
      pipeline: 'microsoft_xdr',
      yaml: rule('image_load', `sel:\n    ImageLoaded|contains: '\\Temp\\'\nname:\n    ImageLoaded|endswith: '\\evil.dll'\ncondition: sel or name`),
      kql: `DeviceImageLoadEvents\n| extend ImageLoaded = ${XDR_FILE_PATH}\n| where ImageLoaded contains @"\\Temp\\" or FileName =~ "evil.dll"`,
    },
    {
      name: 'XDR DeviceEvents paths: no name shortcut (FolderPath is empty for many ActionTypes)',
      pipeline: 'microsoft_xdr',
      yaml: rule('create_remote_thread', `sel:\n    TargetImage|endswith: '\\lsass.exe'\ncondition: sel`),
      kql: `DeviceEvents\n| extend TargetImage = ${XDR_FILE_PATH}\n| where ActionType =~ "CreateRemoteThreadApiCall" and TargetImage endswith @"\\lsass.exe"`,
    },
    {
      name: 'a logsource no pipeline covers is a located error',
      pipeline: 'microsoft_xdr',
      yaml: rule('ps_script', `sel:\n    ScriptBlockText|contains: 'x'\ncondition: sel`),
      kql: 'ERROR backend/unsupported-feature: no KQL table for logsource (category: ps_script, product: windows)',
    },
  ];
  it.each(rows(table))('%s', (_, r) => expect(query(r)).toBe(r.kql));

  it('the table option overrides the pipeline', () => {
    const res = convert(processRule(`sel:\n    CommandLine: 'x'\ncondition: sel`), { options: { table: 'DeviceEvents' } });
    // The pipeline's Windows scope stays (DeviceEvents has FolderPath too).
    expect(res.rules[0]!.queries[0]).toBe('DeviceEvents\n| where not(FolderPath startswith "/")\n| where ProcessCommandLine =~ "x"');
  });

  it('errors are located at the offending value', () => {
    const res = convert(processRule(`sel:\n    CurrentDirectory: 'x'\ncondition: sel`));
    const d = res.diagnostics.find((x) => x.code === 'backend/unmapped-field')!;
    expect([d.file, d.line, d.column, d.rule]).toEqual(['test.yml', 9, 27, '11111111-2222-3333-4444-555555555555']);
  });
});
