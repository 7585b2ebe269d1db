import { describe, expect, test } from 'vitest';
import { compileCse, CseError } from '../src/cse/index.js';
import type { CseRecord } from '../src/types.js';

/**
 * Cloud SIEM rule expressions, row by row from cse/rules/cse-rules-syntax (SOURCES.md). Records are normalized
 * schema fields plus the raw `fields` map.
 */

const SYNTAX = 'https://www.sumologic.com/help/docs/cse/rules/cse-rules-syntax/';

const record: CseRecord = {
  metadata_vendor: 'Microsoft',
  metadata_product: 'Windows',
  metadata_deviceEventId: 'Microsoft-Windows-Sysmon/Operational-1',
  baseImage: 'C:\\Windows\\System32\\cmd.exe',
  commandLine: 'cmd.exe /c whoami',
  user_username: 'alice',
  device_ip: '10.10.1.100',
  srcPort: 51000,
  dstPort: 445,
  severity: '7',
  pid: 4242,
  dns_query: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.evil.example',
  listMatches: ['vuln_scanners', 'admins'],
  fieldsTags: { user_username: ['vip'] },
  fields: { 'EventData.OriginalFileName': 'Cmd.Exe', 'EventData.IntegrityLevel': 'High', packetsSent: '10', json: '{"a":1}' },
};

const rows: readonly { expr: string; hit: boolean; source: string }[] = [
  // Logic: &&, ||, !, and/or; "!(null) // true".
  { expr: "metadata_vendor = 'Microsoft' && metadata_product = 'Windows'", hit: true, source: '&&' },
  { expr: "metadata_vendor = 'Apple' || user_username = 'alice'", hit: true, source: '||' },
  { expr: "device_ip != '0.0.0.0'", hit: true, source: '! (example)' },
  { expr: '!(null)', hit: true, source: '! (example)' },
  { expr: "metadata_vendor = 'Microsoft' and not (user_username = 'bob')", hit: true, source: 'and/not' },
  // "=": "returns true if the expressions are equal, or false if either expression is null".
  { expr: '"foo" = "foo"', hit: true, source: '=' },
  { expr: 'null = "foo"', hit: false, source: '=' },
  { expr: 'null = null', hit: false, source: '=' },
  { expr: "missingField = 'x'", hit: false, source: '= (missing field reads null)' },
  { expr: "!(missingField = 'x')", hit: true, source: '= with !(null)' },
  { expr: "user_username = 'Alice'", hit: false, source: '= is case-sensitive (assumption A-CSE-CASE, Spark SQL)' },
  { expr: "lower(fields['EventData.OriginalFileName']) = 'cmd.exe'", hit: true, source: 'toLowerCase ≡ lower' },
  { expr: "upper(user_username) = 'ALICE'", hit: true, source: 'toUpperCase ≡ upper' },
  { expr: "toLowerCase(baseImage) = 'c:\\windows\\system32\\cmd.exe'", hit: true, source: 'backslashes stay in literals (like example)' },
  // Ordering with nulls: "null < 10 // false" ...
  { expr: 'srcPort > dstPort', hit: true, source: '<, >' },
  { expr: 'dstPort <= 6669', hit: true, source: '<=' },
  { expr: 'null < 10', hit: false, source: '<' },
  { expr: '10 >= null', hit: false, source: '>=' },
  { expr: "severity > '6'", hit: true, source: '> (string example)' },
  { expr: 'pid = 4242', hit: true, source: 'int field = number' },
  { expr: "pid = '4242'", hit: true, source: 'string literal cast to the int (A-CSE-CAST)' },
  { expr: "metadata_deviceEventId between 'Microsoft' and 'Microsoft-Z'", hit: true, source: 'between' },
  { expr: 'null BETWEEN 1 and 10', hit: false, source: 'between' },
  // like / rlike / matches
  { expr: "commandLine like '%whoami%'", hit: true, source: 'like' },
  { expr: "commandLine like '%WHOAMI%'", hit: false, source: 'like: "Matching is case sensitive"' },
  { expr: "commandLine like 'cmd.exe /c _hoami'", hit: true, source: 'like: _ is one character' },
  { expr: "'%SystemDrive%\\Users\\John' like '\\%SystemDrive\\%\\\\Users%'", hit: true, source: 'like (the documented ESCAPE example)' },
  { expr: "commandLine like 'cmd!%%' escape '!'", hit: false, source: 'like ESCAPE' },
  { expr: "'cmd%x' like 'cmd!%%' escape '!'", hit: true, source: 'like ESCAPE' },
  { expr: "dns_query rlike '[A-Za-z2-7]{60,}'", hit: true, source: 'rlike (a run inside the value: anywhere)' },
  { expr: 'null RLIKE ".*foo.*"', hit: false, source: 'rlike' },
  { expr: "commandLine matches '*whoami*'", hit: true, source: 'matches "*bar*" ≡ LIKE' },
  { expr: "commandLine matches 'whoami*'", hit: false, source: 'matches pattern covers the whole value' },
  { expr: 'commandLine matches /whoami/', hit: true, source: 'matches /re/ ≡ RLIKE (anywhere)' },
  { expr: 'commandLine matches /(?i)^CMD\\.EXE .*$/', hit: true, source: 'RE2 (?i)' },
  { expr: 'commandLine matches /^WHOAMI/', hit: false, source: '"<string expression> is case-sensitive"' },
  // in (Spark IN with the casts of =)
  { expr: "user_username in ('bob', 'alice')", hit: true, source: 'in' },
  { expr: "user_username not in ('bob', 'alice')", hit: false, source: 'not in' },
  { expr: "dstPort in ('445', '139')", hit: true, source: 'in casts like =' },
  { expr: "missingField not in ('x')", hit: false, source: 'null in: false either way (A-NULL)' },
  // functions
  { expr: "isNull(missingField) and !isNull(user_username)", hit: true, source: 'isNull' },
  { expr: 'isEmpty(missingField)', hit: true, source: 'isEmpty' },
  { expr: "isBlank(' ')", hit: true, source: 'isBlank' },
  { expr: 'length("sumo logic") = 10 and length(null) = 0', hit: true, source: 'length' },
  { expr: 'concat(1, "/", 1, "/", 2020) = "1/1/2020"', hit: true, source: 'concat' },
  { expr: 'compareCIDRPrefix("10.10.1.35", device_ip, "24")', hit: true, source: 'compareCIDRPrefix (example)' },
  { expr: 'getCIDRPrefix("10.10.1.35", "24") = "10.10.1.0"', hit: true, source: 'getCIDRPrefix' },
  { expr: 'maskFromCIDR("30") = "255.255.255.252"', hit: true, source: 'maskFromCIDR' },
  { expr: 'isPrivateIP("192.168.0.1") and !isPublicIP("10.255.255.255")', hit: true, source: 'isPrivateIP, isPublicIP' },
  { expr: 'isValidIP("10.255.255.255") and !isValidIP("127.0.500.1")', hit: true, source: 'isValidIP' },
  { expr: 'isValidIPv4("10.10.10.10") and !isValidIPv6("10.10.10.10") and isValidIPv6("2001:db8::ff00:42:8329")', hit: true, source: 'isValidIPv4/6' },
  { expr: 'ipv4ToNumber("127.0.0.1") = 2130706433', hit: true, source: 'ipv4ToNumber' },
  { expr: "array_contains(listMatches, 'vuln_scanners')", hit: true, source: 'array_contains' },
  { expr: 'array_contains(fieldsTags["user_username"], "vip")', hit: true, source: 'array_contains (keyword tag)' },
  { expr: 'size(listMatches) > 1', hit: true, source: 'size' },
  { expr: 'contains(commandLine, "whoami")', hit: true, source: 'contains' },
  { expr: "int(fields['packetsSent']) = 10", hit: true, source: 'toInt ≡ int (json example)' },
  { expr: 'substring("Sumo Logic", 0, 4) = "Sumo"', hit: true, source: 'substring' },
  { expr: 'trim("  Hello World  ") = "Hello World"', hit: true, source: 'trim' },
  { expr: 'abs(-1.5) = 1.5 and ceil(1.5) = 2 and floor(-1.5) = -2 and round(1.549, 2) = 1.55', hit: true, source: 'abs, ceil, floor, round' },
  { expr: 'if(dstPort = 445, "smb", "other") = "smb"', hit: true, source: 'if' },
  { expr: '(length(dns_query) - length(user_username)) > 10', hit: true, source: '- (example)' },
  { expr: '"\\"foo\\"" = \'"foo"\'', hit: true, source: 'Escaped double quote are supported' },
  { expr: '1s = 1000 and 2k = 2000 and 1Ki = 1024', hit: true, source: 'CIP literals supported in CSE' },
  // raw fields: map access; a missing key reads null.
  { expr: "fields['EventData.IntegrityLevel'] = 'High'", hit: true, source: "fields['…']" },
  { expr: "isNull(fields['EventData.Missing'])", hit: true, source: "fields['…'] missing key" },
  { expr: "fields.packetsSent = '10'", hit: true, source: 'fields.x (A-CSE-MEMBER)' },
  // json clauses (cse-rules-syntax "json").
  { expr: '| json field=fields "packetsSent" as packets_sent | where toInt(packets_sent) > 5', hit: true, source: 'json' },
  { expr: 'json field=fields "[\'EventData.IntegrityLevel\']" as il | where il = "High"', hit: true, source: 'json top-level dotted key' },
];

describe('CSE expressions (cse-rules-syntax)', () => {
  test.each(rows)('$expr -> $hit', ({ expr, hit }) => {
    expect(compileCse(expr).test(record)).toBe(hit);
  });
  test('rows cite the syntax page', () => expect(SYNTAX).toMatch(/cse-rules-syntax/));
});

describe('regex mode option', () => {
  test.each([
    ['commandLine matches /whoami/', false, true],
    ['commandLine matches /^cmd\\.exe .*$/', true, true],
    ["dns_query rlike '[A-Za-z2-7]{60,}'", false, true],
  ] as const)('%s: whole %s, anywhere %s', (expr, whole, anywhere) => {
    expect(compileCse(expr, { regexMatch: 'whole' }).test(record)).toBe(whole);
    expect(compileCse(expr, { regexMatch: 'anywhere' }).test(record)).toBe(anywhere);
  });
});

describe('errors', () => {
  test.each([
    ['', 'syntax'],
    ["user_username = 'x", 'syntax'],
    ['user_username =', 'syntax'],
    ["(user_username = 'x'", 'syntax'],
    ["user_username = 'x' | where a = 1 | where b = 2", 'syntax'],
    ['commandLine matches /(?=x)/', 'syntax'],
    ["commandLine rlike '(?<=x)y'", 'unsupported'],
    ['nosuch(commandLine)', 'unsupported'],
    ["commandLine matches 'a_b*'", 'unsupported'],
    ['json field=fields "a", "b" as x | where x = 1', 'semantic'],
    ['json "a" as x | where x = 1', 'unsupported'],
  ])('%j -> %s', (expr, kind) => {
    let err: unknown;
    try {
      compileCse(expr);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CseError);
    expect((err as CseError).kind).toBe(kind);
  });
});
