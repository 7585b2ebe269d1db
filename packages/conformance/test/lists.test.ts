import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

const r = String.raw;

/** A list of values is an OR (folded into IN / in~ / one alternation), `|all` an AND. */
const rows: readonly Row[] = [
  {
    name: 'exact values fold into IN / in~',
    detection: r`
sel:
  OriginalFileName:
    - 'Cmd.Exe'
    - 'PowerShell.EXE'
condition: sel`,
    splunk: 'OriginalFileName IN ("Cmd.Exe", "PowerShell.EXE")',
    kql: kqlWhere('ProcessVersionInfoOriginalFileName in~ ("Cmd.Exe", "PowerShell.EXE")'),
    sumo: sumoWhere('toLowerCase(OriginalFileName) in ("cmd.exe", "powershell.exe")'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (fields['EventData.OriginalFileName'] matches /(?i)^(?:Cmd\.Exe|PowerShell\.EXE)$/)`,
    matches: [{ OriginalFileName: 'cmd.exe' }, { OriginalFileName: 'POWERSHELL.exe' }],
    misses: [{ OriginalFileName: 'pwsh.dll' }],
  },
  {
    name: 'endswith list',
    detection: r`
sel:
  Image|endswith:
    - '\cmd.exe'
    - '\powershell.exe'
condition: sel`,
    splunk: r`Image IN ("*\\cmd.exe", "*\\powershell.exe")`,
    kql: kqlWhere('FileName in~ ("cmd.exe", "powershell.exe")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5c(?:cmd|powershell)\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5c(?:cmd|powershell)\.exe$/`),
    matches: [{ Image: 'C:\\x\\Cmd.exe' }, { Image: 'C:\\x\\powershell.exe' }],
    misses: [{ Image: 'C:\\x\\pwsh.exe' }],
  },
  {
    name: 'contains list',
    detection: r`
sel:
  CommandLine|contains:
    - 'mimikatz'
    - 'sekurlsa::'
condition: sel`,
    splunk: 'CommandLine IN ("*mimikatz*", "*sekurlsa::*")',
    kql: kqlWhere('ProcessCommandLine contains "mimikatz" or ProcessCommandLine contains "sekurlsa::"'),
    sumo: sumoWhere('(toLowerCase(CommandLine) matches "*mimikatz*" or toLowerCase(CommandLine) matches "*sekurlsa::*")'),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*(?:mimikatz|sekurlsa::).*$/`),
    matches: [{ CommandLine: 'run sekurlsa::logonpasswords' }],
    misses: [{ CommandLine: 'sekurlsa' }],
  },
  {
    name: 'number list',
    detection: r`
sel:
  ProcessId:
    - 4
    - 8
condition: sel`,
    splunk: 'ProcessId IN (4, 8)',
    kql: kqlWhere('ProcessId in (4, 8)'),
    sumo: sumoWhere('ProcessId in ("4", "8")'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (pid = 4 or pid = 8)`,
    matches: [{ ProcessId: 4 }, { ProcessId: '8' }],
    misses: [{ ProcessId: 48 }],
  },
  {
    name: 'list with a quote and a backslash',
    detection: r`
sel:
  CommandLine:
    - 'say "x"'
    - 'C:\x'
condition: sel`,
    splunk: r`CommandLine IN ("say \"x\"", "C:\\x")`,
    kql: kqlWhere(r`ProcessCommandLine in~ ("say \"x\"", @"C:\x")`),
    sumo: sumoWhere(r`CommandLine matches /(?i)^(?:say "x"|C:\x5cx)$/`),
    sumoCse: cseWindows(r`commandLine matches /(?i)^(?:say "x"|C:\x5cx)$/`),
    matches: [{ CommandLine: 'SAY "X"' }, { CommandLine: 'c:\\X' }],
    misses: [{ CommandLine: 'say x' }],
  },
  {
    name: 'selection list of maps is an OR',
    detection: r`
sel:
  - CommandLine|contains: 'a'
  - Image|endswith: '\b.exe'
condition: sel`,
    splunk: r`CommandLine="*a*" OR Image="*\\b.exe"`,
    kql: kqlWhere('ProcessCommandLine contains "a" or FileName =~ "b.exe"'),
    sumo: sumoWhere(r`toLowerCase(CommandLine) matches "*a*" or Image matches /(?is)^.*\x5cb\.exe$/`),
    sumoCse: cseWindows(r`commandLine matches /(?is)^.*a.*$/ or baseImage matches /(?is)^.*\x5cb\.exe$/`),
    matches: [{ CommandLine: 'xa' }, { Image: 'C:\\b.exe' }],
    misses: [{ CommandLine: 'x', Image: 'C:\\c.exe' }],
  },
  {
    name: 'two selections on one field gather into one test',
    detection: r`
sel1:
  Image|endswith: '\a.exe'
sel2:
  Image|endswith: '\b.exe'
condition: 1 of sel*`,
    splunk: r`Image IN ("*\\a.exe", "*\\b.exe")`,
    kql: kqlWhere('FileName in~ ("a.exe", "b.exe")'),
    sumo: sumoWhere(r`Image matches /(?is)^.*\x5c(?:a|b)\.exe$/`),
    sumoCse: cseWindows(r`baseImage matches /(?is)^.*\x5c(?:a|b)\.exe$/`),
    matches: [{ Image: 'C:\\b.exe' }],
    misses: [{ Image: 'C:\\c.exe' }],
  },
];

featureTable('value lists', rows);
