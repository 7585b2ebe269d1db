// Log Analytics / Sentinel tables: columns and types are generated from Microsoft's Azure Monitor table
// references (src/generated/schemas.ts); what is here is our own knowledge about them.
import { familySchemas } from './generated.js';
import type { TableRelations, TableSchema } from './types.js';

/**
 * Security 1102 ("The audit log was cleared") keeps its Subject fields in UserData LogFileCleared, and SecurityEvent
 * keeps that element in its EventData column: Microsoft's ASIM audit parser reads them, for the event log service's
 * 1102 only, as `parse_xml(EventData).UserData.LogFileCleared.SubjectUserName` (ASimAuditEventMicrosoftSecurityEvents
 * .yaml:105-112), not from the columns of the same name, which the agent fills from named `<Data>` elements. A rule
 * that tests 1102 reads these fields through `<field>_UserData` (pipelines/sentinel.ts), the XML for that event and
 * the column for any other event the rule matches.
 */
export const LOG_FILE_CLEARED_FIELDS = ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId'] as const;
const LOG_FILE_CLEARED_COMPUTED: Readonly<Record<string, string>> = Object.fromEntries(
  LOG_FILE_CLEARED_FIELDS.map((f) => [
    `${f}_UserData`,
    `iff(EventID == 1102 and EventSourceName == "Microsoft-Windows-Eventlog", tostring(parse_xml(EventData).UserData.LogFileCleared.${f}), ${f})`,
  ]),
);

/** A column of a 4688's new process account: the Target's, or the Subject's when the target is '-' (below). */
const newProcess = (subject: string, target: string): string => `iff(TargetUserName in ("-", ""), ${subject}, ${target})`;
/** An account's name or domain as Sysmon writes it: LocalSystem (SID S-1-5-18) as NT AUTHORITY\SYSTEM (below). */
const sysmonAccount = (sid: string, system: string, text: string): string => `iff(${sid} == "S-1-5-18", "${system}", ${text})`;
const NEW_SID = newProcess('SubjectUserSid', 'TargetUserSid');

const RELATIONS: Readonly<Record<string, TableRelations>> = {
  // Sigma's name for the System header's provider. WindowsEvent's own column of it is Provider, which is also a
  // Data name of some events (WMI-Activity 5861's Provider, the WMI provider): a rule's Provider is read from
  // EventData, its Provider_Name from the column.
  WindowsEvent: { computed: { Provider_Name: 'Provider' } },
  SecurityEvent: {
    domainSplit: {
      SubjectUserName: 'SubjectDomainName',
      TargetUserName: 'TargetDomainName',
      NewProcessUserName: 'NewProcessUserDomain',
      CreatorUserName: 'CreatorUserDomain',
    },
    // The new process's account in a 4688: Windows names the target only "when the creator and target do not share
    // the same logon" and writes '-' (logon id 0x0) otherwise, when the process runs as the Subject (event-4688.md,
    // Target Subject note; Microsoft's WindowsEvent parser falls back alike, ASimProcessCreateMicrosoftWindowsEvents
    // .yaml:76). Assumption securityevent-4688-user. The creator and the new process as Sysmon names them: LocalSystem
    // (S-1-5-18) is the machine account in 4688 (event-4688.md's sample: SubjectUserSid S-1-5-18, SubjectUserName
    // WIN-GG82ULGC9GO$), NT AUTHORITY\SYSTEM in Sysmon; Microsoft's parser knows it by SID too (KnownSIDs,
    // ASimProcessCreateMicrosoftSecurityEvents.yaml:35-39).
    computed: {
      NewProcessUserName: sysmonAccount(NEW_SID, 'SYSTEM', newProcess('SubjectUserName', 'TargetUserName')),
      NewProcessUserDomain: sysmonAccount(NEW_SID, 'NT AUTHORITY', newProcess('SubjectDomainName', 'TargetDomainName')),
      CreatorUserName: sysmonAccount('SubjectUserSid', 'SYSTEM', 'SubjectUserName'),
      CreatorUserDomain: sysmonAccount('SubjectUserSid', 'NT AUTHORITY', 'SubjectDomainName'),
      NewProcessLogonId: 'iff(TargetLogonId in ("0x0", ""), SubjectLogonId, TargetLogonId)',
      ...LOG_FILE_CLEARED_COMPUTED,
    },
    // The reference documents these as hexadecimal text ("Hexadecimal Process ID", logon ids as Windows writes
    // them): Sigma's decimal numbers are compared in that form (assumption securityevent-process-id-hex).
    hexText: ['NewProcessId', 'ProcessId', 'CallerProcessId', 'SubjectLogonId', 'TargetLogonId', 'TargetLinkedLogonId', 'NewProcessLogonId'],
  },
};

export const SENTINEL_TABLES: readonly TableSchema[] = familySchemas('azure-monitor', RELATIONS);
