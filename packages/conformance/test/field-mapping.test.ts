import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

const r = String.raw;

/** Fields the default pipelines rename, split or cannot map: the rename must keep the meaning, a field without a column must be a located refusal. */
const rows: readonly Row[] = [
  {
    name: 'User with a domain: two KQL columns',
    detection: r`
sel:
  User: 'NT AUTHORITY\SYSTEM'
condition: sel`,
    splunk: r`User="NT AUTHORITY\\SYSTEM"`,
    kql: kqlWhere('(AccountDomain =~ "NT AUTHORITY" and AccountName =~ "SYSTEM")'),
    sumo: sumoWhere(r`User matches /(?i)^NT AUTHORITY\x5cSYSTEM$/`),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (user_username_raw matches /(?i)^NT AUTHORITY\x5cSYSTEM$/)`,
    matches: [{ User: 'nt authority\\system' }],
    misses: [{ User: 'SYSTEM' }, { User: 'NT AUTHORITY\\SYSTEMX' }],
  },
  {
    name: 'User|contains: domain and name joined',
    detection: r`
sel:
  User|contains: 'AUTHORI'
condition: sel`,
    splunk: 'User="*AUTHORI*"',
    kql: kqlWhere(r`strcat(AccountDomain, @"\", AccountName) contains "AUTHORI"`),
    sumo: sumoWhere('toLowerCase(User) matches "*authori*"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (user_username_raw matches /(?is)^.*AUTHORI.*$/)`,
    matches: [{ User: 'NT AUTHORITY\\SYSTEM' }],
    misses: [{ User: 'bob' }],
  },
  {
    name: 'Hashes split per algorithm',
    detection: r`
sel:
  Hashes|contains: 'SHA256=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08'
condition: sel`,
    splunk: 'Hashes="*SHA256=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08*"',
    kql: kqlWhere('SHA256 =~ "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"'),
    sumo: sumoWhere('toLowerCase(Hashes) matches "*sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08*"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (lower(file_hash_sha256) = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')`,
    matches: [{ Hashes: 'MD5=1,SHA256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,IMPHASH=2' }],
    misses: [{ Hashes: 'SHA1=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08' }],
    note: 'exact on the algorithm column is right for a full-length hash (a truncated one would need startswith)',
  },
  {
    name: 'a truncated hash under contains stays a prefix on the algorithm column',
    detection: r`
sel:
  Hashes|contains: 'SHA256=9F86D081'
condition: sel`,
    splunk: 'Hashes="*SHA256=9F86D081*"',
    kql: kqlWhere('SHA256 startswith "9F86D081"'),
    sumo: sumoWhere('toLowerCase(Hashes) matches "*sha256=9f86d081*"'),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (file_hash_sha256 matches /(?i)^9f86d081.*$/)`,
    matches: [{ Hashes: 'MD5=1,SHA256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,IMPHASH=2' }],
    misses: [{ Hashes: 'SHA256=00f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0' }],
  },
  {
    name: 'field without a KQL column is refused',
    detection: r`
sel:
  CurrentDirectory|startswith: 'C:\Temp\'
condition: sel`,
    splunk: r`CurrentDirectory="C:\\Temp\\*"`,
    kql: 'error: backend/unmapped-field',
    sumo: sumoWhere(r`CurrentDirectory matches /(?is)^C:\x5cTemp\x5c.*$/`),
    sumoCse: r`metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' and (fields['EventData.CurrentDirectory'] matches /(?is)^C:\x5cTemp\x5c.*$/)`,
    matches: [{ CurrentDirectory: 'c:\\temp\\x\\' }],
    misses: [{ CurrentDirectory: 'C:\\Windows\\' }],
    note: r`CSE keeps it raw (fields['EventData.CurrentDirectory'])`,
  },
  {
    name: 'ParentImage path maps to InitiatingProcessFolderPath',
    detection: r`
sel:
  ParentImage|startswith: 'C:\Users\'
condition: sel`,
    splunk: r`ParentImage="C:\\Users\\*"`,
    kql: kqlWhere(r`InitiatingProcessFolderPath startswith @"C:\Users\"`),
    sumo: sumoWhere(r`ParentImage matches /(?is)^C:\x5cUsers\x5c.*$/`),
    sumoCse: cseWindows(r`parentBaseImage matches /(?is)^C:\x5cUsers\x5c.*$/`),
    matches: [{ ParentImage: 'C:\\Users\\x.exe' }],
    misses: [{ ParentImage: 'C:\\Windows\\x.exe' }],
    note: 'the endswith-file-name form becomes InitiatingProcessFileName (booleans-precedence table)',
  },
  {
    name: 'unresolved %placeholder% is refused everywhere',
    detection: r`
sel:
  CommandLine|expand: '%dir%\x.exe'
condition: sel`,
    splunk: 'error: pipeline/placeholder-unresolved',
    kql: 'error: pipeline/placeholder-unresolved',
    sumo: 'error: pipeline/placeholder-unresolved',
    sumoCse: 'error: pipeline/placeholder-unresolved',
    evaluator: 'error: pipeline/placeholder-unresolved',
    matches: [],
    misses: [],
  },
  {
    name: 'keyword * alone',
    detection: r`
keywords:
  - '*'
condition: keywords`,
    splunk: '*',
    kql: 'error: backend/unsupported-value',
    sumo: sumoWhere(undefined, { scopeTerms: '*' }),
    sumoCse: 'error: backend/unsupported-feature',
    matches: [{ CommandLine: 'x' }],
    misses: [{  }],
    note: 'KQL refuses a keyword that matches every row; the evaluator needs some value in the event',
  },
];

featureTable('field mapping by the default pipelines', rows);
