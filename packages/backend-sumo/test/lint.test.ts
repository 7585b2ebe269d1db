import { describe, expect, test } from 'vitest';
import { tokenize, validateCseExpression, validateSumoQuery } from '../src/index.js';

/** A query → the problems the linter reports, as [code, offset]. */
interface LintRow {
  readonly name: string;
  readonly query: string;
  readonly problems: readonly (readonly [string, number])[];
}

const codes = (problems: readonly { code?: string; offset: number }[]): [string, number][] => problems.map((p) => [p.code ?? '', p.offset]);

describe('log search linter', () => {
  const rows: LintRow[] = [
    { name: 'valid query', query: '(_sourceCategory=a/b OR x*y) AND "k w"\n| json field=_raw "a.b", "c" as a, c nodrop\n| where toLowerCase(a) in ("x", "y") and !(c matches /(?i)^a\\x5cb$/)\n| fields a, c\n| sort by _messageTime desc', problems: [] },
    { name: 'aggregates, timeslice, if, num', query: '* | timeslice 5m | if(num(x) > 5, 1, 0) as big | count as n, count_distinct(u) as d by _timeslice, big | where n >= 3 | sort by n desc', problems: [] },
    { name: 'unbalanced (', query: 'x | where (a = "1"', problems: [['unbalanced', 18]] },
    { name: 'unbalanced )', query: 'x | where a = "1")', problems: [['unbalanced', 17]] },
    { name: 'unbalanced scope', query: '(x OR y', problems: [['unbalanced', 7]] },
    { name: 'unterminated string', query: 'x | where a = "1', problems: [['unterminated', 14]] },
    { name: 'unterminated regex', query: 'x | where a matches /ab', problems: [['unterminated', 20]] },
    { name: 'eval', query: 'x | eval y = 1', problems: [['no-eval', 4]] },
    { name: '_time', query: 'x | sort by _time desc', problems: [['no-time-field', 12]] },
    { name: 'matches "(?i)…"', query: 'x | where a matches "(?i)abc"', problems: [['regex-in-wildcard', 20]] },
    { name: 'regex not RE2', query: 'x | where a matches /(?=a)/', problems: [['regex', 20]] },
    { name: 'regex with \\\\', query: 'x | where a matches /a\\\\b/', problems: [['ambiguous-escape', 20]] },
    { name: 'backslash escape in a quoted literal', query: 'x | where a = "a\\\\b"', problems: [['ambiguous-escape', 14]] },
    { name: '\\" is documented', query: 'x | where a = "a\\"b"', problems: [] },
    { name: 'unknown operator', query: 'x | frobnicate a', problems: [['unknown-operator', 4]] },
    { name: 'unknown function', query: 'x | where frob(a) = 1', problems: [['unknown-function', 10]] },
    { name: 'dangling and', query: 'x | where a = "1" and', problems: [['syntax', 21]] },
    { name: 'empty in list', query: 'x | where a in ()', problems: [['syntax', 16]] },
    { name: 'json paths vs aliases', query: 'x | json "a", "b" as a nodrop', problems: [['syntax', 21]] },
    { name: 'parse regex without named group', query: 'x | parse regex "(a)" nodrop', problems: [['syntax', 16]] },
    { name: 'empty stage', query: 'x | | where a = "1"', problems: [['syntax', 2]] },
    { name: 'empty where', query: 'x | where', problems: [['syntax', 9]] },
    { name: 'regex literal not after matches', query: 'x | where a = /b/', problems: [['syntax', 14]] },
  ];
  test.each(rows)('$name', ({ query, problems }) => {
    expect(codes(validateSumoQuery(query))).toEqual(problems);
  });
});

describe('CSE expression linter', () => {
  const rows: LintRow[] = [
    { name: 'valid', query: "metadata_vendor = 'Microsoft' and (lower(fields['EventData.X']) = 'a' or baseImage matches /(?is)^.*\\x5cx$/)", problems: [] },
    { name: 'pipe', query: "a = 'b' | where x", problems: [['syntax', 8]] },
    { name: 'unbalanced', query: "(a = 'b'", problems: [['unbalanced', 8]] },
    { name: 'regex does not compile', query: 'a matches /*x*y*/', problems: [['regex', 10]] },
    { name: 'quotes inside the regex delimiters are fine', query: 'a matches /.*"a\\"b".*/', problems: [] },
    { name: 'empty', query: '', problems: [['syntax', 0]] },
    { name: 'unterminated single quote', query: "a = 'b", problems: [['unterminated', 4]] },
  ];
  test.each(rows)('$name', ({ query, problems }) => {
    expect(codes(validateCseExpression(query))).toEqual(problems);
  });
});

describe('lexer', () => {
  test('a regex literal is read only after matches; / elsewhere is division or a scope term', () => {
    const t = tokenize('_sourceCategory=a/b | where x / 2 > 1 and y matches /a\\/b/', { scope: true });
    expect(t.map((x) => [x.kind, x.value])).toEqual([
      ['term', '_sourceCategory=a/b'], ['pipe', '|'], ['ident', 'where'], ['ident', 'x'], ['op', '/'], ['number', '2'],
      ['op', '>'], ['number', '1'], ['ident', 'and'], ['ident', 'y'], ['ident', 'matches'], ['regex', 'a\\/b'],
    ]);
  });
  test('strings decode \\" and keep the raw text', () => {
    const [s] = tokenize('"a\\"b"', { scope: false });
    expect(s).toMatchObject({ kind: 'string', value: 'a"b', raw: 'a\\"b', escapes: ['\\"'] });
  });
});

test('an unexpected character is reported once, at its offset', () => {
  expect(codes(validateSumoQuery('x | where a = "1" and b = 1 # c'))).toEqual([['syntax', 28]]);
});

describe('declaredFields: every field read must be defined first (json extraction mode)', () => {
  const rows: LintRow[] = [
    { name: 'extracted then used', query: 'x | json "a", "b.c" as a, c nodrop | where a = "1" and c = "2" | fields a | sort by _messageTime desc', problems: [] },
    { name: 'used without extraction', query: 'x | json "a" as a nodrop | where b = "1"', problems: [['undefined-field', 33]] },
    { name: 'fields not extracted', query: 'x | json "a" as a nodrop | fields a, b', problems: [['undefined-field', 37]] },
    { name: 'json without aliases names fields by path', query: 'x | json "a" nodrop | where a = "1"', problems: [] },
    { name: 'parse regex named groups', query: 'x | parse regex "(?<f>\\w+)" nodrop | where f = "1"', problems: [] },
    { name: 'if … as', query: 'x | if(_raw matches "*a*", 1, 0) as t | where t = 1', problems: [] },
    { name: 'after an aggregate only its outputs exist', query: 'x | json "a", "b" as a, b nodrop | count as n by a | where b = "1"', problems: [['undefined-field', 59]] },
    { name: 'aggregate outputs and built-ins', query: 'x | json "a" as a nodrop | timeslice 5m | count by _timeslice, a | where _count > 2 and a = "1"', problems: [] },
  ];
  test.each(rows)('$name', ({ query, problems }) => {
    expect(codes(validateSumoQuery(query, { declaredFields: true }))).toEqual(problems);
  });
  test('off by default (FER fields are declared outside the query)', () => {
    expect(validateSumoQuery('x | where b = "1"')).toEqual([]);
  });
});
