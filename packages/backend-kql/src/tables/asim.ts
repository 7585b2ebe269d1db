// ASIM unifying parsers (imProcessCreate, imFileEvent, …): columns and types are generated from the ASIM schema
// pages (src/generated/schemas.ts); what is here is our own knowledge about the views.
import { familySchemas } from './generated.js';
import type { TableRelations, TableSchema } from './types.js';

/** Microsoft's Sysmon parsers strip the braces of GUIDs (extract('^{(.*)}$', …) / parse-kv `{?…}?`). */
const GUIDS = ['TargetProcessGuid', 'ActingProcessGuid', 'ParentProcessGuid', 'SrcProcessGuid', 'DstProcessGuid', 'TargetUserSessionGuid'];

const RELATIONS: Readonly<Record<string, TableRelations>> = {
  imProcessCreate: { guidNoBraces: GUIDS },
  // TargetFileName is the last path component (ASimFileEventMicrosoftSysmon.yaml:96).
  imFileEvent: {
    basename: { TargetFilePath: 'TargetFileName', SrcFilePath: 'SrcFileName' },
    guidNoBraces: GUIDS,
    computed: {
      // Microsoft's Defender file parser joins TargetFilePath = strcat(FolderPath, "/" or "\\", TargetFileName)
      // (ASimFileEventMicrosoft365D.yaml:108), and FolderPath is already the file's path (assumption
      // asim-defender-file-path): the file's path is its rows' TargetFilePath without that separator and name.
      TargetFileFullPath:
        'iff(EventProduct == "M365 Defender for Endpoint", substring(TargetFilePath, 0, strlen(TargetFilePath) - strlen(TargetFileName) - 1), TargetFilePath)',
    },
  },
  imRegistry: {
    // Sysmon's TargetObject is the key for key events and key\value-name for value events.
    computed: { TargetObject: 'iff(isempty(RegistryValue), RegistryKey, strcat(RegistryKey, @"\\", RegistryValue))' },
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
    },
    guidNoBraces: GUIDS,
  },
  imDns: { guidNoBraces: GUIDS },
};

export const ASIM_TABLES: readonly TableSchema[] = familySchemas('asim', RELATIONS);
