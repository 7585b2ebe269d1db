import { builtInPipeline } from '@sigmats/core';
import type { PipelineInfo } from '@sigmats/core';

/**
 * Built-in pipelines of the log search backend, as data in pySigma's format. None is applied by default: the default
 * profile reads Sysmon; these switch a log source to another collection.
 *
 * `sumo-windows-4688`: process_creation from Security event 4688 (native process auditing) instead of Sysmon EID 1:
 * the channel and event id filters (states `sumo_channel`, `sumo_event_ids`) and the 4688 names of the Sysmon fields
 * (Microsoft's 4688 event schema). No scope: `_sourceCategory` is the tenant's (option `scope` or a pipeline's
 * `sumo_scope`). Refused, because 4688 has no field with their Sysmon meaning and form:
 *  - `User`: 4688's SubjectUserName is the *creator* of the process (`HOST$` when SYSTEM started it) and
 *    TargetUserName (Windows 10+) has no `DOMAIN\` part; Sysmon's User is the account the new process runs as,
 *    `DOMAIN\name`;
 *  - `ProcessId`/`ParentProcessId`: hexadecimal in 4688 (`0x1a4`), decimal in Sysmon;
 *  - Sysmon-only fields (OriginalFileName, Hashes, IntegrityLevel, CurrentDirectory, ParentCommandLine, …).
 */
const WINDOWS_4688 = {
  name: 'sumo-windows-4688',
  priority: 20,
  allowed_backends: ['sumo'],
  transformations: [
    {
      id: 'channel_security',
      type: 'set_state',
      key: 'sumo_channel',
      val: 'Security',
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product: 'windows' }],
    },
    {
      id: 'event_4688',
      type: 'set_state',
      key: 'sumo_event_ids',
      val: '4688',
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product: 'windows' }],
    },
    {
      id: 'no_sysmon_only_fields',
      type: 'detection_item_failure',
      message:
        'this field has no Security 4688 equivalent with its Sysmon meaning (User: 4688 SubjectUserName is the creator, HOST$ for SYSTEM; process ids are hexadecimal in 4688; the others exist in Sysmon only)',
      field_name_conditions: [
        {
          type: 'include_fields',
          fields: ['User', 'ProcessId', 'ParentProcessId', 'OriginalFileName', 'Hashes', 'IntegrityLevel', 'CurrentDirectory', 'ParentCommandLine', 'Company', 'Product', 'Description', 'FileVersion', 'ParentUser'],
        },
      ],
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product: 'windows' }],
    },
    {
      id: 'fields_4688',
      type: 'field_name_mapping',
      mapping: {
        Image: 'NewProcessName',
        ParentImage: 'ParentProcessName',
        LogonId: 'TargetLogonId',
      },
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product: 'windows' }],
    },
  ],
};

const build = (obj: { name: string }, description: string): PipelineInfo => builtInPipeline(obj, obj.name, description, '<backend-sumo>');

export const SEARCH_PIPELINES: readonly PipelineInfo[] = [
  build(WINDOWS_4688, 'Windows process_creation from Security event 4688 instead of Sysmon EID 1 (scope, event id, field names)'),
];
