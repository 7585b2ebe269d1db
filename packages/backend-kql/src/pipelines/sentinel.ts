// Microsoft Sentinel / Log Analytics sources: SecurityEvent 4688, Sysmon in the Event table, ASIM parsers.
import { SYSMON_CATEGORY_EVENT_IDS, WINDOWS_CATEGORY_EVENTS, WINDOWS_SERVICE_CHANNELS, windowsServiceChannels } from '@sigmats/core';
import { INTEGRITY_SIDS, REGISTRY_EVENT_TYPES, SYSMON_HIVES, sysmonToAsim } from '../knowledge.js';
import { categoryItems, eventIdTest, hiveItems, logsource, serviceItems, SOURCE_OVERRIDE, STATE, systemScopeItems, windowsLogMapping, type CategoryMapping, type ServiceMapping } from './build.js';
import { ASimProcessEventMicrosoft365D } from '../generated/asim-fields.js';
import { LOG_FILE_CLEARED_FIELDS } from '../tables/sentinel.js';

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
      // Microsoft's ASIM parsers read 4688's TargetAccount and Sysmon's User into TargetUsername, and SubjectAccount
      // and Sysmon's ParentUser into ActorUsername (ASimProcessCreateMicrosoftSecurityEvents.yaml:66, :70;
      // ASimProcessCreateMicrosoftSysmon.yaml:65, :85; assumption securityevent-4688-user).
      // Computed columns of SecurityEvent (tables/sentinel.ts): the Target account, or the Subject when Windows
      // writes '-' because the process runs as its creator; LocalSystem as Sysmon names it.
      User: 'NewProcessUserName',
      ParentUser: 'CreatorUserName',
      // In 4688 ProcessId is the creator and NewProcessId the new process, both hexadecimal text
      // (ASimProcessCreateMicrosoftSecurityEvents.yaml: ActingProcessId <- ProcessId, TargetProcessId <- NewProcessId).
      ProcessId: 'NewProcessId',
      ParentProcessId: 'ProcessId',
      // The new process's logon session (ASIM's 4688 parser: TargetUserSessionId <- TargetLogonId), hexadecimal text.
      LogonId: 'NewProcessLogonId',
      IntegrityLevel: 'MandatoryLabel',
      Computer: 'Computer',
    },
  },
];

/** The items that read a Windows Security log rule (`service: security`) from SecurityEvent (sentinel_windows's too). */
export const SECURITY_SERVICE_ITEMS: object[] = [
  // Security 1102 keeps its Subject fields in the EventData column's UserData element (tables/sentinel.ts).
  {
    id: 'securityevent_1102_user_data',
    type: 'field_name_mapping',
    mapping: Object.fromEntries(LOG_FILE_CLEARED_FIELDS.map((f) => [f, `${f}_UserData`])),
    rule_conditions: [
      { type: 'logsource', product: 'windows', service: 'security' },
      { type: 'contains_detection_item', field: 'EventID', value: 1102 },
    ],
  },
  // Every other Windows Security log rule reads SecurityEvent, whose columns carry the event's own field names
  // (EventID, TargetUserName, IpAddress, LogonType, …): no renaming. A Data field that is no column (TaskContent,
  // Application, AccessList, …) is read from the EventData column, which holds the event's Data elements:
  // Microsoft's ASIM parsers read 4698's TaskContent and 5136's AttributeValue there with a `<Data Name="(\w+)">`
  // regex (ASimAuditEventMicrosoftSecurityEvents.yaml:83-99), and 5156's Application and DestPort with `parse
  // EventData with * '<Data Name="ProcessID">' … '\x0d\x0a  <Data Name="Application">' …`
  // (ASimNetworkSessionMicrosoftSecurityEventFirewall.yaml:108-120). A field of the System header that is no column
  // is an unmapped-field error; the header's provider is the column EventSourceName (the ASIM audit parser tests
  // 1102's provider as `EventSourceName == "Microsoft-Windows-Eventlog"`, :105).
  ...serviceItems('securityevent_service', 'security', {
    product: 'windows',
    table: 'SecurityEvent',
    state: { [STATE.eventDataXml]: 'EventData', [STATE.eventDataXmlPath]: 'EventData.Data', [STATE.eventDataFields]: 'windows' },
    fields: { Provider_Name: 'EventSourceName' },
  }),
];

export const SECURITY_EVENT_PIPELINE = {
  name: 'sentinel_securityevent',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [
    SOURCE_OVERRIDE,
    {
      id: 'securityevent_integrity_sid',
      type: 'map_string',
      mapping: INTEGRITY_SIDS,
      field_name_conditions: [{ type: 'include_fields', fields: ['IntegrityLevel'] }],
    },
    ...SECURITY_EVENT_MAPPINGS.flatMap((m) => categoryItems('securityevent', m, [])),
    ...SECURITY_SERVICE_ITEMS,
  ],
};

/**
 * Sysmon event ids per Sigma category (Sigma taxonomy appendix): a category covers every event id of its kind
 * (registry_event 12/13/14, pipe_created 17/18, wmi_event 19/20/21), as Microsoft's Sysmon registry parser reads 12,
 * 13 and 14 together. file_delete is events 23 and 26, as SigmaHQ's pySigma-pipeline-sysmon maps it
 * (sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b: `"file_delete": [23,26]`): 26 is a deletion Sysmon logged
 * without archiving the file, still a deletion; file_delete_detected, which a rule may name on its own, is 26 alone.
 */
const SYSMON_EVENT_IDS = SYSMON_CATEGORY_EVENT_IDS;

/**
 * Sysmon collected by the legacy agent into `Event`: filter on source and event id first (cheap), then parse the
 * EventData XML; Sysmon field names stay as they are, since they become the extracted columns.
 */
export const SYSMON_EVENT_MAPPINGS: readonly CategoryMapping[] = Object.entries(SYSMON_EVENT_IDS).map(([category, id]) => ({
  categories: [category],
  product: 'windows',
  table: 'Event',
  // EventID stays: it is a column of Event (a rule's own EventID test narrows a category of several ids).
  state: {
    [STATE.prefilter]: `Source == "Microsoft-Windows-Sysmon" and ${eventIdTest(id)}`,
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
  state: {
    [STATE.prefilter]: `Provider == "Microsoft-Windows-Sysmon" and ${eventIdTest(id)}`,
    [STATE.eventDataDynamic]: 'EventData',
    [STATE.eventDataFields]: 'sysmon',
  },
  fields: {},
}));

/**
 * Windows events forwarded into `WindowsEvent` (the Windows Forwarded Events connector), read as Microsoft's parsers
 * read them: each Data field a key of the dynamic EventData, UserData children too (`tostring(EventData.SubjectUserName)`
 * for Security 1102, 4698, … and the System channel's service events 7035-7045, ASimAuditEventMicrosoftWindowsEvents.yaml:28,
 * :101-120; 4688's `EventData.SubjectUserName`, ASimProcessCreateMicrosoftWindowsEvents.yaml:50-76; the firewall's
 * `EventData.Application`, ASimNetworkSessionMicrosoftWindowsEventFirewall.yaml:146-163). The header's provider is the
 * column Provider, its channel the column Channel, "the channel to which the event was logged" (the table's
 * documentation, azure-monitor-ref tables/includes/windowsevent-include.md; Sigma's Provider_Name is that column,
 * tables/sentinel.ts, and a rule's Provider a Data field): a Sigma service is its channels, a
 * PowerShell category its channel and event id. A data name Windows writes with spaces (Defender's `Threat Name`) is
 * read by that name (STATE.eventDataChannel).
 *
 * Two reads have no source and are refused at the field: `Data`, a classic source's unnamed Data elements (classic
 * PowerShell's 400/600/800, many Application sources), whose form in EventData no document gives; and `Channel` in a
 * rule whose source fixes the channel, which means a Channel inside the event (System 104's UserData
 * LogFileCleared/Channel, the cleared log), not the column.
 */
function windowsEventMapping(channels: readonly string[], eventIds?: readonly number[]): ServiceMapping {
  return windowsLogMapping('WindowsEvent', 'Channel', { [STATE.eventDataDynamic]: 'EventData' }, channels, eventIds, {
    fields: {},
    unanswerable: {
      Data: 'WindowsEvent: unnamed Data elements have no documented EventData form',
      ...(eventIds ? {} : { Channel: 'WindowsEvent: an in-event Channel (System 104) has no documented EventData key' }),
    },
  });
}

const WINDOWS_EVENT_ITEMS = [
  ...Object.keys(WINDOWS_SERVICE_CHANNELS).flatMap((service) => serviceItems('windowsevent_service', service, windowsEventMapping(windowsServiceChannels(service)!))),
  ...Object.entries(WINDOWS_CATEGORY_EVENTS).flatMap(([category, { channel, ids }]) =>
    categoryItems('windowsevent', { categories: [category], ...windowsEventMapping([channel], ids) }, []),
  ),
];

export const SYSMON_WINDOWS_EVENT_PIPELINE = {
  name: 'sentinel_sysmon_windowsevent',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [SOURCE_OVERRIDE, ...SYSMON_WINDOWS_EVENT_MAPPINGS.flatMap((m) => categoryItems('sysmon_windowsevent', m, [])), ...WINDOWS_EVENT_ITEMS],
};

export const SYSMON_EVENT_PIPELINE = {
  name: 'sentinel_sysmon_event',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [SOURCE_OVERRIDE, ...SYSMON_EVENT_MAPPINGS.flatMap((m) => categoryItems('sysmon_event', m, []))],
};

const ASIM_FILE_FIELDS: CategoryMapping['fields'] = {
  ...sysmonToAsim('imFileEvent'),
  // The Sysmon parser's TargetFilePath on its rows; on the rows of Microsoft's Defender file parser, which the view
  // unions too (ASimFileEvent.yaml:47) and which reads Windows devices as well (DvcOs "Windows" and a \ join,
  // ASimFileEventMicrosoft365D.yaml:89, :108), the path without a repeated name (TargetFileFullPath, tables/asim.ts).
  TargetFilename: 'TargetFileFullPath',
  // The parser renames Sysmon's User to ActorUsername; file events have no command line in Sysmon, the
  // Defender parser fills ActingProcessCommandLine.
  User: 'ActorUsername',
  CommandLine: 'ActingProcessCommandLine',
};

/**
 * Registry value data and a renamed key's new name: Microsoft's Sysmon registry parser reads both from
 * EventData.Parameter in its WindowsEvent (Azure Monitor Agent) branch (ASimRegistryEventMicrosoftSysmon.yaml:136;
 * RegistryValueData :164, the renamed key parsed from it :146 into RegistryKey :160), a name Sysmon never writes (its fields are Details and NewName), so
 * both are empty for Sysmon collected by the Azure Monitor Agent, the agent Microsoft supports (assumption
 * asim-deployment of the truth records). A rule that tests them cannot be answered from imRegistry.
 */
const ASIM_REGISTRY_UNANSWERABLE: Readonly<Record<string, string>> = {
  Details:
    "imRegistry has no value data for Sysmon collected by the Azure Monitor Agent: Microsoft's Sysmon parser fills RegistryValueData from EventData.Parameter (ASimRegistryEventMicrosoftSysmon.yaml:136, :164), which Sysmon never writes (its field is Details)",
  NewName:
    "imRegistry has no renamed key for Sysmon collected by the Azure Monitor Agent: Microsoft's Sysmon parser reads it from EventData.Parameter (ASimRegistryEventMicrosoftSysmon.yaml:136), which Sysmon never writes (its field is NewName)",
};

/** imProcessCreate as Microsoft's Sysmon parser fills it (what the Linux and macOS refusals below are checked against). */
const ASIM_PROCESS_FIELDS: Readonly<Record<string, string | readonly string[]>> = {
  ...sysmonToAsim('imProcessCreate'),
  // Sysmon's ParentUser is the acting user (the parser renames it to ActorUsername).
  ParentUser: 'ActorUsername',
};

/**
 * ASIM: each view's mapping is Microsoft's own Sysmon parser for it (generated SYSMON_TO_ASIM: Image →
 * TargetProcessName, OriginalFileName → TargetProcessFilename, …), plus entries of ours, each with its reason.
 */
export const ASIM_MAPPINGS: readonly CategoryMapping[] = [
  {
    categories: ['process_creation'],
    table: 'imProcessCreate',
    drop: ['EventID'],
    fields: {
      ...ASIM_PROCESS_FIELDS,
      // The version information is read where each parser leaves it: computed columns of imProcessCreate (tables/asim.ts).
      OriginalFileName: 'OriginalFileName',
      Company: 'Company',
      Description: 'Description',
      Product: 'Product',
      // Sysmon's hexadecimal form whichever parser made the row (tables/asim.ts).
      LogonId: 'LogonId',
      // The accounts as Sysmon names them whichever parser made the row (tables/asim.ts).
      User: 'SysmonUser',
      ParentUser: 'SysmonParentUser',
    },
  },
  {
    // The rows of Microsoft's Sysmon parser only (EventProduct 'Sysmon', ASimNetworkSessionMicrosoftSysmon.yaml:139):
    // the view's other Windows parsers put a connection's process on the other side (Defender: Src for outbound rows,
    // ASimNetworkSessionMicrosoft365Defender.yaml:88-119, by file name only, :119; the Windows Firewall alike), so
    // Image and Initiated as computed here would misread them (assumption asim-windows-sysmon-rows).
    categories: ['network_connection'],
    product: 'windows',
    table: 'imNetworkSession',
    drop: ['EventID'],
    conditions: { EventProduct: 'Sysmon' },
    fields: {
      ...sysmonToAsim('imNetworkSession'),
      Protocol: 'NetworkProtocol',
      // The parser's DstHostname is then split by _ASIM_ResolveDstFQDN (ASimNetworkSessionMicrosoftSysmon.yaml:160):
      // the name Sysmon wrote is DstFQDN when it has a dot. DestinationHostname is a computed column (tables/asim.ts).
      DestinationHostname: 'DestinationHostname',
      // Image, User, ProcessId, ProcessGuid and Initiated are computed columns of imNetworkSession (tables/asim.ts).
    },
    unanswerable: {
      SourceHostname:
        "imNetworkSession has no SourceHostname for Sysmon collected by the Azure Monitor Agent: Microsoft's Sysmon parser reads EventData.SrcHostname there (ASimNetworkSessionMicrosoftSysmon.yaml:73), a name Sysmon does not write, so SrcHostname is empty",
    },
  },
  {
    // Sysmon's process-level DNS events (EventProduct 'Sysmon', ASimDnsMicrosoftSysmon.yaml:109): the view's other
    // sources (DNS servers, firewalls) name no process, so a rule's process filters would not exclude their rows.
    categories: ['dns_query'],
    product: 'windows',
    table: 'imDns',
    drop: ['EventID'],
    conditions: { EventProduct: 'Sysmon' },
    fields: sysmonToAsim('imDns'),
  },
  ...(
    [
      // The parser reads Sysmon 11, 23 and 26 only (ASimFileEventMicrosoftSysmon.yaml:29, :59) and types them by
      // EventType = iff(EventID == 11, 'FileCreated', 'FileDeleted') (:83): the category is that EventType.
      // The parser types Sysmon 23 and 26 both FileDeleted, which is Sigma's file_delete (pySigma-pipeline-sysmon,
      // sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b: `"file_delete": [23,26]`); it keeps the event id as
      // EventOriginalType (:95), which singles out 26 for file_delete_detected.
      ['file_event', { EventType: 'FileCreated' }, undefined],
      ['file_delete', { EventType: 'FileDeleted' }, undefined],
      ['file_delete_detected', { EventType: 'FileDeleted', EventOriginalType: '26' }, undefined],
    ] as const
  ).map(
    ([category, conditions, excluded]): CategoryMapping => ({
      categories: [category],
      product: 'windows',
      table: 'imFileEvent',
      drop: ['EventID'],
      conditions,
      ...(excluded ? { excluded } : {}),
      fields: ASIM_FILE_FIELDS,
      unanswerable: {
        CommandLine:
          "imFileEvent has no process command line for Sysmon file events: Microsoft's Sysmon file parser sets no ActingProcessCommandLine (ASimFileEventMicrosoftSysmon.yaml; Sysmon writes none in events 11, 23 and 26)",
      },
    }),
  ),
  {
    categories: ['file_change', 'file_rename', 'file_access'],
    product: 'windows',
    table: 'imFileEvent',
    refuse:
      "imFileEvent has no such events from Sysmon: Microsoft's Sysmon file parser reads event ids 11, 23 and 26 only (ASimFileEventMicrosoftSysmon.yaml:29, :59), and Sysmon records no file reads or renames",
    fields: {},
  },
  ...(
    [
      // Each Sysmon registry category is the ASIM EventType its Sysmon EventType becomes (the parser's RegistryAction
      // lookup, generated REGISTRY_EVENT_TYPES): the view holds every registry event of every source.
      ['registry_add', { EventType: REGISTRY_EVENT_TYPES['CreateKey']! }],
      ['registry_delete', { EventType: [REGISTRY_EVENT_TYPES['DeleteKey']!, REGISTRY_EVENT_TYPES['DeleteValue']!] }],
      ['registry_set', { EventType: REGISTRY_EVENT_TYPES['SetValue']! }],
      ['registry_rename', { EventType: REGISTRY_EVENT_TYPES['RenameKey']! }],
      ['registry_event', undefined],
    ] as const
  ).map(
    ([category, conditions]): CategoryMapping => ({
      categories: [category],
      product: 'windows',
      table: 'imRegistry',
      ...(conditions ? { conditions } : {}),
      fields: {
        ...sysmonToAsim('imRegistry'),
        Computer: 'DvcHostname',
        // ASIM's EventType holds the normalized values (asim_registry_event_types converts Sysmon's); the parser
        // keeps Sysmon's own value in EventOriginalSubType, which Defender rows lack.
        EventType: 'EventType',
        // The Sysmon event id of any parser's row, from its EventType (tables/asim.ts): the Sysmon parser keeps it as
        // EventOriginalType (ASimRegistryEventMicrosoftSysmon.yaml:66, :127), Defender's rows have none.
        EventID: 'EventID',
      },
      unanswerable: ASIM_REGISTRY_UNANSWERABLE,
    }),
  ),
];

/**
 * Linux and macOS processes reach imProcessCreate through Microsoft's Defender for Endpoint parser
 * (ASimProcessEventMicrosoft365D.yaml) and its Sysmon for Linux parser (ASimProcessEventCreate.yaml:36, :39; the
 * Windows Sysmon parsers read Windows events): a Sigma field whose ASIM column the Defender parser never assigns
 * (generated asim-fields.ts, from ASIM_ASSIGNMENTS) is always empty on its rows, so a test of it cannot be answered.
 */
function posixProcessItems(): Record<string, unknown>[] {
  const assigned = new Set(ASimProcessEventMicrosoft365D);
  const fields = Object.entries(ASIM_PROCESS_FIELDS)
    .filter(([, col]) => [col].flat().every((c) => !assigned.has(c)))
    .map(([f]) => f);
  // That parser fills TargetProcessFilename from FileName, the name on disk (ASimProcessEventMicrosoft365D.yaml:66),
  // not the version-info OriginalFileName the Sysmon parser reads into it.
  fields.push('OriginalFileName');
  return ['linux', 'macos'].flatMap((product) =>
    fields.map((field) => ({
      id: `asim_${product}_process_unassigned_${field.toLowerCase()}`,
      type: 'detection_item_failure',
      message: `imProcessCreate cannot test ${field} for ${product} processes: they come from Microsoft's Defender for Endpoint parser (ASimProcessEventMicrosoft365D.yaml), which does not fill ${String(ASIM_PROCESS_FIELDS[field])} with it`,
      field_name_conditions: [{ type: 'include_fields', fields: [field] }],
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product }],
    })),
  );
}

/**
 * Linux and macOS connections and file events reach imNetworkSession and imFileEvent through two kinds of parser:
 * Microsoft's Defender for Endpoint parsers (ASimNetworkSession.yaml:60 and ASimFileEvent.yaml:47 union
 * ASimNetworkSessionMicrosoft365Defender and ASimFileEventMicrosoft365D) and its Sysmon for Linux parsers over Syslog
 * (ASimNetworkSession.yaml:59 ASimNetworkSessionLinuxSysmon, ASimFileEvent.yaml:44-45 ASimFileEventLinuxSysmonFileCreated
 * and …FileDeleted; Azure/Azure-Sentinel Parsers/ASimNetworkSession/Parsers/ASimNetworkSessionMicrosoftLinuxSysmon.yaml
 * @ c3b99ac4 and Parsers/ASimFileEvent/Parsers/ASimFileEventLinuxSysmonFileCreated.yaml @ f5af74b2, not in the vendor
 * snapshot). The Windows Sysmon parsers read Windows events only. These mappings read the columns both kinds fill:
 * the Sysmon for Linux network parser keeps SourceIp/DestinationIp and the ports as its Src and Dst columns (no swap),
 * DestinationHostname as DstHostname (no FQDN split), the process id and User on the Src side of outbound rows and
 * the Dst side of inbound ones (User renamed, no User column), and sets NetworkDirection from whether SourceIp is the
 * Syslog row's HostIP or a loopback address, not from Sysmon's Initiated, which it projects away (assumption
 * asim-linux-sysmon-direction); its file parser keeps TargetFilename as TargetFilePath, Image as ActingProcessName and
 * User as ActorUsername.
 */
export const ASIM_POSIX_MAPPINGS: readonly CategoryMapping[] = ['linux', 'macos'].flatMap((product): CategoryMapping[] => [
  {
    categories: ['network_connection'],
    product,
    table: 'imNetworkSession',
    drop: ['EventID'],
    fields: {
      // Outbound rows: DstIpAddr = RemoteIP, SrcIpAddr = LocalIP and the ports alike; inbound rows the reverse
      // (ASimNetworkSessionMicrosoft365Defender.yaml:90-94, :140-144): the destination is the destination either way.
      DestinationIp: 'DstIpAddr',
      DestinationPort: 'DstPortNumber',
      SourceIp: 'SrcIpAddr',
      SourcePort: 'SrcPortNumber',
      // The remote name, without its scheme (:58), is split into UrlHostname and UrlFQDN (:74-76), the destination's on
      // outbound rows (:105-108): DestinationHostname (tables/asim.ts) is the FQDN, or the name when it has no dot.
      DestinationHostname: 'DestinationHostname',
      // The DirectionLookup's NetworkDirection (:25-32): Outbound for the connections the device opened. Values were
      // turned into directions by asim_posix_network_initiated.
      Initiated: 'NetworkDirection',
      // case(Protocol startswith "Tcp", "TCP", …, toupper(Protocol)) (:64-68).
      Protocol: 'NetworkProtocol',
      // Defender: User = the acting account, domain\name when there is a domain (:60), copied to SrcUsername or
      // DstUsername (:100, :150); Sysmon for Linux renames its User to them. ProcessUser (tables/asim.ts) reads both.
      User: 'ProcessUser',
      // The acting process's id, on the Src side of outbound rows and the Dst side of inbound ones (:116, :164).
      ProcessId: 'ProcessId',
    },
    unanswerable: {
      Image:
        "imNetworkSession has only the file name of a Linux or macOS connection's process: Microsoft's Defender network parser fills SrcProcessName and DstProcessName from InitiatingProcessFileName (ASimNetworkSessionMicrosoft365Defender.yaml:119, :167), not its path",
    },
  },
  {
    categories: ['file_event'],
    product,
    table: 'imFileEvent',
    drop: ['EventID'],
    // EventType = ActionType (ASimFileEventMicrosoft365D.yaml:73): Defender's FileCreated, as on Windows.
    conditions: { EventType: 'FileCreated' },
    fields: {
      // TargetFilePath = strcat(FolderPath, "/", FileName) (:108): TargetFileFullPath (tables/asim.ts) is the file's path
      // whether FolderPath is the folder or the full path; on Sysmon for Linux rows, TargetFilePath as it is.
      TargetFilename: 'TargetFileFullPath',
      Image: 'ActingProcessName',
      CommandLine: 'ActingProcessCommandLine',
      // ActorUsername is "\root" on Defender's rows of an account without a domain (:63, :104): ActorUser
      // (tables/asim.ts) is the account as its process and network parsers write it.
      User: 'ActorUser',
    },
  },
]);

/**
 * DNS logs: Zeek's dns.log (`product: zeek, service: dns`) and Sigma's generic `category: dns`, whose names are Zeek's,
 * on imDns, which unions Microsoft's Corelight Zeek parser (ASimDns.yaml:48; Azure/Azure-Sentinel
 * Parsers/ASimDns/Parsers/ASimDnsCorelightZeek.yaml @ 2d6149a6). That parser renames query to DnsQuery, the
 * connection's id.orig_h/id.orig_p/id.resp_h/id.resp_p to SrcIpAddr/SrcPortNumber/DstIpAddr/DstPortNumber, proto to
 * NetworkProtocol, rcode to DnsResponseCode, rcode_name to EventResultDetails (DnsResponseCodeName its alias), qtype to
 * DnsQueryType and uid to EventOriginalUid; DnsQueryTypeName is its own lookup of qtype (1 "A", 2 "NS", …), the names
 * Zeek writes for most types (DNS_QTYPE_ITEMS refuses the others), but for Zeek's NBSTAT: Zeek names an SRV query
 * (type 33) to 137/udp "NBSTAT" (zeek/zeek scripts/base/protocols/dns/main.zeek, event dns_request: `if ( c$id$resp_p
 * == 137/udp ) … if ( c$dns$qtype_name == "SRV" ) c$dns$qtype_name = "NBSTAT"`), where the parser's lookup says "SRV"
 * (ASimDnsCorelightZeek.yaml:58 `33, "SRV"`; it has no NBSTAT). QueryTypeName (tables/asim.ts) is Zeek's name on those
 * rows, so that NBSTAT and SRV are each tested exactly.
 */
const DNS_ANSWERS =
  "imDns keeps Zeek's answers inside a JSON text with their TTLs: Microsoft's Corelight parser sets DnsResponseName = tostring(pack('answers', answers, 'ttls', TTLs)) (ASimDnsCorelightZeek.yaml), which an answer's value cannot be told from";
export const ASIM_DNS_MAPPINGS: readonly CategoryMapping[] = [
  {
    categories: ['dns'],
    table: 'imDns',
    fields: { query: 'DnsQuery', record_type: 'QueryTypeName', src_ip: 'SrcIpAddr', dst_ip: 'DstIpAddr' },
    unanswerable: { answer: DNS_ANSWERS },
  },
];
export const ZEEK_DNS_MAPPING: ServiceMapping = {
  product: 'zeek',
  table: 'imDns',
  fields: {
    query: 'DnsQuery',
    qtype: 'DnsQueryType',
    qtype_name: 'QueryTypeName',
    rcode: 'DnsResponseCode',
    rcode_name: 'DnsResponseCodeName',
    'id.orig_h': 'SrcIpAddr',
    'id.orig_p': 'SrcPortNumber',
    'id.resp_h': 'DstIpAddr',
    'id.resp_p': 'DstPortNumber',
    proto: 'NetworkProtocol',
    uid: 'EventOriginalUid',
  },
  unanswerable: {
    answers: DNS_ANSWERS,
    TTLs: DNS_ANSWERS,
  },
};

/**
 * A query type name Zeek writes (its `query_types`, zeek/zeek scripts/base/protocols/dns/consts.zeek @ 07804232) that
 * the Corelight parser's lookup of qtype names otherwise ("TYPE65" for Zeek's HTTPS, "Unassigned" for its query-54,
 * "ANY" for its `*`: consts.zeek `[255] = "*"`, ASimDnsCorelightZeek.yaml:105 `255, "ANY"`): DnsQueryTypeName never
 * holds it. A literal `\*` is that `*` (an unescaped `*` is Sigma's wildcard, any type); a test of ANY is left to match
 * type 255, the parser's name for it.
 */
const DNS_QTYPE_ITEMS = [
  {
    id: 'asim_dns_qtype_unnamed',
    type: 'detection_item_failure',
    message: "Microsoft's Corelight parser names the query type from its own table (ASimDnsCorelightZeek.yaml), which gives this Zeek name another (HTTPS is TYPE65, query-54 Unassigned, * ANY)",
    field_name_conditions: [{ type: 'include_fields', fields: ['qtype_name', 'record_type'] }],
    detection_item_conditions: [{ type: 'match_string', pattern: '(?i)^(ZONEMD|SVCB|HTTPS|WINS|WINS-R|XPF|INTEGRITY|query-[0-9]+|\\\\\\*)$', cond: 'any' }],
    rule_conditions: [{ type: 'logsource', category: 'dns' }, { type: 'logsource', product: 'zeek', service: 'dns' }],
    rule_cond_op: 'or',
  },
];

/** Sigma's network Initiated as the Defender network parser's NetworkDirection (its DirectionLookup, :25-32). */
const POSIX_NETWORK_ITEMS = ['convert_type', 'map_string'].map((type) => ({
  id: `asim_posix_network_initiated_${type}`,
  type,
  ...(type === 'convert_type' ? { target_type: 'str' } : { mapping: { true: 'Outbound', True: 'Outbound', false: 'Inbound', False: 'Inbound' } }),
  field_name_conditions: [{ type: 'include_fields', fields: ['Initiated'] }],
  rule_conditions: ['linux', 'macos'].map((product) => logsource('network_connection', product)),
  rule_cond_op: 'or',
}));

/**
 * imNetworkSession names a connection's process by file name only on Defender's rows (SrcProcessName =
 * InitiatingProcessFileName, ASimNetworkSessionMicrosoft365Defender.yaml:119), so no path tells a system there; the
 * view's Windows parsers set DvcOs 'Windows' (ASimNetworkSessionMicrosoftSysmon.yaml:142, the Windows Firewall parsers
 * :141 and :172). A Linux or macOS rule leaves those rows out (Windows rules read the Sysmon parser's rows only); Defender
 * sets no DvcOs (assumption defender-posix-device-scope).
 */
const POSIX_NETWORK_SCOPE = ['linux', 'macos'].map((product) => ({
  id: `asim_network_connection_${product}_rows`,
  type: 'set_state',
  key: STATE.prefilter,
  val: 'DvcOs != "Windows"',
  rule_conditions: [logsource('network_connection', product)],
}));

export const ASIM_PIPELINE = {
  name: 'sentinel_asim',
  priority: 5,
  allowed_backends: ['kql'],
  transformations: [
    SOURCE_OVERRIDE,
    ...posixProcessItems(),
    {
      id: 'asim_hashes',
      type: 'hashes_fields',
      valid_hash_algos: ['MD5', 'SHA1', 'SHA256', 'SHA512', 'IMPHASH'],
      field_prefix: 'TargetProcess',
      drop_algo_prefix: false,
      rule_conditions: [{ type: 'logsource', category: 'process_creation' }],
    },
    ...hiveItems('asim', SYSMON_HIVES, []),
    {
      id: 'asim_registry_event_types',
      type: 'map_string',
      mapping: REGISTRY_EVENT_TYPES,
      field_name_conditions: [{ type: 'include_fields', fields: ['EventType'] }],
      rule_conditions: ['registry_add', 'registry_delete', 'registry_set', 'registry_event', 'registry_rename'].map((category) => ({
        type: 'logsource',
        category,
      })),
      rule_cond_op: 'or',
    },
    ...ASIM_MAPPINGS.flatMap((m) => categoryItems('asim', m, [])),
    ...DNS_QTYPE_ITEMS,
    ...ASIM_DNS_MAPPINGS.flatMap((m) => categoryItems('asim', m, [])),
    ...serviceItems('asim_zeek', 'dns', ZEEK_DNS_MAPPING),
    ...POSIX_NETWORK_ITEMS,
    ...ASIM_POSIX_MAPPINGS.flatMap((m) => categoryItems(`asim_${m.product!}`, m, [])),
    // imProcessCreate and imFileEvent union Windows, Linux and macOS parsers: the process's and the file's path tell
    // their rows apart (TargetFilePath of Defender's rows starts with its FolderPath, ASimFileEventMicrosoft365D.yaml:108).
    ...systemScopeItems('asim', 'process_creation', 'TargetProcessName', []),
    ...['file_event', 'file_delete', 'file_delete_detected'].flatMap((c) => systemScopeItems('asim', c, 'TargetFilePath', [])),
    ...POSIX_NETWORK_SCOPE,
  ],
};
