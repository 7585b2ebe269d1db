import type { EventSource, KqlRecord, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow, kqlTableColumns } from './columns.js';
import {
  SECURITY_CHANNEL, SYSMON_CHANNEL, eventTime, field, linuxSysmonView, macosView, parseHashes, parseInteger, splitPath, splitUser, text, windowsView,
  type WindowsEventView,
} from './windows.js';

/**
 * Defender XDR (Device* tables) rows for a raw event. Which Sysmon/Security field feeds which column is read off
 * Microsoft's ASIM parsers, which map Sysmon and the Defender tables onto the same ASIM fields (the citation is on each
 * block below, `file:line`); columns the parsers do not cover follow the table page's description. Every documented
 * column is written (Kusto defaults where the event has nothing). Event types Defender does not record give [].
 */
export function defenderRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const linux = linuxSysmonView(event, source) ?? macosView(event, source);
  if (linux) {
    // Defender for Endpoint on Linux and macOS records processes, connections and files in the same tables
    // (ASimProcessEventMicrosoft365D.yaml: DvcOs = iff(AdditionalFields has "ProcessPosixProcessGroupId", "Linux", ...);
    // ASimFileEventMicrosoft365D.yaml: DvcOs = iff(FolderPath startswith "/", "Linux", "Windows")). macOS: assumption
    // `macos-event-shape` (the table pages in the snapshot do not name platforms).
    const build = LINUX_BUILDERS[linux.eventId];
    return build ? build(linux) : [];
  }
  if (source.product === 'windows' && source.category === 'file_rename' && text(event['Channel']) === '') return [fileRenamed(edrView(event))];
  const view = windowsView(event, source);
  if (!view) return [];
  if (view.channel === SYSMON_CHANNEL) {
    const build = SYSMON_BUILDERS[view.eventId];
    return build ? build(view) : [];
  }
  if (view.channel === SECURITY_CHANNEL && (view.eventId === 4624 || view.eventId === 4625)) return [logon(view)];
  return [];
}

/** What defenderRecords handles: Sysmon event ids, Sysmon-for-Linux ids (Linux categories) and Security ids. */
export function defenderCoverage(): { readonly sysmon: readonly number[]; readonly linux: readonly number[]; readonly security: readonly number[] } {
  return { sysmon: Object.keys(SYSMON_BUILDERS).map(Number), linux: Object.keys(LINUX_BUILDERS).map(Number), security: [4624, 4625] };
}

const SYSMON_BUILDERS: Readonly<Record<number, (view: WindowsEventView) => KqlRecord[]>> = {
  1: (v) => [processCreated(v)],
  3: (v) => [network(v)],
  6: (v) => [deviceEvent(v, 'DriverLoad', fileColumns(field(v, 'ImageLoaded'), field(v, 'Hashes')))],
  7: (v) => [imageLoad(v)],
  8: (v) => [remoteThread(v)],
  10: (v) => [openProcess(v)],
  11: (v) => [fileEvent(v, 'FileCreated')],
  12: (v) => [registry(v)],
  13: (v) => [registry(v)],
  14: (v) => [registry(v)],
  17: (v) => [namedPipe(v)],
  18: (v) => [namedPipe(v)],
  22: (v) => [dns(v)],
  23: (v) => [fileEvent(v, 'FileDeleted')],
  26: (v) => [fileEvent(v, 'FileDeleted')],
};

const LINUX_BUILDERS: Readonly<Record<number, (view: WindowsEventView) => KqlRecord[]>> = {
  1: (v) => [processCreated(v)],
  3: (v) => [network(v)],
  11: (v) => [fileEvent(v, 'FileCreated')],
  23: (v) => [fileEvent(v, 'FileDeleted')],
};

function row(table: string, view: WindowsEventView, actionType: string, values: Record<string, KqlValue>): KqlRecord {
  assumption('defender-action-types');
  assumption('defender-unrecorded');
  return {
    table,
    row: fullRow(table, {
      Timestamp: eventTime(view),
      DeviceName: view.computer,
      ActionType: actionType,
      ...values,
    }),
  };
}

function long(value: string): number | null {
  return parseInteger(value);
}

/**
 * The FolderPath/FileName/hash columns of a file (assumption `defender-folderpath-full`): FolderPath <- the full path
 * (ASimProcessEventMicrosoft365D.yaml:68 TargetProcessName = FolderPath; ASimProcessCreateMicrosoftSysmon.yaml:73
 * TargetProcessName = Image), FileName <- its last segment (ASimProcessEventMicrosoft365D.yaml:66
 * TargetProcessFilename = FileName), MD5/SHA1/SHA256 <- Sysmon Hashes (ASimProcessEventMicrosoft365D.yaml:70-72 and
 * ASimProcessCreateMicrosoftSysmon.yaml:53-62, both TargetProcessMD5/SHA1/SHA256).
 */
function fileColumns(path: string, hashes: string): Record<string, KqlValue> {
  assumption('defender-folderpath-full');
  const h = parseHashes(hashes);
  return { FolderPath: path, FileName: path ? splitPath(path).file : '', MD5: h['MD5'] ?? '', SHA1: h['SHA1'] ?? '', SHA256: h['SHA256'] ?? '' };
}

/**
 * The acting process' command line of a non-process-creation event: Sysmon writes none there, but a Sigma event of
 * those categories may carry `CommandLine` (rules written for EDRs that record it), and Defender records
 * InitiatingProcessCommandLine on every Device* row (assumption `defender-acting-commandline`).
 */
function actingCommandLine(v: WindowsEventView): string {
  return field(v, 'CommandLine');
}

/**
 * What else Defender records about the acting process of a non-process-creation event, when the Sigma event carries it
 * (Sysmon writes neither there, but rules of those categories test them, meaning the acting process): its parent's file
 * name (InitiatingProcessParentFileName, "Name of the parent process that spawned the process responsible for the
 * event") and its integrity level (InitiatingProcessIntegrityLevel, "Integrity level of the process that initiated the
 * event"), both on the Device* table pages (e.g. advanced-hunting-devicefileevents-table.md:77,80), written only where
 * the table documents the column (DeviceEvents has no InitiatingProcessIntegrityLevel). Assumption `defender-acting-context`.
 */
function actingContext(v: WindowsEventView, table: string): Record<string, KqlValue> {
  const out: Record<string, KqlValue> = {};
  const cols = kqlTableColumns(table) ?? {};
  const parent = field(v, 'ParentImage');
  const level = field(v, 'IntegrityLevel');
  if (parent !== '' && 'InitiatingProcessParentFileName' in cols) out['InitiatingProcessParentFileName'] = splitPath(parent).file;
  if (level !== '' && 'InitiatingProcessIntegrityLevel' in cols) out['InitiatingProcessIntegrityLevel'] = level;
  if (Object.keys(out).length > 0) assumption('defender-acting-context');
  return out;
}

/**
 * The acting process (InitiatingProcess*): ActingProcessName = InitiatingProcessFolderPath
 * (ASimProcessEventMicrosoft365D.yaml:76, ASimRegistryEventMicrosoft365D.yaml:88) <- Sysmon Image in every
 * non-process-creation parser (ASimRegistryEventMicrosoftSysmon.yaml:74, ASimFileEventMicrosoftSysmon.yaml:47);
 * ActingProcessId = InitiatingProcessId; ActorUsername = InitiatingProcessAccountDomain\InitiatingProcessAccountName
 * (ASimRegistryEventMicrosoft365D.yaml:72) <- Sysmon User.
 */
function initiating(image: string, pid: string, user: string, commandLine = ''): Record<string, KqlValue> {
  if (commandLine !== '') assumption('defender-acting-commandline');
  const u = splitUser(user);
  return {
    InitiatingProcessFolderPath: image,
    InitiatingProcessFileName: image ? splitPath(image).file : '',
    InitiatingProcessId: long(pid),
    InitiatingProcessCommandLine: commandLine,
    InitiatingProcessAccountDomain: u.domain,
    InitiatingProcessAccountName: u.name,
  };
}

/**
 * Sysmon 1 -> DeviceProcessEvents. ASimProcessEventMicrosoft365D.yaml (Defender) vs ASimProcessCreateMicrosoftSysmon.yaml
 * (Sysmon), per ASIM field: TargetProcessName FolderPath/Image, TargetProcessCommandLine ProcessCommandLine/CommandLine,
 * TargetProcessId ProcessId/ProcessId, TargetUsername AccountDomain\AccountName/User, TargetUserSessionId LogonId/LogonId,
 * TargetProcessIntegrityLevel ProcessIntegrityLevel/IntegrityLevel, ActingProcessName InitiatingProcessFolderPath/ParentImage,
 * ActingProcessCommandLine InitiatingProcessCommandLine/ParentCommandLine, ActingProcessId InitiatingProcessId/ParentProcessId,
 * ActorUsername InitiatingProcessAccountDomain\Name/ParentUser. Version-info columns follow the page descriptions
 * ("Company name from the version information of the newly created process" = Sysmon Company, ...).
 */
function processCreated(v: WindowsEventView): KqlRecord {
  const user = splitUser(field(v, 'User'));
  const time = eventTime(v);
  return row('DeviceProcessEvents', v, 'ProcessCreated', {
    ...fileColumns(field(v, 'Image'), field(v, 'Hashes')),
    ProcessId: long(field(v, 'ProcessId')),
    ProcessCommandLine: field(v, 'CommandLine'),
    ProcessIntegrityLevel: field(v, 'IntegrityLevel'),
    ProcessCreationTime: time,
    ProcessVersionInfoCompanyName: field(v, 'Company'),
    ProcessVersionInfoProductName: field(v, 'Product'),
    ProcessVersionInfoOriginalFileName: field(v, 'OriginalFileName'),
    ProcessVersionInfoFileDescription: field(v, 'Description'),
    AccountDomain: user.domain,
    AccountName: user.name,
    LogonId: long(field(v, 'LogonId')),
    CreatedProcessSessionId: long(field(v, 'TerminalSessionId')),
    ...initiating(field(v, 'ParentImage'), field(v, 'ParentProcessId'), field(v, 'ParentUser'), field(v, 'ParentCommandLine')),
    ...grandparent(v),
  });
}

/**
 * The creating process' parent: InitiatingProcessParentFileName ("Name of the parent process that spawned the process
 * responsible for the event", advanced-hunting-deviceprocessevents-table.md:95) is, on a process creation row, the
 * grandparent of the new process: Sigma's GrandParentImage, which Sysmon does not write but EDR-shaped events carry
 * (assumption `defender-acting-context`).
 */
function grandparent(v: WindowsEventView): Record<string, KqlValue> {
  const image = field(v, 'GrandParentImage');
  if (image === '') return {};
  assumption('defender-acting-context');
  return { InitiatingProcessParentFileName: splitPath(image).file };
}

/**
 * Sysmon 3 -> DeviceNetworkEvents. ActionType from Initiated: the DirectionLookup of
 * ASimNetworkSessionMicrosoft365Defender.yaml:25-32 (ConnectionSuccess = Outbound, InboundConnectionAccepted = Inbound).
 * Outbound rows: DstIpAddr = RemoteIP, SrcIpAddr = LocalIP, DstPortNumber = RemotePort, SrcPortNumber = LocalPort
 * (lines 91-94), inbound rows the reverse (lines 141-144); ASimNetworkSessionMicrosoftSysmon.yaml maps SrcIpAddr =
 * SourceIp, DstIpAddr = DestinationIp, ... whatever the direction. The remote host, with "-" as empty (Sysmon parser):
 * outbound, DstHostname = UrlHostname of RemoteUrl (:105) <- DestinationHostname (ASimNetworkSessionMicrosoftSysmon.yaml:52);
 * inbound, SrcHostname = UrlHostname (ASimNetworkSessionMicrosoft365Defender.yaml:154) <- SourceHostname
 * (ASimNetworkSessionMicrosoftSysmon.yaml:51), assumption `defender-remoteurl-inbound`. The process
 * is the acting process (SrcProcessName = InitiatingProcessFileName).
 */
function network(v: WindowsEventView): KqlRecord {
  assumption('defender-protocol');
  // Sysmon always writes Initiated; an event without it (a Linux witness built from the rule's fields alone) is taken
  // as the connection its process made, the direction network rules describe.
  const outbound = !/^false$/i.test(field(v, 'Initiated'));
  if (!outbound) assumption('defender-remoteurl-inbound');
  const proto = field(v, 'Protocol').toLowerCase();
  const dashless = (s: string): string => (s === '-' ? '' : s);
  return row('DeviceNetworkEvents', v, outbound ? 'ConnectionSuccess' : 'InboundConnectionAccepted', {
    RemoteIP: outbound ? field(v, 'DestinationIp') : field(v, 'SourceIp'),
    RemotePort: long(outbound ? field(v, 'DestinationPort') : field(v, 'SourcePort')),
    LocalIP: outbound ? field(v, 'SourceIp') : field(v, 'DestinationIp'),
    LocalPort: long(outbound ? field(v, 'SourcePort') : field(v, 'DestinationPort')),
    RemoteUrl: dashless(field(v, outbound ? 'DestinationHostname' : 'SourceHostname')),
    Protocol: proto === 'tcp' ? 'Tcp' : proto === 'udp' ? 'Udp' : proto ? 'Unknown' : '',
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceNetworkEvents'),
  });
}

/** Sysmon 7 -> DeviceImageLoadEvents: the loaded DLL in FileName/FolderPath (page: "file that the recorded action was applied to"), the loader as InitiatingProcess*. */
function imageLoad(v: WindowsEventView): KqlRecord {
  return row('DeviceImageLoadEvents', v, 'ImageLoaded', {
    ...fileColumns(field(v, 'ImageLoaded'), field(v, 'Hashes')),
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceImageLoadEvents'),
  });
}

/**
 * Sysmon 11/23/26 -> DeviceFileEvents. ASimFileEventMicrosoft365D.yaml: TargetFileName = FileName (line 86), hashes
 * TargetFileMD5/SHA1/SHA256 (75-77), ActingProcessName = InitiatingProcessFolderPath (79); ASimFileEventMicrosoftSysmon.yaml:
 * TargetFilePath = TargetFilename, ActingProcessName = Image, ActorUsername = User, EventType FileCreated (11) / FileDeleted.
 */
function fileEvent(v: WindowsEventView, actionType: string): KqlRecord {
  return row('DeviceFileEvents', v, actionType, {
    ...fileColumns(field(v, 'TargetFilename'), field(v, 'Hashes')),
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceFileEvents'),
  });
}

/**
 * A Windows event no Windows log writes (Sigma's file_rename: EDR telemetry, no channel), read as its fields. Defender
 * for Endpoint records renames itself, as DeviceFileEvents FileRenamed rows.
 */
function edrView(event: RawEvent): WindowsEventView {
  const data = Object.entries(event).map(([k, v]): [string, string] => [k, text(v)]);
  return { channel: '', eventId: 0, provider: '', computer: text(event['Computer']), system: {}, data };
}

/**
 * file_rename -> DeviceFileEvents FileRenamed: the new path as FolderPath/FileName (fileColumns), the old one split as
 * Microsoft's Defender file parser joins it back, SrcFilePath = strcat(PreviousFolderPath, "\\", SrcFileName) with
 * SrcFileName = PreviousFileName (ASimFileEventMicrosoft365D.yaml:87, :110): PreviousFolderPath is the folder.
 */
function fileRenamed(v: WindowsEventView): KqlRecord {
  const previous = splitPath(field(v, 'SourceFilename'));
  return row('DeviceFileEvents', v, 'FileRenamed', {
    ...fileColumns(field(v, 'TargetFilename'), field(v, 'Hashes')),
    PreviousFolderPath: previous.folder,
    PreviousFileName: previous.file,
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceFileEvents'),
  });
}

/** Sysmon EventType -> ASIM registry EventType: the RegistryAction datatable of ASimRegistryEventMicrosoftSysmon.yaml:27-34. */
const REGISTRY_ACTION: Readonly<Record<string, string>> = {
  CreateKey: 'RegistryKeyCreated',
  DeleteKey: 'RegistryKeyDeleted',
  DeleteValue: 'RegistryValueDeleted',
  SetValue: 'RegistryValueSet',
  RenameKey: 'RegistryKeyRenamed',
};

/** Sysmon hive prefixes -> the normalized root keys: the Hives datatable of ASimRegistryEventMicrosoftSysmon.yaml:35-40. */
export const HIVES: Readonly<Record<string, string>> = { HKLM: 'HKEY_LOCAL_MACHINE', HKU: 'HKEY_USERS', HKCR: 'HKEY_LOCAL_MACHINE\\Classes' };

function normalizeKey(key: string): string {
  assumption('defender-registry-hive');
  const i = key.indexOf('\\');
  const prefix = i < 0 ? key : key.slice(0, i);
  const hive = HIVES[prefix];
  return hive ? hive + (i < 0 ? '' : key.slice(i)) : key;
}

/** `^(.+)\\(.+)$` split of ASimRegistryEventMicrosoftSysmon.yaml (key, value) . */
function splitKeyValue(path: string): [string, string] {
  const m = /^(.+)\\(.+)$/s.exec(path);
  return m ? [m[1]!, m[2]!] : [path, ''];
}

/** Sysmon Details -> Defender RegistryValueType / RegistryValueData (assumption `defender-registry-dword`). */
export function registryValue(details: string): { type: string; data: string } {
  assumption('defender-registry-dword');
  const dword = /^DWORD \(0x([0-9a-fA-F]{1,8})\)$/.exec(details);
  if (dword) return { type: 'Dword', data: String(Number.parseInt(dword[1]!, 16)) };
  const qword = /^QWORD \(0x([0-9a-fA-F]{1,8})-0x([0-9a-fA-F]{1,8})\)$/.exec(details);
  if (qword) return { type: 'Qword', data: ((BigInt(`0x${qword[1]}`) << 32n) + BigInt(`0x${qword[2]}`)).toString() };
  if (details === 'Binary Data') return { type: 'Binary', data: '' };
  if (details === '(Empty)') return { type: 'String', data: '' };
  return { type: 'String', data: details };
}

/**
 * Sysmon 12/13/14 -> DeviceRegistryEvents. ASimRegistryEventMicrosoft365D.yaml:50-54: RegistryKey is
 * PreviousRegistryKey for RegistryKeyDeleted/RegistryValueDeleted, RegistryValue is PreviousRegistryValueName for
 * RegistryValueDeleted, RegistryKeyModified is PreviousRegistryKey for RegistryKeyRenamed; so deletions carry the key
 * (and value) in the Previous* columns and a rename its old key there.
 */
function registry(v: WindowsEventView): KqlRecord {
  const action = REGISTRY_ACTION[field(v, 'EventType')] ?? (v.eventId === 13 ? 'RegistryValueSet' : v.eventId === 14 ? 'RegistryKeyRenamed' : 'RegistryKeyCreated');
  const target = normalizeKey(field(v, 'TargetObject'));
  const values: Record<string, KqlValue> = {};
  if (action === 'RegistryValueSet') {
    const [key, name] = splitKeyValue(target);
    const { type, data } = registryValue(field(v, 'Details'));
    Object.assign(values, { RegistryKey: key, RegistryValueName: name, RegistryValueType: type, RegistryValueData: data });
  } else if (action === 'RegistryValueDeleted') {
    const [key, name] = splitKeyValue(target);
    Object.assign(values, { PreviousRegistryKey: key, PreviousRegistryValueName: name });
  } else if (action === 'RegistryKeyDeleted') {
    values['PreviousRegistryKey'] = target;
  } else if (action === 'RegistryKeyRenamed') {
    Object.assign(values, { PreviousRegistryKey: target, RegistryKey: normalizeKey(field(v, 'NewName')) });
  } else values['RegistryKey'] = target;
  return row('DeviceRegistryEvents', v, action, {
    ...values,
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceRegistryEvents'),
  });
}

/** DeviceEvents row (the table of "miscellaneous device events", its ActionType naming the kind). */
function deviceEvent(v: WindowsEventView, actionType: string, values: Record<string, KqlValue>): KqlRecord {
  return row('DeviceEvents', v, actionType, values);
}

/** AdditionalFields is a *string* column ("Additional information about the event in JSON array format", page). */
function additional(fields: Record<string, unknown>): string {
  return JSON.stringify(fields);
}

/**
 * Sysmon 17/18 -> DeviceEvents NamedPipeEvent, the pipe in AdditionalFields (a JSON string). The keys (PipeName,
 * NamedPipeEnd, FileOperation) and the \Device\NamedPipe prefix are Defender's published form, not in the snapshot
 * (assumption `defender-action-types`).
 */
function namedPipe(v: WindowsEventView): KqlRecord {
  const pipe = field(v, 'PipeName');
  const server = v.eventId === 17;
  return deviceEvent(v, 'NamedPipeEvent', {
    AdditionalFields: additional({
      FileOperation: server ? 'File created' : 'File opened',
      NamedPipeEnd: server ? 'Server' : 'Client',
      PipeName: pipe.startsWith('\\') ? `\\Device\\NamedPipe${pipe}` : pipe,
    }),
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceEvents'),
  });
}

/** Sysmon 8 -> DeviceEvents CreateRemoteThreadApiCall: target process in FileName/FolderPath/ProcessId, source as InitiatingProcess*. */
function remoteThread(v: WindowsEventView): KqlRecord {
  return deviceEvent(v, 'CreateRemoteThreadApiCall', {
    ...fileColumns(field(v, 'TargetImage'), ''),
    ProcessId: long(field(v, 'TargetProcessId')),
    ...initiating(field(v, 'SourceImage'), field(v, 'SourceProcessId'), field(v, 'SourceUser')),
  });
}

/** Sysmon 10 -> DeviceEvents OpenProcessApiCall: target process in FileName/FolderPath, DesiredAccess in AdditionalFields. */
function openProcess(v: WindowsEventView): KqlRecord {
  const access = parseInteger(field(v, 'GrantedAccess'));
  return deviceEvent(v, 'OpenProcessApiCall', {
    ...fileColumns(field(v, 'TargetImage'), ''),
    ProcessId: long(field(v, 'TargetProcessId')),
    AdditionalFields: additional({ DesiredAccess: access }),
    ...initiating(field(v, 'SourceImage'), field(v, 'SourceProcessId'), field(v, 'SourceUser')),
  });
}

/** Sysmon 22 -> DeviceEvents DnsQueryResponse (query and answer in AdditionalFields). */
function dns(v: WindowsEventView): KqlRecord {
  return deviceEvent(v, 'DnsQueryResponse', {
    AdditionalFields: additional({ DnsQueryString: field(v, 'QueryName'), DnsQueryResult: field(v, 'QueryResults') }),
    ...initiating(field(v, 'Image'), field(v, 'ProcessId'), field(v, 'User'), actingCommandLine(v)),
    ...actingContext(v, 'DeviceEvents'),
  });
}

/** Windows logon type numbers -> Defender LogonType strings (assumption `defender-action-types`). */
const LOGON_TYPES: Readonly<Record<string, string>> = {
  '2': 'Interactive', '3': 'Network', '4': 'Batch', '5': 'Service', '7': 'Unlock', '8': 'NetworkCleartext',
  '9': 'NewCredentials', '10': 'RemoteInteractive', '11': 'CachedInteractive',
};

/**
 * Security 4624/4625 -> DeviceLogonEvents LogonSuccess/LogonFailed (EventResultLookup,
 * ASimAuthenticationM365Defender.yaml:37-40); TargetUsername = AccountDomain\AccountName (lines 79-80), SrcIpAddr =
 * RemoteIP (line 135).
 */
function logon(v: WindowsEventView): KqlRecord {
  const success = v.eventId === 4624;
  const remote = field(v, 'IpAddress');
  const port = field(v, 'IpPort');
  return row('DeviceLogonEvents', v, success ? 'LogonSuccess' : 'LogonFailed', {
    AccountDomain: field(v, 'TargetDomainName'),
    AccountName: field(v, 'TargetUserName'),
    AccountSid: field(v, 'TargetUserSid'),
    LogonType: LOGON_TYPES[field(v, 'LogonType')] ?? field(v, 'LogonType'),
    LogonId: long(field(v, 'TargetLogonId')),
    Protocol: field(v, 'AuthenticationPackageName'),
    RemoteDeviceName: field(v, 'WorkstationName') === '-' ? '' : field(v, 'WorkstationName'),
    RemoteIP: remote === '-' ? '' : remote,
    RemotePort: port === '-' ? null : long(port),
    ...initiating(field(v, 'ProcessName'), field(v, 'ProcessId'), ''),
  });
}
