import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** `|re` is an unanchored search, case-sensitive unless `|i`; `|m` and `|s` set the flags. Patterns outside RE2 are refused where the engine is RE2. */
const rows: readonly Row[] = [
  {
    name: 'plain regex, case-sensitive and unanchored',
    detection: r`
sel:
  CommandLine|re: 'evil\d+'
condition: sel`,
    splunk: r`* | regex CommandLine="evil\\d+"`,
    kql: kqlWhere(r`ProcessCommandLine matches regex @"evil\d+"`),
    sumo: sumoWhere(r`CommandLine matches /^(?s:.*)(?:evil\d+)(?s:.*)$/`),
    sumoCse: cseWindows(r`commandLine matches /^(?s:.*)(?:evil\d+)(?s:.*)$/`),
    matches: [{ CommandLine: 'x evil42 y' }],
    misses: [{ CommandLine: 'EVIL42' }, { CommandLine: 'evil' }],
  },
  {
    name: 're|i with / and " inside',
    detection: r`
sel:
  CommandLine|re|i: 'a/b"c'
condition: sel`,
    splunk: r`* | regex CommandLine="(?i)a/b\"c"`,
    kql: kqlWhere('ProcessCommandLine matches regex @"(?i)a/b""c"'),
    sumo: sumoWhere(r`CommandLine matches /(?i)^(?s:.*)(?:a\/b"c)(?s:.*)$/`),
    sumoCse: cseWindows(r`commandLine matches /(?i)^(?s:.*)(?:a\/b"c)(?s:.*)$/`),
    matches: [{ CommandLine: 'xA/B"Cx' }],
    misses: [{ CommandLine: 'a/bc' }],
  },
  {
    name: 're|i with anchors and backslashes',
    detection: r`
sel:
  CommandLine|re|i: '^c:\\windows\\.*\.exe$'
condition: sel`,
    splunk: r`* | regex CommandLine="(?i)^c:\\\\windows\\\\.*\\.exe$"`,
    kql: kqlWhere(r`ProcessCommandLine matches regex @"(?i)^c:\\windows\\.*\.exe$"`),
    sumo: sumoWhere(r`CommandLine matches /(?i)^(?s:.*)(?:^c:\x5cwindows\x5c.*\.exe$)(?s:.*)$/`),
    sumoCse: cseWindows(r`commandLine matches /(?i)^(?s:.*)(?:^c:\x5cwindows\x5c.*\.exe$)(?s:.*)$/`),
    matches: [{ CommandLine: 'C:\\Windows\\System32\\x.EXE' }],
    misses: [{ CommandLine: ' C:\\Windows\\x.exe' }, { CommandLine: 'C:\\Windows\\xexe' }],
  },
  {
    name: 'escaped dollar',
    detection: r`
sel:
  CommandLine|re: '\$env:[a-z]+'
condition: sel`,
    splunk: r`* | regex CommandLine="\\$env:[a-z]+"`,
    kql: kqlWhere(r`ProcessCommandLine matches regex @"\$env:[a-z]+"`),
    sumo: sumoWhere(r`CommandLine matches /^(?s:.*)(?:\$env:[a-z]+)(?s:.*)$/`),
    sumoCse: cseWindows(r`commandLine matches /^(?s:.*)(?:\$env:[a-z]+)(?s:.*)$/`),
    matches: [{ CommandLine: 'echo $env:temp' }],
    misses: [{ CommandLine: 'echo env:temp' }],
  },
  {
    name: 'double backslash (UNC)',
    detection: r`
sel:
  CommandLine|re: '\\\\server\\'
condition: sel`,
    splunk: r`* | regex CommandLine="\\\\\\\\server\\\\"`,
    kql: kqlWhere(r`ProcessCommandLine matches regex @"\\\\server\\"`),
    sumo: sumoWhere(r`CommandLine matches /^(?s:.*)(?:\x5c\x5cserver\x5c)(?s:.*)$/`),
    sumoCse: cseWindows(r`commandLine matches /^(?s:.*)(?:\x5c\x5cserver\x5c)(?s:.*)$/`),
    matches: [{ CommandLine: 'copy \\\\server\\x' }],
    misses: [{ CommandLine: 'copy \\server\\x' }],
  },
  {
    name: 're|s: dot crosses a newline',
    detection: r`
sel:
  CommandLine|re|s: 'a.b'
condition: sel`,
    splunk: '* | regex CommandLine="(?s)a.b"',
    kql: kqlWhere('ProcessCommandLine matches regex @"(?s)a.b"'),
    sumo: sumoWhere('CommandLine matches /(?s)^(?s:.*)(?:a.b)(?s:.*)$/'),
    sumoCse: cseWindows(r`commandLine matches /(?s)^(?s:.*)(?:a.b)(?s:.*)$/`),
    matches: [{ CommandLine: "a\nb" }],
    misses: [{ CommandLine: 'ab' }],
  },
  {
    name: 're without s: dot does not cross a newline',
    detection: r`
sel:
  CommandLine|re: 'a.b'
condition: sel`,
    splunk: '* | regex CommandLine="a.b"',
    kql: kqlWhere('ProcessCommandLine matches regex @"a.b"'),
    sumo: sumoWhere('CommandLine matches /^(?s:.*)(?:a.b)(?s:.*)$/'),
    sumoCse: cseWindows(r`commandLine matches /^(?s:.*)(?:a.b)(?s:.*)$/`),
    matches: [{ CommandLine: 'axb' }],
    misses: [{ CommandLine: "a\nb" }],
  },
  {
    name: 're|m: anchors at line breaks',
    detection: r`
sel:
  CommandLine|re|m: '^x$'
condition: sel`,
    splunk: '* | regex CommandLine="(?m)^x$"',
    kql: kqlWhere('ProcessCommandLine matches regex @"(?m)^x$"'),
    sumo: sumoWhere('CommandLine matches /(?m)^(?s:.*)(?:^x$)(?s:.*)$/'),
    sumoCse: cseWindows(r`commandLine matches /(?m)^(?s:.*)(?:^x$)(?s:.*)$/`),
    matches: [{ CommandLine: "a\nx\nb" }],
    misses: [{ CommandLine: 'a x b' }],
  },
  {
    name: 're|i|m|s',
    detection: r`
sel:
  CommandLine|re|i|m|s: '^foo.bar$'
condition: sel`,
    splunk: '* | regex CommandLine="(?ims)^foo.bar$"',
    kql: kqlWhere('ProcessCommandLine matches regex @"(?ims)^foo.bar$"'),
    sumo: sumoWhere('CommandLine matches /(?ims)^(?s:.*)(?:^foo.bar$)(?s:.*)$/'),
    sumoCse: cseWindows(r`commandLine matches /(?ims)^(?s:.*)(?:^foo.bar$)(?s:.*)$/`),
    matches: [{ CommandLine: "z\nFOO\nBAR\nz" }],
    misses: [{ CommandLine: "zfoo\nbar" }],
  },
  {
    name: 're under OR goes to where/match() in Splunk',
    detection: r`
sel:
  CommandLine|re|i: 'a/b"c'
other:
  Image|endswith: '\x.exe'
condition: sel or other`,
    splunk: r`* | where match(CommandLine, "(?i)a/b\"c") OR match(Image, "(?i)\\\\x\\.exe\\z")`,
    kql: kqlWhere('ProcessCommandLine matches regex @"(?i)a/b""c" or FileName =~ "x.exe"'),
    sumo: sumoWhere(r`CommandLine matches /(?i)^(?s:.*)(?:a\/b"c)(?s:.*)$/ or Image matches /(?is)^.*\x5cx\.exe$/`),
    sumoCse: cseWindows(r`commandLine matches /(?i)^(?s:.*)(?:a\/b"c)(?s:.*)$/ or baseImage matches /(?is)^.*\x5cx\.exe$/`),
    matches: [{ CommandLine: 'A/B"C' }, { Image: 'C:\\x.exe' }],
    misses: [{ CommandLine: 'abc', Image: 'C:\\y.exe' }],
  },
  {
    name: 're under not',
    detection: r`
sel:
  CommandLine|re: 'evil\d+'
condition: not sel`,
    splunk: r`* | where NOT (isnotnull(CommandLine) AND match(CommandLine, "evil\\d+"))`,
    kql: kqlWhere(r`not(ProcessCommandLine matches regex @"evil\d+")`),
    sumo: sumoWhere(r`!(CommandLine matches /^(?s:.*)(?:evil\d+)(?s:.*)$/)`),
    sumoCse: cseWindows(r`!(commandLine matches /^(?s:.*)(?:evil\d+)(?s:.*)$/)`),
    matches: [{ CommandLine: 'evil' }, { Image: 'x' }],
    misses: [{ CommandLine: 'evil1' }],
  },
  {
    name: 'lookahead is refused by RE2 targets',
    detection: r`
sel:
  CommandLine|re: '(?=foo)bar'
condition: sel`,
    splunk: '* | regex CommandLine="(?=foo)bar"',
    kql: 'error: backend/unsupported-value',
    sumo: 'error: backend/unsupported-value',
    sumoCse: 'error: backend/unsupported-value',
    evaluator: 'error: eval/unsupported-regex',
    matches: [],
    misses: [],
    note: 'Splunk runs PCRE, which has lookahead; KQL, Sumo and the evaluator are RE2',
  },
  {
    name: r`PCRE \Z (end or before a final newline): RE2 targets refuse it`,
    detection: r`
sel:
  CommandLine|re: 'a\Z'
condition: sel`,
    splunk: r`* | regex CommandLine="a\\Z"`,
    kql: 'error: backend/unsupported-value',
    sumo: 'error: backend/unsupported-value',
    sumoCse: 'error: backend/unsupported-value',
    matches: [{ CommandLine: 'xa' }, { CommandLine: "xa\n" }],
    misses: [{ CommandLine: 'ab' }],
    note: r`KQL used to emit @"a\Z", which Kusto (RE2) rejects; the evaluator translates \Z`,
  },
  {
    name: r`PCRE \h (horizontal space): RE2 targets refuse it`,
    detection: r`
sel:
  CommandLine|re: 'a\hb'
condition: sel`,
    splunk: r`* | regex CommandLine="a\\hb"`,
    kql: 'error: backend/unsupported-value',
    sumo: 'error: backend/unsupported-value',
    sumoCse: 'error: backend/unsupported-value',
    matches: [{ CommandLine: 'a b' }, { CommandLine: "a\tb" }],
    misses: [{ CommandLine: 'ab' }, { CommandLine: "a\nb" }],
  },
  {
    name: r`\u0041 is neither PCRE nor RE2: refused everywhere`,
    detection: r`
sel:
  CommandLine|re: '[\u0041-\u005a]'
condition: sel`,
    splunk: 'error: backend/invalid-output',
    kql: 'error: backend/unsupported-value',
    sumo: 'error: backend/unsupported-value',
    sumoCse: 'error: backend/unsupported-value',
    evaluator: 'error: eval/unsupported-regex',
    matches: [],
    misses: [],
    note: r`Splunk used to emit it (its lint compiled regexes with JS, which reads \u as a code point); PCRE rejects \u`,
  },
  {
    name: 'backreference is refused by RE2 targets',
    detection: r`
sel:
  CommandLine|re: '(a)\1'
condition: sel`,
    splunk: r`* | regex CommandLine="(a)\\1"`,
    kql: 'error: backend/unsupported-value',
    sumo: 'error: backend/unsupported-value',
    sumoCse: 'error: backend/unsupported-value',
    evaluator: 'error: eval/unsupported-regex',
    matches: [],
    misses: [],
  },
];

featureTable('regular expressions', rows);
