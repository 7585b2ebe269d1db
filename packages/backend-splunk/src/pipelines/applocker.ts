/**
 * AppLocker events (`service: applocker`) under `splunk-windows`. An AppLocker event carries the rule and the file in
 * its UserData element `<RuleAndFileData>` (PolicyName, RuleId, TargetUser, TargetProcessId, FilePath, FullFilePath,
 * FileHash, …), not in EventData. The Splunk Add-on for Windows keeps UserData only as a block
 * (`[userdata_xml_block]` → `UserData_Xml`) and extracts fields from the System header, EventData and RenderingInfo
 * (`[system_props_xml_kv]`, `[system_props_xml_attributes]`, `[eventdata_xml_data]`, `[rendering_info_xml_data]`;
 * from UserData only a few named elements of other channels' events, e.g. Windows Update's `updatetitle`), and its
 * `props.conf` has no stanza for the AppLocker sources but a sourcetype rename (SOURCES.md). So
 * `FilePath="*\\Temp\\*"` is no search-time field and never matches. Splunk's own detections read them with
 * `` `applocker` … | spath input=UserData_Xml | rename RuleAndFileData.* as * `` (SOURCES.md, "AppLocker").
 *
 * Such a field is refused at its detection item, with Splunk's way named in the message (as `Channel` is for a Channel
 * inside the event, provider.ts `channelFieldFailure`), rather than converted to
 * `<scope> | spath input=UserData_Xml | rename RuleAndFileData.* as * | search <terms>`. That form would give one
 * service's queries a shape of their own (the rule's terms after a pipe, only the scope before it) that every consumer
 * of the search would have to follow: the data_model format (tstats cannot spath), the correlation and savedsearches
 * outputs, the lint and the test evaluator (test/helpers/spl-eval.ts), for fields no SigmaHQ rule reads. A located
 * refusal is exact, costs one processing item, and leaves every other rule's output as it was.
 */

/**
 * The fields an AppLocker rule can test: those the add-on gives every XmlWinEventLog event whatever its EventData or
 * UserData (its System header and RenderingInfo), and Splunk's default fields. `[system_props_xml_kv]` (`<tag>value</tag>`): EventID (without attributes), Version,
 * Level, Task, Opcode, Keywords, EventRecordID, Channel, Computer; `[system_props_xml_attributes]` (its comment: "Provider:
 * Name, Guid / TimeCreated: SystemTime, RawTime / Correlation: ActivityID, RelativeActivityID / Execution: ProcessID,
 * ThreadID, ProcessorID, SessionID, KernelTime, UserTime, ProcessorTime / Security: UserID", and any other attribute
 * of the header: EventID's Qualifiers, Provider's EventSourceName); `[EventID_as_EventCode]`, `[EventID2_as_EventCode]`:
 * EventCode; `EventRecordID_as_RecordNumber`: RecordNumber; `[rendering_info_xml_data]`: Message, Provider (Level, Task,
 * Opcode, Channel again). The add-on's CIM aliases (dvc, event_id, …) are not Sigma names and are not listed.
 * Sigma's `Provider_Name` is listed too: the pipeline maps it to `Name` afterwards (provider.ts). `Channel` passes here
 * and is refused by `channelFieldFailure`.
 */
export const HEADER_FIELDS: readonly string[] = [
  // Sigma's names, mapped later in the pipeline (EventID → EventCode, Provider_Name → Name).
  'EventID',
  'Provider_Name',
  // [system_props_xml_kv]
  'Version',
  'Level',
  'Task',
  'Opcode',
  'Keywords',
  'EventRecordID',
  'Channel',
  'Computer',
  // [system_props_xml_attributes]
  'Name',
  'Guid',
  'EventSourceName',
  'Qualifiers',
  'SystemTime',
  'RawTime',
  'ActivityID',
  'RelativeActivityID',
  'ProcessID',
  'ThreadID',
  'ProcessorID',
  'SessionID',
  'KernelTime',
  'UserTime',
  'ProcessorTime',
  'UserID',
  // [rendering_info_xml_data] (`<tag>value</tag>` of RenderingInfo, when the input renders the message)
  'Message',
  'Provider',
  // EventID_as_EventCode / EventID2_as_EventCode, EventRecordID_as_RecordNumber
  'EventCode',
  'RecordNumber',
  // Splunk's default fields (the pipeline's own scope is a `source` condition, added before this item runs).
  'source',
  'sourcetype',
  'host',
  'index',
];

export const APPLOCKER_FIELD_MESSAGE =
  "AppLocker events keep this field in their UserData (RuleAndFileData), which the Splunk Add-on for Windows does not extract as a search-time field (it extracts fields from the System header and EventData, not from UserData); Splunk's own AppLocker detections read it with `| spath input=UserData_Xml | rename RuleAndFileData.* as *`";

/**
 * A field of an AppLocker rule that is not one of HEADER_FIELDS fails the rule at that item. Keywords are not
 * items of a field (the `include_fields` pattern needs a field name) and pass: they search `_raw`, the whole event XML.
 */
export function appLockerFieldFailure(id: string): Record<string, unknown> {
  return {
    id,
    type: 'detection_item_failure',
    message: APPLOCKER_FIELD_MESSAGE,
    field_name_conditions: [
      { type: 'include_fields', mode: 're', fields: ['.'] },
      { type: 'exclude_fields', fields: [...HEADER_FIELDS] },
    ],
    rule_conditions: [{ type: 'logsource', product: 'windows', service: 'applocker' }],
  };
}
