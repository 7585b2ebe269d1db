import { describe, expect, test } from 'vitest';
import { pipelineFromObject } from '@sigmats/core';
import { convert, errors, query, rule } from './helpers/convert.js';

/** One row: a detection block (with its condition) → the exact plain SPL. */
interface Row {
  readonly name: string;
  readonly detection: string;
  readonly spl: string;
}

function table(title: string, rows: readonly Row[]): void {
  describe(title, () => {
    test.each(rows.map((r) => [r.name, r] as const))('%s', (_, r) => {
      expect(query(rule(r.detection))).toBe(r.spl);
    });
  });
}

table('modifiers', [
  { name: 'equality', detection: "sel:\n  Image: 'C:\\Windows\\System32\\cmd.exe'\ncondition: sel", spl: 'Image="C:\\\\Windows\\\\System32\\\\cmd.exe"' },
  { name: 'contains', detection: 'sel:\n  CommandLine|contains: whoami\ncondition: sel', spl: 'CommandLine="*whoami*"' },
  { name: 'startswith', detection: "sel:\n  User|startswith: 'NT AUTHORITY'\ncondition: sel", spl: 'User="NT AUTHORITY*"' },
  { name: 'endswith', detection: "sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel", spl: 'Image="*\\\\cmd.exe"' },
  {
    name: 'contains|all',
    detection: "sel:\n  CommandLine|contains|all: [' -enc ', 'bypass']\ncondition: sel",
    spl: 'CommandLine="* -enc *" CommandLine="*bypass*"',
  },
  {
    name: 'windash',
    detection: "sel:\n  CommandLine|windash|contains: ' -s '\ncondition: sel",
    spl: 'CommandLine IN ("* -s *", "* /s *", "* –s *", "* —s *", "* ―s *")',
  },
  {
    name: 'base64offset|contains',
    detection: "sel:\n  CommandLine|base64offset|contains: 'http'\ncondition: sel",
    spl: 'CommandLine IN ("*aHR0c*", "*h0dH*", "*odHRw*")',
  },
  { name: 'number', detection: 'sel:\n  EventID: 4688\ncondition: sel', spl: 'EventID=4688' },
  { name: 'gt', detection: 'sel:\n  Size|gt: 100\ncondition: sel', spl: 'Size>100' },
  { name: 'gte', detection: 'sel:\n  Size|gte: 100\ncondition: sel', spl: 'Size>=100' },
  { name: 'lt', detection: 'sel:\n  Size|lt: 1.5\ncondition: sel', spl: 'Size<1.5' },
  { name: 'lte', detection: 'sel:\n  Size|lte: 0\ncondition: sel', spl: 'Size<=0' },
  { name: 'neq', detection: "sel:\n  Image|neq: 'a.exe'\ncondition: sel", spl: 'NOT Image="a.exe"' },
  { name: 'boolean', detection: 'sel:\n  Enabled: true\ncondition: sel', spl: 'Enabled="true"' },
  { name: 're', detection: "sel:\n  CommandLine|re: 'a\\d+b'\ncondition: sel", spl: '* | regex CommandLine="a\\\\d+b"' },
  { name: 're|i', detection: "sel:\n  CommandLine|re|i: 'foo.*bar'\ncondition: sel", spl: '* | regex CommandLine="(?i)foo.*bar"' },
  { name: 'cidr', detection: 'sel:\n  DestinationIp|cidr: 10.0.0.0/8\ncondition: sel', spl: 'DestinationIp="10.0.0.0/8"' },
  { name: 'fieldref', detection: 'sel:\n  Image|fieldref: ParentImage\ncondition: sel', spl: '* | where lower(Image)==lower(ParentImage)' },
  { name: 'cased', detection: "sel:\n  Image|cased: 'C:\\X.exe'\ncondition: sel", spl: '* | where Image=="C:\\\\X.exe"' },
  { name: 'hour', detection: 'sel:\n  EventTime|hour: 5\ncondition: sel', spl: '* | where floor(EventTime/3600)%24==5' },
  { name: 'minute|gt', detection: 'sel:\n  EventTime|minute|gt: 30\ncondition: sel', spl: '* | where floor(EventTime/60)%60>30' },
]);

table('escaping', [
  { name: 'double quote', detection: "sel:\n  CommandLine|contains: 'say \"hi\"'\ncondition: sel", spl: 'CommandLine="*say \\"hi\\"*"' },
  { name: 'trailing backslash', detection: "sel:\n  Image|startswith: 'C:\\Windows\\'\ncondition: sel", spl: 'Image="C:\\\\Windows\\\\*"' },
  { name: 'UNC path', detection: "sel:\n  Path: '\\\\server\\share'\ncondition: sel", spl: 'Path="\\\\server\\\\share"' },
  { name: 'inner wildcard stays in search', detection: "sel:\n  CommandLine: 'a*b'\ncondition: sel", spl: 'CommandLine="a*b"' },
  {
    name: 'literal * goes to match()',
    detection: "sel:\n  CommandLine|contains: 'a\\*b'\ncondition: sel",
    spl: '* | where match(CommandLine, "(?i)a\\\\*b")',
  },
  {
    name: '? wildcard goes to match() as one character',
    detection: "sel:\n  CommandLine: 'a?c'\ncondition: sel",
    spl: '* | where match(CommandLine, "(?is)^a.c\\\\z")',
  },
  {
    name: 'backslash before a literal * (\\\\\\*)',
    detection: "sel:\n  ShareName: '\\\\\\\\\\*\\\\IPC$'\ncondition: sel",
    spl: '* | where lower(ShareName)=="\\\\\\\\*\\\\ipc$"',
  },
  {
    name: 'control character goes to match() as \\xHH',
    detection: 'sel:\n  CommandLine|contains: "a\\tb"\ncondition: sel',
    spl: '* | where match(CommandLine, "(?i)a\\\\x09b")',
  },
  { name: 'unicode', detection: "sel:\n  CommandLine|contains: 'é–ü'\ncondition: sel", spl: 'CommandLine="*é–ü*"' },
  { name: 'pipe and brackets', detection: "sel:\n  CommandLine|contains: '| bash [x] (y)'\ncondition: sel", spl: 'CommandLine="*| bash [x] (y)*"' },
  { name: 'field name with a space', detection: "sel:\n  'Process Name': x\ncondition: sel", spl: '"Process Name"="x"' },
  { name: 'field name that is an operator', detection: 'sel:\n  OR: x\ncondition: sel', spl: '"OR"="x"' },
  {
    name: 'field name with a space in where',
    detection: "sel:\n  'Process Name|cased': X\ncondition: sel",
    spl: "* | where 'Process Name'==\"X\"",
  },
  {
    name: 'dotted field name in where is quoted (. is concatenation)',
    detection: "sel:\n  a.b|cased: X\ncondition: sel",
    spl: "* | where 'a.b'==\"X\"",
  },
  {
    name: 'regex keeps its escapes and doubles them in the quoted argument (doc: c:\\\\temp)',
    detection: "sel:\n  CommandLine|re: 'c:\\\\temp'\ncondition: sel",
    spl: '* | regex CommandLine="c:\\\\\\\\temp"',
  },
  { name: 'regex with a quote', detection: "sel:\n  CommandLine|re: 'a\"b'\ncondition: sel", spl: '* | regex CommandLine="a\\"b"' },
]);

table('booleans and precedence', [
  { name: 'AND of fields', detection: 'sel:\n  A: 1\n  B: 2\ncondition: sel', spl: 'A=1 B=2' },
  { name: 'OR of ANDs', detection: 'sel1:\n  A: 1\n  B: 2\nsel2:\n  C: 3\ncondition: sel1 or sel2', spl: '(A=1 B=2) OR C=3' },
  { name: 'AND over OR is grouped', detection: 'sel1:\n  A: 1\nsel2:\n  B: 2\nsel3:\n  C: 3\ncondition: sel1 and (sel2 or sel3)', spl: 'A=1 (B=2 OR C=3)' },
  { name: 'NOT over AND', detection: 'sel:\n  A: 1\n  B: 2\ncondition: not sel', spl: 'NOT (A=1 B=2)' },
  {
    name: 'selection and not filter list',
    detection: 'sel:\n  A: 1\nfilter:\n  - B: 2\n  - C: 3\ncondition: sel and not filter',
    spl: 'A=1 NOT (B=2 OR C=3)',
  },
  {
    name: 'list of maps',
    detection: "sel:\n  - Image|endswith: '\\a.exe'\n  - OriginalFileName: 'a.exe'\ncondition: sel",
    spl: 'Image="*\\\\a.exe" OR OriginalFileName="a.exe"',
  },
  {
    name: 'OR holding a regex goes to one where after the search part',
    detection: "sel_re:\n  A|re: 'x'\nsel2:\n  B: 'y'\nsel3:\n  C: 'z'\ncondition: (sel_re or sel2) and sel3",
    spl: 'C="z" | where match(A, "x") OR lower(B)=="y"',
  },
  {
    name: 'where precedence: AND inside OR is grouped',
    detection: "sel_re:\n  A|re: 'x'\nsel2:\n  B: 'y'\nsel3:\n  C: 'z'\ncondition: (sel_re and sel2) or sel3",
    spl: '* | where (match(A, "x") AND lower(B)=="y") OR lower(C)=="z"',
  },
  {
    name: '1 of selection_*',
    detection: 'selection_a:\n  A: 1\nselection_b:\n  B: 2\ncondition: 1 of selection_*',
    spl: 'A=1 OR B=2',
  },
  {
    name: 'all of them',
    detection: 'selection_a:\n  A: 1\nselection_b:\n  B: 2\ncondition: all of them',
    spl: 'A=1 B=2',
  },
  {
    name: 'NOT over an OR is split by De Morgan so searchable parts stay in the search',
    detection: "sel:\n  A: 1\nfilter:\n  - B|re: 'x'\n  - C: 1\n  - D|contains: 'a\\*b'\ncondition: sel and not filter",
    spl: 'A=1 NOT C=1 | where NOT (isnotnull(B) AND match(B, "x")) AND NOT (isnotnull(D) AND match(D, "(?i)a\\\\*b"))',
  },
  {
    name: 'negated where leaves are null-guarded',
    detection: "sel:\n  A: 1\nfilter:\n  B|re: 'x'\ncondition: sel and not filter",
    spl: 'A=1 | where NOT (isnotnull(B) AND match(B, "x"))',
  },
]);

table('null, exists, empty', [
  { name: 'null', detection: 'sel:\n  F: null\ncondition: sel', spl: 'NOT F=*' },
  { name: 'not null', detection: 'sel:\n  A: 1\nfilter:\n  F: null\ncondition: sel and not filter', spl: 'A=1 F=*' },
  { name: 'exists true', detection: 'sel:\n  F|exists: true\ncondition: sel', spl: 'F=*' },
  { name: 'exists false', detection: 'sel:\n  F|exists: false\ncondition: sel', spl: 'NOT F=*' },
  { name: 'not exists false', detection: 'sel:\n  F|exists: false\ncondition: not sel', spl: 'F=*' },
  { name: 'empty string', detection: "sel:\n  F: ''\ncondition: sel", spl: 'F=""' },
  { name: 'lone wildcard', detection: "sel:\n  F: '*'\ncondition: sel", spl: 'F=*' },
  {
    name: 'null in where',
    detection: "sel_re:\n  A|re: 'x'\nsel_null:\n  F: null\ncondition: sel_re or sel_null",
    spl: '* | where match(A, "x") OR isnull(F)',
  },
  {
    name: 'exists in where',
    detection: "sel_re:\n  A|re: 'x'\nsel_ex:\n  F|exists: true\ncondition: sel_re or sel_ex",
    spl: '* | where match(A, "x") OR isnotnull(F)',
  },
]);

table('lists', [
  {
    name: 'OR list → IN',
    detection: "sel:\n  Image|endswith: ['\\a.exe', '\\b.exe']\ncondition: sel",
    spl: 'Image IN ("*\\\\a.exe", "*\\\\b.exe")',
  },
  { name: 'numbers → IN', detection: 'sel:\n  EventID: [1, 2]\ncondition: sel', spl: 'EventID IN (1, 2)' },
  { name: 'lone * is not folded', detection: "sel:\n  F: ['a', '*']\ncondition: sel", spl: 'F="a" OR F=*' },
  {
    name: 'a ? value sends the list to where',
    detection: "sel:\n  F: ['a?', 'b']\ncondition: sel",
    spl: '* | where match(F, "(?is)^a.\\\\z") OR lower(F)=="b"',
  },
  { name: '|all → AND', detection: "sel:\n  F|contains|all: ['a', 'b']\ncondition: sel", spl: 'F="*a*" F="*b*"' },
  { name: 'negated list', detection: "sel:\n  F: ['a', 'b']\ncondition: not sel", spl: 'NOT F IN ("a", "b")' },
  { name: 'quoted field name with =', detection: "sel:\n  'a=b': ['x', 'y*']\ncondition: sel", spl: '"a=b" IN ("x", "y*")' },
]);

table('regex', [
  { name: 'flags i m s', detection: "sel:\n  F|re|i|m|s: 'x'\ncondition: sel", spl: '* | regex F="(?ims)x"' },
  {
    name: 'two regexes AND-ed: two regex commands',
    detection: "sel:\n  A|re: 'x'\n  B|re: 'y'\n  C: 1\ncondition: sel",
    spl: 'C=1 | regex A="x" | regex B="y"',
  },
  {
    name: 'regex under OR',
    detection: "sel:\n  - A|re: 'x'\n  - B: 1\ncondition: sel",
    spl: '* | where match(A, "x") OR B==1',
  },
  {
    name: 'negated regex',
    detection: "sel:\n  A|re: 'x'\ncondition: not sel",
    spl: '* | where NOT (isnotnull(A) AND match(A, "x"))',
  },
  {
    name: 'regex on a quoted field name goes to where',
    detection: "sel:\n  cs-uri|re: 'x'\ncondition: sel",
    spl: "* | where match('cs-uri', \"x\")",
  },
  {
    name: 'regex with backslashes and a quote in where',
    detection: "sel:\n  - A|re: '\\\\d\"'\n  - B: 1\ncondition: sel",
    spl: '* | where match(A, "\\\\\\\\d\\"") OR B==1',
  },
]);

table('cidr', [
  { name: 'IPv4', detection: 'sel:\n  DestinationIp|cidr: 192.168.0.0/16\ncondition: sel', spl: 'DestinationIp="192.168.0.0/16"' },
  { name: 'IPv6', detection: "sel:\n  DestinationIp|cidr: '2001:db8::/32'\ncondition: sel", spl: 'DestinationIp="2001:db8::/32"' },
  {
    name: 'list',
    detection: "sel:\n  DestinationIp|cidr: ['10.0.0.0/8', '172.16.0.0/12']\ncondition: sel",
    spl: 'DestinationIp="10.0.0.0/8" OR DestinationIp="172.16.0.0/12"',
  },
  {
    name: 'in where: cidrmatch()',
    detection: "sel:\n  - A|re: 'x'\n  - DestinationIp|cidr: 10.0.0.0/8\ncondition: sel",
    spl: '* | where match(A, "x") OR cidrmatch("10.0.0.0/8", DestinationIp)',
  },
]);

table('fieldref', [
  { name: 'equals', detection: 'sel:\n  A|fieldref: B\ncondition: sel', spl: '* | where lower(A)==lower(B)' },
  { name: 'cased', detection: 'sel:\n  A|fieldref|cased: B\ncondition: sel', spl: '* | where A==B' },
  { name: 'startswith', detection: 'sel:\n  A|fieldref|startswith: B\ncondition: sel', spl: '* | where substr(lower(A), 1, len(B))==lower(B)' },
  { name: 'endswith', detection: 'sel:\n  A|fieldref|endswith: B\ncondition: sel', spl: '* | where substr(lower(A), -len(B))==lower(B)' },
  { name: 'contains', detection: 'sel:\n  A|fieldref|contains: B\ncondition: sel', spl: '* | where like(lower(A), "%" . lower(B) . "%")' },
  {
    name: 'negated: both fields must exist',
    detection: 'sel:\n  X: 1\nfilter:\n  A|fieldref: B\ncondition: sel and not filter',
    spl: 'X=1 | where NOT (isnotnull(A) AND isnotnull(B) AND lower(A)==lower(B))',
  },
]);

table('cased', [
  { name: 'exact', detection: "sel:\n  F|cased: 'AbC'\ncondition: sel", spl: '* | where F=="AbC"' },
  { name: 'contains', detection: "sel:\n  F|contains|cased: 'AbC'\ncondition: sel", spl: '* | where match(F, "AbC")' },
  { name: 'startswith', detection: "sel:\n  F|startswith|cased: 'AbC'\ncondition: sel", spl: '* | where match(F, "^AbC")' },
  { name: 'endswith', detection: "sel:\n  F|endswith|cased: 'A.C'\ncondition: sel", spl: '* | where match(F, "A\\\\.C\\\\z")' },
  { name: 'inner wildcard', detection: "sel:\n  F|cased: 'a*b'\ncondition: sel", spl: '* | where match(F, "(?s)^a.*b\\\\z")' },
  {
    name: 'with other fields: only the cased test is in where',
    detection: "sel:\n  A: 1\n  F|cased: 'X'\ncondition: sel",
    spl: 'A=1 | where F=="X"',
  },
]);

table('keywords', [
  { name: 'list', detection: "keywords:\n  - mimikatz\n  - 'sekurlsa::'\ncondition: keywords", spl: '"mimikatz" OR "sekurlsa::"' },
  { name: 'edge wildcards', detection: "keywords:\n  - '*foo*'\ncondition: keywords", spl: '"*foo*"' },
  // An inner * in a raw term spans one segment only (and Splunk documents inconsistent results next to punctuation).
  { name: 'inner wildcard → match(_raw)', detection: "keywords:\n  - '*foo*bar*'\ncondition: keywords", spl: '* | where match(_raw, "(?is)foo.*bar")' },
  { name: 'quote', detection: "keywords:\n  - 'say \"hi\"'\ncondition: keywords", spl: '"say \\"hi\\""' },
  { name: 'number', detection: 'keywords:\n  - 4624\ncondition: keywords', spl: '4624' },
  { name: '? wildcard → match(_raw)', detection: "keywords:\n  - 'a?c'\ncondition: keywords", spl: '* | where match(_raw, "(?is)a.c")' },
  { name: 'with a field selection', detection: "sel:\n  A: x\nkeywords:\n  - foo\ncondition: sel and keywords", spl: 'A="x" "foo"' },
  { name: 'negated', detection: "sel:\n  A: x\nkeywords:\n  - foo\ncondition: sel and not keywords", spl: 'A="x" NOT "foo"' },
]);

describe('errors', () => {
  test('unresolved placeholder', () => {
    expect(errors(rule("sel:\n  User|expand: '%admins%'\ncondition: sel"))).toEqual(['pipeline/placeholder-unresolved: placeholder %admins% is not resolved']);
  });
  test('calendar timestamp parts use strftime and warn about the time zone', () => {
    const yaml = rule('sel:\n  EventTime|day: 1\ncondition: sel');
    expect(query(yaml)).toBe('* | where tonumber(strftime(EventTime, "%d"))==1');
    const warnings = convert(yaml).diagnostics.filter((d) => d.severity === 'warning' && !/no Windows add-on pipeline/.test(d.message));
    expect(warnings.map((d) => d.message)).toEqual(["|day uses strftime(), which formats in the search's time zone, not UTC"]);
  });
  test('a query expression cannot sit inside where', () => {
    // Placeholders resolved to a query expression are search text; under OR with a regex they cannot be placed.
    const p = pipelineFromObject(
      { name: 'qe', transformations: [{ type: 'query_expression_placeholders', expression: '[| inputlookup {id} | fields {field}]' }] },
      'qe',
    ).pipeline!;
    const yaml = rule("sel:\n  - User|expand: '%admins%'\n  - A|re: 'x'\ncondition: sel");
    expect(errors(yaml, { pipelines: [p] })).toEqual([
      'backend/unsupported-feature: a query expression is search text and cannot sit inside a where expression',
    ]);
    expect(query(rule("sel:\n  User|expand: '%admins%'\ncondition: sel"), { pipelines: [p] })).toBe('[| inputlookup admins | fields User]');
  });
});
