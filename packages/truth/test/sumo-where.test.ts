import { describe, expect, test } from 'vitest';
import { compileSumo } from '../src/sumo/index.js';
import { DOC, msg } from './sumo-helpers.js';

/**
 * `where` expressions of log search, from the operator pages (SOURCES.md). Each row runs
 * `* | parse regex "a=(?<a>[^;]*);" nodrop | parse regex "b=(?<b>[^;]*);" nodrop | where <cond>` on one message,
 * so `a`/`b` hold text when present in the message and are null otherwise.
 */

const OPS = `${DOC}search/search-query-language/search-operators/`;

function where(cond: string, raw: string, options = {}): boolean {
  const q = `* | parse regex "a=(?<a>[^;]*);" nodrop | parse regex "b=(?<b>[^;]*);" nodrop | where ${cond}`;
  return compileSumo(q, options).run([msg(raw)]).length === 1;
}

const rows: readonly { cond: string; raw: string; hit: boolean; source: string }[] = [
  // Comparisons: "String comparisons are case sensitive" (field-expressions); `<>` is `!=`.
  { cond: 'a = "Root"', raw: 'a=Root;', hit: true, source: `${DOC}search/search-query-language/field-expressions/` },
  { cond: 'a = "root"', raw: 'a=Root;', hit: false, source: 'field-expressions' },
  { cond: 'a == "Root"', raw: 'a=Root;', hit: true, source: 'field-expressions' },
  { cond: 'a <> "root"', raw: 'a=Root;', hit: true, source: `${OPS}where/` },
  { cond: 'a != "Root"', raw: 'a=Root;', hit: false, source: 'where' },
  // Implicit cast when a number is needed: `where status_code >= 400` (timeslice example 3).
  { cond: 'a >= 400', raw: 'a=404;', hit: true, source: `${OPS}timeslice/` },
  { cond: 'a >= 400', raw: 'a=99;', hit: false, source: 'timeslice' },
  { cond: 'a > 5', raw: 'a=abc;', hit: false, source: 'manually-cast-data-string-number (no number: false)' },
  { cond: '(a >= 10 and a <= 20)', raw: 'a=15;', hit: true, source: 'where' },
  // `in` is typed: "If you're using in or not in to match integers, cast "x" to a number first".
  { cond: 'a in (4, 3, 5)', raw: 'a=4;', hit: false, source: 'where' },
  { cond: 'num(a) in (4, 3, 5)', raw: 'a=4;', hit: true, source: 'where' },
  { cond: 'a in ("error", "fail")', raw: 'a=fail;', hit: true, source: `${OPS}in/` },
  { cond: 'a not in ("error", "fail")', raw: 'a=ok;', hit: true, source: 'where' },
  { cond: 'a in ("error", "fail")', raw: 'a=FAIL;', hit: false, source: 'in (case-sensitive)' },
  // matches "pattern": "*" wildcards, the whole value, case-sensitive.
  { cond: 'a matches "fail*"', raw: 'a=failed login;', hit: true, source: `${OPS}matches/` },
  { cond: 'a matches "fail*"', raw: 'a=it failed;', hit: false, source: 'matches' },
  { cond: 'a matches "*Windows NT*"', raw: 'a=Mozilla (Windows NT 10.0);', hit: true, source: 'matches' },
  { cond: 'a matches "*windows nt*"', raw: 'a=Mozilla (Windows NT 10.0);', hit: false, source: 'matches: "The string expression is case-sensitive"' },
  { cond: 'a matches "a?c"', raw: 'a=abc;', hit: false, source: 'matches: only * is a wildcard' },
  { cond: 'a matches "a?c"', raw: 'a=a?c;', hit: true, source: 'matches' },
  { cond: '!(a matches "200")', raw: 'a=404;', hit: true, source: 'where ("Using the not option")' },
  // matches /regex/: RE2.
  { cond: 'a matches /12\\.1[34][1-5]\\.12\\.12[3-7]/', raw: 'a=12.135.12.125;', hit: true, source: 'matches' },
  { cond: 'a matches /(?i)^error$/', raw: 'a=ERROR;', hit: true, source: 'parse-variable-patterns-using-regex ((?i))' },
  // toLowerCase/toUpperCase "useful when you use … = and !=" (case-sensitive otherwise).
  { cond: 'toLowerCase(a) = "root"', raw: 'a=Root;', hit: true, source: `${OPS}tolowercase-touppercase/` },
  { cond: 'toUpperCase(a) matches "NITE*"', raw: 'a=nite-1;', hit: true, source: 'tolowercase-touppercase' },
  // isNull / isEmpty / isBlank tables (isnull-isempty-isblank).
  { cond: 'isNull(a)', raw: 'nothing', hit: true, source: `${OPS}isnull-isempty-isblank/` },
  { cond: 'isNull(a)', raw: 'a=;', hit: false, source: 'isNull("") = false' },
  { cond: 'isEmpty(a)', raw: 'a=;', hit: true, source: 'isEmpty("") = true' },
  { cond: 'isEmpty(a)', raw: 'nothing', hit: true, source: 'isEmpty(null) = true' },
  { cond: 'isEmpty(a)', raw: 'a= ;', hit: false, source: 'isEmpty(" ") = false' },
  { cond: 'isBlank(a)', raw: 'a= ;', hit: true, source: 'isBlank(" ") = true' },
  { cond: 'isBlank(a)', raw: 'a= bob ;', hit: false, source: 'isBlank(" bob ") = false' },
  // A test on a missing (null) field is false; its negation true.
  { cond: 'a = "x"', raw: 'nothing', hit: false, source: 'A-NULL (cse-rules-syntax: null = "foo" // false)' },
  { cond: '!(a = "x")', raw: 'nothing', hit: true, source: 'A-NULL (cse-rules-syntax: !(null) // true)' },
  { cond: 'a != "x"', raw: 'nothing', hit: false, source: 'A-NULL-NE' },
  { cond: 'toLowerCase(a) matches "*x*"', raw: 'nothing', hit: false, source: 'A-NULL' },
  // compareCIDRPrefix (cidr).
  { cond: 'compareCIDRPrefix("10.10.1.32", a, "27")', raw: 'a=10.10.1.35;', hit: true, source: `${OPS}cidr/` },
  { cond: 'compareCIDRPrefix("10.10.1.32", a, "27")', raw: 'a=10.10.1.64;', hit: false, source: 'cidr' },
  { cond: '!compareCIDRPrefix("10.10.1.32", a, "27")', raw: 'a=10.10.1.64;', hit: true, source: 'cidr' },
  { cond: 'compareCIDRPrefix("10.0.0.0", a, "8")', raw: 'a=fe80::1;', hit: false, source: 'cidr (IPv4 only)' },
  { cond: 'compareCIDRPrefix("0.0.0.0", a, "0")', raw: 'a=8.8.8.8;', hit: true, source: 'cidr (prefix 0-32)' },
  // contains: case-sensitive; both empty true, one empty false.
  { cond: 'contains(a, b)', raw: 'a=123 Main Street, San Francisco, California;b=San Francisco;', hit: true, source: `${OPS}contains/` },
  { cond: 'a contains b', raw: 'a=San Francisco;b=san;', hit: false, source: 'contains (case-sensitive)' },
  { cond: 'contains(a, b)', raw: 'a=;b=;', hit: true, source: 'contains (both empty)' },
  { cond: 'contains(a, b)', raw: 'a=x;b=;', hit: false, source: 'contains (one empty)' },
  // length: "If the string is null, it returns 0."
  { cond: 'length(a) <= 3', raw: 'a=abc;', hit: true, source: `${OPS}length/` },
  { cond: 'length(a) = 0', raw: 'nothing', hit: true, source: 'length' },
  // concat: "A null field is treated as an empty string."
  { cond: 'concat(a, "-", b) = "x-"', raw: 'a=x;', hit: true, source: `${OPS}concat/` },
  // if
  { cond: 'if(a = "x", 1, 0) = 1', raw: 'a=x;', hit: true, source: `${OPS}if/` },
  { cond: 'if(isNull(a), "unknown", a) = "unknown"', raw: 'nothing', hit: true, source: 'isnull-isempty-isblank example' },
  // Boolean operators and literals.
  { cond: 'a = "x" or b = "y"', raw: 'b=y;', hit: true, source: 'where' },
  { cond: 'a = "x" and b = "y"', raw: 'b=y;', hit: false, source: 'where' },
  { cond: 'a = "x" && !(b = "y")', raw: 'a=x;b=z;', hit: true, source: 'field-expressions' },
  { cond: '!false', raw: 'x', hit: true, source: 'field-expressions (`!false as a // sets a to true`)' },
  { cond: 'isValidIP("192.168.0.10")', raw: 'x', hit: true, source: 'where' },
  { cond: '!isValidIP("192.168.0.10")', raw: 'x', hit: false, source: 'where' },
  // Arithmetic: "52 * 6 - 2 as noparen // 310".
  { cond: '52 * 6 - 2 = 310', raw: 'x', hit: true, source: 'field-expressions' },
  { cond: '52 * (6 - 2) = 208', raw: 'x', hit: true, source: 'field-expressions' },
  { cond: '2k = 2000', raw: 'x', hit: true, source: 'field-expressions (size suffix)' },
  { cond: '1.5s = 1500', raw: 'x', hit: true, source: 'field-expressions (time suffix)' },
  // Built-in metadata as fields: "If defining a built-in metadata field value … you need to quote the value."
  { cond: '_sourceCategory = "prod/windows/sysmon"', raw: 'x', hit: true, source: 'where' },
  { cond: '_raw matches /(?s)^.*x.*$/', raw: 'a\nx', hit: true, source: 'matches (RE2 (?s))' },
];

describe('where (search-operators)', () => {
  test.each(rows)('$cond on $raw -> $hit', ({ cond, raw, hit }) => {
    expect(where(cond, raw)).toBe(hit);
  });
});

describe('matches /regex/: whole value or anywhere (undocumented, an option)', () => {
  test.each([
    ['a matches /b/', 'a=abc;', false, true],
    ['a matches /^abc$/', 'a=abc;', true, true],
    ['a matches /(?i)^.*B.*$/', 'a=abc;', true, true],
  ] as const)('%s on %s: whole %s, anywhere %s', (cond, raw, whole, anywhere) => {
    expect(where(cond, raw, { regexMatch: 'whole' })).toBe(whole);
    expect(where(cond, raw, { regexMatch: 'anywhere' })).toBe(anywhere);
  });
});
