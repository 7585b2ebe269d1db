import { featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** Keyword searches over the whole event (the evaluator: substring of any value). Targets differ: Splunk and Sumo scope terms are indexed term/phrase searches, KQL `* contains` is a substring, CSE has no full-text search. */
const rows: readonly Row[] = [
  {
    name: 'keyword list is an OR',
    detection: r`
keywords:
  - 'mimikatz'
  - 'sekurlsa'
condition: keywords`,
    splunk: '"mimikatz" OR "sekurlsa"',
    kql: kqlWhere('* contains "mimikatz" or * contains "sekurlsa"'),
    sumo: sumoWhere(undefined, { scopeTerms: '("mimikatz" OR "sekurlsa")' }),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'run Mimikatz now' }],
    misses: [{ CommandLine: 'benign' }],
  },
  {
    name: 'keyword with a space and quotes',
    detection: r`
keywords:
  - 'a b'
  - '"quoted"'
condition: keywords`,
    splunk: r`"a b" OR "\"quoted\""`,
    kql: kqlWhere(r`* contains "a b" or * contains "\"quoted\""`),
    // Windows JSON messages hold a quote escaped (\"): the keyword is searched as the message holds it.
    sumo: sumoWhere(r`_raw matches /(?is)^.*a b.*$/ or _raw matches /(?is)^.*\x5c"quoted\x5c".*$/`),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'say "QUOTED"' }, { CommandLine: 'x a b' }],
    misses: [{ CommandLine: 'quoted' }],
  },
  {
    name: 'keyword with a backslash',
    detection: r`
keywords:
  - 'C:\Temp\x.exe'
condition: keywords`,
    splunk: r`"C:\\Temp\\x.exe"`,
    kql: kqlWhere(r`* contains @"C:\Temp\x.exe"`),
    sumo: sumoWhere(r`_raw matches /(?is)^.*C:\x5c\x5cTemp\x5c\x5cx\.exe.*$/`),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ Image: 'c:\\temp\\X.exe' }],
    misses: [{ Image: 'C:\\Temp\\y.exe' }],
  },
  {
    name: 'keyword with an inner *',
    detection: r`
keywords:
  - 'evil*thing'
condition: keywords`,
    // A raw term's inner * stays inside one segment: "evil*thing" would miss "EVIL little thing" (spaces are breakers).
    splunk: '* | where match(_raw, "(?is)evil.*thing")',
    kql: kqlWhere('* matches regex @"(?is)evil.*thing"'),
    sumo: sumoWhere(undefined, { scopeTerms: 'evil*thing' }),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'an EVIL little thing' }],
    misses: [{ CommandLine: 'thing evil' }],
  },
  {
    name: 'keyword with ?',
    detection: r`
keywords:
  - 'evil?ng'
condition: keywords`,
    splunk: '* | where match(_raw, "(?is)evil.ng")',
    kql: kqlWhere('* matches regex @"(?is)evil.ng"'),
    sumo: sumoWhere('_raw matches /(?is)^.*evil.ng.*$/'),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'xevilingx' }],
    misses: [{ CommandLine: 'evilng' }],
  },
  {
    name: 'number keyword',
    detection: r`
keywords:
  - 4624
condition: keywords`,
    splunk: '4624',
    kql: kqlWhere('* contains "4624"'),
    sumo: sumoWhere(undefined, { scopeTerms: '"4624"' }),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ EventID: 4624 }],
    misses: [{ EventID: 4625 }],
  },
  {
    name: 'keywords and a selection',
    detection: r`
keywords:
  - 'mimikatz'
sel:
  Image|endswith: '\rundll32.exe'
condition: keywords and sel`,
    splunk: r`"mimikatz" Image="*\\rundll32.exe"`,
    kql: kqlWhere('* contains "mimikatz" and FileName =~ "rundll32.exe"'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5crundll32\.exe$/`, { scopeTerms: '"mimikatz"' }),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ Image: 'C:\\rundll32.exe', CommandLine: 'mimikatz' }],
    misses: [{ Image: 'C:\\rundll32.exe', CommandLine: 'x' }],
  },
  {
    name: 'selection and not keywords',
    detection: r`
keywords:
  - 'mimikatz'
sel:
  Image|endswith: '\rundll32.exe'
condition: sel and not keywords`,
    splunk: r`Image="*\\rundll32.exe" NOT "mimikatz"`,
    kql: kqlWhere('FileName =~ "rundll32.exe" and not(* contains "mimikatz")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5crundll32\.exe$/`, { scopeTerms: 'NOT "mimikatz"' }),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ Image: 'C:\\rundll32.exe', CommandLine: 'x' }],
    misses: [{ Image: 'C:\\rundll32.exe', CommandLine: 'mimikatz' }],
  },
  {
    name: 'keywords OR-ed with a selection',
    detection: r`
keywords:
  - 'mimikatz'
sel:
  Image|endswith: '\rundll32.exe'
condition: sel or keywords`,
    splunk: r`Image="*\\rundll32.exe" OR "mimikatz"`,
    kql: kqlWhere('FileName =~ "rundll32.exe" or * contains "mimikatz"'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5crundll32\.exe$/ or _raw matches /(?is)^.*mimikatz.*$/`),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ Image: 'C:\\rundll32.exe' }, { CommandLine: 'mimikatz' }],
    misses: [{ Image: 'C:\\x.exe', CommandLine: 'x' }],
  },
];

featureTable('keywords', rows);
