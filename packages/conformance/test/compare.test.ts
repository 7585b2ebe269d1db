import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

const r = String.raw;

/** `|gt` `|gte` `|lt` `|lte` compare numbers; numeric strings are parsed; anything else is false. */
const rows: readonly Row[] = [
  {
    name: 'gt',
    detection: r`
sel:
  ProcessId|gt: 100
condition: sel`,
    splunk: 'ProcessId>100',
    kql: kqlWhere('ProcessId > 100'),
    sumo: sumoWhere('num(ProcessId) > 100'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (pid > 100)`,
    matches: [{ ProcessId: 101 }, { ProcessId: '200' }],
    misses: [{ ProcessId: 100 }, { ProcessId: 'abc' }],
  },
  {
    name: 'gte and lt (a range)',
    detection: r`
sel:
  ProcessId|gte: 4
  ProcessId|lt: 100
condition: sel`,
    splunk: 'ProcessId>=4 ProcessId<100',
    kql: kqlWhere('ProcessId >= 4 and ProcessId < 100'),
    sumo: sumoWhere('num(ProcessId) >= 4 and num(ProcessId) < 100'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (pid >= 4 and pid < 100)`,
    matches: [{ ProcessId: 4 }, { ProcessId: 99 }],
    misses: [{ ProcessId: 100 }, { ProcessId: 3 }],
  },
  {
    name: 'lte under not',
    detection: r`
sel:
  ProcessId|lte: 0
condition: not sel`,
    splunk: 'NOT ProcessId<=0',
    kql: kqlWhere('not(ProcessId <= 0)'),
    sumo: sumoWhere('!(num(ProcessId) <= 0)'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (!(pid <= 0))`,
    matches: [{ ProcessId: 1 }, { Image: 'x' }],
    misses: [{ ProcessId: 0 }, { ProcessId: -5 }],
  },
  {
    name: 'gt on a string column',
    detection: r`
sel:
  IntegrityLevel|gt: 5
condition: sel`,
    splunk: 'IntegrityLevel>5',
    kql: kqlWhere('toreal(ProcessIntegrityLevel) > 5'),
    sumo: sumoWhere('num(IntegrityLevel) > 5'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (fields['EventData.IntegrityLevel'] > 5)`,
    matches: [{ IntegrityLevel: '6' }],
    misses: [{ IntegrityLevel: 'High' }, { IntegrityLevel: '5' }],
  },
  {
    name: 'decimal',
    category: 'network_connection',
    detection: r`
sel:
  DestinationPort|lt: 1024.5
condition: sel`,
    splunk: 'DestinationPort<1024.5',
    kql: kqlWhere('DestinationPort < 1024.5', 'DeviceNetworkEvents\n| extend DestinationPort = iff(ActionType in ("InboundConnectionAccepted"), LocalPort, RemotePort)'),
    sumo: sumoWhere('num(DestinationPort) < 1024.5', { category: 'network_connection' }),
    sumoCse: cseWindows(r`dstPort < 1024.5`, 'network_connection'),
    matches: [{ DestinationPort: 1024 }],
    misses: [{ DestinationPort: 1025 }],
  },
];

featureTable('numeric comparison', rows);
