import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** contains / startswith / endswith / all, case-insensitive. */
const rows: readonly Row[] = [
  {
    name: 'contains',
    detection: r`
sel:
  CommandLine|contains: 'whoami'
condition: sel`,
    splunk: 'CommandLine="*whoami*"',
    kql: kqlWhere('ProcessCommandLine contains "whoami"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*whoami*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*whoami.*$/`),
    matches: [{ CommandLine: 'cmd /c WhoAmI /all' }],
    misses: [{ CommandLine: 'who ami' }],
  },
  {
    name: 'startswith',
    detection: r`
sel:
  CommandLine|startswith: 'powershell'
condition: sel`,
    splunk: 'CommandLine="powershell*"',
    kql: kqlWhere('ProcessCommandLine startswith "powershell"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "powershell*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^powershell.*$/`),
    matches: [{ CommandLine: 'PowerShell -nop' }],
    misses: [{ CommandLine: 'C:\\powershell.exe' }],
  },
  {
    name: 'endswith a file name',
    detection: r`
sel:
  Image|endswith: '\rundll32.exe'
condition: sel`,
    splunk: r`Image="*\\rundll32.exe"`,
    kql: kqlWhere('FileName =~ "rundll32.exe"'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5crundll32\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5crundll32\.exe$/`),
    matches: [{ Image: 'C:\\Windows\\System32\\RUNDLL32.EXE' }],
    misses: [{ Image: 'C:\\Windows\\System32\\xrundll32.exe' }, { Image: 'rundll32.exe' }],
    note: r`KQL: FolderPath endswith "\x" is FileName =~ "x" (the path always ends with \ + the file name)`,
  },
  {
    name: 'endswith a path (not a file name)',
    detection: r`
sel:
  Image|endswith: '\System32\rundll32.exe'
condition: sel`,
    splunk: r`Image="*\\System32\\rundll32.exe"`,
    kql: kqlWhere(r`FolderPath endswith @"\System32\rundll32.exe"`),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5cSystem32\x5crundll32\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5cSystem32\x5crundll32\.exe$/`),
    matches: [{ Image: 'C:\\Windows\\System32\\rundll32.exe' }],
    misses: [{ Image: 'C:\\Windows\\SysWOW64\\rundll32.exe' }],
  },
  {
    name: 'startswith with a space and parentheses',
    detection: r`
sel:
  Image|startswith: 'C:\Program Files (x86)\'
condition: sel`,
    splunk: r`Image="C:\\Program Files (x86)\\*"`,
    kql: kqlWhere(r`FolderPath startswith @"C:\Program Files (x86)\"`),
    sumo: sumoWhere(r`Image matches /(?is)^C:\x5cProgram Files \(x86\)\x5c.*$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^C:\x5cProgram Files \(x86\)\x5c.*$/`),
    matches: [{ Image: 'C:\\Program Files (x86)\\a.exe' }],
    misses: [{ Image: 'C:\\Program Files\\a.exe' }],
  },
  {
    name: 'contains|all',
    detection: r`
sel:
  CommandLine|contains|all:
    - 'foo'
    - 'bar'
condition: sel`,
    splunk: 'CommandLine="*foo*" CommandLine="*bar*"',
    kql: kqlWhere('ProcessCommandLine contains "foo" and ProcessCommandLine contains "bar"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*foo*" and toLowerCase(CommandLine) matches "*bar*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*foo.*$/ and commandLine matches /(?is)^.*bar.*$/`),
    matches: [{ CommandLine: 'BAR then foo' }],
    misses: [{ CommandLine: 'foo only' }, { CommandLine: 'bar only' }],
  },
  {
    name: 'contains|all under not',
    detection: r`
sel:
  CommandLine|contains|all:
    - 'a'
    - 'b'
condition: not sel`,
    splunk: 'NOT (CommandLine="*a*" CommandLine="*b*")',
    kql: kqlWhere('not(ProcessCommandLine contains "a" and ProcessCommandLine contains "b")'),
    sumo: sumoWhere('!(toLowerCase(CommandLine) matches "*a*" and toLowerCase(CommandLine) matches "*b*")'),
    sumoCse: cseWindows(r`!(commandLine matches /(?is)^.*a.*$/ and commandLine matches /(?is)^.*b.*$/)`),
    matches: [{ CommandLine: 'a only' }, { Image: 'x' }],
    misses: [{ CommandLine: 'ab' }],
  },
  {
    name: 'contains on a value already wrapped in *',
    detection: r`
sel:
  CommandLine|contains: '*evil*'
condition: sel`,
    splunk: 'CommandLine="*evil*"',
    kql: kqlWhere('ProcessCommandLine contains "evil"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*evil*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*evil.*$/`),
    matches: [{ CommandLine: 'so EVIL' }],
    misses: [{ CommandLine: 'good' }],
  },
];

featureTable('string modifiers', rows);
