import type { EventSource, RawEvent, SplunkEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { renderedValue, userDataXml, xmlEscape } from './event-table.js';
import { process4688View } from './security-event.js';
import { linuxTextLine } from './sumo.js';
import { SYSMON_CHANNEL, text, windowsView, type WindowsEventView } from './windows.js';

/** Where Splunk puts the events (index is deployment configuration). */
export interface SplunkOptions {
  readonly index?: string;
}

/**
 * The XML a `renderXml = true` WinEventLog input indexes (the event as Windows renders it). `unnamed`: the insertion
 * strings of a classic event source (WindowsEventView.unnamed), rendered as the unnamed `<Data>` elements they are.
 */
export function windowsEventXml(view: WindowsEventView, unnamed?: readonly string[]): string {
  const sys = view.system;
  const attr = (s: string): string => xmlEscape(s).replace(/'/g, '&apos;');
  const time = text(sys['TimeCreated_SystemTime']);
  // Data in a UserData element is written as that element's children, `<UserData><RuleAndFileData>
  // <FilePath>…</FilePath>…`, not as named `<Data>` elements: Microsoft's Azure Monitor query guide parses AppLocker
  // 8002's XML as `parse EventData with * "<FilePath>" FilePath "</FilePath>" * "<FileHash>" FileHash "</FileHash>" *`
  // after reading it as `Details.UserData.RuleAndFileData.FilePath` (MicrosoftDocs/azure-monitor-docs
  // articles/azure-monitor/logs/query-optimization.md @ 6cb7195a).
  const body = view.userDataElement
    ? userDataXml(view.userDataElement, view.data)
    : `<EventData>${view.data
        .map(([k, v]) => (k === 'Data' && unnamed ? unnamed.map((u) => `<Data>${xmlEscape(u)}</Data>`).join('') : `<Data Name='${attr(k)}'>${xmlEscape(renderedValue(k, v))}</Data>`))
        .join('')}</EventData>`;
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>` +
    `<Provider Name='${attr(view.provider)}'${sys['Provider_Guid'] ? ` Guid='${attr(text(sys['Provider_Guid']))}'` : ''}/>` +
    `<EventID>${view.eventId}</EventID><Version>${text(sys['Version'])}</Version><Level>${text(sys['Level'])}</Level>` +
    `<Task>${text(sys['Task'])}</Task><Opcode>${text(sys['Opcode'])}</Opcode><Keywords>${text(sys['Keywords'])}</Keywords>` +
    `<TimeCreated SystemTime='${attr(time)}'/><EventRecordID>${text(sys['EventRecordID'])}</EventRecordID><Correlation/>` +
    `<Execution ProcessID='${text(sys['Execution_ProcessID'])}' ThreadID='${text(sys['Execution_ThreadID'])}'/>` +
    `<Channel>${xmlEscape(view.channel)}</Channel><Computer>${xmlEscape(view.computer)}</Computer>` +
    `<Security${sys['Security_UserID'] ? ` UserID='${attr(text(sys['Security_UserID']))}'` : ''}/></System>` +
    `${body}</Event>`
  );
}

/**
 * Search-time fields of an XmlWinEventLog event: the System header the add-ons extract (`<EventID>` -> EventCode,
 * Version, Level, Task, Opcode, Keywords, TimeCreated, RecordID; the Splunk Add-on for Sysmon transforms
 * `sysmon-eventid` REGEX `<EventID>(\d+)</EventID>` FORMAT `EventCode::$1`, ...), `Computer`, and each
 * `<Data Name='X'>v</Data>` as field X (repeated names are multivalue). Values are the unescaped text (assumption
 * `splunk-xml-values`). No `EventID` field: no source shows the add-ons extracting one (assumption `splunk-no-eventid`).
 */
function xmlFields(view: WindowsEventView, unnamed?: readonly string[]): Record<string, string | string[]> {
  assumption('splunk-xml-values');
  assumption('splunk-no-eventid');
  const sys = view.system;
  const out: Record<string, string | string[]> = {
    EventCode: String(view.eventId),
    Version: text(sys['Version']),
    Level: text(sys['Level']),
    Task: text(sys['Task']),
    Opcode: text(sys['Opcode']),
    Keywords: text(sys['Keywords']),
    TimeCreated: text(sys['TimeCreated_SystemTime']),
    RecordID: text(sys['EventRecordID']),
    Channel: view.channel,
    Computer: view.computer,
  };
  for (const [k, raw] of view.data) {
    // Unnamed `<Data>` elements (insertion strings) have no name for the add-on to extract a field by; a UserData
    // element's children are no `<Data Name='X'>` elements at all.
    if ((k === 'Data' && unnamed) || view.userDataElement) continue;
    const v = renderedValue(k, raw);
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** `&lt;` ... back to text: the add-on field values are taken as the unescaped text (assumption `splunk-xml-values`). */
function xmlUnescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/**
 * Search-time fields of an XmlWinEventLog event under the Splunk Add-on for Microsoft Windows, by the add-on's own
 * `default/transforms.conf` (Splunk_TA_windows, "Copyright (C) 2018 Splunk Inc.", public copy GitHub ahm3dkf/Splunk-TA
 * commit 110a783002b1001af00f7455d1b0564c6d424bcf) applied to `_raw`:
 *   [system_xml_block]  REGEX = (?ms)<System(?:\s+[^>]+)?>(.*?)<\/System>  FORMAT = System_Props_Xml::$1
 *   [system_props_xml_kv]  SOURCE_KEY = System_Props_Xml  REGEX = (?ms)<(\w*)>([^<]*)<\/\1>  FORMAT = $1::$2
 *   [system_props_xml_attributes]  SOURCE_KEY = System_Props_Xml  REGEX = (?ms)([^\s=]+)\s*=\s*(\'[^<\']*\'|"[^<"]*")
 *     FORMAT = $1::$2   (the value keeps its quotes: Provider `Name` is `'Microsoft-Windows-Security-Auditing'`)
 *   [eventdata_xml_block]  REGEX = (?ms)<EventData(?:\s+[^>]+)?>(.*?)<\/EventData>  FORMAT = EventData_Xml::$1
 *   [eventdata_xml_data]  SOURCE_KEY = EventData_Xml  REGEX = <(?:\w+)\sName='([^>]*)'\/?>([^<]*)(?:<\/\1>)?  FORMAT = $1::$2
 *   [EventID_as_EventCode]  SOURCE_KEY = EventID  FORMAT = EventCode::$1;  [EventRecordID_as_RecordNumber]
 * All of them MV_ADD (a repeated name is multivalue).
 */
function windowsAddonFields(raw: string, source: string): Record<string, string | string[]> {
  assumption('splunk-xml-values');
  const out: Record<string, string | string[]> = {};
  // Every transform here sets no CLEAN_KEYS, whose default (transforms.conf.spec: "replacing any non-alphanumeric
  // characters … in field names with underscores, as well as the stripping of leading underscores and 0-9 characters
  // … Default: true") makes Defender's `<Data Name='Threat Name'>` the field Threat_Name.
  const add = (name: string, v: string): void => {
    const k = name.replace(/[^A-Za-z0-9]/g, '_').replace(/^[_0-9]+/, '');
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  };
  const system = /<System(?:\s+[^>]+)?>([\s\S]*?)<\/System>/.exec(raw)?.[1] ?? '';
  for (const m of system.matchAll(/<(\w*)>([^<]*)<\/\1>/g)) add(m[1]!, m[2]!);
  for (const m of system.matchAll(/([^\s=]+)\s*=\s*('[^<']*'|"[^<"]*")/g)) add(m[1]!, m[2]!);
  const eventData = /<EventData(?:\s+[^>]+)?>([\s\S]*?)<\/EventData>/.exec(raw)?.[1] ?? '';
  for (const m of eventData.matchAll(/<(?:\w+)\sName='([^>]*)'\/?>([^<]*)(?:<\/\1>)?/g)) add(m[1]!, xmlUnescape(m[2]!));
  // The one UserData extraction of the Security source (props.conf `[source::XmlWinEventLog:Security]`
  // `REPORT-caller_user_name_from_user_data_xml = SubjectUserName_from_user_data`; transforms.conf
  // `[userdata_xml_block] REGEX = (?ms)<UserData(?:\s+[^>]+)?>(.*?)<\/UserData> FORMAT = UserData_Xml::$1` and
  // `[SubjectUserName_from_user_data] SOURCE_KEY = UserData_Xml REGEX = (?ms)<SubjectUserName(?:\s+[^>]+)?>(.*?)<\/SubjectUserName>
  // FORMAT = Caller_User_Name::$1`; Splunk_TA_windows, public copy GitHub PMJeffery/splunk4windows @ 192ab41e): Security
  // 1102's LogFileCleared/SubjectUserName is the field Caller_User_Name, and no field is named after it.
  if (source === 'XmlWinEventLog:Security') {
    const userData = /<UserData(?:\s+[^>]+)?>([\s\S]*?)<\/UserData>/.exec(raw)?.[1];
    const caller = userData === undefined ? undefined : /<SubjectUserName(?:\s+[^>]+)?>([\s\S]*?)<\/SubjectUserName>/.exec(userData)?.[1];
    if (caller !== undefined) add('Caller_User_Name', caller);
  }
  // `<EventID>` is a field by system_props_xml_kv and is copied to EventCode by EventID_as_EventCode: this add-on
  // has both (the Sysmon add-on's transforms name only EventCode: assumption `splunk-no-eventid`, xmlFields).
  if (out['EventID'] !== undefined) out['EventCode'] = out['EventID']!;
  if (out['EventRecordID'] !== undefined) out['RecordNumber'] = out['EventRecordID']!;
  return out;
}

/** Splunk's JSON auto-extraction (KV_MODE = json): nested keys joined with dots, arrays multivalue. */
function jsonFields(obj: Readonly<Record<string, unknown>>, prefix = '', out: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) out[`${key}{}`] = v.map((x) => text(x));
    else if (v !== null && typeof v === 'object') jsonFields(v as Record<string, unknown>, key, out);
    else out[key] = text(v);
  }
  return out;
}

/**
 * The event as Splunk holds it at search time under one ingestion profile:
 * - `sysmon-addon`: Sysmon events collected with `renderXml = true` and the Splunk Add-on for Sysmon: sourcetype
 *   `XmlWinEventLog`, source `XmlWinEventLog:Microsoft-Windows-Sysmon/Operational`; other channels give [] (not Sysmon).
 * - `windows-addon`: any Windows event log channel with the Splunk Add-on for Windows in XML mode: sourcetype
 *   `XmlWinEventLog`, source `XmlWinEventLog:<Channel>`.
 * - `raw-json`: the raw (flat) event indexed as JSON (`_json`), fields by JSON auto-extraction.
 * `host` is the event's Computer (both add-ons set host from it); `index` is configuration.
 */
export function splunkEvents(event: RawEvent, source: EventSource, profile: 'sysmon-addon' | 'windows-addon' | 'raw-json', options: SplunkOptions = {}): SplunkEvent[] {
  const index = options.index ?? 'main';
  const line = profile === 'raw-json' ? linuxTextLine(event, source) : undefined;
  if (line !== undefined) {
    // A Linux log file is indexed as its text line; search-time key=value extraction gives its pairs as fields.
    const fields: Record<string, string> = {};
    for (const m of line.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)) fields[m[1]!] = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
    return [{ _raw: line, index, source: source.service ?? 'syslog', sourcetype: source.service === 'auditd' ? 'linux_audit' : 'syslog', host: text(event['host'] ?? ''), fields }];
  }
  if (profile === 'raw-json') {
    const plain: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(event)) if (k !== 'Event') plain[k] = v;
    return [{ _raw: JSON.stringify(plain), index, source: 'raw', sourcetype: '_json', host: text(event['Computer'] ?? event['host'] ?? ''), fields: jsonFields(plain) }];
  }
  const view = windowsView(event, source);
  if (!view) return [];
  if (profile === 'sysmon-addon' && view.channel !== SYSMON_CHANNEL) return [];
  const unnamed = view.unnamed;
  const xml = (v: WindowsEventView): SplunkEvent => {
    const _raw = windowsEventXml(v, unnamed);
    const splunkSource = `XmlWinEventLog:${v.channel}`;
    const fields = profile === 'windows-addon' ? windowsAddonFields(_raw, splunkSource) : xmlFields(v, unnamed);
    return { _raw, index, source: splunkSource, sourcetype: 'XmlWinEventLog', host: v.computer, fields };
  };
  // A host collected with the Windows add-on logs the Security 4688 of every process creation a Sysmon 1 event
  // describes (assumption `securityevent-4688-from-sysmon`, the same reading SecurityEvent uses).
  if (profile === 'windows-addon' && view.channel === SYSMON_CHANNEL && view.eventId === 1) return [xml(view), xml(process4688View(view))];
  return [xml(view)];
}
