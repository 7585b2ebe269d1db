import { describe, expect, test } from 'vitest';
import type { SplunkEvent } from '../src/types.js';
import { compileSpl, SplError } from '../src/spl/index.js';

/**
 * Documented Splunk behaviours, one row each: a query, small events, the indices of the events the search must
 * return, and where Splunk documents it (full excerpts in src/spl/SOURCES.md).
 */
function ev(raw: string, fields: Record<string, string | string[]> = {}, top: Partial<SplunkEvent> = {}): SplunkEvent {
  return { _raw: raw, index: 'main', source: 'src', sourcetype: 'st', host: 'h1', fields, ...top };
}

const SEARCH_PRIMER = 'https://help.splunk.com/en/splunk-enterprise/search/search-manual/9.3/search-primer';
const BOOLEAN = 'https://help.splunk.com/en/splunk-enterprise/search/search-manual/9.3/expressions-and-predicates';
const NOT_VS_NE = 'https://docs.splunk.com/Documentation/Splunk/9.0.2/Search/NOTexpressions';
const WILDCARDS = 'https://docs.splunk.com/Documentation/Splunk/9.0.4/Search/Wildcards';
const BACKSLASHES = 'https://help.splunk.com/splunk-enterprise/search/search-manual/9.4/search-primer/backslashes';
const SEARCH_REF = 'https://help.splunk.com/splunk-enterprise/spl-search-reference/9.2/search-commands/search';
const SEARCH_EXAMPLES = 'https://help.splunk.com/splunk-enterprise/search/spl2-search-reference/search-command/search-command-examples';
const SEGMENTATION = 'https://help.splunk.com/splunk-enterprise/search/search-manual/10.0/search-primer/event-segmentation-and-searching';
const SEGMENTERS_CONF = 'https://help.splunk.com/en/data-management/splunk-enterprise-admin-manual/10.0/10.0.0-configuration-file-reference/segmenters.conf';
const REGEX = 'https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/regex';
const WHERE = 'https://help.splunk.com/splunk-enterprise/spl-search-reference/9.2/search-commands/where';
const EVAL_FUNCS = 'https://help.splunk.com/splunk-cloud-platform/spl-search-reference/9.3.2408/evaluation-functions/comparison-and-conditional-functions';
const EXPRESSIONS = 'https://help.splunk.com/en/splunk-enterprise/search/search-manual/10.0/expressions-and-predicates';
const PCRE = 'https://www.pcre.org/current/doc/html/pcre2pattern.html';
const STATS = 'https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/statistical-and-charting-functions/multivalue-stats-and-chart-functions';

const PONIES = [
  ev('101M3', { Name: 'McIntosh', Color: 'Chestnut', Location: 'Marin Meadows' }),
  ev('104F5', { Name: 'Lyra', Color: 'Bay' }),
  ev('102M7', { Name: 'Dash', Color: 'Black', Location: 'Calaveras Farms' }),
  ev('102M1', { Name: 'Roan' }),
  ev('104F4', { Name: 'Pinkie', Color: 'Sorrel', Location: 'Placer Pastures' }),
];

interface Row {
  readonly name: string;
  readonly query: string;
  readonly events: readonly SplunkEvent[];
  /** Indices (into events) of the events returned, in order. */
  readonly matches: readonly number[];
  readonly source: string;
}

const WEB = [ev('web server error 500'), ev('error in web'), ev('web ok'), ev('the webserver error'), ev('a web-error here')];

const ROWS: readonly Row[] = [
  // ---- keywords, phrases, boolean operators
  { name: 'implicit AND between terms', query: 'web error', events: WEB, matches: [0, 1, 4], source: SEARCH_PRIMER },
  { name: 'a quoted phrase needs the words together', query: '"web error"', events: [...WEB, ev('WEB ERROR page')], matches: [5], source: SEARCH_PRIMER },
  { name: 'explicit AND is the same as a space', query: 'web AND error', events: WEB, matches: [0, 1, 4], source: BOOLEAN },
  { name: 'OR binds tighter than AND in search', query: 'ok OR server error', events: WEB, matches: [0], source: BOOLEAN },
  { name: 'NOT applies to the next term only', query: 'NOT ok web', events: WEB, matches: [0, 1, 4], source: BOOLEAN },
  { name: 'parentheses group', query: 'NOT (ok OR server) web', events: WEB, matches: [1, 4], source: BOOLEAN },
  { name: 'lower-case or is a term, not an operator', query: 'ok or web', events: [ev('ok web'), ev('ok or web')], matches: [1], source: BOOLEAN },
  { name: 'keywords are case-insensitive', query: 'ERROR', events: WEB, matches: [0, 1, 3, 4], source: SEARCH_PRIMER },
  { name: 'NOT * returns no event', query: 'NOT *', events: WEB, matches: [], source: WILDCARDS },
  { name: '* alone returns every event', query: '*', events: WEB, matches: [0, 1, 2, 3, 4], source: WILDCARDS },
  // ---- segmentation of _raw
  { name: 'a term matches whole segments only', query: 'web', events: [ev('webserver up'), ev('the web'), ev('x=web;')], matches: [1, 2], source: SEGMENTATION },
  { name: 'a minor segment matches (IP octets)', query: '205', events: [ev('91.205.189.15 - - [13/Aug/2022:18:22:16]'), ev('912051')], matches: [0], source: SEGMENTATION },
  { name: 'minor segments joined by a minor breaker', query: '205.189', events: [ev('91.205.189.15 -'), ev('91.2205.189.15')], matches: [0], source: SEGMENTERS_CONF },
  { name: 'a trailing wildcard extends a term', query: 'web*', events: [ev('webserver up'), ev('the web'), ev('myweb')], matches: [0, 1], source: WILDCARDS },
  { name: 'a leading wildcard', query: '*server', events: [ev('webserver up'), ev('server'), ev('servers')], matches: [0, 1], source: WILDCARDS },
  { name: 'URL-encoded major breaker %20', query: 'bar', events: [ev('foo%20bar'), ev('foo20bar')], matches: [0], source: SEGMENTERS_CONF },
  { name: 'file path with escaped backslashes', query: 'D:\\\\Digital\\\\RTFM', events: [ev('open D:\\Digital\\RTFM now'), ev('D:/Digital/RTFM')], matches: [0], source: SEARCH_PRIMER },
  // ---- field=value
  { name: 'field values are case-insensitive', query: 'Name=mcintosh', events: PONIES, matches: [0], source: SEARCH_REF },
  { name: 'field names are case-sensitive', query: 'name=McIntosh', events: PONIES, matches: [], source: SEARCH_REF },
  { name: 'a value must match the whole field value', query: 'Location=Marin', events: PONIES, matches: [], source: SEARCH_REF },
  { name: 'wildcard value', query: 'host=webserver*', events: [ev('x', {}, { host: 'webserver01' }), ev('x', {}, { host: 'mywebserver' })], matches: [0], source: SEARCH_EXAMPLES },
  { name: 'my* matches myhost.ny.mydomain.com', query: 'host="my*"', events: [ev('x', {}, { host: 'myhost.ny.mydomain.com' }), ev('x', {}, { host: 'myhost1' }), ev('x', {}, { host: 'host' })], matches: [0, 1], source: WILDCARDS },
  { name: 'field=* needs the field', query: 'Location=*', events: PONIES, matches: [0, 2, 4], source: WILDCARDS },
  { name: 'NOT field=* is the missing-field test', query: 'NOT Location=*', events: PONIES, matches: [1, 3], source: NOT_VS_NE },
  { name: '!= skips events without the field', query: 'Location!="Calaveras Farms"', events: PONIES, matches: [0, 4], source: NOT_VS_NE },
  { name: 'NOT field=value keeps events without the field', query: 'NOT Location="Calaveras Farms"', events: PONIES, matches: [0, 1, 3, 4], source: NOT_VS_NE },
  { name: 'IN is an OR of field=value', query: 'code IN(10, 29, 43)', events: [ev('a', { code: '10' }), ev('b', { code: '11' }), ev('c', { code: '43' })], matches: [0, 2], source: SEARCH_EXAMPLES },
  { name: 'IN with wildcards', query: 'status IN(4*, 5*)', events: [ev('a', { status: '404' }), ev('b', { status: '200' }), ev('c', { status: '503' })], matches: [0, 2], source: SEARCH_EXAMPLES },
  { name: 'numeric comparison', query: 'xqp>5', events: [ev('a', { xqp: '10' }), ev('b', { xqp: '5' }), ev('c', { xqp: '6.5' }), ev('d')], matches: [0, 2], source: SEARCH_EXAMPLES },
  { name: 'comparison of text is lexicographic', query: 'v>b', events: [ev('a', { v: 'a' }), ev('b', { v: 'c' }), ev('c', { v: 'B' })], matches: [1], source: 'https://help.splunk.com/en/splunk-enterprise/search/spl2-search-manual/sort-and-order' },
  { name: 'CIDR value matches addresses in the block', query: 'src="10.9.165.0/24"', events: [ev('a', { src: '10.9.165.8' }), ev('b', { src: '10.9.166.8' }), ev('c', { src: 'x' })], matches: [0], source: SEARCH_REF },
  { name: 'IPv6 CIDR', query: 'src="2001:db8::/32"', events: [ev('a', { src: '2001:db8::1' }), ev('b', { src: '2001:db9::1' })], matches: [0], source: SEARCH_REF },
  { name: 'a multivalue field matches when any value does', query: 'user=bob', events: [ev('a', { user: ['alice', 'bob'] }), ev('b', { user: ['alice'] })], matches: [0], source: STATS },
  { name: 'backslash cannot escape the asterisk', query: 'f="a\\*"', events: [ev('1', { f: 'a*' }), ev('2', { f: 'a\\xyz' }), ev('3', { f: 'a\\' })], matches: [1, 2], source: BACKSLASHES },
  { name: 'escaped quote and backslash in a value', query: 'f="say \\"hi\\" C:\\\\x"', events: [ev('1', { f: 'say "hi" C:\\x' }), ev('2', { f: 'say hi C:x' })], matches: [0], source: BACKSLASHES },
  { name: 'earliest/latest as epoch bounds', query: 'earliest=100 latest=200', events: [ev('a', { _time: '99' }), ev('b', { _time: '100' }), ev('c', { _time: '199' }), ev('d', { _time: '200' })], matches: [1, 2], source: SEARCH_REF },
  // ---- regex command
  { name: 'regex keeps matching results (unanchored)', query: '* | regex f="b+c"', events: [ev('1', { f: 'abbcd' }), ev('2', { f: 'ac' }), ev('3')], matches: [0], source: REGEX },
  { name: 'regex != keeps non-matching results', query: '* | regex f!="b+c"', events: [ev('1', { f: 'abbcd' }), ev('2', { f: 'ac' })], matches: [1], source: REGEX },
  { name: 'regex without a field reads _raw', query: '* | regex "^err\\\\d"', events: [ev('err5 x'), ev('x err5')], matches: [0], source: REGEX },
  { name: 'regex is case-sensitive unless (?i)', query: '* | regex f="(?i)ABC"', events: [ev('1', { f: 'xabc' }), ev('2', { f: 'ab' })], matches: [0], source: REGEX },
  { name: 'PCRE $ also matches before a final newline', query: '* | regex f="abc$"', events: [ev('1', { f: 'xabc\n' }), ev('2', { f: 'xabc\nd' }), ev('3', { f: 'abc' })], matches: [0, 2], source: PCRE },
  { name: 'PCRE \\z is the very end', query: '* | regex f="abc\\z"', events: [ev('1', { f: 'xabc\n' }), ev('2', { f: 'abc' })], matches: [1], source: PCRE },
  { name: 'PCRE \\h is horizontal white space', query: '* | regex f="a\\hb"', events: [ev('1', { f: 'a\tb' }), ev('2', { f: 'a\nb' })], matches: [0], source: PCRE },
  // ---- where / eval
  { name: 'where string comparison is case-sensitive', query: '* | where Name=="Dash"', events: PONIES, matches: [2], source: WHERE },
  { name: 'where drops rows whose expression is null (missing field)', query: '* | where Location!="Marin Meadows"', events: PONIES, matches: [2, 4], source: WHERE },
  { name: 'NOT of null is null: missing fields are dropped', query: '* | where NOT match(Location, "Farms")', events: PONIES, matches: [0, 4], source: WHERE },
  { name: 'isnull / isnotnull', query: '* | where isnull(Location) OR Color=="Black"', events: PONIES, matches: [1, 2, 3], source: EVAL_FUNCS },
  { name: 'where: AND binds tighter than OR', query: '* | where Name=="Roan" OR Name=="Dash" AND Color=="Bay"', events: PONIES, matches: [3], source: BOOLEAN },
  { name: "quoted field name in where", query: "* | where 'host-name'==\"buttercup\"", events: [ev('a', { 'host-name': 'buttercup' }), ev('b', { 'host-name': 'x' })], matches: [0], source: WHERE },
  { name: 'match() finds a match anywhere', query: '* | where match(Name, "in")', events: PONIES, matches: [4], source: EVAL_FUNCS },
  { name: 'like(): % and _ wildcards', query: '* | where like(Name, "P_nk%")', events: PONIES, matches: [4], source: EVAL_FUNCS },
  { name: 'cidrmatch()', query: '* | where cidrmatch("123.132.32.0/25", ip)', events: [ev('a', { ip: '123.132.32.5' }), ev('b', { ip: '123.132.32.200' })], matches: [0], source: EVAL_FUNCS },
  { name: 'in()', query: '* | where in(status, "error", "failure")', events: [ev('a', { status: 'error' }), ev('b', { status: 'ok' })], matches: [0], source: EVAL_FUNCS },
  { name: 'case() and if()', query: '* | eval d=case(status==200, "OK", status==404, "Not found") | eval e=if(isnull(d), "other", d) | where e=="other"', events: [ev('a', { status: '200' }), ev('b', { status: '500' })], matches: [1], source: EVAL_FUNCS },
  { name: 'numbers compare numerically', query: '* | where n > 9', events: [ev('a', { n: '10' }), ev('b', { n: '9' })], matches: [0], source: EXPRESSIONS },
  { name: 'eval string \\t is a tab', query: '* | where f=="a\\tb"', events: [ev('a', { f: 'a\tb' }), ev('b', { f: 'a\\tb' })], matches: [0], source: EXPRESSIONS },
  { name: 'lower() and len()', query: '* | where lower(Name)=="dash" AND len(Name)==4', events: PONIES, matches: [2], source: EVAL_FUNCS },
  { name: 'searchmatch()', query: '* | where searchmatch("Location=Marin*")', events: PONIES, matches: [0], source: EVAL_FUNCS },
  { name: '+ concatenates two strings', query: '* | eval x=Name+"!" | where x=="Dash!"', events: PONIES, matches: [2], source: EXPRESSIONS },
  { name: '. concatenates', query: '* | where Name."-".Color=="Dash-Black"', events: PONIES, matches: [2], source: EXPRESSIONS },
  { name: 'division by zero is null', query: '* | eval x=1/0 | where isnull(x)', events: [ev('a')], matches: [0], source: 'https://docs.splunk.com/Documentation/SCS/current/SearchReference/EvalCommandUsage' },
  { name: 'substr with a negative start counts from the end', query: '* | where substr(Name, -3)=="osh"', events: PONIES, matches: [0], source: 'https://help.splunk.com/splunk-enterprise/search/spl-search-reference/9.0/evaluation-functions/evaluation-functions' },
  { name: 'the search command later in the pipeline', query: '* | eval x=Name | search x=p*', events: PONIES, matches: [4], source: SEARCH_REF },
];

describe('documented Splunk behaviours', () => {
  test.each(ROWS.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const got = compileSpl(r.query).run(r.events);
    const want = r.matches.map((i) => r.events[i]!._raw);
    expect(got.map((e) => e._raw), `${r.query}\nsource: ${r.source}`).toEqual(want);
  });
});

describe('matching(): which input events reach the end', () => {
  test('streaming commands keep the link to the input event, even through table', () => {
    const c = compileSpl('Name=* | where len(Name) > 4 | eval x=1 | rename Name as n | table n');
    expect(c.matching(PONIES)).toEqual([0, 4]);
    expect(c.run(PONIES).map((e) => e._raw)).toEqual(['', '']);
  });
  test('transforming commands give no link', () => {
    expect(compileSpl('* | stats count by Name').matching(PONIES)).toBeNull();
  });
});

describe('transforming commands', () => {
  const events = [
    ev('a', { user: 'bob', src: '1.1.1.1', _time: '10' }),
    ev('b', { user: 'bob', src: '1.1.1.2', _time: '70' }),
    ev('c', { user: 'amy', src: '1.1.1.1', _time: '20' }),
    ev('d', { src: '9.9.9.9', _time: '30' }),
  ];
  test('stats count, dc, values, min, max by a field; rows without the by field are left out', () => {
    const out = compileSpl('* | stats count dc(src) as n values(src) as srcs min(_time) as first max(_time) as last by user').run(events);
    expect(out.map((e) => e.fields)).toEqual([
      { user: 'amy', count: '1', n: '1', srcs: '1.1.1.1', first: '20', last: '20' },
      { user: 'bob', count: '2', n: '2', srcs: ['1.1.1.1', '1.1.1.2'], first: '10', last: '70' },
    ]);
  });
  test('bin _time span=1m then stats by _time', () => {
    const out = compileSpl('* | bin _time span=1m | stats count by _time').run(events);
    expect(out.map((e) => e.fields)).toEqual([
      { _time: '0', count: '3' },
      { _time: '60', count: '1' },
    ]);
  });
  test('stats without by over no events gives count 0', () => {
    expect(compileSpl('nothingmatches | stats count').run(events).map((e) => e.fields)).toEqual([{ count: '0' }]);
  });
  test('stats with eval() inside an aggregate', () => {
    const out = compileSpl('* | stats min(eval(if(user="bob", _time, null()))) as fb by src').run(events);
    expect(out.map((e) => e.fields)).toEqual([{ src: '1.1.1.1', fb: '10' }, { src: '1.1.1.2', fb: '70' }, { src: '9.9.9.9' }]);
  });
  test('table, fields, rename', () => {
    const t = compileSpl('* | rename user as who | table who, src').run(events.slice(0, 1));
    expect(t[0]).toEqual({ _raw: '', index: '', source: '', sourcetype: '', host: '', fields: { who: 'bob', src: '1.1.1.1' } });
    const f = compileSpl('* | fields - src, _time').run(events.slice(0, 1));
    expect(f[0]!.fields).toEqual({ user: 'bob' });
    const w = compileSpl('* | rename "Processes.*" as *').run([ev('x', { 'Processes.process': 'a', other: 'b' })]);
    expect(w[0]!.fields).toEqual({ process: 'a', other: 'b' });
  });
  test('multisearch concatenates its subsearches', () => {
    const out = compileSpl('| multisearch [ search user=bob | eval t="b" ] [ search user=amy | eval t="a" ] | stats values(t) as ts by src').run(events);
    expect(out.map((e) => e.fields)).toEqual([{ src: '1.1.1.1', ts: ['a', 'b'] }, { src: '1.1.1.2', ts: 'b' }]);
  });
});

/** Queries that must be refused, with the kind of refusal. */
const ERRORS: readonly { readonly query: string; readonly kind: SplError['kind'] }[] = [
  { query: 'a "unterminated', kind: 'syntax' },
  { query: '(a OR b', kind: 'syntax' },
  { query: 'a OR', kind: 'syntax' },
  { query: 'a)', kind: 'syntax' },
  { query: 'f==1', kind: 'syntax' },
  { query: '=x', kind: 'syntax' },
  { query: 'f IN ()', kind: 'syntax' },
  { query: 'a |', kind: 'syntax' },
  { query: '| where x=1', kind: 'syntax' },
  { query: '* | where match(f, "a"', kind: 'syntax' },
  { query: '* | where match(f)', kind: 'syntax' },
  { query: '* | regex f "x"', kind: 'syntax' },
  { query: '* | eval =1', kind: 'syntax' },
  { query: '* | where f=="a" g', kind: 'syntax' },
  { query: '* | frobnicate', kind: 'unsupported' },
  { query: '`my_macro` a', kind: 'unsupported' },
  { query: '* | `my_macro`', kind: 'unsupported' },
  { query: '* | lookup users user', kind: 'unsupported' },
  { query: '* | transaction user', kind: 'unsupported' },
  { query: '* | stats perc95(x) by y', kind: 'unsupported' },
  { query: '* | stats median(x)', kind: 'unsupported' },
  { query: 'earliest=-24h@h a', kind: 'unsupported' },
  { query: '"foo * bar"', kind: 'unsupported' },
  { query: 'TERM(10.0.0.1)', kind: 'unsupported' },
  { query: '* | where match(f, "(?<=a)b")', kind: 'unsupported' },
  { query: '* | regex f="(a)\\\\1"', kind: 'unsupported' },
  { query: '* | where now() > 1', kind: 'unsupported' },
  { query: '| tstats count from datamodel=Network_Traffic.All_Traffic by All_Traffic.src', kind: 'unsupported' },
  { query: '| tstats count from datamodel=Endpoint.Processes where Processes.a=1 Processes.b=2 OR Processes.c=3 by Processes.a', kind: 'unsupported' },
  { query: '| tstats count from datamodel=Endpoint.Processes where keyword by Processes.a', kind: 'unsupported' },
];

describe('refusals', () => {
  test.each(ERRORS.map((e) => [e.query, e] as const))('%s', (_, e) => {
    let err: unknown;
    try {
      compileSpl(e.query);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(SplError);
    expect((err as SplError).kind).toBe(e.kind);
  });

  test.each([
    ['* | eval b=(1==1)', 'an eval that assigns a boolean'],
    ['* | where f', 'a where expression that is not boolean'],
  ])('run-time semantic error: %s (%s)', (q) => {
    const c = compileSpl(q);
    expect(() => c.run([ev('x', { f: 'text' })])).toThrow(SplError);
    try {
      c.run([ev('x', { f: 'text' })]);
    } catch (x) {
      expect((x as SplError).kind).toBe('semantic');
    }
  });
});
