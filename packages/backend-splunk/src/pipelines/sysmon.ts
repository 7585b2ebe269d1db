import { SYSMON_CATEGORY_EVENT_IDS } from '@sigmats/core';
import { RAW_XML, RAW_XML_STATE } from '../render/xml-raw.js';
import { providerItems } from './provider.js';

/**
 * `sysmon`: scope Windows rules to the Sysmon channel as the Splunk Add-on for Sysmon indexes it with XML
 * rendering (`source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"`), add the EventCode of each
 * Sysmon-backed category, and rename EventID → EventCode (the TA's field). Field names are the Sysmon
 * EventData names, which the TA extracts as they are, so no other mapping is needed.
 */
export const SYSMON_SOURCE = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';

/**
 * Sysmon event IDs per Sigma category: pySigma's `sysmon_generic_logsource_eventid_mapping` (SigmaHQ
 * pySigma-pipeline-sysmon, sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b), where `file_delete` is 23 and 26
 * (FileDelete, archived, and FileDeleteDetected, logged only), as Sigma's evaluator routes them;
 * `file_delete_detected`, which pySigma does not list, is 26 alone.
 */
export const SYSMON_CATEGORIES: Readonly<Record<string, readonly number[]>> = SYSMON_CATEGORY_EVENT_IDS;

export const sysmonPipeline = {
  name: 'sysmon',
  priority: 20,
  allowed_backends: ['splunk'],
  transformations: [
    ...Object.entries(SYSMON_CATEGORIES).map(([category, ids]) => ({
      id: `sysmon_${category}`,
      type: 'add_condition',
      conditions: { source: SYSMON_SOURCE, EventCode: ids.length === 1 ? ids[0] : [...ids] },
      rule_conditions: [{ type: 'logsource', product: 'windows', category }],
    })),
    {
      id: 'sysmon_service',
      type: 'add_condition',
      conditions: { source: SYSMON_SOURCE },
      rule_conditions: [{ type: 'logsource', product: 'windows', service: 'sysmon' }],
    },
    ...providerItems('sysmon'),
    {
      id: 'sysmon_raw_xml',
      type: 'set_state',
      key: RAW_XML_STATE,
      val: RAW_XML,
      rule_conditions: [{ type: 'logsource', product: 'windows' }],
    },
    {
      id: 'sysmon_eventid',
      type: 'field_name_mapping',
      mapping: { EventID: 'EventCode' },
      rule_conditions: [{ type: 'logsource', product: 'windows' }],
    },
  ],
};
