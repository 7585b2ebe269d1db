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

function runTable(rows: readonly Row[]): void {
  test.each(rows)('$name', ({ detection, expression, logsource }) => {
    const r = convert(sumoCse, ruleYaml(detection, logsource ? { logsource } : {}));
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual([expression]);
    expect(validateCseExpression(expression)).toEqual([]);
  });
}

describe('CSE normalized fields (§5.2) and raw fields', () => {
  const rows: Row[] = [
    { name: 'Image → baseImage', logsource: WINDOWS, detection: `sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel`, expression: 'baseImage matches /(?is)^.*\\x5ccmd\\.exe$/' },
    { name: 'ParentImage → parentBaseImage', logsource: WINDOWS, detection: `sel:\n  ParentImage|endswith: '\\w.exe'\ncondition: sel`, expression: 'parentBaseImage matches /(?is)^.*\\x5cw\\.exe$/' },
    { name: 'CommandLine → commandLine', logsource: WINDOWS, detection: `sel:\n  CommandLine|contains: 'x'\ncondition: sel`, expression: 'commandLine matches /(?is)^.*x.*$/' },
    { name: 'ParentCommandLine', logsource: WINDOWS, detection: `sel:\n  ParentCommandLine: 'x'\ncondition: sel`, expression: "lower(parentCommandLine) = 'x'" },
    { name: 'Computer → device_hostname', logsource: WINDOWS, detection: `sel:\n  Computer: 'HOST1'\ncondition: sel`, expression: "lower(device_hostname) = 'host1'" },
    { name: 'User → user_username', logsource: WINDOWS, detection: `sel:\n  User: 'SYSTEM'\ncondition: sel`, expression: "lower(user_username) = 'system'" },
    { name: 'ProcessId → pid (numeric)', logsource: WINDOWS, detection: `sel:\n  ProcessId: 4\ncondition: sel`, expression: 'pid = 4' },
    {
      name: 'OriginalFileName stays raw, with vendor scope',
      logsource: WINDOWS,
      detection: `sel:\n  OriginalFileName: 'Cmd.Exe'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' or metadata_deviceEventId = 'Security-4688') and (lower(fields['EventData.OriginalFileName']) = 'cmd.exe')",
    },
    {
      name: 'IntegrityLevel stays raw (not severity)',
      logsource: WINDOWS,
      detection: `sel:\n  IntegrityLevel: 'System'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' or metadata_deviceEventId = 'Security-4688') and (lower(fields['EventData.IntegrityLevel']) = 'system')",
    },
    {
      name: 'CurrentDirectory stays raw (not file_path)',
      logsource: '    category: image_load\n    product: windows',
      detection: `sel:\n  CurrentDirectory|startswith: 'C:\\Temp\\'\ncondition: sel`,
      expression:
        "metadata_vendor = 'Microsoft' and metadata_product = 'Windows' and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-7' and (fields['EventData.CurrentDirectory'] matches /(?is)^C:\\x5cTemp\\x5c.*$/)",
    },
    {
      name: 'EventID with a known channel → metadata_deviceEventId',
      logsource: '    product: windows\n    service: security',
      detection: `sel:\n  EventID: 4688\ncondition: sel`,
      expression: "metadata_deviceEventId = 'Security-4688'",
    },
    { name: 'non-Windows raw field', detection: `sel:\n  eventName: 'ConsoleLogin'\ncondition: sel`, expression: "lower(fields['eventName']) = 'consolelogin'" },
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
    { name: 'sha256 field', logsource: WINDOWS, detection: `sel:\n  sha256: 'AB'\ncondition: sel`, expression: "lower(file_hash_sha256) = 'ab'" },
  ];
  runTable(rows);
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
  runTable(rows);
});

describe('CSE unsupported: located errors', () => {
  test('keywords are refused with a reason', () => {
    const r = convert(sumoCse, ruleYaml(`keywords:\n  - 'evil'\ncondition: keywords`));
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['backend/unsupported-feature', 9]]);
    expect(r.errors[0]!.message).toMatch(/full-text/);
  });
  test('keywordField option: keywords become substring tests on that field', () => {
    const r = convert(sumoCse, ruleYaml(`keywords:\n  - 'evil'\n  - 'a\\b'\ncondition: keywords`), { keywordField: 'commandLine' });
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual(['commandLine matches /(?is)^.*evil.*$/ or commandLine matches /(?is)^.*a\\x5cb.*$/']);
  });
  test('Hashes with an unknown algorithm', () => {
    const r = convert(sumoCse, ruleYaml(`sel:\n  Hashes|contains: 'CRC=12'\ncondition: sel`, { logsource: WINDOWS }));
    expect(r.errors[0]!.message).toMatch(/unknown algorithm 'CRC'/);
  });
});
