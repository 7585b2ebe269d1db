import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** `|cased` makes the comparison case-sensitive, wildcards keep their meaning. */
const rows: readonly Row[] = [
  {
    name: 'cased exact with backslashes',
    detection: r`
sel:
  Image|cased: 'C:\Windows\X.exe'
condition: sel`,
    splunk: r`* | where Image=="C:\\Windows\\X.exe"`,
    kql: kqlWhere(r`FolderPath == @"C:\Windows\X.exe"`),
    sumo: sumoWhere(r`Image matches /^C:\x5cWindows\x5cX\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /^C:\x5cWindows\x5cX\.exe$/`),
    matches: [{ Image: 'C:\\Windows\\X.exe' }],
    misses: [{ Image: 'c:\\windows\\x.exe' }],
  },
  {
    name: 'cased|contains',
    detection: r`
sel:
  CommandLine|cased|contains: 'AbC'
condition: sel`,
    splunk: '* | where match(CommandLine, "AbC")',
    kql: kqlWhere('ProcessCommandLine contains_cs "AbC"'),
    sumo: sumoWhere('CommandLine matches "*AbC*"'),
    sumoCse: cseWindows(r`commandLine matches /(?s)^.*AbC.*$/`),
    matches: [{ CommandLine: 'xAbCx' }],
    misses: [{ CommandLine: 'xabcx' }],
  },
  {
    name: 'cased|startswith list',
    detection: r`
sel:
  CommandLine|cased|startswith:
    - 'Foo'
    - 'Bar'
condition: sel`,
    splunk: '* | where match(CommandLine, "^Foo") OR match(CommandLine, "^Bar")',
    kql: kqlWhere('ProcessCommandLine startswith_cs "Foo" or ProcessCommandLine startswith_cs "Bar"'),
    sumo: sumoWhere('(CommandLine matches "Foo*" or CommandLine matches "Bar*")'),
    sumoCse: cseWindows(r`commandLine matches /(?s)^(?:Foo|Bar).*$/`),
    matches: [{ CommandLine: 'Bar baz' }],
    misses: [{ CommandLine: 'bar baz' }, { CommandLine: 'x Foo' }],
  },
  {
    name: 'cased|endswith',
    detection: r`
sel:
  Image|cased|endswith: '\PSEXESVC.exe'
condition: sel`,
    splunk: r`* | where match(Image, "\\\\PSEXESVC\\.exe\\z")`,
    kql: kqlWhere('FileName == "PSEXESVC.exe"'),
    sumo: sumoWhere(r`Image matches /(?s)^.*\x5cPSEXESVC\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?s)^.*\x5cPSEXESVC\.exe$/`),
    matches: [{ Image: 'C:\\Windows\\PSEXESVC.exe' }],
    misses: [{ Image: 'C:\\Windows\\psexesvc.exe' }],
  },
  {
    name: 'cased with ? and a backslash',
    detection: r`
sel:
  CommandLine|cased|contains: 'a\b?c'
condition: sel`,
    splunk: r`* | where match(CommandLine, "(?s)a\\\\b.c")`,
    kql: kqlWhere(r`ProcessCommandLine matches regex @"(?s)^.*a\\b.c.*$"`),
    sumo: sumoWhere(r`CommandLine matches /(?s)^.*a\x5cb.c.*$/`),
    sumoCse: cseWindows(r`commandLine matches /(?s)^.*a\x5cb.c.*$/`),
    matches: [{ CommandLine: 'xa\\bZcx' }],
    misses: [{ CommandLine: 'A\\bZc' }, { CommandLine: 'a\\bc' }],
  },
  {
    name: 'cased under not',
    detection: r`
sel:
  CommandLine|cased: 'AbC'
condition: not sel`,
    splunk: '* | where NOT (isnotnull(CommandLine) AND CommandLine=="AbC")',
    kql: kqlWhere('not(ProcessCommandLine == "AbC")'),
    sumo: sumoWhere('!(CommandLine = "AbC")'),
    sumoCse: cseWindows(r`!(commandLine = 'AbC')`),
    matches: [{ CommandLine: 'abc' }, { Image: 'x' }],
    misses: [{ CommandLine: 'AbC' }],
  },
];

featureTable('cased', rows);
