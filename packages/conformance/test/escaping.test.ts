import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** Backslashes, quotes, pipes, escaped wildcards, control characters and non-ASCII text stay inside their literal and keep their meaning. */
const rows: readonly Row[] = [
  {
    name: 'Windows path, exact',
    detection: r`
sel:
  Image: 'C:\Windows\System32\cmd.exe'
condition: sel`,
    splunk: r`Image="C:\\Windows\\System32\\cmd.exe"`,
    kql: kqlWhere(r`FolderPath =~ @"C:\Windows\System32\cmd.exe"`),
    sumo: sumoWhere(r`Image matches /(?i)^C:\x5cWindows\x5cSystem32\x5ccmd\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?i)^C:\x5cWindows\x5cSystem32\x5ccmd\.exe$/`),
    matches: [{ Image: 'c:\\windows\\system32\\CMD.EXE' }],
    misses: [{ Image: 'C:\\Windows\\System32\\cmd.exe.bak' }, { Image: 'C:/Windows/System32/cmd.exe' }],
  },
  {
    name: 'trailing backslash (startswith)',
    detection: r`
sel:
  Image|startswith: 'C:\Windows\'
condition: sel`,
    splunk: r`Image="C:\\Windows\\*"`,
    kql: kqlWhere(r`FolderPath startswith @"C:\Windows\"`),
    sumo: sumoWhere(r`Image matches /(?is)^C:\x5cWindows\x5c.*$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^C:\x5cWindows\x5c.*$/`),
    matches: [{ Image: 'C:\\Windows\\notepad.exe' }],
    misses: [{ Image: 'C:\\WindowsApps\\x.exe' }],
  },
  {
    name: 'a lone backslash (endswith)',
    detection: r`
sel:
  CommandLine|endswith: '\'
condition: sel`,
    splunk: r`CommandLine="*\\"`,
    kql: kqlWhere(r`ProcessCommandLine endswith @"\"`),
    sumo: sumoWhere(r`CommandLine matches /(?is)^.*\x5c$/`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*\x5c$/`),
    matches: [{ CommandLine: 'dir C:\\' }],
    misses: [{ CommandLine: 'dir C:' }],
  },
  {
    name: r`UNC path: \\ is one escaped backslash`,
    detection: r`
sel:
  Image|startswith: '\\\\server\share\'
condition: sel`,
    splunk: r`Image="\\\\server\\share\\*"`,
    kql: kqlWhere(r`FolderPath startswith @"\\server\share\"`),
    sumo: sumoWhere(r`Image matches /(?is)^\x5c\x5cserver\x5cshare\x5c.*$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^\x5c\x5cserver\x5cshare\x5c.*$/`),
    matches: [{ Image: '\\\\server\\share\\x.exe' }],
    misses: [{ Image: '\\server\\share\\x.exe' }],
  },
  {
    name: 'double quotes',
    detection: r`
sel:
  CommandLine|contains: 'say "hi"'
condition: sel`,
    splunk: r`CommandLine="*say \"hi\"*"`,
    kql: kqlWhere(r`ProcessCommandLine contains "say \"hi\""`),
    sumo: sumoWhere('CommandLine matches /(?is)^.*say "hi".*$/'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*say "hi".*$/`),
    matches: [{ CommandLine: 'echo Say "HI" now' }],
    misses: [{ CommandLine: 'echo say hi' }],
  },
  {
    name: 'single quote',
    detection: r`
sel:
  CommandLine|contains: "it's"
condition: sel`,
    splunk: r`CommandLine="*it's*"`,
    kql: kqlWhere(r`ProcessCommandLine contains "it's"`),
    sumo: sumoWhere(r`CommandLine matches /(?is)^.*it's.*$/`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*it's.*$/`),
    matches: [{ CommandLine: "IT'S here" }],
    misses: [{ CommandLine: 'its here' }],
  },
  {
    name: 'pipe',
    detection: r`
sel:
  CommandLine|contains: 'a | b'
condition: sel`,
    splunk: 'CommandLine="*a | b*"',
    kql: kqlWhere('ProcessCommandLine contains "a | b"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*a | b*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*a \| b.*$/`),
    matches: [{ CommandLine: 'x a | b y' }],
    misses: [{ CommandLine: 'a b' }],
  },
  {
    name: r`escaped star \* is a literal *`,
    detection: r`
sel:
  CommandLine|contains: 'a\*b'
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?i)a\\*b")`,
    kql: kqlWhere('ProcessCommandLine contains "a*b"'),
    sumo: sumoWhere(r`CommandLine matches /(?is)^.*a\*b.*$/`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*a\*b.*$/`),
    matches: [{ CommandLine: 'xA*By' }],
    misses: [{ CommandLine: 'axxb' }, { CommandLine: 'ab' }],
  },
  {
    name: r`backslash before * escapes it (C:\Temp\*.ps1 is C:\Temp*.ps1)`,
    detection: r`
sel:
  CommandLine|contains: 'C:\Temp\*.ps1'
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?i)C:\\\\Temp\\*\\.ps1")`,
    kql: kqlWhere(r`ProcessCommandLine contains @"C:\Temp*.ps1"`),
    sumo: sumoWhere(r`CommandLine matches /(?is)^.*C:\x5cTemp\*\.ps1.*$/`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*C:\x5cTemp\*\.ps1.*$/`),
    matches: [{ CommandLine: 'run C:\\Temp*.ps1' }],
    misses: [{ CommandLine: 'run C:\\Temp\\x.ps1' }],
    note: 'core warns modifier/escaped-wildcard; every target must still read the * literally',
  },
  {
    name: r`escaped backslash then wildcard (C:\Windows\\*)`,
    detection: r`
sel:
  Image: 'C:\Windows\\*'
condition: sel`,
    splunk: r`Image="C:\\Windows\\*"`,
    kql: kqlWhere(r`FolderPath startswith @"C:\Windows\"`),
    sumo: sumoWhere(r`Image matches /(?is)^C:\x5cWindows\x5c.*$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^C:\x5cWindows\x5c.*$/`),
    matches: [{ Image: 'C:\\Windows\\x.exe' }],
    misses: [{ Image: 'C:\\Windows*' }, { Image: 'C:\\WindowsX' }],
  },
  {
    name: r`tab (YAML double-quoted \t)`,
    detection: r`
sel:
  CommandLine|contains: "tab\there"
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?i)tab\\x09here")`,
    kql: kqlWhere(r`ProcessCommandLine contains "tab\there"`),
    sumo: sumoWhere(r`CommandLine matches /(?is)^.*tab\x{9}here.*$/`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*tab\x{9}here.*$/`),
    matches: [{ CommandLine: "a tab\there b" }],
    misses: [{ CommandLine: 'tab here' }, { CommandLine: 'tab\\there' }],
  },
  {
    name: 'newline in an exact value',
    detection: r`
sel:
  CommandLine: "line1\nline2"
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?i)^line1\\x0aline2\\z")`,
    kql: kqlWhere(r`ProcessCommandLine =~ "line1\nline2"`),
    sumo: sumoWhere(r`CommandLine matches /(?i)^line1\x{a}line2$/`),
    sumoCse: cseWindows(r`commandLine matches /(?i)^line1\x{a}line2$/`),
    matches: [{ CommandLine: "LINE1\nline2" }],
    misses: [{ CommandLine: 'line1 line2' }, { CommandLine: "line1\nline2 x" }],
  },
  {
    name: 'percent and underscore are not wildcards',
    detection: r`
sel:
  CommandLine|contains: '100%_done'
condition: sel`,
    splunk: 'CommandLine="*100%_done*"',
    kql: kqlWhere('ProcessCommandLine contains "100%_done"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*100%_done*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*100%_done.*$/`),
    matches: [{ CommandLine: 'at 100%_done' }],
    misses: [{ CommandLine: 'at 100xxdone' }],
  },
  {
    name: 'en dash',
    detection: r`
sel:
  CommandLine|contains: '–enc'
condition: sel`,
    splunk: 'CommandLine="*–enc*"',
    kql: kqlWhere('ProcessCommandLine contains "–enc"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*–enc*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*–enc.*$/`),
    matches: [{ CommandLine: 'powershell –ENC abc' }],
    misses: [{ CommandLine: 'powershell -enc abc' }],
  },
  {
    name: 'accented letters fold case',
    detection: r`
sel:
  CommandLine|contains: 'ÉCOLE'
condition: sel`,
    splunk: 'CommandLine="*ÉCOLE*"',
    kql: kqlWhere('ProcessCommandLine contains "ÉCOLE"'),
    sumo: sumoWhere('CommandLine matches /(?is)^.*ÉCOLE.*$/'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*ÉCOLE.*$/`),
    matches: [{ CommandLine: 'une école' }],
    misses: [{ CommandLine: 'une ecole' }],
  },
];

featureTable('escaping', rows);
