import { describe, expect, test } from 'vitest';
import { compileSumo, SumoError } from '../src/sumo/index.js';
import { kept, msg } from './sumo-helpers.js';

/** Extraction, shaping and aggregate stages of log search (parse-operators/*, search-operators/*; SOURCES.md). */

const cloudtrail = msg(JSON.stringify({ eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' }, count: 3, ok: true, tags: ['a', 'b'], 'abc.pqr': 'dotted', 'fie@ld': 'at', nothing: null }));
const text = msg('2024-01-01 host=web01 user=alice action=login');
const preamble = msg('2014-03-11 15:00:42,611 -0700 INFO [hostId=prod-search-6] {"module":"stream","customerId":"00B12CD0"}');

describe('json (parse-json-formatted-logs)', () => {
  test('extracts keys, nested keys and aliases; values are text', () => {
    const rows = compileSumo('* | json "eventName", "userIdentity.type", "count", "ok", "tags" as name, type, n, ok, tags').run([cloudtrail]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fields).toEqual({ name: 'ConsoleLogin', type: 'Root', n: '3', ok: 'true', tags: '["a","b"]' });
  });

  test('bracket notation for special characters, array indices and [*]', () => {
    const rows = compileSumo(`* | json "['abc.pqr']", "['fie@ld']", "tags[1]", "tags[*]" as d, at, t1, all`).run([cloudtrail]);
    expect(rows[0]!.fields).toEqual({ d: 'dotted', at: 'at', t1: 'b', all: '["a","b"]' });
  });

  test('without aliases the field is named after the key', () => {
    expect(compileSumo('* | json "eventName"').run([cloudtrail])[0]!.fields).toEqual({ eventName: 'ConsoleLogin' });
  });

  test('"References to specific keys are case sensitive"', () => {
    expect(compileSumo('* | json "eventname"').run([cloudtrail])).toHaveLength(0);
    expect(compileSumo('* | json "eventname" nodrop').run([cloudtrail])[0]!.fields).toEqual({ eventname: null });
  });

  test('without nodrop, messages without the key or without JSON are dropped; with nodrop the field is null', () => {
    const m = [cloudtrail, text];
    expect(kept(compileSumo('* | json "eventName"').run(m), m)).toEqual([0]);
    const rows = compileSumo('* | json field=_raw "eventName" as e nodrop').run(m);
    expect(kept(rows, m)).toEqual([0, 1]);
    expect(rows[1]!.fields).toEqual({ e: null });
  });

  test('a message must match at least one of the keys (parse-nodrop-option)', () => {
    expect(compileSumo('* | json "eventName", "missing" as a, b').run([cloudtrail])[0]!.fields).toEqual({ a: 'ConsoleLogin', b: null });
    expect(compileSumo('* | json "missing1", "missing2" as a, b').run([cloudtrail])).toHaveLength(0);
  });

  test('JSON after a text preamble (the docs sample message)', () => {
    expect(compileSumo('* | json "customerId"').run([preamble])[0]!.fields).toEqual({ customerId: '00B12CD0' });
  });

  test('field=<name> parses another field', () => {
    const m = msg('payload={"a":{"b":"c"}}');
    const rows = compileSumo('* | parse "payload=*" as p | json field=p "a.b" as ab').run([m]);
    expect(rows[0]!.fields).toEqual({ p: '{"a":{"b":"c"}}', ab: 'c' });
  });

  test('a where on the extracted field, nodrop with a missing key', () => {
    const q = compileSumo('* | json field=_raw "eventName" as eventName nodrop | where !(toLowerCase(eventName) = "consolelogin")');
    const m = [cloudtrail, text];
    expect(kept(q.run(m), m)).toEqual([1]);
  });

  test('json auto: nested keys with dots, text around the JSON, non-JSON kept', () => {
    const rows = compileSumo('* | json auto').run([cloudtrail, text]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.fields['userIdentity.type']).toBe('Root');
    expect(rows[1]!.fields).toEqual({});
  });
});

describe('keyvalue (parse-keyvalue-formatted-logs)', () => {
  test('infer mode, aliases, kv abbreviation, auto', () => {
    expect(compileSumo('* | keyvalue infer "user", "action"').run([text])[0]!.fields).toEqual({ user: 'alice', action: 'login' });
    expect(compileSumo('* | kv "host" as h').run([text])[0]!.fields).toEqual({ h: 'web01' });
    expect(compileSumo('* | keyvalue auto').run([text])[0]!.fields).toMatchObject({ host: 'web01', user: 'alice', action: 'login' });
  });

  test('the documented regex mode (two groups, and one group)', () => {
    const m = msg('reqId=b5 {perf.response_time_ms=129, serviceinfo.IP=10.211.77.111, request.country=US, perf.request_start_timestamp_ms=1339189318397, request.method=GET}');
    const two = compileSumo(String.raw`* | keyvalue regex "\s(.*?)=(.*?)," keys "serviceinfo.IP", "perf.request_start_timestamp_ms" as ip, start_ms`).run([m]);
    expect(two[0]!.fields).toEqual({ ip: '10.211.77.111', start_ms: '1339189318397' });
    const one = compileSumo(String.raw`* | keyvalue regex "=(.*?)," "serviceinfo.IP", "perf.request_start_timestamp_ms"`).run([m]);
    expect(one[0]!.fields).toEqual({ serviceinfo_IP: '10.211.77.111', perf_request_start_timestamp_ms: '1339189318397' });
  });

  test('quoted values, missing keys drop unless nodrop', () => {
    const m = msg('type=EXECVE msg=audit(1.2:3): argc=2 a0="curl" a1="-s"');
    expect(compileSumo('* | kv "type", "a0", "a1"').run([m])[0]!.fields).toEqual({ type: 'EXECVE', a0: 'curl', a1: '-s' });
    expect(compileSumo('* | kv "nokey"').run([m])).toHaveLength(0);
    expect(compileSumo('* | kv "nokey" nodrop').run([m])[0]!.fields).toEqual({ nokey: null });
  });
});

describe('parse (anchor and regex)', () => {
  const f5 = msg('Aug 2 04:06:08: host=10.1.1.124: local/ssl2 notice mcpd[3772]: User=jsmith@demo.com: severity=warning: 01070638:5: Pool member 172.31.51.22:0 monitor status down.');

  test('the documented anchor example (user=*: extracts jsmith@demo.com)', () => {
    expect(compileSumo('* | parse "user=*:" as user').run([f5])[0]!.fields).toEqual({ user: 'jsmith@demo.com' });
    expect(compileSumo('* | parse "user=*: severity=*:" as user, severity').run([f5])[0]!.fields).toEqual({ user: 'jsmith@demo.com', severity: 'warning' });
  });

  test('anchor nodrop and drop; line break anchors', () => {
    const m = [f5, msg('no match')];
    expect(kept(compileSumo('* | parse "severity=*:" as s').run(m), m)).toEqual([0]);
    expect(compileSumo('* | parse "severity=*:" as s nodrop').run(m)[1]!.fields).toEqual({ s: null });
    const multi = msg('DEBUG SENDING MESSAGE:\n    To: example@sumologic.com\n    Subject: x');
    expect(compileSumo('* | parse "To: *\\n" as toAddress').run([multi])[0]!.fields).toEqual({ toAddress: 'example@sumologic.com' });
  });

  test('parse regex: named groups, case-sensitive, (?i), multi, nodrop', () => {
    const lines = [msg('reported: error in log'), msg('reported: Error in log'), msg('reported: ERROR in log')];
    expect(compileSumo('* | parse regex "reported:\\s(?<exception>error)\\s"').run(lines)).toHaveLength(1);
    expect(compileSumo('* | parse regex "reported:\\s(?<exception>(?i)error)\\s"').run(lines).map((r) => r.fields['exception'])).toEqual(['error', 'Error', 'ERROR']);
    const ips = msg('src 10.0.0.1 dst 10.0.0.2');
    expect(compileSumo('* | parse regex "(?<ip>\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})" multi').run([ips]).map((r) => r.fields['ip'])).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(compileSumo('* | extract "x=(?<x>\\d+)" nodrop').run([ips])[0]!.fields).toEqual({ x: null });
  });

  test('documented parse errors', () => {
    const kind = (q: string): string | undefined => {
      try {
        compileSumo(q);
        return undefined;
      } catch (e) {
        return (e as SumoError).kind;
      }
    };
    expect(kind('* | parse regex "(abc|\\d{3})"')).toBe('semantic'); // no named group
    expect(kind('* | parse regex "(?<a>x)(y)"')).toBe('semantic'); // unnamed group
    expect(kind('* | parse "a=*,b=*" as a')).toBe('semantic'); // wildcards vs fields
    expect(kind('* | parse "a=**" as a')).toBe('syntax'); // "** is not valid"
    expect(kind('* | json "a", "b" as x')).toBe('semantic');
    expect(kind('* | parse regex "(?<a>(?=x))"')).toBe('syntax'); // not RE2
  });
});

describe('fields, sort, limit, expression stages', () => {
  const m = [msg('n=10;'), msg('n=9;'), msg('n=100;')];
  const base = '* | parse "n=*;" as n';

  test('sort is descending by default, text order unless cast; limit', () => {
    expect(compileSumo(`${base} | sort by n`).run(m).map((r) => r.fields['n'])).toEqual(['9', '100', '10']);
    expect(compileSumo(`${base} | num(n) | sort by n`).run(m).map((r) => r.fields['n'])).toEqual([100, 10, 9]);
    expect(compileSumo(`${base} | num(n) | sort by +n`).run(m).map((r) => r.fields['n'])).toEqual([9, 10, 100]);
    expect(compileSumo(`${base} | num(n) | sort by n asc | limit 2`).run(m).map((r) => r.fields['n'])).toEqual([9, 10]);
  });

  test('fields keeps or removes', () => {
    const q = '* | parse "n=*;" as n | concat("x", n) as c | toLowerCase("ABC") as l';
    expect(compileSumo(`${q} | fields c`).run([m[0]!])[0]!.fields).toEqual({ c: 'x10' });
    expect(compileSumo(`${q} | fields - c`).run([m[0]!])[0]!.fields).toEqual({ n: '10', l: 'abc' });
  });

  test('if(…) as x, ternary, where on the result', () => {
    const q = `${base} | if(num(n) > 50, "big", "small") as size | num(n) > 9 ? 1 : 0 as over | where size = "small"`;
    expect(compileSumo(q).run(m).map((r) => [r.fields['size'], r.fields['over']])).toEqual([['small', 1], ['small', 0]]);
  });
});

describe('aggregates (group-aggregate-operators)', () => {
  const m = [msg('u=a h=x;', { _messageTime: 1_000 }), msg('u=a h=y;', { _messageTime: 2_000 }), msg('u=b h=x;', { _messageTime: 400_000 })];
  const base = '* | parse "u=* " as u | parse "h=*;" as h';

  test('count, count by, aliases', () => {
    expect(compileSumo(`${base} | count`).run(m)[0]!.fields).toEqual({ _count: 3 });
    expect(compileSumo(`${base} | count by u | sort by u asc`).run(m).map((r) => r.fields)).toEqual([{ u: 'a', _count: 2 }, { u: 'b', _count: 1 }]);
    expect(compileSumo(`${base} | count as hits by u | where hits > 1`).run(m).map((r) => r.fields)).toEqual([{ u: 'a', hits: 2 }]);
    expect(compileSumo(`${base} | count u | sort by _count`).run(m)[0]!.fields).toEqual({ u: 'a', _count: 2 });
  });

  test('count_distinct, sum, avg, min, max, pct', () => {
    expect(compileSumo(`${base} | count_distinct(h) by u | sort by u asc`).run(m).map((r) => r.fields)).toEqual([{ u: 'a', _count_distinct: 2 }, { u: 'b', _count_distinct: 1 }]);
    const n = [msg('v=1;'), msg('v=2;'), msg('v=x;'), msg('v=6;')];
    const r = compileSumo('* | parse "v=*;" as v | sum(v) as s, avg(v) as a, min(v) as lo, max(v) as hi, pct(v, 50) as p').run(n);
    expect(r[0]!.fields).toEqual({ s: 9, a: 3, lo: 1, hi: 6, p: 2 });
  });

  test('timeslice buckets _messageTime (epoch ms)', () => {
    const rows = compileSumo(`${base} | timeslice 5m | count by _timeslice, u | sort by _timeslice asc`).run(m);
    expect(rows.map((r) => r.fields)).toEqual([{ _timeslice: 0, u: 'a', _count: 2 }, { _timeslice: 300_000, u: 'b', _count: 1 }]);
  });
});

describe('errors', () => {
  test.each([
    ['* | eval x = 1', 'syntax'],
    ['* | where', 'syntax'],
    ['* | where a =', 'syntax'],
    ["* | where a = 'x'", 'syntax'],
    ['* | where a matches', 'syntax'],
    ['* | where (a = "x"', 'syntax'],
    ['* | where a matches /(?<=x)/', 'syntax'],
    ['* | where nosuchfn(a)', 'unsupported'],
    ['* | transpose row a column b', 'unsupported'],
    ['* | timeslice 10 buckets | count by _timeslice', 'unsupported'],
    ['* | json "a..b"', 'unsupported'],
    ['* | limit 0', 'syntax'],
    ['* | ', 'syntax'],
  ])('%s -> %s', (q, kind) => {
    let err: unknown;
    try {
      compileSumo(q);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SumoError);
    expect((err as SumoError).kind).toBe(kind);
  });

  test('undeclared fields are reported (Manual mode needs an extraction or an FER)', () => {
    expect(compileSumo('* | json "a" as a | where a = "x" and b = "y"').undeclaredFields).toEqual(['b']);
    expect(compileSumo('* | where _sourceHost = "x"').undeclaredFields).toEqual([]);
  });

  test('FER fields (SumoMessage.fields) are readable without an extraction', () => {
    const m = [msg('x', { fields: { EventID: '4688' } }), msg('y')];
    expect(kept(compileSumo('* | where EventID = "4688"').run(m), m)).toEqual([0]);
  });
});
