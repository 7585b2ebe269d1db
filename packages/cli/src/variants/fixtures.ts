import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CorrelationRule, SigmaRule } from '@sigmats/core';

/** A fixture file as the evaluator helper writes it: rules/<technique>/fixtures/*.json. */
export interface Fixture {
  readonly file: string;
  readonly description: string;
  /** true: the rule must match the event (true positive); false: it must not. */
  readonly shouldMatch: boolean;
  readonly rule: string;
  /** One event, or a time-ordered list (correlation fixtures). */
  readonly events: readonly unknown[];
  /** The rule's enrichment values the fixture asserts (true positives), name → value. */
  readonly enrichments?: Readonly<Record<string, string>>;
}

const MATCH = new Set(['match', 'matches', 'true-positive', 'true_positive', 'tp', 'alert', 'hit', 'true']);
const NO_MATCH = new Set(['no-match', 'no_match', 'nomatch', 'no match', 'true-negative', 'true_negative', 'tn', 'none', 'false']);

export function expectation(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  return MATCH.has(s) ? true : NO_MATCH.has(s) ? false : undefined;
}

export interface FixtureScan {
  readonly fixtures: readonly Fixture[];
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

/** Every fixture in `<dir of ruleFile>/fixtures/`, sorted by file name. */
export function readFixturesBeside(ruleFile: string, cwd: string): FixtureScan {
  const dir = join(dirname(ruleFile), 'fixtures');
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { fixtures: [], problems: [] };
  }
  const fixtures: Fixture[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
    } catch (err) {
      problems.push({ file, message: `cannot read fixture: ${(err as Error).message}` });
      continue;
    }
    const o = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const shouldMatch = expectation(o.expect);
    const events = 'event' in o ? [o.event] : Array.isArray(o.events) ? (o.events as unknown[]) : undefined;
    if (shouldMatch === undefined || typeof o.rule !== 'string' || events === undefined) {
      problems.push({ file, message: 'fixture needs {description, expect, rule, event}' });
      continue;
    }
    const e = o.enrichments;
    const enrichments =
      typeof e === 'object' && e !== null && !Array.isArray(e) && Object.values(e).every((v) => typeof v === 'string') ? (e as Record<string, string>) : undefined;
    fixtures.push({ file, description: typeof o.description === 'string' ? o.description : '', shouldMatch, rule: o.rule, events, ...(enrichments ? { enrichments } : {}) });
  }
  return { fixtures, problems };
}

/** Does the fixture's `rule` name this rule (id, name, title, or rule file name)? */
export function fixtureIsFor(f: Fixture, rule: SigmaRule | CorrelationRule): boolean {
  const stem = basename(rule.loc.file).replace(/\.ya?ml$/i, '');
  const r = f.rule.trim();
  return r === rule.id || r === rule.name || r === rule.title || r === stem || r === basename(rule.loc.file);
}

/**
 * Field names a rule's detection reads (for showing the relevant parts of a fixture event); for a
 * correlation, the fields it groups and aggregates by.
 */
export function detectionFields(rule: SigmaRule | CorrelationRule): string[] {
  if (rule.kind === 'correlation') {
    const aggregated = rule.condition.kind === 'threshold' ? rule.condition.fields : [];
    return [...new Set([...rule.groupBy, ...aggregated])];
  }
  const out = new Set<string>();
  const visit = (e: SigmaRule['detections'][number]['body'] | SigmaRule['detections'][number]['body']['items'][number]): void => {
    if (e.kind === 'item') {
      if (e.field !== null) out.add(e.field);
    } else {
      e.items.forEach(visit);
    }
  };
  for (const d of rule.detections) visit(d.body);
  return [...out];
}
