// The documentation's own examples, run and compared with the results the documentation prints. Each case names
// the page it comes from; when the vendor snapshot is present (../shared), the query text is checked to be on that
// page, so the table cannot drift from the documentation.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKql, type KqlResult } from '../src/kql/index.js';
import { STATE_COUNTS, STORM_EVENTS } from './kql-fixtures.js';
import { VENDOR } from './records-fixtures.js';

const DOCS = resolve(VENDOR, 'microsoft/dataexplorer-docs/data-explorer/kusto/query');
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The query must appear on its documentation page (not checked without the snapshot; test/shared-data.test.ts then fails). */
function onPage(page: string, query: string): void {
  const file = resolve(DOCS, page);
  if (!existsSync(DOCS)) return;
  expect(squash(readFileSync(file, 'utf8')), `${page} holds the example`).toContain(squash(query));
}

const tables = { StormEvents: STORM_EVENTS };
const column = (r: KqlResult, c: string): unknown[] => r.rows.map((x) => x[c]);

// ------------------------------------------------------------------------------------------------------------------
// datatypes-string-operators.md: "Example (yields true)" for every operator; the negated form must yield false.
const STRING_TABLE: readonly string[] = [
  '"aBc" == "aBc"', '"abc" != "ABC"', '"abc" =~ "ABC"', '"aBc" !~ "xyz"', '"FabriKam" contains "BRik"',
  '"Fabrikam" !contains "xyz"', '"FabriKam" contains_cs "Kam"', '"Fabrikam" !contains_cs "Kam"',
  '"Fabrikam" endswith "Kam"', '"Fabrikam" !endswith "brik"', '"Fabrikam" endswith_cs "kam"',
  '"Fabrikam" !endswith_cs "brik"', '"North America" has "america"', '"North America" !has "amer"',
  '"North and South America" has_all("south", "north")', '"North America" has_any("south", "north")',
  '"North America" has_cs "America"', '"North America" !has_cs "amer"', '"North America" hasprefix "ame"',
  '"North America" !hasprefix "mer"', '"North America" hasprefix_cs "Ame"', '"North America" !hasprefix_cs "CA"',
  '"North America" hassuffix "ica"', '"North America" !hassuffix "americ"', '"North America" hassuffix_cs "ica"',
  '"North America" !hassuffix_cs "icA"', '"abc" in ("123", "345", "abc")', '"bca" !in ("123", "345", "abc")',
  '"Abc" in~ ("123", "345", "abc")', '"bCa" !in~ ("123", "345", "ABC")', '"Fabrikam" matches regex "b.*k"',
  '"Fabrikam" startswith "fab"', '"Fabrikam" !startswith "kam"', '"Fabrikam" startswith_cs "Fab"',
  '"Fabrikam" !startswith_cs "fab"',
];

describe('datatypes-string-operators.md: every "yields true" example', () => {
  it.each(STRING_TABLE)('%s', (expr) => {
    onPage('datatypes-string-operators.md', expr);
    expect(runKql(`print r = ${expr}`, {}).rows).toEqual([{ r: true }]);
    expect(runKql(`print r = not(${expr})`, {}).rows).toEqual([{ r: false }]);
  });

  it('"KustoExplorerQueryRun" has "Explorer" is false, contains is true (What is a term?)', () => {
    expect(runKql('print h = "KustoExplorerQueryRun" has "Explorer", c = "KustoExplorerQueryRun" contains "Explorer"', {}).rows).toEqual([
      { h: false, c: true },
    ]);
  });

  it('the terms of "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun" are its alphanumeric runs', () => {
    const s = '"Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun"';
    const terms = ['Kusto', 'KustoExplorerQueryRun', 'ad67d136', 'c1db', '4f9f', '88ef', 'd94f3b6b0b5a'];
    for (const t of terms) expect(runKql(`print r = ${s} has_cs "${t}"`, {}).rows, t).toEqual([{ r: true }]);
    for (const t of ['Explorer', 'ad67', 'd136', 'Kust']) expect(runKql(`print r = ${s} has_cs "${t}"`, {}).rows, t).toEqual([{ r: false }]);
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Operator pages: StormEvents examples and the State lists (or counts) they print.
interface StormCase {
  readonly page: string;
  readonly query: string;
  /** The printed State column (any order), or the printed Count. */
  readonly states?: readonly string[];
  readonly count?: number;
}

const STORM: readonly StormCase[] = [
  { page: 'contains-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State contains_cs "AS"', count: 8 },
  { page: 'contains-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State contains "enn"\n| where event_count > 10\n| project State, event_count', states: ['PENNSYLVANIA', 'TENNESSEE'] },
  { page: 'endswith-cs-operator.md', query: 'StormEvents\n| summarize Events = count() by State\n| where State endswith_cs "NA"', states: ['NORTH CAROLINA', 'MONTANA', 'INDIANA', 'SOUTH CAROLINA', 'LOUISIANA', 'ARIZONA'] },
  { page: 'endswith-operator.md', query: 'StormEvents\n| summarize Events=count() by State\n| where State endswith "sas"\n| where Events > 10\n| project State, Events', states: ['KANSAS', 'ARKANSAS'] },
  { page: 'equals-cs-operator.md', query: 'StormEvents\n| where State == "kansas"\n| count', count: 0 },
  { page: 'equals-cs-operator.md', query: 'StormEvents\n| where State == "KANSAS"\n| count', count: 3166 },
  { page: 'has-any-operator.md', query: 'StormEvents \n| where State has_any ("CAROLINA", "DAKOTA", "NEW") \n| summarize count() by State', states: ['NEW YORK', 'NORTH CAROLINA', 'SOUTH DAKOTA', 'NEW JERSEY', 'SOUTH CAROLINA', 'NORTH DAKOTA', 'NEW MEXICO', 'NEW HAMPSHIRE'] },
  { page: 'has-any-operator.md', query: "StormEvents \n| where State has_any (dynamic(['south', 'north']))\n| summarize count() by State", states: ['NORTH CAROLINA', 'SOUTH DAKOTA', 'SOUTH CAROLINA', 'NORTH DAKOTA', 'ATLANTIC SOUTH', 'ATLANTIC NORTH'] },
  { page: 'has-any-operator.md', query: "let areas = dynamic(['south', 'north']);\nStormEvents \n| where State has_any (areas)\n| summarize count() by State", states: ['NORTH CAROLINA', 'SOUTH DAKOTA', 'SOUTH CAROLINA', 'NORTH DAKOTA', 'ATLANTIC SOUTH', 'ATLANTIC NORTH'] },
  { page: 'has-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State has_cs "FLORIDA"', states: ['FLORIDA'] },
  { page: 'has-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State has_cs "florida"', states: [] },
  { page: 'has-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State has "New"\n| where event_count > 10\n| project State, event_count', states: ['NEW YORK', 'NEW JERSEY', 'NEW MEXICO', 'NEW HAMPSHIRE'] },
  { page: 'hasprefix-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State hasprefix_cs "P"\n| count', count: 3 },
  { page: 'hasprefix-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State hasprefix_cs "P"\n| project State, event_count', states: ['PENNSYLVANIA', 'PUERTO RICO', 'E PACIFIC'] },
  { page: 'hasprefix-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State hasprefix "la"\n| project State, event_count', states: ['LAKE MICHIGAN', 'LAKE HURON', 'LAKE SUPERIOR', 'LAKE ST CLAIR', 'LAKE ERIE', 'LAKE ONTARIO'] },
  { page: 'hassuffix-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State hassuffix_cs "AS"\n| where event_count > 2000\n| project State, event_count', states: ['TEXAS', 'KANSAS'] },
  { page: 'hassuffix-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State hassuffix "th"\n| project State, event_count', states: ['NORTH CAROLINA', 'SOUTH DAKOTA', 'SOUTH CAROLINA', 'NORTH DAKOTA', 'ATLANTIC SOUTH', 'ATLANTIC NORTH'] },
  { page: 'in-cs-operator.md', query: 'StormEvents \n| where State in ("FLORIDA", "GEORGIA", "NEW YORK") \n| count', count: 4775 },
  { page: 'in-cs-operator.md', query: "let states = dynamic(['FLORIDA', 'ATLANTIC SOUTH', 'GEORGIA']);\nStormEvents \n| where State in (states)\n| count", count: 3218 },
  { page: 'in-operator.md', query: 'StormEvents \n| where State in~ ("FLORIDA", "georgia", "NEW YORK") \n| count', count: 4775 },
  { page: 'in-operator.md', query: 'StormEvents \n| where State in~ (dynamic(["FLORIDA", "georgia", "NEW YORK"])) \n| count', count: 4775 },
  { page: 'matches-regex-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State matches regex "K.*S"\n| where event_count > 10\n| project State, event_count', states: ['KANSAS', 'ARKANSAS', 'LAKE SUPERIOR', 'LAKE ST CLAIR'] },
  { page: 'not-contains-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !contains_cs "AS"\n| count', count: 59 },
  { page: 'not-contains-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !contains_cs "TEX"\n| where event_count > 3000\n| project State, event_count', states: ['KANSAS'] },
  { page: 'not-contains-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !contains "kan"\n| where event_count > 3000\n| project State, event_count', states: ['TEXAS'] },
  { page: 'not-endswith-operator.md', query: 'StormEvents\n| summarize Events=count() by State\n| where State !endswith "is"\n| where Events > 2000\n| project State, Events', states: ['TEXAS', 'KANSAS', 'IOWA', 'MISSOURI'] },
  { page: 'not-equals-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where (State != "FLORIDA") and (event_count > 4000)\n| project State, event_count', states: ['TEXAS'] },
  { page: 'not-equals-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where (State !~ "texas") and (event_count > 3000)\n| project State, event_count', states: ['KANSAS'] },
  { page: 'not-has-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !has_cs "new"\n| count', count: 67 },
  { page: 'not-has-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !has "NEW"\n| where event_count > 3000\n| project State, event_count', states: ['TEXAS', 'KANSAS'] },
  { page: 'not-hasprefix-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !hasprefix_cs "P"\n| count', count: 64 },
  { page: 'not-hasprefix-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !hasprefix "N"\n| where event_count > 2000\n| project State, event_count', states: ['TEXAS', 'KANSAS', 'IOWA', 'ILLINOIS', 'MISSOURI'] },
  { page: 'not-hassuffix-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !hassuffix_cs "AS"\n| where event_count > 2000\n| project State, event_count', states: ['IOWA', 'ILLINOIS', 'MISSOURI'] },
  { page: 'not-hassuffix-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !hassuffix "A"\n| where event_count > 2000\n| project State, event_count', states: ['TEXAS', 'KANSAS', 'ILLINOIS', 'MISSOURI'] },
  { page: 'not-in-cs-operator.md', query: 'StormEvents \n| where State !in ("FLORIDA", "GEORGIA", "NEW YORK") \n| count', count: 54291 },
  { page: 'not-in-cs-operator.md', query: 'StormEvents \n| where State !in (dynamic(["FLORIDA", "GEORGIA", "NEW YORK"])) \n| count', count: 54291 },
  { page: 'not-in-operator.md', query: 'StormEvents \n| where State !in~ ("Florida", "Georgia", "New York") \n| count', count: 54291 },
  { page: 'not-in-operator.md', query: 'StormEvents \n| where State !in~ (dynamic(["Florida", "Georgia", "New York"])) \n| count', count: 54291 },
  { page: 'not-startswith-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !startswith_cs "I"\n| where event_count > 2000\n| project State, event_count', states: ['TEXAS', 'KANSAS', 'MISSOURI'] },
  { page: 'not-startswith-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State !startswith "i"\n| where event_count > 2000\n| project State, event_count', states: ['TEXAS', 'KANSAS', 'MISSOURI'] },
  { page: 'startswith-cs-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State startswith_cs "I"\n| where event_count > 2000\n| project State, event_count', states: ['IOWA', 'ILLINOIS'] },
  { page: 'startswith-operator.md', query: 'StormEvents\n| summarize event_count=count() by State\n| where State startswith "Lo"\n| where event_count > 10\n| project State, event_count', states: ['LOUISIANA'] },
];

describe('operator pages: the StormEvents examples print what the documentation prints', () => {
  it('the fixture has the documented totals (67 states, 59,066 events)', () => {
    expect(Object.keys(STATE_COUNTS)).toHaveLength(67);
    expect(STORM_EVENTS.rows).toHaveLength(59_066);
  });

  it.each(STORM.map((c) => [`${c.page}: ${squash(c.query)}`, c] as const))('%s', (_, c) => {
    onPage(c.page, c.query);
    const r = runKql(c.query, tables);
    if (c.count !== undefined) {
      const n = 'Count' in r.columns ? r.rows[0]!['Count'] : r.rows.length;
      expect(n).toBe(c.count);
    }
    if (c.states) expect(column(r, 'State').sort()).toEqual([...c.states].sort());
    // Where the example prints counts, they are the documented ones.
    for (const row of r.rows) {
      const n = row['event_count'] ?? row['Events'] ?? row['count_'];
      if (typeof n === 'number' && typeof row['State'] === 'string') expect(n).toBe(STATE_COUNTS[row['State']]);
    }
  });

  it('not-endswith-cs-operator.md: the first 10 results, by count', () => {
    const q = 'StormEvents\n| summarize Events=count() by State\n| where State !endswith_cs "A"';
    onPage('not-endswith-cs-operator.md', q);
    const r = runKql(`${q}\n| top 10 by Events`, tables);
    expect(column(r, 'State')).toEqual(['TEXAS', 'KANSAS', 'ILLINOIS', 'MISSOURI', 'WISCONSIN', 'NEW YORK', 'COLORADO', 'MICHIGAN', 'KENTUCKY', 'OHIO']);
    expect(column(r, 'Events')).toEqual([4701, 3166, 2022, 2016, 1850, 1750, 1654, 1637, 1391, 1233]);
  });

  it('equals-operator.md: State =~ "kansas" projects the KANSAS rows', () => {
    const q = 'StormEvents\n| where State =~ "kansas"';
    onPage('equals-operator.md', q);
    const r = runKql(`${q} | project State`, tables);
    expect(r.rows).toHaveLength(3166);
    expect(new Set(column(r, 'State'))).toEqual(new Set(['KANSAS']));
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Function pages with self-contained examples (print / datatable).
interface PrintCase {
  readonly page: string;
  readonly query: string;
  readonly rows: readonly Record<string, unknown>[];
}

const PRINTS: readonly PrintCase[] = [
  { page: 'has-ipv4-function.md', query: "print result=has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1')", rows: [{ result: true }] },
  { page: 'has-ipv4-function.md', query: "print result=has_ipv4('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256')", rows: [{ result: false }] },
  { page: 'has-ipv4-function.md', query: "print result=has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1')", rows: [{ result: false }] },
  { page: 'has-any-ipv4-function.md', query: "print result=has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '127.0.0.2')", rows: [{ result: true }] },
  { page: 'has-any-ipv4-function.md', query: "print result=has_any_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', dynamic(['127.0.0.1', '127.0.0.2']))", rows: [{ result: true }] },
  { page: 'has-any-ipv4-function.md', query: 'print result=has_any_ipv4(\'05:04:54 127.0.0.256 GET /favicon.ico 404\', dynamic(["127.0.0.256", "192.168.1.1"]))', rows: [{ result: false }] },
  { page: 'has-any-ipv4-function.md', query: "print result=has_any_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', '192.168.1.1') // false, improperly delimited IP address", rows: [{ result: false }] },
  { page: 'has-ipv4-prefix-function.md', query: "print result=has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.')", rows: [{ result: true }] },
  { page: 'has-ipv4-prefix-function.md', query: "print result=has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')", rows: [{ result: false }] },
  { page: 'has-ipv4-prefix-function.md', query: "print result=has_ipv4_prefix('05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.')", rows: [{ result: false }] },
  { page: 'has-ipv4-prefix-function.md', query: "print result=has_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.')", rows: [{ result: false }] },
  { page: 'has-any-ipv4-prefix-function.md', query: "print result=has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.', '192.168.') // true", rows: [{ result: true }] },
  { page: 'has-any-ipv4-prefix-function.md', query: 'print result=has_any_ipv4_prefix(\'05:04:54 127.0.0.1 GET /favicon.ico 404\', dynamic(["127.0.", "192.168."]))', rows: [{ result: true }] },
  { page: 'has-any-ipv4-prefix-function.md', query: "print result=has_any_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')", rows: [{ result: false }] },
  { page: 'has-any-ipv4-prefix-function.md', query: "print result=has_any_ipv4_prefix('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', '192.')", rows: [{ result: false }] },
  { page: 'tostring-function.md', query: 'print tostring(123)', rows: [{ print_0: '123' }] },
  {
    page: 'parse-json-function.md',
    query: 'datatable(context_custom_metrics:string)\n[\n    \'{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}\'\n]\n| extend d = parse_json(context_custom_metrics)\n| extend duration_value = d.duration.value, duration_min = d.duration.min',
    rows: [
      {
        context_custom_metrics: '{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}',
        d: { duration: { value: 118, count: 5, min: 100, max: 150, stdDev: 0, sampledValue: 118, sum: 118 } },
        duration_value: 118,
        duration_min: 100,
      },
    ],
  },
  {
    page: 'scalar-data-types/dynamic.md',
    query: 'print o=dynamic({"a":123, "b":"hello", "c":[1,2,3], "d":{}})\n| extend a=o.a, b=o.b, c=o.c, d=o.d',
    rows: [{ o: { a: 123, b: 'hello', c: [1, 2, 3], d: {} }, a: 123, b: 'hello', c: [1, 2, 3], d: {} }],
  },
  { page: 'scalar-data-types/dynamic.md', query: 'print d=dynamic({"a": datetime(1970-05-11)})', rows: [{ d: { a: '1970-05-11T00:00:00Z' } }] },
];

describe('function pages: self-contained examples print the documented result', () => {
  it.each(PRINTS.map((c) => [`${c.page}: ${squash(c.query)}`, c] as const))('%s', (_, c) => {
    onPage(c.page, c.query);
    expect(runKql(c.query, {}).rows).toEqual(c.rows);
  });

  it('dynamic.md: parse_json of the documented strings', () => {
    const cases: [string, unknown][] = [
      ["parse_json('[43, 21, 65]')", [43, 21, 65]],
      ['parse_json(\'{"name":"Alan", "age":21, "address":{"street":432,"postcode":"JLK32P"}}\')', { name: 'Alan', age: 21, address: { street: 432, postcode: 'JLK32P' } }],
      ["parse_json('21')", 21],
      ['parse_json(\'"21"\')', '21'],
      ['parse_json(\'{"a":123, "b":"hello", "c":[1,2,3], "d":{}}\')', { a: 123, b: 'hello', c: [1, 2, 3], d: {} }],
    ];
    for (const [expr, want] of cases) {
      onPage('scalar-data-types/dynamic.md', expr);
      expect(runKql(`print r = ${expr}`, {}).rows, expr).toEqual([{ r: want }]);
    }
  });

  it('parse-json-function.md: an invalid JSON string stays a dynamic string', () => {
    expect(runKql('print r = parse_json("not json"), t = tostring(parse_json("not json"))', {}).rows).toEqual([{ r: 'not json', t: 'not json' }]);
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Pages the snapshot lacks (quoted in src/kql/SOURCES.md with their URLs).
describe('null-values.md (SOURCES.md): comparisons with null', () => {
  it('datatable(val:int)[5, int(null)] with >, ==, != against null', () => {
    const q =
      'datatable(val:int)[5, int(null)]\n| extend IsBiggerThan3 = val > 3\n| extend IsBiggerThan3OrNull = val > 3 or isnull(val)\n| extend IsEqualToNull = val == int(null)\n| extend IsNotEqualToNull = val != int(null)';
    expect(runKql(q, {}).rows).toEqual([
      { val: 5, IsBiggerThan3: true, IsBiggerThan3OrNull: true, IsEqualToNull: false, IsNotEqualToNull: true },
      { val: null, IsBiggerThan3: null, IsBiggerThan3OrNull: true, IsEqualToNull: null, IsNotEqualToNull: null },
    ]);
  });

  it('where treats a null predicate as false; tostring(null) is ""', () => {
    expect(runKql('datatable(val:long)[long(null), 1] | where val > 0 or val < 0 | count', {}).rows).toEqual([{ Count: 1 }]);
    expect(runKql('print s = tostring(long(null)), e = isempty(tostring(long(null)))', {}).rows).toEqual([{ s: '', e: true }]);
  });
});

describe('parse-xml-function.md (SOURCES.md): the documented XML to JSON conversions', () => {
  const CONVERSIONS: readonly [string, unknown][] = [
    ['<e/>', { e: null }],
    ['<e>text</e>', { e: 'text' }],
    ['<e name="value" />', { e: { '@name': 'value' } }],
    ['<e name="value">text</e>', { e: { '@name': 'value', '#text': 'text' } }],
    ['<e> <a>text</a> <b>text</b> </e>', { e: { a: 'text', b: 'text' } }],
    ['<e> <a>text</a> <a>text</a> </e>', { e: { a: ['text', 'text'] } }],
    ['<e> text <a>text</a> </e>', { e: { '#text': ' text ', a: 'text' } }],
  ];
  it.each(CONVERSIONS)('%s', (xml, json) => {
    expect(runKql(`print r = parse_xml(@'${xml}')`, {}).rows).toEqual([{ r: json }]);
  });

  it('invalid XML gives null; declarations and comments are skipped', () => {
    expect(runKql("print r = parse_xml('<a><b></a>')", {}).rows).toEqual([{ r: null }]);
    expect(runKql("print r = parse_xml('<?xml version=\"1.0\"?><!-- c --><a x=\"1\">t</a>')", {}).rows).toEqual([{ r: { a: { '@x': '1', '#text': 't' } } }]);
  });

  it('the access paths the table gives: o.e["@name"], o.e.a[1]', () => {
    expect(runKql("print n = tostring(parse_xml('<e name=\"value\">text</e>').e['@name']), a = tostring(parse_xml('<e><a>x</a><a>y</a></e>').e.a[1])", {}).rows).toEqual([
      { n: 'value', a: 'y' },
    ]);
  });
});

describe('isempty-function.md (SOURCES.md): the documented table', () => {
  const ROWS: readonly [string, boolean][] = [
    ['""', true],
    ['"x"', false],
    ['parsejson("")', true],
    ['parsejson("[]")', false],
    ['parsejson("{}")', false],
  ];
  it.each(ROWS)('isempty(%s) is %s', (x, want) => {
    expect(runKql(`print r = isempty(${x}), n = isnotempty(${x})`, {}).rows).toEqual([{ r: want, n: !want }]);
  });
});

describe('ipv4-is-match-function.md / ipv6-is-match-function.md (SOURCES.md): documented comparisons', () => {
  it('ipv4_is_match: the IP-prefix in either string is used', () => {
    expect(runKql("print ipv4_is_match('192.168.1.1/24', '192.168.1.255')", {}).rows).toEqual([{ print_0: true }]);
    const q =
      "datatable(ip1_string:string, ip2_string:string)\n[\n'192.168.1.0', '192.168.1.0', // Equal IPs\n'192.168.1.1/24', '192.168.1.255', // 24 bit IP-prefix is used for comparison\n'192.168.1.1', '192.168.1.255/24', // 24 bit IP-prefix is used for comparison\n'192.168.1.1/30', '192.168.1.255/24', // 24 bit IP-prefix is used for comparison\n]\n| extend result = ipv4_is_match(ip1_string, ip2_string)";
    expect(runKql(q, {}).rows.map((r) => r['result'])).toEqual([true, true, true, true]);
  });

  it('ipv6_is_match: "IPv4 are compared as IPv6 addresses", with a 24 bit IPv4 prefix', () => {
    const q =
      "datatable(ip1_string:string, ip2_string:string)\n[\n// IPv4 are compared as IPv6 addresses\n'192.168.1.1', '192.168.1.1', // Equal IPs\n'192.168.1.1/24', '192.168.1.255', // 24 bit IP4-prefix is used for comparison\n'192.168.1.1', '192.168.1.255/24', // 24 bit IP4-prefix is used for comparison\n'192.168.1.1/30', '192.168.1.255/24', // 24 bit IP4-prefix is used for comparison\n// IPv6 cases\n'fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7994', // Equal IPs\n]\n| extend result = ipv6_is_match(ip1_string, ip2_string)";
    expect(runKql(q, {}).rows.map((r) => r['result'])).toEqual([true, true, true, true, true]);
  });

  it('an IPv4 range given to ipv6_is_in_range covers its own 32 bits (assumption A8)', () => {
    expect(runKql("print a = ipv6_is_in_range('10.1.2.3', '10.0.0.0/8'), b = ipv6_is_in_range('11.1.2.3', '10.0.0.0/8'), c = ipv6_is_in_range('::ffff:10.1.2.3', '10.0.0.0/8')", {}).rows).toEqual([{ a: true, b: false, c: true }]);
  });

  it('ipv4_is_in_range / ipv4_is_in_any_range: null when an address does not convert', () => {
    expect(runKql("print a = ipv4_is_in_range('192.168.1.6', '192.168.1.1/24'), b = ipv4_is_in_range('192.168.1.1', '192.168.2.1/24'), c = ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16'), d = ipv4_is_in_any_range('::1', '10.0.0.0/8')", {}).rows).toEqual([{ a: true, b: false, c: true, d: null }]);
  });
});

describe('mv-apply-operator.md (SOURCES.md): the introduction example', () => {
  it('"T | mv-apply Metric to typeof(real) on (top 2 by Metric desc)" keeps the two biggest values of each array', () => {
    const q = 'let T = datatable(Id:long, Metric:dynamic)[1, dynamic([1.5, 9.0, 3.0]), 2, dynamic([4.0]), 3, dynamic([])];\nT | mv-apply Metric to typeof(real) on\n(\ntop 2 by Metric desc\n)';
    const r = runKql(q, {});
    // The expanded column replaces the input column, typed as the `to typeof()` says.
    expect(r.columns).toEqual({ Id: 'long', Metric: 'real' });
    expect(r.rows).toEqual([
      { Id: 1, Metric: 9 },
      { Id: 1, Metric: 3 },
      { Id: 2, Metric: 4 },
    ]);
  });
});
