import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lintSpl, tokenizeSpl } from '../src/index.js';

/** SPL text → the problem codes the linter must report (empty: valid). */
const LINT: readonly { readonly spl: string; readonly codes: readonly string[] }[] = [
  { spl: 'Image="*\\\\cmd.exe" CommandLine IN ("*a*", "*b*")', codes: [] },
  { spl: '(A=1 B=2) OR NOT (C=3 OR D="x")', codes: [] },
  { spl: 'A=1 | regex B="a\\\\d" | where match(C, "(?i)x") OR isnull(D)', codes: [] },
  { spl: '| tstats count from datamodel=Endpoint.Processes where Processes.process="*x*" by Processes.dest | `drop_dm_object_name(Processes)`', codes: [] },
  { spl: '| multisearch\n[ search A=1 | eval event_type="a" ]\n[ search B=2 | eval event_type="b" ]\n| stats count by _time', codes: [] },
  { spl: 'User IN [| inputlookup admins | fields User]', codes: ['spl/in-list'] },
  { spl: 'A=1 [| inputlookup admins | fields User]', codes: [] },
  { spl: 'Image="C:\\Windows"', codes: ['spl/escape'] },
  { spl: 'CommandLine="*a\\*b*"', codes: ['spl/escaped-asterisk'] },
  { spl: 'Image="abc', codes: ['spl/syntax'] },
  { spl: 'Image="abc\\"', codes: ['spl/syntax'] },
  { spl: '(A=1 OR B=2', codes: ['spl/paren'] },
  { spl: 'A=1) OR B=2', codes: ['spl/paren'] },
  { spl: 'A=1 OR', codes: ['spl/dangling-operator'] },
  { spl: 'OR A=1', codes: ['spl/dangling-operator'] },
  { spl: 'A=1 OR OR B=2', codes: ['spl/dangling-operator', 'spl/dangling-operator'] },
  { spl: 'A IN ()', codes: ['spl/in-list'] },
  { spl: 'A IN ("a" "b")', codes: ['spl/in-list'] },
  { spl: 'A IN ("a",)', codes: ['spl/in-list'] },
  { spl: 'A IN "a"', codes: ['spl/in-list'] },
  { spl: 'A==1', codes: ['spl/syntax'] },
  { spl: 'A=1 | frobnicate x', codes: ['spl/unknown-command'] },
  { spl: '| where A=1', codes: ['spl/not-generating'] },
  { spl: 'A=1 |', codes: ['spl/empty-command'] },
  { spl: 'A=1 | regex B="a(b"', codes: ['spl/regex'] },
  { spl: 'A=1 | where match(B, "[a-")', codes: ['spl/regex'] },
  { spl: 'A=1 | where frob(B)', codes: ['spl/unknown-function'] },
  { spl: 'A=1 | where a=1 or b=2', codes: ['spl/lowercase-operator'] },
  { spl: 'A=1 | regex B', codes: ['spl/regex-command'] },
  { spl: '| multisearch [ search A=1 ]', codes: ['spl/multisearch'] },
  { spl: 'A="a\nb"', codes: ['spl/control-char'] },
  { spl: '', codes: ['spl/empty'] },
  { spl: 'A=1 ()', codes: ['spl/empty-group'] },
  { spl: 'A=1 | where isnull(B) isnull(C)', codes: ['spl/syntax'] },
  { spl: 'A=1 | where floor(T/3600)%24==5 AND like(lower(A), "%" . lower(B) . "%")', codes: [] },
  { spl: 'A=1 | regex B="(?i)(?P<x>a)\\\\A"', codes: [] },
];

describe('lintSpl', () => {
  test.each(LINT.map((r) => [JSON.stringify(r.spl), r] as const))('%s', (_, r) => {
    expect(lintSpl(r.spl).map((p) => p.code)).toEqual(r.codes);
  });

  test('offsets point at the problem', () => {
    expect(lintSpl('A=1 OR (B=2')).toEqual([{ message: "unclosed '('", offset: 7, code: 'spl/paren' }]);
  });
});

describe('tokenizeSpl', () => {
  test('strings decode \\\\ and \\" and keep their source text', () => {
    const [f, eq, s] = tokenizeSpl('F="a\\\\b\\"c"');
    expect([f!.kind, eq!.kind, s!.kind]).toEqual(['word', 'op', 'string']);
    expect(s!.value).toBe('a\\b"c');
    expect(s!.text).toBe('"a\\\\b\\"c"');
  });
  test('structure tokens', () => {
    expect(tokenizeSpl("| x [ 'f g' , `m(a)` ] ( ) != <= >").map((t) => t.kind)).toEqual([
      'pipe', 'word', 'lbracket', 'field', 'comma', 'macro', 'rbracket', 'lparen', 'rparen', 'op', 'op', 'op',
    ]);
  });
});

describe('robustness', () => {
  test('any text: lint returns problems with offsets inside the text, never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', "'", '\\', '|', '(', ')', '[', ']', '`', '=', '!', ' ', 'a', 'IN', 'OR', 'NOT', ',', '\n', 'where', 'match(') }), (text) => {
        const problems = lintSpl(text);
        for (const p of problems) {
          expect(p.offset).toBeGreaterThanOrEqual(0);
          expect(p.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
