import { diagnostic, documentKey, LoweringError, lowerCondition, lowerRule } from '@sigmats/core';
import type { Condition, ConditionNode, Diagnostic, Expr, SigmaCollection, SigmaRule } from '@sigmats/core';
import { compileExpr, type Clauses, type Predicate, UnsupportedValue } from './compile-expr.js';
import { type EventObject, EventView, type FieldLookup, FieldRegistry, MISSING, resolveField } from './event.js';
import { type EventLogsource, logsourceApplies, type LogsourceRouter } from './logsource.js';
import { Prefilter } from './prefilter.js';
import { ShapeCache } from './event-shape.js';
import { CorrelationEngine, type CorrelationMatch } from './correlation.js';
import { type CompiledEnrichments, compileEnrichments } from './enrichments.js';
import { parseTimestamp } from './timestamp.js';

export interface CompileOptions {
  /** 'indexed' (default) uses the literal prefilter; 'full-scan' evaluates every rule (the reference). */
  readonly mode?: 'indexed' | 'full-scan';
  /** Field lookup: exact key only, or exact key then dotted path into nested objects (default). */
  readonly fieldLookup?: FieldLookup;
  /** Restrict keyword searches to these fields (default: every string and number leaf). */
  readonly keywordFields?: readonly string[];
  /** Route events to logsources; rules whose logsource does not apply are skipped. Default: no routing. */
  readonly logsource?: LogsourceRouter;
  /** Event time for correlations (first present wins). Default: see DEFAULT_TIME_FIELDS. */
  readonly timeFields?: readonly string[];
}

/** One rule condition that held for an event. */
export interface RuleMatch {
  /** Rule key: id, else name, else title. */
  readonly rule: string;
  readonly title: string;
  /** Index of the condition (rules may list several; they are OR-ed). */
  readonly condition: number;
  /** Search identifiers that were true for this event, in detection order. */
  readonly identifiers: string[];
  /** The rule's triage enrichments for this event (name → value), when it has any (see enrichments.ts). */
  readonly enrichments?: Record<string, string>;
}

interface Entry {
  readonly rule: number;
  readonly condition: number;
  /** Replaced by a constant false when the predicate throws (see fail). */
  readonly test: Predicate;
  readonly clauses: Clauses;
  /** What the condition holding says of each search identifier (impliedIdentifiers), computed on its first match. */
  implied?: Int8Array;
}

interface CompiledRule {
  readonly rule: SigmaRule;
  readonly key: string;
  /** Compiled lazily, on the first match of the rule. */
  identifiers?: readonly { readonly name: string; readonly test: Predicate | undefined }[];
  readonly enrichments: CompiledEnrichments | undefined;
}

const MAX_DEPTH = 1000;

/** Depth of an expression tree, iteratively (the tree itself may be hostile). */
function exprDepth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_DEPTH) return d;
    if (e.kind === 'and' || e.kind === 'or') for (const o of e.operands) stack.push([o, d + 1]);
    else if (e.kind === 'not') stack.push([e.operand, d + 1]);
  }
  return max;
}

/** A compiled Sigma rule set: compile once, match many events. */
export class CompiledRuleSet {
  readonly diagnostics: Diagnostic[] = [];
  readonly rules: readonly CompiledRule[];
  private readonly entries: Entry[] = [];
  private readonly routes = new Map<string, Prefilter | Int32Array>();
  readonly lookup: FieldLookup;
  /** Field ids shared by every compiled predicate and every event view of this set. */
  private readonly fields = new FieldRegistry();
  private readonly keywordFields: readonly string[] | undefined;
  private readonly indexed: boolean;
  private readonly router: LogsourceRouter | undefined;

  constructor(
    readonly collection: SigmaCollection,
    readonly options: CompileOptions = {},
  ) {
    this.lookup = options.fieldLookup ?? 'exact-then-path';
    this.keywordFields = options.keywordFields;
    this.indexed = (options.mode ?? 'indexed') === 'indexed';
    this.router = options.logsource;
    const rules: CompiledRule[] = [];
    for (const rule of collection.rules) {
      const key = documentKey(rule);
      const idx = rules.length;
      const enrichments = rule.enrichments ? compileEnrichments(rule, { rule: key, diagnostics: this.diagnostics, fields: this.fields }) : undefined;
      rules.push({ rule, key, enrichments });
      let exprs: Expr[];
      try {
        exprs = lowerRule(rule);
      } catch (e) {
        if (e instanceof LoweringError) {
          this.diagnostics.push(diagnostic('condition/undefined-identifier', e.message, e.loc, { rule: key }));
        } else if (e instanceof RangeError) {
          this.diagnostics.push(diagnostic('internal/error', 'condition nested too deeply to evaluate', rule.loc, { rule: key }));
        } else throw e;
        continue;
      }
      exprs.forEach((expr, condition) => {
        const ctx = { rule: key, diagnostics: this.diagnostics, fields: this.fields };
        // Predicates are nested closures: a hostile, absurdly deep condition would overflow the stack
        // while matching, so it is refused here instead.
        if (exprDepth(expr) > MAX_DEPTH) {
          this.diagnostics.push(
            diagnostic('internal/error', `condition nested deeper than ${MAX_DEPTH} levels cannot be evaluated`, expr.loc, { rule: key }),
          );
          return;
        }
        try {
          const c = compileExpr(expr, ctx);
          this.entries.push({ rule: idx, condition, test: c.test, clauses: c.clauses });
        } catch (e) {
          if (!(e instanceof UnsupportedValue)) throw e;
          // Already reported; the condition is left out rather than evaluated wrongly.
        }
      });
    }
    this.rules = rules;
    // Correlations are compiled per stream (they hold state); compiling one here reports their problems early.
    if (collection.correlations.length > 0) this.diagnostics.push(...new CorrelationEngine(collection, this.lookup).diagnostics);
  }

  private byKey: Map<string, SigmaRule> | undefined;

  ruleByKey(key: string): SigmaRule | undefined {
    this.byKey ??= new Map(this.rules.map((r) => [r.key, r.rule]));
    return this.byKey.get(key);
  }

  /** A stateful stream: push events in time order, then call end(). */
  stream(): MatchStream {
    return new MatchStream(this);
  }

  /** Base rule matches and correlation matches of a whole (time-ordered) stream. */
  matchStream(events: Iterable<EventObject>): StreamMatch[] {
    const s = this.stream();
    const out: StreamMatch[] = [];
    for (const e of events) for (const m of s.push(e)) out.push(m);
    for (const m of s.end()) out.push(m);
    return out;
  }

  /** Number of compiled (rule, condition) pairs. */
  get conditionCount(): number {
    return this.entries.length;
  }

  view(event: EventObject): EventView {
    return new EventView(event, this.lookup, this.keywordFields, this.fields, this.shapes);
  }

  /** Captures each event's values for lookups by position (event-shape.ts). */
  private readonly shapes = new ShapeCache(this.fields);
  /** The view `match` points at each event in turn: nothing per field is allocated per event. */
  private reused: EventView | undefined;
  private reusedBusy = false;

  /** Every rule condition that holds for the event, in rule order. */
  match(event: EventObject): RuleMatch[] {
    // A nested call (a getter of an event calling match) gets a view of its own.
    if (this.reusedBusy) return this.matchView(this.view(event));
    this.reusedBusy = true;
    try {
      let ev = this.reused;
      if (ev === undefined) ev = this.reused = this.view(event);
      else ev.load(event);
      return this.matchView(ev);
    } finally {
      this.reusedBusy = false;
    }
  }

  matchView(ev: EventView): RuleMatch[] {
    // Allocated at the first match: most events match nothing, and most that match hold one condition, for which
    // an array literal of one is the right size (pushing into `[]` reserves 16 slots, garbage by the next event).
    let out: RuleMatch[] | undefined;
    const route = this.route(ev.event);
    let list: Int32Array;
    let n: number;
    if (route instanceof Prefilter) {
      n = route.select(ev);
      list = route.list;
    } else {
      list = route;
      n = route.length;
    }
    const { entries } = this;
    for (let i = 0; i < n; i++) {
      const entry = entries[list[i]!]!;
      let hit: boolean;
      try {
        hit = entry.test(ev);
      } catch (e) {
        this.fail(entry, e);
        continue;
      }
      if (!hit) continue;
      const m = this.describe(entry, ev);
      if (out === undefined) out = [m];
      else out.push(m);
    }
    return out ?? [];
  }

  /** Diagnostics raised while matching (a rule that failed at run time), not yet taken by the caller. */
  private pending: Diagnostic[] = [];

  /** Take the diagnostics raised while matching since the last call (they are in `diagnostics` too). */
  takeRuntimeDiagnostics(): Diagnostic[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /**
   * A predicate threw (an engine limit the compiler did not foresee): the failure belongs to that rule alone.
   * The condition is disabled for the rest of the set's life and reported once, at the rule; other rules and
   * the stream go on.
   */
  private fail(entry: Entry, e: unknown): void {
    const r = this.rules[entry.rule]!;
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const d = diagnostic(
      'internal/error',
      `rule failed while matching and is disabled from here on: ${why.length > 200 ? `${why.slice(0, 200)}…` : why}`,
      r.rule.loc,
      { rule: r.key },
    );
    (entry as { test: Predicate }).test = () => false;
    this.diagnostics.push(d);
    this.pending.push(d);
  }

  private describe(entry: Entry, ev: EventView): RuleMatch {
    const r = this.rules[entry.rule]!;
    r.identifiers ??= r.rule.detections.map((d) => ({ name: d.name, test: this.compileIdentifier(r, d.name) }));
    const implied = (entry.implied ??= impliedIdentifiers(r.rule, entry.condition));
    const identifiers = trueIdentifiers(r.identifiers, implied, ev);
    if (r.enrichments) return { rule: r.key, title: r.rule.title, condition: entry.condition, identifiers, enrichments: r.enrichments.values(ev) };
    return { rule: r.key, title: r.rule.title, condition: entry.condition, identifiers };
  }

  private compileIdentifier(r: CompiledRule, name: string): Predicate | undefined {
    const loc = r.rule.loc;
    const condition: Condition = { kind: 'condition', text: name, root: { kind: 'identifier', name, loc }, loc };
    try {
      return compileExpr(lowerCondition(r.rule, condition), { rule: r.key, diagnostics: [], fields: this.fields }).test;
    } catch {
      return undefined;
    }
  }

  private lastSources: readonly EventLogsource[] | undefined | null = null;
  private lastRoute: Prefilter | Int32Array | undefined;

  /** The entries that apply to the event (after logsource routing), as a prefilter or a plain list. */
  private route(event: EventObject): Prefilter | Int32Array {
    const sources = this.router?.(event);
    // Routers return shared arrays for common routes: consecutive events usually take the same one.
    if (sources === this.lastSources && this.lastRoute !== undefined) return this.lastRoute;
    const key = sources === undefined ? '*' : sources.map((s) => `${s.category}|${s.product}|${s.service}`).join(';');
    let r = this.routes.get(key);
    if (r === undefined) {
      const applies = (e: Entry): boolean =>
        sources === undefined || sources.some((s: EventLogsource) => logsourceApplies(this.rules[e.rule]!.rule.logsource, s));
      const list: number[] = [];
      this.entries.forEach((e, i) => {
        if (applies(e)) list.push(i);
      });
      r = this.indexed
        ? new Prefilter(list, (i) => this.entries[i]!.clauses, this.fields, true, this.keywordFields === undefined)
        : Int32Array.from(list);
      this.routes.set(key, r);
    }
    this.lastSources = sources;
    this.lastRoute = r;
    return r;
  }
}

const UNKNOWN = -1;
const IMPLIED_FALSE = 0;
const IMPLIED_TRUE = 1;

/**
 * For a rule condition that held, what it says of each search identifier (by detection index): IMPLIED_TRUE
 * for one it requires (an operand of a top-level AND chain, `all of` one), IMPLIED_FALSE for one it excludes
 * (`not sel`, `not 1 of filter*`, `not (a or b)`), UNKNOWN otherwise (or when the condition says both, which
 * cannot hold). The identifiers are the same deterministic predicates the condition evaluated, so a held
 * condition decides them; the others are still evaluated.
 */
function impliedIdentifiers(rule: SigmaRule, condition: number): Int8Array {
  const names = rule.detections.map((d) => d.name);
  const out = new Int8Array(names.length).fill(UNKNOWN);
  const conflict = new Uint8Array(names.length);
  const root = rule.conditions[condition]?.root;
  if (root === undefined) return out;
  const set = (name: string, value: number): void => {
    for (let i = 0; i < names.length; i++) {
      if (names[i] !== name) continue;
      if (out[i] === UNKNOWN && conflict[i] === 0) out[i] = value;
      else if (out[i] !== value) {
        out[i] = UNKNOWN;
        conflict[i] = 1;
      }
    }
  };
  // Iterative (a hostile condition may be deep): each node with the truth value it must have.
  const stack: [ConditionNode, boolean][] = [[root, true]];
  while (stack.length > 0) {
    const [n, holds] = stack.pop()!;
    switch (n.kind) {
      case 'and':
        if (holds) for (const o of n.operands) stack.push([o, true]);
        break;
      case 'or':
        if (!holds) for (const o of n.operands) stack.push([o, false]);
        break;
      case 'not':
        stack.push([n.operand, !holds]);
        break;
      case 'identifier':
        set(n.name, holds ? IMPLIED_TRUE : IMPLIED_FALSE);
        break;
      case 'selector':
        if (holds && n.quantifier === 'all') for (const name of n.matches) set(name, IMPLIED_TRUE);
        else if (!holds && n.quantifier === 'any') for (const name of n.matches) set(name, IMPLIED_FALSE);
        break;
    }
  }
  return out;
}

type Identifiers = NonNullable<CompiledRule['identifiers']>;

/**
 * The names of the identifiers true for the event, in detection order: those the held condition implies
 * (`implied`), and the undecided ones whose predicate holds. Up to 31 identifiers, the true ones are marked in a
 * bit mask and copied into an array of exactly their number: a match lists 1-3 of them, and pushing into `[]`
 * reserves 16 slots, garbage once the caller is done with the match (less garbage, fewer collections while
 * matching).
 */
function trueIdentifiers(ids: Identifiers, implied: Int8Array, ev: EventView): string[] {
  const wide = ids.length > 31;
  const out: string[] | undefined = wide ? [] : undefined;
  let mask = 0;
  let count = 0;
  // One loop without a helper closure: a closure over the event would itself be allocated per match.
  for (let k = 0; k < ids.length; k++) {
    const test = ids[k]!.test;
    if (test === undefined) continue;
    const known = implied[k]!;
    // An identifier the held condition decides is not evaluated again (the same pure predicate).
    if (known !== IMPLIED_TRUE && (known !== UNKNOWN || test(ev) !== true)) continue;
    if (out !== undefined) out.push(ids[k]!.name);
    else {
      mask |= 1 << k;
      count++;
    }
  }
  if (out !== undefined) return out;
  const names = new Array<string>(count);
  for (let k = 0, j = 0; j < count; k++) if ((mask & (1 << k)) !== 0) names[j++] = ids[k]!.name;
  return names;
}

/** Compile every rule of a collection (lowered with `lowerRule`) once, for matching many events. */
export function compileRuleSet(collection: SigmaCollection, options?: CompileOptions): CompiledRuleSet {
  return new CompiledRuleSet(collection, options);
}

/** Fields tried, in order, for an event's time when correlating (dotted paths resolve into nested JSON). */
export const DEFAULT_TIME_FIELDS: readonly string[] = [
  '@timestamp',
  'timestamp',
  'TimeCreated',
  'Event.System.TimeCreated.SystemTime',
  'Event.System.TimeCreated.#attributes.SystemTime',
  'SystemTime',
  'UtcTime',
];

export type StreamMatch = ({ readonly kind: 'rule'; readonly event: number } & RuleMatch) | ({ readonly kind: 'correlation' } & CorrelationMatch);

/** Incremental matching over a time-ordered stream, with correlation state. */
export class MatchStream {
  private index = 0;
  private lastTime = 0;
  private readonly engine: CorrelationEngine | undefined;
  private readonly timeFields: readonly string[];

  constructor(private readonly set: CompiledRuleSet) {
    this.engine = set.collection.correlations.length > 0 ? new CorrelationEngine(set.collection, set.lookup) : undefined;
    this.timeFields = set.options.timeFields ?? DEFAULT_TIME_FIELDS;
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.engine?.diagnostics ?? [];
  }

  /** Correlation state held right now (zeros without correlations). */
  correlationState(): { readonly groups: number; readonly entries: number; readonly queued: number } {
    return this.engine?.liveState() ?? { groups: 0, entries: 0, queued: 0 };
  }

  /** Event time in ms; an event without a readable time keeps the previous event's time. */
  timeOf(event: EventObject): number {
    for (const f of this.timeFields) {
      const v = resolveField(event, f, this.set.lookup);
      if (v === MISSING || v === null) continue;
      const t = parseTimestamp(v);
      if (t !== undefined) return t;
    }
    return this.lastTime;
  }

  push(event: EventObject): StreamMatch[] {
    const i = this.index++;
    const matches = this.set.match(event);
    const out: StreamMatch[] = [];
    const engine = this.engine;
    for (const m of matches) {
      if (engine?.suppressed(this.set.ruleByKey(m.rule)!)) continue;
      out.push({ kind: 'rule', event: i, ...m });
    }
    if (engine) {
      const time = (this.lastTime = this.timeOf(event));
      const matched = [...new Set(matches.map((m) => this.set.ruleByKey(m.rule)!))];
      for (const c of engine.push(i, time, event, matched)) out.push({ kind: 'correlation', ...c });
    }
    return out;
  }

  /** End of stream: closes the windows still open (conditions with lt/lte/eq/neq). */
  end(): StreamMatch[] {
    return (this.engine?.finish(this.index) ?? []).map((c) => ({ kind: 'correlation' as const, ...c }));
  }
}
