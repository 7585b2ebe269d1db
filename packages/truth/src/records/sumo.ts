import type { EventSource, RawEvent, SumoMessage } from '../types.js';
import { assumption } from './assumptions.js';
import { renderedValue } from './event-table.js';
import { SYSMON_CHANNEL, parseHashes, text, windowsView, type WindowsEventView } from './windows.js';
import { withZeekAnswers } from './generic-dns.js';

/**
 * How a Sumo source was set up. `_sourceCategory` is whatever the admin typed, so it is configuration, never
 * inferred: the defaults are the examples Sumo's own docs give (`OS/Windows` for Windows event log sources,
 * active-directory-legacy page) and are overridable per logsource.
 */
export interface SumoCollection {
  /** `_sourceCategory` for an event of this logsource. */
  readonly sourceCategory?: string | ((source: EventSource, event: RawEvent) => string);
  /** `_source` (the source's name in the collector). */
  readonly source?: string;
  readonly collector?: string;
}

const DEFAULT_COLLECTION: Required<Pick<SumoCollection, 'source' | 'collector'>> = { source: 'Windows Event Log', collector: 'collector' };

/**
 * The rendered Message of a Windows event. Sysmon messages are `<title>:\r\n` followed by `Name: value` lines (the
 * Sysmon manifest's message templates); other events are rendered as `Name: value` lines, since their message
 * templates are not in any source we hold (assumption `sumo-message-rendering`).
 */
const SYSMON_TITLES: Readonly<Record<number, string>> = {
  1: 'Process Create', 2: 'File creation time changed', 3: 'Network connection detected', 5: 'Process terminated', 6: 'Driver loaded',
  7: 'Image loaded', 8: 'CreateRemoteThread detected', 9: 'RawAccessRead detected', 10: 'Process accessed', 11: 'File created',
  12: 'Registry object added or deleted', 13: 'Registry value set', 14: 'Registry object renamed', 15: 'File stream created',
  17: 'Pipe Created', 18: 'Pipe Connected', 22: 'Dns query', 23: 'File Delete archived', 25: 'Process Tampering', 26: 'File Delete logged',
};

export function renderedMessage(view: WindowsEventView, unnamed?: readonly string[]): string {
  assumption('sumo-message-rendering');
  const lines = view.data.flatMap(([k, v]) => (k === 'Data' && unnamed ? unnamed.map((u) => `${k}: ${u}`) : [`${k}: ${renderedValue(k, v)}`]));
  const title = view.channel === SYSMON_CHANNEL ? SYSMON_TITLES[view.eventId] : undefined;
  return (title ? [`${title}:`, ...lines] : lines).join('\r\n');
}

/** Rendered level names as the JSON format writes them ("Level":"Informational" in Sumo's sample). */
const LEVEL_NAMES: Readonly<Record<string, string>> = { '0': 'Informational', '1': 'Critical', '2': 'Error', '3': 'Warning', '4': 'Informational', '5': 'Verbose' };
/** Rendered keyword names: the audit keywords as Windows names them ("Keywords":"Audit Success" in Sumo's sample). */
const KEYWORD_NAMES: Readonly<Record<string, string>> = { '0x8020000000000000': 'Audit Success', '0x8010000000000000': 'Audit Failure' };
const OPCODE_NAMES: Readonly<Record<string, string>> = { '0': 'Info' };

function num(v: unknown): number | string {
  const t = text(v);
  return /^\d+$/.test(t) ? Number(t) : t;
}

function dataObject(view: WindowsEventView, unnamed?: readonly string[]): Record<string, string | readonly string[]> {
  const data: Record<string, string | readonly string[]> = {};
  for (const [k, v] of view.data) data[k] = k === 'Data' && unnamed ? unnamed : renderedValue(k, v);
  return data;
}

/**
 * The Windows JSON collection format, laid out as the sample log of Sumo's Windows JSON app shows it
 * (SumoLogic/sumologic-documentation docs/integrations/microsoft-azure/windows-json.md @ 023f0a49): top-level
 * TimeCreated (string), EventID (string), Task, Correlation, Keywords / Level / Opcode as rendered names, Channel,
 * Security, Provider {Guid, Name}, EventRecordID, Execution {ThreadID, ProcessID}, Version, Computer, EventData (or
 * UserData {<Element>: {...}}) and the rendered Message (assumption `sumo-json-rendering`). Unnamed `<Data>` elements
 * (`unnamed`, WindowsEventView.unnamed) are the list `EventData.Data`, each string JSON-encoded once.
 */
export function windowsJson(view: WindowsEventView, unnamed?: readonly string[]): Record<string, unknown> {
  assumption('sumo-json-rendering');
  const sys = view.system;
  const keywords = text(sys['Keywords']).toLowerCase();
  const guid = text(sys['Provider_Guid']);
  const userId = text(sys['Security_UserID']);
  const data = dataObject(view, unnamed);
  return {
    TimeCreated: text(sys['TimeCreated_SystemTime']),
    EventID: String(view.eventId),
    Task: num(sys['Task']),
    Correlation: text(sys['Correlation_ActivityID']),
    Keywords: KEYWORD_NAMES[keywords] ?? text(sys['Keywords']),
    Channel: view.channel,
    Opcode: OPCODE_NAMES[text(sys['Opcode'])] ?? text(sys['Opcode']),
    Security: userId ? { UserID: userId } : '',
    Provider: { Guid: guid && !guid.startsWith('{') ? `{${guid}}` : guid, Name: view.provider },
    EventRecordID: num(sys['EventRecordID']),
    Execution: { ThreadID: num(sys['Execution_ThreadID']), ProcessID: num(sys['Execution_ProcessID']) },
    Version: num(sys['Version']),
    Computer: view.computer,
    Level: LEVEL_NAMES[text(sys['Level'])] ?? text(sys['Level']),
    EventData: view.userDataElement ? {} : data,
    ...(view.userDataElement ? { UserData: { [view.userDataElement]: data } } : {}),
    Message: renderedMessage(view, unnamed),
  };
}

/**
 * The record Cloud SIEM's Windows parser hands to the mappings, as the catalog's Original Record Keys name its parts:
 * `Computer`, `EventRecordID`, `Level`, `TimeCreated.SystemTime`, `Security.UserID`, `Execution.ProcessID`,
 * `Provider.Name`, `EventData.<Name>` / `UserData.<Element>.<Name>` (assumption `cse-windows-record-keys`).
 */
export function windowsCseObject(view: WindowsEventView): Record<string, unknown> {
  assumption('cse-windows-record-keys');
  const sys = view.system;
  const data = dataObject(view);
  return {
    TimeCreated: { SystemTime: text(sys['TimeCreated_SystemTime']) },
    EventID: String(view.eventId),
    Task: text(sys['Task']),
    Keywords: text(sys['Keywords']),
    Channel: view.channel,
    Opcode: text(sys['Opcode']),
    Security: { UserID: text(sys['Security_UserID']) },
    Provider: { Guid: text(sys['Provider_Guid']), Name: view.provider },
    EventRecordID: text(sys['EventRecordID']),
    Execution: { ThreadID: text(sys['Execution_ThreadID']), ProcessID: text(sys['Execution_ProcessID']) },
    Version: text(sys['Version']),
    Computer: view.computer,
    Level: text(sys['Level']),
    ...(view.userDataElement ? { UserData: { [view.userDataElement]: data } } : { EventData: data }),
    Message: renderedMessage(view),
  };
}

/** Dotted key -> string value of a nested object (`EventData.Image`, `Security.UserID`). */
export function flattenKeys(obj: Record<string, unknown>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenKeys(v as Record<string, unknown>, key, out);
    else out[key] = text(v);
  }
  return out;
}

/** A MOF string literal (WMI object text): backslash and quote escaped (assumption `sumo-legacy-escaping`). */
function mof(s: string): string {
  assumption('sumo-legacy-escaping');
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function wmiTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.000000-000`;
}

const WMI_TYPES: Readonly<Record<string, string>> = { '1': 'Error', '2': 'Warning', '3': 'Information', '4': 'Information', '0': 'Information' };

/**
 * The legacy text format: the event as WMI's `instance of Win32_NTLogEvent { ... };` object text, the form Sumo's
 * docs show for "Collect using legacy format" (active-directory-legacy sample log) and which its legacy apps parse
 * with `parse "EventCode = *;"`, `parse "Computer = \"*\";"`, `parse regex "Message = \"..."`.
 */
export function windowsLegacyText(view: WindowsEventView, unnamed?: readonly string[]): string {
  const sys = view.system;
  const time = wmiTime(text(sys['TimeCreated_SystemTime']));
  const isAudit = view.channel === 'Security';
  const keywords = text(sys['Keywords']).toLowerCase();
  const type = isAudit ? (keywords === '0x8010000000000000' ? 'Audit Failure' : 'Audit Success') : (WMI_TYPES[text(sys['Level'])] ?? 'Information');
  // Unnamed `<Data>` elements are the event's insertion strings, one MOF string each.
  const insertion = view.data.flatMap(([k, v]) => (k === 'Data' && unnamed ? unnamed.map(mof) : [mof(renderedValue(k, v))])).join(', ');
  return [
    'instance of Win32_NTLogEvent',
    '{',
    `    Computer = ${mof(view.computer)};`,
    `    EventCode = ${view.eventId};`,
    `    EventIdentifier = ${view.eventId};`,
    `    Logfile = ${mof(view.channel)};`,
    `    RecordNumber = ${text(sys['EventRecordID']) || 0};`,
    `    SourceName = ${mof(view.provider)};`,
    `    TimeGenerated = ${mof(time)};`,
    `    TimeWritten = ${mof(time)};`,
    `    Type = ${mof(type)};`,
    `    Category = ${text(sys['Task']) || 0};`,
    `    Message = ${mof(renderedMessage(view, unnamed))};`,
    `    InsertionStrings = {${insertion}};`,
    '};',
  ].join('\r\n');
}

/** Non-Windows events as text: `key=value` pairs (values with spaces or quotes quoted), the auditd/syslog shape. */
function keyValueText(event: RawEvent): string {
  return Object.entries(event)
    .map(([k, v]) => {
      const s = text(v);
      return /[\s"]/.test(s) || s === '' ? `${k}=${JSON.stringify(s)}` : `${k}=${s}`;
    })
    .join(' ');
}

/**
 * An auditd record as audit.log holds it, `type=EXECVE msg=audit(<epoch>:<serial>): argc=3 a0="getcap" ...`: the
 * file is text whatever the collector (Sumo's JSON format is an option of Windows Event Log sources only), so the
 * message is that line in either format (assumption `sumo-auditd-text`).
 */
function auditdLine(event: RawEvent): string {
  assumption('sumo-auditd-text');
  const { type, ...rest } = event as Record<string, unknown>;
  const body = keyValueText(rest as RawEvent);
  return `type=${text(type ?? 'UNKNOWN')} msg=audit(1748855647.512:104000):${body ? ` ${body}` : ''}`;
}

/**
 * The text line a Linux log file holds for a Sigma `product: linux` service event (auditd, syslog, auth, sshd, sudo,
 * cron, ...): files are text whatever the collector, so every platform indexes the line itself. auditd: the audit
 * record line; the others: the key=value fields the event has, then its `message` (Sigma's keyword text for these
 * services) as written (assumption `sumo-auditd-text`). Undefined for other events.
 */
export function linuxTextLine(event: RawEvent, source: EventSource): string | undefined {
  // Services are log files; `product: linux` alone (Sigma's "any logs") too. Categories are Sysmon for Linux records.
  if (source.product !== 'linux' || (source.service === undefined && source.category !== undefined)) return undefined;
  if (source.service === 'auditd') return auditdLine(event);
  assumption('sumo-auditd-text');
  const { message, ...rest } = event as Record<string, unknown>;
  const kv = keyValueText(rest as RawEvent);
  const msg = message === undefined ? '' : Array.isArray(message) ? message.map(text).join(' ') : text(message);
  return [kv, msg].filter((x) => x !== '').join(' ');
}

function category(collection: SumoCollection, source: EventSource, event: RawEvent, fallback: string): string {
  const c = collection.sourceCategory;
  return typeof c === 'function' ? c(source, event) : (c ?? fallback);
}

/**
 * The message Sumo log search holds for a raw event, in the JSON collection format or the legacy text format
 * (Windows: WMI object text; other products: key=value text). Metadata: `_sourceHost` from `Computer` (Sumo docs:
 * "The value is parsed from the field Computer in your event logs"), `_sourceName` the channel (the docs' queries use
 * `_sourceName=Security`), `_sourceCategory`/`_source`/`_collector` from the collection config.
 */
export function sumoMessages(event: RawEvent, source: EventSource, format: 'json' | 'text', collection: SumoCollection = {}): SumoMessage[] {
  const view = windowsView(event, source);
  if (view) {
    const unnamed = view.unnamed;
    const raw = format === 'json' ? JSON.stringify(windowsJson(view, unnamed)) : windowsLegacyText(view, unnamed);
    return [{
      _raw: raw,
      _sourceCategory: category(collection, source, event, 'OS/Windows'),
      _source: collection.source ?? DEFAULT_COLLECTION.source,
      _sourceName: view.channel,
      _sourceHost: view.computer,
      _collector: collection.collector ?? DEFAULT_COLLECTION.collector,
    }];
  }
  const product = source.product ?? 'unknown';
  // Zeek dns.log's `answers` is a vector, written to a JSON log as an array (generic-dns.ts zeekAnswers, assumption
  // `zeek-dns-answers-list`): the JSON line holds the list, not the Sigma event's scalar.
  const zeekDns = product === 'zeek' && (source.service === 'dns' || event['_path'] === 'dns');
  const raw = linuxTextLine(event, source) ?? (format === 'json' ? JSON.stringify(zeekDns ? withZeekAnswers(event) : event) : keyValueText(event));
  return [{
    _raw: raw,
    _sourceCategory: category(collection, source, event, product === 'linux' ? 'OS/Linux' : product),
    _source: collection.source ?? product,
    _sourceName: source.service ?? source.category ?? product,
    _sourceHost: text(event['host'] ?? event['hostname'] ?? ''),
    _collector: collection.collector ?? DEFAULT_COLLECTION.collector,
  }];
}

/**
 * The key/value pairs Sumo's Windows parser hands to Cloud SIEM: the record's keys flattened with dots, plus
 * the Sysmon Hashes split into MD5/SHA1/SHA256/IMPHASH (assumption `sumo-windows-hashes-split`). Sysmon 15 names its
 * list `Hash` (same `ALG=hex,…` text), and its mapping reads the same four split keys
 * (sumo-cloud-siem-catalog/mappings/2978cae1-75f9-4117-b8d8-30e757ca7867.md:28-31): split as well.
 */
export function windowsParsedFields(view: WindowsEventView): Record<string, string> {
  const out = flattenKeys(windowsCseObject(view));
  const hashes = view.data.find(([k]) => k === 'Hashes' || (k === 'Hash' && view.channel === SYSMON_CHANNEL && view.eventId === 15))?.[1];
  if (hashes) assumption('sumo-windows-hashes-split');
  if (hashes) for (const [alg, v] of Object.entries(parseHashes(hashes))) out[alg] = v;
  return out;
}
