/**
 * `cim`: Splunk Common Information Model, Endpoint.Processes data model, for process_creation rules.
 * Fields become CIM names (without the `Processes.` prefix: the `default` format then searches CIM-normalised
 * events, and the `data_model` format adds the prefix inside tstats). The pipeline records the data model in
 * the state (`splunk.datamodel`, `splunk.datamodel_object`), which the data_model format requires.
 * Fields with no CIM counterpart, and rules of other categories, fail with a located error.
 */
export const CIM_PROCESSES: Readonly<Record<string, string>> = {
  CommandLine: 'process',
  Image: 'process_path',
  OriginalFileName: 'original_file_name',
  CurrentDirectory: 'process_current_directory',
  IntegrityLevel: 'process_integrity_level',
  ProcessId: 'process_id',
  ProcessGuid: 'process_guid',
  ParentCommandLine: 'parent_process',
  ParentImage: 'parent_process_path',
  ParentProcessId: 'parent_process_id',
  ParentProcessGuid: 'parent_process_guid',
  User: 'user',
  Computer: 'dest',
  Hashes: 'process_hash',
};

const processCreation = [{ type: 'logsource', category: 'process_creation' }];

export const cimPipeline = {
  name: 'cim',
  priority: 20,
  allowed_backends: ['splunk'],
  transformations: [
    {
      id: 'cim_only_process_creation',
      type: 'rule_failure',
      message: 'the cim pipeline maps process_creation rules only (Endpoint.Processes data model)',
      rule_conditions: processCreation,
      rule_cond_not: true,
    },
    { id: 'cim_processes_mapping', type: 'field_name_mapping', mapping: CIM_PROCESSES, rule_conditions: processCreation },
    {
      id: 'cim_processes_unmapped',
      type: 'strict_field_mapping_failure',
      message: 'field {field} has no counterpart in the CIM Endpoint.Processes data model',
      rule_conditions: processCreation,
    },
    { id: 'cim_datamodel', type: 'set_state', key: 'splunk.datamodel', val: 'Endpoint.Processes', rule_conditions: processCreation },
    { id: 'cim_datamodel_object', type: 'set_state', key: 'splunk.datamodel_object', val: 'Processes', rule_conditions: processCreation },
    {
      id: 'cim_datamodel_fields',
      type: 'set_state',
      key: 'splunk.datamodel_fields',
      val: Object.values(CIM_PROCESSES),
      rule_conditions: processCreation,
    },
  ],
};
