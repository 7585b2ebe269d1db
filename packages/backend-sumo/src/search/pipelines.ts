import { pipelineFromObject } from '@sigmats/core';
import type { PipelineInfo } from '@sigmats/core';

/**
 * Built-in pipelines of the log search backend, as data in pySigma's format. None is applied by default: the default
 * profile reads Sysmon; these switch a log source to another collection.
 *
 * `sumo-windows-4688`: process_creation from Security event 4688 (native process auditing) instead of Sysmon EID 1:
 * the scope, the event id filter (state `sumo_event_ids`) and the 4688 names of the Sysmon fields.
 */
const WINDOWS_4688 = {
  name: 'sumo-windows-4688',
  priority: 20,
  allowed_backends: ['sumo'],
  transformations: [
    {
      id: 'scope_security',
      type: 'set_state',
      key: 'sumo_scope',
      val: '_sourceCategory=*windows*security*',
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
      id: 'fields_4688',
      type: 'field_name_mapping',
      mapping: {
        Image: 'NewProcessName',
        ParentImage: 'ParentProcessName',
        User: 'SubjectUserName',
        ProcessId: 'NewProcessId',
        ParentProcessId: 'ProcessId',
        LogonId: 'SubjectLogonId',
      },
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product: 'windows' }],
    },
    {
      id: 'no_sysmon_only_fields',
      type: 'detection_item_failure',
      message: 'this field exists in Sysmon events only, not in Security 4688',
      field_name_conditions: [
        { type: 'include_fields', fields: ['OriginalFileName', 'Hashes', 'IntegrityLevel', 'CurrentDirectory', 'ParentCommandLine', 'Company', 'Product', 'Description', 'FileVersion'] },
      ],
      rule_conditions: [{ type: 'logsource', category: 'process_creation', product: 'windows' }],
    },
  ],
};

function build(obj: { name: string }, description: string): PipelineInfo {
  const { pipeline, diagnostics } = pipelineFromObject(obj, obj.name, '<backend-sumo>');
  if (!pipeline || diagnostics.some((d) => d.severity === 'error')) {
    // Built-in data: a failure here is a bug in this file, caught by the tests.
    throw new Error(`built-in pipeline ${obj.name}: ${diagnostics.map((d) => d.message).join('; ')}`);
  }
  return { name: obj.name, description, pipeline };
}

export const SEARCH_PIPELINES: readonly PipelineInfo[] = [
  build(WINDOWS_4688, 'Windows process_creation from Security event 4688 instead of Sysmon EID 1 (scope, event id, field names)'),
];
