import { documentKey, type Diagnostic, type SigmaCollection, type SigmaRule } from '@sigmats/core';
import { impossibleEvent } from './possible.js';
import { compileRuleSet, deriveEvents, windowsLogsource, type DerivedEvent, type EventLogsource } from '@sigmats/evaluator';
import type { Platform } from './platforms.js';

/** One raw event of a rule, with where it comes from and what it is for. */
export interface RuleEvent {
  readonly event: Readonly<Record<string, unknown>>;
  readonly source: EventLogsource;
  readonly role: DerivedEvent['role'] | 'regression' | 'fixture';
  readonly note: string;
}

/** Why the platform's verdict differs from the evaluator's. */
export type DisagreementKind =
  /** The evaluator matches the event; the query does not match the platform's record of it. */
  | 'miss'
  /** The query matches the platform's record of an event the evaluator does not match. */
  | 'false-hit'
  /** The evaluator matches the event; the platform stores no record of such events, yet the rule was converted. */
  | 'no-record'
  /** The reference interpreter rejects the emitted query (the platform would too). */
  | 'invalid-query';

export interface Disagreement {
  readonly platform: string;
  readonly rule: string;
  readonly title: string;
  readonly file: string;
  readonly kind: DisagreementKind;
  readonly role: RuleEvent['role'];
  readonly note: string;
  readonly query: string;
  readonly detail: string;
  readonly event?: Readonly<Record<string, unknown>>;
  readonly records?: readonly unknown[];
}

export interface PlatformReport {
  readonly platform: string;
  readonly target: string;
  readonly pipeline: string;
  /** Rules (not correlations) in the input. */
  readonly rules: number;
  readonly converted: number;
  /** Converted rules with at least one event of their own logsource that both sides match, and no disagreement. */
  readonly proven: number;
  /** Converted rules the differential could not prove: no witness (derivation found none the evaluator matches). */
  readonly unwitnessed: number;
  /** Rules with at least one disagreement. */
  readonly disagreeingRules: number;
  /** Their keys with the kinds of disagreement each had, sorted: `key kind,kind`. */
  readonly disagreeing: readonly string[];
  readonly disagreements: readonly Disagreement[];
  /** Refused rules by diagnostic code. */
  readonly refused: Readonly<Record<string, number>>;
  /** Events compared (rule x event). */
  readonly comparisons: number;
}

/** A real event recorded for a rule; without a source it is taken to come from the rule's own logsource. */
export interface ExtraEvent {
  readonly event: Readonly<Record<string, unknown>>;
  readonly source?: EventLogsource;
  readonly role: 'regression' | 'fixture';
  readonly note: string;
}

export interface DifferentialInput {
  readonly collection: SigmaCollection;
  /** Extra real events per rule key (SigmaHQ regression_data, our fixtures). */
  readonly extraEvents?: ReadonlyMap<string, readonly ExtraEvent[]>;
  /** Keep at most this many disagreements per platform in the report (all are counted). */
  readonly keepDisagreements?: number;
}

/** A collection of one rule, for the evaluator. */
function single(rule: SigmaRule): SigmaCollection {
  return { rules: [rule], correlations: [], filters: [], byRef: new Map(), diagnostics: [] };
}

/**
 * The evaluator's verdicts for a rule's events. Windows events are routed by their channel and event id (the
 * evaluator's own router); other events carry the logsource they were derived for.
 */
export function evaluatorVerdicts(rule: SigmaRule, events: readonly Pick<RuleEvent, 'event' | 'source'>[]): boolean[] {
  const sources = new WeakMap<object, EventLogsource>();
  for (const e of events) sources.set(e.event, e.source);
  const set = compileRuleSet(single(rule), {
    mode: 'full-scan',
    logsource: (event) => windowsLogsource(event) ?? (sources.has(event) ? [sources.get(event)!] : undefined),
  });
  return events.map((e) => set.match(e.event as Record<string, unknown>).length > 0);
}

/** Derived events (witnesses, near misses, other event types) plus the real ones, computed once per rule. */
export function ruleEvents(rule: SigmaRule, extra?: readonly ExtraEvent[]): RuleEvent[] {
  const derived: RuleEvent[] = deriveEvents(rule)
    .events.filter((d) => impossibleEvent(d.event as Record<string, unknown>, d.source) === undefined)
    .map((d) => ({ event: d.event, source: d.source, role: d.role, note: d.note }));
  if (!extra) return derived;
  const own: EventLogsource = { category: rule.logsource.category, product: rule.logsource.product, service: rule.logsource.service };
  return [...derived, ...extra.map((e) => ({ event: e.event, source: e.source ?? own, role: e.role, note: e.note }))];
}

export interface PreparedRule {
  readonly rule: SigmaRule;
  readonly key: string;
  readonly events: readonly RuleEvent[];
  readonly verdicts: readonly boolean[];
}

/** Events and evaluator verdicts for every rule: the same for every platform, so computed once. */
export function prepare(input: DifferentialInput): PreparedRule[] {
  return input.collection.rules.map((rule) => {
    const key = documentKey(rule);
    const extra = input.extraEvents?.get((rule.id ?? rule.title).toLowerCase()) ?? input.extraEvents?.get(rule.title.toLowerCase());
    const events = ruleEvents(rule, extra);
    return { rule, key, events, verdicts: evaluatorVerdicts(rule, events) };
  });
}

function refusalReason(d: Diagnostic): string {
  return d.code;
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
}

/** Runs one platform over the prepared rules. Pure apart from the time it takes. */
export function runPlatform(platform: Platform, collection: SigmaCollection, prepared: readonly PreparedRule[], keep = 50): PlatformReport {
  const result = platform.backend.convert(collection, platform.convertOptions);
  const queries = new Map<string, readonly string[]>();
  for (const r of result.rules) if (r.document.kind === 'rule') queries.set(r.key, r.queries);
  const refused: Record<string, number> = {};
  const refusedKeys = new Set<string>();
  const scoped = new Set(prepared.filter((p) => !platform.covers || platform.covers(p.rule.logsource)).map((p) => p.key));
  for (const d of result.diagnostics) {
    if (d.severity !== 'error' || d.rule === undefined || !scoped.has(d.rule) || queries.has(d.rule) || refusedKeys.has(d.rule)) continue;
    refusedKeys.add(d.rule);
    const reason = refusalReason(d);
    refused[reason] = (refused[reason] ?? 0) + 1;
  }

  const disagreements: Disagreement[] = [];
  const disagreeing: string[] = [];
  let total = 0;
  let proven = 0;
  let unwitnessed = 0;
  let disagreeingRules = 0;
  let comparisons = 0;
  let inScope = 0;
  for (const p of prepared) {
    if (platform.covers && !platform.covers(p.rule.logsource)) continue;
    inScope++;
    const qs = queries.get(p.key);
    if (!qs) continue;
    let witnessed = false;
    let bad = false;
    const kinds = new Set<DisagreementKind>();
    const push = (d: Omit<Disagreement, 'platform' | 'rule' | 'title' | 'file'>): void => {
      total++;
      bad = true;
      kinds.add(d.kind);
      if (disagreements.length < keep) disagreements.push({ platform: platform.id, rule: p.key, title: p.rule.title, file: p.rule.loc.file, ...d });
    };
    const query = qs.join('\n\n');
    let tests: ((records: readonly unknown[]) => boolean)[];
    try {
      tests = qs.map((q) => platform.compile(q));
    } catch (e) {
      push({ kind: 'invalid-query', role: 'witness', note: 'the emitted query', query, detail: message(e) });
      disagreeingRules++;
      disagreeing.push(`${p.key} invalid-query`);
      continue;
    }
    p.events.forEach((ev, i) => {
      const expected = p.verdicts[i]!;
      let records: readonly unknown[];
      let actual: boolean;
      comparisons++;
      try {
        records = platform.records(ev.event, ev.source);
        actual = records.length > 0 && tests.some((t) => t(records));
      } catch (e) {
        push({ kind: 'invalid-query', role: ev.role, note: ev.note, query, detail: message(e), event: ev.event });
        return;
      }
      if (expected && actual && ev.role !== 'other-type') witnessed = true;
      if (expected === actual) return;
      const kind: DisagreementKind = expected ? (records.length === 0 ? 'no-record' : 'miss') : 'false-hit';
      push({ kind, role: ev.role, note: ev.note, query, detail: `evaluator ${expected ? 'matches' : 'does not match'}; the query ${actual ? 'matches' : 'does not match'} ${records.length} record(s)`, event: ev.event, records });
    });
    if (bad) {
      disagreeingRules++;
      disagreeing.push(`${p.key} ${[...kinds].sort().join(',')}`);
    } else if (witnessed) proven++;
    else unwitnessed++;
  }
  void total;
  return {
    platform: platform.id,
    target: platform.target,
    pipeline: platform.pipeline,
    rules: inScope,
    converted: [...queries.keys()].filter((k) => scoped.has(k)).length,
    proven,
    unwitnessed,
    disagreeingRules,
    disagreeing: disagreeing.sort(),
    disagreements,
    refused,
    comparisons,
  };
}
