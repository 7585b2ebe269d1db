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
 * The children of AppLocker's RuleAndFileData, as a pattern over a rule's field names: the names Windows gives them in
 * the event XML (the template of 8004 in the ETW manifest, OTRF/OSSEM
 * data_dictionaries/windows/etw-providers/Microsoft-Windows-AppLocker/events/event-8004.md @ 741fe55c: PolicyName,
 * RuleId, RuleName, RuleSddl, TargetUser, TargetProcessId, FilePath, FileHash, Fqbn, TargetLogonId, FullFilePath, the
 * strings with a `…Length` before them; Splunk's own detection reads PolicyName, RuleId, TargetUser, TargetProcessId,
 * FilePath and FullFilePath out of that element, SOURCES.md). Only these are refused: a header field (EventID,
 * Computer, Provider_Name, …) converts as for any Windows source, and a name AppLocker does not write is the rule's own
 * business, as elsewhere.
 */
export const APPLOCKER_DATA_FIELDS = '^(?:(?:PolicyName|Rule(?:Name|Sddl)|File(?:Path|Hash)|Fqbn|FullFilePath)(?:Length)?|RuleId|Target(?:User|ProcessId|LogonId))$';

export const APPLOCKER_FIELD_MESSAGE =
  'AppLocker keeps this field in UserData (RuleAndFileData), which the Splunk Add-on for Windows does not extract (Splunk reads it with `| spath input=UserData_Xml`)';

/**
 * A field of an AppLocker rule that is one of APPLOCKER_DATA_FIELDS fails the rule at that item. Keywords are not
 * items of a field (the `include_fields` pattern needs a field name) and pass: they search `_raw`, the whole event XML.
 */
export function appLockerFieldFailure(id: string): Record<string, unknown> {
  return {
    id,
    type: 'detection_item_failure',
    message: APPLOCKER_FIELD_MESSAGE,
    field_name_conditions: [{ type: 'include_fields', mode: 're', fields: [APPLOCKER_DATA_FIELDS] }],
    rule_conditions: [{ type: 'logsource', product: 'windows', service: 'applocker' }],
  };
}
