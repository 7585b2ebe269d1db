import { describe, expect, test } from 'vitest';
import { compileSumo, SumoError } from '../src/sumo/index.js';
import { DOC, kept, msg } from './sumo-helpers.js';

/**
 * The scope (keyword expression) of a log search, case by case from keyword-search-expressions and
 * built-in-metadata (SOURCES.md). Each row: scope, raw message (or metadata), whether the message is in scope.
 */

const KW = `${DOC}search/get-started-with-search/build-search/keyword-search-expressions/`;

/** The docs' own sample message. */
const SAMPLE = '2013-08-13 21:25:15,456 98765432 [com.test.services.test.TESTClientImpl] TEST Request:id=1234567 TEST1234567';

const rows: readonly { scope: string; raw: string; hit: boolean; source: string }[] = [
  // "test - finds "test" and "TEST"": a term, not a substring of TESTClientImpl.
  { scope: 'test', raw: 'a TEST b', hit: true, source: KW },
  { scope: 'test', raw: 'TESTClientImpl only', hit: false, source: KW },
  // "TEST* - finds "test", "TESTClientImpl", "TEST" and "TEST1234567""
  { scope: 'TEST*', raw: 'x TESTClientImpl', hit: true, source: KW },
  // "456 - finds "456"" but not 1234567; "*456*" finds "1234567"
  { scope: '456', raw: 'id=1234567', hit: false, source: KW },
  { scope: '*456*', raw: 'id=1234567', hit: true, source: KW },
  { scope: '456', raw: SAMPLE, hit: true, source: KW },
  // "Keyword expressions are case-insensitive."
  { scope: 'ERROR', raw: 'an error happened', hit: true, source: KW },
  // A phrase: "the individual indexed terms that appear next to each other".
  { scope: '"Request:id=1234567"', raw: SAMPLE, hit: true, source: KW },
  { scope: '"TEST Request"', raw: SAMPLE, hit: true, source: KW },
  { scope: '"Request TEST"', raw: SAMPLE, hit: false, source: KW },
  // "com*services will not find the message"; "com.*.services*" will (`*` stands for one full term).
  { scope: 'com*services', raw: SAMPLE, hit: false, source: KW },
  { scope: 'com.*.services*', raw: SAMPLE, hit: true, source: KW },
  // "jsmith@*.com" (one full term) vs "jsmith@some*re.com" (not a partial term).
  { scope: 'jsmith@*.com', raw: 'from jsmith@somewhere.com', hit: true, source: KW },
  // Whitespace normalization: a phrase with one space matches tabs/newlines between the terms.
  { scope: '"VM Periodic Task Thread"', raw: 'x "VM Periodic Task\n\tThread" y', hit: true, source: KW },
  // Boolean logic: "AND is implicit", NOT binds tighter than AND, AND tighter than OR.
  { scope: 'error fail', raw: 'error and fail', hit: true, source: KW },
  { scope: 'error fail', raw: 'error only', hit: false, source: KW },
  { scope: 'error OR fail', raw: 'fail only', hit: true, source: KW },
  { scope: 'error NOT debug', raw: 'error debug', hit: false, source: KW },
  { scope: '(error OR fail) NOT debug', raw: 'fail here', hit: true, source: KW },
  { scope: 'error OR fail AND debug', raw: 'error', hit: true, source: KW },
  { scope: 'error OR fail AND debug', raw: 'fail', hit: false, source: KW },
  { scope: '!debug', raw: 'info', hit: true, source: KW },
  { scope: '*', raw: 'anything', hit: true, source: KW },
  // "Use a backslash to escape double quotes in the string"
  { scope: '"said, \\"No later than 10\\""', raw: 'They said, "No later than 10"', hit: true, source: KW },
];

describe('scope keywords (keyword-search-expressions)', () => {
  test.each(rows)('$scope on $raw -> $hit', ({ scope, raw, hit }) => {
    const m = msg(raw);
    expect(compileSumo(scope).run([m]).length).toBe(hit ? 1 : 0);
  });
});

const metaRows: readonly { scope: string; category: string; hit: boolean }[] = [
  // "Metadata tags are case-insensitive when searching."
  { scope: '_sourceCategory=*WINDOWS*sysmon*', category: 'prod/windows/sysmon', hit: true },
  // The value covers the whole tag: "Add wildcards at the front and back of any partial term or string".
  { scope: '_sourceCategory=windows', category: 'prod/windows/sysmon', hit: false },
  { scope: '_sourceCategory=prod/windows/sysmon', category: 'prod/windows/sysmon', hit: true },
  { scope: '_sourceCategory="Security Logs"', category: 'security logs', hit: true },
  // "Quotes and wildcards cannot be used together": a quoted * is a character.
  { scope: '_sourceCategory="*logs"', category: 'security logs', hit: false },
  { scope: '(_sourceCategory=*apache* or _sourceCategory="Security Logs")', category: 'web/apache', hit: true },
  { scope: '_sourceCategory=*windows* NOT _sourceCategory=*sysmon*', category: 'prod/windows/sysmon', hit: false },
];

describe('scope metadata (built-in-metadata)', () => {
  test.each(metaRows)('$scope on $category -> $hit', ({ scope, category, hit }) => {
    expect(compileSumo(scope).run([msg('x', { _sourceCategory: category })]).length).toBe(hit ? 1 : 0);
  });

  test('metadata fields other than the category, and FER fields', () => {
    const m = [msg('a', { _sourceHost: 'ldapserver' }), msg('b', { _sourceHost: 'other', fields: { _index: 'sec_record_endpoint' } })];
    expect(kept(compileSumo('_sourceHost=LDAP*').run(m), m)).toEqual([0]);
    expect(kept(compileSumo('_index=sec_record_endpoint').run(m), m)).toEqual([1]);
    expect(kept(compileSumo('_sourceName=*sysmon*').run(m), m)).toEqual([0, 1]);
  });

  test('the docs example: metadata and a phrase together', () => {
    const scope = '_sourceHost=ldapserver AND _sourceCategory="hr-dept" AND "failed login"';
    const m = [msg('user failed login', { _sourceHost: 'ldapserver', _sourceCategory: 'hr-dept' }), msg('user failed to login', { _sourceHost: 'ldapserver', _sourceCategory: 'hr-dept' })];
    expect(kept(compileSumo(scope).run(m), m)).toEqual([0]);
  });
});

describe('scope options and errors', () => {
  test('comments are ignored (comments-search-queries)', () => {
    const m = [msg('error here'), msg('fail here')];
    expect(kept(compileSumo('// a comment\nerror /* or fail */').run(m), m)).toEqual([0]);
    expect(kept(compileSumo('"error // not a comment" OR fail').run(m), m)).toEqual([1]);
  });

  test('underscore in terms is an option (undocumented term boundary)', () => {
    const m = [msg('a_foo_bar')];
    expect(compileSumo('"foo_bar"').run(m)).toHaveLength(0);
    expect(compileSumo('"foo_bar"', { underscoreInTerms: false }).run(m)).toHaveLength(1);
  });

  test.each([
    ['', 'syntax'],
    ['(error', 'syntax'],
    ['error)', 'syntax'],
    ['error OR', 'syntax'],
    ['"unterminated', 'syntax'],
    ['_sourceCategory=', 'syntax'],
    ['_sourceCategory!=x', 'unsupported'],
    ['"a" /* unterminated', 'syntax'],
  ])('%j is a %s error', (scope, kind) => {
    expect(() => compileSumo(scope)).toThrow(SumoError);
    try {
      compileSumo(scope);
    } catch (e) {
      expect((e as SumoError).kind).toBe(kind);
    }
  });
});
