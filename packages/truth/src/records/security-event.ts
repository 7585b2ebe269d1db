import type { EventSource, KqlRecord, KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow, kqlTableColumns } from './columns.js';
import { renderedValue, userDataXml, xmlEscape } from './event-table.js';
import {
  SECURITY_CHANNEL, SECURITY_PROVIDER, SYSMON_CHANNEL, eventTime, field, hasField, hex, parseInteger, parseTime, splitPath,
  splitUser, text, windowsView, type WindowsEventView,
} from './windows.js';

/**
 * Sysmon IntegrityLevel -> the 4688 MandatoryLabel SID: the MandatoryLabelLookup datatable of
 * Azure-Sentinel/Parsers/ASimProcessEvent/Parsers/ASimProcessCreateMicrosoftSecurityEvents.yaml (lines 24-33), read
 * from its MandatoryLabelMeaning column ("Medium integrity" <- Sysmon "Medium").
 */
const MANDATORY_LABEL: Readonly<Record<string, string>> = {
  Untrusted: 'S-1-16-0',
  Low: 'S-1-16-4096',
  Medium: 'S-1-16-8192',
  MediumPlus: 'S-1-16-8448',
  High: 'S-1-16-12288',
  System: 'S-1-16-16384',
  Protected: 'S-1-16-20480',
};

/** Windows' titles of the events the corpus uses (the Activity column is `<id> - <title>`). */
const ACTIVITY: Readonly<Record<number, string>> = {
  4624: 'An account was successfully logged on.',
  4625: 'An account failed to log on.',
  4648: 'A logon was attempted using explicit credentials.',
  4688: 'A new process has been created.',
  4689: 'A process has exited.',
  4697: 'A service was installed in the system.',
  4698: 'A scheduled task was created.',
  4701: 'A scheduled task was disabled.',
  4720: 'A user account was created.',
  4768: 'A Kerberos authentication ticket (TGT) was requested.',
  4769: 'A Kerberos service ticket was requested.',
  4776: 'The computer attempted to validate the credentials for an account.',
};

function typed(type: KqlType, value: string): KqlValue {
  if (type === 'string') return value;
  if (type === 'int' || type === 'long') return parseInteger(value);
  if (type === 'real') return Number.isFinite(Number(value)) && value !== '' ? Number(value) : null;
  if (type === 'bool') return /^true$/i.test(value) ? true : /^false$/i.test(value) ? false : null;
  if (type === 'datetime') return parseTime(value);
  return value;
}

function account(domain: string, name: string): string {
  if (!name || name === '-') return '';
  return domain && domain !== '-' ? `${domain}\\${name}` : name;
}

/**
 * The EventData column: the event's Data elements as XML (assumption `event-xml-escaping`), or, for an event that
 * keeps its data in a UserData element, that element as Microsoft's parser reads it: the ASIM audit parser takes
 * Security 1102's Subject fields from `parse_xml(EventData).UserData.LogFileCleared.SubjectUserName`
 * (Azure-Sentinel/Parsers/ASimAuditEvent/Parsers/ASimAuditEventMicrosoftSecurityEvents.yaml:105-112), and its
 * `<Data Name="…">` regex for every other event id (:99).
 */
function eventDataXml(view: WindowsEventView, data: readonly (readonly [string, string])[]): string {
  assumption('event-xml-escaping');
  if (view.userDataElement) return userDataXml(view.userDataElement, data);
  // Indented, one element a line: Microsoft's firewall parser reads 5156's Data with `'</Data>' '\x0d\x0a  <Data
  // Name="Application">'` between them (ASimNetworkSessionMicrosoftSecurityEventFirewall.yaml:108-120).
  const items = data.map(([k, v]) => `\r\n  <Data Name="${k}">${xmlEscape(renderedValue(k, v))}</Data>`).join('');
  return `<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${items}\r\n</EventData>`;
}

/**
 * A Security-channel event: its Data values go to the columns of the same name (typed as documented). The children
 * of a UserData element are not Data values: they stay in EventData only (assumption `securityevent-userdata-columns`).
 */
function securityRow(view: WindowsEventView, data: readonly (readonly [string, string])[]): Record<string, KqlValue> {
  const cols = kqlTableColumns('SecurityEvent')!;
  const values: Record<string, KqlValue> = {};
  if (view.userDataElement) assumption('securityevent-userdata-columns');
  const named = view.userDataElement ? [] : data;
  for (const [k, v] of named) {
    const type = cols[k];
    if (type && !(k in COMMON)) values[k] = typed(type, v);
  }
  const get = (k: string): string => named.find(([n]) => n === k)?.[1] ?? '';
  const subject = account(get('SubjectDomainName'), get('SubjectUserName'));
  const target = account(get('TargetDomainName'), get('TargetUserName'));
  const actingName = get('TargetUserName') && get('TargetUserName') !== '-' ? get('TargetUserName') : get('SubjectUserName');
  const processPath = get('NewProcessName') || get('ProcessName');
  const title = ACTIVITY[view.eventId];
  assumption('event-level-name');
  Object.assign(values, {
    TimeGenerated: parseTime(text(view.system['TimeCreated_SystemTime'])) ?? eventTime(view),
    // The channel the event was logged to ("The channel to which the event was logged", securityevent-include.md:43):
    // Security, or an AppLocker log.
    Channel: view.channel,
    Computer: view.computer,
    EventID: view.eventId,
    EventSourceName: view.provider || (isAppLockerChannel(view.channel) ? APPLOCKER_PROVIDER : SECURITY_PROVIDER),
    Activity: title ? `${view.eventId} - ${title}` : String(view.eventId),
    EventData: eventDataXml(view, data),
    EventRecordId: text(view.system['EventRecordID']),
    Keywords: text(view.system['Keywords']),
    Level: text(view.system['Level']),
    Opcode: text(view.system['Opcode']),
    Task: parseInteger(text(view.system['Task'])),
    Version: parseInteger(text(view.system['Version'])),
    SystemProcessId: parseInteger(text(view.system['Execution_ProcessID'])),
    SystemThreadId: parseInteger(text(view.system['Execution_ThreadID'])),
    SystemUserId: text(view.system['Security_UserID']),
    SubjectAccount: subject,
    TargetAccount: target,
    // Account / AccountType / Process are derived by the agent; their rule is not documented (assumption).
    Account: target || subject,
    AccountType: actingName.endsWith('$') ? 'Machine' : actingName ? 'User' : '',
    Process: processPath ? splitPath(processPath).file : '',
    SourceSystem: 'OpsManager',
    Type: 'SecurityEvent',
  });
  assumption('event-agent-columns');
  return values;
}

/** Columns the builder sets from the System header; Data fields of the same name do not overwrite them. */
const COMMON: Readonly<Record<string, true>> = { Channel: true, Computer: true, EventID: true, Type: true, TimeGenerated: true };

/**
 * An account of a 4688 as Windows writes it for the account Sysmon names `user`: LocalSystem (Sysmon's NT
 * AUTHORITY\SYSTEM; any user named SYSTEM, assumption `securityevent-localsystem`) is the machine account, HOST$ in the
 * domain, with SID S-1-5-18 (event-4688.md's sample: SubjectUserSid S-1-5-18, SubjectUserName WIN-GG82ULGC9GO$,
 * SubjectDomainName CONTOSO); another account keeps its name, its SID unknown to Sysmon ('').
 */
function account4688(user: string, computer: string): { name: string; domain: string; sid: string } {
  const { domain, name } = splitUser(user);
  if (/^NT AUTHORITY$/i.test(domain) && /^SYSTEM$/i.test(name)) {
    assumption('securityevent-localsystem');
    const [host, ...rest] = computer.split('.');
    return { name: `${(host ?? '').toUpperCase()}$`, domain: rest.length ? rest[0]!.toUpperCase() : 'WORKGROUP', sid: 'S-1-5-18' };
  }
  return { name, domain, sid: '' };
}

/** Sysmon's level name through the lookup; a value that already is a mandatory-label SID (S-1-16-n) is the label. */
function mandatoryLabel(level: string): string {
  return MANDATORY_LABEL[level] ?? (/^S-1-16-\d+$/.test(level) ? level : '');
}

/** The Data of the 4688 Windows logs for the process a Sysmon 1 event describes (assumption `securityevent-4688-from-sysmon`). */
export function process4688Data(view: WindowsEventView): [string, string][] {
  assumption('securityevent-4688-from-sysmon');
  const user = field(view, 'User');
  const parentUser = hasField(view, 'ParentUser') ? field(view, 'ParentUser') : user;
  const subject = account4688(parentUser, view.computer);
  const sameUser = parentUser.toLowerCase() === user.toLowerCase();
  const target = account4688(user, view.computer);
  const pid = parseInteger(field(view, 'ProcessId'));
  const ppid = parseInteger(field(view, 'ParentProcessId'));
  return [
    ['SubjectUserSid', subject.sid],
    ['SubjectUserName', subject.name],
    ['SubjectDomainName', subject.domain],
    // Windows names the target only "when the creator and target do not share the same logon" (event-4688.md, Target
    // Subject note: MicrosoftDocs/windows-itpro-docs windows/security/threat-protection/auditing/event-4688.md, commit
    // 02d508ed6f5a8300651bee6b037b18a54dc4aa87): with the target empty the new process runs in the creator's logon, so
    // the Subject Logon ID is the one Sysmon reports for the new process. Sysmon does not record the creator's logon
    // otherwise, so it stays unknown there.
    ['SubjectLogonId', sameUser ? field(view, 'LogonId') : ''],
    ['NewProcessId', pid === null ? '' : hex(pid)],
    ['NewProcessName', field(view, 'Image')],
    ['TokenElevationType', ''],
    ['ProcessId', ppid === null ? '' : hex(ppid)],
    ['CommandLine', field(view, 'CommandLine')],
    ['TargetUserSid', sameUser ? 'S-1-0-0' : target.sid],
    ['TargetUserName', sameUser ? '-' : target.name],
    ['TargetDomainName', sameUser ? '-' : target.domain],
    ['TargetLogonId', sameUser ? '0x0' : field(view, 'LogonId')],
    ['ParentProcessName', field(view, 'ParentImage')],
    ['MandatoryLabel', mandatoryLabel(field(view, 'IntegrityLevel'))],
  ];
}

/** AppLocker's provider, which writes its four logs (`Microsoft-Windows-AppLocker/EXE and DLL`, …). */
const APPLOCKER_PROVIDER = 'Microsoft-Windows-AppLocker';

function isAppLockerChannel(channel: string): boolean {
  return channel.startsWith(`${APPLOCKER_PROVIDER}/`);
}

/**
 * Whether Sentinel's Windows Security Events connector sends a channel's events to SecurityEvent: the Security log and
 * AppLocker's logs. Microsoft's list of the connector's event sets (MicrosoftDocs/azure-docs
 * articles/sentinel/windows-security-event-id-reference.md @ 04ff9c69): "All events - All Windows security and AppLocker
 * events", AppLocker's 8001-8007 and 8222 in its Minimal and Common sets; Microsoft's query guide reads AppLocker's 8002
 * from SecurityEvent (MicrosoftDocs/azure-monitor-docs articles/azure-monitor/logs/query-optimization.md: `SecurityEvent
 * | where EventID == 8002 … | extend Details = parse_xml(EventData) | extend FilePath =
 * tostring(Details.UserData.RuleAndFileData.FilePath)`). Assumption `securityevent-applocker`.
 */
export function isSecurityEventChannel(channel: string): boolean {
  return channel === SECURITY_CHANNEL || isAppLockerChannel(channel);
}

/**
 * `SecurityEvent` rows (columns and types of azure-monitor-ref/tables/includes/securityevent-include.md). A
 * Security-channel event maps its Data to the columns of the same name; an AppLocker event keeps its UserData element
 * RuleAndFileData as its EventData, as 1102 keeps LogFileCleared (eventDataXml); a Sysmon process creation becomes the
 * 4688 row of the same process. Other events give [].
 */
export function securityEventRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const view = windowsView(event, source);
  if (!view) return [];
  if (isSecurityEventChannel(view.channel)) {
    if (view.channel !== SECURITY_CHANNEL) assumption('securityevent-applocker');
    return [{ table: 'SecurityEvent', row: fullRow('SecurityEvent', securityRow(view, view.data)) }];
  }
  if (view.channel === SYSMON_CHANNEL && view.eventId === 1) {
    const as4688 = process4688View(view);
    return [{ table: 'SecurityEvent', row: fullRow('SecurityEvent', securityRow(as4688, as4688.data)) }];
  }
  return [];
}

/**
 * The 4688 event Windows logs for the process a Sysmon 1 event describes, as a view (header and Data): audit events
 * have Level 0, task 13312 (Process Creation), the audit-success keyword and version 2 (the version carrying
 * ParentProcessName/MandatoryLabel); the record id is the Security log's own.
 */
export function process4688View(view: WindowsEventView): WindowsEventView {
  const time = eventTime(view);
  return {
    channel: SECURITY_CHANNEL,
    eventId: 4688,
    provider: SECURITY_PROVIDER,
    computer: view.computer,
    system: { TimeCreated_SystemTime: time?.toISOString() ?? '', Level: 0, Task: 13312, Opcode: 0, Keywords: '0x8020000000000000', Version: 2 },
    data: process4688Data(view),
  };
}
