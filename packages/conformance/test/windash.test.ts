import { cseWindows, featureTable, kqlWhere, sumoWhere, type Row } from './helpers.js';

const r = String.raw;

/** `|windash` expands a leading `-` to `-`, `/`, en dash, em dash and horizontal bar. */
const rows: readonly Row[] = [
  {
    name: 'windash exact',
    detection: r`
sel:
  CommandLine|windash: '-s'
condition: sel`,
    splunk: 'CommandLine IN ("-s", "/s", "–s", "—s", "―s")',
    kql: kqlWhere('ProcessCommandLine in~ ("-s", "/s", "–s", "—s", "―s")'),
    sumo: sumoWhere('toLowerCase(CommandLine) in ("-s", "/s", "–s", "—s", "―s")'),
    sumoCse: cseWindows(r`commandLine matches /(?i)^(?:-s|\/s|–s|—s|―s)$/`),
    matches: [{ CommandLine: '/S' }, { CommandLine: '–s' }],
    misses: [{ CommandLine: '-s ' }],
  },
  {
    name: 'windash|contains',
    detection: r`
sel:
  CommandLine|windash|contains: ' -enc '
condition: sel`,
    splunk: 'CommandLine IN ("* -enc *", "* /enc *", "* –enc *", "* —enc *", "* ―enc *")',
    kql: kqlWhere('ProcessCommandLine contains " -enc " or ProcessCommandLine contains " /enc " or ProcessCommandLine contains " –enc " or ProcessCommandLine contains " —enc " or ProcessCommandLine contains " ―enc "'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "* -enc *" or toLowerCase(CommandLine) matches "* /enc *" or toLowerCase(CommandLine) matches "* –enc *" or toLowerCase(CommandLine) matches "* —enc *" or toLowerCase(CommandLine) matches "* ―enc *")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.* (?:-enc|\/enc|–enc|—enc|―enc) .*$/`),
    matches: [{ CommandLine: 'powershell /enc AA' }, { CommandLine: 'powershell ―enc AA' }],
    misses: [{ CommandLine: 'powershell enc AA' }],
  },
  {
    name: 'windash|contains list',
    detection: r`
sel:
  CommandLine|windash|contains:
    - ' -decode '
    - ' -urlcache '
condition: sel`,
    splunk: 'CommandLine IN ("* -decode *", "* /decode *", "* –decode *", "* —decode *", "* ―decode *", "* -urlcache *", "* /urlcache *", "* –urlcache *", "* —urlcache *", "* ―urlcache *")',
    kql: kqlWhere('ProcessCommandLine contains " -decode " or ProcessCommandLine contains " /decode " or ProcessCommandLine contains " –decode " or ProcessCommandLine contains " —decode " or ProcessCommandLine contains " ―decode " or ProcessCommandLine contains " -urlcache " or ProcessCommandLine contains " /urlcache " or ProcessCommandLine contains " –urlcache " or ProcessCommandLine contains " —urlcache " or ProcessCommandLine contains " ―urlcache "'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "* -decode *" or toLowerCase(CommandLine) matches "* /decode *" or toLowerCase(CommandLine) matches "* –decode *" or toLowerCase(CommandLine) matches "* —decode *" or toLowerCase(CommandLine) matches "* ―decode *" or toLowerCase(CommandLine) matches "* -urlcache *" or toLowerCase(CommandLine) matches "* /urlcache *" or toLowerCase(CommandLine) matches "* –urlcache *" or toLowerCase(CommandLine) matches "* —urlcache *" or toLowerCase(CommandLine) matches "* ―urlcache *")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.* (?:-decode|\/decode|–decode|—decode|―decode|-urlcache|\/urlcache|–urlcache|—urlcache|―urlcache) .*$/`),
    matches: [{ CommandLine: 'certutil /urlcache -f' }],
    misses: [{ CommandLine: 'certutil urlcache' }],
  },
  {
    name: 'contains|all|windash',
    detection: r`
sel:
  CommandLine|contains|all|windash:
    - '-enc'
    - '-nop'
condition: sel`,
    splunk: 'CommandLine IN ("*-enc*", "*/enc*", "*–enc*", "*—enc*", "*―enc*") CommandLine IN ("*-nop*", "*/nop*", "*–nop*", "*—nop*", "*―nop*")',
    kql: kqlWhere('(ProcessCommandLine contains "-enc" or ProcessCommandLine contains "/enc" or ProcessCommandLine contains "–enc" or ProcessCommandLine contains "—enc" or ProcessCommandLine contains "―enc") and (ProcessCommandLine contains "-nop" or ProcessCommandLine contains "/nop" or ProcessCommandLine contains "–nop" or ProcessCommandLine contains "—nop" or ProcessCommandLine contains "―nop")'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*-enc*" or toLowerCase(CommandLine) matches "*/enc*" or toLowerCase(CommandLine) matches "*–enc*" or toLowerCase(CommandLine) matches "*—enc*" or toLowerCase(CommandLine) matches "*―enc*") and (toLowerCase(CommandLine) matches "*-nop*" or toLowerCase(CommandLine) matches "*/nop*" or toLowerCase(CommandLine) matches "*–nop*" or toLowerCase(CommandLine) matches "*—nop*" or toLowerCase(CommandLine) matches "*―nop*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:-enc|\/enc|–enc|—enc|―enc).*$/ and commandLine matches /(?is)^.*(?:-nop|\/nop|–nop|—nop|―nop).*$/`),
    matches: [{ CommandLine: 'powershell /nop —enc x' }],
    misses: [{ CommandLine: 'powershell -enc x' }],
  },
  {
    name: 'windash under not',
    detection: r`
sel:
  CommandLine|windash|contains: '-q'
condition: not sel`,
    splunk: 'NOT CommandLine IN ("*-q*", "*/q*", "*–q*", "*—q*", "*―q*")',
    kql: kqlWhere('not(ProcessCommandLine contains "-q" or ProcessCommandLine contains "/q" or ProcessCommandLine contains "–q" or ProcessCommandLine contains "—q" or ProcessCommandLine contains "―q")'),
    sumo: sumoWhere('!(toLowerCase(CommandLine) matches "*-q*" or toLowerCase(CommandLine) matches "*/q*" or toLowerCase(CommandLine) matches "*–q*" or toLowerCase(CommandLine) matches "*—q*" or toLowerCase(CommandLine) matches "*―q*")'),
    sumoCse: cseWindows(r`!(commandLine matches /(?is)^.*(?:-q|\/q|–q|—q|―q).*$/)`),
    matches: [{ CommandLine: 'msiexec q' }, { Image: 'x' }],
    misses: [{ CommandLine: 'msiexec /q' }],
  },
];

featureTable('windash', rows);
