import { describe, expect, test } from 'vitest';
import { sumoCse, validateCseExpression } from '../src/index.js';
import { convert, ruleYaml } from './helpers.js';

/** One row: a detection block → the exact CSE expression. */
interface Row {
  readonly name: string;
  readonly detection: string;
  readonly expression: string;
  readonly logsource?: string;
}

const WINDOWS = '    category: process_creation\n    product: windows';

/** `scope`: the rows' expressions are the rule logic under this scope (option `scope`, or the log source's). */
function runTable(rows: readonly Row[], opts: { readonly scope?: string; readonly option?: boolean } = {}): void {
  test.each(rows)('$name', ({ detection, expression, logsource }) => {
    const options: Record<string, string> = opts.scope && opts.option ? { scope: opts.scope } : {};
    const r = convert(sumoCse, ruleYaml(detection, logsource ? { logsource } : {}), options);
    const expected = opts.scope ? `${opts.scope} and (${expression})` : expression;
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual([expected]);
    expect(validateCseExpression(expected)).toEqual([]);
  });
}

/** Value encoding tables: a log source the catalog does not map, scoped by the `scope` option. */
const TEST_SCOPE = "metadata_vendor = 'Test'";

const SYSMON1_4688 =
  "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' or metadata_deviceEventId = 'Security-4688')";
const SYSMON1 = "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1'";
/** The ids the PowerShell/Operational mappings take: `<Channel>-<n>` (any case for 4104-4106, whose patterns are (?i)) or bare. */
const psIds = (n: number): string =>
  n === 4103
    ? `(metadata_deviceEventId = 'Microsoft-Windows-PowerShell/Operational-${n}' or metadata_deviceEventId = '${n}')`
    : `(lower(metadata_deviceEventId) = 'microsoft-windows-powershell/operational-${n}' or metadata_deviceEventId = '${n}')`;
const PS4104 = `metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and ${psIds(4104)}`;
const PS4103 = `metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and ${psIds(4103)}`;
const sysmon = (n: number): string => `metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-${n}'`;

describe('CSE fields per event type, from the catalog mapping of each event id', () => {
  const rows: Row[] = [
    // Fields 4688 carries with the Sysmon meaning: both event ids, one expression.
    { name: 'Image → baseImage (Sysmon 1 Image, 4688 NewProcessName)', logsource: WINDOWS, detection: `sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel`, expression: `${SYSMON1_4688} and (baseImage matches /(?is)^.*\\x5ccmd\\.exe$/)` },
    { name: 'ParentImage → parentBaseImage', logsource: WINDOWS, detection: `sel:\n  ParentImage|endswith: '\\w.exe'\ncondition: sel`, expression: `${SYSMON1_4688} and (parentBaseImage matches /(?is)^.*\\x5cw\\.exe$/)` },
    { name: 'CommandLine → commandLine', logsource: WINDOWS, detection: `sel:\n  CommandLine|contains: 'x'\ncondition: sel`, expression: `${SYSMON1_4688} and (commandLine matches /(?is)^.*x.*$/)` },
    // Fields 4688 does not carry (or carries with another meaning): Sysmon 1 only.
    { name: 'ParentCommandLine: Sysmon 1 only', logsource: WINDOWS, detection: `sel:\n  ParentCommandLine: 'x'\ncondition: sel`, expression: `${SYSMON1} and (lower(parentCommandLine) = 'x')` },
    { name: 'Computer → device_hostname_raw (the un-normalized host name)', logsource: WINDOWS, detection: `sel:\n  Computer: 'HOST1'\ncondition: sel`, expression: `${SYSMON1_4688} and (lower(device_hostname_raw) = 'host1')` },
    { name: 'User → user_username_raw; 4688 left out (SubjectUserName is the creator)', logsource: WINDOWS, detection: `sel:\n  User: 'NT AUTHORITY\\SYSTEM'\ncondition: sel`, expression: `${SYSMON1} and (user_username_raw matches /(?i)^NT AUTHORITY\\x5cSYSTEM$/)` },
    { name: 'ProcessId → pid (int in the schema): a number compares unquoted', logsource: WINDOWS, detection: `sel:\n  ProcessId: 4\ncondition: sel`, expression: `${SYSMON1} and (pid = 4)` },
    { name: 'ProcessId with a text value: the raw key', logsource: WINDOWS, detection: `sel:\n  ProcessId|startswith: '4'\ncondition: sel`, expression: `${SYSMON1} and (fields['EventData.ProcessId'] matches /(?is)^4.*$/)` },
    { name: 'OriginalFileName: not mapped by Sysmon 1, raw', logsource: WINDOWS, detection: `sel:\n  OriginalFileName: 'Cmd.Exe'\ncondition: sel`, expression: `${SYSMON1} and (lower(fields['EventData.OriginalFileName']) = 'cmd.exe')` },
    { name: 'IntegrityLevel stays raw (not severity)', logsource: WINDOWS, detection: `sel:\n  IntegrityLevel: 'System'\ncondition: sel`, expression: `${SYSMON1} and (lower(fields['EventData.IntegrityLevel']) = 'system')` },
    {
      name: 'CurrentDirectory stays raw (not file_path)',
      logsource: '    category: image_load\n    product: windows',
      detection: `sel:\n  CurrentDirectory|startswith: 'C:\\Temp\\'\ncondition: sel`,
      expression: `${sysmon(7)} and (fields['EventData.CurrentDirectory'] matches /(?is)^C:\\x5cTemp\\x5c.*$/)`,
    },
    {
      name: 'image_load: the loaded DLL is baseImage, the loading process parentBaseImage (Sysmon 7 mapping)',
      logsource: '    category: image_load\n    product: windows',
      detection: `sel:\n  ImageLoaded|endswith: '\\x.dll'\n  Image|endswith: '\\y.exe'\ncondition: sel`,
      expression: `${sysmon(7)} and (baseImage matches /(?is)^.*\\x5cx\\.dll$/ and parentBaseImage matches /(?is)^.*\\x5cy\\.exe$/)`,
    },
    {
      name: 'network_connection: DestinationPort → dstPort (int)',
      logsource: '    category: network_connection\n    product: windows',
      detection: `sel:\n  DestinationPort: 443\ncondition: sel`,
      expression: `${sysmon(3)} and (dstPort = 443)`,
    },
    {
      name: 'registry_event: one scope over 12, 13, 14 (one mapping)',
      logsource: '    category: registry_event\n    product: windows',
      detection: `sel:\n  TargetObject|contains: 'Run'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-12' or metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-13' or metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-14') and (changeTarget matches /(?is)^.*Run.*$/)",
    },
    {
      // pySigma-pipeline-sysmon (sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b): "file_delete": [23,26].
      name: 'file_delete: one scope over 23 and 26 (FileDelete, FileDeleteDetected)',
      logsource: '    category: file_delete\n    product: windows',
      detection: `sel:\n  TargetFilename|endswith: '.log'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-23' or metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-26') and (changeTarget matches /(?is)^.*\\.log$/)",
    },
    {
      name: 'Security 4624: TargetUserName is user_username there (read raw form)',
      logsource: '    product: windows\n    service: security',
      detection: `sel:\n  EventID: 4624\n  TargetUserName: 'Admin'\ncondition: sel`,
      expression: "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Security-4624' and (lower(user_username_raw) = 'admin')",
    },
    {
      name: 'EventID alone: the scope is the whole test',
      logsource: '    product: windows\n    service: security',
      detection: `sel:\n  EventID: 4688\ncondition: sel`,
      expression: "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Security-4688'",
    },
    {
      name: 'channel without event ids: the channel by event id prefix, raw fields; Provider_Name is Provider.Name',
      logsource: '    product: windows\n    service: system',
      detection: `sel:\n  Provider_Name: 'Service Control Manager'\n  EventData.ImagePath|contains: 'x'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId matches /^System-[0-9]+$/ and (lower(fields['Provider.Name']) = 'service control manager' and fields['EventData.ImagePath'] matches /(?is)^.*x.*$/)",
    },
    {
      name: 'AppLocker (several channels, core WINDOWS_SERVICE_CHANNELS): each event id in the channel Microsoft logs it to',
      logsource: '    product: windows\n    service: applocker',
      detection: `sel:\n  EventID:\n    - 8004\n    - 8007\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId = 'Microsoft-Windows-AppLocker/EXE and DLL-8004' or metadata_deviceEventId = 'Microsoft-Windows-AppLocker/MSI and Script-8007')",
    },
    {
      name: 'AppLocker, an id no source places in one channel (8022): each of the channels',
      logsource: '    product: windows\n    service: applocker',
      detection: `sel:\n  EventID: 8022\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (" +
        ['EXE and DLL', 'MSI and Script', 'Packaged app-Deployment', 'Packaged app-Execution']
          .map((c) => `metadata_deviceEventId = 'Microsoft-Windows-AppLocker/${c}-8022'`)
          .join(' or ') +
        ')',
    },
    {
      name: 'AppLocker without event ids: one event id pattern over its channels (a header field; data fields are refused, in-event-keys.test.ts)',
      logsource: '    product: windows\n    service: applocker',
      detection: `sel:\n  Computer: 'x'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId matches /^(?:Microsoft-Windows-AppLocker\\/EXE and DLL|Microsoft-Windows-AppLocker\\/MSI and Script|Microsoft-Windows-AppLocker\\/Packaged app-Deployment|Microsoft-Windows-AppLocker\\/Packaged app-Execution)-[0-9]+$/ and (lower(fields['Computer']) = 'x')",
    },
    {
      // The scope takes every id the 4104 mapping takes: its pattern `(?i)Microsoft-Windows-PowerShell/Operational-4104|^4104$`
      // (catalog mappings/674d9351-450f-4f61-83b5-e2b8957781ed.md:10) accepts the bare id and any case of the channel.
      name: 'ps_script: the 4104 mapping puts ScriptBlockText in commandLine; scoped to every spelling of 4104 the mapping takes',
      logsource: '    product: windows\n    category: ps_script',
      detection: `sel:\n  ScriptBlockText|contains: 'x'\ncondition: sel`,
      expression: `${PS4104} and (commandLine matches /(?is)^.*x.*$/)`,
    },
    {
      // `Microsoft-Windows-PowerShell/Operational-4103|^4103$` (mappings/1575f9bd-0d2f-4b82-b0d3-e157b27d1629.md:10): the
      // bare id too, but no (?i).
      name: 'ps_module: scoped to the 4103 spellings its mapping takes, case-sensitive',
      logsource: '    product: windows\n    category: ps_module',
      detection: `sel:\n  Payload|contains: 'x'\ncondition: sel`,
      expression: `${PS4103} and (fields['EventData.Payload'] matches /(?is)^.*x.*$/)`,
    },
    {
      // The channel's 4103-4106 mappings take their ids bare (4104-4106 in any case of the channel too): the channel
      // scope admits those spellings beside `<Channel>-<n>`, and an EventID test in the body takes them as well.
      name: 'a channel rule: the scope and its EventID tests take the spellings the mappings of the channel take',
      logsource: '    product: windows\n    service: powershell',
      detection: `sel:\n  EventID: 4104\nfilter:\n  Computer: 'h'\ncondition: sel or filter`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId matches /^Microsoft-Windows-PowerShell\\/Operational-[0-9]+$/ or " +
        `${psIds(4103)} or ${psIds(4104)} or ${psIds(4105)} or ${psIds(4106)}) and (${psIds(4104)} or lower(fields['Computer']) = 'h')`,
    },
    {
      name: 'Sysmon 13: its mapping takes Microsoft-Windows-Sysmon/Operational-1([234]) (no other spelling of 13): scoped by equality',
      logsource: '    product: windows\n    category: registry_set',
      detection: `sel:\n  TargetObject|endswith: '\\Run'\ncondition: sel`,
      expression: `${sysmon(13)} and (changeTarget matches /(?is)^.*\\x5cRun$/)`,
    },
    {
      name: 'AWS CloudTrail: the record output vendor/product of the catalog, raw fields',
      logsource: '    product: aws\n    service: cloudtrail',
      detection: `sel:\n  eventName: 'ConsoleLogin'\ncondition: sel`,
      expression: "metadata_vendor = 'Amazon AWS' and metadata_product = 'CloudTrail' and (lower(fields['eventName']) = 'consolelogin')",
    },
    {
      name: 'Okta: output product Single Sign-On',
      logsource: '    product: okta\n    service: okta',
      detection: `sel:\n  eventType: 'user.mfa.factor.deactivate'\ncondition: sel`,
      expression: "metadata_vendor = 'Okta' and metadata_product = 'Single Sign-On' and (lower(fields['eventType']) = 'user.mfa.factor.deactivate')",
    },
    {
      name: 'Sysmon for Linux process_creation: its own mapping (keys not under EventData)',
      logsource: '    product: linux\n    category: process_creation',
      detection: `sel:\n  Image|endswith: '/bash'\ncondition: sel`,
      expression: "metadata_vendor = 'Linux' and metadata_product = 'Sysmon for Linux' and metadata_deviceEventId = 'Linux-Sysmon/Operational-1' and (baseImage matches /(?is)^.*\\/bash$/)",
    },
    {
      name: "generic dns: Zeek's records (the catalog's Zeek input maps dns.log), record_type and answer by Zeek's names",
      logsource: '    category: dns',
      detection: `sel:\n  query|endswith: '.onion'\n  record_type: 'TXT'\n  answer|contains: 'IEX'\ncondition: sel`,
      expression: "metadata_vendor = 'Bro' and metadata_product = 'Bro' and (fields['query'] matches /(?is)^.*\\.onion$/ and lower(fields['qtype_name']) = 'txt' and fields['answers'] matches /(?is)^.*IEX.*$/)",
    },
  ];
  runTable(rows);
});

describe('CSE Hashes: split per algorithm, ALG= stripped (E4)', () => {
  const rows: Row[] = [
    {
      name: 'SHA256=… contains',
      logsource: WINDOWS,
      detection: `sel:\n  Hashes|contains: 'SHA256=ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789'\ncondition: sel`,
      expression: "lower(file_hash_sha256) = 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789'",
    },
    {
      name: 'list of algorithms → OR',
      logsource: WINDOWS,
      detection: `sel:\n  Hashes|contains:\n    - 'MD5=0123456789ABCDEF0123456789ABCDEF'\n    - 'IMPHASH=FEDCBA9876543210FEDCBA9876543210'\ncondition: sel`,
      expression: "(lower(file_hash_md5) = '0123456789abcdef0123456789abcdef' or lower(file_hash_imphash) = 'fedcba9876543210fedcba9876543210')",
    },
    {
      name: 'several hashes of one algorithm → one alternation',
      logsource: WINDOWS,
      detection: `sel:\n  Hashes|contains:\n    - 'MD5=AA'\n    - 'MD5=BB'\n    - 'SHA1=CC'\ncondition: sel`,
      expression: "(file_hash_md5 matches /(?i)^(?:aa|bb)$/ or lower(file_hash_sha1) = 'cc')",
    },
    {
      name: 'bare 40-digit hash → sha1',
      logsource: WINDOWS,
      detection: `sel:\n  Hashes|contains: '0123456789abcdef0123456789abcdef01234567'\ncondition: sel`,
      expression: "lower(file_hash_sha1) = '0123456789abcdef0123456789abcdef01234567'",
    },
    { name: 'sha256 field: not a Sysmon key, raw', logsource: WINDOWS, detection: `sel:\n  sha256: 'AB'\ncondition: sel`, expression: "lower(fields['EventData.sha256']) = 'ab'" },
  ];
  runTable(rows, { scope: SYSMON1 });
});

describe('Sysmon 15 Hash, Sysmon 25 Type, classic PowerShell: where their mappings read them', () => {
  const rows: Row[] = [
    {
      // Sysmon 15's list is `Hash`; its mapping reads the split MD5/SHA1/SHA256/IMPHASH keys
      // (catalog mappings/2978cae1-75f9-4117-b8d8-30e757ca7867.md:28-31), not EventData.Hash.
      name: 'create_stream_hash Hash → the split file_hash_* fields',
      logsource: '    product: windows\n    category: create_stream_hash',
      detection: `sel:\n  Hash|contains: 'IMPHASH=BCCA4BF2A1E5F3C1F2B5E5D1A3C4B5D6'\ncondition: sel`,
      expression: `${sysmon(15)} and (lower(file_hash_imphash) = 'bcca4bf2a1e5f3c1f2b5e5d1a3c4b5d6')`,
    },
    {
      // `|changeType|Type||` (mappings/30db4a1f-857e-48e2-a91f-97c0fbf3edd4.md:26) where every other row reads
      // EventData.<Name>: the value is read in both places, right whichever the record has.
      name: 'process_tampering Type → changeType, or EventData.Type',
      logsource: '    product: windows\n    category: process_tampering',
      detection: `sel:\n  Type: 'Image is replaced'\nf:\n  Type: 'x'\ncondition: sel and not f`,
      expression: `${sysmon(25)} and ((lower(changeType) = 'image is replaced' or lower(fields['EventData.Type']) = 'image is replaced') and !((lower(changeType) = 'x' or lower(fields['EventData.Type']) = 'x')))`,
    },
    {
      // The place without the value is empty: its absence is asked of both.
      name: 'process_tampering Type: null → empty in both places',
      logsource: '    product: windows\n    category: process_tampering',
      detection: `sel:\n  Type: null\ncondition: sel`,
      expression: `${sysmon(25)} and ((isEmpty(changeType) and isEmpty(fields['EventData.Type'])))`,
    },
    {
      // The classic mapping reads HostName (b84e6fc2-d33d-4f18-9915-3235d09bcfaa.md:34): a field it names is read there.
      name: 'ps_classic_start HostName → srcDevice_hostname (its _raw companion)',
      logsource: '    product: windows\n    category: ps_classic_start',
      detection: `sel:\n  HostName: 'ConsoleHost'\ncondition: sel`,
      expression: "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Windows PowerShell-400' and (lower(srcDevice_hostname_raw) = 'consolehost')",
    },
  ];
  runTable(rows);

  test.each([
    ['ps_classic_start', '    product: windows\n    category: ps_classic_start'],
    ['service powershell-classic', '    product: windows\n    service: powershell-classic'],
  ])('%s: a rule reading Data is refused, citing the catalog mapping', (_, logsource) => {
    const r = convert(sumoCse, ruleYaml(`sel:\n  Data|contains: 'HostName=ConsoleHost'\ncondition: sel`, { logsource }));
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/classic PowerShell records have no key 'Data' \(catalog mappings\/b84e6fc2-d33d-4f18-9915-3235d09bcfaa\.md:24-35\)/)]);
  });

  test("Hash|contains 'IMPHASH=' (no hash) is refused: the split fields do not tell an empty IMPHASH from none", () => {
    const r = convert(sumoCse, ruleYaml(`sel:\n  Hash|contains: 'IMPHASH='\ncondition: sel`, { logsource: '    product: windows\n    category: create_stream_hash' }));
    expect(r.errors[0]!.message).toMatch(/'IMPHASH=' is not ALG=hex/);
  });
});

describe('CSE matching: case-insensitive like Sigma (the official converter is not), RE2 regexes', () => {
  const rows: Row[] = [
    { name: 'exact → lower()', detection: `sel:\n  a: 'ABC'\ncondition: sel`, expression: "lower(fields['a']) = 'abc'" },
    { name: 'cased exact', detection: `sel:\n  a|cased: 'ABC'\ncondition: sel`, expression: "fields['a'] = 'ABC'" },
    { name: 'contains → (?is) regex', detection: `sel:\n  a|contains: 'x.y'\ncondition: sel`, expression: "fields['a'] matches /(?is)^.*x\\.y.*$/" },
    { name: 'inner wildcard: never /*x*y*/', detection: `sel:\n  a: '*x*y*'\ncondition: sel`, expression: "fields['a'] matches /(?is)^.*x.*y.*$/" },
    { name: 'quote inside: stays in the regex, unquoted', detection: `sel:\n  a|contains: 'a"b'\ncondition: sel`, expression: "fields['a'] matches /(?is)^.*a\"b.*$/" },
    { name: 'single quote → regex', detection: `sel:\n  a: "it's"\ncondition: sel`, expression: "fields['a'] matches /(?i)^it's$/" },
    { name: '|re not mangled', detection: `sel:\n  a|re: '\\\\temp\\\\.*\\.exe'\ncondition: sel`, expression: "fields['a'] matches /^(?s:.*)(?:\\x5ctemp\\x5c.*\\.exe)(?s:.*)$/" },
    { name: 'list → one alternation', detection: `sel:\n  a: ['x', 'Y']\ncondition: sel`, expression: "fields['a'] matches /(?i)^(?:x|Y)$/" },
    { name: 'null → isEmpty', detection: `sel:\n  a: null\ncondition: sel`, expression: "isEmpty(fields['a'])" },
    { name: 'cidr', detection: `sel:\n  ip|cidr: '192.168.0.0/16'\ncondition: sel`, expression: "compareCIDRPrefix('192.168.0.0', fields['ip'], '16')" },
    { name: 'gte', detection: `sel:\n  n|gte: 10\ncondition: sel`, expression: "fields['n'] >= 10" },
    { name: 'not', detection: `sel:\n  a: 'x'\nf:\n  b: 'y'\ncondition: sel and not f`, expression: "lower(fields['a']) = 'x' and !(lower(fields['b']) = 'y')" },
  ];
  runTable(rows, { scope: TEST_SCOPE, option: true });
});

describe('CSE unsupported: located errors', () => {
  test('keywords are refused with a reason', () => {
    const r = convert(sumoCse, ruleYaml(`keywords:\n  - 'evil'\ncondition: keywords`), { scope: TEST_SCOPE });
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['backend/unsupported-feature', 9]]);
    expect(r.errors[0]!.message).toMatch(/full-text/);
  });
  test('keywordField option: keywords become substring tests on that field', () => {
    const r = convert(sumoCse, ruleYaml(`keywords:\n  - 'evil'\n  - 'a\\b'\ncondition: keywords`), { keywordField: 'commandLine', scope: TEST_SCOPE });
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual([`${TEST_SCOPE} and (commandLine matches /(?is)^.*evil.*$/ or commandLine matches /(?is)^.*a\\x5cb.*$/)`]);
  });
  test('a log source the catalog does not map: refused, located at the logsource, unless the scope option gives one', () => {
    const r = convert(sumoCse, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`));
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['backend/unsupported-feature', 6]]);
    expect(r.errors[0]!.message).toMatch(/no log mapping for product 'test'/);
  });
  test('a bad scope option', () => {
    const r = convert(sumoCse, ruleYaml(`sel:\n  a: 'x'\ncondition: sel`), { scope: 'a ==' });
    expect(r.errors.map((e) => e.code)).toEqual(['backend/invalid-option']);
  });
  test('Hashes with an unknown algorithm', () => {
    const r = convert(sumoCse, ruleYaml(`sel:\n  Hashes|contains: 'CRC=12'\ncondition: sel`, { logsource: WINDOWS }));
    expect(r.errors[0]!.message).toMatch(/unknown algorithm 'CRC'/);
  });
});

const ZEEK_DNS = '    product: zeek\n    service: dns';
const BRO = "metadata_vendor = 'Bro' and metadata_product = 'Bro'";

describe("CSE Zeek dns.log answers: a list, written only where any stored text of it keeps the test's meaning", () => {
  // Zeek's answers is a vector (main.zeek:71, :422-424), a JSON array in the log; its text under fields['answers'] is
  // not documented: a contains of printable ASCII without `"` or `\` holds on the array's text, as on any text that
  // keeps each element's text and cannot join two elements without a quote (SOURCES.md, Assumptions).
  const rows: Row[] = [
    {
      name: 'Zeek answers|contains: the substring of the stored text',
      logsource: ZEEK_DNS,
      detection: `sel:\n  answers|contains: 'IEX'\ncondition: sel`,
      expression: `${BRO} and (fields['answers'] matches /(?is)^.*IEX.*$/)`,
    },
    {
      name: 'generic answer|contains list (SigmaHQ net_dns_susp_txt_exec_strings): one alternation, unchanged',
      logsource: '    category: dns',
      detection: `sel:\n  record_type: 'TXT'\n  answer|contains:\n    - 'IEX'\n    - 'Invoke-Expression'\n    - 'cmd.exe'\ncondition: sel`,
      expression: `${BRO} and (lower(fields['qtype_name']) = 'txt' and fields['answers'] matches /(?is)^.*(?:IEX|Invoke-Expression|cmd\\.exe).*$/)`,
    },
    {
      name: 'answers|contains|cased, and a negated contains (no element holds it: the text does not)',
      logsource: ZEEK_DNS,
      detection: `sel:\n  answers|contains|cased: 'TXT 5 hello'\nfilter:\n  answers|contains: '10.0.0.'\ncondition: sel and not filter`,
      expression: `${BRO} and (fields['answers'] matches /(?s)^.*TXT 5 hello.*$/ and !(fields['answers'] matches /(?is)^.*10\\.0\\.0\\..*$/))`,
    },
    {
      name: "answers: '*' and null ask only whether the key is there (Zeek writes no empty list, main.zeek:422)",
      logsource: ZEEK_DNS,
      detection: `a:\n  answers: '*'\nb:\n  answers: null\ncondition: a and not b`,
      expression: `${BRO} and (!isNull(fields['answers']) and !(isEmpty(fields['answers'])))`,
    },
    {
      name: 'generic answer|exists',
      logsource: '    category: dns',
      detection: `sel:\n  answer|exists: true\ncondition: sel`,
      expression: `${BRO} and (!isNull(fields['answers']))`,
    },
    {
      name: 'other dns.log fields of the rule are untouched',
      logsource: ZEEK_DNS,
      detection: `sel:\n  query|endswith: '.xyz'\n  qtype_name: 'A'\n  answers|contains: '0.0.0.0'\ncondition: sel`,
      expression: `${BRO} and (fields['query'] matches /(?is)^.*\\.xyz$/ and lower(fields['qtype_name']) = 'a' and fields['answers'] matches /(?is)^.*0\\.0\\.0\\.0.*$/)`,
    },
  ];
  runTable(rows);

  test.each<[string, string, string, string, number, number, RegExp]>([
    ['equality (SigmaHQ zeek_dns_mining_pools exclude_answers)', ZEEK_DNS, `sel:\n  query: 'x.example'\nfilter:\n  answers: '127.0.0.1'\ncondition: sel and not filter`, 'backend/unsupported-feature', 12, 16, /'answers' is Zeek's answers, a list kept as text Sumo does not document/],
    ['generic answer equality', '    category: dns', `sel:\n  answer: '1.2.3.4'\ncondition: sel`, 'backend/unsupported-feature', 9, 15, /'answer' is Zeek's answers, a list/],
    ['endswith (SigmaHQ zeek_dns_susp_zbit_flag exclude_responses)', ZEEK_DNS, `sel:\n  answers|endswith: 'x00'\ncondition: sel`, 'backend/unsupported-feature', 10, 25, /only a contains test of printable ASCII without " or \\ \(not only brackets, commas and spaces\) is right/],
    ['startswith', ZEEK_DNS, `sel:\n  answers|startswith: 'TXT'\ncondition: sel`, 'backend/unsupported-feature', 10, 27, /only a contains test/],
    ['a wildcard inside', ZEEK_DNS, `sel:\n  answers|contains: 'a*b'\ncondition: sel`, 'backend/unsupported-feature', 10, 25, /only a contains test/],
    ['contains with a backslash (JSON writes it \\\\)', ZEEK_DNS, `sel:\n  answers|contains: '\\x00'\ncondition: sel`, 'backend/unsupported-value', 10, 25, /only a contains test/],
    ['contains with a quote (a JSON element boundary)', ZEEK_DNS, `sel:\n  answers|contains: 'a"b'\ncondition: sel`, 'backend/unsupported-value', 10, 25, /only a contains test/],
    ['contains of only separators (they also sit between elements)', ZEEK_DNS, `sel:\n  answers|contains: '", "'\ncondition: sel`, 'backend/unsupported-value', 10, 25, /only a contains test/],
    ['contains of only brackets, commas and spaces', ZEEK_DNS, `sel:\n  answers|contains: '], ['\ncondition: sel`, 'backend/unsupported-value', 10, 25, /only a contains test/],
    ['contains of non-ASCII text', ZEEK_DNS, `sel:\n  answers|contains: 'é'\ncondition: sel`, 'backend/unsupported-value', 10, 25, /only a contains test/],
    ['a regex', ZEEK_DNS, `sel:\n  answers|re: '^1\\.2'\ncondition: sel`, 'backend/unsupported-feature', 10, 19, /only a contains test/],
    ['a CIDR', ZEEK_DNS, `sel:\n  answers|cidr: '10.0.0.0/8'\ncondition: sel`, 'backend/unsupported-feature', 10, 21, /only a contains test/],
    ['a number', ZEEK_DNS, `sel:\n  answers: 5\ncondition: sel`, 'backend/unsupported-feature', 10, 16, /only a contains test/],
    ['a fieldref to answers', ZEEK_DNS, `sel:\n  query|fieldref: answers\ncondition: sel`, 'backend/unsupported-feature', 10, 23, /fieldref to answers/],
  ])('refused, located at the value: %s', (_name, logsource, detection, code, line, column, message) => {
    const r = convert(sumoCse, ruleYaml(detection, { logsource }));
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => [e.code, e.line, e.column])).toEqual([[code, line, column]]);
    expect(r.errors[0]!.message).toMatch(message);
  });
});
