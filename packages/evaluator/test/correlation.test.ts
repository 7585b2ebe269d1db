import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, medianOf, percentileOf, type StreamMatch } from '../src/index.js';

const BASE = `
title: Failed logon
id: 0e95725d-7320-415d-80f7-004da920fc11
name: failed_logon
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4625 }
  condition: selection
---
title: Successful logon
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_logon
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4624 }
  condition: selection
---
title: Transfer
id: 5c9c8e1f-0a7d-4a67-9e4e-0c6a2a9d7a11
name: transfer
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 5145 }
  condition: selection
`;

function run(correlation: string, events: Record<string, unknown>[]): { matches: StreamMatch[]; diagnostics: string[] } {
  const collection = loadCollection([{ text: `${BASE}---\n${correlation}`, file: 'corr.yml' }]);
  const set = compileRuleSet(collection);
  const errors = [...collection.diagnostics, ...set.diagnostics].filter((d) => d.severity === 'error');
  return { matches: set.matchStream(events), diagnostics: errors.map((d) => `${d.code}: ${d.message}`) };
}

const t = (s: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const ev = (s: number, EventID: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@timestamp': t(s),
  EventID,
  ...extra,
});
const correlations = (ms: readonly StreamMatch[]) =>
  ms.flatMap((m) => (m.kind === 'correlation' ? [{ at: m.event, group: m.group, value: m.value }] : []));

describe('correlations over a stream', () => {
  it('event_count: fires once when the sliding window reaches the threshold, per group', () => {
    const { matches, diagnostics } = run(
      `title: Brute force
correlation:
  type: event_count
  rules: [failed_logon]
  group-by: [User]
  timespan: 60s
  condition: { gte: 3 }
`,
      [
        ev(0, 4625, { User: 'a' }),
        ev(10, 4625, { User: 'a' }),
        ev(20, 4625, { User: 'b' }),
        ev(30, 4625, { User: 'a' }), // third for a within 60 s → fires
        ev(40, 4625, { User: 'a' }), // still above: no second alert
        ev(200, 4625, { User: 'a' }), // window slid: count 1
        ev(210, 4625, { User: 'a' }),
        ev(220, 4625, { User: 'a' }), // fires again
      ],
    );
    expect(diagnostics).toEqual([]);
    expect(correlations(matches)).toEqual([
      { at: 3, group: { User: 'a' }, value: 3 },
      { at: 7, group: { User: 'a' }, value: 3 },
    ]);
  });

  it('event_count: events older than the timespan leave the window', () => {
    const { matches } = run(
      `title: Brute force
correlation: { type: event_count, rules: [failed_logon], group-by: [User], timespan: 10s, condition: { gte: 2 } }
`,
      [ev(0, 4625, { User: 'a' }), ev(11, 4625, { User: 'a' }), ev(22, 4625, { User: 'a' })],
    );
    expect(correlations(matches)).toEqual([]);
  });

  it('value_count: distinct values of the field', () => {
    const { matches } = run(
      `title: Spraying
correlation:
  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 5m
  condition: { gte: 3, field: User }
`,
      [
        ev(0, 4625, { IpAddress: '10.0.0.1', User: 'a' }),
        ev(1, 4625, { IpAddress: '10.0.0.1', User: 'a' }),
        ev(2, 4625, { IpAddress: '10.0.0.1', User: 'b' }),
        ev(3, 4625, { IpAddress: '10.0.0.2', User: 'c' }),
        ev(4, 4625, { IpAddress: '10.0.0.1', User: 'c' }),
      ],
    );
    expect(correlations(matches)).toEqual([{ at: 4, group: { IpAddress: '10.0.0.1' }, value: 3 }]);
  });

  it('temporal: all referenced rules within the window, any order, with aliases per rule', () => {
    const { matches, diagnostics } = run(
      `title: Logon then transfer
correlation:
  type: temporal
  rules: [failed_logon, transfer]
  group-by: [account]
  timespan: 1m
  aliases:
    account:
      failed_logon: TargetUserName
      transfer: SubjectUserName
`,
      [ev(0, 5145, { SubjectUserName: 'bob' }), ev(5, 4625, { TargetUserName: 'alice' }), ev(9, 4625, { TargetUserName: 'bob' })],
    );
    expect(diagnostics).toEqual([]);
    expect(correlations(matches)).toEqual([{ at: 2, group: { account: 'bob' }, value: 2 }]);
  });

  it('temporal_ordered: the rules must occur in the listed order', () => {
    const c = `title: Fail then success
correlation: { type: temporal_ordered, rules: [failed_logon, successful_logon], group-by: [User], timespan: 1m }
`;
    expect(correlations(run(c, [ev(0, 4624, { User: 'u' }), ev(1, 4625, { User: 'u' })]).matches)).toEqual([]);
    expect(correlations(run(c, [ev(0, 4625, { User: 'u' }), ev(1, 4624, { User: 'u' })]).matches)).toEqual([
      { at: 1, group: { User: 'u' }, value: 2 },
    ]);
  });

  it('extended temporal condition: failed and not successful', () => {
    const c = `title: Failures without success
correlation:
  type: temporal
  rules: [failed_logon, successful_logon]
  group-by: [User]
  timespan: 1m
  condition: failed_logon and not successful_logon
`;
    const { matches, diagnostics } = run(c, [ev(0, 4624, { User: 'ok' }), ev(1, 4625, { User: 'ok' }), ev(2, 4625, { User: 'bad' })]);
    expect(diagnostics).toEqual([]);
    expect(correlations(matches)).toEqual([{ at: 2, group: { User: 'bad' }, value: 1 }]);
  });

  it('extended temporal_ordered: the required rules must be in order, negated ones absent', () => {
    const c = `title: Fail then success, no transfer
correlation:
  type: temporal_ordered
  rules: [failed_logon, successful_logon, transfer]
  group-by: [User]
  timespan: 1m
  condition: failed_logon and successful_logon and not transfer
`;
    const { matches, diagnostics } = run(c, [
      ev(0, 4624, { User: 'wrong-order' }),
      ev(1, 4625, { User: 'wrong-order' }),
      ev(2, 4625, { User: 'ok' }),
      ev(3, 4624, { User: 'ok' }),
      ev(4, 4625, { User: 'moved' }),
      ev(5, 5145, { User: 'moved' }),
      ev(6, 4624, { User: 'moved' }),
    ]);
    expect(diagnostics).toEqual([]);
    expect(correlations(matches)).toEqual([{ at: 3, group: { User: 'ok' }, value: 1 }]);
  });

  it('value_sum / value_avg: numeric aggregates, ranges AND-ed', () => {
    const sum = `title: Big transfers
correlation: { type: value_sum, rules: [transfer], group-by: [User], timespan: 1h, condition: { gt: 100, field: Bytes } }
`;
    const events = [ev(0, 5145, { User: 'u', Bytes: 60 }), ev(1, 5145, { User: 'u', Bytes: '50' }), ev(2, 5145, { User: 'u', Bytes: 'n/a' })];
    expect(correlations(run(sum, events).matches)).toEqual([{ at: 1, group: { User: 'u' }, value: 110 }]);
    const avg = `title: Average transfer
correlation: { type: value_avg, rules: [transfer], group-by: [User], timespan: 1h, condition: { gte: 50, lte: 60, field: Bytes } }
`;
    // Ranges are not monotone: judged when the window closes (here: at the end of the stream).
    expect(correlations(run(avg, events).matches)).toEqual([{ at: 3, group: { User: 'u' }, value: 55 }]);
  });

  it('value_percentile (nearest rank) and value_median', () => {
    const events = [1, 2, 3, 4, 100].map((b, i) => ev(i, 5145, { User: 'u', Bytes: b }));
    const p = `title: P80
correlation: { type: value_percentile, rules: [transfer], group-by: [User], timespan: 1h, condition: { gte: 4, field: Bytes, percentile: 80 } }
`;
    expect(correlations(run(p, events).matches)).toEqual([{ at: 3, group: { User: 'u' }, value: 4 }]);
    const m = `title: Median
correlation: { type: value_median, rules: [transfer], group-by: [User], timespan: 1h, condition: { gte: 2.5, field: Bytes } }
`;
    expect(correlations(run(m, events).matches)).toEqual([{ at: 3, group: { User: 'u' }, value: 2.5 }]);
    expect(percentileOf([5, 1, 3], 50)).toBe(3);
    expect(percentileOf([1, 2, 3, 4], 100)).toBe(4);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });

  it('lt conditions are judged on closed windows', () => {
    const c = `title: Quiet host
correlation: { type: event_count, rules: [successful_logon], group-by: [Host], timespan: 10s, condition: { lt: 2 } }
`;
    const { matches } = run(c, [ev(0, 4624, { Host: 'a' }), ev(1, 4624, { Host: 'a' }), ev(2, 4624, { Host: 'b' }), ev(30, 4625, {})]);
    // Host a had 2 logons in its window, b had 1: b fires when time passes its window end (event 3).
    expect(correlations(matches)).toEqual([{ at: 3, group: { Host: 'b' }, value: 1 }]);
  });

  // Sigma correlation specification v2.1.0, Compatibility: "a `timespan` of 1h only matches if all events appear within
  // a full hour, but not if some events appear in the previous and another event in the current hour. This could
  // cause false negatives." (See README, "Windows and the specification".)
  it.each([
    // Failed logons at 00:59:50 and 01:00:20: the second completes the count.
    ['event_count', `{ type: event_count, rules: [failed_logon], group-by: [User], timespan: 1h, condition: { gte: 2 } }`, 2],
    // The successful logon at 01:00:10 completes the pair.
    ['temporal', `{ type: temporal, rules: [failed_logon, successful_logon], group-by: [User], timespan: 1h }`, 1],
  ])('%s: events on both sides of a full hour still correlate (no static boundaries)', (_, correlation, at) => {
    const hms = (h: number, m: number, s: number, EventID: number) => ({ '@timestamp': new Date(Date.UTC(2026, 0, 1, h, m, s)).toISOString(), EventID, User: 'u' });
    const { matches, diagnostics } = run(`title: Across the hour\ncorrelation: ${correlation}\n`, [hms(0, 59, 50, 4625), hms(1, 0, 10, 4624), hms(1, 0, 20, 4625)]);
    expect(diagnostics).toEqual([]);
    expect(correlations(matches)).toEqual([{ at, group: { User: 'u' }, value: 2 }]);
  });

  it('gt/gte: the window of timespan before each entry, so no placement of boundaries hides a match', () => {
    // 3 events within any 10 s, but no 10 s clock bucket ([0,10), [10,20)) holds more than 2.
    const c = `title: Burst\ncorrelation: { type: event_count, rules: [failed_logon], group-by: [User], timespan: 10s, condition: { gte: 3 } }\n`;
    expect(correlations(run(c, [ev(7, 4625, { User: 'u' }), ev(9, 4625, { User: 'u' }), ev(12, 4625, { User: 'u' })]).matches)).toEqual([
      { at: 2, group: { User: 'u' }, value: 3 },
    ]);
    // Inclusive at the far end: an entry exactly timespan old is still in the window.
    expect(correlations(run(c, [ev(0, 4625, { User: 'u' }), ev(5, 4625, { User: 'u' }), ev(10, 4625, { User: 'u' })]).matches)).toHaveLength(1);
    expect(correlations(run(c, [ev(0, 4625, { User: 'u' }), ev(5, 4625, { User: 'u' }), ev(11, 4625, { User: 'u' })]).matches)).toEqual([]);
  });

  // Conditions more events can make false: the specification defines no window, the evaluator's choice is a tumbling
  // window per group anchored at its first entry, [first, first + timespan], judged once when time passes its end.
  const QUIET = (condition: string) =>
    `title: Quiet host\ncorrelation: { type: event_count, rules: [successful_logon], group-by: [Host], timespan: 10s, condition: ${condition} }\n`;
  it.each([
    // Anchored at the first entry, not at the clock: 5 and 12 share [5,15] (2 events), though 10 s buckets split them.
    ['lt: 2, a pair across a clock boundary', '{ lt: 2 }', [5, 12], []],
    // The next window starts at the first entry after the last one: [0,10] and [11,21] hold one event each. The
    // first is judged when the entry at 11 arrives (index 1), the second at the end of the stream (index 2).
    ['lt: 2, two windows of one event', '{ lt: 2 }', [0, 11], [{ at: 1, value: 1 }, { at: 2, value: 1 }]],
    // A burst's thinning tail is not judged: [0,10] holds 10 events (a window sliding to the last entry would hold 1).
    ['lt: 2, a burst', '{ lt: 2 }', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], []],
    // eq is judged on the whole window: 3 events, not the 2 that some sliding window would hold on the way up.
    ['eq: 2, three events', '{ eq: 2 }', [0, 1, 2], []],
    ['eq: 2, two events', '{ eq: 2 }', [0, 9], [{ at: 2, value: 2 }]],
    ['range gt 1 lte 2, inclusive end', '{ gt: 1, lte: 2 }', [0, 10], [{ at: 2, value: 2 }]],
  ] as const)('%s', (_, condition, times, expected) => {
    const got = correlations(run(QUIET(condition), times.map((s) => ev(s, 4624, { Host: 'h' }))).matches);
    expect(got.map((m) => ({ at: m.at, value: m.value }))).toEqual(expected);
  });

  it('generate: false hides the referenced rules; generate: true keeps them', () => {
    const c = (generate: boolean) => `title: Brute force
correlation: { type: event_count, rules: [failed_logon], group-by: [User], timespan: 1m, condition: { gte: 1 }, generate: ${generate} }
`;
    const rulesOf = (ms: StreamMatch[]) => ms.map((m) => m.kind);
    expect(rulesOf(run(c(false), [ev(0, 4625, { User: 'a' })]).matches)).toEqual(['correlation']);
    expect(rulesOf(run(c(true), [ev(0, 4625, { User: 'a' })]).matches)).toEqual(['rule', 'correlation']);
  });

  it('chained correlations: a correlation can reference another one', () => {
    const c = `title: Brute force
name: brute
correlation: { type: event_count, rules: [failed_logon], group-by: [User], timespan: 1m, condition: { gte: 2 } }
---
title: Brute force then success
correlation: { type: temporal_ordered, rules: [brute, successful_logon], group-by: [User], timespan: 5m }
`;
    const { matches, diagnostics } = run(c, [ev(0, 4625, { User: 'a' }), ev(1, 4625, { User: 'a' }), ev(2, 4624, { User: 'a' })]);
    expect(diagnostics).toEqual([]);
    expect(matches.filter((m) => m.kind === 'correlation').map((m) => [m.title, m.event])).toEqual([
      ['Brute force', 1],
      ['Brute force then success', 2],
    ]);
  });

  it('events without a readable time keep the previous time; nested time fields resolve', () => {
    const c = `title: Brute force
correlation: { type: event_count, rules: [failed_logon], group-by: [User], timespan: 10s, condition: { gte: 2 } }
`;
    const nested = (s: number) => ({ Event: { System: { TimeCreated: { SystemTime: t(s) } } }, EventID: 4625, User: 'a' });
    expect(correlations(run(c, [nested(0), nested(20), { EventID: 4625, User: 'a' }]).matches)).toEqual([
      { at: 2, group: { User: 'a' }, value: 2 },
    ]);
  });
});
