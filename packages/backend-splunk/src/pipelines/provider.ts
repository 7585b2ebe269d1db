/**
 * Sigma's `Provider_Name` (the `<Provider Name='…'/>` of the event's System header) as the Splunk Add-on for Microsoft
 * Windows extracts it from XmlWinEventLog events (SOURCES.md, "Splunk_TA_windows transforms"):
 *
 *   [system_props_xml_attributes]
 *   # Extracts values from following fields:
 *   # Provider: Name, Guid
 *   SOURCE_KEY = System_Props_Xml
 *   REGEX = (?ms)([^\s=]+)\s*=\s*(\'[^<\']*\'|"[^<"]*")
 *   FORMAT = $1::$2
 *
 * The field is `Name`, and its value is the second group, which keeps the attribute's quotes: `Name='ESENT'` in the
 * XML gives the field value `'ESENT'` (the published search `source="XmlWinEventLog:Application" EventCode IN
 * (10000,10001) Name="'Microsoft-Windows-RestartManager'"` compares it that way). So the pipelines rename the field and
 * wrap each value in single quotes; wildcards stay wildcards (`*MSSQL*` → `'*MSSQL*'`).
 *
 * No field named Provider_Name exists at search time: keeping Sigma's name would never match.
 *
 * The Splunk Add-on for Sysmon alone extracts no provider field (its transforms read EventID, Version, Level, Task,
 * Opcode, Keywords, TimeCreated, EventRecordID, ...); `Name` is there when the Windows add-on is installed too (its
 * `[XmlWinEventLog]` sourcetype stanza applies to the Sysmon channel's events). Without it `NOT Name="'X'"` holds for
 * every event, which is right for that channel: all its events have the provider Microsoft-Windows-Sysmon.
 */
export const PROVIDER_FIELD = 'Name';

/** Items that turn `Provider_Name: X` into `Name="'X'"` for Windows rules; `prefix` keeps the item ids unique per pipeline. */
export function providerItems(prefix: string): readonly Record<string, unknown>[] {
  const windows = [{ type: 'logsource', product: 'windows' }];
  return [
    {
      id: `${prefix}_provider_quotes`,
      type: 'replace_string',
      // The whole value, wildcards included (no skip_special): the quotes go around what the search compares.
      regex: '^(.*)$',
      replacement: "'\\1'",
      field_name_conditions: [{ type: 'include_fields', fields: ['Provider_Name'] }],
      rule_conditions: windows,
    },
    {
      id: `${prefix}_provider_name`,
      type: 'field_name_mapping',
      mapping: { Provider_Name: PROVIDER_FIELD },
      rule_conditions: windows,
    },
  ];
}

/**
 * `Channel` in a rule whose source already fixes the channel (a Windows service). The add-on's `Channel` field is the
 * System header's `<Channel>` (`[system_props_xml_kv]` over System_Props_Xml), always the channel the source names;
 * a rule that tests `Channel` there means a Channel inside the event, e.g. event 104 "The log file was cleared"
 * (System channel), whose UserData `LogFileCleared/Channel` names the cleared log. The add-on extracts no field from
 * UserData but a few named ones (`[userdata_xml_block]` only keeps the block), so the test cannot be written.
 */
export function channelFieldFailure(id: string, services: readonly string[]): Record<string, unknown> {
  const conds: Record<string, unknown> = {};
  for (const service of services) conds[`service_${service.replace(/[^A-Za-z0-9]/g, '_')}`] = { type: 'logsource', product: 'windows', service };
  return {
    id,
    type: 'detection_item_failure',
    message:
      "Channel: the Splunk Add-on for Windows extracts Channel from the event's System header only, which the source already fixes; a Channel inside the event (event 104's UserData LogFileCleared/Channel) is not a search-time field",
    field_name_conditions: [{ type: 'include_fields', fields: ['Channel'] }],
    rule_conditions: conds,
    rule_cond_expr: Object.keys(conds).join(' or '),
  };
}
