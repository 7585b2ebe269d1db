import type { EventSource, KqlRecord, KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow, kqlTableColumns, kustoDefault } from './columns.js';
import { securityEventRecords } from './security-event.js';
import { eventTableRecords, windowsEventRecords } from './event-table.js';
import { defenderRecords } from './defender.js';
import { SECURITY_CHANNEL, SYSMON_CHANNEL, linuxSysmonView, macosView, parseInteger, parseTime, windowsView } from './windows.js';
import { corelightDnsRow, type CorelightRow } from './zeek-dns.js';
import { away, coalesce, tostring } from './web-kusto.js';
import { dynamicToString } from '../kql/values.js';

/**
 * The ASIM views (imProcessCreate, imFileEvent, imRegistry, imNetworkSession, imDns) as Microsoft's own parsers compute
 * them. Each view is a transcription of one parser in /work/shared/vendor/microsoft/Azure-Sentinel/Parsers, run over
 * the Event / WindowsEvent / SecurityEvent row (for Linux and macOS events, the Defender Device* row; for Zeek and generic
 * DNS events, the Corelight_CL row of zeek-dns.ts, through ASimDnsCorelightZeek.yaml, which is not in the snapshot and
 * is cited by repository, path and commit) that the table builders of this folder produce for the event: the ASIM row
 * is what the parser computes from the stored row, quirks included (a parser that reads a field Sysmon never writes
 * yields an empty column). Rows carry every field of the
 * view's schema page (defaults where the parser sets nothing) plus the columns the parser adds or leaves.
 */
export interface AsimOptions {
  /** Which table the Sysmon events reach (agent): see assumption `asim-deployment`. */
  readonly via?: 'Event' | 'WindowsEvent';
  /**
   * How Defender's FolderPath reads on the DeviceFileEvents rows of Linux and macOS file events (assumption
   * `defender-folderpath-full`): `full`, the default, the file's full path as defenderRecords writes it (the process
   * parser's reading, TargetProcessName = FolderPath); `folder`, the DeviceFileEvents page's "Folder containing the
   * file that the recorded action was applied to" (advanced-hunting-devicefileevents-table.md:47), the path without its
   * last separator and FileName. The file parser (ASimFileEventMicrosoft365D.yaml:108) is run as it is either way.
   */
  readonly defenderFolderPath?: 'full' | 'folder';
  /**
   * Which of the views' Windows parsers records a Windows process creation, file or registry event: `Sysmon`, the
   * default (Sysmon events 1, 11-14, 23 and 26 through Microsoft's Sysmon parsers), or `Defender`, the same event as
   * Defender for Endpoint stores it (the Device*Events row defenderRecords builds) through Microsoft's Defender parser
   * for the view, which the views union beside them (ASimProcessEventCreate.yaml:34, ASimFileEvent.yaml:47,
   * ASimRegistry.yaml:38); or `Security`, a process creation as the Security log's 4688 of the same process
   * (securityEventRecords' SecurityEvent row) through ASimProcessCreateMicrosoftSecurityEvents.yaml (ASimProcessEventCreate.yaml:38).
   */
  readonly windowsRecorder?: 'Sysmon' | 'Defender' | 'Security';
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
  // Zeek dns.log lines (Sigma zeek/dns, and generic category dns: assumption `dns-generic-as-zeek`) reach imDns as the
  // Corelight_CL rows the Corelight connector writes, through ASimDnsCorelightZeek (unioned at ASimDns.yaml:48).
  const corelight = corelightDnsRow(event, source);
  if (corelight) {
    const parsed = dnsCorelightZeek(corelight);
    return parsed ? [finish('imDns', parsed)] : [];
  }
  assumption('asim-deployment');
  const via = options.via ?? 'WindowsEvent';
  const posix = linuxSysmonView(event, source) ?? macosView(event, source);
  if (posix) {
    // Linux and macOS events reach the views through the Defender for Endpoint parsers, the parsers of each view's
    // union in the snapshot that read them (assumption `asim-posix-via-defender`): processes (ASimProcessEventCreate.yaml),
    // connections (ASimNetworkSession.yaml:60) and files (ASimFileEvent.yaml:47), each over the row defenderRecords builds.
    const defender = (table: string): Row | undefined => defenderRecords(event, source).find((r) => r.table === table)?.row;
    if (posix.eventId === 1) {
      assumption('asim-posix-via-defender');
      const row = defender('DeviceProcessEvents');
      return row ? [finish('imProcessCreate', processEventM365D(row))] : [];
    }
    if (posix.eventId === 3) {
      assumption('asim-posix-via-defender');
      const row = defender('DeviceNetworkEvents');
      const parsed = row ? networkSessionM365D(workspaceRow(row)) : undefined;
      return parsed ? [finish('imNetworkSession', parsed)] : [];
    }
    if (posix.eventId === 11) {
      assumption('asim-posix-via-defender');
      const row = defender('DeviceFileEvents');
      if (!row) return [];
      const stored = options.defenderFolderPath === 'folder' ? { ...row, FolderPath: folderOf(ks(row['FolderPath']), ks(row['FileName'])) } : row;
      return [finish('imFileEvent', fileEventM365D(workspaceRow(stored)))];
    }
    return [];
  }
  const view = windowsView(event, source);
  if (!view) return [];
  // A 4688's SecurityEvent row (of a Security event, or the one securityEventRecords builds for a Sysmon 1).
  const security4688 = (): KqlRecord[] => {
    const se = securityEventRecords(event, source)[0];
    return se ? [finish('imProcessCreate', processCreateSecurityEvent(se.row))] : [];
  };
  if (view.channel === SECURITY_CHANNEL) return view.eventId === 4688 ? security4688() : [];
  if (view.channel !== SYSMON_CHANNEL) return [];
  // The other recorders' rows of the event, before the Sysmon table row, which they do not read.
  if (options.windowsRecorder === 'Security' && view.eventId === 1) return security4688();
  const defender = options.windowsRecorder === 'Defender' ? DEFENDER_VIEWS[view.eventId] : undefined;
  if (defender) {
    const [table, asimView, parse] = defender;
    const row = defenderRecords(event, source).find((x) => x.table === table)?.row;
    return row ? [finish(asimView, parse(row))] : [];
  }
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

/** The Defender table of a Sysmon event type, the view that reads it and Microsoft's Defender parser for that view. */
type DefenderView = readonly [table: string, view: string, parse: (row: Readonly<Row>) => Row];
const DEFENDER_FILE: DefenderView = ['DeviceFileEvents', 'imFileEvent', (row) => fileEventM365D(workspaceRow(row))];
const DEFENDER_REGISTRY: DefenderView = ['DeviceRegistryEvents', 'imRegistry', (row) => registryEventM365D(workspaceRow(row))];
const DEFENDER_VIEWS: Readonly<Record<number, DefenderView>> = {
  1: ['DeviceProcessEvents', 'imProcessCreate', (row) => processEventM365D(row)],
  11: DEFENDER_FILE,
  23: DEFENDER_FILE,
  26: DEFENDER_FILE,
  12: DEFENDER_REGISTRY,
  13: DEFENDER_REGISTRY,
  14: DEFENDER_REGISTRY,
};

/** The views asimRecords builds and the Sysmon/Security event ids feeding each. */
export const ASIM_COVERAGE: Readonly<Record<string, readonly string[]>> = {
  imProcessCreate: ['Sysmon 1', 'Security 4688', 'Linux/macOS process_creation (Defender DeviceProcessEvents)'],
  imFileEvent: ['Sysmon 11', 'Sysmon 23', 'Sysmon 26', 'Linux/macOS file_event (Defender DeviceFileEvents)'],
  imRegistry: ['Sysmon 12', 'Sysmon 13', 'Sysmon 14'],
  imNetworkSession: ['Sysmon 3', 'Linux/macOS network_connection (Defender DeviceNetworkEvents)'],
  imDns: [
    'Sysmon 22 (WindowsEvent branch only: the Event branch is commented out in ASimDnsMicrosoftSysmon.yaml)',
    'Zeek dns.log in Corelight_CL (ASimDnsCorelightZeek.yaml): Sigma zeek/dns, and generic category dns read as Zeek dns.log',
  ],
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
  // ASimFileEventMicrosoft365D.yaml:90 TargetFileSize = tolong(FileSize), :46 SrcPortNumber = toint(RequestSourcePort).
  TargetFileSize: 'long',
  // Defender columns the M365D parsers rename keep their documented type (datetime on the Device* pages):
  // ASimNetworkSessionMicrosoft365Defender.yaml:121,125,169,173; ASimFileEventMicrosoft365D.yaml:84-85.
  SrcProcessCreationTime: 'datetime', DstProcessCreationTime: 'datetime', ParentProcessCreationTime: 'datetime',
  ActingProcessCreationTime: 'datetime', ActingProcessParentCreationTime: 'datetime',
  // ASimDnsCorelightZeek.yaml: the parse-kv casts (:124-148) renamed at :158-181 (`"qclass"`/`"qtype"` int, the flags
  // bool), :186 DnsNetworkDuration = toint(rtt*1000), :191 DnsFlagsZ = (Z != 0), :200 Duration = DnsNetworkDuration.
  // (`"rtt"`:real, `"Z"`/`"trans_id"`:int and `"rejected"`:bool are projected away at :193, :202.)
  DnsQueryClass: 'int', DnsQueryType: 'int', DnsFlagsAuthoritative: 'bool', DnsFlagsTruncated: 'bool', DnsFlagsRecursionDesired: 'bool',
  DnsFlagsCheckingDisabled: 'bool', DnsFlagsRecursionAvailable: 'bool', DnsNetworkDuration: 'int', DnsFlagsZ: 'bool', Duration: 'int',
};

/**
 * The Defender table each M365D parser reads: the columns it leaves as they are (neither projected away nor renamed)
 * keep the type their table page documents (InitiatingProcessId long, FileSize long, IsInitiatingProcessRemoteSession bool, ...).
 */
const M365D_TABLE: Readonly<Record<string, string>> = {
  imNetworkSession: 'DeviceNetworkEvents',
  imFileEvent: 'DeviceFileEvents',
  imProcessCreate: 'DeviceProcessEvents',
  imRegistry: 'DeviceRegistryEvents',
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
    // Both branches of ASimNetworkSessionMicrosoft365Defender.yaml (Outbound :88-137, Inbound :138-185) and the local
    // branch of ASimFileEventMicrosoft365D.yaml (:54-67), through the Defender rows defenderRecords builds.
    [{ Initiated: 'true', Image: '/x', User: 'x', DestinationHostname: 'x', Protocol: 'tcp' }, { product: 'linux', category: 'network_connection' }],
    [{ Initiated: 'false', Image: '/x', User: 'x', Protocol: 'tcp' }, { product: 'linux', category: 'network_connection' }],
    [{ TargetFilename: '/x', Image: '/x', User: 'x' }, { product: 'linux', category: 'file_event' }],
    // ASimDnsCorelightZeek.yaml over a dns.log line with every column and both extension fields.
    [
      {
        _system_name: 'x', _write_ts: 0, ts: 0, uid: 'x', 'id.orig_h': 'x', 'id.orig_p': 1, 'id.resp_h': 'x', 'id.resp_p': 1, proto: 'udp',
        trans_id: 1, rtt: 1, query: 'x', qclass: 1, qtype: 1, rcode: 0, AA: true, TC: true, RD: true, RA: true, Z: 0, answers: ['x'],
        TTLs: [1], rejected: false,
      },
      { product: 'zeek', service: 'dns' },
    ],
  ];
}

/**
 * Parser branches no builder's row reaches: the remote branch of ASimFileEventMicrosoft365D.yaml (:27-53, rows with a
 * RequestAccountName, which defenderRecords never writes). The branch's columns are columns of the parser's union
 * (:68-71) all the same, so of the view. And ASimProcessEventMicrosoft365D.yaml, which only the Linux and macOS events
 * (and the `Defender` reading of Windows ones) reach.
 */
function rowProbes(): KqlRecord[] {
  const remote = fullRow('DeviceFileEvents', { RequestAccountName: 'x', FolderPath: '/x', FileName: 'x' });
  // ASimProcessEventMicrosoft365D.yaml over a DeviceProcessEvents row: the columns it keeps are the view's.
  const process = fullRow('DeviceProcessEvents', { FolderPath: 'x', FileName: 'x' });
  return [
    { table: 'imFileEvent', row: fileEventM365D(workspaceRow(remote)) },
    { table: 'imProcessCreate', row: processEventM365D(process) },
    // And ASimRegistryEventMicrosoft365D.yaml, which only the `Defender` reading reaches.
    { table: 'imRegistry', row: registryEventM365D(workspaceRow(fullRow('DeviceRegistryEvents', { ActionType: 'RegistryValueSet', RegistryKey: 'x' }))) },
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
  const defender = M365D_TABLE[table] ? (kqlTableColumns(M365D_TABLE[table]!) ?? {}) : {};
  const add = (rec: KqlRecord): void => {
    if (rec.table !== table) return;
    for (const k of Object.keys(rec.row)) if (!(k in out)) out[k] = PARSER_TYPES[k] ?? defender[k] ?? 'string';
  };
  for (const [event, source] of probes()) {
    for (const via of ['Event', 'WindowsEvent'] as const) parsedRows(event, source, { via }).forEach(add);
  }
  rowProbes().forEach(add);
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

/**
 * ASimProcessEventMicrosoft365D.yaml:24-89 over a DeviceProcessEvents row. The parser extends and renames; it projects
 * away only the columns of :52 and :91, so every other column of the row (the version-info columns among them,
 * ProcessVersionInfoOriginalFileName, ProcessVersionInfoCompanyName, ...) is a column of its rows, and of the view's
 * (ASimProcessEventCreate.yaml unions the parsers: a union keeps every leg's columns).
 */
function processEventM365D(table: Readonly<Row>): Row {
  const r: Row = { ...table };
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
  out['MDE_MachineGroup'] = r['MachineGroup'] ?? ''; // :85
  // -- aliases (ASimProcessEventMicrosoft365D.yaml:86-90)
  out['User'] = target || actor;
  out['CommandLine'] = out['TargetProcessCommandLine']!;
  out['Process'] = out['TargetProcessName']!;
  out['Dvc'] = out['DvcHostname']!;
  projectAway(r, M365D_PROCESS_GONE);
  return Object.assign(r, out);
}

/** The DeviceProcessEvents columns the process parser projects away (:52, :91) or renames (:56-85). */
const M365D_PROCESS_GONE: readonly string[] = [
  'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'AccountDomain', 'AccountName', 'ProcessId', 'InitiatingProcessId',
  'InitiatingProcessParentId', 'LogonId', 'InitiatingProcessLogonId', 'ReportId', // :52
  'DeviceId', 'ActionType', 'InitiatingProcessAccountSid', 'InitiatingProcessAccountObjectId', 'InitiatingProcessAccountUpn', 'AccountSid',
  'AccountObjectId', 'AccountUpn', 'InitiatingProcessParentFileName', 'FileName', 'InitiatingProcessParentCreationTime', 'FolderPath',
  'ProcessCommandLine', 'MD5', 'SHA1', 'SHA256', 'ProcessIntegrityLevel', 'ProcessTokenElevation', 'ProcessCreationTime',
  'InitiatingProcessFolderPath', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'InitiatingProcessMD5', 'InitiatingProcessSHA1',
  'InitiatingProcessSHA256', 'InitiatingProcessIntegrityLevel', 'InitiatingProcessTokenElevation', 'InitiatingProcessCreationTime', 'MachineGroup', // :56-85
  'AppGuardContainerId', 'Timestamp', 'SourceSystem', 'TenantId', // :91
];

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

/** The RegistryType datatable of ASimRegistryEventMicrosoft365D.yaml:24-33 (Defender's type names to ASIM's). */
const M365D_REGISTRY_TYPES: Readonly<Record<string, string>> = {
  None: 'Reg_None', String: 'Reg_Sz', ExpandString: 'Reg_Expand_Sz', Binary: 'Reg_Binary', Dword: 'Reg_DWord', MultiString: 'Reg_Multi_Sz',
  QWord: 'Reg_QWord',
};

/** ASimRegistryEventMicrosoft365D.yaml:34-105 over a DeviceRegistryEvents row. */
function registryEventM365D(table: Readonly<Row>): Row {
  const r: Row = { ...table };
  const c = (k: string): string => ks(r[k]);
  const action = c('ActionType');
  // :39-57
  Object.assign(r, {
    EventOriginalUid: c('ReportId'), EventCount: 1, EventProduct: 'M365 Defender for Endpoint', EventVendor: 'Microsoft',
    EventSchemaVersion: '0.1.0', EventStartTime: r['TimeGenerated'] ?? null, EventEndTime: r['TimeGenerated'] ?? null, EventType: action,
    RegistryKey: action === 'RegistryKeyDeleted' || action === 'RegistryValueDeleted' ? c('PreviousRegistryKey') : c('RegistryKey'), // :50
    RegistryValue: action === 'RegistryValueDeleted' ? c('PreviousRegistryValueName') : c('RegistryValueName'), // :51
    RegistryKeyModified: action === 'RegistryKeyRenamed' ? c('PreviousRegistryKey') : '', // :54
    RegistryValueModified: action === 'RegistryValueSet' ? c('PreviousRegistryValueName') : '', // :55
    RegistryValueDataModified: c('PreviousRegistryValueData'), // :57
  });
  // :58-59 lookup RegistryType (left outer): a type the datatable does not name is null, "" as a string.
  r['RegistryValueType'] = M365D_REGISTRY_TYPES[c('RegistryValueType')] ?? '';
  projectAway(r, ['TypeName', 'PreviousRegistryKey', 'PreviousRegistryValueName', 'PreviousRegistryValueData']); // :60-64
  Object.assign(r, { DvcHostname: c('DeviceName'), DvcId: c('DeviceId'), Dvc: c('DeviceName') }); // :66-69
  // :71-74
  r['ActorUsername'] = account(c('InitiatingProcessAccountDomain'), c('InitiatingProcessAccountName'));
  r['ActorUsernameType'] = c('InitiatingProcessAccountDomain') === '' ? 'Simple' : 'Windows';
  r['ActorUserIdType'] = 'SID';
  projectRename(r, { ActorUserId: 'InitiatingProcessAccountSid', ActorUserAadId: 'InitiatingProcessAccountObjectId', ActorUserUpn: 'InitiatingProcessAccountUpn' }); // :76-79
  Object.assign(r, { ActingProcessId: c('InitiatingProcessId'), ParentProcessId: c('InitiatingProcessParentId') }); // :81-83
  projectAway(r, ['InitiatingProcessId', 'InitiatingProcessParentId']); // :84
  projectRename(r, {
    ParentProcessName: 'InitiatingProcessParentFileName', ParentProcessCreationTime: 'InitiatingProcessParentCreationTime',
    ActingProcessName: 'InitiatingProcessFolderPath', ActingProcessFileName: 'InitiatingProcessFileName',
    ActingProcessCommandLine: 'InitiatingProcessCommandLine', ActingProcessMD5: 'InitiatingProcessMD5', ActingProcessSHA1: 'InitiatingProcessSHA1',
    ActingProcessSHA256: 'InitiatingProcessSHA256', ActingProcessIntegrityLevel: 'InitiatingProcessIntegrityLevel',
    ActingProcessTokenElevation: 'InitiatingProcessTokenElevation', ActingProcessCreationTime: 'InitiatingProcessCreationTime',
  }); // :85-96
  // :98-104 aliases
  Object.assign(r, {
    Username: c('ActorUsername'), UserId: c('ActorUserId'), UserIdType: c('ActorUserIdType'), User: c('ActorUsername'),
    CommandLine: c('ActingProcessCommandLine'), Process: c('ActingProcessName'),
  });
  return r;
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

// ------------------------------------------------------------------------------------------------ imDns: Corelight Zeek

/** query_type_lookup, ASimDnsCorelightZeek.yaml:24-111 (Microsoft's names: 255 is "ANY", 54 "Unassigned"; no 63-65). */
const CORELIGHT_QUERY_TYPES: Readonly<Record<number, string>> = {
  0: 'Reserved', 1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL', 11: 'WKS', 12: 'PTR',
  13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25', 20: 'ISDN', 21: 'RT', 22: 'NSAP', 23: 'NSAP-PTR',
  24: 'SIG', 25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA', 29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC', 33: 'SRV', 34: 'ATMA',
  35: 'NAPTR', 36: 'KX', 37: 'CERT', 38: 'A6', 39: 'DNAME', 40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY',
  46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA', 53: 'SMIMEA', 54: 'Unassigned',
  55: 'HIP', 56: 'NINFO', 57: 'RKEY', 58: 'TALINK', 59: 'CDS', 60: 'CDNSKEY', 61: 'OPENPGPKEY', 62: 'CSYNC', 99: 'SPF', 100: 'UINFO',
  101: 'UID', 102: 'GID', 103: 'UNSPEC', 104: 'NID', 105: 'L32', 106: 'L64', 107: 'LP', 108: 'EUI48', 109: 'EUI64', 249: 'TKEY',
  250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILB', 254: 'MAILA', 255: 'ANY', 256: 'URI', 257: 'CAA', 258: 'AVC', 259: 'DOA',
  32768: 'TA', 32769: 'DLV',
};

/** class_lookup, ASimDnsCorelightZeek.yaml:112-119. */
const CORELIGHT_CLASSES: Readonly<Record<number, string>> = { 0: 'Reserved', 1: 'IN', 2: 'Unassigned', 3: 'CH', 4: 'HS', 254: 'None', 255: 'Any' };

type KvType = 'string' | 'int' | 'bool' | 'real' | 'datetime';

/** The parse-kv key list, ASimDnsCorelightZeek.yaml:124-147: each key is written with its JSON quotes. */
const CORELIGHT_KV: readonly (readonly [key: string, type: KvType])[] = [
  ['"_system_name"', 'string'], ['"_write_ts"', 'datetime'], ['"ts"', 'datetime'], ['"uid"', 'string'], ['"id.orig_h"', 'string'],
  ['"id.orig_p"', 'int'], ['"id.resp_h"', 'string'], ['"id.resp_p"', 'int'], ['"proto"', 'string'], ['"trans_id"', 'int'],
  ['"query"', 'string'], ['"qclass"', 'int'], ['"qtype"', 'int'], ['"AA"', 'bool'], ['"TC"', 'bool'], ['"CD"', 'bool'], ['"RD"', 'bool'],
  ['"RA"', 'bool'], ['"Z"', 'int'], ['"rejected"', 'bool'], ['"rcode"', 'int'], ['"rcode_name"', 'string'], ['"rtt"', 'real'],
];

const ALNUM = /[\p{L}\p{Nd}]/u;

/**
 * `parse-kv Message as (...) with (quote = '"')`, ASimDnsCorelightZeek.yaml:124-149: the "nonspecified delimiter" mode
 * of parse-kv (no pair_delimiter, no kv_delimiter: "Extraction with no need to specify delimiters. Any nonalphanumeric
 * character is considered a delimiter", MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/parse-kv-operator.md
 * @ 0c115d2e54221cd118957cadc6754148e7881859), read as assumption `kusto-parse-kv-unspecified`: a key is found by its
 * text (quotes included) at its first appearance ("The first appearance of a key is extracted"); the delimiters after
 * it are skipped up to an alphanumeric character or the quote; a quoted value runs to the next quote character (no
 * `escape` is given: a backslash escapes nothing, and JSON escapes stay as written); an unquoted value is the run of
 * alphanumeric characters (so `0.25` reads `0`). "leading and trailing white spaces are ignored". A missing key is
 * undefined here ("either `null` or an empty string, depending on the column type").
 */
function parseKvUnspecified(text: string, keys: readonly string[], quote: string): Map<string, string> {
  assumption('kusto-parse-kv-unspecified');
  const out = new Map<string, string>();
  for (const key of keys) {
    const at = text.indexOf(key);
    if (at < 0) continue;
    let i = at + key.length;
    while (i < text.length && text[i] !== quote && !ALNUM.test(text[i]!)) i++;
    let value: string;
    if (text[i] === quote) {
      const end = text.indexOf(quote, i + 1);
      value = end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
    } else {
      let j = i;
      while (j < text.length && ALNUM.test(text[j]!)) j++;
      value = text.slice(i, j);
    }
    out.set(key, value.trim());
  }
  return out;
}

/** A parse-kv value converted to its declared type; a value that does not convert is null (a string is never null). */
function kvTyped(value: string | undefined, type: KvType): KqlValue {
  if (type === 'string') return value ?? '';
  if (value === undefined) return null;
  switch (type) {
    case 'int': {
      const n = toint(value);
      return n !== null && n <= 2_147_483_647 && n >= -2_147_483_648 ? n : null;
    }
    case 'real':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : null;
    case 'bool':
      return tobool(value);
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value) ? parseTime(value) : null;
  }
}

/**
 * ASimDnsCorelightZeek.yaml:120-204 over a Corelight_CL row, operator by operator; undefined when the `where` drops it.
 * Quirks kept: every value is read by parse-kv, so rtt `0.0068` is 0 (DnsNetworkDuration 0) and a query holding `"` or
 * `\` reads its JSON escapes up to the first quote; `"CD"` is read, a column Zeek's dns.log does not have
 * (DnsFlagsCheckingDisabled null); the query type/class names are Microsoft's tables' (`TYPE<n>`/`CLASS<n>` for a number
 * they lack), not Zeek's qtype_name, which the parser never reads; EventResult is "Failure" for a log without an
 * rcode_name (`"" !~ 'NOERROR'`); DnsResponseName is the JSON text of a bag of two strings, the answers and TTLs arrays
 * as the line writes them (`""` each when the line has no answers).
 */
export function dnsCorelightZeek(table: CorelightRow): Row | undefined {
  // :122 project Message, TimeGenerated
  const message = table.Message;
  // :123 `Message has '"_path":"dns"' or Message has '"_path":"dns_red"'`: both needles begin and end with a
  // non-alphanumeric character, so `has` is a case-insensitive substring test there (kql/SOURCES.md A1).
  const lower = message.toLowerCase();
  if (!lower.includes('"_path":"dns"') && !lower.includes('"_path":"dns_red"')) return undefined;
  // :124-149
  const kv = parseKvUnspecified(message, CORELIGHT_KV.map(([k]) => k), '"');
  const r: Row = { Message: message, TimeGenerated: table.TimeGenerated };
  for (const [key, type] of CORELIGHT_KV) r[key] = kvTyped(kv.get(key), type);
  // :150 `parse Message with * '"answers":' answers:string ',"TTLs":' TTLs:string ',"rejected"' *`: simple mode, the
  // pattern `.*?"answers":(.*?),"TTLs":(.*?),"rejected".*?` (parse-operator.md: "* was translated to .*?", "string was
  // translated to .*?"); no match gives null, "" for a string column ("The calculated columns return null values for
  // unsuccessfully parsed strings", MicrosoftDocs/dataexplorer-docs data-explorer/kusto/query/parse-operator.md @
  // 085a09dba08798f2d958c5102c9921a991a15144; null-values page: strings are never null).
  const parsed = /"answers":(.*?),"TTLs":(.*?),"rejected"/.exec(message);
  r['answers'] = parsed ? parsed[1]! : '';
  r['TTLs'] = parsed ? parsed[2]! : '';
  // :151-157
  r['EventCount'] = 1; // :152 int(1)
  r['EventProduct'] = 'Zeek'; // :153
  r['EventVendor'] = 'Corelight'; // :154
  r['EventSchema'] = 'Dns'; // :155
  r['EventSchemaVersion'] = '0.1.4'; // :156
  r['EventType'] = 'Query'; // :157
  // :158-181
  projectRename(r, {
    EventStartTime: '"ts"', EventEndTime: '"_write_ts"', EventOriginalUid: '"uid"', SrcIpAddr: '"id.orig_h"', SrcPortNumber: '"id.orig_p"', // :159-163
    DstIpAddr: '"id.resp_h"', DstPortNumber: '"id.resp_p"', NetworkProtocol: '"proto"', DnsQuery: '"query"', DnsResponseCode: '"rcode"', // :164-168
    EventResultDetails: '"rcode_name"', DnsFlagsAuthoritative: '"AA"', DnsFlagsTruncated: '"TC"', DnsFlagsRecursionDesired: '"RD"', // :169-172
    DnsFlagsCheckingDisabled: '"CD"', DnsFlagsRecursionAvailable: '"RA"', DnsQueryClass: '"qclass"', DnsQueryType: '"qtype"', // :173-176
    rtt: '"rtt"', Z: '"Z"', trans_id: '"trans_id"', rejected: '"rejected"', Dvc: '"_system_name"', // :177-181
  });
  // :182-183 `lookup ... on DnsQueryType` / `on DnsQueryClass`: left outer by default, an unmatched row gets null for
  // the right table's columns ("" for a string: lookup-operator.md, SOURCES.md "macOS"); a null key matches nothing.
  const qtype = r['DnsQueryType'] as number | null;
  const qclass = r['DnsQueryClass'] as number | null;
  r['DnsQueryTypeName'] = qtype === null ? '' : (CORELIGHT_QUERY_TYPES[qtype] ?? '');
  r['DnsQueryClassName'] = qclass === null ? '' : (CORELIGHT_CLASSES[qclass] ?? '');
  // :184-192
  const rtt = r['rtt'] as number | null;
  const rejected = r['rejected'] as boolean | null;
  const z = r['Z'] as number | null;
  const transId = r['trans_id'] as number | null;
  r['EventSubType'] = r['DnsResponseCode'] === null ? 'request' : 'response'; // :185
  r['DnsNetworkDuration'] = rtt === null ? null : Math.trunc(rtt * 1000); // :186 toint(rtt*1000)
  // :187 iff(EventResultDetails !~ 'NOERROR' or rejected, ...): `false or null` is null, which iff takes as false.
  r['EventResult'] = ks(r['EventResultDetails']).toLowerCase() !== 'noerror' || rejected === true ? 'Failure' : 'Success';
  // :188-189 case(Name == "" and not(isnull(Number)), strcat("TYPE"/"CLASS", Number), Name)
  if (r['DnsQueryTypeName'] === '' && qtype !== null) r['DnsQueryTypeName'] = `TYPE${qtype}`;
  if (r['DnsQueryClassName'] === '' && qclass !== null) r['DnsQueryClassName'] = `CLASS${qclass}`;
  // :190 tohex(toint(trans_id)): lower-case hex ("tohex(256) == '100'", learn.microsoft.com kusto tohex-function); null -> "".
  r['TransactionIdHex'] = transId === null ? '' : transId.toString(16);
  r['DnsFlagsZ'] = z === null ? null : z !== 0; // :191 (Z != 0), null for a null Z
  // :192 tostring(pack('answers', answers, 'ttls', TTLs)): the bag's JSON text, as the interpreter's tostring() of a
  // dynamic value writes it (kql/values.ts dynamicToString: keys in pack order, strings JSON-escaped).
  r['DnsResponseName'] = dynamicToString({ answers: r['answers'], ttls: r['TTLs'] });
  projectAway(r, ['rtt']); // :193
  // :195-201 aliases
  r['DnsResponseCodeName'] = r['EventResultDetails']!;
  r['Domain'] = r['DnsQuery']!;
  r['IpAddr'] = r['SrcIpAddr']!;
  r['Src'] = r['SrcIpAddr']!;
  r['Duration'] = r['DnsNetworkDuration']!;
  r['Dst'] = r['DstIpAddr']!;
  projectAway(r, ['Message', 'Z', 'TTLs', 'answers', 'trans_id', 'rejected']); // :202
  return r;
}

// ------------------------------------------------------------------------------------------------ Defender for Endpoint (Linux, macOS)

/**
 * A Defender Device* row as the Sentinel workspace holds it: the table page's columns plus TimeGenerated, which the
 * M365D parsers read (assumption `asim-defender-timegenerated`).
 */
function workspaceRow(row: Readonly<Row>): Row {
  assumption('asim-defender-timegenerated');
  return { ...row, TimeGenerated: row['Timestamp'] ?? null };
}

/**
 * The folder of a full path whose last segment is `name` (the `folder` reading of AsimOptions.defenderFolderPath): the
 * path without the name and the separator before it ("" for a bare name).
 */
function folderOf(path: string, name: string): string {
  if (name === '' || !path.endsWith(name)) return path;
  const rest = path.slice(0, path.length - name.length);
  return rest.endsWith('/') || rest.endsWith('\\') ? rest.slice(0, -1) : rest;
}

/** `project-rename New = Old, ...`: each Old column is moved to New (Kusto fails on an Old the table lacks; so do we). */
function projectRename(r: Row, pairs: Readonly<Record<string, string>>): void {
  for (const [to, from] of Object.entries(pairs)) {
    if (!(from in r)) throw new Error(`project-rename ${to} = ${from}: no column ${from}`);
    const v = r[from]!;
    delete r[from];
    r[to] = v;
  }
}

/**
 * `project-away a, b*, ...`: drops the columns, a trailing `*` matching every name it starts (case-sensitive). Names the
 * workspace table has but the table page does not document (MachineGroup, SourceSystem, TenantId) are not in our rows.
 */
function projectAway(r: Row, names: readonly string[]): void {
  for (const k of Object.keys(r)) if (away(names, k)) delete r[k];
}

/** `coalesce(a, b, ...)` of strings, as the web parsers' transcriptions read it (web-kusto.ts). */
const coalesceStr = (...xs: readonly string[]): string => tostring(coalesce(...xs));

/** `split(x, ".")`: Kusto's split of "" is [""], like JavaScript's. */
function splitDots(x: string): string[] {
  return x.split('.');
}

/**
 * `extract(@"(?:https?://)?(.*)", 1, RemoteUrl)`: the first match (the regex matches at offset 0 of any text, possibly
 * empty), group 1. The scheme is stripped only at the start and only in lower case (`extract` is case-sensitive);
 * .NET's `.` stops at "\n" only.
 */
function stripScheme(url: string): string {
  const m = /(?:https?:\/\/)?([^\n]*)/.exec(url);
  return m ? m[1]! : '';
}

/** DirectionLookup, ASimNetworkSessionMicrosoft365Defender.yaml:25-32. */
const DIRECTION_LOOKUP: Readonly<Record<string, { readonly NetworkDirection: string; readonly Outbound: boolean }>> = {
  ConnectionSuccess: { NetworkDirection: 'Outbound', Outbound: true },
  ConnectionFailed: { NetworkDirection: 'Outbound', Outbound: true },
  ConnectionRequest: { NetworkDirection: 'Outbound', Outbound: true },
  InboundConnectionAccepted: { NetworkDirection: 'Inbound', Outbound: false },
  ConnectionFound: { NetworkDirection: 'Unknown', Outbound: false },
  ListeningConnectionCreated: { NetworkDirection: 'Listen', Outbound: false },
};

/**
 * ASimNetworkSessionMicrosoft365Defender.yaml:24-193 over a DeviceNetworkEvents row, operator by operator; undefined
 * when the row reaches neither branch. Quirks kept: EventType is 'NetworkSession' (:49); DstHostname/Hostname are the
 * first label of the remote URL (:74, :105, :188); the outbound SrcFQDN is DvcDomain (:113); the outbound
 * SrcUserIdType is "SID" for an empty SrcUserId (:103); the inbound branch renames DvcHostname/DvcDomain/DvcFQDN away
 * (:159-161), so inbound rows hold none of them (Dvc, set at :83, stays).
 */
function networkSessionM365D(table: Readonly<Row>): Row | undefined {
  const r: Row = { ...table };
  const c = (k: string): string => ks(r[k]);
  // :36 `lookup DirectionLookup on ActionType`: lookup's default kind is leftouter, "all those rows will appear in the
  // output with null values used for the missing values of RightTable columns" (MicrosoftDocs/dataexplorer-docs
  // data-explorer/kusto/query/lookup-operator.md @ 2e7cee54, `kind` row); a null string is "".
  const dir = DIRECTION_LOOKUP[c('ActionType')];
  r['NetworkDirection'] = dir?.NetworkDirection ?? '';
  r['Outbound'] = dir?.Outbound ?? null;
  // :37 `where Outbound == select_outbound`, run as RawNetworkEvents(true) (:89) and RawNetworkEvents(false) (:139):
  // null == true/false is not true ("Applying the equality operator to a null value and a non-null value yields
  // bool(false)", "where ... treats null values as bool(false)": null-values page, interpreter SOURCES.md), so a row
  // whose ActionType is not in the lookup reaches neither branch.
  const outbound = r['Outbound'];
  if (outbound !== true && outbound !== false) return undefined;
  // :38
  projectAway(r, ['AppGuardContainerId', 'LocalIPType', 'MachineGroup', 'RemoteIPType', 'Timestamp', 'Outbound']);
  // :39-52
  r['EventOriginalUid'] = c('ReportId'); // :41 tostring(ReportId)
  r['EventCount'] = 1; // :42 int(1)
  r['EventProduct'] = 'M365 Defender for Endpoint'; // :43
  r['EventVendor'] = 'Microsoft'; // :44
  r['EventSchema'] = 'NetworkSession'; // :45
  r['EventSchemaVersion'] = '0.1.0'; // :46
  r['EventStartTime'] = r['TimeGenerated'] ?? null; // :47
  r['EventEndTime'] = r['TimeGenerated'] ?? null; // :48
  r['EventType'] = 'NetworkSession'; // :49
  r['EventResult'] = c('ActionType') === 'ConnectionFailed' ? 'Failure' : 'Success'; // :50
  r['EventSeverity'] = 'Informational'; // :51
  r['DvcIdType'] = 'MDEid'; // :52
  // :53-54, :55-56
  projectAway(r, ['ReportId']);
  projectRename(r, { EventOriginalResultDetails: 'ActionType' });
  // :57-58
  r['RemoteUrl'] = stripScheme(c('RemoteUrl'));
  // :59-68
  r['User'] = account(c('InitiatingProcessAccountDomain'), c('InitiatingProcessAccountName')); // :60
  r['UsernameType'] = c('InitiatingProcessAccountDomain') === '' ? 'Simple' : 'Windows'; // :61
  r['SplitHostname'] = splitDots(c('DeviceName')); // :62
  r['SplitUrl'] = splitDots(c('RemoteUrl')); // :63
  // :64-68 case(Protocol startswith "Tcp", "TCP", Protocol == "Unknown", "", toupper(Protocol)); startswith is
  // case-insensitive (dataexplorer-docs startswith-operator.md), == is not.
  const protocol = c('Protocol');
  r['NetworkProtocol'] = protocol.toLowerCase().startsWith('tcp') ? 'TCP' : protocol === 'Unknown' ? '' : protocol.toUpperCase();
  // :69
  projectAway(r, ['Protocol']);
  // :70-76 tostring(Split[0]); strcat_array(array_slice(Split, 1, -1), '.') (both ends inclusive: every label after
  // the first); iif(x contains ".", x, "").
  const host = r['SplitHostname'] as string[];
  const url = r['SplitUrl'] as string[];
  r['DvcHostname'] = host[0] ?? ''; // :71
  r['DvcDomain'] = host.slice(1).join('.'); // :72
  r['DvcFQDN'] = c('DeviceName').includes('.') ? c('DeviceName') : ''; // :73
  r['UrlHostname'] = url[0] ?? ''; // :74
  r['UrlDomain'] = url.slice(1).join('.'); // :75
  r['UrlFQDN'] = c('RemoteUrl').includes('.') ? c('RemoteUrl') : ''; // :76
  // :77
  projectAway(r, ['RemoteUrl', 'DeviceName']);
  // :78-81
  r['DvcDomainType'] = c('DvcFQDN') !== '' ? 'FQDN' : ''; // :79
  r['UrlDomainType'] = c('UrlFQDN') !== '' ? 'FQDN' : ''; // :80
  r['DvcIpAddr'] = c('LocalIP'); // :81
  // :82-83
  r['Dvc'] = c('DvcHostname');
  // :84-85, :86
  projectRename(r, { DvcId: 'DeviceId' });
  projectAway(r, ['SplitUrl', 'SplitHostname']);
  if (outbound) {
    // OutboundNetworkEvents, :88-137
    projectRename(r, {
      DstIpAddr: 'RemoteIP', SrcIpAddr: 'LocalIP', DstPortNumber: 'RemotePort', SrcPortNumber: 'LocalPort', SrcUsernameType: 'UsernameType', // :91-95
      SrcUserAadId: 'InitiatingProcessAccountObjectId', SrcUserUpn: 'InitiatingProcessAccountUpn', SrcUserId: 'InitiatingProcessAccountSid', // :96-98
    });
    // :99-105
    r['SrcUsername'] = c('User'); // :100
    r['SrcDvcId'] = c('DvcId'); // :101
    r['SrcDvcIdType'] = 'MDEid'; // :102
    r['SrcUserIdType'] = c('SrcUserId') !== 'S-1-0-0' ? 'SID' : ''; // :103
    r['SrcUserId'] = c('SrcUserId') !== 'S-1-0-0' ? c('SrcUserId') : ''; // :104
    r['DstHostname'] = c('UrlHostname'); // :105
    // :106-109
    projectRename(r, { DstDomain: 'UrlDomain', DstFQDN: 'UrlFQDN', DstDomainType: 'UrlDomainType' });
    // :110-113
    r['SrcHostname'] = c('DvcHostname'); // :111
    r['SrcDomain'] = c('DvcDomain'); // :112
    r['SrcFQDN'] = c('DvcDomain'); // :113 (sic: the domain, not DvcFQDN)
    // :115-117
    r['SrcProcessId'] = c('InitiatingProcessId'); // :116 tostring()
    r['ParentProcessId'] = c('InitiatingProcessParentId'); // :117 tostring()
    // :118-125
    projectRename(r, {
      SrcProcessName: 'InitiatingProcessFileName', SrcProcessCommandLine: 'InitiatingProcessCommandLine',
      SrcProcessCreationTime: 'InitiatingProcessCreationTime', SrcProcessIntegrityLevel: 'InitiatingProcessIntegrityLevel',
      SrcProcessTokenElevation: 'InitiatingProcessTokenElevation', ParentProcessName: 'InitiatingProcessParentFileName',
      ParentProcessCreationTime: 'InitiatingProcessParentCreationTime',
    });
    // :133-136
    r['Process'] = c('SrcProcessName');
    r['SrcAppName'] = c('SrcProcessName');
    r['SrcAppType'] = 'Process';
  } else {
    // InboundNetworkEvents, :138-185
    projectRename(r, {
      SrcIpAddr: 'RemoteIP', DstIpAddr: 'LocalIP', SrcPortNumber: 'RemotePort', DstPortNumber: 'LocalPort', DstUsernameType: 'UsernameType', // :141-145
      DstUserAadId: 'InitiatingProcessAccountObjectId', DstUserId: 'InitiatingProcessAccountSid', DstUserUpn: 'InitiatingProcessAccountUpn', // :146-148
    });
    // :149-154
    r['DstUsername'] = c('User'); // :150
    r['DstDvcId'] = c('DvcId'); // :151
    r['DstDvcIdType'] = 'MDEid'; // :152
    r['DstUserIdType'] = 'SID'; // :153
    r['SrcHostname'] = c('UrlHostname'); // :154
    // :155-161
    projectRename(r, {
      SrcDomain: 'UrlDomain', SrcFQDN: 'UrlFQDN', SrcDomainType: 'UrlDomainType', DstHostname: 'DvcHostname', DstDomain: 'DvcDomain', DstFQDN: 'DvcFQDN',
    });
    // :163-165
    r['DstProcessId'] = c('InitiatingProcessId'); // :164 tostring()
    r['ParentProcessId'] = c('InitiatingProcessParentId'); // :165 tostring()
    // :166-173
    projectRename(r, {
      DstProcessName: 'InitiatingProcessFileName', DstProcessCommandLine: 'InitiatingProcessCommandLine',
      DstProcessCreationTime: 'InitiatingProcessCreationTime', DstProcessIntegrityLevel: 'InitiatingProcessIntegrityLevel',
      DstProcessTokenElevation: 'InitiatingProcessTokenElevation', ParentProcessName: 'InitiatingProcessParentFileName',
      ParentProcessCreationTime: 'InitiatingProcessParentCreationTime',
    });
    // :181-184
    r['Process'] = c('DstProcessName');
    r['DstAppName'] = c('DstProcessName');
    r['DstAppType'] = 'Process';
  }
  // :186-188 union InboundNetworkEvents, OutboundNetworkEvents | project-rename Hostname = UrlHostname
  projectRename(r, { Hostname: 'UrlHostname' });
  // :189-192 aliases
  r['IpAddr'] = c('SrcIpAddr');
  r['Src'] = c('SrcIpAddr');
  r['Dst'] = c('DstIpAddr');
  return r;
}

/** `protocols`, ASimFileEventMicrosoft365D.yaml:25. */
const FILE_PROTOCOLS: readonly string[] = ['smb'];

/**
 * ASimFileEventMicrosoft365D.yaml:25-130 over a DeviceFileEvents row, operator by operator. The row takes the remote
 * branch (:27-53) when RequestAccountName is set, the local one (:54-67) when it is empty. Quirks kept: DvcOs is
 * "Linux" for any FolderPath starting "/" (:89, macOS too); TargetFilePath joins FolderPath and FileName with "/"
 * there (:108), whatever FolderPath holds (defenderRecords writes the full path, assumption `defender-folderpath-full`);
 * SrcFilePath is the separator alone for a row without a previous file (:110); ActorWindowsUsername is
 * strcat(Domain, '\\', Name) even with no domain (:63); HashType is "SHA256" when the row has no hash at all (:117).
 */
function fileEventM365D(table: Readonly<Row>): Row {
  const r: Row = { ...table };
  const c = (k: string): string => ks(r[k]);
  if (c('RequestAccountName') !== '') {
    // remote_events, :27-53 (`where isnotempty(RequestAccountName)`, :30)
    projectRename(r, {
      SrcIpAddr: 'RequestSourceIP', ActorUserSid: 'RequestAccountSid', TargetUserSid: 'InitiatingProcessAccountSid', // :32-34
      TargetUserAadId: 'InitiatingProcessAccountObjectId', TargetUserUpn: 'InitiatingProcessAccountUpn', // :35-36
    });
    // :37-41
    r['ActorWindowsUsername'] = `${c('RequestAccountDomain')}\\${c('RequestAccountName')}`; // :38
    r['TargetWindowsUsername'] = `${c('InitiatingProcessAccountDomain')}\\${c('InitiatingProcessAccountName')}`; // :39
    r['ActorUserUpn'] = ''; // :40
    r['ActorUserAadId'] = ''; // :41
    // :42-44
    r['ActorUserType'] = windowsUserType(c('ActorWindowsUsername'), c('ActorUserSid')); // :43
    r['TargetUserType'] = windowsUserType(c('TargetWindowsUsername'), c('TargetUserSid')); // :44
    // :45-52
    const port = r['RequestSourcePort'];
    r['SrcPortNumber'] = typeof port === 'number' && Number.isInteger(port) ? port : null; // :46 toint(RequestSourcePort), an int column
    r['TargetUsername'] = coalesceStr(c('TargetUserUpn'), c('TargetWindowsUsername')); // :47
    r['TargetUsernameType'] = c('TargetUserUpn') === '' ? 'Windows' : 'UPN'; // :48
    r['TargetUserId'] = coalesceStr(c('TargetUserAadId'), c('TargetUserSid')); // :49
    r['TargetUserIdType'] = c('TargetUserSid') === '' ? 'AADID' : 'SID'; // :50
    r['IpAddr'] = c('SrcIpAddr'); // :51
    r['Src'] = c('SrcIpAddr'); // :52
  } else {
    // local_events, :54-67 (`where isempty(RequestAccountName)`, :57)
    projectRename(r, { ActorUserSid: 'InitiatingProcessAccountSid', ActorUserAadId: 'InitiatingProcessAccountObjectId', ActorUserUpn: 'InitiatingProcessAccountUpn' }); // :58-61
    r['ActorWindowsUsername'] = `${c('InitiatingProcessAccountDomain')}\\${c('InitiatingProcessAccountName')}`; // :63
    r['ActorUserType'] = windowsUserType(c('ActorWindowsUsername'), c('ActorUserSid')); // :65
    projectAway(r, ['RequestAccountSid', 'RequestSourceIP']); // :66
  }
  // :68-71 union remote_events, local_events; :72-87
  projectRename(r, {
    EventType: 'ActionType', DvcId: 'DeviceId', TargetFileMD5: 'MD5', TargetFileSHA1: 'SHA1', TargetFileSHA256: 'SHA256', // :73-77
    ActingProcessCommandLine: 'InitiatingProcessCommandLine', ActingProcessName: 'InitiatingProcessFolderPath', // :78-79
    ActingProcessMD5: 'InitiatingProcessMD5', ActingProcessSHA1: 'InitiatingProcessSHA1', ActingProcessSHA256: 'InitiatingProcessSHA256', // :80-82
    ActingProcessParentFileName: 'InitiatingProcessParentFileName', ActingProcessCreationTime: 'InitiatingProcessCreationTime', // :83-84
    ActingProcessParentCreationTime: 'InitiatingProcessParentCreationTime', TargetFileName: 'FileName', SrcFileName: 'PreviousFileName', // :85-87
  });
  // :88-90 (startswith is case-insensitive; "/" has no case)
  r['DvcOs'] = c('FolderPath').startsWith('/') ? 'Linux' : 'Windows'; // :89
  const size = r['FileSize'];
  r['TargetFileSize'] = typeof size === 'number' && Number.isInteger(size) ? size : null; // :90 tolong(FileSize), a long column
  // :91-113
  const linux = c('DvcOs') === 'Linux';
  r['EventCount'] = 1; // :92 int(1)
  r['EventOriginalUid'] = c('ReportId'); // :93 tostring()
  r['ActingProcessId'] = c('InitiatingProcessId'); // :94 tostring()
  r['EventStartTime'] = r['Timestamp'] ?? null; // :95
  r['EventEndTime'] = r['Timestamp'] ?? null; // :96
  r['EventResult'] = 'Success'; // :97
  r['EventProduct'] = 'M365 Defender for Endpoint'; // :98
  r['EventSchema'] = 'FileEvent'; // :99
  r['EventVendor'] = 'Microsoft'; // :100
  r['EventSeverity'] = 'Informational'; // :101
  r['EventSchemaVersion'] = '0.2.1'; // :102
  r['DvcIdType'] = 'MDEid'; // :103
  r['ActorUsername'] = coalesceStr(c('ActorUserUpn'), c('ActorWindowsUsername')); // :104
  r['ActorUsernameType'] = c('ActorUserUpn') === '' ? 'Windows' : 'UPN'; // :105
  r['ActorUserId'] = coalesceStr(c('ActorUserAadId'), c('ActorUserSid')); // :106
  r['ActorUserIdType'] = c('ActorUserSid') === '' ? 'AADID' : 'SID'; // :107
  r['TargetFilePath'] = `${c('FolderPath')}${linux ? '/' : '\\'}${c('TargetFileName')}`; // :108
  r['TargetFilePathType'] = linux ? 'Unix' : 'Windows Local'; // :109
  r['SrcFilePath'] = `${c('PreviousFolderPath')}${linux ? '/' : '\\'}${c('SrcFileName')}`; // :110
  r['SrcFilePathType'] = linux ? 'Unix' : 'Windows Local'; // :111
  r['Hash'] = coalesceStr(c('TargetFileSHA256'), c('TargetFileSHA1'), c('TargetFileMD5')); // :112
  r['NetworkApplicationProtocol'] = FILE_PROTOCOLS.includes(c('RequestProtocol')) ? c('RequestProtocol').toUpperCase() : ''; // :113 (`in` is case-sensitive)
  // :114 invoke _ASIM_ResolveDvcFQDN('DeviceName'), :115
  Object.assign(r, resolveFqdn('Dvc', c('DeviceName')));
  projectAway(r, ['DeviceName']);
  // :116-117 tostring(dynamic(["SHA256", "SHA1", "MD5"])[array_index_of(pack_array(SHA256, SHA1, MD5), Hash)]):
  // array_index_of gives the first index holding Hash ("" for a row without hashes: index 0) or -1, whose element is
  // null ("" by tostring).
  const index = [c('TargetFileSHA256'), c('TargetFileSHA1'), c('TargetFileMD5')].indexOf(c('Hash'));
  r['HashType'] = ['SHA256', 'SHA1', 'MD5'][index] ?? '';
  // :118-126 aliases
  r['User'] = c('ActorUsername');
  r['Dvc'] = coalesceStr(c('DvcFQDN'), c('DvcHostname'));
  r['FilePath'] = c('TargetFilePath');
  r['Process'] = c('ActingProcessName');
  r['CommandLine'] = c('ActingProcessCommandLine');
  r['DvcMDEid'] = c('DvcId');
  r['FileName'] = c('TargetFileName');
  // :127-128
  projectAway(r, [
    'MachineGroup', 'ReportId', 'SourceSystem', 'Initiating*', 'Timestamp', 'TenantId', 'Request*', 'PreviousFolderPath', 'FolderPath', 'AppGuardContainerId',
  ]);
  projectAway(r, ['ShareName', 'IsAzureInfoProtectionApplied', 'FileOrigin*', 'Sensitivity*']);
  return r;
}

/** `_ASIM_GetWindowsUserType(username, sid)` (assumption `asim-windows-user-type`): left empty. */
function windowsUserType(_username: string, _sid: string): string {
  assumption('asim-windows-user-type');
  return '';
}
