// Issue 12: correlations do near-constant work per event and hold only what is live in the window.
import { loadCollection } from '@sigmats/core';
import { compileRuleSet } from '@sigmats/evaluator';
import { describe, expect, test } from 'vitest';

const BASE = `title: Failed logon
id: 0e95725d-7320-415d-80f7-004da920fc11
name: failed_logon
logsource: { product: windows, service: security }
detection:
  selection: { EventID: 4625 }
  condition: selection
`;

function stream(correlation: string) {
  const collection = loadCollection([{ text: `${BASE}---\n${correlation}`, file: 'corr.yml' }]);
  expect(collection.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compileRuleSet(collection).stream();
}

const T0 = Date.UTC(2026, 0, 1);
// Pre-built events: the test measures the engine, not JSON building.
const events = (n: number, f: (i: number) => Record<string, unknown>) => Array.from({ length: n }, (_, i) => ({ EventID: 4625, ...f(i) }));

describe('correlation cost and memory', () => {
  test('value_count over 160k events in one busy group: linear time (was 31.5 s, quadratic)', () => {
    const s = stream(`title: Spray
correlation: { type: value_count, rules: [failed_logon], group-by: [IpAddress], timespan: 1h, condition: { gte: 1000000, field: User } }
`);
    const evs = events(160_000, (i) => ({ '@timestamp': new Date(T0 + i * 10).toISOString(), IpAddress: '10.0.0.1', User: `u${i % 5000}` }));
    const started = performance.now();
    for (const e of evs) s.push(e);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(8000);
    expect(s.correlationState()).toMatchObject({ groups: 1, entries: 160_000 });
  }, 60_000);

  test('lt over 100k distinct groups: closing windows visits only the windows that close', () => {
    const s = stream(`title: Quiet
correlation: { type: event_count, rules: [failed_logon], group-by: [Host], timespan: 10s, condition: { lt: 2 } }
`);
    const evs = events(100_000, (i) => ({ '@timestamp': new Date(T0 + i).toISOString(), Host: `h${i}` }));
    const started = performance.now();
    let fired = 0;
    for (const e of evs) fired += s.push(e).filter((m) => m.kind === 'correlation').length;
    fired += s.end().length;
    expect(performance.now() - started).toBeLessThan(8000);
    // Every host has one event: each window closes with count 1 < 2.
    expect(fired).toBe(100_000);
    expect(s.correlationState()).toEqual({ groups: 0, entries: 0, queued: 0 });
  }, 60_000);

  test('memory follows the window, not the number of group keys ever seen', () => {
    const s = stream(`title: Spray
correlation: { type: value_count, rules: [failed_logon], group-by: [IpAddress], timespan: 1m, condition: { gte: 3, field: User } }
`);
    // 200k distinct keys, one event per 10 ms: a 1 min window holds about 6,000 events.
    let maxGroups = 0;
    for (let i = 0; i < 200_000; i++) {
      s.push({ EventID: 4625, '@timestamp': new Date(T0 + i * 10).toISOString(), IpAddress: `ip${i}`, User: 'u' });
      if (i % 1000 === 0) maxGroups = Math.max(maxGroups, s.correlationState().groups);
    }
    expect(maxGroups).toBeLessThanOrEqual(6_002);
    const st = s.correlationState();
    expect(st.groups).toBeLessThanOrEqual(6_002);
    expect(st.entries).toBe(st.groups);
    expect(st.queued).toBeLessThanOrEqual(6_002);
  }, 60_000);

  test('a group whose window emptied fires again on a new burst (state deleted, not stuck "held")', () => {
    const s = stream(`title: Any
correlation: { type: event_count, rules: [failed_logon], group-by: [User], timespan: 10s, condition: { gte: 1 } }
`);
    const at = (sec: number) => ({ EventID: 4625, '@timestamp': new Date(T0 + sec * 1000).toISOString(), User: 'a' });
    const fired = [at(0), at(5), at(100), at(200)].map((e) => s.push(e).filter((m) => m.kind === 'correlation').length);
    expect(fired).toEqual([1, 0, 1, 1]);
  });
});
