import { describe, expect, it } from 'vitest';
import type { Expr } from '@sigmats/core';
import type { EventObject } from '../src/index.js';
import { and, bool, cidr, cmp, evaluate, exists, kw, m, not, nul, num, re, ref, str, tpart } from './ir.js';

/** One row per documented semantic (README "Matching semantics" table). */
interface Row {
  readonly rule: string;
  readonly expr: Expr;
  readonly event: EventObject;
  readonly expect: boolean;
}

const SEMANTICS: Readonly<Record<string, readonly Row[]>> = {
  'case-insensitive by default': [
    { rule: 'ASCII', expr: m('Image', str('*\\CMD.exe')), event: { Image: 'C:\\Windows\\system32\\cmd.EXE' }, expect: true },
    { rule: 'Unicode (Cyrillic)', expr: m('F', str('ПРИВЕТ')), event: { F: 'привет' }, expect: true },
    { rule: 'Unicode (Greek final sigma)', expr: m('F', str('ΟΔΟΣ')), event: { F: 'οδοσ' }, expect: true },
    { rule: 'dotted capital I keeps ? = one code point', expr: m('F', str('?stanbul')), event: { F: 'İSTANBUL' }, expect: true },
    { rule: 'German sharp s is not ss', expr: m('F', str('strasse')), event: { F: 'straße' }, expect: false },
  ],
  '|cased is exact': [
    { rule: 'same case', expr: m('F', str('AbC', true)), event: { F: 'AbC' }, expect: true },
    { rule: 'other case', expr: m('F', str('AbC', true)), event: { F: 'abc' }, expect: false },
    { rule: 'cased contains', expr: m('F', str('*B*', true)), event: { F: 'aBc' }, expect: true },
  ],
  'wildcards': [
    { rule: '* matches newlines', expr: m('F', str('a*b')), event: { F: 'a\nline\nb' }, expect: true },
    { rule: '? matches a newline', expr: m('F', str('a?b')), event: { F: 'a\nb' }, expect: true },
    { rule: '? is exactly one code point (astral)', expr: m('F', str('a?b')), event: { F: 'a😀b' }, expect: true },
    { rule: '? is not two characters', expr: m('F', str('a?b')), event: { F: 'axxb' }, expect: false },
    { rule: 'escaped * is literal', expr: m('F', str('a\\*b')), event: { F: 'a*b' }, expect: true },
    { rule: 'escaped * does not wildcard', expr: m('F', str('a\\*b')), event: { F: 'axb' }, expect: false },
    { rule: 'escaped ? is literal', expr: m('F', str('a\\?')), event: { F: 'ab' }, expect: false },
    { rule: 'plain value is whole-field equality', expr: m('F', str('cmd')), event: { F: 'cmd.exe' }, expect: false },
    { rule: 'several * keep order', expr: m('F', str('*a*b*')), event: { F: 'xbxax' }, expect: false },
    { rule: 'empty string matches empty', expr: m('F', str('')), event: { F: '' }, expect: true },
    { rule: 'empty string does not match missing', expr: m('F', str('')), event: {}, expect: false },
  ],
  'numbers and booleans': [
    { rule: 'number = JSON number', expr: m('EventID', num(4688)), event: { EventID: 4688 }, expect: true },
    { rule: 'number = numeric string', expr: m('EventID', num(4688)), event: { EventID: '4688' }, expect: true },
    { rule: 'number != other string', expr: m('EventID', num(4688)), event: { EventID: '4688a' }, expect: false },
    { rule: 'string pattern sees a number', expr: m('EventID', str('46*')), event: { EventID: 4688 }, expect: true },
    { rule: 'boolean = JSON boolean', expr: m('Signed', bool(true)), event: { Signed: true }, expect: true },
    { rule: 'boolean = "true" string', expr: m('Signed', bool(true)), event: { Signed: 'True' }, expect: true },
    { rule: 'string "false" vs JSON false', expr: m('Signed', str('false')), event: { Signed: false }, expect: true },
  ],
  'arrays: any element': [
    { rule: 'one element matches', expr: m('Tags', str('b*')), event: { Tags: ['a', 'bc'] }, expect: true },
    { rule: 'no element matches', expr: m('Tags', str('z')), event: { Tags: ['a', 'b'] }, expect: false },
    { rule: 'nested arrays flattened', expr: m('N', num(3)), event: { N: [1, [2, [3]]] }, expect: true },
    { rule: 'array of objects via path', expr: m('a.b', str('x')), event: { a: [{ b: 'y' }, { b: 'x' }] }, expect: true },
  ],
  'missing, null, empty': [
    { rule: 'null matches missing', expr: m('F', nul), event: {}, expect: true },
    { rule: 'null matches null', expr: m('F', nul), event: { F: null }, expect: true },
    { rule: 'null does not match empty string', expr: m('F', nul), event: { F: '' }, expect: false },
    { rule: 'exists: key present with null value', expr: m('F', exists(true)), event: { F: null }, expect: true },
    { rule: 'exists: false when absent', expr: m('F', exists(false)), event: {}, expect: true },
    { rule: 'exists: false when present', expr: m('F', exists(false)), event: { F: '' }, expect: false },
    { rule: 'missing field: positive test false', expr: m('F', str('*')), event: {}, expect: false },
    { rule: 'not filter with missing field is true', expr: not(m('F', str('x'))), event: {}, expect: true },
    {
      rule: 'selection and not filter, filter field missing',
      expr: and(m('A', str('1')), not(m('B', str('x')))),
      event: { A: '1' },
      expect: true,
    },
    { rule: 'null value: string test false', expr: m('F', str('*')), event: { F: null }, expect: false },
  ],
  'field access': [
    { rule: 'dotted path into nested objects', expr: m('Event.EventData.Image', str('*x.exe')), event: { Event: { EventData: { Image: 'c:\\x.exe' } } }, expect: true },
    { rule: 'flat key with dots', expr: m('process.name', str('x')), event: { 'process.name': 'x' }, expect: true },
    { rule: 'exact key wins over path', expr: m('a.b', str('flat')), event: { 'a.b': 'flat', a: { b: 'nested' } }, expect: true },
    { rule: 'mixed: flat key holding an object', expr: m('a.b.c', str('v')), event: { 'a.b': { c: 'v' } }, expect: true },
    { rule: 'field names are case-sensitive', expr: m('image', str('x')), event: { Image: 'x' }, expect: false },
  ],
  'keywords: contains over leaves': [
    { rule: 'substring of a nested string', expr: kw(str('mimikatz')), event: { a: { b: 'run Mimikatz.exe now' } }, expect: true },
    { rule: 'substring of a number leaf', expr: kw(str('4688')), event: { EventID: 4688 }, expect: true },
    { rule: 'field names are not searched', expr: kw(str('Image')), event: { Image: 'x' }, expect: false },
    { rule: 'wildcards inside a keyword', expr: kw(str('a*c')), event: { m: 'xxabcxx' }, expect: true },
    { rule: 'regex keyword', expr: kw(re('ab+c') as never), event: { m: 'xabbbc' }, expect: true },
    { rule: 'folding applies (İ → i)', expr: kw(str('istanbul')), event: { m: 'İSTANBUL' }, expect: true },
    { rule: 'folding applies (Kelvin sign → k)', expr: kw(str('kilo')), event: { m: '\u212AILO' }, expect: true },
    { rule: 'a literal does not cross leaves', expr: kw(str('ab')), event: { x: 'a', y: 'b' }, expect: false },
    { rule: 'cased keyword', expr: kw(str('Mimi', true)), event: { m: 'mimi' }, expect: false },
  ],
  '|re (RE2 semantics, PCRE spelling)': [
    { rule: 'unanchored search', expr: m('F', re('b+c')), event: { F: 'abbbcd' }, expect: true },
    { rule: 'case-sensitive by default', expr: m('F', re('ABC')), event: { F: 'abc' }, expect: false },
    { rule: '|i flag', expr: m('F', re('ABC', { ignoreCase: true })), event: { F: 'abc' }, expect: true },
    { rule: 'inline (?i)', expr: m('F', re('(?i)ABC')), event: { F: 'xabcx' }, expect: true },
    { rule: '\\A and \\z anchors', expr: m('F', re('\\Aabc\\z')), event: { F: 'abc' }, expect: true },
    { rule: '\\Z allows a final newline', expr: m('F', re('abc\\Z')), event: { F: 'abc\n' }, expect: true },
    { rule: '$ allows a final newline (PCRE)', expr: m('F', re('abc$')), event: { F: 'abc\n' }, expect: true },
    { rule: '. does not match newline without |s', expr: m('F', re('a.b')), event: { F: 'a\nb' }, expect: false },
    { rule: '|s: . matches newline', expr: m('F', re('a.b', { dotAll: true })), event: { F: 'a\nb' }, expect: true },
    { rule: '|m: ^ at line starts', expr: m('F', re('^b', { multiline: true })), event: { F: 'a\nb' }, expect: true },
    { rule: 'lookbehind (captureless) supported', expr: m('F', re('(?<=a)b')), event: { F: 'ab' }, expect: true },
    { rule: 'named group (?<n>)', expr: m('F', re('(?<n>x)y')), event: { F: 'xy' }, expect: true },
    { rule: 'regex on a number', expr: m('F', re('^46\\d\\d$')), event: { F: 4688 }, expect: true },
    { rule: 'RE2 case folding: (?i)s matches ſ', expr: m('F', re('(?i)s+x')), event: { F: 'ſx' }, expect: true },
    { rule: 'RE2 case folding: |i k matches Kelvin sign', expr: m('F', re('ok', { ignoreCase: true })), event: { F: 'O\u212A' }, expect: true },
    { rule: 'array element matched by regex', expr: m('F', re('^b')), event: { F: ['a', 'bc'] }, expect: true },
  ],
  '|cidr': [
    { rule: 'v4 inside', expr: m('Ip', cidr('10.0.0.0', 8)), event: { Ip: '10.1.2.3' }, expect: true },
    { rule: 'v4 outside', expr: m('Ip', cidr('10.0.0.0', 8)), event: { Ip: '11.1.2.3' }, expect: false },
    { rule: 'v4 /32', expr: m('Ip', cidr('192.168.1.5', 32)), event: { Ip: '192.168.1.5' }, expect: true },
    { rule: 'not an IP', expr: m('Ip', cidr('10.0.0.0', 8)), event: { Ip: '10.example' }, expect: false },
    { rule: 'prefix-looking string is not an IP', expr: m('Ip', cidr('10.0.0.0', 8)), event: { Ip: '10.0.0.1.5' }, expect: false },
    { rule: 'v6 inside', expr: m('Ip', cidr('fe80::', 10)), event: { Ip: 'FE80::1%eth0' }, expect: true },
    { rule: 'v6 outside', expr: m('Ip', cidr('fe80::', 10)), event: { Ip: '2001:db8::1' }, expect: false },
    { rule: 'v4-mapped v6 in a v4 network', expr: m('Ip', cidr('127.0.0.0', 8)), event: { Ip: '::ffff:127.0.0.1' }, expect: true },
    { rule: 'v6 network vs v4 address', expr: m('Ip', cidr('::', 0)), event: { Ip: '1.2.3.4' }, expect: false },
  ],
  '|fieldref': [
    { rule: 'equal, case-insensitive', expr: m('A', ref('B')), event: { A: 'X.exe', B: 'x.EXE' }, expect: true },
    { rule: 'cased differs', expr: m('A', ref('B', 'equals', true)), event: { A: 'X', B: 'x' }, expect: false },
    { rule: 'startswith', expr: m('A', ref('B', 'startswith')), event: { A: 'C:\\dir\\x', B: 'c:\\DIR' }, expect: true },
    { rule: 'endswith', expr: m('A', ref('B', 'endswith')), event: { A: 'C:\\dir\\x', B: '\\X' }, expect: true },
    { rule: 'contains', expr: m('A', ref('B', 'contains')), event: { A: 'aXYZb', B: 'xyz' }, expect: true },
    { rule: 'missing referenced field', expr: m('A', ref('B')), event: { A: 'x' }, expect: false },
    { rule: 'numbers compare by string form', expr: m('A', ref('B')), event: { A: 5, B: '5' }, expect: true },
    { rule: 'empty strings are equal', expr: m('A', ref('B')), event: { A: '', B: '' }, expect: true },
    { rule: 'arrays: any pairing', expr: m('A', ref('B')), event: { A: ['x', 'y'], B: ['z', 'Y'] }, expect: true },
    { rule: 'string against an array', expr: m('A', ref('B')), event: { A: 'x', B: ['y', 'X'] }, expect: true },
    { rule: 'array against a string', expr: m('A', ref('B', 'endswith')), event: { A: ['ab', 'cd'], B: 'D' }, expect: true },
    { rule: 'empty array against an empty string', expr: m('A', ref('B')), event: { A: [], B: '' }, expect: false },
    { rule: 'empty string against an empty array', expr: m('A', ref('B')), event: { A: '', B: [] }, expect: false },
  ],
  'gt/gte/lt/lte': [
    { rule: 'gt on number', expr: m('N', cmp('gt', 5)), event: { N: 6 }, expect: true },
    { rule: 'gt on numeric string', expr: m('N', cmp('gt', 5)), event: { N: '6' }, expect: true },
    { rule: 'lte boundary', expr: m('N', cmp('lte', 5)), event: { N: 5 }, expect: true },
    { rule: 'lt false', expr: m('N', cmp('lt', 5)), event: { N: 5.5 }, expect: false },
    { rule: 'non-numeric string', expr: m('N', cmp('gt', 5)), event: { N: 'ten' }, expect: false },
    { rule: 'missing', expr: m('N', cmp('lt', 5)), event: {}, expect: false },
  ],
  'timestamp parts (UTC)': [
    { rule: 'hour of ISO string', expr: m('T', tpart('hour', 7)), event: { T: '2025-11-27T07:40:10.165324Z' }, expect: true },
    { rule: 'offset converted to UTC', expr: m('T', tpart('hour', 5)), event: { T: '2025-11-27T07:40:10+02:00' }, expect: true },
    { rule: 'Sysmon UtcTime (space, no zone)', expr: m('T', tpart('minute', 40)), event: { T: '2025-11-27 07:40:10.132' }, expect: true },
    { rule: 'epoch seconds', expr: m('T', tpart('year', 2023)), event: { T: 1700000000 }, expect: true },
    { rule: 'epoch milliseconds', expr: m('T', tpart('month', 11)), event: { T: 1700000000000 }, expect: true },
    { rule: 'ISO week (2021-01-03 is week 53)', expr: m('T', tpart('week', 53)), event: { T: '2021-01-03T12:00:00Z' }, expect: true },
    { rule: 'day with compare', expr: m('T', tpart('day', 20, 'gt')), event: { T: '2025-11-27T00:00:00Z' }, expect: true },
    { rule: 'not a timestamp', expr: m('T', tpart('hour', 0)), event: { T: 'yesterday' }, expect: false },
  ],
};

describe('matching semantics', () => {
  for (const [feature, rows] of Object.entries(SEMANTICS)) {
    describe(feature, () => {
      for (const row of rows) {
        it(row.rule, () => {
          expect(evaluate(row.expr, row.event)).toBe(row.expect);
        });
      }
    });
  }
});
