// The Kusto functions Microsoft's ASIM web-session parsers call (ASimWebSessionIIS.yaml, ASimWebSessionzScalerZIA.yaml),
// run on the examples their documentation pages print (quoted in src/kql/SOURCES.md; the pages are not in the vendor
// snapshot), plus the two behaviours the parsers lean on: coalesce skips empty strings, extract without a match is "".
import { describe, expect, it } from 'vitest';
import { runKql } from '../src/kql/index.js';
import type { KqlTable } from '../src/types.js';

const print = (expr: string): unknown => runKql(`print r = ${expr}`, {}).rows[0]!['r'];

describe('coalesce: "the first non-null (or non-empty for string) expression"', () => {
  it.each([
    ['coalesce(tolong("not a number"), tolong("42"), 33)', 42],
    ['coalesce("", "x")', 'x'],
    ['coalesce("", "", "y")', 'y'],
    ['coalesce("a", "x")', 'a'],
    ['coalesce("", "")', ''],
    ['coalesce(int(null), int(null))', null],
  ])('%s', (expr, want) => expect(print(expr)).toStrictEqual(want));

  it('a column holding "" is skipped like a null one', () => {
    const t: KqlTable = { name: 'T', columns: { a: 'string', b: 'string' }, rows: [{ a: '', b: 'second' }, { a: 'first', b: 'second' }] };
    expect(runKql('T | project r = coalesce(a, b)', { T: t }).rows).toEqual([{ r: 'second' }, { r: 'first' }]);
  });
});

describe('extract: no match is "" (a string is never null)', () => {
  it('the page example: EmailId is empty where the text has no email', () => {
    const q = `let _data = datatable(Text: string)
[
"User: James, Email: James@example.com, Age: 29",
"User: David, Age: 35"
];
_data |
extend UserName = extract("User: ([^,]+)", 1, Text),
EmailId = extract(@"Email: (\\S+),", 1, Text),
Age = extract(@"\\d+", 0, Text)`;
    expect(runKql(q, {}).rows.map((r) => [r['UserName'], r['EmailId'], r['Age']])).toEqual([
      ['James', 'James@example.com', '29'],
      ['David', '', '35'],
    ]);
  });

  it('the page example with a type literal: typeof(int)', () => {
    const q = `let Dates = datatable(DateString: string)
[
"15-12-2024",
"21-07-2023",
"10-03-2022"
];
Dates
| extend Month = extract(@"-(\\d{2})-", 1, DateString, typeof(int))
| project DateString, Month`;
    expect(runKql(q, {}).rows.map((r) => r['Month'])).toEqual([12, 7, 3]);
  });

  it.each([
    ['extract(@"outcome=(.*?)(?:;|$)", 1, "reason=Allowed;outcome=200;cat=x", typeof(string))', '200'],
    ['extract(@"outcome=(.*?)(?:;|$)", 1, "reason=Allowed", typeof(string))', ''],
    ['extract(@"(\\d+)", 1, "no digits", typeof(int))', null],
    ['extract(@"(x)", 1, "abc")', ''],
  ])('%s', (expr, want) => expect(print(expr)).toStrictEqual(want));

  it('a fourth argument that is not a type literal is an error', () => {
    expect(() => print('extract("a", 0, "a", "string")')).toThrow(/type literal/);
  });
});

describe('extract_all, url_decode, strcat_array, array_slice, tohex, column_ifexists: the pages\' examples', () => {
  it.each([
    ['extract_all(@"(\\d+)", "a set of numbers: 123, 567 and 789")', ['123', '567', '789']],
    ['extract_all(@"(\\w)(\\w+)(\\w)", "82b8be2d-dfa7-4bd1-8f63-24ad26d31449")', [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]],
    ['extract_all(@"(\\d+)", "none")', null],
    // The IIS parser's host forms (ASimWebSessionIIS.yaml:85-87); an unmatched optional group is "" (A14).
    ["extract_all(@'^(\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\:(\\d+))?$', '10.0.0.1:8080')[0]", ['10.0.0.1', '8080']],
    ["extract_all(@'^(\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\:(\\d+))?$', '10.0.0.1')[0]", ['10.0.0.1', '']],
    ["extract_all(@'^([^\\\\\\d:]+)(?:\\:(\\d+))?$', 'web01.contoso.com')[0]", null],
    ["url_decode('https%3a%2f%2fwww.bing.com%2f')", 'https://www.bing.com/'],
    ["url_decode('a+b%20c%zz')", 'a+b c%zz'],
    ["url_decode('caf%C3%A9')", 'café'],
    ['strcat_array(dynamic([1, 2, 3]), "->")', '1->2->3'],
    ['strcat_array(dynamic([1, 2, 3]), \'"\')', '1"2"3'],
    ['array_slice(dynamic([1,2,3]), 1, 2)', [2, 3]],
    ['array_slice(dynamic([1,2,3,4,5]), 2, -1)', [3, 4, 5]],
    ['array_slice(dynamic([1,2,3,4,5]), -3, -2)', [3, 4]],
    ['array_slice(dynamic([1]), 1, -1)', []],
    ['strcat_array(array_slice(split("www.contoso.com", "."), 1, -1), ".")', 'contoso.com'],
    // tohex's page: "tohex(256) == '100'", "tohex(-256) == 'ffffffffffffff00'", "tohex(toint(-256), 8) == 'ffffff00'",
    // "tohex(256, 8) == '00000100'", "tohex(256, 2) == '100'".
    ['tohex(256)', '100'],
    ['tohex(-256)', 'ffffffffffffff00'],
    ['tohex(toint(-256), 8)', 'ffffff00'],
    ['tohex(256, 8)', '00000100'],
    ['tohex(256, 2)', '100'],
    ['tohex(tolong("999"))', '3e7'],
  ])('%s', (expr, want) => expect(print(expr)).toStrictEqual(want));

  it('column_ifexists reads the column when it exists, else the default', () => {
    const t: KqlTable = { name: 'StormEvents', columns: { State: 'string', EventOutcome: 'string' }, rows: [{ State: 'FLORIDA', EventOutcome: '404' }] };
    // (The page prints the column as State; the interpreter's naming of unnamed expressions is SOURCES.md A11.)
    expect(runKql('StormEvents | project column_ifexists("Capital", State)', { StormEvents: t }).rows.map((r) => Object.values(r))).toEqual([['FLORIDA']]);
    expect(runKql('StormEvents | project r = column_ifexists("EventOutcome", "")', { StormEvents: t }).rows).toEqual([{ r: '404' }]);
    expect(() => runKql('StormEvents | project r = column_ifexists(State, "")', { StormEvents: t })).toThrow(/string literal/);
  });
});
