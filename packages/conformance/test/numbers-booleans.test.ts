import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

const r = String.raw;

/** A YAML number matches the number and its decimal text; booleans match true/false (any case). */
const rows: readonly Row[] = [
  {
    name: 'integer',
    detection: r`
sel:
  ProcessId: 4
condition: sel`,
    splunk: 'ProcessId=4',
    kql: kqlWhere('ProcessId == 4'),
    sumo: sumoWhere('ProcessId = "4"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (pid = 4)`,
    matches: [{ ProcessId: 4 }, { ProcessId: '4' }],
    misses: [{ ProcessId: 40 }, { ProcessId: '04x' }],
  },
  {
    name: 'integer under not',
    detection: r`
sel:
  ProcessId: 4
condition: not sel`,
    splunk: 'NOT ProcessId=4',
    kql: kqlWhere('not(ProcessId == 4)'),
    sumo: sumoWhere('!(ProcessId = "4")'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (!(pid = 4))`,
    matches: [{ ProcessId: 5 }, { Image: 'x' }],
    misses: [{ ProcessId: 4 }],
  },
  {
    name: 'quoted number is a string',
    detection: r`
sel:
  ProcessId: '4'
condition: sel`,
    splunk: 'ProcessId="4"',
    kql: kqlWhere('ProcessId == 4'),
    sumo: sumoWhere('toLowerCase(ProcessId) = "4"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (lower(fields['EventData.ProcessId']) = '4')`,
    matches: [{ ProcessId: 4 }, { ProcessId: '4' }],
    misses: [{ ProcessId: 44 }],
  },
  {
    name: 'number on a string field',
    detection: r`
sel:
  CommandLine: 42
condition: sel`,
    splunk: 'CommandLine=42',
    kql: kqlWhere('ProcessCommandLine == "42"'),
    sumo: sumoWhere('CommandLine = "42"'),
    sumoCse: cseWindows(r`commandLine = '42'`),
    matches: [{ CommandLine: '42' }],
    misses: [{ CommandLine: '421' }],
  },
  {
    name: 'wildcard on a number field',
    detection: r`
sel:
  ProcessId: '4*'
condition: sel`,
    splunk: 'ProcessId="4*"',
    kql: kqlWhere('tostring(ProcessId) startswith "4"'),
    sumo: sumoWhere('toLowerCase(ProcessId) matches "4*"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (fields['EventData.ProcessId'] matches /(?is)^4.*$/)`,
    matches: [{ ProcessId: 42 }, { ProcessId: '4' }],
    misses: [{ ProcessId: 14 }],
  },
  {
    name: 'network ports list',
    category: 'network_connection',
    detection: r`
sel:
  DestinationPort:
    - 443
    - 8443
condition: sel`,
    splunk: 'DestinationPort IN (443, 8443)',
    kql: kqlWhere('DestinationPort in (443, 8443)', 'DeviceNetworkEvents\n| extend DestinationPort = iff(ActionType in ("InboundConnectionAccepted"), LocalPort, RemotePort)'),
    sumo: sumoWhere('DestinationPort in ("443", "8443")', { category: 'network_connection' }),
    sumoCse: cseWindows(r`dstPort = 443 or dstPort = 8443`, 'network_connection'),
    matches: [{ DestinationPort: 443 }, { DestinationPort: '8443' }],
    misses: [{ DestinationPort: 80 }],
  },
  {
    name: 'boolean true',
    category: 'network_connection',
    detection: r`
sel:
  Initiated: true
condition: sel`,
    splunk: 'Initiated="true"',
    kql: kqlWhere('ActionType in~ ("ConnectionSuccess", "ConnectionFailed", "ConnectionRequest")', 'DeviceNetworkEvents'),
    sumo: sumoWhere('toLowerCase(Initiated) = "true"', { category: 'network_connection' }),
    sumoCse: cseWindows(r`lower(fields['EventData.Initiated']) = 'true'`, 'network_connection'),
    matches: [{ Initiated: true }, { Initiated: 'True' }],
    misses: [{ Initiated: false }, { Initiated: 'false' }],
    note: 'KQL microsoft_xdr maps Sysmon Initiated to the outbound connection ActionTypes',
  },
  {
    name: 'boolean as a quoted string',
    category: 'network_connection',
    detection: r`
sel:
  Initiated: 'true'
condition: sel`,
    splunk: 'Initiated="true"',
    kql: kqlWhere('ActionType in~ ("ConnectionSuccess", "ConnectionFailed", "ConnectionRequest")', 'DeviceNetworkEvents'),
    sumo: sumoWhere('toLowerCase(Initiated) = "true"', { category: 'network_connection' }),
    sumoCse: cseWindows(r`lower(fields['EventData.Initiated']) = 'true'`, 'network_connection'),
    matches: [{ Initiated: true }, { Initiated: 'TRUE' }],
    misses: [{ Initiated: 'false' }],
  },
];

featureTable('numbers and booleans', rows);
