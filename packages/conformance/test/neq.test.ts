import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** `|neq` negates the whole detection item: `NOT (v1 OR v2 …)`; an event without the field matches. */
const rows: readonly Row[] = [
  {
    name: 'neq one value',
    detection: r`
sel:
  Image|neq: 'C:\a.exe'
condition: sel`,
    splunk: r`NOT Image="C:\\a.exe"`,
    kql: kqlWhere(r`not(FolderPath =~ @"C:\a.exe")`),
    sumo: sumoWhere(r`!(Image matches /(?i)^C:\x5ca\.exe$/)`),
    sumoCse: cseWindows(r`!(baseImage matches /(?i)^C:\x5ca\.exe$/)`),
    matches: [{ Image: 'C:\\b.exe' }, { CommandLine: 'x' }],
    misses: [{ Image: 'c:\\A.EXE' }],
  },
  {
    name: 'neq list is NOT of the OR',
    detection: r`
sel:
  CommandLine|neq:
    - 'a'
    - 'b'
condition: sel`,
    splunk: 'NOT CommandLine IN ("a", "b")',
    kql: kqlWhere('not(ProcessCommandLine in~ ("a", "b"))'),
    sumo: sumoWhere('!(toLowerCase(CommandLine) in ("a", "b"))'),
    sumoCse: cseWindows(r`!(commandLine matches /(?i)^(?:a|b)$/)`),
    matches: [{ CommandLine: 'c' }],
    misses: [{ CommandLine: 'A' }, { CommandLine: 'b' }],
  },
  {
    name: 'neq empty string beside a positive test',
    detection: r`
sel:
  Image|endswith: '\a.exe'
  CommandLine|neq: ''
condition: sel`,
    splunk: r`Image="*\\a.exe" NOT CommandLine=""`,
    kql: kqlWhere('FileName =~ "a.exe" and not(ProcessCommandLine =~ "")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ca\.exe$/ and !(toLowerCase(CommandLine) = "")`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ca\.exe$/ and !(isEmpty(commandLine))`),
    matches: [{ Image: 'C:\\a.exe', CommandLine: 'x' }],
    misses: [{ Image: 'C:\\a.exe', CommandLine: '' }],
  },
  {
    name: 'contains|neq',
    detection: r`
sel:
  Image|endswith: '\a.exe'
  CommandLine|contains|neq: 'safe'
condition: sel`,
    splunk: r`Image="*\\a.exe" NOT CommandLine="*safe*"`,
    kql: kqlWhere('FileName =~ "a.exe" and not(ProcessCommandLine contains "safe")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ca\.exe$/ and !(toLowerCase(CommandLine) matches "*safe*")`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ca\.exe$/ and !(commandLine matches /(?is)^.*safe.*$/)`),
    matches: [{ Image: 'C:\\a.exe', CommandLine: 'evil' }, { Image: 'C:\\a.exe' }],
    misses: [{ Image: 'C:\\a.exe', CommandLine: 'is SAFE' }],
  },
  {
    name: 'neq number',
    detection: r`
sel:
  ProcessId|neq: 4
condition: sel`,
    splunk: 'NOT ProcessId=4',
    kql: kqlWhere('not(ProcessId == 4)'),
    sumo: sumoWhere('!(ProcessId = "4")'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (!(pid = 4))`,
    matches: [{ ProcessId: 5 }],
    misses: [{ ProcessId: 4 }, { ProcessId: '4' }],
  },
];

featureTable('neq', rows);
