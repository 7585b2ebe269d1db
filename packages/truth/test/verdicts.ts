import { loadCollection } from '@sigmats/core';
import { compileRuleSet, windowsLogsource } from '@sigmats/evaluator';
import { expect } from 'vitest';
import type { Platform } from '../src/differential/platforms.js';
import type { EventSource, RawEvent } from '../src/types.js';

export type Collection = ReturnType<typeof loadCollection>;

/**
 * The platform's verdict on an event for `coll` (one rule): its queries, converted without an error, over the
 * event's vendor records under `src`. Converted and compiled once, for every event given to the returned test.
 */
export function platformTest(platform: Platform, coll: Collection, src: EventSource): (event: RawEvent) => boolean {
  const result = platform.backend.convert({ ...coll, correlations: [] }, platform.convertOptions);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const tests = result.rules[0]!.queries.map((q) => platform.compile(q));
  return (event) => {
    const records = platform.records(event, src);
    return records.length > 0 && tests.some((t) => t(records));
  };
}

/** The evaluator's verdict on an event for `coll`, Windows events routed by their channel and event id. */
export function evaluatorTest(coll: Collection): (event: RawEvent) => boolean {
  const set = compileRuleSet({ ...coll, correlations: [] }, { mode: 'full-scan', logsource: windowsLogsource });
  return (event) => set.match(event as Record<string, unknown>).length > 0;
}

/** The evaluator and `platform` both give each event of `yaml`'s rule (from `source`) the expected verdict. */
export function agreeOn(platform: Platform, yaml: string, source: EventSource, events: readonly (readonly [string, RawEvent, boolean])[]): void {
  const coll = loadCollection([{ text: yaml, file: 'rule.yml' }]);
  const onPlatform = platformTest(platform, coll, source);
  const evaluator = evaluatorTest(coll);
  for (const [what, event, expected] of events) {
    expect(evaluator(event), what).toBe(expected);
    expect(onPlatform(event), what).toBe(expected);
  }
}
