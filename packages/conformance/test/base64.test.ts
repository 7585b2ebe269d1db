import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** Encodings are computed at conversion time; the encoded text is then matched like any value (case-insensitive unless `|cased`). */
const rows: readonly Row[] = [
  {
    name: 'base64',
    detection: r`
sel:
  CommandLine|base64: 'abc'
condition: sel`,
    splunk: 'CommandLine="YWJj"',
    kql: kqlWhere('ProcessCommandLine =~ "YWJj"'),
    sumo: sumoWhere('toLowerCase(CommandLine) = "ywjj"'),
    sumoCse: cseWindows(r`lower(commandLine) = 'ywjj'`),
    matches: [{ CommandLine: 'YWJj' }],
    misses: [{ CommandLine: 'abc' }, { CommandLine: 'xYWJj' }],
  },
  {
    name: 'base64|contains',
    detection: r`
sel:
  CommandLine|base64|contains: 'http://'
condition: sel`,
    splunk: 'CommandLine="*aHR0cDovLw==*"',
    kql: kqlWhere('ProcessCommandLine contains "aHR0cDovLw=="'),
    sumo: sumoWhere('toLowerCase(CommandLine) matches "*ahr0cdovlw==*"'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*aHR0cDovLw==.*$/`),
    matches: [{ CommandLine: 'x aHR0cDovLw== y' }],
    misses: [{ CommandLine: 'http://' }],
  },
  {
    name: 'base64offset|contains',
    detection: r`
sel:
  CommandLine|base64offset|contains: 'http'
condition: sel`,
    splunk: 'CommandLine IN ("*aHR0c*", "*h0dH*", "*odHRw*")',
    kql: kqlWhere('ProcessCommandLine contains "aHR0c" or ProcessCommandLine contains "h0dH" or ProcessCommandLine contains "odHRw"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*ahr0c*" or toLowerCase(CommandLine) matches "*h0dh*" or toLowerCase(CommandLine) matches "*odhrw*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:aHR0c|h0dH|odHRw).*$/`),
    matches: [{ CommandLine: 'IEX aHR0cHM6Ly9' }, { CommandLine: 'xeGh0dHA=' }, { CommandLine: 'eHhodHRw' }],
    misses: [{ CommandLine: 'http' }],
  },
  {
    name: 'wide|base64offset|contains',
    detection: r`
sel:
  CommandLine|wide|base64offset|contains: 'ping'
condition: sel`,
    splunk: 'CommandLine IN ("*cABpAG4AZw*", "*AAaQBuAGcA*", "*wAGkAbgBnA*")',
    kql: kqlWhere('ProcessCommandLine contains "cABpAG4AZw" or ProcessCommandLine contains "AAaQBuAGcA" or ProcessCommandLine contains "wAGkAbgBnA"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*cabpag4azw*" or toLowerCase(CommandLine) matches "*aaaqbuagca*" or toLowerCase(CommandLine) matches "*wagkabgbna*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:cABpAG4AZw|AAaQBuAGcA|wAGkAbgBnA).*$/`),
    matches: [{ CommandLine: 'powershell -enc cABpAG4AZwAgADEALgAxAC4AMQAuADEA' }],
    misses: [{ CommandLine: 'cGluZw==' }],
  },
  {
    name: 'utf16le|base64offset|contains',
    detection: r`
sel:
  CommandLine|utf16le|base64offset|contains: 'ab'
condition: sel`,
    splunk: 'CommandLine IN ("*YQBiA*", "*EAYg*", "*hAGIA*")',
    kql: kqlWhere('ProcessCommandLine contains "YQBiA" or ProcessCommandLine contains "EAYg" or ProcessCommandLine contains "hAGIA"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*yqbia*" or toLowerCase(CommandLine) matches "*eayg*" or toLowerCase(CommandLine) matches "*hagia*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:YQBiA|EAYg|hAGIA).*$/`),
    matches: [{ CommandLine: 'eABhAGIA' }],
    misses: [{ CommandLine: 'ab' }],
  },
  {
    name: 'utf16be|base64offset|contains',
    detection: r`
sel:
  CommandLine|utf16be|base64offset|contains: 'ab'
condition: sel`,
    splunk: 'CommandLine IN ("*AGEAY*", "*BhAG*", "*AYQBi*")',
    kql: kqlWhere('ProcessCommandLine contains "AGEAY" or ProcessCommandLine contains "BhAG" or ProcessCommandLine contains "AYQBi"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*ageay*" or toLowerCase(CommandLine) matches "*bhag*" or toLowerCase(CommandLine) matches "*ayqbi*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:AGEAY|BhAG|AYQBi).*$/`),
    matches: [{ CommandLine: 'AGEAYg==' }],
    misses: [{ CommandLine: 'YQBiAA==' }],
  },
  {
    name: 'utf16 (BOM) |base64offset|contains',
    detection: r`
sel:
  CommandLine|utf16|base64offset|contains: 'ab'
condition: sel`,
    splunk: 'CommandLine IN ("*//5hAGIA*", "*/+YQBiA*", "*//mEAYg*")',
    kql: kqlWhere('ProcessCommandLine contains "//5hAGIA" or ProcessCommandLine contains "/+YQBiA" or ProcessCommandLine contains "//mEAYg"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*//5hagia*" or toLowerCase(CommandLine) matches "*/+yqbia*" or toLowerCase(CommandLine) matches "*//meayg*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*\/(?:\/5hAGIA|\+YQBiA|\/mEAYg).*$/`),
    matches: [{ CommandLine: '//5hAGIA' }],
    misses: [{ CommandLine: 'YQBiAA==' }],
  },
];

featureTable('base64, base64offset, wide/utf16', rows);
