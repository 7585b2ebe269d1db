// ASIM unifying parsers (imProcessCreate, imFileEvent, …): columns and types are generated from the ASIM schema
// pages (src/generated/schemas.ts); what is here is our own knowledge about the views.
import { familySchemas } from './generated.js';
import { registryEventIdExpr } from '../knowledge.js';
import type { TableRelations, TableSchema } from './types.js';

/** Microsoft's Sysmon parsers strip the braces of GUIDs (extract('^{(.*)}$', …) / parse-kv `{?…}?`). */
const GUIDS = ['TargetProcessGuid', 'ActingProcessGuid', 'ParentProcessGuid', 'SrcProcessGuid', 'DstProcessGuid', 'TargetUserSessionGuid'];

/**
 * Sysmon's registry event id of any row of the view, read off the EventType every parser writes: the Sysmon parser
 * through its RegistryAction lookup, Defender's as its ActionType (ASimRegistryEventMicrosoft365D.yaml:48). The Sysmon
 * parser's own EventOriginalType (:66, :127) is empty on Defender's rows, where a rule's `EventID: 13` would never hold.
 */
const REGISTRY_EVENT_ID = registryEventIdExpr('EventType', 'EventOriginalType');

/**
 * A column of the new process's logon: on the SecurityEvent 4688 parser's rows whose target is S-1-0-0 (Windows names
 * no target "when the creator and target … share the same logon", event-4688.md) the creator's (Actor), else the target's.
 */
const newProcess = (actor: string, target: string): string => `iff(EventProduct == "Security Events" and TargetUserId == "S-1-0-0", ${actor}, ${target})`;
/** A version-information column: the Sysmon parser's TargetProcessFile<asim>, else Defender's ProcessVersionInfo<defender>. */
const versionInfo = (asim: string, defender: string): string => `coalesce(TargetProcessFile${asim}, column_ifexists("ProcessVersionInfo${defender}", ""))`;
/** An account as Sysmon writes it: LocalSystem (SID S-1-5-18) as NT AUTHORITY\SYSTEM. */
const sysmonAccount = (sid: string, name: string): string => `iff(${sid} == "S-1-5-18", @"NT AUTHORITY\\SYSTEM", ${name})`;

const RELATIONS: Readonly<Record<string, TableRelations>> = {
  imProcessCreate: {
    guidNoBraces: GUIDS,
    // The version information of the new process, whichever parser made the row. Microsoft's Sysmon parser puts Sysmon's
    // OriginalFileName in TargetProcessFilename (ASimProcessCreateMicrosoftSysmon.yaml:74, :120) and Company, Description
    // and Product in TargetProcessFile* (:77-78, :122-123). The schema page defines TargetProcessFilename as the name part
    // of TargetProcessName and TargetProcessFileOriginalName as the original name (normalization-schema-process-event.md:
    // 219, :226), and the other Windows parsers follow it: Defender's sets TargetProcessFilename = FileName, the name on
    // disk (ASimProcessEventMicrosoft365D.yaml:66), and keeps the version information in DeviceProcessEvents' own columns,
    // which it neither renames nor projects away (:52, :56-85, :91), so the view's union keeps them (column_ifexists: a
    // workspace without Defender's table has no such column); the Windows 4688 parser writes the name part
    // (ASimProcessCreateMicrosoftWindowsEvents.yaml:102) and no version information. Assumption asim-process-version-info.
    computed: {
      OriginalFileName:
        'iff(EventProduct == "Sysmon", TargetProcessFilename, coalesce(TargetProcessFileOriginalName, column_ifexists("ProcessVersionInfoOriginalFileName", "")))',
      Company: versionInfo('Company', 'CompanyName'),
      Description: versionInfo('Description', 'FileDescription'),
      Product: versionInfo('Product', 'ProductName'),
      // The new process's logon session (newProcess) in Sysmon's hexadecimal form (0x3e7), which the Sysmon and
      // SecurityEvent parsers keep as written
      // (ASimProcessCreateMicrosoftSysmon.yaml:71, :112; ASimProcessCreateMicrosoftSecurityEvents.yaml:89) and the
      // others turn into a decimal number: Defender's `tostring(LogonId)` of a long (ASimProcessEventMicrosoft365D.yaml:46),
      // the Windows 4688 parser's `tostring(toint(EventData.TargetLogonId))` (ASimProcessCreateMicrosoftWindowsEvents.yaml:91).
      LogonId: newProcess(
        'ActorSessionId',
        'iff(TargetUserSessionId matches regex @"^[0-9]+$", strcat("0x", tohex(tolong(TargetUserSessionId))), TargetUserSessionId)',
      ),
      // The new process's account and its creator's as Sysmon names them. Microsoft's SecurityEvent 4688 parser leaves
      // the target to KnownSIDs when Windows names none (TargetUserSid S-1-0-0: the new process runs in the creator's
      // logon, event-4688.md) and writes LocalSystem as the machine account or 'Local System'
      // (ASimProcessCreateMicrosoftSecurityEvents.yaml:35-39, :64-71): the creator is then the account, and SID
      // S-1-5-18 is NT AUTHORITY\SYSTEM, as Sysmon writes it.
      SysmonUser: newProcess(sysmonAccount('ActorUserId', 'ActorUsername'), sysmonAccount('TargetUserId', 'TargetUsername')),
      SysmonParentUser: sysmonAccount('ActorUserId', 'ActorUsername'),
    },
  },
  // TargetFileName is the last path component (ASimFileEventMicrosoftSysmon.yaml:96).
  imFileEvent: {
    basename: { TargetFilePath: 'TargetFileName', SrcFilePath: 'SrcFileName', TargetFileFullPath: 'TargetFileName' },
    // A Linux rule's `/name` suffix must not become a test of the name alone, which Windows files share, and which the
    // Sysmon for Linux parser does not fill (ASimFileEventLinuxSysmonFileCreated.yaml @ f5af74b2 sets TargetFilePath
    // only): only `\name`.
    basenameSeparators: { TargetFileFullPath: '\\' },
    guidNoBraces: GUIDS,
    computed: {
      // Microsoft's Defender file parser joins TargetFilePath = strcat(FolderPath, iff(DvcOs == "Linux", "/", "\\"),
      // TargetFileName) (ASimFileEventMicrosoft365D.yaml:108; DvcOs is "Linux" for a FolderPath starting "/", :89).
      // Defender's page calls FolderPath the folder (advanced-hunting-devicefileevents-table.md:47), its process parser
      // reads it as the full path (assumption asim-defender-file-path): under the second reading the joined path ends
      // with the name twice, the path's own separator before the first, the parser's before the second: / and / for a
      // path starting with / (Linux, macOS), \ and \ for a Windows path, / and \ for any other path written with /
      // (a relative one). Only such a path loses the parser's separator and name, so the field is the file's path
      // under both readings (case-sensitively: the name is repeated verbatim). The one case left: under the folder
      // reading, a file inside a folder of its own name (/tmp/x/x) reads as that folder.
      TargetFileFullPath:
        'iff(EventProduct == "M365 Defender for Endpoint" and (TargetFilePath endswith_cs strcat("/", TargetFileName, "/", TargetFileName) or TargetFilePath endswith_cs strcat("/", TargetFileName, @"\\", TargetFileName) or TargetFilePath endswith_cs strcat(@"\\", TargetFileName, @"\\", TargetFileName)), substring(TargetFilePath, 0, strlen(TargetFilePath) - strlen(TargetFileName) - 1), TargetFilePath)',
      // The acting account as Defender's process and network parsers write it, the name alone when there is no domain
      // (ASimProcessEventMicrosoft365D.yaml:39, ASimNetworkSessionMicrosoft365Defender.yaml:60): its file parser joins
      // ActorWindowsUsername = strcat(InitiatingProcessAccountDomain, '\\', InitiatingProcessAccountName) with the
      // backslash even when the domain is empty (ASimFileEventMicrosoft365D.yaml:63; ActorUsername :104), so a Linux
      // account reads "\root" there.
      ActorUser: 'iff(EventProduct == "M365 Defender for Endpoint" and ActorUsername startswith @"\\", substring(ActorUsername, 1), ActorUsername)',
    },
  },
  imRegistry: {
    computed: {
      // Sysmon's TargetObject is the key for key events and key\value-name for value events.
      TargetObject: 'iff(isempty(RegistryValue), RegistryKey, strcat(RegistryKey, @"\\", RegistryValue))',
      EventID: REGISTRY_EVENT_ID,
    },
    // Rows from Sysmon keep its text ('DWORD (0x00000001)'), rows from Defender its number (ASimRegistryEvent*.yaml).
    registryData: { data: 'RegistryValueData', type: 'RegistryValueType', forms: ['text', 'number'] },
    guidNoBraces: GUIDS,
  },
  imNetworkSession: {
    // Microsoft's Sysmon network parser puts the process on the Src side for inbound connections and on the Dst
    // side for outbound ones (ASimNetworkSessionMicrosoftSysmon.yaml:101-113). (Its User column keeps Sysmon's User.)
    computed: {
      Image: 'coalesce(SrcProcessName, DstProcessName)',
      ProcessId: 'coalesce(SrcProcessId, DstProcessId)',
      ProcessGuid: 'coalesce(SrcProcessGuid, DstProcessGuid)',
      // Initiated (outbound) is exactly when the parser put the process on the Dst side.
      Initiated: 'iff(isnotempty(DstProcessName) or isnotempty(DstProcessId), "true", "false")',
      // The parser splits the host name Sysmon wrote with _ASIM_ResolveDstFQDN (ASimNetworkSessionMicrosoftSysmon.yaml:160):
      // a name with a dot is DstFQDN (DstHostname keeps its first label), one without stays in DstHostname.
      DestinationHostname: 'iff(isnotempty(DstFQDN), DstFQDN, DstHostname)',
      // The acting account of a Linux or macOS connection: Defender's network parser copies User to SrcUsername on
      // outbound rows and DstUsername on inbound ones (ASimNetworkSessionMicrosoft365Defender.yaml:100, :150), the
      // Sysmon for Linux parser renames Sysmon's User to them and keeps no User (ASimNetworkSessionMicrosoftLinuxSysmon.yaml
      // @ c3b99ac4, project-rename SrcUsername = User / DstUsername = User).
      ProcessUser: 'coalesce(SrcUsername, DstUsername)',
    },
    guidNoBraces: GUIDS,
  },
  imDns: {
    guidNoBraces: GUIDS,
    computed: {
      // Zeek's qtype_name on the Corelight parser's rows (EventProduct "Zeek"): Zeek names an SRV query (33) to 137/udp
      // "NBSTAT" (zeek/zeek scripts/base/protocols/dns/main.zeek, event dns_request), the parser's lookup "SRV"
      // (ASimDnsCorelightZeek.yaml:58); the parser keeps id.resp_p as DstPortNumber and proto as NetworkProtocol.
      QueryTypeName:
        'iff(EventProduct == "Zeek" and DnsQueryType == 33 and DstPortNumber == 137 and NetworkProtocol =~ "udp", "NBSTAT", DnsQueryTypeName)',
    },
  },
};

export const ASIM_TABLES: readonly TableSchema[] = familySchemas('asim', RELATIONS);
