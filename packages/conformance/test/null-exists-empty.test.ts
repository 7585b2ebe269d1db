import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** `null` and `|exists: false` mean the field is absent (or JSON null); `''` is an empty value; under NOT a missing field makes the negated test true. */
const rows: readonly Row[] = [
  {
    name: 'null',
    detection: r`
sel:
  CommandLine: null
condition: sel`,
    splunk: 'NOT CommandLine=*',
    kql: kqlWhere('isempty(ProcessCommandLine)'),
    sumo: sumoWhere('isEmpty(CommandLine)'),
    sumoCse: cseWindows(r`isEmpty(commandLine)`),
    matches: [{ Image: 'x' }, { CommandLine: null }],
    misses: [{ CommandLine: 'a' }],
    note: 'KQL isempty / Sumo isEmpty also accept "" (a string column cannot tell absent from empty); the evaluator does not',
  },
  {
    name: 'not null',
    detection: r`
sel:
  CommandLine: null
condition: not sel`,
    splunk: 'CommandLine=*',
    kql: kqlWhere('not(isempty(ProcessCommandLine))'),
    sumo: sumoWhere('!(isEmpty(CommandLine))'),
    sumoCse: cseWindows(r`!(isEmpty(commandLine))`),
    matches: [{ CommandLine: 'a' }],
    misses: [{ Image: 'x' }],
  },
  {
    name: 'exists: false',
    detection: r`
sel:
  CommandLine|exists: false
condition: sel`,
    splunk: 'NOT CommandLine=*',
    kql: kqlWhere('isempty(ProcessCommandLine)'),
    sumo: sumoWhere('isNull(CommandLine)'),
    sumoCse: cseWindows(r`isNull(commandLine)`),
    matches: [{ Image: 'x' }],
    misses: [{ CommandLine: 'a' }],
  },
  {
    name: 'exists: true',
    detection: r`
sel:
  CommandLine|exists: true
  Image|endswith: '\x.exe'
condition: sel`,
    splunk: r`CommandLine=* Image="*\\x.exe"`,
    kql: kqlWhere('isnotempty(ProcessCommandLine) and FileName =~ "x.exe"'),
    sumo: sumoWhere(r`!isNull(CommandLine) and Image matches /(?is)^.*\x5cx\.exe$/`),
    sumoCse: cseWindows(r`!isNull(commandLine) and baseImage matches /(?is)^.*\x5cx\.exe$/`),
    matches: [{ CommandLine: 'a', Image: 'C:\\x.exe' }],
    misses: [{ Image: 'C:\\x.exe' }],
  },
  {
    name: 'exists: false under not',
    detection: r`
sel:
  CommandLine|exists: false
condition: not sel`,
    splunk: 'CommandLine=*',
    kql: kqlWhere('not(isempty(ProcessCommandLine))'),
    sumo: sumoWhere('!(isNull(CommandLine))'),
    sumoCse: cseWindows(r`!(isNull(commandLine))`),
    matches: [{ CommandLine: 'a' }],
    misses: [{ Image: 'x' }],
  },
  {
    name: 'empty string',
    detection: r`
sel:
  CommandLine: ''
condition: sel`,
    splunk: 'CommandLine=""',
    kql: kqlWhere('ProcessCommandLine =~ ""'),
    sumo: sumoWhere('toLowerCase(CommandLine) = ""'),
    sumoCse: cseWindows(r`isEmpty(commandLine)`),
    matches: [{ CommandLine: '' }],
    misses: [{ CommandLine: 'a' }, { Image: 'x' }],
    note: 'KQL =~ "" and Sumo = "" also hold for an absent field (empty string columns); Splunk F="" needs the field; CSE isEmpty on a schema field (a mapping may leave it unset for an empty value)',
  },
  {
    name: 'missing field under not (filter pattern)',
    detection: r`
sel:
  Image|endswith: '\cmd.exe'
filter:
  CommandLine|contains: 'whoami'
condition: sel and not filter`,
    splunk: r`Image="*\\cmd.exe" NOT CommandLine="*whoami*"`,
    kql: kqlWhere('FileName =~ "cmd.exe" and not(ProcessCommandLine contains "whoami")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ccmd\.exe$/ and !(toLowerCase(CommandLine) matches "*whoami*")`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ccmd\.exe$/ and !(commandLine matches /(?is)^.*whoami.*$/)`),
    matches: [{ Image: 'C:\\cmd.exe' }, { Image: 'C:\\cmd.exe', CommandLine: 'dir' }],
    misses: [{ Image: 'C:\\cmd.exe', CommandLine: 'WHOAMI' }],
  },
  {
    name: 'missing field under not (regex, Splunk where null guard)',
    detection: r`
sel:
  Image|endswith: '\x.exe'
filter:
  CommandLine|re: '^C:\\Program Files\\'
condition: sel and not filter`,
    splunk: r`Image="*\\x.exe" | where NOT (isnotnull(CommandLine) AND match(CommandLine, "^C:\\\\Program Files\\\\"))`,
    kql: kqlWhere(r`FileName =~ "x.exe" and not(ProcessCommandLine matches regex @"^C:\\Program Files\\")`),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5cx\.exe$/ and !(CommandLine matches /^(?s:.*)(?:^C:\x5cProgram Files\x5c)(?s:.*)$/)`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5cx\.exe$/ and !(commandLine matches /^(?s:.*)(?:^C:\x5cProgram Files\x5c)(?s:.*)$/)`),
    matches: [{ Image: 'C:\\x.exe' }, { Image: 'C:\\x.exe', CommandLine: 'D:\\Program Files\\' }],
    misses: [{ Image: 'C:\\x.exe', CommandLine: 'C:\\Program Files\\a' }],
  },
  {
    name: 'missing field under not (escaped *, Splunk where null guard)',
    detection: r`
sel:
  CommandLine|contains: 'a\*b'
condition: not sel`,
    splunk: r`* | where NOT (isnotnull(CommandLine) AND match(CommandLine, "(?i)a\\*b"))`,
    kql: kqlWhere('not(ProcessCommandLine contains "a*b")'),
    sumo: sumoWhere(r`!(CommandLine matches /(?is)^.*a\*b.*$/)`),
    sumoCse: cseWindows(r`!(commandLine matches /(?is)^.*a\*b.*$/)`),
    matches: [{ Image: 'x' }, { CommandLine: 'ab' }],
    misses: [{ CommandLine: 'a*b' }],
  },
];

featureTable('null, exists and the empty string', rows);
