import { assertNever, diagnostic, documentKey } from '@sigmats/core';
import type {
  ConditionNode,
  CorrelationOperator,
  CorrelationRule,
  CorrelationType,
  Diagnostic,
  SigmaCollection,
  SigmaRule,
} from '@sigmats/core';
import { type EventObject, MISSING, resolveField, stringForm, type FieldLookup } from './event.js';
import { numericForm } from './compile-expr.js';

/** A correlation rule whose condition became true for one group. */
export interface CorrelationMatch {
  readonly rule: string;
  readonly title: string;
  readonly type: CorrelationType;
  /** Index (in the stream) of the event at which the correlation fired. */
  readonly event: number;
  /** Event time (ms since epoch) at which it fired. */
  readonly time: number;
  /** Group-by values (string form; null when the field is missing). */
  readonly group: Readonly<Record<string, string | null>>;
  /** The aggregate compared with the threshold (count, distinct count, sum, ...); 1/0 for extended conditions. */
  readonly value: number;
  /** Stream indexes of the events inside the window that contributed. */
  readonly events: readonly number[];
}

interface WindowEntry {
  readonly time: number;
  readonly event: number;
  /** Index of the referenced rule in the correlation's `rules`. */
  readonly source: number;
  /** Value of the aggregated field(s): number for value_sum/avg/percentile/median, tuple key for value_count. */
  readonly value: number | string | undefined;
}

/**
 * One group's window. Entries are a deque (`head` is the first live one) in arrival order; the aggregates the
 * common types need are kept incrementally, so judging costs O(1) for event_count, value_count, value_sum,
 * value_avg and temporal, whatever the window holds.
 */
interface GroupState {
  readonly key: string;
  entries: WindowEntry[];
  head: number;
  /** Whether the condition held at its last evaluation (emission is edge-triggered). */
  held: boolean;
  values: Record<string, string | null>;
  /** Non-monotone conditions: end of the window being filled (first entry's time + timespan). */
  windowEnd: number;
  /** value_count: live count of each distinct value. */
  readonly distinct: Map<string, number>;
  /** value_sum / value_avg: sum and number of numeric values. */
  sum: number;
  numeric: number;
  /** temporal: entries per source, and how many sources have any. */
  readonly perSource: number[];
  sources: number;
}

function liveCount(g: GroupState): number {
  return g.entries.length - g.head;
}

function liveEntries(g: GroupState): readonly WindowEntry[] {
  return g.head === 0 ? g.entries : g.entries.slice(g.head);
}

function addToGroup(g: GroupState, e: WindowEntry): void {
  g.entries.push(e);
  if (typeof e.value === 'string') g.distinct.set(e.value, (g.distinct.get(e.value) ?? 0) + 1);
  else if (typeof e.value === 'number') {
    g.sum += e.value;
    g.numeric++;
  }
  if ((g.perSource[e.source] = (g.perSource[e.source] ?? 0) + 1) === 1) g.sources++;
}

/** Drop the oldest live entry, undoing its share of the aggregates. */
function shiftGroup(g: GroupState): void {
  const e = g.entries[g.head]!;
  g.head++;
  if (typeof e.value === 'string') {
    const n = (g.distinct.get(e.value) ?? 1) - 1;
    if (n === 0) g.distinct.delete(e.value);
    else g.distinct.set(e.value, n);
  } else if (typeof e.value === 'number') {
    g.sum -= e.value;
    g.numeric--;
  }
  if ((g.perSource[e.source] = (g.perSource[e.source] ?? 1) - 1) === 0) g.sources--;
  // Compact now and then: the dead prefix never grows past the live part.
  if (g.head > 64 && g.head * 2 > g.entries.length) {
    g.entries = g.entries.slice(g.head);
    g.head = 0;
  }
  if (g.numeric === 0) g.sum = 0; // no drift once the window holds no numbers
}

/** A FIFO of (time, group): when each group may next need work. Times arrive in non-decreasing order. */
class ExpiryQueue {
  private items: { time: number; group: GroupState }[] = [];
  private head = 0;

  push(time: number, group: GroupState): void {
    this.items.push({ time, group });
  }

  /** The next item due strictly before `limit` (`time < limit`), removed; undefined when none. */
  popBefore(limit: number): { time: number; group: GroupState } | undefined {
    if (this.head >= this.items.length) return undefined;
    const it = this.items[this.head]!;
    if (!(it.time < limit)) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return it;
  }

  get size(): number {
    return this.items.length - this.head;
  }
}

type Source = { kind: 'rule'; rule: SigmaRule } | { kind: 'correlation'; rule: CorrelationRule };

/** An input to a correlation: an event matched by a referenced rule, or a match of a referenced correlation. */
interface Contribution {
  readonly doc: SigmaRule | CorrelationRule;
  readonly fields: EventObject;
  readonly time: number;
  readonly events: readonly number[];
}


interface CompiledCorrelation {
  readonly doc: CorrelationRule;
  readonly key: string;
  readonly sources: readonly Source[];
  /** Per source: group-by field name → field to read in that source's events (aliases resolved). */
  readonly groupFields: readonly (readonly string[])[];
  /** Per source: the aggregated fields (aliases resolved). */
  readonly valueFields: readonly (readonly string[])[];
  readonly predicates: readonly { readonly op: CorrelationOperator; readonly value: number }[];
  readonly percentile: number | undefined;
  readonly extended: ConditionNode | undefined;
  /** Sources named outside any `not` in an extended condition. */
  readonly positive: ReadonlySet<number>;
  readonly spanMs: number;
  readonly groups: Map<string, GroupState>;
  /** Sliding (monotone): one item per entry, due when it leaves the window. Tumbling: one per window end. */
  readonly expiry: ExpiryQueue;
  readonly monotone: boolean;
}

function compare(op: CorrelationOperator, a: number, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'eq':
      return a === b;
    case 'neq':
      return a !== b;
    default:
      return assertNever(op, 'correlation operator');
  }
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function identifiersOf(node: ConditionNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...new Set(node.operands.flatMap(identifiersOf))];
    case 'not':
      return identifiersOf(node.operand);
    case 'identifier':
      return [node.name];
    case 'selector':
      return [...node.matches];
    default:
      return assertNever(node, 'condition node');
  }
}

/** Identifiers not under a `not`. */
function positiveIdentifiers(node: ConditionNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.operands.flatMap(positiveIdentifiers);
    case 'not':
      return [];
    case 'identifier':
      return [node.name];
    case 'selector':
      return [...node.matches];
    default:
      return assertNever(node, 'condition node');
  }
}

function evalCondition(node: ConditionNode, seen: (name: string) => boolean): boolean {
  switch (node.kind) {
    case 'and':
      return node.operands.every((o) => evalCondition(o, seen));
    case 'or':
      return node.operands.some((o) => evalCondition(o, seen));
    case 'not':
      return !evalCondition(node.operand, seen);
    case 'identifier':
      return seen(node.name);
    case 'selector':
      return node.quantifier === 'all' ? node.matches.every(seen) : node.matches.some(seen);
    default:
      return assertNever(node, 'condition node');
  }
}

/**
 * Correlation rules over a time-ordered stream, per group-by key. Conditions made only of gt/gte (and
 * extended temporal conditions) use a sliding window: checked whenever an entry arrives, over the entries
 * with `now - entry.time <= timespan`, firing when the condition becomes true (edge-triggered). Other
 * conditions (lt, lte, eq, neq, ranges) can only be judged once a window is complete: they use tumbling
 * windows anchored at the group's first entry, judged when time passes the window end or the stream ends.
 * The Sigma specification asks for windows free of static boundaries but defines none for these conditions;
 * README "Windows and the specification" quotes it and gives the reasons for this choice.
 */
export class CorrelationEngine {
  readonly diagnostics: Diagnostic[] = [];
  private readonly correlations: CompiledCorrelation[] = [];
  /** Referencing correlations of each document. */
  private readonly consumers = new Map<SigmaRule | CorrelationRule, CompiledCorrelation[]>();
  private now = -Infinity;

  constructor(
    collection: SigmaCollection,
    private readonly lookup: FieldLookup,
  ) {
    for (const doc of collection.correlations) {
      const c = this.compile(doc, collection);
      if (!c) continue;
      this.correlations.push(c);
      for (const s of c.sources) {
        const list = this.consumers.get(s.rule) ?? [];
        list.push(c);
        this.consumers.set(s.rule, list);
      }
    }
  }

  get size(): number {
    return this.correlations.length;
  }

  /** What the engine holds right now: live groups, window entries and pending expiry items (for memory checks). */
  liveState(): { readonly groups: number; readonly entries: number; readonly queued: number } {
    let groups = 0;
    let entries = 0;
    let queued = 0;
    for (const c of this.correlations) {
      groups += c.groups.size;
      for (const g of c.groups.values()) entries += liveCount(g);
      queued += c.expiry.size;
    }
    return { groups, entries, queued };
  }

  /** Rules that only feed correlations with `generate: false`: their own matches are not reported. */
  suppressed(rule: SigmaRule): boolean {
    const users = this.consumers.get(rule);
    return users !== undefined && users.length > 0 && users.every((c) => !c.doc.generate);
  }

  private compile(doc: CorrelationRule, collection: SigmaCollection): CompiledCorrelation | undefined {
    const key = documentKey(doc);
    const sources: Source[] = [];
    // Extended conditions may stand alone: the rules are then the identifiers they name.
    const refs =
      doc.rules.length > 0 || doc.condition.kind !== 'extended'
        ? doc.rules
        : identifiersOf(doc.condition.root).map((ref) => ({ ref, loc: doc.condition.loc }));
    for (const ref of refs) {
      const target = collection.byRef.get(ref.ref);
      if (!target) {
        this.diagnostics.push(
          diagnostic('correlation/unresolved-reference', `rule '${ref.ref}' is not in the collection`, ref.loc, { rule: key }),
        );
        return undefined;
      }
      sources.push(target.kind === 'rule' ? { kind: 'rule', rule: target } : { kind: 'correlation', rule: target });
    }
    const aliasField = (name: string, source: Source): string => {
      const alias = doc.aliases.find((a) => a.name === name);
      if (!alias) return name;
      for (const [ref, f] of Object.entries(alias.fields)) {
        if (collection.byRef.get(ref) === source.rule) return f;
      }
      return name;
    };
    const cond = doc.condition;
    let predicates: { op: CorrelationOperator; value: number }[] = [];
    let fields: readonly string[] = [];
    let percentile: number | undefined;
    let extended: ConditionNode | undefined;
    if (cond.kind === 'threshold') {
      predicates = [...cond.predicates];
      fields = cond.fields;
      percentile = cond.percentile;
    } else extended = cond.root;
    if ((doc.type === 'temporal' || doc.type === 'temporal_ordered') && cond.kind === 'threshold' && predicates.length === 0) {
      predicates = [{ op: 'gte', value: sources.length }];
    }
    if (doc.type === 'value_percentile' && percentile === undefined) {
      this.diagnostics.push(
        diagnostic('correlation/invalid-condition', 'value_percentile needs `condition.percentile` (1-100) to be evaluated', cond.loc, {
          rule: key,
        }),
      );
      return undefined;
    }
    if (doc.type.startsWith('value_') && fields.length === 0) {
      this.diagnostics.push(diagnostic('correlation/missing-field', `${doc.type} needs condition.field`, cond.loc, { rule: key }));
      return undefined;
    }
    return {
      doc,
      key,
      sources,
      groupFields: sources.map((s) => doc.groupBy.map((g) => aliasField(g, s))),
      valueFields: sources.map((s) => fields.map((f) => aliasField(f, s))),
      predicates,
      percentile,
      extended,
      positive: new Set(
        extended
          ? positiveIdentifiers(extended).flatMap((name) => {
              const i = sources.findIndex((s) => s.rule.name === name || s.rule.id === name);
              return i >= 0 ? [i] : [];
            })
          : [],
      ),
      spanMs: doc.timespan.seconds * 1000,
      groups: new Map(),
      expiry: new ExpiryQueue(),
      monotone: predicates.every((p) => p.op === 'gt' || p.op === 'gte') || extended !== undefined,
    };
  }

  /**
   * Feed one event (already matched against the base rules). Returns the correlation matches it completes,
   * including matches of closed windows that the event's time has passed.
   */
  push(index: number, time: number, event: EventObject, matched: readonly SigmaRule[]): CorrelationMatch[] {
    // Streams are expected in time order; an earlier timestamp is clamped so windows never run backwards.
    this.now = Math.max(this.now, time);
    const out: CorrelationMatch[] = [];
    this.expire(this.now);
    this.closeWindows(index, this.now, out);
    const queue: Contribution[] = matched.map((doc) => ({ doc, fields: event, time: this.now, events: [index] }));
    for (let qi = 0; qi < queue.length; qi++) {
      const contribution = queue[qi]!;
      for (const c of this.consumers.get(contribution.doc) ?? []) {
        for (const m of this.add(c, contribution, index)) {
          out.push(m);
          queue.push({ doc: c.doc, fields: m.group, time: m.time, events: m.events });
        }
      }
    }
    return out;
  }

  /** End of stream: judge every still-open window of non-monotone conditions. */
  finish(index: number): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    this.closeWindows(index, Infinity, out);
    return out;
  }

  private read(fields: EventObject, name: string): unknown {
    const v = resolveField(fields, name, this.lookup);
    return v === MISSING ? undefined : v;
  }

  private add(c: CompiledCorrelation, input: Contribution, index: number): CorrelationMatch[] {
    const source = c.sources.findIndex((s) => s.rule === input.doc);
    const groupValues: Record<string, string | null> = {};
    c.doc.groupBy.forEach((g, i) => {
      const v = this.read(input.fields, c.groupFields[source]![i]!);
      groupValues[g] = v === undefined || v === null ? null : (stringForm(v) ?? JSON.stringify(v));
    });
    const key = JSON.stringify(c.doc.groupBy.map((g) => groupValues[g]));
    let state = c.groups.get(key);
    if (!state) {
      state = {
        key,
        entries: [],
        head: 0,
        held: false,
        values: groupValues,
        windowEnd: input.time + c.spanMs,
        distinct: new Map(),
        sum: 0,
        numeric: 0,
        perSource: [],
        sources: 0,
      };
      c.groups.set(key, state);
      if (!c.monotone) c.expiry.push(input.time, state);
    }
    let value: number | string | undefined;
    const vf = c.valueFields[source]!;
    if (c.doc.type === 'value_count') {
      const parts = vf.map((f) => this.read(input.fields, f));
      value = parts.some((p) => p === undefined || p === null) ? undefined : JSON.stringify(parts.map((p) => stringForm(p) ?? JSON.stringify(p)));
    } else if (c.doc.type.startsWith('value_')) {
      value = numericForm(this.read(input.fields, vf[0]!));
    }
    for (const e of input.events) addToGroup(state, { time: input.time, event: e, source, value });
    if (!c.monotone) return [];
    c.expiry.push(input.time, state);
    // Slide: drop this group's entries that fell out of the window ending now (others go in expire()).
    this.slide(c, state, input.time - c.spanMs);
    const m = this.judge(c, state, index, input.time);
    return m ? [m] : [];
  }

  /** Drop the group's entries older than `from`; an emptied group is deleted (its state is then gone). */
  private slide(c: CompiledCorrelation, state: GroupState, from: number): void {
    while (liveCount(state) > 0 && state.entries[state.head]!.time < from) shiftGroup(state);
    if (liveCount(state) === 0 && c.groups.get(state.key) === state) c.groups.delete(state.key);
  }

  /**
   * Sliding windows: entries leave when `now - timespan` passes them, in arrival order through the expiry
   * queue, so only groups with something to drop are visited. A group left empty is deleted: memory follows
   * what is live in the windows, not the number of group keys ever seen.
   */
  private expire(now: number): void {
    for (const c of this.correlations) {
      if (!c.monotone) continue;
      const from = now - c.spanMs;
      for (let it = c.expiry.popBefore(from); it !== undefined; it = c.expiry.popBefore(from)) this.slide(c, it.group, from);
    }
  }

  /**
   * Windows of non-monotone correlations whose end is before `now` are judged. These windows tumble per
   * group: one starts at the group's first entry and lasts `timespan`; the next starts at the first entry
   * after it. (Sliding them by one entry would judge every burst's thinning tail, which for `lt` would
   * fire on nearly every group.) The expiry queue holds each window's end, so only windows that close are
   * visited; a group with nothing after its window is deleted.
   */
  private closeWindows(index: number, now: number, out: CorrelationMatch[]): void {
    for (const c of this.correlations) {
      if (c.monotone) continue;
      for (let it = c.expiry.popBefore(now - c.spanMs); it !== undefined; it = c.expiry.popBefore(now - c.spanMs)) {
        const state = it.group;
        // Stale item: the group was deleted or its window moved on.
        if (c.groups.get(state.key) !== state || state.windowEnd !== it.time + c.spanMs) continue;
        this.closeWindow(c, state, index, now, out);
      }
    }
  }

  private closeWindow(c: CompiledCorrelation, state: GroupState, index: number, now: number, out: CorrelationMatch[]): void {
    const end = state.windowEnd;
    state.held = false;
    // Entries after the window (out-of-order chained input) start the next window.
    const live = liveEntries(state);
    const inside = live.filter((e) => e.time <= end);
    const m =
      inside.length === live.length
        ? this.judge(c, state, index, Math.min(now, end))
        : this.judgeWindow(c, state, inside, index, Math.min(now, end));
    if (m) out.push(m);
    const rest = live.filter((e) => e.time > end);
    c.groups.delete(state.key);
    if (rest.length === 0) return;
    const next: GroupState = { ...state, entries: [], head: 0, held: false, windowEnd: rest[0]!.time + c.spanMs, distinct: new Map(), sum: 0, numeric: 0, perSource: [], sources: 0 };
    for (const e of rest) addToGroup(next, e);
    c.groups.set(state.key, next);
    c.expiry.push(next.windowEnd - c.spanMs, next);
  }

  /** Judge the group's whole live window with the incremental aggregates. */
  private judge(c: CompiledCorrelation, state: GroupState, index: number, time: number): CorrelationMatch | undefined {
    return this.decide(c, state, this.aggregateGroup(c, state), () => liveEntries(state), index, time);
  }

  /** Judge an explicit window (a part of the group's entries). */
  private judgeWindow(c: CompiledCorrelation, state: GroupState, window: readonly WindowEntry[], index: number, time: number): CorrelationMatch | undefined {
    return this.decide(c, state, this.aggregate(c, window), () => window, index, time);
  }

  private decide(
    c: CompiledCorrelation,
    state: GroupState,
    value: number,
    window: () => readonly WindowEntry[],
    index: number,
    time: number,
  ): CorrelationMatch | undefined {
    const holds = c.extended
      ? value === 1
      : !Number.isNaN(value) && c.predicates.every((p) => compare(p.op, value, p.value));
    const fire = holds && !state.held;
    state.held = holds;
    if (!fire) return undefined;
    return {
      rule: c.key,
      title: c.doc.title,
      type: c.doc.type,
      event: index,
      time,
      group: state.values,
      value,
      events: window().map((e) => e.event),
    };
  }

  /** The aggregate over the group's live window: O(1) for the incremental types. */
  private aggregateGroup(c: CompiledCorrelation, g: GroupState): number {
    switch (c.doc.type) {
      case 'event_count':
        return liveCount(g);
      case 'value_count':
        return g.distinct.size;
      case 'value_sum':
        return g.sum;
      case 'value_avg':
        return g.numeric === 0 ? NaN : g.sum / g.numeric;
      case 'temporal':
        if (!c.extended) return g.sources;
        return this.aggregate(c, liveEntries(g));
      default:
        return this.aggregate(c, liveEntries(g));
    }
  }

  private aggregate(c: CompiledCorrelation, window: readonly WindowEntry[]): number {
    const nums = (): number[] => window.flatMap((e) => (typeof e.value === 'number' ? [e.value] : []));
    switch (c.doc.type) {
      case 'event_count':
        return window.length;
      case 'value_count':
        return new Set(window.flatMap((e) => (e.value === undefined ? [] : [e.value]))).size;
      case 'temporal':
        if (c.extended) {
          const seen = new Set(window.map((e) => e.source));
          return evalCondition(c.extended, (name) => this.seenByName(c, seen, name)) ? 1 : 0;
        }
        return new Set(window.map((e) => e.source)).size;
      case 'temporal_ordered': {
        if (c.extended) {
          const seen = new Set(window.map((e) => e.source));
          if (!evalCondition(c.extended, (name) => this.seenByName(c, seen, name))) return 0;
          // Order: the rules the condition requires (named outside any `not`) that were seen must occur
          // as a subsequence in the order of `rules`.
          const required = c.sources.map((_, i) => i).filter((i) => seen.has(i) && c.positive.has(i));
          let next = 0;
          for (const e of window) if (e.source === required[next]) next++;
          return next === required.length ? 1 : 0;
        }
        // Greedy: how many referenced rules appear as a subsequence in the listed order.
        let next = 0;
        for (const e of window) if (e.source === next) next++;
        return next;
      }
      case 'value_sum':
        return nums().reduce((a, b) => a + b, 0);
      case 'value_avg': {
        const v = nums();
        return v.length === 0 ? NaN : v.reduce((a, b) => a + b, 0) / v.length;
      }
      case 'value_percentile':
        return percentileOf(nums(), c.percentile ?? 50);
      case 'value_median':
        return medianOf(nums());
      default:
        return assertNever(c.doc.type, 'correlation type');
    }
  }

  private seenByName(c: CompiledCorrelation, seen: ReadonlySet<number>, name: string): boolean {
    const i = c.sources.findIndex((s) => s.rule.name === name || s.rule.id === name);
    return i >= 0 && seen.has(i);
  }
}
