// Log Analytics / Sentinel tables: columns and types are generated from Microsoft's Azure Monitor table
// references (src/generated/schemas.ts); what is here is our own knowledge about them.
import { familySchemas } from './generated.js';
import type { TableRelations, TableSchema } from './types.js';

const RELATIONS: Readonly<Record<string, TableRelations>> = {
  SecurityEvent: {
    domainSplit: {
      SubjectUserName: 'SubjectDomainName',
      TargetUserName: 'TargetDomainName',
      NewProcessUserName: 'NewProcessUserDomain',
    },
    // The new process's account in a 4688: Windows fills the Target* fields only when the process runs under
    // another account than its creator's and writes '-' (logon id 0x0) otherwise, when the process runs as the
    // Subject (4688 event documentation; Microsoft's ASIM parser also treats '-' specially:
    // ASimProcessCreateMicrosoftSecurityEvents.yaml:70). Assumption securityevent-4688-user.
    computed: {
      NewProcessUserName: 'iff(TargetUserName in ("-", ""), SubjectUserName, TargetUserName)',
      NewProcessUserDomain: 'iff(TargetUserName in ("-", ""), SubjectDomainName, TargetDomainName)',
      NewProcessLogonId: 'iff(TargetLogonId in ("0x0", ""), SubjectLogonId, TargetLogonId)',
    },
    // The reference documents these as hexadecimal text ("Hexadecimal Process ID", logon ids as Windows writes
    // them): Sigma's decimal numbers are compared in that form (assumption securityevent-process-id-hex).
    hexText: ['NewProcessId', 'ProcessId', 'CallerProcessId', 'SubjectLogonId', 'TargetLogonId', 'TargetLinkedLogonId', 'NewProcessLogonId'],
  },
};

export const SENTINEL_TABLES: readonly TableSchema[] = familySchemas('azure-monitor', RELATIONS);
