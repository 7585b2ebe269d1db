import { RAW_XML, RAW_XML_STATE } from '../render/xml-raw.js';
import { userDataFieldFailures } from './user-data.js';
import { channelFieldFailure, providerItems } from './provider.js';
import { SYSMON_CATEGORIES, SYSMON_SOURCE } from './sysmon.js';
import { spacedDataNames, WINDOWS_CATEGORY_EVENTS, WINDOWS_SERVICE_CHANNELS, windowsServiceChannels } from '@sigmats/core';

/**
 * Where Splunk's add-ons put Windows event logs, as data (SOURCES.md has the excerpts):
 *  - Splunk Add-on for Microsoft Windows / Splunk Add-on for Sysmon, XML rendering (`renderXml = true`): one source per
 *    channel, `XmlWinEventLog:<Channel>`; Splunk's own detections scope with the macros `sysmon`
 *    (`source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational`) and `powershell`
 *    (`source="XmlWinEventLog:Microsoft-Windows-PowerShell/Operational"`), splunk/security_content macros/*.yml.
 *  - The event id field is `EventCode` (e.g. `` `powershell` EventCode=4104 ScriptBlockText = "*…*" ``,
 *    splunk/security_content detections); the EventData fields keep their `Data Name` (ScriptBlockText, Image, …).
 * Those macros are documented as "customer specific splunk configurations (eg- index, source, sourcetype) …
 * Replace the macro definition with configurations for your Splunk Environment": the sources are the add-ons'
 * defaults, not a fact of every deployment. So `splunk-windows` is a built-in pipeline, not the default (the default
 * output keeps Sigma's names and warns; see README "Default pipeline").
 */

/** The add-on source of a channel (XML rendering). */
export const xmlSource = (channel: string): string => `XmlWinEventLog:${channel}`;

const one = (ids: readonly number[]): number | number[] => (ids.length === 1 ? ids[0]! : [...ids]);
const sources = (channels: string | readonly string[]): string | string[] => (typeof channels === 'string' ? xmlSource(channels) : channels.map(xmlSource));

/** Condition names for a rule_cond_expr (letters, digits, `_`). */
const condName = (kind: string, name: string): string => `${kind}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

/**
 * A Windows rule whose logsource names none of the event types above (e.g. `file_access`, `file_rename`: Sigma's
 * EDR-only categories, which no Windows channel logs) has no source here: without one the search would run over every
 * event of every channel with those field names, so the rule is refused with a located error instead.
 */
function unknownSource(): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const category of [...Object.keys(SYSMON_CATEGORIES), ...Object.keys(WINDOWS_CATEGORY_EVENTS)]) {
    known[condName('category', category)] = { type: 'logsource', product: 'windows', category };
  }
  for (const service of Object.keys(WINDOWS_SERVICE_CHANNELS)) {
    known[condName('service', service)] = { type: 'logsource', product: 'windows', service };
  }
  return {
    id: 'splunk_windows_unknown_source',
    type: 'rule_failure',
    message:
      'no Windows event log channel is known for this logsource: the Splunk Add-on for Windows indexes each channel as source XmlWinEventLog:<Channel>, and without one the search would match every event with these field names (use a pipeline that names the source, or the options index/source/sourcetype)',
    rule_conditions: { windows: { type: 'logsource', product: 'windows' }, ...known },
    rule_cond_expr: `windows and not (${Object.keys(known).join(' or ')})`,
  };
}

/**
 * Data names Windows writes with spaces (core's windowsDataName: Defender's `Threat Name`, `New Value`, …), which
 * Sigma writes without them (`ThreatName`). The add-on extracts them by `[eventdata_xml_data]` (`FORMAT = $1::$2`,
 * no CLEAN_KEYS: SOURCES.md), and Splunk's key cleaning, on by default, replaces every character that is not a
 * letter or digit with `_` (transforms.conf.spec `CLEAN_KEYS`, "Default: true"): the field is `Threat_Name`, as in
 * Splunk's own Defender detections (`` `ms_defender` EventCode IN (1121, …) | stats … by host, Process_Name, … ``,
 * splunk/security_content). A rule's `ThreatName` is renamed to it for the services of those channels.
 */
function spacedNameItems(): Record<string, unknown>[] {
  return Object.keys(WINDOWS_SERVICE_CHANNELS).flatMap((service) => {
    const mapping = Object.fromEntries(windowsServiceChannels(service)!.flatMap((c) => [...spacedDataNames(c)].map(([sigma, name]) => [sigma, name.replace(/\W/g, '_')])));
    return Object.keys(mapping).length === 0
      ? []
      : [{ id: `splunk_windows_spaced_${service}`, type: 'field_name_mapping', mapping, rule_conditions: [{ type: 'logsource', product: 'windows', service }] }];
  });
}

/** Applied after `windows-security` (priority 20): a rule it already scoped (4688, Security) is left alone. */
export const splunkWindowsPipeline = {
  name: 'splunk-windows',
  priority: 30,
  allowed_backends: ['splunk'],
  transformations: [
    ...Object.entries(SYSMON_CATEGORIES).map(([category, ids]) => ({
      id: `splunk_windows_${category}`,
      type: 'add_condition',
      conditions: { source: SYSMON_SOURCE, EventCode: one(ids) },
      rule_conditions: {
        ls: { type: 'logsource', product: 'windows', category },
        sysmon: { type: 'processing_item_applied', processing_item_id: `sysmon_${category}` },
        security: { type: 'processing_item_applied', processing_item_id: 'security_4688_scope' },
      },
      rule_cond_expr: 'ls and not sysmon and not security',
    })),
    ...Object.entries(WINDOWS_CATEGORY_EVENTS).map(([category, { channel, ids }]) => ({
      id: `splunk_windows_${category}`,
      type: 'add_condition',
      conditions: { source: xmlSource(channel), EventCode: one(ids) },
      rule_conditions: [{ type: 'logsource', product: 'windows', category }],
    })),
    ...Object.entries(WINDOWS_SERVICE_CHANNELS).map(([service, channels]) => ({
      id: `splunk_windows_service_${service.replace(/[^a-z0-9]/g, '_')}`,
      type: 'add_condition',
      conditions: { source: sources(channels) },
      rule_conditions: {
        ls: { type: 'logsource', product: 'windows', service },
        sysmon: { type: 'processing_item_applied', processing_item_id: 'sysmon_service' },
        security: { type: 'processing_item_applied', processing_item_id: 'security_service_scope' },
      },
      rule_cond_expr: 'ls and not sysmon and not security',
    })),
    unknownSource(),
    channelFieldFailure('splunk_windows_channel_field', Object.keys(WINDOWS_SERVICE_CHANNELS)),
    // Before the EventID and Provider_Name mappings below: it reads the rule's own field names.
    ...userDataFieldFailures('splunk_windows'),
    ...providerItems('splunk_windows'),
    ...spacedNameItems(),
    {
      id: 'splunk_windows_raw_xml',
      type: 'set_state',
      key: RAW_XML_STATE,
      val: RAW_XML,
      rule_conditions: [{ type: 'logsource', product: 'windows' }],
    },
    {
      id: 'splunk_windows_eventcode',
      type: 'field_name_mapping',
      mapping: { EventID: 'EventCode' },
      rule_conditions: [{ type: 'logsource', product: 'windows' }],
    },
  ],
};
