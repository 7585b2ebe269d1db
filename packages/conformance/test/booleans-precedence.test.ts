import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

const r = String.raw;

/** not > and > or; every nested group keeps its meaning in every target; `1 of` / `all of` / `them` selectors. */
const rows: readonly Row[] = [
  {
    name: 'and binds tighter than or',
    detection: r`
a:
  CommandLine|contains: 'a'
b:
  CommandLine|contains: 'b'
c:
  CommandLine|contains: 'c'
condition: a or b and c`,
    splunk: 'CommandLine="*a*" OR (CommandLine="*b*" CommandLine="*c*")',
    kql: kqlWhere('ProcessCommandLine contains "a" or (ProcessCommandLine contains "b" and ProcessCommandLine contains "c")'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*a*" or (toLowerCase(CommandLine) matches "*b*" and toLowerCase(CommandLine) matches "*c*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*a.*$/ or (commandLine matches /(?is)^.*b.*$/ and commandLine matches /(?is)^.*c.*$/)`),
    matches: [{ CommandLine: 'a' }, { CommandLine: 'bc' }],
    misses: [{ CommandLine: 'b' }, { CommandLine: 'c' }],
  },
  {
    name: 'parenthesised or under and',
    detection: r`
a:
  CommandLine|contains: 'a'
b:
  CommandLine|contains: 'b'
c:
  CommandLine|contains: 'c'
condition: (a or b) and c`,
    splunk: 'CommandLine IN ("*a*", "*b*") CommandLine="*c*"',
    kql: kqlWhere('(ProcessCommandLine contains "a" or ProcessCommandLine contains "b") and ProcessCommandLine contains "c"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*a*" or toLowerCase(CommandLine) matches "*b*") and toLowerCase(CommandLine) matches "*c*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:a|b).*$/ and commandLine matches /(?is)^.*c.*$/`),
    matches: [{ CommandLine: 'ac' }, { CommandLine: 'bc' }],
    misses: [{ CommandLine: 'a' }, { CommandLine: 'ab' }],
  },
  {
    name: 'not binds tighter than and',
    detection: r`
a:
  CommandLine|contains: 'a'
b:
  CommandLine|contains: 'b'
c:
  CommandLine|contains: 'c'
condition: not a and not (b and not c)`,
    splunk: 'NOT CommandLine="*a*" NOT (CommandLine="*b*" NOT CommandLine="*c*")',
    kql: kqlWhere('not(ProcessCommandLine contains "a") and not(ProcessCommandLine contains "b" and not(ProcessCommandLine contains "c"))'),
    sumo: sumoWhere('!(toLowerCase(CommandLine) matches "*a*") and !(toLowerCase(CommandLine) matches "*b*" and !(toLowerCase(CommandLine) matches "*c*"))'),
    sumoCse: cseWindows(r`!(commandLine matches /(?is)^.*a.*$/) and !(commandLine matches /(?is)^.*b.*$/ and !(commandLine matches /(?is)^.*c.*$/))`),
    matches: [{ CommandLine: 'x' }, { CommandLine: 'bc' }],
    misses: [{ CommandLine: 'a' }, { CommandLine: 'b' }],
  },
  {
    name: 'deep nesting over four fields',
    detection: r`
a:
  Image|endswith: '\a.exe'
b:
  CommandLine|contains: 'x'
c:
  ParentImage|endswith: '\p.exe'
d:
  OriginalFileName: 'o.exe'
condition: not (a or b) and (c or not d)`,
    splunk: r`NOT (Image="*\\a.exe" OR CommandLine="*x*") (ParentImage="*\\p.exe" OR NOT OriginalFileName="o.exe")`,
    kql: kqlWhere('not(FileName =~ "a.exe" or ProcessCommandLine contains "x") and (InitiatingProcessFileName =~ "p.exe" or not(ProcessVersionInfoOriginalFileName =~ "o.exe"))'),
    sumo: sumoWhere(r`!(Image matches /(?is)^.*\x5ca\.exe$/ or toLowerCase(CommandLine) matches "*x*") and (ParentImage matches /(?is)^.*\x5cp\.exe$/ or !(toLowerCase(OriginalFileName) = "o.exe"))`),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (!(baseImage matches /(?is)^.*\x5ca\.exe$/ or commandLine matches /(?is)^.*x.*$/) and (parentBaseImage matches /(?is)^.*\x5cp\.exe$/ or !(lower(fields['EventData.OriginalFileName']) = 'o.exe')))`,
    matches: [{ Image: 'C:\\z.exe', CommandLine: 'y', ParentImage: 'C:\\p.exe', OriginalFileName: 'o.exe' }, { Image: 'C:\\z.exe' }],
    misses: [{ Image: 'C:\\a.exe' }, { Image: 'C:\\z.exe', ParentImage: 'C:\\q.exe', OriginalFileName: 'O.EXE' }],
    note: r`KQL: ParentImage endswith \x is InitiatingProcessFileName =~ "x" (the only parent field of DeviceProcessEvents)`,
  },
  {
    name: 'not of an and-selection',
    detection: r`
a:
  CommandLine|contains: 'a'
  Image|endswith: '\b.exe'
condition: not a`,
    splunk: r`NOT (CommandLine="*a*" Image="*\\b.exe")`,
    kql: kqlWhere('not(ProcessCommandLine contains "a" and FileName =~ "b.exe")'),
    sumo: sumoWhere(r`!(toLowerCase(CommandLine) matches "*a*" and Image matches /(?is)^.*\x5cb\.exe$/)`),
    sumoCse: cseWindows(r`!(commandLine matches /(?is)^.*a.*$/ and baseImage matches /(?is)^.*\x5cb\.exe$/)`),
    matches: [{ CommandLine: 'a', Image: 'C:\\c.exe' }],
    misses: [{ CommandLine: 'a', Image: 'C:\\b.exe' }],
  },
  {
    name: '1 of sel* and not filter',
    detection: r`
sel1:
  Image|endswith: '\a.exe'
sel2:
  Image|endswith: '\b.exe'
filter:
  User: 'SYSTEM'
condition: 1 of sel* and not filter`,
    splunk: r`Image IN ("*\\a.exe", "*\\b.exe") NOT User="SYSTEM"`,
    kql: kqlWhere('FileName in~ ("a.exe", "b.exe") and not(AccountName =~ "SYSTEM")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5c(?:a|b)\.exe$/ and !(toLowerCase(User) = "system")`),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (baseImage matches /(?is)^.*\x5c(?:a|b)\.exe$/ and !(lower(user_username_raw) = 'system'))`,
    matches: [{ Image: 'C:\\b.exe', User: 'bob' }, { Image: 'C:\\a.exe' }],
    misses: [{ Image: 'C:\\a.exe', User: 'system' }],
    note: 'KQL microsoft_xdr: User without a backslash is AccountName',
  },
  {
    name: 'not 1 of filter_*',
    detection: r`
filter_a:
  Image|endswith: '\a.exe'
filter_b:
  Image|endswith: '\b.exe'
sel:
  CommandLine|contains: 'x'
condition: sel and not 1 of filter_*`,
    splunk: r`CommandLine="*x*" NOT Image IN ("*\\a.exe", "*\\b.exe")`,
    kql: kqlWhere('ProcessCommandLine contains "x" and not(FileName in~ ("a.exe", "b.exe"))'),
    sumo: sumoWhere(r`toLowerCase(CommandLine) matches "*x*" and !(Image matches /(?is)^.*\x5c(?:a|b)\.exe$/)`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*x.*$/ and !(baseImage matches /(?is)^.*\x5c(?:a|b)\.exe$/)`),
    matches: [{ CommandLine: 'x', Image: 'C:\\c.exe' }],
    misses: [{ CommandLine: 'x', Image: 'C:\\b.exe' }],
  },
  {
    name: 'all of sel_*',
    detection: r`
sel_a:
  CommandLine|contains: 'a'
sel_b:
  CommandLine|contains: 'b'
condition: all of sel_*`,
    splunk: 'CommandLine="*a*" CommandLine="*b*"',
    kql: kqlWhere('ProcessCommandLine contains "a" and ProcessCommandLine contains "b"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*a*" and toLowerCase(CommandLine) matches "*b*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*a.*$/ and commandLine matches /(?is)^.*b.*$/`),
    matches: [{ CommandLine: 'ba' }],
    misses: [{ CommandLine: 'a' }],
  },
  {
    name: 'all of them',
    detection: r`
sel1:
  Image|endswith: '\a.exe'
sel2:
  CommandLine|contains: 'x'
condition: all of them`,
    splunk: r`Image="*\\a.exe" CommandLine="*x*"`,
    kql: kqlWhere('FileName =~ "a.exe" and ProcessCommandLine contains "x"'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ca\.exe$/ and toLowerCase(CommandLine) matches "*x*"`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ca\.exe$/ and commandLine matches /(?is)^.*x.*$/`),
    matches: [{ Image: 'C:\\a.exe', CommandLine: 'x' }],
    misses: [{ Image: 'C:\\a.exe' }],
  },
  {
    name: '1 of them',
    detection: r`
sel1:
  Image|endswith: '\a.exe'
sel2:
  CommandLine|contains: 'x'
condition: 1 of them`,
    splunk: r`Image="*\\a.exe" OR CommandLine="*x*"`,
    kql: kqlWhere('FileName =~ "a.exe" or ProcessCommandLine contains "x"'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5ca\.exe$/ or toLowerCase(CommandLine) matches "*x*"`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5ca\.exe$/ or commandLine matches /(?is)^.*x.*$/`),
    matches: [{ CommandLine: 'x' }],
    misses: [{ CommandLine: 'y' }],
  },
  {
    name: 'double negation',
    detection: r`
a:
  CommandLine|contains: 'a'
condition: not not a`,
    splunk: 'CommandLine="*a*"',
    kql: kqlWhere('ProcessCommandLine contains "a"'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*a*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*a.*$/`),
    matches: [{ CommandLine: 'a' }],
    misses: [{ CommandLine: 'b' }],
  },
];

featureTable('boolean logic and precedence', rows);
