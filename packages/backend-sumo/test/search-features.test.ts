import { describe, expect, test } from 'vitest';
import { sumo, validateSumoQuery } from '../src/index.js';
import { convert, FEATURE_OPTIONS, ruleYaml, searchText } from './helpers.js';

/** One row: a detection block (condition included) → the exact `| where` expression emitted. */
interface Row {
  readonly name: string;
  readonly detection: string;
  readonly where: string;
}

function runTable(rows: readonly Row[]): void {
  test.each(rows)('$name', ({ detection, where }) => {
    const r = convert(sumo, ruleYaml(detection), FEATURE_OPTIONS);
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual([searchText(where)]);
    expect(validateSumoQuery(r.queries[0]!)).toEqual([]);
  });
}

describe('strings: case-insensitive by default, quoted forms only when no escape is needed', () => {
  const rows: Row[] = [
    { name: 'exact plain', detection: `sel:\n  User: 'SYSTEM'\ncondition: sel`, where: 'toLowerCase(User) = "system"' },
    { name: 'contains', detection: `sel:\n  CommandLine|contains: 'Invoke-Expression'\ncondition: sel`, where: 'toLowerCase(CommandLine) matches "*invoke-expression*"' },
    { name: 'startswith', detection: `sel:\n  CommandLine|startswith: 'cmd /c'\ncondition: sel`, where: 'toLowerCase(CommandLine) matches "cmd /c*"' },
    { name: 'endswith plain', detection: `sel:\n  Image|endswith: '.EXE'\ncondition: sel`, where: 'toLowerCase(Image) matches "*.exe"' },
    { name: 'backslash → regex with \\x5c', detection: `sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel`, where: 'Image matches /(?is)^.*\\x5ccmd\\.exe$/' },
    { name: 'exact path', detection: `sel:\n  Image: 'C:\\Windows\\cmd.exe'\ncondition: sel`, where: 'Image matches /(?i)^C:\\x5cWindows\\x5ccmd\\.exe$/' },
    { name: 'inner wildcard', detection: `sel:\n  CommandLine: '*powershell*-enc*'\ncondition: sel`, where: 'CommandLine matches /(?is)^.*powershell.*-enc.*$/' },
    { name: '? is exactly one character', detection: `sel:\n  Image: 'a?c'\ncondition: sel`, where: 'Image matches /(?is)^a.c$/' },
    { name: 'escaped \\* stays literal', detection: `sel:\n  CommandLine|contains: 'a\\*b'\ncondition: sel`, where: 'CommandLine matches /(?is)^.*a\\*b.*$/' },
    { name: 'double quote → regex', detection: `sel:\n  CommandLine|contains: 'say "hi"'\ncondition: sel`, where: 'CommandLine matches /(?is)^.*say "hi".*$/' },
    { name: 'slash in a quoted pattern', detection: `sel:\n  CommandLine|contains: 'http://x'\ncondition: sel`, where: 'toLowerCase(CommandLine) matches "*http://x*"' },
    { name: 'slash in a regex is \\/', detection: `sel:\n  CommandLine|contains: 'a\\b/c'\ncondition: sel`, where: 'CommandLine matches /(?is)^.*a\\x5cb\\/c.*$/' },
    { name: 'non-ASCII letter → (?i) regex', detection: `sel:\n  CommandLine|contains: 'Straße'\ncondition: sel`, where: 'CommandLine matches /(?is)^.*Straße.*$/' },
    { name: 'caseless non-ASCII stays quoted', detection: `sel:\n  CommandLine|contains: '–x'\ncondition: sel`, where: 'toLowerCase(CommandLine) matches "*–x*"' },
    { name: 'newline → \\x{a}', detection: `sel:\n  CommandLine|contains: "a\\nb"\ncondition: sel`, where: 'CommandLine matches /(?is)^.*a\\x{a}b.*$/' },
    { name: 'cased contains', detection: `sel:\n  CommandLine|cased|contains: 'ABC'\ncondition: sel`, where: 'CommandLine matches "*ABC*"' },
    { name: 'cased exact', detection: `sel:\n  User|cased: 'Admin'\ncondition: sel`, where: 'User = "Admin"' },
    { name: 'cased with backslash', detection: `sel:\n  Image|cased|endswith: '\\A.exe'\ncondition: sel`, where: 'Image matches /(?s)^.*\\x5cA\\.exe$/' },
    { name: 'empty string', detection: `sel:\n  User: ''\ncondition: sel`, where: 'toLowerCase(User) = ""' },
    { name: 'lone * = any value (the empty one too: only a missing field fails)', detection: `sel:\n  User: '*'\ncondition: sel`, where: '!isNull(User)' },
  ];
  runTable(rows);
});

describe('value lists', () => {
  const rows: Row[] = [
    { name: 'exact list → in', detection: `sel:\n  User: ['a', 'B']\ncondition: sel`, where: 'toLowerCase(User) in ("a", "b")' },
    { name: 'numbers → in', detection: `sel:\n  EventID: [1, 13]\ncondition: sel`, where: 'EventID in ("1", "13")' },
    {
      name: 'endswith list → one regex, common affixes factored',
      detection: `sel:\n  Image|endswith: ['\\a.exe', '\\b.exe']\ncondition: sel`,
      where: 'Image matches /(?is)^.*\\x5c(?:a|b)\\.exe$/',
    },
    {
      name: 'mixed list: quoted patterns and a regex',
      detection: `sel:\n  CommandLine|contains: ['abc', 'x\\y']\ncondition: sel`,
      where: '(toLowerCase(CommandLine) matches "*abc*" or CommandLine matches /(?is)^.*x\\x5cy.*$/)',
    },
    {
      name: '|all → and',
      detection: `sel:\n  CommandLine|contains|all: ['a', 'b']\ncondition: sel`,
      where: 'toLowerCase(CommandLine) matches "*a*" and toLowerCase(CommandLine) matches "*b*"',
    },
    {
      name: 'more than 20 wildcard patterns fold into one regex (query size)',
      detection: `sel:\n  CommandLine|contains: [${Array.from({ length: 21 }, (_, i) => `'v${i}'`).join(', ')}]\ncondition: sel`,
      where: `CommandLine matches /(?is)^.*(?:${Array.from({ length: 21 }, (_, i) => `v${i}`).join('|')}).*$/`,
    },
    {
      name: 'windash expands to five dashes',
      detection: `sel:\n  CommandLine|windash|contains: '-enc'\ncondition: sel`,
      where:
        '(toLowerCase(CommandLine) matches "*-enc*" or toLowerCase(CommandLine) matches "*/enc*" or toLowerCase(CommandLine) matches "*–enc*" or toLowerCase(CommandLine) matches "*—enc*" or toLowerCase(CommandLine) matches "*―enc*")',
    },
    {
      name: 'same-field tests regrouped inside a mixed OR',
      detection: `sel:\n  - Image|endswith: ['\\a.exe', '\\b.exe']\n  - OriginalFileName: ['a.exe', 'b.exe']\ncondition: sel`,
      where: 'Image matches /(?is)^.*\\x5c(?:a|b)\\.exe$/ or toLowerCase(OriginalFileName) in ("a.exe", "b.exe")',
    },
  ];
  runTable(rows);
});

describe('regex values: anchored to work whether Sumo matches whole or part (§10 q2)', () => {
  const rows: Row[] = [
    { name: '|re', detection: `sel:\n  CommandLine|re: 'a.*b'\ncondition: sel`, where: 'CommandLine matches /^(?s:.*)(?:a.*b)(?s:.*)$/' },
    { name: '|re|i', detection: `sel:\n  CommandLine|re|i: 'evil'\ncondition: sel`, where: 'CommandLine matches /(?i)^(?s:.*)(?:evil)(?s:.*)$/' },
    {
      name: '\\\\ → \\x5c and / → \\/',
      detection: `sel:\n  CommandLine|re: 'C:\\\\Windows\\\\.+/x'\ncondition: sel`,
      where: 'CommandLine matches /^(?s:.*)(?:C:\\x5cWindows\\x5c.+\\/x)(?s:.*)$/',
    },
    { name: 'escaped slash kept', detection: `sel:\n  CommandLine|re: 'a\\/b'\ncondition: sel`, where: 'CommandLine matches /^(?s:.*)(?:a\\/b)(?s:.*)$/' },
  ];
  runTable(rows);
});

describe('other value kinds', () => {
  const rows: Row[] = [
    { name: 'null → isEmpty', detection: `sel:\n  User: null\ncondition: sel`, where: 'isEmpty(User)' },
    { name: 'exists true (an empty value exists)', detection: `sel:\n  User|exists: true\ncondition: sel`, where: '!isNull(User)' },
    { name: 'exists false', detection: `sel:\n  User|exists: false\ncondition: sel`, where: 'isNull(User)' },
    { name: 'number as text', detection: `sel:\n  EventID: 4688\ncondition: sel`, where: 'EventID = "4688"' },
    { name: 'gt → num()', detection: `sel:\n  Count|gt: 5\ncondition: sel`, where: 'num(Count) > 5' },
    { name: 'lte', detection: `sel:\n  Count|lte: 2.5\ncondition: sel`, where: 'num(Count) <= 2.5' },
    { name: 'boolean', detection: `sel:\n  Enabled: true\ncondition: sel`, where: 'toLowerCase(Enabled) = "true"' },
    {
      name: 'IPv4 cidr',
      detection: `sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel`,
      where: 'compareCIDRPrefix("10.0.0.0", DestinationIp, "8")',
    },
    {
      name: 'IPv6 cidr → regex over the address text',
      detection: `sel:\n  Ip|cidr: 'fe80::/10'\ncondition: sel`,
      where: 'Ip matches /(?i)^(?:fe[8-9a-b][0-9a-f](?::.*)?)$/',
    },
    {
      name: 'fieldref equals',
      detection: `sel:\n  SourceUser|fieldref: TargetUser\ncondition: sel`,
      where: 'toLowerCase(SourceUser) = toLowerCase(TargetUser)',
    },
  ];
  runTable(rows);
});

describe('conditions: explicit parentheses, !( ) negation', () => {
  const rows: Row[] = [
    {
      name: 'and not',
      detection: `sel:\n  A: 'x'\nfilter:\n  B: 'y'\ncondition: sel and not filter`,
      where: 'toLowerCase(A) = "x" and !(toLowerCase(B) = "y")',
    },
    {
      name: 'or under and is grouped',
      detection: `a:\n  A: 'x'\nb:\n  B: 'y'\nc:\n  C: 'z'\ncondition: (a or b) and c`,
      where: '(toLowerCase(A) = "x" or toLowerCase(B) = "y") and toLowerCase(C) = "z"',
    },
    {
      name: 'and under or is grouped too',
      detection: `a:\n  A: 'x'\nb:\n  B: 'y'\nc:\n  C: 'z'\ncondition: a and b or c`,
      where: '(toLowerCase(A) = "x" and toLowerCase(B) = "y") or toLowerCase(C) = "z"',
    },
    {
      name: 'not over a group',
      detection: `a:\n  A: 'x'\n  B: 'y'\ncondition: not a`,
      where: '!(toLowerCase(A) = "x" and toLowerCase(B) = "y")',
    },
    {
      name: '1 of sel*',
      detection: `sel1:\n  A: 'x'\nsel2:\n  B: 'y'\ncondition: 1 of sel*`,
      where: 'toLowerCase(A) = "x" or toLowerCase(B) = "y"',
    },
  ];
  runTable(rows);
});

describe('keywords: quoted scope terms (term/phrase search, case-insensitive), else _raw regex', () => {
  const rows: { name: string; detection: string; query: string; logsource?: string }[] = [
    {
      name: 'keyword list → scope OR',
      detection: `keywords:\n  - 'evil'\n  - 'bad thing'\ncondition: keywords`,
      query: '(_sourceCategory=test) AND ("evil" OR "bad thing")\n| sort by _messageTime desc',
    },
    {
      name: 'wildcard keyword → bare term',
      detection: `keywords:\n  - 'evil*thing'\ncondition: keywords`,
      query: '(_sourceCategory=test) AND evil*thing\n| sort by _messageTime desc',
    },
    {
      // A JSON message holds the quote escaped (`say \"x\"`): the keyword is searched as it appears there.
      name: 'quote in a JSON message: searched JSON-escaped, in a _raw regex',
      detection: `keywords:\n  - 'say "x"'\ncondition: keywords`,
      query: '(_sourceCategory=test)\n| where _raw matches /(?is)^.*say \\x5c"x\\x5c".*$/\n| sort by _messageTime desc',
    },
    {
      name: 'quote in key=value text (auditd): scope phrase, escaped as \\" (documented)',
      detection: `keywords:\n  - 'say "x"'\ncondition: keywords`,
      logsource: '    product: linux\n    service: auditd',
      query: '(_sourceCategory=test) AND "say \\"x\\""\n| sort by _messageTime desc',
    },
    {
      name: 'keywords AND a selection: scope + where',
      detection: `keywords:\n  - 'evil'\nsel:\n  User: 'x'\ncondition: keywords and sel`,
      query: '(_sourceCategory=test) AND "evil"\n| where toLowerCase(User) = "x"\n| sort by _messageTime desc',
    },
    {
      name: 'not keywords',
      detection: `keywords:\n  - 'evil'\nsel:\n  User: 'x'\ncondition: sel and not keywords`,
      query: '(_sourceCategory=test) AND NOT "evil"\n| where toLowerCase(User) = "x"\n| sort by _messageTime desc',
    },
    {
      name: 'backslash keyword → _raw regex in where (doubled, as a JSON message holds it)',
      detection: `keywords:\n  - 'C:\\x'\ncondition: keywords`,
      query: '(_sourceCategory=test)\n| where _raw matches /(?is)^.*C:\\x5c\\x5cx.*$/\n| sort by _messageTime desc',
    },
    {
      name: 'backslash keyword in key=value text → _raw regex, one backslash',
      detection: `keywords:\n  - 'C:\\x'\ncondition: keywords`,
      logsource: '    product: linux\n    service: auditd',
      query: '(_sourceCategory=test)\n| where _raw matches /(?is)^.*C:\\x5cx.*$/\n| sort by _messageTime desc',
    },
    {
      name: 'keywords OR a selection → _raw in where',
      detection: `keywords:\n  - 'evil'\nsel:\n  User: 'x'\ncondition: keywords or sel`,
      query: '(_sourceCategory=test)\n| where _raw matches /(?is)^.*evil.*$/ or toLowerCase(User) = "x"\n| sort by _messageTime desc',
    },
  ];
  test.each(rows)('$name', ({ detection, query, logsource }) => {
    const r = convert(sumo, ruleYaml(detection, logsource ? { logsource } : {}), FEATURE_OPTIONS);
    expect(r.errors).toEqual([]);
    expect(r.queries).toEqual([query]);
    expect(validateSumoQuery(query)).toEqual([]);
  });
});

describe('unsupported features: located errors, no output', () => {
  const rows: { name: string; detection: string; message: RegExp; line: number }[] = [
    { name: 'RE2-incompatible regex', detection: `sel:\n  CommandLine|re: 'a(?=b)'\ncondition: sel`, message: /not valid RE2/, line: 9 },
    { name: 'field name that is no JSON key path', detection: `sel:\n  "a'b": 'x'\ncondition: sel`, message: /cannot be a JSON key path/, line: 9 },
    { name: 'fieldref startswith', detection: `sel:\n  A|fieldref|startswith: B\ncondition: sel`, message: /fieldref with startswith/, line: 9 },
  ];
  test.each(rows)('$name', ({ detection, message, line }) => {
    const r = convert(sumo, ruleYaml(detection), /JSON key path/.test(message.source) ? {} : FEATURE_OPTIONS);
    expect(r.queries).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(message);
    expect(r.errors[0]).toMatchObject({ file: 'rule.yml', line, rule: '11111111-2222-3333-4444-555555555555' });
  });
});

describe('output gate: a query our linter rejects is never handed out', () => {
  test('a broken query_expression_placeholders template becomes a located error', async () => {
    const { collectionOf, ruleWith, stringValue } = await import('./ir.js');
    const rule = ruleWith('F', stringValue('x', 'exact'));
    const item = rule.detections[0]!.body.items[0]!;
    const broken = { kind: 'query-expression' as const, expression: '{field} in ("a"', id: 'p', loc: { file: 'ir.yml', line: 7, column: 9 } };
    const withTemplate = {
      ...rule,
      detections: [{ ...rule.detections[0]!, body: { ...rule.detections[0]!.body, items: [{ ...item, values: [broken] }] } }],
    };
    const r = sumo.convert(collectionOf(withTemplate), { options: FEATURE_OPTIONS });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.rule])).toEqual([['backend/invalid-output', 1, '00000000-0000-0000-0000-000000000001']]);
    expect(r.diagnostics[0]!.message).toMatch(/fails the Sumo linter/);
  });
});

describe("Zeek dns.log answers in log search: a list, written only where any extracted text of it keeps the test's meaning", () => {
  // Zeek's answers is a vector (main.zeek:71, :422-424), a JSON array in the log; the text `json` extracts from it is
  // not documented: the same tests as Cloud SIEM's are right on it (shared/values.ts listProblem, cse-features.test.ts).
  const logsource = '    product: zeek\n    service: dns';
  const json = { scope: '_sourceCategory=zeek' };
  test.each<[string, string, string]>([
    ['contains: a substring of the array text', `sel:\n  answers|contains: 'IEX'\ncondition: sel`, 'toLowerCase(answers) matches "*iex*"'],
    ['a negated contains (no element holds it: the text does not)', `sel:\n  query: 'x.example'\nfilter:\n  answers|contains: '127.0.0.1'\ncondition: sel and not filter`, 'toLowerCase(query) = "x.example" and !(toLowerCase(answers) matches "*127.0.0.1*")'],
    ["'*' and null ask only whether the key is there", `a:\n  answers: '*'\nb:\n  answers: null\ncondition: a and not b`, '!isNull(answers) and !(isEmpty(answers))'],
  ])('written: %s', (_name, detection, where) => {
    const r = convert(sumo, ruleYaml(detection, { logsource }), json);
    expect(r.errors).toEqual([]);
    expect(r.queries[0]!.split('\n').find((l) => l.startsWith('| where '))).toBe(`| where ${where}`);
    expect(validateSumoQuery(r.queries[0]!)).toEqual([]);
  });

  test.each<[string, string, string, number, number, RegExp]>([
    ['equality (SigmaHQ zeek_dns_mining_pools exclude_answers)', `sel:\n  query: 'x.example'\nfilter:\n  answers:\n    - '127.0.0.1'\n    - '0.0.0.0'\ncondition: sel and not filter`, 'backend/unsupported-feature', 13, 11, /'answers' is Zeek's answers, a list kept as text Sumo does not document/],
    ['endswith (SigmaHQ zeek_dns_susp_zbit_flag exclude_responses)', `sel:\n  answers|endswith: 'x00'\ncondition: sel`, 'backend/unsupported-feature', 10, 25, /only a contains test of printable ASCII without " or \\ \(not only brackets, commas and spaces\) is right/],
    ['contains of only separators', `sel:\n  answers|contains: '", "'\ncondition: sel`, 'backend/unsupported-value', 10, 25, /only a contains test/],
    ['a regex', `sel:\n  answers|re: '^1\\.2'\ncondition: sel`, 'backend/unsupported-feature', 10, 19, /only a contains test/],
    ['a fieldref to answers', `sel:\n  query|fieldref: answers\ncondition: sel`, 'backend/unsupported-feature', 10, 23, /fieldref to answers, a list/],
  ])('refused, located at the value: %s', (_name, detection, code, line, column, message) => {
    const r = convert(sumo, ruleYaml(detection, { logsource }), json);
    expect(r.queries).toEqual([]);
    expect(r.errors.map((e) => [e.code, e.line, e.column])).toEqual([[code, line, column], ...(/- '0.0.0.0'/.test(detection) ? [[code, 14, 11]] : [])]);
    expect(r.errors[0]!.message).toMatch(message);
  });

  test('a Zeek log of one\'s own with no answers key, and other products, are untouched', () => {
    const r = convert(sumo, ruleYaml(`sel:\n  answers: '1.2.3.4'\ncondition: sel`, { logsource: '    product: test' }), json);
    expect(r.errors).toEqual([]);
    expect(r.queries[0]).toContain('toLowerCase(answers) = "1.2.3.4"');
  });
});
