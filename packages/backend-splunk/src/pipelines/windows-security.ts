import { RAW_XML, RAW_XML_STATE } from '../render/xml-raw.js';
import { channelFieldFailure, providerItems } from './provider.js';
import { userDataFieldFailures } from './user-data.js';

/**
 * `windows-security`: Windows Security channel (Splunk Add-on for Windows, XML rendering:
 * `source="XmlWinEventLog:Security"`, fields named as the EventData `Name` attributes).
 *  - process_creation → EventCode=4688 with the Sysmon-style names mapped to 4688's. CommandLine stays
 *    `CommandLine`: that is the EventData name under XML rendering (the classic-rendering TA calls it
 *    Process_Command_Line; use a field_name_mapping pipeline on top if you index classic events).
 *  - fields 4688 does not carry fail the rule with a located error naming the field and the source.
 *  - `service: security` rules get the source scope and EventID → EventCode.
 *  - `User` is not mapped (so a rule reading it is refused): in 4688 SubjectUserName is the account that *created*
 *    the process (`HOST$` when SYSTEM started it) and TargetUserName (Windows 10+) has no `DOMAIN\` part, while
 *    Sysmon's User is the `DOMAIN\name` the new process runs as. ProcessId/ParentProcessId are not mapped either:
 *    4688 writes them in hexadecimal (`0x1a4`), Sysmon in decimal. LogonId is the new process's: TargetLogonId.
 */
export const SECURITY_SOURCE = 'XmlWinEventLog:Security';

export const PROCESS_CREATION_4688: Readonly<Record<string, string>> = {
  Image: 'NewProcessName',
  ParentImage: 'ParentProcessName',
  CommandLine: 'CommandLine',
  LogonId: 'TargetLogonId',
  Computer: 'Computer',
  EventID: 'EventCode',
};

const processCreation = [{ type: 'logsource', product: 'windows', category: 'process_creation' }];

export const windowsSecurityPipeline = {
  name: 'windows-security',
  priority: 20,
  allowed_backends: ['splunk'],
  transformations: [
    {
      id: 'security_4688_mapping',
      type: 'field_name_mapping',
      mapping: PROCESS_CREATION_4688,
      rule_conditions: processCreation,
    },
    {
      id: 'security_4688_unmapped',
      type: 'strict_field_mapping_failure',
      message: `field {field} has no Windows Security event 4688 equivalent with its Sysmon meaning (source ${SECURITY_SOURCE}; User: 4688 SubjectUserName is the creator, HOST$ for SYSTEM; process ids are hexadecimal in 4688)`,
      rule_conditions: processCreation,
    },
    {
      id: 'security_4688_scope',
      type: 'add_condition',
      conditions: { source: SECURITY_SOURCE, EventCode: 4688 },
      rule_conditions: processCreation,
    },
    {
      id: 'security_service_scope',
      type: 'add_condition',
      conditions: { source: SECURITY_SOURCE },
      rule_conditions: [{ type: 'logsource', product: 'windows', service: 'security' }],
    },
    channelFieldFailure('security_channel_field', ['security']),
    // Security 1102's LogFileCleared children (user-data.ts): the source is XmlWinEventLog:Security here too.
    ...userDataFieldFailures('windows_security', 'security'),
    ...providerItems('security'),
    {
      id: 'security_raw_xml',
      type: 'set_state',
      key: RAW_XML_STATE,
      val: RAW_XML,
      rule_conditions: [{ type: 'logsource', product: 'windows' }],
    },
    {
      id: 'security_eventid',
      type: 'field_name_mapping',
      mapping: { EventID: 'EventCode' },
      rule_conditions: [{ type: 'logsource', product: 'windows', service: 'security' }],
    },
  ],
};
