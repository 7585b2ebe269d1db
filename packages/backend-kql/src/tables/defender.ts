// Microsoft Defender XDR advanced hunting: columns and types are generated from Microsoft's table pages
// (src/generated/schemas.ts); what is here is our own knowledge about the tables, each with its reason.
import { INITIATED_ACTION_TYPES } from '../knowledge.js';
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

/** The inbound connection ActionTypes (generated from the Defender parser's DirectionLookup). */
const INBOUND = `ActionType in (${INITIATED_ACTION_TYPES.false.map((a) => JSON.stringify(a)).join(', ')})`;

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
      DestinationIp: `iff(${INBOUND}, LocalIP, RemoteIP)`,
      DestinationPort: `iff(${INBOUND}, LocalPort, RemotePort)`,
      SourceIp: `iff(${INBOUND}, RemoteIP, LocalIP)`,
      SourcePort: `iff(${INBOUND}, RemotePort, LocalPort)`,
      // Sysmon writes 'true'/'false'.
      DestinationIsIpv6: `iff(iff(${INBOUND}, LocalIP, RemoteIP) contains ":", "true", "false")`,
      SourceIsIpv6: `iff(iff(${INBOUND}, RemoteIP, LocalIP) contains ":", "true", "false")`,
    },
    computedTypes: { DestinationPort: 'int', SourcePort: 'int' },
    basename: INITIATING_BASENAME,
    domainSplit: INITIATING_DOMAIN,
  },
  DeviceFileEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      // Sigma's SourceFilename is the renamed file's old path; Defender keeps its folder and name apart, and Microsoft's
      // Defender file parser joins them: SrcFilePath = strcat(PreviousFolderPath, "\\", SrcFileName), SrcFileName =
      // PreviousFileName (ASimFileEventMicrosoft365D.yaml:87, :110). A row without an old folder has only the name.
      SourceFilename: 'iff(isempty(PreviousFolderPath), PreviousFileName, strcat(PreviousFolderPath, @"\\", PreviousFileName))',
    },
    basename: BASENAME,
    domainSplit: { ...INITIATING_DOMAIN, RequestAccountName: 'RequestAccountDomain' },
  },
  DeviceRegistryEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      TargetObject: `iff(isempty(${REGISTRY_VALUE}), ${REGISTRY_KEY}, strcat(${REGISTRY_KEY}, @"\\", ${REGISTRY_VALUE}))`,
      // Sysmon's NewName exists on renames only: the new key, which Defender keeps in RegistryKey.
      NewName: 'iff(ActionType == "RegistryKeyRenamed", RegistryKey, "")',
    },
    registryData: { data: 'RegistryValueData', type: 'RegistryValueType', forms: ['number'] },
    basename: INITIATING_BASENAME,
    domainSplit: INITIATING_DOMAIN,
  },
  DeviceImageLoadEvents: { basenameOnly: PARENT_NAME, basename: BASENAME, domainSplit: INITIATING_DOMAIN },
  DeviceEvents: {
    basenameOnly: PARENT_NAME,
    computed: {
      // AdditionalFields is a string of JSON (the DeviceEvents page), so it is parsed; Defender writes
      // \Device\NamedPipe\name, Sysmon \name (assumption defender-pipe-name).
      PipeName: 'replace_string(tostring(parse_json(AdditionalFields).PipeName), @"\\Device\\NamedPipe", "")',
    },
    // FolderPath is empty for many DeviceEvents action types, so no basename shortcut for it.
    basename: INITIATING_BASENAME,
    domainSplit: DOMAIN,
  },
  DeviceLogonEvents: { basename: INITIATING_BASENAME, domainSplit: DOMAIN },
};

export const DEFENDER_TABLES: readonly TableSchema[] = familySchemas('defender', RELATIONS);
