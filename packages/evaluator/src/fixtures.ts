import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diagnostic, loadCollection } from '@sigmats/core';
import type { Diagnostic, SigmaCollection } from '@sigmats/core';
import type { EventObject } from './event.js';
import { type CompileOptions, compileRuleSet, type RuleMatch, type StreamMatch } from './rule-set.js';

/**
 * Fixture file: rules/<technique>/fixtures/<tp_|tn_>*.json beside the rule it tests.
 * `event` is one event (the rule is run with `match`); `events` is a time-ordered list (run with
 * `matchStream`, so correlation rules can be tested too).
 */
export interface Fixture {
  readonly description: string;
  readonly expect: 'match' | 'no-match';
  /** Rule (or correlation) id, or name. */
  readonly rule: string;
  readonly event?: EventObject;
  readonly events?: readonly EventObject[];
  /** For `expect: match`: the rule's enrichment values every match must have (name → value; others unchecked). */
  readonly enrichments?: Readonly<Record<string, string>>;
}

export interface FixtureResult {
  readonly file: string;
  readonly rule: string;
  readonly description: string;
  readonly expect: 'match' | 'no-match';
  /** Whether the rule matched (any event, any condition). */
  readonly matched: boolean;
  readonly ok: boolean;
  /** The matches of that rule (identifiers tell why it matched). */
  readonly matches: readonly (RuleMatch | StreamMatch)[];
}

export interface FixtureRuleReport {
  readonly file: string;
  readonly rule: string;
  readonly title: string;
  readonly fixtures: readonly FixtureResult[];
}

export interface FixtureReport {
  readonly rules: readonly FixtureRuleReport[];
  readonly results: readonly FixtureResult[];
  readonly passed: number;
  readonly failed: number;
  /** Rule load problems, unreadable fixtures, fixtures naming unknown rules, rules without fixtures, mismatches. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface FixtureOptions {
  readonly compile?: CompileOptions;
}

const RULE_FILE = /\.ya?ml$/i;

function ruleFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      if (basename(p) === 'fixtures' || basename(p).startsWith('.')) return;
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else if (RULE_FILE.test(p)) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

function fixtureFiles(ruleFile: string): string[] {
  const dir = join(dirname(ruleFile), 'fixtures');
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function readFixture(file: string, diagnostics: Diagnostic[]): Fixture | undefined {
  const at = { file, line: 1, column: 1 };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    diagnostics.push(diagnostic('eval/invalid-event', `unreadable fixture: ${e instanceof Error ? e.message : String(e)}`, at));
    return undefined;
  }
  const f = value as Partial<Fixture> | null;
  const problems: string[] = [];
  if (typeof f !== 'object' || f === null) problems.push('a fixture is a JSON object');
  else {
    if (typeof f.description !== 'string') problems.push('`description` (string) is required');
    if (f.expect !== 'match' && f.expect !== 'no-match') problems.push('`expect` must be "match" or "no-match"');
    if (typeof f.rule !== 'string') problems.push('`rule` (rule id) is required');
    const hasEvent = typeof f.event === 'object' && f.event !== null && !Array.isArray(f.event);
    const hasEvents = Array.isArray(f.events);
    if (hasEvent === hasEvents) problems.push('exactly one of `event` (object) or `events` (array) is required');
    if (f.enrichments !== undefined) {
      const e = f.enrichments as unknown;
      if (typeof e !== 'object' || e === null || Array.isArray(e) || Object.values(e).some((v) => typeof v !== 'string')) {
        problems.push('`enrichments` is an object of name to string value');
      } else if (f.expect !== 'match') problems.push('`enrichments` can only be asserted with `expect: "match"`');
    }
  }
  if (problems.length > 0) {
    diagnostics.push(diagnostic('eval/invalid-event', `invalid fixture: ${problems.join('; ')}`, at));
    return undefined;
  }
  return f as Fixture;
}

/** What differs between the asserted enrichment values and those of each match (empty: all agree). */
function enrichmentMismatches(expected: Readonly<Record<string, string>>, matches: readonly (RuleMatch | StreamMatch)[]): string[] {
  const out = new Set<string>();
  for (const m of matches) {
    if ('kind' in m && m.kind === 'correlation') continue;
    const actual = (m as RuleMatch).enrichments ?? {};
    for (const [name, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, name)) out.add(`enrichment '${name}': the rule computes no such enrichment`);
      else if (actual[name] !== value) out.add(`enrichment '${name}': expected '${value}', got '${actual[name]}'`);
    }
  }
  return [...out];
}

/**
 * Run every fixture beside the given rule files (directories are searched recursively for .yml files).
 * All rules are loaded into one collection (so correlations resolve), compiled once, then each fixture's
 * event(s) are matched and the named rule's outcome compared with `expect`.
 */
export function runFixtures(rulesDirOrFiles: string | readonly string[], options: FixtureOptions = {}): FixtureReport {
  const paths = typeof rulesDirOrFiles === 'string' ? [rulesDirOrFiles] : rulesDirOrFiles;
  const files = ruleFiles(paths);
  const collection: SigmaCollection = loadCollection(files.map((file) => ({ text: readFileSync(file, 'utf8'), file })));
  const diagnostics: Diagnostic[] = [...collection.diagnostics];
  const set = compileRuleSet(collection, options.compile);
  diagnostics.push(...set.diagnostics);
  const docs = [...collection.rules, ...collection.correlations];
  const rules: FixtureRuleReport[] = [];
  const results: FixtureResult[] = [];
  for (const file of files) {
    const inFile = docs.filter((d) => d.loc.file === file);
    const byRule = new Map<string, FixtureResult[]>();
    for (const d of inFile) byRule.set(d.id ?? d.name ?? d.title, []);
    for (const ff of fixtureFiles(file)) {
      const fx = readFixture(ff, diagnostics);
      if (!fx) {
        results.push({ file: ff, rule: '', description: '', expect: 'match', matched: false, ok: false, matches: [] });
        continue;
      }
      const target = collection.byRef.get(fx.rule);
      if (!target) {
        diagnostics.push(diagnostic('fixture/missing', `fixture names rule '${fx.rule}', which is not loaded`, { file: ff, line: 1, column: 1 }));
        results.push({ file: ff, rule: fx.rule, description: fx.description, expect: fx.expect, matched: false, ok: false, matches: [] });
        continue;
      }
      const key = target.id ?? target.name ?? target.title;
      const matches = fx.event !== undefined ? set.match(fx.event).filter((m) => m.rule === key) : set.matchStream(fx.events!).filter((m) => m.rule === key);
      const matched = matches.length > 0;
      const enrichmentProblems = matched && fx.enrichments ? enrichmentMismatches(fx.enrichments, matches) : [];
      for (const p of enrichmentProblems) {
        diagnostics.push(diagnostic('fixture/mismatch', `${p}: ${fx.description}`, { file: ff, line: 1, column: 1 }, { rule: key }));
      }
      const ok = matched === (fx.expect === 'match') && enrichmentProblems.length === 0;
      if (matched !== (fx.expect === 'match')) {
        diagnostics.push(
          diagnostic(
            'fixture/mismatch',
            `expected ${fx.expect} for rule '${key}' but it ${matched ? 'matched' : 'did not match'}: ${fx.description}`,
            { file: ff, line: 1, column: 1 },
            { rule: key },
          ),
        );
      }
      const result: FixtureResult = { file: ff, rule: key, description: fx.description, expect: fx.expect, matched, ok, matches };
      results.push(result);
      const list = byRule.get(key) ?? [];
      list.push(result);
      byRule.set(key, list);
    }
    for (const [key, list] of byRule) {
      const doc = docs.find((d) => (d.id ?? d.name ?? d.title) === key);
      if (list.length === 0 && doc) {
        diagnostics.push(diagnostic('fixture/missing', `rule '${key}' has no fixtures`, doc.loc, { severity: 'warning', rule: key }));
      }
      rules.push({ file, rule: key, title: doc?.title ?? key, fixtures: list });
    }
  }
  diagnostics.push(...set.takeRuntimeDiagnostics());
  const passed = results.filter((r) => r.ok).length;
  return { rules, results, passed, failed: results.length - passed, diagnostics };
}
