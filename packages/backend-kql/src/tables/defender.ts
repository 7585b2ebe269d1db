// Microsoft Defender XDR advanced hunting: columns and types are generated from Microsoft's table pages
// (src/generated/schemas.ts); what is here is our own knowledge about the tables, each with its reason.
import { INITIATED_ACTION_TYPES, registryEventIdExpr } from '../knowledge.js';
import { familySchemas } from './generated.js';
import type { TableRelations, TableSchema } from './types.js';

/** FolderPath ends with `\` + FileName (assumption defender-folderpath-basename). */
const BASENAME = { FolderPath: 'FileName', InitiatingProcessFolderPath: 'InitiatingProcessFileName' };
const INITIATING_BASENAME = { InitiatingProcessFolderPath: 'InitiatingProcessFileName' };
/** Microsoft's ASIM Defender parsers join these as Domain\Name (ASimProcessEventMicrosoft365D.yaml, ActorUsername/TargetUsername). */
const DOMAIN = { AccountName: 'AccountDomain', InitiatingProcessAccountName: 'InitiatingProcessAccountDomain' };
const INITIATING_DOMAIN = { InitiatingProcessAccountName: 'InitiatingProcessAccountDomain' };
/** The initiating process's parent is only known by file name (InitiatingProcessParentFileName). */
const PARENT_NAME = { ParentImage: 'InitiatingProcessParentFileName' };

/**
 * Sysmon's registry TargetObject (key, or key\value name) from a DeviceRegistryEvents row. Deletions keep the key
 * and value name in the Previous* columns and a renamed key's old name is PreviousRegistryKey, as Microsoft's ASIM
 * Defender registry parser reads them (ASimRegistryEventMicrosoft365D.yaml:50-54); Sysmon names the old key.
 */
const REGISTRY_KEY =
  'iff(ActionType in ("RegistryKeyDeleted", "RegistryValueDeleted", "RegistryKeyRenamed"), PreviousRegistryKey, RegistryKey)';
const REGISTRY_VALUE = 'iff(ActionType == "RegistryValueDeleted", PreviousRegistryValueName, RegistryValueName)';

/**
 * The path of the file a row's `folder` and `name` columns describe, right under both readings of FolderPath (assumption
 * defender-folderpath-either). Defender's pages call FolderPath and PreviousFolderPath the "Folder containing the file"
 * (advanced-hunting-devicefileevents-table.md:47, :54; the DeviceImageLoadEvents and DeviceEvents pages alike), and
 * Microsoft's Defender file parser joins TargetFilePath = strcat(FolderPath, iff(DvcOs == "Linux", "/", "\\"),
 * TargetFileName) and SrcFilePath likewise (ASimFileEventMicrosoft365D.yaml:108, :110); its process parser reads
 * FolderPath as the full path (ASimProcessEventMicrosoft365D.yaml:68). A column that already ends with the separator
 * and the name, or is the name (a path without a folder), is the path; any other is joined with the name, by the
 * path's own separator (`/` in a path that has one: Linux, macOS, a relative path; Windows paths have none) unless it
 * ends with one (a root, `C:\`). A row without a folder has the name alone. Left: under the folder reading, a file in
 * a folder of its own name (`C:\x\a.exe\a.exe`) reads as that folder.
 */
function pathOf(folder: string, name: string): string {
  const sep = `iff(${folder} contains "/", "/", @"\\")`;
  return `iff(${folder} endswith_cs strcat(${sep}, ${name}) or ${folder} == ${name}, ${folder}, iff(isempty(${folder}), ${name}, strcat(${folder}, iff(${folder} endswith ${sep}, "", ${sep}), ${name})))`;
}
const FILE_PATH = pathOf('FolderPath', 'FileName');

/** The inbound connection ActionTypes (generated from the Defender parser's DirectionLookup). */
const INBOUND = `ActionType in (${INITIATED_ACTION_TYPES.false.map((a) => JSON.stringify(a)).join(', ')})`;

/**
 * The remote host of a connection as Sysmon names it. RemoteUrl is the "URL or fully qualified domain name (FQDN) that
 * was being connected to" (advanced-hunting-devicenetworkevents-table.md:50); Microsoft's Defender network parser first
 * strips an http(s):// scheme, RemoteUrl = extract(@"(?:https?://)?(.*)", 1, RemoteUrl)
 * (ASimNetworkSessionMicrosoft365Defender.yaml:58), and its FQDN is all that is left (:76 UrlFQDN; a name without a dot
 * stays whole in :74 UrlHostname). It takes no port or path off, and neither do we (assumption defender-remoteurl-url).
 */
const REMOTE_HOST = 'extract(@"(?:https?://)?(.*)", 1, RemoteUrl)';
/**
 * An IPv4 address Defender stores IPv4-mapped (IP type FourToSixMapping, advanced-hunting-devicenetworkevents-table.md:54-55)
 * as Sysmon writes it, dotted. The page does not show that text form: ::ffff:a.b.c.d (any case) is assumed, and a
 * plain dotted address is left as it is (assumption defender-ipv4-mapped).
 */
const unmapped = (ip: string): string => `replace_regex(${ip}, @"(?i)^::ffff:(\\d+\\.\\d+\\.\\d+\\.\\d+)$", @"\\1")`;
const DESTINATION_IP = unmapped(`iff(${INBOUND}, LocalIP, RemoteIP)`);
const SOURCE_IP = unmapped(`iff(${INBOUND}, RemoteIP, LocalIP)`);

const RELATIONS: Readonly<Record<string, TableRelations>> = {
  DeviceProcessEvents: {
    basenameOnly: { GrandParentImage: 'InitiatingProcessParentFileName' },
    basename: BASENAME,
    domainSplit: DOMAIN,
  },
  DeviceNetworkEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      // Sysmon's Source is the side that opened the connection; Defender's Local is always this device. Microsoft's
      // Defender network parser reads RemoteIP/RemotePort as the destination for outbound ActionTypes and as the source
      // for inbound ones (ASimNetworkSessionMicrosoft365Defender.yaml:91-94 and :141-144, DirectionLookup :25-32).
      DestinationIp: DESTINATION_IP,
      DestinationPort: `iff(${INBOUND}, LocalPort, RemotePort)`,
      SourceIp: SOURCE_IP,
      SourcePort: `iff(${INBOUND}, RemotePort, LocalPort)`,
      // Sysmon writes 'true'/'false'; an IPv4-mapped address is IPv4 there.
      DestinationIsIpv6: `iff(${DESTINATION_IP} contains ":", "true", "false")`,
      SourceIsIpv6: `iff(${SOURCE_IP} contains ":", "true", "false")`,
      // The parser's remote host (REMOTE_HOST) is the destination of an outbound connection and the device the source
      // (:105-113); inbound, the remote host is the source (SrcHostname = UrlHostname, SrcFQDN = UrlFQDN, :154-157) and
      // the device the destination (DstHostname = DvcHostname, DstFQDN = DvcFQDN, :159-161): DeviceName, the device's
      // FQDN (advanced-hunting-devicenetworkevents-table.md:46).
      DestinationHostname: `iff(${INBOUND}, DeviceName, ${REMOTE_HOST})`,
      SourceHostname: `iff(${INBOUND}, ${REMOTE_HOST}, DeviceName)`,
      // Sysmon's tcp/udp, as Sigma's rules write them (Microsoft's Sysmon parser upper-cases them,
      // ASimNetworkSessionMicrosoftSysmon.yaml:167): the Defender parser's NetworkProtocol = case(Protocol startswith
      // "Tcp", "TCP", Protocol == "Unknown", "", toupper(Protocol)) (ASimNetworkSessionMicrosoft365Defender.yaml:64-68)
      // in Sysmon's lower case, so |cased tests hold too. Not named Protocol: a table column is read before a computed
      // one of its name (columns.ts resolveColumn).
      NetworkProtocol: 'case(Protocol startswith "Tcp", "tcp", Protocol == "Unknown", "", tolower(Protocol))',
    },
    computedTypes: { DestinationPort: 'int', SourcePort: 'int' },
    basename: INITIATING_BASENAME,
    domainSplit: INITIATING_DOMAIN,
  },
  DeviceFileEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      // Sigma's TargetFilename and SourceFilename (a renamed file's old path; SrcFileName = PreviousFileName,
      // ASimFileEventMicrosoft365D.yaml:87) are paths: Defender keeps the folder and the name apart (pathOf).
      TargetFilename: FILE_PATH,
      SourceFilename: pathOf('PreviousFolderPath', 'PreviousFileName'),
    },
    // pathOf's path ends with `\` + FileName, but for a row without a folder (the name alone), where the name test
    // holds and the path's `\name` suffix would not: a file event has its folder (unlike DeviceEvents rows, below).
    basename: { ...INITIATING_BASENAME, TargetFilename: 'FileName' },
    domainSplit: { ...INITIATING_DOMAIN, RequestAccountName: 'RequestAccountDomain' },
  },
  DeviceRegistryEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      TargetObject: `iff(isempty(${REGISTRY_VALUE}), ${REGISTRY_KEY}, strcat(${REGISTRY_KEY}, @"\\", ${REGISTRY_VALUE}))`,
      // Sysmon's NewName exists on renames only: the new key, which Defender keeps in RegistryKey.
      NewName: 'iff(ActionType == "RegistryKeyRenamed", RegistryKey, "")',
      // Sysmon's event id, from the ActionType (each has one); none for an ActionType Sysmon has no event for.
      EventID: registryEventIdExpr('ActionType', '""'),
    },
    registryData: { data: 'RegistryValueData', type: 'RegistryValueType', forms: ['number'] },
    basename: INITIATING_BASENAME,
    domainSplit: INITIATING_DOMAIN,
  },
  DeviceImageLoadEvents: {
    basenameOnly: PARENT_NAME,
    computed: { ImageLoaded: FILE_PATH },
    basename: { ...INITIATING_BASENAME, ImageLoaded: 'FileName' },
    domainSplit: INITIATING_DOMAIN,
  },
  DeviceEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      // AdditionalFields is a string of JSON (the DeviceEvents page), so it is parsed; Defender writes
      // \Device\NamedPipe\name, Sysmon \name (assumption defender-pipe-name).
      PipeName: 'replace_string(tostring(parse_json(AdditionalFields).PipeName), @"\\Device\\NamedPipe", "")',
      // The loaded driver and the remote thread's target process (pathOf).
      ImageLoaded: FILE_PATH,
      TargetImage: FILE_PATH,
    },
    // FolderPath is empty for many DeviceEvents action types, so no basename shortcut for the paths made of it.
    basename: INITIATING_BASENAME,
    domainSplit: DOMAIN,
  },
};

export const DEFENDER_TABLES: readonly TableSchema[] = familySchemas('defender', RELATIONS);
