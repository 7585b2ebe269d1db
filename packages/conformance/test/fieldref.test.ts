import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** `|fieldref` compares a field with another field of the same event, case-insensitively. */
const rows: readonly Row[] = [
  {
    name: 'fieldref equality',
    detection: r`
sel:
  CommandLine|fieldref: ParentCommandLine
condition: sel`,
    splunk: '* | where lower(CommandLine)==lower(ParentCommandLine)',
    kql: kqlWhere('ProcessCommandLine =~ InitiatingProcessCommandLine'),
    sumo: sumoWhere('toLowerCase(CommandLine) = toLowerCase(ParentCommandLine)'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (lower(commandLine) = lower(parentCommandLine))`,
    matches: [{ CommandLine: 'A B', ParentCommandLine: 'a b' }],
    misses: [{ CommandLine: 'a', ParentCommandLine: 'b' }, { CommandLine: 'a' }],
  },
  {
    name: 'fieldref on paths',
    detection: r`
sel:
  Image|fieldref: ParentImage
condition: sel`,
    splunk: '* | where lower(Image)==lower(ParentImage)',
    kql: kqlWhere('FolderPath =~ InitiatingProcessFolderPath'),
    sumo: sumoWhere('toLowerCase(Image) = toLowerCase(ParentImage)'),
    sumoCse: cseWindows(r`lower(baseImage) = lower(parentBaseImage)`),
    matches: [{ Image: 'C:\\x.exe', ParentImage: 'c:\\X.EXE' }],
    misses: [{ Image: 'C:\\x.exe', ParentImage: 'C:\\y.exe' }],
  },
  {
    name: 'fieldref|startswith',
    detection: r`
sel:
  CommandLine|fieldref|startswith: ParentCommandLine
condition: sel`,
    splunk: '* | where substr(lower(CommandLine), 1, len(ParentCommandLine))==lower(ParentCommandLine)',
    kql: kqlWhere('ProcessCommandLine startswith InitiatingProcessCommandLine'),
    sumo: 'error: backend/unsupported-feature',
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'ABC def', ParentCommandLine: 'abc' }],
    misses: [{ CommandLine: 'x abc', ParentCommandLine: 'abc' }],
    note: 'Sumo and CSE have no field-to-field prefix test',
  },
  {
    name: 'fieldref|contains',
    detection: r`
sel:
  CommandLine|fieldref|contains: ParentCommandLine
condition: sel`,
    splunk: '* | where like(lower(CommandLine), "%" . lower(ParentCommandLine) . "%")',
    kql: kqlWhere('ProcessCommandLine contains InitiatingProcessCommandLine'),
    sumo: 'error: backend/unsupported-feature',
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'x ABC y', ParentCommandLine: 'abc' }],
    misses: [{ CommandLine: 'x ab y', ParentCommandLine: 'abc' }],
    note: 'Splunk like(): a % or _ inside the referenced value widens the match',
  },
  {
    name: 'fieldref under not (Splunk where null guard on both fields)',
    detection: r`
sel:
  CommandLine|fieldref: ParentCommandLine
condition: not sel`,
    splunk: '* | where NOT (isnotnull(CommandLine) AND isnotnull(ParentCommandLine) AND lower(CommandLine)==lower(ParentCommandLine))',
    kql: kqlWhere('not(ProcessCommandLine =~ InitiatingProcessCommandLine)'),
    sumo: sumoWhere('!(toLowerCase(CommandLine) = toLowerCase(ParentCommandLine))'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (!(lower(commandLine) = lower(parentCommandLine)))`,
    matches: [{ CommandLine: 'a', ParentCommandLine: 'b' }, { CommandLine: 'a' }],
    misses: [{ CommandLine: 'a', ParentCommandLine: 'A' }],
  },
];

featureTable('fieldref', rows);
