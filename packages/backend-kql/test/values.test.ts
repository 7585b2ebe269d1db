import { describe, expect, it } from 'vitest';
import { convert, rule, whereOf } from './helpers.js';

/** Defender's direction-aware network columns (Remote* is the destination of outbound connections only). */
const INBOUND = 'ActionType in ("InboundConnectionAccepted")';
const DPORT = `iff(${INBOUND}, LocalPort, RemotePort)`;
const SPORT = `iff(${INBOUND}, RemotePort, LocalPort)`;
/** An IPv4-mapped address (::ffff:a.b.c.d) is read as the IPv4 address (assumption defender-ipv4-mapped). */
const unmapped = (ip: string) => `replace_regex(${ip}, @"(?i)^::ffff:(\\d+\\.\\d+\\.\\d+\\.\\d+)$", @"\\1")`;
const DIP = unmapped(`iff(${INBOUND}, LocalIP, RemoteIP)`);
const SIP = unmapped(`iff(${INBOUND}, RemoteIP, LocalIP)`);
/** RemoteUrl without the scheme Microsoft's Defender network parser strips (ASimNetworkSessionMicrosoft365Defender.yaml:58). */
const HOST = 'extract(@"(?:https?://)?(.*)", 1, RemoteUrl)';
const PROTOCOL = 'case(Protocol startswith "Tcp", "tcp", Protocol == "Unknown", "", tolower(Protocol))';

interface Row {
  readonly name: string;
  readonly category: string;
  readonly detection: string;
  readonly kql: string;
}

const rows = (t: readonly Row[]) => t.map((r) => [r.name, r] as const);
const check = (r: Row) => expect(whereOf(convert(rule(r.category, r.detection)))).toBe(r.kql);

describe('numbers, schema-aware', () => {
  const table: readonly Row[] = [
    { name: 'number on a long column', category: 'process_creation', detection: `sel:\n    ProcessId: 4\ncondition: sel`, kql: '| where ProcessId == 4' },
    { name: 'quoted number on a long column is numeric', category: 'process_creation', detection: `sel:\n    ProcessId: '4'\ncondition: sel`, kql: '| where ProcessId == 4' },
    { name: 'number list on an int column → in', category: 'network_connection', detection: `sel:\n    DestinationPort:\n        - 445\n        - '139'\ncondition: sel`, kql: [`| extend DestinationPort = ${DPORT}`, '| where DestinationPort in (445, 139)'].join('\n') },
    { name: 'number on a string column is a string comparison', category: 'process_creation', detection: `sel:\n    CommandLine: 42\ncondition: sel`, kql: '| where ProcessCommandLine == "42"' },
    { name: 'non-numeric text on a numeric column goes through tostring', category: 'process_creation', detection: `sel:\n    ProcessId|startswith: '12'\ncondition: sel`, kql: '| where tostring(ProcessId) startswith "12"' },
    { name: 'gt/lte on a numeric column', category: 'network_connection', detection: `sel:\n    DestinationPort|gt: 1024\n    SourcePort|lte: 5\ncondition: sel`, kql: [`| extend DestinationPort = ${DPORT}, SourcePort = ${SPORT}`, '| where DestinationPort > 1024 and SourcePort <= 5'].join('\n') },
    { name: 'compare on a string column casts with toreal', category: 'process_creation', detection: `sel:\n    CommandLine|gte: 3\ncondition: sel`, kql: '| where toreal(ProcessCommandLine) >= 3' },
  ];
  it.each(rows(table))('%s', (_, r) => check(r));
});

describe('null, exists, cidr, fieldref, timestamp parts', () => {
  const table: readonly Row[] = [
    { name: 'null on a string → isempty', category: 'process_creation', detection: `sel:\n    CommandLine: null\ncondition: sel`, kql: '| where isempty(ProcessCommandLine)' },
    { name: 'null on a number → isnull', category: 'process_creation', detection: `sel:\n    ProcessId: null\ncondition: sel`, kql: '| where isnull(ProcessId)' },
    { name: 'exists true/false', category: 'process_creation', detection: `sel:\n    CommandLine|exists: true\n    ParentCommandLine|exists: false\ncondition: sel`, kql: '| where isnotempty(ProcessCommandLine) and isempty(InitiatingProcessCommandLine)' },
    { name: 'IPv4 cidr', category: 'network_connection', detection: `sel:\n    DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel`, kql: [`| extend DestinationIp = ${DIP}`, '| where coalesce(ipv4_is_in_range(DestinationIp, "10.0.0.0/8"), false)'].join('\n') },
    { name: 'IPv4 cidr list → ipv4_is_in_any_range', category: 'network_connection', detection: `sel:\n    DestinationIp|cidr:\n        - '10.0.0.0/8'\n        - '192.168.0.0/16'\ncondition: sel`, kql: [`| extend DestinationIp = ${DIP}`, '| where coalesce(ipv4_is_in_any_range(DestinationIp, "10.0.0.0/8", "192.168.0.0/16"), false)'].join('\n') },
    { name: 'IPv6 cidr → ipv6_is_in_range', category: 'network_connection', detection: `sel:\n    DestinationIp|cidr: 'fe80::/10'\ncondition: sel`, kql: [`| extend DestinationIp = ${DIP}`, '| where coalesce(ipv6_is_in_range(DestinationIp, "fe80::/10"), false)'].join('\n') },
    { name: 'SourceIp literal and DestinationIsIpv6: on the IPv4-mapped address unmapped', category: 'network_connection', detection: `sel:\n    SourceIp: '127.0.0.1'\n    DestinationIsIpv6: 'false'\ncondition: sel`, kql: [`| extend SourceIp = ${SIP}, DestinationIsIpv6 = iff(${DIP} contains ":", "true", "false")`, '| where SourceIp =~ "127.0.0.1" and DestinationIsIpv6 =~ "false"'].join('\n') },
    { name: 'fieldref equals', category: 'process_creation', detection: `sel:\n    CommandLine|fieldref: ParentCommandLine\ncondition: sel`, kql: '| where ProcessCommandLine =~ InitiatingProcessCommandLine' },
    { name: 'fieldref startswith / cased endswith', category: 'process_creation', detection: `sel:\n    CommandLine|fieldref|startswith: ParentCommandLine\n    Company|fieldref|endswith|cased: Product\ncondition: sel`, kql: '| where ProcessCommandLine startswith InitiatingProcessCommandLine and ProcessVersionInfoCompanyName endswith_cs ProcessVersionInfoProductName' },
    { name: "fieldref between accounts compares DOMAIN\\user, each joined from its two columns (SigmaHQ's cross-user process spawn)", category: 'process_creation', detection: `sel:\n    User|fieldref: ParentUser\ncondition: not sel`, kql: '| where not(strcat(AccountDomain, @"\\", AccountName) =~ strcat(InitiatingProcessAccountDomain, @"\\", InitiatingProcessAccountName))' },
    { name: 'fieldref to a numeric column uses tostring', category: 'process_creation', detection: `sel:\n    CommandLine|fieldref|contains: ProcessId\ncondition: sel`, kql: '| where ProcessCommandLine contains tostring(ProcessId)' },
    { name: 'hour / minute / day / week / month / year', category: 'process_creation', detection: `sel:\n    ProcessCreationTime|hour: 3\n    ProcessCreationTime|minute|gt: 30\n    ProcessCreationTime|day|lt: 8\n    ProcessCreationTime|week: 2\n    ProcessCreationTime|month|gte: 6\n    ProcessCreationTime|year|lte: 2025\ncondition: sel`, kql: '| where hourofday(ProcessCreationTime) == 3 and datetime_part("minute", ProcessCreationTime) > 30 and dayofmonth(ProcessCreationTime) < 8 and week_of_year(ProcessCreationTime) == 2 and getmonth(ProcessCreationTime) >= 6 and getyear(ProcessCreationTime) <= 2025' },
  ];
  it.each(rows(table))('%s', (_, r) => check(r));
});

describe('boolean structure', () => {
  const table: readonly Row[] = [
    { name: 'not(...) over a group keeps it whole', category: 'process_creation', detection: `sel:\n    CommandLine|contains: 'a'\nfilter:\n    - CommandLine|contains: 'b'\n    - ParentCommandLine|contains: 'c'\ncondition: sel and not filter`, kql: '| where ProcessCommandLine contains "a" and not(ProcessCommandLine contains "b" or InitiatingProcessCommandLine contains "c")' },
    { name: 'OR under AND is grouped', category: 'process_creation', detection: `a:\n    CommandLine|contains: 'a'\nb:\n    CommandLine|contains: 'b'\nc:\n    ParentCommandLine|contains: 'c'\ncondition: (a or b) and c`, kql: '| where (ProcessCommandLine contains "a" or ProcessCommandLine contains "b") and InitiatingProcessCommandLine contains "c"' },
    { name: 'AND under OR is grouped for readability', category: 'process_creation', detection: `a:\n    CommandLine|contains: 'a'\n    ParentCommandLine|contains: 'p'\nb:\n    CommandLine|contains: 'b'\ncondition: a or b`, kql: '| where (ProcessCommandLine contains "a" and InitiatingProcessCommandLine contains "p") or ProcessCommandLine contains "b"' },
    { name: 'tests of one field in a mixed OR are gathered into lists', category: 'process_creation', detection: `sel:\n    - OriginalFileName: 'a.exe'\n    - Company: 'x'\n    - OriginalFileName: 'b.exe'\ncondition: sel`, kql: '| where ProcessVersionInfoOriginalFileName in~ ("a.exe", "b.exe") or ProcessVersionInfoCompanyName =~ "x"' },
    { name: 'list with exact and wildcard values', category: 'process_creation', detection: `sel:\n    CommandLine:\n        - 'a'\n        - 'b'\n        - '*c*'\ncondition: sel`, kql: '| where (ProcessCommandLine in~ ("a", "b") or ProcessCommandLine contains "c")' },
    { name: 'neq negates the item', category: 'process_creation', detection: `sel:\n    CommandLine|neq: 'a'\ncondition: sel`, kql: '| where not(ProcessCommandLine =~ "a")' },
  ];
  it.each(rows(table))('%s', (_, r) => check(r));

  it('a long OR chain is chunked (the Kusto parser rejects ~450 flat ors)', () => {
    const values = Array.from({ length: 130 }, (_, i) => `        - 'v${i}'`).join('\n');
    const where = whereOf(convert(rule('process_creation', `sel:\n    CommandLine|contains:\n${values}\ncondition: sel`)));
    expect(where.startsWith('| where ((ProcessCommandLine contains "v0" or ')).toBe(true);
    expect(where.match(/\) or \(/g)).toHaveLength(2);
  });

  /** The longest run of and/or between two brackets of one level (string literals here hold no brackets). */
  const longestChain = (text: string): number => {
    const ops: number[] = [0];
    let longest = 0;
    for (const m of text.matchAll(/[()]| (?:and|or) /g)) {
      if (m[0] === '(') ops.push(0);
      else if (m[0] === ')') longest = Math.max(longest, ops.pop()! + 1);
      else ops[ops.length - 1]!++;
    }
    return Math.max(longest, ops[0]! + 1);
  };

  it('chunks of chunks past 64 chunks (30,000 values made 470 in one chain, which Kusto refuses)', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `        - 'v${i}'`).join('\n');
    const where = whereOf(convert(rule('process_creation', `sel:\n    CommandLine|contains:\n${values}\ncondition: sel`)));
    expect(where.startsWith('| where (((ProcessCommandLine contains "v0" or ')).toBe(true);
    expect(longestChain(where)).toBeLessThanOrEqual(64);
    expect(where.match(/contains/g)).toHaveLength(5000);
  });

  it('a long chain of conditions is chunked too (text-query Dialect.maxChain)', () => {
    const sels = Array.from({ length: 600 }, (_, i) => `s${i}:\n    CommandLine: 'x${i}'`).join('\n');
    const where = whereOf(convert(rule('process_creation', `${sels}\ncondition: ${Array.from({ length: 600 }, (_, i) => `s${i}`).join(' and not ')}`)));
    expect(where.startsWith('| where (ProcessCommandLine =~ "x0" and not(ProcessCommandLine =~ "x1") and ')).toBe(true);
    expect(longestChain(where)).toBeLessThanOrEqual(64);
    expect(where.match(/not\(/g)).toHaveLength(599);
  });
});

describe('keywords: substring over every column, valid KQL', () => {
  const table: readonly Row[] = [
    { name: 'keyword list → * contains', category: 'process_creation', detection: `keywords:\n    - 'mimikatz'\n    - 'sekurlsa'\ncondition: keywords`, kql: '| where * contains "mimikatz" or * contains "sekurlsa"' },
    { name: 'inner wildcard keyword → unanchored regex over *', category: 'process_creation', detection: `keywords:\n    - 'a*b'\ncondition: keywords`, kql: '| where * matches regex @"(?is)a.*b"' },
    { name: 'keyword and field test', category: 'process_creation', detection: `keywords:\n    - 'evil'\nsel:\n    CommandLine|contains: 'x'\ncondition: keywords and sel`, kql: '| where * contains "evil" and ProcessCommandLine contains "x"' },
  ];
  it.each(rows(table))('%s', (_, r) => check(r));
});

describe('Defender XDR value transforms', () => {
  const table: readonly Row[] = [
    { name: 'Image endswith \\name → FileName (indexed, exact)', category: 'process_creation', detection: `sel:\n    Image|endswith: '\\cmd.exe'\ncondition: sel`, kql: '| where FileName =~ "cmd.exe"' },
    { name: 'Image endswith a path keeps FolderPath', category: 'process_creation', detection: `sel:\n    Image|endswith: '\\System32\\cmd.exe'\ncondition: sel`, kql: '| where FolderPath endswith @"\\System32\\cmd.exe"' },
    { name: 'Image full path', category: 'process_creation', detection: `sel:\n    Image: 'C:\\Windows\\cmd.exe'\ncondition: sel`, kql: '| where FolderPath =~ @"C:\\Windows\\cmd.exe"' },
    { name: 'ParentImage basenames → InitiatingProcessFileName in~', category: 'process_creation', detection: `sel:\n    ParentImage|endswith:\n        - '\\a.exe'\n        - '\\b.exe'\ncondition: sel`, kql: '| where InitiatingProcessFileName in~ ("a.exe", "b.exe")' },
    { name: 'User DOMAIN\\user splits over AccountDomain/AccountName', category: 'process_creation', detection: `sel:\n    User: 'NT AUTHORITY\\SYSTEM'\ncondition: sel`, kql: '| where (AccountDomain =~ "NT AUTHORITY" and AccountName =~ "SYSTEM")' },
    { name: 'User endswith \\name → AccountName', category: 'process_creation', detection: `sel:\n    User|endswith: '\\SYSTEM'\ncondition: sel`, kql: '| where AccountName =~ "SYSTEM"' },
    { name: 'User contains (no backslash) tests the joined account', category: 'process_creation', detection: `sel:\n    User|contains: 'AUTHORI'\ncondition: sel`, kql: '| where strcat(AccountDomain, @"\\", AccountName) contains "AUTHORI"' },
    { name: 'Hashes split by algorithm', category: 'process_creation', detection: `sel:\n    Hashes|contains:\n        - 'MD5=0123456789ABCDEF0123456789ABCDEF'\n        - 'SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'\ncondition: sel`, kql: '| where MD5 =~ "0123456789ABCDEF0123456789ABCDEF" or SHA256 =~ "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"' },
    { name: 'IMPHASH is a clear error', category: 'process_creation', detection: `sel:\n    Hashes|contains: 'IMPHASH=0123456789ABCDEF0123456789ABCDEF'\ncondition: sel`, kql: 'ERROR pipeline/detection-item-failure: IMPHASH is not available in Defender XDR (the Device*Events tables have MD5, SHA1 and SHA256)' },
    { name: 'EventID is dropped (the table says it)', category: 'process_creation', detection: `sel:\n    EventID: 4688\n    CommandLine|contains: 'x'\ncondition: sel`, kql: '| where ProcessCommandLine contains "x"' },
    { name: 'GrandParentImage by file name', category: 'process_creation', detection: `sel:\n    GrandParentImage|endswith: '\\services.exe'\ncondition: sel`, kql: '| where InitiatingProcessParentFileName =~ "services.exe"' },
    { name: 'GrandParentImage folder cannot be tested', category: 'process_creation', detection: `sel:\n    GrandParentImage|startswith: 'C:\\Temp\\'\ncondition: sel`, kql: "ERROR backend/unmapped-field: field 'GrandParentImage' has no column in DeviceProcessEvents: only its file name (InitiatingProcessParentFileName) is there, so only endswith '\\name' can be tested" },
    { name: 'unresolved placeholder is an error', category: 'process_creation', detection: `sel:\n    CommandLine|expand: '%admins%'\ncondition: sel`, kql: 'ERROR pipeline/placeholder-unresolved: placeholder %admins% is not resolved' },
    { name: 'unmapped field names field and table', category: 'process_creation', detection: `sel:\n    CurrentDirectory|contains: 'x'\ncondition: sel`, kql: "ERROR backend/unmapped-field: field 'CurrentDirectory' has no column in DeviceProcessEvents" },
    { name: 'network Initiated → connection ActionTypes', category: 'network_connection', detection: `sel:\n    Initiated: 'true'\n    DestinationPort: 4444\ncondition: sel`, kql: [`| extend DestinationPort = ${DPORT}`, '| where ActionType in~ ("ConnectionSuccess", "ConnectionFailed", "ConnectionRequest") and DestinationPort == 4444'].join('\n') },
    { name: 'DestinationHostname: RemoteUrl without its URL scheme, the device for inbound rows', category: 'network_connection', detection: `sel:\n    DestinationHostname:\n        - 'www.ip.cn'\n        - 'l2.io'\ncondition: sel`, kql: [`| extend DestinationHostname = iff(${INBOUND}, DeviceName, ${HOST})`, '| where DestinationHostname in~ ("www.ip.cn", "l2.io")'].join('\n') },
    { name: 'SourceHostname: the device, RemoteUrl for inbound rows', category: 'network_connection', detection: `sel:\n    SourceHostname|endswith: '.corp.local'\ncondition: sel`, kql: [`| extend SourceHostname = iff(${INBOUND}, ${HOST}, DeviceName)`, '| where SourceHostname endswith ".corp.local"'].join('\n') },
    { name: "Protocol: the Defender parser's NetworkProtocol, in Sysmon's case", category: 'network_connection', detection: `sel:\n    Protocol: tcp\ncondition: sel`, kql: [`| extend NetworkProtocol = ${PROTOCOL}`, '| where NetworkProtocol =~ "tcp"'].join('\n') },
    { name: 'Protocol|cased: Sysmon\'s lower case', category: 'network_connection', detection: `sel:\n    Protocol|cased: udp\ncondition: sel`, kql: [`| extend NetworkProtocol = ${PROTOCOL}`, '| where NetworkProtocol == "udp"'].join('\n') },
    { name: 'registry TargetObject = key\\value name, hive expanded', category: 'registry_set', detection: `sel:\n    TargetObject: 'HKLM\\SOFTWARE\\Run\\evil'\ncondition: sel`, kql: [
        '| extend TargetObject = iff(isempty(iff(ActionType == "RegistryValueDeleted", PreviousRegistryValueName, RegistryValueName)), iff(ActionType in ("RegistryKeyDeleted", "RegistryValueDeleted", "RegistryKeyRenamed"), PreviousRegistryKey, RegistryKey), strcat(iff(ActionType in ("RegistryKeyDeleted", "RegistryValueDeleted", "RegistryKeyRenamed"), PreviousRegistryKey, RegistryKey), @"\\", iff(ActionType == "RegistryValueDeleted", PreviousRegistryValueName, RegistryValueName)))',
        '| where ActionType =~ "RegistryValueSet" and TargetObject =~ @"HKEY_LOCAL_MACHINE\\SOFTWARE\\Run\\evil"',
      ].join('\n') },
    { name: 'registry DWORD data → Defender number + RegistryValueType', category: 'registry_set', detection: `sel:\n    Details: 'DWORD (0x0000001f)'\ncondition: sel`, kql: '| where ActionType =~ "RegistryValueSet" and (RegistryValueType =~ "Dword" and RegistryValueData == "31")' },
    { name: 'registry (Empty) and Binary Data', category: 'registry_set', detection: `sel:\n    Details:\n        - '(Empty)'\n        - 'Binary Data'\ncondition: sel`, kql: '| where ActionType =~ "RegistryValueSet" and (isempty(RegistryValueData) or RegistryValueType =~ "Binary")' },
    { name: 'registry 32-bit hex text: a DWORD, a QWORD half, or text holding it', category: 'registry_set', detection: `sel:\n    Details|contains: '0x00000001'\ncondition: sel`, kql: '| where ActionType =~ "RegistryValueSet" and ((RegistryValueType =~ "Dword" and RegistryValueData == "1") or (RegistryValueType =~ "QWord" and (tolong(RegistryValueData) % 4294967296 == 1 or tolong(RegistryValueData) / 4294967296 == 1)) or RegistryValueData contains "0x00000001")' },
    { name: 'a typo that Sysmon never writes stays plain data', category: 'registry_set', detection: `sel:\n    Details: 'DWORD (00000001)'\ncondition: sel`, kql: '| where ActionType =~ "RegistryValueSet" and RegistryValueData =~ "DWORD (00000001)"' },
    { name: 'registry partial DWORD text is refused', category: 'registry_set', detection: `sel:\n    Details|startswith: 'DWORD (0x0000'\ncondition: sel`, kql: "ERROR backend/unsupported-value: Defender stores REG_DWORD/REG_QWORD data as the number (type in RegistryValueType), not Sysmon's 'DWORD (0x…)' text: only whole values can be converted" },
    { name: 'registry HKCR is HKEY_LOCAL_MACHINE\\Classes (the ASIM Sysmon parser)', category: 'registry_add', detection: `sel:\n    TargetObject|startswith: 'HKCR\\CLSID\\'\ncondition: sel`, kql: '| extend TargetObject = iff(isempty(iff(ActionType == "RegistryValueDeleted", PreviousRegistryValueName, RegistryValueName)), iff(ActionType in ("RegistryKeyDeleted", "RegistryValueDeleted", "RegistryKeyRenamed"), PreviousRegistryKey, RegistryKey), strcat(iff(ActionType in ("RegistryKeyDeleted", "RegistryValueDeleted", "RegistryKeyRenamed"), PreviousRegistryKey, RegistryKey), @"\\", iff(ActionType == "RegistryValueDeleted", PreviousRegistryValueName, RegistryValueName)))\n| where ActionType =~ "RegistryKeyCreated" and TargetObject startswith @"HKEY_LOCAL_MACHINE\\Classes\\CLSID\\"' },
    { name: 'hexadecimal logon id on a long column is its number', category: 'process_creation', detection: `sel:\n    LogonId: '0x3e7'\ncondition: sel`, kql: '| where LogonId == 999' },
    { name: 'file_event TargetFilename → the path of FolderPath and FileName', category: 'file_event', detection: `sel:\n    TargetFilename|endswith: '.lnk'\n    Image|endswith: '\\winword.exe'\ncondition: sel`, kql: '| extend TargetFilename = iff(FolderPath endswith_cs strcat(iff(FolderPath contains "/", "/", @"\\"), FileName) or FolderPath == FileName, FolderPath, iff(isempty(FolderPath), FileName, strcat(FolderPath, iff(FolderPath endswith iff(FolderPath contains "/", "/", @"\\"), "", iff(FolderPath contains "/", "/", @"\\")), FileName)))\n| where ActionType =~ "FileCreated" and TargetFilename endswith ".lnk" and InitiatingProcessFileName =~ "winword.exe"' },
    { name: 'image_load ImageLoaded', category: 'image_load', detection: `sel:\n    ImageLoaded|endswith: '\\dbghelp.dll'\ncondition: sel`, kql: '| where FileName =~ "dbghelp.dll"' },
    { name: 'pipe_created PipeName from AdditionalFields', category: 'pipe_created', detection: `sel:\n    PipeName|startswith: '\\mojo'\ncondition: sel`, kql: '| extend PipeName = replace_string(tostring(parse_json(AdditionalFields).PipeName), @"\\Device\\NamedPipe", "")\n| where ActionType =~ "NamedPipeEvent" and PipeName startswith @"\\mojo"' },
  ];
  it.each(rows(table))('%s', (_, r) => check(r));
});
