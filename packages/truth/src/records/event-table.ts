import type { EventSource, KqlRecord, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow } from './columns.js';
import { eventTime, parseInteger, parseTime, text, windowsView, type WindowsEventView } from './windows.js';

/** XML text escaping of a Data value (assumption `event-xml-escaping`). */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XML text escaping of an element's content: `&`, `<`, `>` (quotes need none there). */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A Data value as the event log renders it: GUIDs in braces (assumption `event-guid-braces`). */
export function renderedValue(name: string, value: string): string {
  if (/Guid$/i.test(name) && GUID.test(value)) {
    assumption('event-guid-braces');
    return `{${value}}`;
  }
  return value;
}

/**
 * A UserData element as Windows writes it, its data as child elements (`<UserData><RuleAndFileData><FilePath>…`), not
 * named `<Data>` elements; the element's namespace attribute is left out.
 */
export function userDataXml(element: string, data: readonly (readonly [string, string])[]): string {
  return `<UserData><${element}>${data.map(([k, v]) => `<${k}>${xmlEscape(renderedValue(k, v))}</${k}>`).join('')}</${element}></UserData>`;
}

/**
 * The Event table's EventData XML: `<DataItem Type="System.XmlData" ...><EventData xmlns="..."><Data Name="X">v</Data>...`
 * The DataItem/EventData envelope is the one published Event-table samples show (SOURCES.md); the Data elements are
 * what the ASIM Sysmon parsers read (`<Data Name="(\w+)">{?([^<]*?)}?</Data>`, ASimProcessCreateMicrosoftSysmon.yaml).
 */
export function eventDataXml(view: WindowsEventView, time: Date | null): string {
  assumption('event-xml-escaping');
  const stamp = (time ?? new Date(0)).toISOString().replace('Z', '0000Z');
  // An event written with UserData (AppLocker, WMI-Activity, System 104) keeps that element in the same envelope, as
  // SecurityEvent's EventData keeps 1102's (`parse_xml(EventData).UserData.LogFileCleared`, security-event.ts).
  if (view.userDataElement) {
    assumption('event-userdata-envelope');
    return `<DataItem Type="System.XmlData" time="${stamp}" sourceHealthServiceId="00000000-0000-0000-0000-000000000000">${userDataXml(view.userDataElement, view.data)}</DataItem>`;
  }
  // Unnamed `<Data>` elements (a classic source's insertion strings, WindowsEventView.unnamed) stay unnamed.
  const data = view.data
    .map(([k, v]) => (k === 'Data' && view.unnamed ? view.unnamed.map((u) => `<Data>${xmlEscape(u)}</Data>`).join('') : `<Data Name="${k}">${xmlEscape(renderedValue(k, v))}</Data>`))
    .join('');
  return `<DataItem Type="System.XmlData" time="${stamp}" sourceHealthServiceId="00000000-0000-0000-0000-000000000000"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${data}</EventData></DataItem>`;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 0: 'Information', 1: 'Critical', 2: 'Error', 3: 'Warning', 4: 'Information', 5: 'Verbose' };

function levelOf(view: WindowsEventView): { level: number | null; name: string } {
  const level = parseInteger(text(view.system['Level']));
  assumption('event-level-name');
  return { level, name: level === null ? '' : (LEVEL_NAMES[level] ?? '') };
}

function intOrNull(v: unknown): number | null {
  return parseInteger(text(v));
}

/**
 * `Event` table rows (the Azure Monitor Agent's, the legacy Log Analytics agent's before it) for a Windows event: one row, columns as
 * azure-monitor-ref/tables/includes/event-include.md documents them. Non-Windows events give [].
 */
export function eventTableRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const view = windowsView(event, source);
  if (!view) return [];
  const time = eventTime(view);
  const { level, name } = levelOf(view);
  assumption('event-agent-columns');
  const userId = text(view.system['Security_UserID']);
  const values: Record<string, KqlValue> = {
    TimeGenerated: time,
    Source: view.provider,
    EventLog: view.channel,
    EventID: view.eventId,
    Computer: view.computer,
    EventLevel: level,
    EventLevelName: name,
    EventCategory: intOrNull(view.system['Task']),
    EventData: eventDataXml(view, time),
    // One <Param> per Data value, in order, as Microsoft's Exchange parser reads MSExchange Management's insertion
    // strings (SOURCES.md): its quotes are the text's own (it splits a parameter on '"'), so only &, < and > are
    // escaped, as in any XML text.
    ParameterXml: dataValues(view).map((v) => `<Param>${xmlText(v)}</Param>`).join(''),
    RenderedDescription: view.data.flatMap(([k, v]) => (k === 'Data' && view.unnamed ? view.unnamed.map((u) => `${k}: ${u}`) : [`${k}: ${v}`])).join('\r\n'),
    UserName: userId === 'S-1-5-18' ? 'NT AUTHORITY\\SYSTEM' : '',
    SourceSystem: 'OpsManager',
    ManagementGroupName: 'AOI-00000000-0000-0000-0000-000000000000',
    Type: 'Event',
  };
  return [{ table: 'Event', row: fullRow('Event', values) }];
}

/** The event's insertion strings in order: one per `<Data>` element, unnamed ones each on their own. */
function dataValues(view: WindowsEventView): string[] {
  return view.data.flatMap(([k, v]) => (k === 'Data' && view.unnamed ? [...view.unnamed] : [renderedValue(k, v)]));
}

/** EventData as the WindowsEvent table holds it: a dynamic object of Data name -> string value. */
export function windowsEventData(view: WindowsEventView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of view.data) out[k] = renderedValue(k, v);
  return out;
}

/**
 * `WindowsEvent` table rows (Azure Monitor Agent) for a Windows event: one row, columns as
 * azure-monitor-ref/tables/includes/windowsevent-include.md documents them (EventData dynamic, parsed).
 */
export function windowsEventRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const view = windowsView(event, source);
  if (!view) return [];
  const { level, name } = levelOf(view);
  assumption('windowsevent-channel');
  const values: Record<string, KqlValue> = {
    TimeGenerated: parseTime(text(view.system['TimeCreated_SystemTime'])) ?? eventTime(view),
    Provider: view.provider,
    Channel: view.channel,
    Computer: view.computer,
    EventID: view.eventId,
    EventLevel: level,
    EventLevelName: name,
    EventData: windowsEventData(view),
    EventRecordId: text(view.system['EventRecordID']),
    Keywords: text(view.system['Keywords']),
    Opcode: text(view.system['Opcode']),
    Task: intOrNull(view.system['Task']),
    Version: intOrNull(view.system['Version']),
    SystemProcessId: intOrNull(view.system['Execution_ProcessID']),
    SystemThreadId: intOrNull(view.system['Execution_ThreadID']),
    SystemUserId: text(view.system['Security_UserID']),
    Correlation: text(view.system['Correlation_ActivityID']),
    Type: 'WindowsEvent',
  };
  return [{ table: 'WindowsEvent', row: fullRow('WindowsEvent', values) }];
}
