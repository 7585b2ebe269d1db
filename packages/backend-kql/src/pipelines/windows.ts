// Windows event logs on Microsoft Sentinel, where the Azure Monitor Agent keeps them: the Security log in SecurityEvent
// (Sentinel's Windows Security Events connector; read as the sentinel_securityevent pipeline reads a Security rule),
// AppLocker's logs in SecurityEvent too (the same connector's, appLockerItems), every other channel a data collection
// rule names in the Event table (the legacy Log Analytics agent's table before it). Event's columns (azure-monitor-ref
// tables/includes/event-include.md): EventLog "Name of the event log that the event was collected from", Source
// "Source of the event", EventID, Computer, EventData "All event data in raw format" (the `<DataItem><EventData><Data
// Name="…">` XML Microsoft's Sysmon parsers read), ParameterXml "Event parameter values in XML format".
//
// Sigma's Windows services are channels: a service's rules read the rows of its channel(s), a PowerShell category its
// channel and event id. A rule's named fields are the event's Data elements, parsed out of EventData as for Sysmon.
// `Data` is a classic source's unnamed Data elements (its insertion strings: Application sources, classic PowerShell's
// 400/600/800, MSExchange Management): they are read where Microsoft's own Exchange parser reads them, ParameterXml, one
// `<Param>` element each in order (Azure/Azure-Sentinel, Solutions/Microsoft Exchange Security - Exchange On-Premises/
// Parsers/ExchangeAdminAuditLogs.yaml @ b5df20ba: `Event | where EventLog == 'MSExchange Management' | parse ParameterXml
// with '<Param>' CmdletName '</Param><Param>' CmdletParameters '</Param><Param>' Caller '</Param><Param>' *`).
import { WINDOWS_CATEGORY_EVENTS, WINDOWS_SERVICE_CHANNELS, windowsServiceChannels } from '@sigmats/core';
import { tableSchema } from '../tables/index.js';
import type { TableSchema } from '../tables/types.js';
import { categoryItems, keywordRefusal, oneOf, serviceItems, SOURCE_OVERRIDE, STATE, tableSchemaItem, windowsLogMapping, type ServiceMapping } from './build.js';
import { kqlString } from '../literals.js';
import { SECURITY_SERVICE_ITEMS } from './sentinel.js';
import { WINDOWS_HEADER_FIELDS } from '../query.js';

/**
 * Services whose events keep their data in a UserData element (`<UserData><Operation_ClientFailure>…`), not in
 * Data elements: the Event table's EventData holds that element in a form no Microsoft source shows, so a field of
 * theirs is refused (AppLocker's, whose rows are SecurityEvent's, are read there: appLockerItems). EvtxECmd's maps of
 * these channels all read `/Event/UserData/…` (EricZimmerman/evtx evtx/Maps @ 03a7a1f: WMI-Activity, the Local Session
 * Manager, DriverFrameworks-UserMode, PrintService/Operational), where the other services' maps read
 * `/Event/EventData/…` (System and Application but for 104, the UserPnp and driver framework events, which no SigmaHQ
 * rule reads a field of). CAPI2 and PrintService/Admin have no map: refused as their neighbours are.
 */
const USER_DATA_SERVICES = [
  'wmi',
  'terminalservices-localsessionmanager',
  'capi2',
  'driver-framework',
  'printservice-admin',
  'printservice-operational',
];

/** The System header's fields as Sigma names them: columns of Event, or nothing; never Data elements. */
const HEADER_FIELDS = [...WINDOWS_HEADER_FIELDS];

/**
 * The Event table as the pipeline reads it: the columns a Windows rule's header fields are (the provider is Source),
 * ParameterXml for `Data`, and no other: any other name is a Data element of the event, even where Event has a column
 * of that name (a Data element named Message or Source is not the column).
 */
export function eventTable(): TableSchema {
  const full = tableSchema('Event')!;
  const columns = Object.fromEntries(['TimeGenerated', 'Computer', 'EventID', 'ParameterXml'].map((c) => [c, full.columns[c]!]));
  return { name: 'Event', columns, timeColumn: full.timeColumn, computed: { Provider_Name: 'Source' } };
}

/**
 * Sigma texts (`*`, `?` wildcards, `\\` escapes) of `Data` values ParameterXml cannot answer exactly, each matched from
 * the start: a value with `&`, `<`, `>`, `"` or `;`, which an XML text may hold escaped (`&amp;`) or as they are; a
 * value of no text; a `?` wildcard, or a `*` inside the value, which could span two `<Param>` elements; and a
 * `|contains` value that could be found inside the markup or an escape instead of a value (`ram` in `<Param>`, `lt` in
 * `&lt;`).
 */
const MARKUP = ['/param', 'amp', 'quot', 'apos', 'lt', 'gt'];
const substrings = (w: string): string[] => [...w].flatMap((_, i) => [...w].slice(i).map((_, j) => w.slice(i, i + j + 1)));
const UNIT = String.raw`(?:\\.|[^*?\\])`;
const UNANSWERABLE_TEXT = `(?i)(?:${[
  '.*[&<>";]',
  String.raw`\**$`,
  String.raw`\*?${UNIT}*\?`,
  String.raw`\*?${UNIT}+\*.`,
  String.raw`\*\*.`,
  String.raw`\*(?:${[...new Set(MARKUP.flatMap(substrings))].join('|')})\*$`,
].join('|')})`;

const DATA = [{ type: 'include_fields', fields: ['Data'] }];

/** A named field of the event data: neither `Data` nor a header field, nor a keyword (which has no name). */
const NAMED_FIELDS = [{ type: 'exclude_fields', fields: ['Data', ...HEADER_FIELDS] }, { type: 'include_fields', mode: 're', fields: ['.+'] }];

/** The services whose rows the Windows Security Events connector sends to SecurityEvent: they are not read from Event. */
const SECURITY_EVENT_SERVICES = ['security', 'applocker'];
const SERVICES = Object.keys(WINDOWS_SERVICE_CHANNELS).filter((s) => !SECURITY_EVENT_SERVICES.includes(s));

/** The rules the pipeline reads from Event: Windows services but Security and AppLocker (read from SecurityEvent), and the PowerShell categories. */
const SOURCES = [
  ...SERVICES.map((service) => ({ type: 'logsource', product: 'windows', service })),
  ...Object.keys(WINDOWS_CATEGORY_EVENTS).map((category) => ({ type: 'logsource', product: 'windows', category })),
];
const ANY_SOURCE = { rule_conditions: SOURCES, rule_cond_op: 'or' };

/** How `Data` is read: each value a `|contains` test of ParameterXml, the value's ends marked by the `<Param>` markup. */
function dataItems(): object[] {
  return [
    {
      id: 'event_data_not_text',
      type: 'detection_item_failure',
      message: 'Event keeps unnamed Data elements as the text of ParameterXml: only a text (no regular expression, number, range or null) can be looked for in it',
      field_name_conditions: DATA,
      detection_item_conditions: [{ type: 'match_string', pattern: '', cond: 'all' }],
      detection_item_cond_not: true,
      ...ANY_SOURCE,
    },
    {
      id: 'event_data_unanswerable',
      type: 'detection_item_failure',
      message:
        "Event keeps unnamed Data elements as ParameterXml's <Param> elements: a value with & < > \" or ;, which XML may escape, an empty one, one with a wildcard inside, or one that could be part of the markup cannot be told from the values",
      field_name_conditions: DATA,
      detection_item_conditions: [{ type: 'match_string', pattern: UNANSWERABLE_TEXT, cond: 'any' }],
      ...ANY_SOURCE,
    },
    {
      // A rule that reads Data and named fields is about events whose Data elements are both named and not: no
      // source writes such events, and ParameterXml would hold the named ones' values too.
      id: 'event_data_mixed',
      type: 'detection_item_failure',
      message: "a rule reading Data (a classic source's unnamed Data elements) cannot also read named ones: ParameterXml holds the values of both",
      field_name_conditions: NAMED_FIELDS,
      rule_conditions: { ...Object.fromEntries(SOURCES.map((s, i) => [`s${i}`, s])), data: { type: 'contains_field', field: 'Data' } },
      rule_cond_expr: `(${SOURCES.map((_, i) => `s${i}`).join(' or ')}) and data`,
    },
    // The value's start and end become the markup around it (pySigma replacement syntax, `*` a wildcard again).
    { id: 'event_data_start', type: 'replace_string', regex: '^([^*])', replacement: '*<Param>\\1', interpret_special: true, field_name_conditions: DATA, ...ANY_SOURCE },
    { id: 'event_data_end', type: 'replace_string', regex: '([^*])$', replacement: '\\1</Param>*', interpret_special: true, field_name_conditions: DATA, ...ANY_SOURCE },
  ];
}

/** The rows of `channels` (and `eventIds`), their Data elements parsed out of EventData, `Data` read from ParameterXml. */
function eventMapping(channels: readonly string[], eventIds?: readonly number[]): ServiceMapping {
  return windowsLogMapping('Event', 'EventLog', { [STATE.eventDataXml]: 'EventData' }, channels, eventIds, {
    fields: { Data: 'ParameterXml' },
    // A rule whose source fixes the channel means by Channel one inside the event (System 104's UserData
    // LogFileCleared/Channel, the cleared log), not the column.
    ...(eventIds ? {} : { unanswerable: { Channel: 'Event: an in-event Channel (System 104) is no column, and no Microsoft source shows where EventData holds it' } }),
  });
}

/**
 * AppLocker's logs (Sigma's `service: applocker`) as Sentinel's Windows Security Events connector keeps them: in
 * SecurityEvent, not Event. Microsoft's list of the connector's event sets (MicrosoftDocs/azure-docs
 * articles/sentinel/windows-security-event-id-reference.md @ 04ff9c69): "All events - All Windows security and AppLocker
 * events", and its Minimal and Common sets both list AppLocker's 8001-8007 and 8222 ("a complete breakdown of the
 * Security and App Locker event IDs for each set"); Microsoft's query guide reads AppLocker's 8002 from SecurityEvent
 * (MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/query-optimization.md: `SecurityEvent | where EventID ==
 * 8002 … | extend Details = parse_xml(EventData) | extend FilePath = tostring(Details.UserData.RuleAndFileData.FilePath)`).
 * A workspace that collects these channels with a data collection rule of its own has them in Event instead
 * (assumption securityevent-applocker).
 *
 * The rows are those whose Channel, "the channel to which the event was logged" (azure-monitor-ref
 * tables/includes/securityevent-include.md:43), is one of AppLocker's logs; EventID and the provider (EventSourceName,
 * as for a Security rule) are columns. The event's data is the UserData element RuleAndFileData, which EventData holds
 * as it holds Security 1102's LogFileCleared (tables/sentinel.ts): a field is read as Microsoft's guide reads FilePath and
 * FileHash, `tostring(parse_xml(EventData).UserData.RuleAndFileData.<name>)`, never from the SecurityEvent column of the
 * same name (FilePath, FileHash, Fqbn, TargetUser, TargetLogonId: no Microsoft source says the connector fills them
 * from this element).
 */
const APPLOCKER_SOURCE = [{ type: 'logsource', product: 'windows', service: 'applocker' }];

/**
 * The children of AppLocker's RuleAndFileData, as Windows writes them in its file events (8002, 8004, 8005, 8007) and
 * packaged app events (8020): EvtxECmd's maps of those events and their example events (EricZimmerman/evtx evtx/Maps/
 * Microsoft-Windows-AppLocker-EXE-and-DLL_Microsoft-Windows-AppLocker_8002.map, _8004.map, …-MSI-and-Script_…_8005.map,
 * _8007.map, …-PackagedApp-Execution_…_8020.map @ 03a7a1f: `/Event/UserData/RuleAndFileData/FilePath`, …). Another name
 * is refused: no source shows it in the element.
 */
const RULE_AND_FILE_DATA = [
  'PolicyNameLength', 'PolicyName', 'RuleId', 'RuleNameLength', 'RuleName', 'RuleSddlLength', 'RuleSddl', 'TargetUser',
  'TargetProcessId', 'FilePathLength', 'FilePath', 'FileHashLength', 'FileHash', 'FqbnLength', 'Fqbn', 'TargetLogonId',
  'FullFilePathLength', 'FullFilePath', 'PackageLength', 'Package',
];

/**
 * SecurityEvent as an AppLocker rule reads it: the header's columns (the provider is EventSourceName) and
 * RuleAndFileData's children, each computed from EventData; no other column, so that a RuleAndFileData name is the
 * element and not the SecurityEvent column of that name.
 */
export function appLockerTable(): TableSchema {
  const full = tableSchema('SecurityEvent')!;
  const columns = Object.fromEntries(['TimeGenerated', 'Computer', 'EventID', 'Channel'].map((c) => [c, full.columns[c]!]));
  const fields = Object.fromEntries(RULE_AND_FILE_DATA.map((f) => [f, `tostring(parse_xml(EventData).UserData.RuleAndFileData.${f})`]));
  return { name: 'SecurityEvent', columns, timeColumn: full.timeColumn, computed: { Provider_Name: 'EventSourceName', ...fields } };
}

/** The items that read `service: applocker` rules from SecurityEvent. */
function appLockerItems(): object[] {
  const when = { rule_conditions: APPLOCKER_SOURCE };
  return [
    tableSchemaItem('securityevent_applocker_schema', appLockerTable(), APPLOCKER_SOURCE),
    keywordRefusal(
      'securityevent_applocker_keywords',
      "a keyword would be looked for in every column of SecurityEvent, EventData's XML markup among them, and not only in the event's values: test a field instead",
      APPLOCKER_SOURCE,
    ),
    {
      id: 'securityevent_applocker_not_rule_and_file_data',
      type: 'detection_item_failure',
      message: `AppLocker's events keep their data in the UserData element RuleAndFileData, whose children are ${RULE_AND_FILE_DATA.join(', ')}: no source shows this field there`,
      field_name_conditions: [{ type: 'exclude_fields', fields: [...RULE_AND_FILE_DATA, ...HEADER_FIELDS] }, { type: 'include_fields', mode: 're', fields: ['.+'] }],
      ...when,
    },
    // parse_xml gives an element without text and a missing one alike (null), and tostring() makes both empty: a value
    // that is empty, or only `*`, or a null or existence test, would tell them apart. Windows writes each child with text
    // in the sources above (Fqbn is '-' for a file without one), so only a missing element reads empty; an empty
    // value cannot be answered (it would match the events that lack the element), and is refused.
    {
      id: 'securityevent_applocker_empty_value',
      type: 'detection_item_failure',
      message: "AppLocker's RuleAndFileData is read with parse_xml, which gives a missing element and an empty one alike: an empty value cannot be told from a missing element",
      field_name_conditions: [{ type: 'include_fields', fields: RULE_AND_FILE_DATA }],
      detection_item_conditions: [{ type: 'match_string', pattern: '$', cond: 'any' }],
      ...when,
    },
    ...serviceItems('securityevent_service', 'applocker', {
      product: 'windows',
      table: 'SecurityEvent',
      state: { [STATE.prefilter]: oneOf('Channel', windowsServiceChannels('applocker')!.map(kqlString)) },
      fields: {},
    }),
  ];
}

export const WINDOWS_PIPELINE = {
  name: 'sentinel_windows',
  priority: 5,
  allowed_backends: ['kql'],
  // Built on first use (the pipeline is parsed lazily), not when the backend loads.
  get transformations() {
    return [
      SOURCE_OVERRIDE,
      // The pipeline gives the table's schema: the columns a rule reads as columns, and no other (eventTable).
      tableSchemaItem('event_table_schema', eventTable(), SOURCES),
      keywordRefusal(
        'event_keywords',
        "a keyword would be looked for in every column of Event, EventData's XML markup among them, and not only in the event's values: test a field instead",
        SOURCES,
      ),
      ...USER_DATA_SERVICES.map((service) => ({
        id: `event_userdata_${service.replaceAll('-', '_')}`,
        type: 'detection_item_failure',
        message: `${service}'s events keep their data in a UserData element, whose form in the Event table's EventData no Microsoft source shows`,
        field_name_conditions: NAMED_FIELDS,
        rule_conditions: [{ type: 'logsource', product: 'windows', service }],
      })),
      ...dataItems(),
      ...SERVICES.flatMap((service) => serviceItems('event_service', service, eventMapping(windowsServiceChannels(service)!))),
      ...SECURITY_SERVICE_ITEMS,
      ...appLockerItems(),
      ...Object.entries(WINDOWS_CATEGORY_EVENTS).flatMap(([category, { channel, ids }]) =>
        categoryItems('event', { categories: [category], ...eventMapping([channel], ids) }, []),
      ),
    ];
  },
};
