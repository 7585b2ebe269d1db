import type { EventSource, KqlRecord, KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { kqlTableColumns, kustoDefault } from './columns.js';
import { securityEventRecords } from './security-event.js';
import { eventTableRecords, windowsEventRecords } from './event-table.js';
import { defenderRecords } from './defender.js';
import { SECURITY_CHANNEL, SYSMON_CHANNEL, linuxSysmonView, macosView, parseInteger, parseTime, windowsView } from './windows.js';

/**
 * The ASIM views (imProcessCreate, imFileEvent, imRegistry, imNetworkSession, imDns) as Microsoft's own parsers compute
 * them. Each view is a transcription of one parser in /work/shared/vendor/microsoft/Azure-Sentinel/Parsers, run over
 * the Event / WindowsEvent / SecurityEvent row that the table builders of this folder produce for the event: the ASIM
 * row is what the parser computes from the stored row, quirks included (a parser that reads a field Sysmon never
 * writes yields an empty column). Rows carry every field of the view's schema page (defaults where the parser sets
 * nothing) plus the columns the parser adds.
 */
export interface AsimOptions {
  /** Which table the Sysmon events reach (agent): see assumption `asim-deployment`. */
  readonly via?: 'Event' | 'WindowsEvent';
}

type Row = Record<string, KqlValue>;

export function asimRecords(event: RawEvent, source: EventSource, options: AsimOptions = {}): KqlRecord[] {
  // The views are unions (isfuzzy) of every source parser: a row holds every column of the view, null/"" where its
  // own parser sets nothing.
  return parsedRows(event, source, options).map((r) => {
    const cols = asimViewColumns(r.table) ?? {};
    const row: Row = {};
    for (const [k, t] of Object.entries(cols)) row[k] = k in r.row ? r.row[k]! : kustoDefault(t);
    return { table: r.table, row };
  });
}

/** The rows the transcribed parsers compute (schema-page fields defaulted, no padding to the union's columns). */
function parsedRows(event: RawEvent, source: EventSource, options: AsimOptions): KqlRecord[] {
  assumption('asim-deployment');
  const via = options.via ?? 'WindowsEvent';
  const posix = linuxSysmonView(event, source) ?? macosView(event, source);
  if (posix) {
    // Linux and macOS processes reach imProcessCreate through the Defender for Endpoint parser, the one parser of the
    // view's union (ASimProcessEventCreate.yaml) in the snapshot that reads them (assumption `asim-posix-via-defender`).
    if (posix.eventId !== 1) return [];
    assumption('asim-posix-via-defender');
    const row = defenderRecords(event, source).find((r) => r.table === 'DeviceProcessEvents');
    return row ? [finish('imProcessCreate', processEventM365D(row.row))] : [];
  }
  const view = windowsView(event, source);
  if (!view) return [];
  if (view.channel === SECURITY_CHANNEL) {
    if (view.eventId !== 4688) return [];
    const se = securityEventRecords(event, source)[0];
    return se ? [finish('imProcessCreate', processCreateSecurityEvent(se.row))] : [];
  }
  if (view.channel !== SYSMON_CHANNEL) return [];
  const stored = via === 'Event' ? eventTableRecords(event, source)[0] : windowsEventRecords(event, source)[0];
  if (!stored) return [];
  const r = stored.row;
  const id = view.eventId;
  const out: [string, Row | undefined][] = [];
  if (id === 1) out.push(['imProcessCreate', via === 'Event' ? processCreateSysmonEvent(r) : processCreateSysmonWindowsEvent(r)]);
  else if (id === 11 || id === 23 || id === 26) out.push(['imFileEvent', fileSysmon(r, via)]);
  else if (id === 12 || id === 13 || id === 14) out.push(['imRegistry', registrySysmon(r, via)]);
  else if (id === 3) out.push(['imNetworkSession', networkSysmon(r, via)]);
  else if (id === 22) out.push(['imDns', via === 'WindowsEvent' ? dnsSysmon(r) : undefined]);
  return out.filter((e): e is [string, Row] => e[1] !== undefined).map(([t, row]) => finish(t, row));
}

/** The views asimRecords builds and the Sysmon/Security event ids feeding each. */
export const ASIM_COVERAGE: Readonly<Record<string, readonly string[]>> = {
  imProcessCreate: ['Sysmon 1', 'Security 4688', 'Linux/macOS process_creation (Defender DeviceProcessEvents)'],
  imFileEvent: ['Sysmon 11', 'Sysmon 23', 'Sysmon 26'],
  imRegistry: ['Sysmon 12', 'Sysmon 13', 'Sysmon 14'],
  imNetworkSession: ['Sysmon 3'],
  imDns: ['Sysmon 22 (WindowsEvent branch only: the Event branch is commented out in ASimDnsMicrosoftSysmon.yaml)'],
};

/** Schema-page fields the parser did not set get their Kusto default; the parser's own columns stay. */
function finish(table: string, values: Row): KqlRecord {
  const cols = kqlTableColumns(table) ?? {};
  const row: Row = {};
  for (const [k, t] of Object.entries(cols)) row[k] = kustoDefault(t);
  for (const [k, v] of Object.entries(values)) row[k] = v;
  return { table, row };
}

/** Types of the parser-made columns that are not strings (from the parsers' own casts: int(1), toint(), todatetime()). */
const PARSER_TYPES: Readonly<Record<string, KqlType>> = {
  TimeGenerated: 'datetime', EventStartTime: 'datetime', EventEndTime: 'datetime', TargetFileCreationTime: 'datetime',
  EventCount: 'int', DstPortNumber: 'int', SrcPortNumber: 'int', DnsResponseCode: 'int', EventID: 'int', Task: 'int',
  SystemProcessId: 'int', SystemThreadId: 'int', Version: 'int', LogonType: 'int', ServiceStartType: 'int', ErrorCode: 'int',
  KeyLength: 'int', AuthenticationLevel: 'int', AuthenticationService: 'int', AuditsDiscarded: 'int', _BilledSize: 'real',
};

/** One event of each kind the views read, every Data field present: running the parsers on them lists their columns. */
function probes(): [RawEvent, EventSource][] {
  const sysmon = (id: number, fields: readonly string[]): [RawEvent, EventSource] => [
    { Channel: SYSMON_CHANNEL, EventID: id, Computer: 'probe', ...Object.fromEntries(fields.map((f) => [f, 'x'])) },
    { product: 'windows' },
  ];
  return [
    sysmon(1, ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'CommandLine', 'User', 'Hashes', 'ParentImage']),
    sysmon(3, ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'Protocol', 'Initiated']),
    sysmon(11, ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'User']),
    sysmon(13, ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'Details', 'User']),
    sysmon(22, ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'QueryName', 'QueryStatus', 'QueryResults', 'Image', 'User']),
    [{ Channel: SECURITY_CHANNEL, EventID: 4688, Computer: 'probe', NewProcessName: 'x', SubjectUserName: 'x' }, { product: 'windows', service: 'security' }],
  ];
}

const viewColumnCache = new Map<string, Readonly<Record<string, KqlType>>>();

/**
 * The columns of an ASIM view as the interpreter must know them: the schema page's fields plus every column the
 * transcribed parsers produce (both branches), typed by PARSER_TYPES or as string. Undefined for a non-ASIM name.
 */
export function asimViewColumns(table: string): Readonly<Record<string, KqlType>> | undefined {
  if (!(table in ASIM_COVERAGE)) return undefined;
  let cols = viewColumnCache.get(table);
  if (cols) return cols;
  const out: Record<string, KqlType> = { ...(kqlTableColumns(table) ?? {}) };
  for (const [event, source] of probes()) {
    for (const via of ['Event', 'WindowsEvent'] as const) {
      for (const rec of parsedRows(event, source, { via })) {
        if (rec.table !== table) continue;
        for (const k of Object.keys(rec.row)) if (!(k in out)) out[k] = PARSER_TYPES[k] ?? 'string';
      }
    }
  }
  cols = out;
  viewColumnCache.set(table, cols);
  return cols;
}

// ------------------------------------------------------------------------------------------------ Kusto helpers

function s(v: KqlValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `parse-kv EventData as (...) with (regex=...)` over the Event XML: name -> value (first occurrence wins). */
function parseKvRegex(xml: string, regex: RegExp): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(regex)) if (!out.has(m[1]!)) out.set(m[1]!, m[2]!);
  return out;
}

/** The regex of ASimProcessCreateMicrosoftSysmon.yaml:52, ASimFileEventMicrosoftSysmon.yaml:42, ASimDnsMicrosoftSysmon.yaml:66. */
const DATA_REGEX = /<Data Name="(\w+)">{?([^<]*?)}?<\/Data>/g;
/** The regex of ASimNetworkSessionMicrosoftSysmon.yaml:48 (note `[^>]`, not `[^<]`). */
const DATA_REGEX_NETWORK = /<Data Name="(\w+)">{?([^>]*?)}?<\/Data>/g;

/** `parse-kv Hashes as (MD5, SHA1, SHA256, IMPHASH)` (assumption `asim-parse-kv-hashes`). */
function parseKvHashes(hashes: string): Record<string, string> {
  assumption('asim-parse-kv-hashes');
  const out: Record<string, string> = {};
  for (const part of hashes.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** `extract('^{(.*)}$', 1, x)`: the text between braces, or "" when x is not braced. */
function unbrace(x: string): string {
  const m = /^{(.*)}$/s.exec(x);
  return m ? m[1]! : '';
}

/** `parse x with "{" X "}"`: X when x matches, else the column keeps... Kusto sets it to "" on no match. */
function parseBraced(x: string): string {
  const m = /^{(.*?)}$/s.exec(x);
  return m ? m[1]! : '';
}

function tobool(x: string): boolean | null {
  return /^true$/i.test(x) ? true : /^false$/i.test(x) ? false : null;
}

function toint(x: string): number | null {
  return /^-?\d+$/.test(x.trim()) ? Number(x.trim()) : null;
}

/** `_ASIM_Resolve*FQDN(name)` (assumption `asim-resolve-fqdn`). */
function resolveFqdn(prefix: string, name: string): Row {
  assumption('asim-resolve-fqdn');
  const dot = name.indexOf('.');
  return dot < 0
    ? { [`${prefix}Hostname`]: name, [`${prefix}Domain`]: '', [`${prefix}FQDN`]: '', [`${prefix}DomainType`]: '' }
    : { [`${prefix}Hostname`]: name.slice(0, dot), [`${prefix}Domain`]: name.slice(dot + 1), [`${prefix}FQDN`]: name, [`${prefix}DomainType`]: 'FQDN' };
}

function hashPick(h: Record<string, string>, order: readonly string[]): { Hash: string; HashType: string } {
  for (const k of order) if (h[k]) return { Hash: h[k]!, HashType: k };
  return { Hash: '', HashType: '' };
}

function dyn(row: Row): Record<string, unknown> {
  const d = row['EventData'];
  return d !== null && typeof d === 'object' && !Array.isArray(d) && !(d instanceof Date) ? (d as Record<string, unknown>) : {};
}

// ------------------------------------------------------------------------------------------------ imProcessCreate

/** `tostring(x)` of a Defender column (null -> ""). */
function ks(v: KqlValue | undefined): string {
  if (v === null || v === undefined) return '';
  return v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** `iff(Domain == '', Name, strcat(Domain, '\\', Name))` */
function account(domain: string, name: string): string {
  return domain === '' ? name : `${domain}\\${name}`;
}

/** ASimProcessEventMicrosoft365D.yaml:24-89 over a DeviceProcessEvents row. */
function processEventM365D(r: Row): Row {
  const c = (k: string): string => ks(r[k]);
  const time = r['Timestamp'] ?? r['TimeGenerated'] ?? null;
  const actor = account(c('InitiatingProcessAccountDomain'), c('InitiatingProcessAccountName'));
  const target = account(c('AccountDomain'), c('AccountName'));
  const hash = c('SHA256') || c('SHA1') || c('MD5') || '';
  const out: Row = {
    EventOriginalUid: c('ReportId'),
    EventCount: 1,
    EventProduct: 'M365 Defender for Endpoint',
    EventVendor: 'Microsoft',
    EventSchemaVersion: '0.1.0',
    EventSchema: 'ProcessEvent',
    EventStartTime: time,
    EventEndTime: time,
    EventResult: 'Success',
    ActorUsername: actor,
    TargetUsername: target,
    TargetUsernameType: c('AccountDomain') === '' ? 'Simple' : 'Windows',
    ActorUsernameType: c('InitiatingProcessAccountDomain') === '' ? 'Simple' : 'Windows',
    ActorUserIdType: 'SID',
    TargetUserIdType: 'SID',
    ActorSessionId: c('InitiatingProcessLogonId'),
    TargetUserSessionId: c('LogonId'),
    Hash: hash,
    TargetProcessId: c('ProcessId'),
    ActingProcessId: c('InitiatingProcessId'),
    ParentProcessId: c('InitiatingProcessParentId'),
    DvcOs: c('AdditionalFields').includes('ProcessPosixProcessGroupId') ? 'Linux' : 'Windows',
    HashType: hash === '' ? '' : hash === c('SHA256') ? 'SHA256' : hash === c('SHA1') ? 'SHA1' : 'MD5',
    ...resolveFqdn('Dvc', c('DeviceName')),
    DvcId: c('DeviceId'),
    EventType: c('ActionType'),
    ActorUserId: c('InitiatingProcessAccountSid'),
    ActorUserAadId: c('InitiatingProcessAccountObjectId'),
    ActorUserUpn: c('InitiatingProcessAccountUpn'),
    TargetUserId: c('AccountSid'),
    TargetUserAadId: c('AccountObjectId'),
    TargetUserUpn: c('AccountUpn'),
    ParentProcessName: c('InitiatingProcessParentFileName'),
    TargetProcessFilename: c('FileName'),
    ParentProcessCreationTime: r['InitiatingProcessParentCreationTime'] ?? null,
    TargetProcessName: c('FolderPath'),
    TargetProcessCommandLine: c('ProcessCommandLine'),
    TargetProcessMD5: c('MD5'),
    TargetProcessSHA1: c('SHA1'),
    TargetProcessSHA256: c('SHA256'),
    TargetProcessIntegrityLevel: c('ProcessIntegrityLevel'),
    TargetProcessTokenElevation: c('ProcessTokenElevation'),
    TargetProcessCreationTime: r['ProcessCreationTime'] ?? null,
    ActingProcessName: c('InitiatingProcessFolderPath'),
    ActingProcessFilename: c('InitiatingProcessFileName'),
    ActingProcessCommandLine: c('InitiatingProcessCommandLine'),
    ActingProcessMD5: c('InitiatingProcessMD5'),
    ActingProcessSHA1: c('InitiatingProcessSHA1'),
    ActingProcessSHA256: c('InitiatingProcessSHA256'),
    ActingProcessIntegrityLevel: c('InitiatingProcessIntegrityLevel'),
    ActingProcessTokenElevation: c('InitiatingProcessTokenElevation'),
    ActingProcessCreationTime: r['InitiatingProcessCreationTime'] ?? null,
  };
  // -- aliases (ASimProcessEventMicrosoft365D.yaml:83-87)
  out['User'] = target || actor;
  out['CommandLine'] = out['TargetProcessCommandLine']!;
  out['Process'] = out['TargetProcessName']!;
  out['Dvc'] = out['DvcHostname']!;
  return out;
}

/** Trailer of ASimProcessCreateMicrosoftSysmon.yaml (after the union, lines 146-159). */
function processCreateCommon(): Row {
  return {
    EventType: 'ProcessCreated', EventOriginalType: '1', EventCount: 1, EventVendor: 'Microsoft', EventSchemaVersion: '0.1.0',
    EventSchema: 'ProcessEvent', EventProduct: 'Sysmon', EventResult: 'Success', DvcOs: 'Windows', TargetUsernameType: 'Windows',
    ActorUsernameType: 'Windows',
  };
}

/** ASimProcessCreateMicrosoftSysmon.yaml, parser_Event (lines 26-95). */
function processCreateSysmonEvent(r: Row): Row {
  const kv = parseKvRegex(s(r['EventData']), DATA_REGEX);
  const g = (k: string): string => kv.get(k) ?? '';
  const h = parseKvHashes(g('Hashes'));
  const time = r['TimeGenerated'] as Date | null;
  return {
    TimeGenerated: time, Type: 'Event', EventStartTime: time, EventEndTime: time,
    TargetProcessMD5: h['MD5'] ?? '', TargetProcessSHA1: h['SHA1'] ?? '', TargetProcessSHA256: h['SHA256'] ?? '', TargetProcessIMPHASH: h['IMPHASH'] ?? '',
    ...hashPick(h, ['SHA256', 'SHA1', 'IMPHASH', 'MD5']),
    TargetUsername: g('User'), User: g('User'), TargetProcessCommandLine: g('CommandLine'), CommandLine: g('CommandLine'),
    DvcHostname: s(r['Computer']), TargetUserSessionGuid: g('LogonGuid'), TargetProcessId: g('ProcessId'), TargetUserSessionId: g('LogonId'),
    TargetProcessGuid: g('ProcessGuid'), TargetProcessName: g('Image'), TargetProcessFilename: g('OriginalFileName'),
    TargetProcessCurrentDirectory: g('CurrentDirectory'), TargetProcessIntegrityLevel: g('IntegrityLevel'), TargetProcessFileCompany: g('Company'),
    TargetProcessFileDescription: g('Description'), TargetProcessFileVersion: g('FileVersion'), TargetProcessFileProduct: g('Product'),
    ActingProcessId: g('ParentProcessId'), ActingProcessGuid: g('ParentProcessGuid'), ActingProcessCommandLine: g('ParentCommandLine'),
    ActingProcessName: g('ParentImage'), ActorUsername: g('ParentUser'),
    Process: g('Image'), Dvc: s(r['Computer']),
    ...processCreateCommon(),
  };
}

/** ASimProcessCreateMicrosoftSysmon.yaml, parser_WindowsEvent (lines 96-144). */
function processCreateSysmonWindowsEvent(r: Row): Row {
  const d = dyn(r);
  const g = (k: string): string => s(d[k] as KqlValue);
  const h = parseKvHashes(g('Hashes'));
  const time = r['TimeGenerated'] as Date | null;
  return {
    TimeGenerated: time, Type: 'WindowsEvent', EventStartTime: time, EventEndTime: time,
    TargetProcessMD5: h['MD5'] ?? '', TargetProcessSHA1: h['SHA1'] ?? '', TargetProcessSHA256: h['SHA256'] ?? '', TargetProcessIMPHASH: h['IMPHASH'] ?? '',
    ...hashPick(h, ['SHA256', 'SHA1', 'IMPHASH', 'MD5']),
    TargetUserSessionId: g('LogonId'), TargetUsername: g('User'), TargetProcessCommandLine: g('CommandLine'),
    TargetProcessCurrentDirectory: g('CurrentDirectory'), TargetUserSessionGuid: unbrace(g('LogonGuid')), TargetProcessId: g('ProcessId'),
    TargetProcessGuid: unbrace(g('ProcessGuid')), TargetProcessName: g('Image'), TargetProcessFilename: g('OriginalFileName'),
    TargetProcessIntegrityLevel: g('IntegrityLevel'), TargetProcessFileCompany: g('Company'), TargetProcessFileDescription: g('Description'),
    TargetProcessFileVersion: g('FileVersion'), TargetProcessFileProduct: g('Product'), ActingProcessId: g('ParentProcessId'),
    ActingProcessGuid: unbrace(g('ParentProcessGuid')), ActingProcessCommandLine: g('ParentCommandLine'), ActingProcessName: g('ParentImage'),
    ActorUsername: g('ParentUser'), DvcHostname: s(r['Computer']), EventOriginalUid: s(r['EventOriginId']),
    Dvc: s(r['Computer']), User: g('User'), CommandLine: g('CommandLine'), Process: g('Image'),
    ...processCreateCommon(),
  };
}

/** KnownSIDs / UserTypeLookup of ASimProcessCreateMicrosoftSecurityEvents.yaml (lines 35-44). */
const KNOWN_SIDS: Readonly<Record<string, { username: string; type: string }>> = {
  'S-1-5-18': { username: 'Local System', type: 'Simple' },
  'S-1-0-0': { username: 'Nobody', type: 'Simple' },
};
const USER_TYPE: Readonly<Record<string, string>> = { User: 'Regular', Machine: 'Machine' };

/** ASimProcessCreateMicrosoftSecurityEvents.yaml (lines 45-105) over a SecurityEvent 4688 row. */
function processCreateSecurityEvent(r: Row): Row {
  assumption('asim-toint-hex');
  assumption('asim-lookup-name-conflict');
  const g = (k: string): string => s(r[k]);
  const known = KNOWN_SIDS[g('SubjectUserSid')];
  const idOf = (x: string): string => {
    const n = parseInteger(x);
    return n === null ? '' : String(n);
  };
  const time = r['TimeGenerated'] as Date | null;
  const out: Row = {};
  // project-keep Event*, Dvc*, Actor*, Target*, Acting*, ... : the SecurityEvent columns that survive by name.
  for (const [k, v] of Object.entries(r)) if (/^(Event|Dvc|Actor|Target|Acting)/.test(k)) out[k] = v;
  delete out['TargetDomainName'];
  delete out['TargetUserName'];
  delete out['TargetAccount'];
  delete out['EventID'];
  const targetUserSid = g('TargetUserSid');
  delete out['TargetUserSid'];
  const targetLogonId = g('TargetLogonId');
  delete out['TargetLogonId'];
  Object.assign(out, {
    TimeGenerated: time, Type: 'SecurityEvent', _ResourceId: g('_ResourceId'),
    EventCount: 1, EventVendor: 'Microsoft', EventProduct: 'Security Events', EventSchemaVersion: '0.1.3', EventSchema: 'ProcessEvent',
    EventResult: 'Success', EventStartTime: time, EventEndTime: time, EventType: 'ProcessCreated', EventOriginalType: String(r['EventID'] ?? ''),
    DvcOs: 'Windows',
    ActorUsername: g('SubjectUserName') === '-' ? (known?.username ?? '') : g('SubjectAccount'),
    ActorUsernameType: g('SubjectUserName') === '-' ? (known?.type ?? '') : 'Windows',
    TargetUsername: g('TargetUserName') === '-' ? (known?.username ?? '') : g('TargetAccount'),
    TargetUsernameType: g('TargetDomainName') === '-' ? (known?.type ?? '') : 'Windows',
    ActorUserType: USER_TYPE[g('AccountType')] ?? '',
    ActorUserIdType: 'SID', TargetUserIdType: 'SID',
    ActingProcessId: idOf(g('ProcessId')), TargetProcessId: idOf(g('NewProcessId')), TargetProcessCommandLine: g('CommandLine'),
    DvcId: g('SourceComputerId'), DvcHostname: g('Computer'), ActingProcessName: g('ParentProcessName'), TargetProcessName: g('NewProcessName'),
    ActorDomainName: g('SubjectDomainName'), ActorUserId: g('SubjectUserSid'), ActorSessionId: g('SubjectLogonId'),
    TargetUserId: targetUserSid, TargetUserSessionId: targetLogonId, EventOriginalUid: '', TargetProcessTokenElevation: g('TokenElevationType'),
    CommandLine: g('CommandLine'),
  });
  out['User'] = out['TargetUsername']!;
  out['Dvc'] = out['DvcHostname']!;
  out['Process'] = out['TargetProcessName']!;
  return out;
}

// ------------------------------------------------------------------------------------------------ imFileEvent

/** ASimFileEventMicrosoftSysmon.yaml (EventParser lines 25-54, WindowsEventParser 55-73, common trailer 74-125). */
function fileSysmon(r: Row, via: 'Event' | 'WindowsEvent'): Row {
  let f: Row;
  if (via === 'Event') {
    const kv = parseKvRegex(s(r['EventData']), DATA_REGEX);
    const g = (k: string): string => kv.get(k) ?? '';
    f = {
      RuleName: g('RuleName'), Hashes: g('Hashes'), ActingProcessGuid: g('ProcessGuid'), ActingProcessId: g('ProcessId'), ActorUsername: g('User'),
      ActingProcessName: g('Image'), TargetFileCreationTime: parseTime(g('CreationUtcTime')), TargetFilePath: g('TargetFilename'),
      EventStartTime: parseTime(g('UtcTime')), Type: 'Event',
    };
  } else {
    const d = dyn(r);
    const g = (k: string): string => s(d[k] as KqlValue);
    f = {
      TargetFileCreationTime: parseTime(g('CreationUtcTime')), TargetFilePath: g('TargetFilename'), ActingProcessName: g('Image'),
      ActingProcessId: g('ProcessId'), ActingProcessGuid: parseBraced(g('ProcessGuid')), ActorUsername: g('User'),
      EventStartTime: parseTime(g('UtcTime')), RuleName: g('RuleName'), Hashes: g('Hashes'), Type: 'WindowsEvent',
    };
  }
  const eventId = r['EventID'];
  const path = s(f['TargetFilePath']);
  const user = s(f['ActorUsername']);
  const h = parseKvHashes(s(f['Hashes']));
  delete f['Hashes'];
  const name = path.split('\\').at(-1) ?? '';
  const out: Row = {
    ...f,
    TimeGenerated: r['TimeGenerated'] ?? null, DvcHostname: s(r['Computer']), DvcScopeId: '', DvcId: '',
    EventType: eventId === 11 ? 'FileCreated' : 'FileDeleted', EventProduct: 'Sysmon', EventVendor: 'Microsoft', EventSchema: 'FileEvent',
    EventSchemaVersion: '0.2.1', EventResult: 'Success', EventSeverity: 'Informational', DvcOs: 'Windows', TargetFilePathType: 'Windows',
    DvcIdType: '', EventCount: 1, EventEndTime: f['EventStartTime'] ?? null, EventOriginalType: String(eventId ?? ''),
    TargetFileName: name, ActorUsernameType: user ? 'Windows' : '', RuleName: s(f['RuleName']) === '-' ? '' : s(f['RuleName']),
    TargetFileMD5: h['MD5'] ?? '', TargetFileSHA1: h['SHA1'] ?? '', TargetFileIMPHASH: h['IMPHASH'] ?? '', TargetFileSHA256: h['SHA256'] ?? '',
    ...hashPick(h, ['SHA256', 'SHA1', 'MD5', 'IMPHASH']),
    ActorWindowsUsername: user, Process: s(f['ActingProcessName']), Dvc: s(r['Computer']), FilePath: path, FileName: name, User: user,
  };
  return out;
}

// ------------------------------------------------------------------------------------------------ imRegistry

/** RegistryAction and Hives datatables, ASimRegistryEventMicrosoftSysmon.yaml:27-40. */
const REGISTRY_ACTION: Readonly<Record<string, string>> = {
  CreateKey: 'RegistryKeyCreated', DeleteKey: 'RegistryKeyDeleted', DeleteValue: 'RegistryValueDeleted', SetValue: 'RegistryValueSet', RenameKey: 'RegistryKeyRenamed',
};
const HIVES: Readonly<Record<string, string>> = { HKLM: 'HKEY_LOCAL_MACHINE', HKU: 'HKEY_USERS', HKCR: 'HKEY_LOCAL_MACHINE\\Classes' };

/** Kusto `parse` (simple mode) of the Event branch, lines 47-56, as one anchored regex; no match = all "". */
const REGISTRY_PARSE =
  /^.*?<Data Name="RuleName">(.*?)<\/Data><Data Name="EventType">(.*?)<\/Data><Data Name="UtcTime">(.*?)<\/Data><Data Name="ProcessGuid">{(.*?)}<\/Data><Data Name="ProcessId">(.*?)<\/Data><Data Name="Image">(.*?)<\/Data><Data Name="TargetObject">(.*?)<\/Data>(.*)$/s;
const REGISTRY_PARSE_REST = /^<Data Name="Details">(.*?)<\/Data><Data Name="User">(.*?)<\/Data>.*$/s;

/** `parse X with KeyPrefix "\\" KeyMain | lookup Hives on KeyPrefix | strcat(Hive, "\\", KeyMain)` (lookup is left outer). */
function rehive(x: string): string {
  const i = x.indexOf('\\');
  const prefix = i < 0 ? '' : x.slice(0, i);
  const main = i < 0 ? '' : x.slice(i + 1);
  return `${HIVES[prefix] ?? ''}\\${main}`;
}

/** `extract_all(@"^(.+)\\(.+)$", x)[0]`: [key, value] split at the last backslash, or undefined. */
function lastSplit(x: string): [string, string] | undefined {
  const m = /^(.+)\\(.+)$/s.exec(x);
  return m ? [m[1]!, m[2]!] : undefined;
}

/** ASimRegistryEventMicrosoftSysmon.yaml, both branches (Event lines 43-115, WindowsEvent 116-177). */
function registrySysmon(r: Row, via: 'Event' | 'WindowsEvent'): Row {
  let base: Row;
  let sysmonType: string;
  let targetObject: string;
  let parameter: string;
  if (via === 'Event') {
    const m = REGISTRY_PARSE.exec(s(r['EventData']));
    const rest = m ? REGISTRY_PARSE_REST.exec(m[8]!) : null;
    sysmonType = m?.[2] ?? '';
    targetObject = m?.[7] ?? '';
    parameter = rest?.[1] ?? '';
    const actor = rest?.[2] ?? '';
    base = {
      RuleName: m?.[1] ?? '', UtcTime: m?.[3] ?? '', ActorUsername: actor, EventMessage: s(r['RenderedDescription']), DvcHostName: s(r['Computer']),
      ActingProcessId: m?.[5] ?? '', ActingProcessGuid: m?.[4] ?? '', ActingProcessName: m?.[6] ?? '', ActorUsernameType: actor ? 'Windows' : '', Type: 'Event',
    };
  } else {
    const d = dyn(r);
    const g = (k: string): string => s(d[k] as KqlValue);
    sysmonType = g('EventType');
    targetObject = g('TargetObject');
    // The WindowsEvent branch reads EventData.Parameter (line 136), a name Sysmon does not write.
    parameter = g('Parameter');
    const actor = g('User');
    base = {
      EventMessage: g('RenderedDescription'), ActorUsername: actor, ActingProcessId: g('ProcessId'), ActingProcessGuid: unbrace(g('ProcessGuid')),
      ActingProcessName: g('Image'), DvcHostName: s(r['Computer']), ActorUsernameType: actor ? 'Windows' : '', Type: 'WindowsEvent',
    };
  }
  const eventType = REGISTRY_ACTION[sysmonType] ?? '';
  let key = rehive(targetObject);
  const newName = rehive(parameter);
  const valueOp = eventType === 'RegistryValueSet' || eventType === 'RegistryValueDeleted';
  const parsed = lastSplit(key);
  const value = valueOp ? (parsed?.[1] ?? '') : '';
  if (valueOp) key = parsed?.[0] ?? '';
  const parsedNew = lastSplit(newName);
  const time = r['TimeGenerated'] as Date | null;
  return {
    ...base,
    TimeGenerated: time, EventStartTime: time, EventEndTime: time, EventCount: 1, EventVendor: 'Microsoft', EventSchemaVersion: '0.1.0',
    EventProduct: 'Sysmon', EventOriginalType: String(r['EventID'] ?? ''), DvcOs: 'Windows',
    EventOriginalSubType: sysmonType, EventType: eventType,
    RegistryKey: eventType === 'RegistryKeyRenamed' ? (parsedNew?.[0] ?? '') : key,
    RegistryKeyModified: eventType === 'RegistryKeyRenamed' || eventType === 'RegistryValueSet' ? key : '',
    RegistryValue: valueOp ? value : '',
    RegistryValueModified: eventType === 'RegistryValueSet' ? value : '',
    RegistryValueData: eventType === 'RegistryValueSet' ? parameter : '',
    User: s(base['ActorUsername']), Process: s(base['ActingProcessName']), Dvc: s(r['Computer']),
  };
}

// ------------------------------------------------------------------------------------------------ imNetworkSession

/** ASimNetworkSessionMicrosoftSysmon.yaml, both branches (Event lines 25-64, WindowsEvent 65-96, trailer 97-178). */
function networkSysmon(r: Row, via: 'Event' | 'WindowsEvent'): Row {
  let f: {
    SourceIp: string; DestinationIp: string; SrcHostname: string; DstHostname: string; Initiated: boolean | null; RuleName: string;
    UtcTime: Date | null; ProcessGuid: string; ProcessId: string; Image: string; User: string; Protocol: string; SourceIsIpv6: boolean | null;
    SourcePort: number | null; DestinationIsIpv6: boolean | null; DestinationPort: number | null; Type: string;
  };
  if (via === 'Event') {
    const kv = parseKvRegex(s(r['EventData']), DATA_REGEX_NETWORK);
    const g = (k: string): string => kv.get(k) ?? '';
    f = {
      SourceIp: g('SourceIp'), DestinationIp: g('DestinationIp'), SrcHostname: g('SourceHostname'), DstHostname: g('DestinationHostname'),
      Initiated: tobool(g('Initiated')), RuleName: g('RuleName'), UtcTime: parseTime(g('UtcTime')), ProcessGuid: g('ProcessGuid'),
      ProcessId: g('ProcessId'), Image: g('Image'), User: g('User'), Protocol: g('Protocol'), SourceIsIpv6: tobool(g('SourceIsIpv6')),
      SourcePort: toint(g('SourcePort')), DestinationIsIpv6: tobool(g('DestinationIsIpv6')), DestinationPort: toint(g('DestinationPort')), Type: 'Event',
    };
  } else {
    const d = dyn(r);
    const g = (k: string): string => s(d[k] as KqlValue);
    f = {
      SourceIp: g('SourceIp'), DestinationIp: g('DestinationIp'), DstHostname: g('DestinationHostname'),
      // Line 73 reads EventData.SrcHostname, a name Sysmon does not write.
      SrcHostname: g('SrcHostname'),
      RuleName: g('RuleName'), UtcTime: parseTime(g('UtcTime')), ProcessId: g('ProcessId'), Image: g('Image'), User: g('User'),
      Protocol: g('Protocol'), Initiated: tobool(g('Initiated')), SourceIsIpv6: tobool(g('SourceIsIpv6')), SourcePort: toint(g('SourcePort')),
      DestinationIsIpv6: tobool(g('DestinationIsIpv6')), DestinationPort: toint(g('DestinationPort')), ProcessGuid: parseBraced(g('ProcessGuid')),
      Type: 'WindowsEvent',
    };
  }
  // iff(not(Initiated), ...) with a null Initiated takes neither branch's value: both sides are "".
  const init = f.Initiated;
  const src = init === false;
  const dst = init === true;
  const app = f.Image.split('\\').at(-1) ?? '';
  const dvc = s(r['Computer']);
  const hostname = init === true ? f.DstHostname : init === false ? f.SrcHostname : dvc;
  const blank = (x: string): string => (x === '-' ? '' : x);
  const proto = f.Protocol.toUpperCase();
  return {
    TimeGenerated: r['TimeGenerated'] ?? null, Type: f.Type, User: f.User,
    SrcUsernameType: src ? 'Windows' : '', SrcUsername: src ? f.User : '', SrcProcessId: src ? f.ProcessId : '', SrcProcessGuid: src ? f.ProcessGuid : '',
    SrcProcessName: src ? f.Image : '', SrcAppName: src ? app : '', SrcAppType: src ? 'Process' : '',
    DstUsernameType: dst ? 'Windows' : '', DstUsername: dst ? f.User : '', DstProcessId: dst ? f.ProcessId : '', DstProcessGuid: dst ? f.ProcessGuid : '',
    DstProcessName: dst ? f.Image : '', DstAppName: dst ? app : '', DstAppType: dst ? 'Process' : '',
    EventStartTime: f.UtcTime, EventEndTime: f.UtcTime, Dvc: dvc, SrcIpAddr: f.SourceIp, DstIpAddr: f.DestinationIp,
    DstPortNumber: f.DestinationPort, SrcPortNumber: f.SourcePort, NetworkRuleName: f.RuleName, Hostname: hostname,
    Src: f.SourceIp, Dst: f.DestinationIp, DvcIpAddr: init ? f.SourceIp : f.DestinationIp, IpAddr: f.SourceIp,
    EventType: 'EndpointNetworkSession', EventCount: 1, EventVendor: 'Microsoft', EventSchemaVersion: '0.2.5', EventSchema: 'NetworkSession',
    EventProduct: 'Sysmon', EventResult: 'Success', EventSeverity: 'Informational', DvcOs: 'Windows', EventOriginalType: '3',
    ...resolveFqdn('Src', blank(f.SrcHostname)),
    ...resolveFqdn('Dvc', blank(hostname)),
    ...resolveFqdn('Dst', blank(f.DstHostname)),
    NetworkProtocolVersion: f.DestinationIsIpv6 || f.SourceIsIpv6 ? 'IPV6' : 'IPV4',
    NetworkProtocol: proto,
  };
}

// ------------------------------------------------------------------------------------------------ imDns

/** RCodeTable of ASimDnsMicrosoftSysmon.yaml (lines 25-50). */
const RCODES: Readonly<Record<number, string>> = {
  0: 'NOERROR', 9001: 'FORMERR', 9002: 'SERVFAIL', 9003: 'NXDOMAIN', 9004: 'NOTIMP', 9005: 'REFUSED', 9006: 'YXDOMAIN', 9007: 'YXRRSET',
  9008: 'NXRRSET', 9009: 'NOTAUTH', 9010: 'NOTZONE', 9011: 'DSOTYPENI', 9016: 'BADVERS', 9017: 'BADKEY', 9018: 'BADTIME', 9019: 'BADMODE',
  9020: 'BADNAME', 9021: 'BADALG', 9022: 'BADTRUNC', 9023: 'BADCOOKIE', 1460: 'TIMEOUT',
};

/** ASimDnsMicrosoftSysmon.yaml, the WindowsEvent branch (lines 78-96) and the common trailer (97-136). */
function dnsSysmon(r: Row): Row {
  const d = dyn(r);
  const g = (k: string): string => s(d[k] as KqlValue);
  const code = toint(g('QueryStatus'));
  const codeName = code === null ? '' : (RCODES[code] ?? '');
  const rule = g('RuleName');
  const answer = g('QueryResults');
  const host = s(r['Computer']);
  const time = parseTime(g('UtcTime'));
  return {
    TimeGenerated: r['TimeGenerated'] ?? null, Type: 'WindowsEvent', RuleName: rule === '-' ? '' : rule, EventEndTime: time,
    SrcProcessGuid: parseBraced(g('ProcessGuid')), SrcProcessId: g('ProcessId'), DnsQuery: g('QueryName'),
    DnsResponseName: answer === '-' ? '' : answer, SrcProcessName: g('Image'), SrcUsername: g('User'),
    DnsResponseCodeName: codeName === '' ? 'NA' : codeName, DvcHostname: host, DvcScopeId: '', DvcId: '',
    EventOriginalType: '22', EventCount: 1, EventProduct: 'Sysmon', EventVendor: 'Microsoft', EventSchema: 'Dns', EventSchemaVersion: '0.1.6',
    EventType: 'Query', EventResult: code === 0 ? 'Success' : 'Failure', EventStartTime: time, EventSubType: 'response',
    EventSeverity: code === 0 ? 'Informational' : 'Low', SrcUsernameType: 'Windows', DvcIdType: '',
    EventResultDetails: codeName === '' ? 'NA' : codeName, Domain: g('QueryName'), Dvc: host, SrcHostname: host, Hostname: host, Src: host,
    DnsResponseCode: code === null ? null : code > 9000 && code < 9100 ? code - 9000 : code,
    User: g('User'), Process: g('Image'), Rule: rule === '-' ? '' : rule, DvcAzureResourceId: '',
  };
}
