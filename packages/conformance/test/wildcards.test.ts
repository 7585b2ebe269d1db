import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

const r = String.raw;

/** `*` is any run of characters (line breaks included), `?` exactly one character; a value without wildcards is whole-field equality. */
const rows: readonly Row[] = [
  {
    name: 'no wildcard is equality',
    detection: r`
sel:
  OriginalFileName: 'cmd.exe'
condition: sel`,
    splunk: 'OriginalFileName="cmd.exe"',
    kql: kqlWhere('ProcessVersionInfoOriginalFileName =~ "cmd.exe"'),
    sumo: sumoWhere('toLowerCase(OriginalFileName) = "cmd.exe"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (lower(fields['EventData.OriginalFileName']) = 'cmd.exe')`,
    matches: [{ OriginalFileName: 'Cmd.Exe' }],
    misses: [{ OriginalFileName: 'cmd.exe.mui' }, { OriginalFileName: 'xcmd.exe' }],
  },
  {
    name: 'leading *',
    detection: r`
sel:
  Image: '*\cmd.exe'
condition: sel`,
    splunk: r`Image="*\\cmd.exe"`,
    kql: kqlWhere('FileName =~ "cmd.exe"'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ccmd\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ccmd\.exe$/`),
    matches: [{ Image: 'C:\\Windows\\System32\\cmd.exe' }],
    misses: [{ Image: 'C:\\Windows\\System32\\xcmd.exe' }],
  },
  {
    name: 'trailing *',
    detection: r`
sel:
  CommandLine: 'whoami*'
condition: sel`,
    splunk: 'CommandLine="whoami*"',
    kql: kqlWhere('ProcessCommandLine startswith "whoami"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "whoami*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^whoami.*$/`),
    matches: [{ CommandLine: 'WHOAMI /all' }],
    misses: [{ CommandLine: 'cmd /c whoami' }],
  },
  {
    name: 'inner * crosses line breaks',
    detection: r`
sel:
  CommandLine: 'a*b'
condition: sel`,
    splunk: 'CommandLine="a*b"',
    kql: kqlWhere('ProcessCommandLine matches regex @"(?is)^a.*b$"'),
    sumo: sumoWhere('CommandLine matches /(?is)^a.*b$/'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^a.*b$/`),
    matches: [{ CommandLine: "a\nxx\nb" }, { CommandLine: 'AB' }],
    misses: [{ CommandLine: 'ab c' }],
  },
  {
    name: '? is exactly one character',
    detection: r`
sel:
  CommandLine: 'a?c'
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?is)^a.c\\z")`,
    kql: kqlWhere('ProcessCommandLine matches regex @"(?is)^a.c$"'),
    sumo: sumoWhere('CommandLine matches /(?is)^a.c$/'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^a.c$/`),
    matches: [{ CommandLine: 'abc' }, { CommandLine: 'A-C' }],
    misses: [{ CommandLine: 'ac' }, { CommandLine: 'abbc' }, { CommandLine: "abc\n" }],
    note: r`Splunk anchors with \z: PCRE $ would also accept a final newline ("abc\n")`,
  },
  {
    name: '? inside a path (endswith)',
    detection: r`
sel:
  Image|endswith: '\cmd?.exe'
condition: sel`,
    splunk: r`* | where match(Image, "(?is)\\\\cmd.\\.exe\\z")`,
    kql: kqlWhere(r`FolderPath matches regex @"(?is)^.*\\cmd.\.exe$"`),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ccmd.\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ccmd.\.exe$/`),
    matches: [{ Image: 'C:\\x\\cmd2.exe' }],
    misses: [{ Image: 'C:\\x\\cmd.exe' }, { Image: 'C:\\x\\cmd22.exe' }],
  },
  {
    name: 'lone * means the field is present',
    detection: r`
sel:
  CommandLine: '*'
condition: sel`,
    splunk: 'CommandLine=*',
    kql: kqlWhere('isnotempty(ProcessCommandLine)'),
    sumo: sumoWhere('!isNull(CommandLine)'),
    sumoCse: cseWindows(r`!isNull(commandLine)`),
    matches: [{ CommandLine: 'x' }],
    misses: [{ Image: 'C:\\x.exe' }],
    note: 'KQL reads an empty string as absent (isnotempty); Sumo !isNull holds for "" as Sigma `*` does',
  },
  {
    name: 'escaped backslash before a wildcard in the middle',
    detection: r`
sel:
  Image: 'C:\Users\\*\AppData\x.exe'
condition: sel`,
    splunk: r`Image="C:\\Users\\*\\AppData\\x.exe"`,
    kql: kqlWhere(r`FolderPath matches regex @"(?is)^C:\\Users\\.*\\AppData\\x\.exe$"`),
    sumo: sumoWhere(r`Image matches /(?is)^C:\x5cUsers\x5c.*\x5cAppData\x5cx\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^C:\x5cUsers\x5c.*\x5cAppData\x5cx\.exe$/`),
    matches: [{ Image: 'C:\\Users\\bob\\AppData\\x.exe' }],
    misses: [{ Image: 'C:\\Users*\\AppData\\x.exe' }, { Image: 'D:\\Users\\bob\\AppData\\x.exe' }],
  },
  {
    name: 'mixed wildcard list',
    detection: r`
sel:
  CommandLine:
    - 'a?b'
    - 'plain'
    - 'x*y'
    - '*tail'
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?is)^a.b\\z") OR lower(CommandLine)=="plain" OR match(CommandLine, "(?is)^x.*y\\z") OR match(CommandLine, "(?i)tail\\z")`,
    kql: kqlWhere('ProcessCommandLine matches regex @"(?is)^a.b$" or ProcessCommandLine =~ "plain" or ProcessCommandLine matches regex @"(?is)^x.*y$" or ProcessCommandLine endswith "tail"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) = "plain" or toLowerCase(CommandLine) matches "*tail" or CommandLine matches /(?is)^(?:a.b|x.*y)$/)'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^(?:a.b|plain|x.*y|.*tail)$/`),
    matches: [{ CommandLine: 'a-b' }, { CommandLine: 'PLAIN' }, { CommandLine: 'x..y' }, { CommandLine: 'the tail' }],
    misses: [{ CommandLine: 'plain text' }, { CommandLine: 'ab' }, { CommandLine: 'tail end' }],
  },
];

featureTable('wildcards', rows);
