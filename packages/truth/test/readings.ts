import type { SigmaRule } from '@sigmats/core';
import type { Platform } from '../src/differential/platforms.js';
import { prepare, type PreparedRule } from '../src/differential/run.js';
import type { KqlRecord } from '../src/types.js';

/** A rule the platform converted: its derived events, the evaluator's verdicts on them, and its queries. */
export interface ConvertedRule extends PreparedRule {
  readonly queries: readonly string[];
}

/**
 * Where the readings tests start (a vendor's other reading of its records must give each query the same verdicts):
 * `rules` converted by `platform` with its options, each converted one with its events and verdicts; refused rules
 * are left out.
 */
export function convertedRules(platform: Platform, rules: readonly SigmaRule[]): ConvertedRule[] {
  const collection = { rules: [...rules], correlations: [], filters: [], byRef: new Map(), diagnostics: [] };
  const result = platform.backend.convert(collection, platform.convertOptions);
  const queries = new Map<string, readonly string[]>();
  for (const r of result.rules) if (r.document.kind === 'rule') queries.set(r.key, r.queries);
  return prepare({ collection }).flatMap((p) => {
    const qs = queries.get(p.key);
    return qs ? [{ ...p, queries: qs }] : [];
  });
}

/** Whether any of a KQL platform's queries matches the records (each query compiled once). */
export function kqlMatcher(platform: Platform, queries: readonly string[]): (records: readonly KqlRecord[]) => boolean {
  const matchers = queries.map((q) => platform.compile(q));
  return (records) => matchers.some((m) => m(records));
}
