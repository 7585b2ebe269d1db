import { type ConditionNode, documentKey, type Expr, lowerCondition, lowerRule, type SigmaCollection, type SigmaRule } from '@sigmats/core';
import { logsourceApplies, windowsLogsource, type EventLogsource } from '../logsource.js';
import { compileRuleSet } from '../rule-set.js';
import { boundedDnf, type Conjunction } from './dnf.js';
import { applyNearMiss, type Filter, nearMisses } from './near-miss.js';
import { otherTypes, posixOtherTypes } from './other-types.js';
import { nestEvent, nestedProduct } from './shape.js';
import type { DeriveOptions, DeriveResult, DerivedEvent } from './types.js';
import { buildEvent, type Constraints, constraintsOf, ruleSource } from './witness.js';

const DEFAULT_WITNESSES = 16;
const DEFAULT_NEAR_MISSES = 24;
/** Candidate disjuncts tried per kept witness: some are unsatisfiable or rejected by the evaluator. */
const CANDIDATES_PER_WITNESS = 4;

function single(rule: SigmaRule): SigmaCollection {
  return { rules: [rule], correlations: [], filters: [], byRef: new Map(), diagnostics: [] };
}

/** `selection_img and selection_cli and not filter`: the identifiers a conjunction draws on. */
function describe(conj: Conjunction): string {
  const pos: string[] = [];
  const neg: string[] = [];
  for (const l of conj) {
    const list = l.negated ? neg : pos;
    if (!list.includes(l.test.origin)) list.push(l.test.origin);
  }
  const parts = [...pos, ...neg.filter((n) => !pos.includes(n)).map((n) => `not ${n}`)];
  return parts.length === 0 ? '(always true)' : parts.join(' and ');
}

function whyNoMatch(rule: SigmaRule, event: Record<string, unknown>): string {
  const routes = windowsLogsource(event);
  if (routes !== undefined && !routes.some((r) => logsourceApplies(rule.logsource, r))) {
    const shown = routes.map((r) => r.category ?? `service ${r.service}`).join(', ') || 'nothing';
    return `evaluator: routed to ${shown}, not the rule's logsource`;
  }
  return 'evaluator: built event does not match';
}

/** Every field a rule tests: derived events differ from their template only there. */
function testedFields(exprs: readonly Expr[]): string[] {
  const out = new Set<string>();
  const stack: Expr[] = [...exprs];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'and' || e.kind === 'or') stack.push(...e.operands);
    else if (e.kind === 'not') stack.push(e.operand);
    else if (e.kind === 'match') {
      out.add(e.field);
      if (e.value.kind === 'fieldref') out.add(e.value.field);
    }
  }
  return [...out].sort();
}

/**
 * Identity of a derived event: its event type and the fields the rule tests (the rest is the type's
 * template), far cheaper than serialising whole events.
 */
function keyOf(e: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  const parts: unknown[] = [e['Channel'], e['EventID'], e['EventType'], e['Data'], e['message']];
  for (const f of fields) parts.push(f in e ? (e[f] ?? null) : '\u0000absent');
  return JSON.stringify(parts);
}

/** Search identifiers the conditions negate (`not filter`, `not 1 of filter_*`), with what makes each true. */
function negatedIdentifiers(rule: SigmaRule): Filter[] {
  const names: string[] = [];
  const visit = (n: ConditionNode, negated: boolean): void => {
    if (n.kind === 'not') visit(n.operand, !negated);
    else if (n.kind === 'and' || n.kind === 'or') for (const o of n.operands) visit(o, negated);
    else if (negated) for (const name of n.kind === 'identifier' ? [n.name] : n.matches) if (!names.includes(name)) names.push(name);
  };
  for (const c of rule.conditions) visit(c.root, false);
  const out: Filter[] = [];
  for (const name of names) {
    const loc = rule.loc;
    try {
      const expr = lowerCondition(rule, { kind: 'condition', text: name, root: { kind: 'identifier', name, loc }, loc });
      const conj = boundedDnf(expr, 1)[0];
      const constraints = conj === undefined ? undefined : constraintsOf(conj);
      if (constraints !== undefined && typeof constraints !== 'string') out.push({ name, constraints });
    } catch {
      // An identifier that does not lower has no near miss; the witnesses already reported why.
    }
  }
  return out;
}

interface Kept {
  readonly event: Record<string, unknown>;
  readonly constraints: Constraints;
  readonly eventId: number | undefined;
}

/**
 * Events derived from a rule: witnesses (one per way its condition holds, each checked with the evaluator
 * and the Windows router, the ones it rejects reported in `dropped`), near misses of the first witnesses,
 * and the witness' values as other event types of the product. Deterministic for a rule and options.
 * Correlation rules (not a SigmaRule) give no events.
 */
export function deriveEvents(rule: SigmaRule, options: DeriveOptions = {}): DeriveResult {
  const maxWitnesses = Math.max(0, options.maxWitnesses ?? DEFAULT_WITNESSES);
  const maxNearMisses = Math.max(0, options.maxNearMisses ?? DEFAULT_NEAR_MISSES);
  const seed = Math.max(0, Math.floor(options.seed ?? 0));
  const dropped: { note: string; reason: string }[] = [];
  if ((rule as { kind?: string }).kind !== 'rule') return { events: [], dropped: [{ note: 'document', reason: 'not a detection rule (correlation and filter rules have no events of their own)' }] };
  let exprs: Expr[];
  try {
    exprs = lowerRule(rule);
  } catch (e) {
    return { events: [], dropped: [{ note: 'condition', reason: `cannot lower the condition: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const set = compileRuleSet(single(rule), { logsource: windowsLogsource, mode: 'full-scan' });
  if (set.conditionCount === 0) {
    const why = set.diagnostics.map((d) => d.message).join('; ') || 'no condition can be evaluated';
    return { events: [], dropped: [{ note: 'condition', reason: `evaluator cannot evaluate the rule: ${why}` }] };
  }
  const key = documentKey(rule);
  const source: EventLogsource = ruleSource(rule);
  const witnesses: DerivedEvent[] = [];
  const kept: Kept[] = [];
  const seen = new Set<string>();
  const fields = testedFields(exprs);
  const stableKey = (e: Readonly<Record<string, unknown>>): string => keyOf(e, fields);
  const budget = Math.max(1, maxWitnesses * CANDIDATES_PER_WITNESS);
  const perCondition = Math.max(1, Math.ceil(budget / exprs.length));
  exprs.forEach((expr, ci) => {
    let conjs: Conjunction[];
    try {
      conjs = boundedDnf(expr, perCondition, seed);
    } catch (e) {
      // A hostile, absurdly deep condition overflows the stack: reported, never thrown.
      if (!(e instanceof RangeError)) throw e;
      return void dropped.push({ note: `condition ${ci + 1}`, reason: 'condition nested too deeply to derive events' });
    }
    conjs.forEach((conj, i) => {
      if (witnesses.length >= maxWitnesses) return;
      const note = `${exprs.length > 1 ? `condition ${ci + 1}, ` : ''}disjunct ${i + 1}: ${describe(conj)}`;
      const c = constraintsOf(conj);
      if (typeof c === 'string') return void dropped.push({ note, reason: c });
      const built = buildEvent(rule, c, seed + i);
      if (typeof built === 'string') return void dropped.push({ note, reason: built });
      const k = stableKey(built.event);
      if (seen.has(k)) return void dropped.push({ note, reason: 'same event as an earlier witness' });
      if (!set.match(built.event).some((m) => m.rule === key)) return void dropped.push({ note, reason: whyNoMatch(rule, built.event) });
      seen.add(k);
      witnesses.push({ event: built.event, source, role: 'witness', note: `${note} [${built.base}]` });
      kept.push({ event: built.event, constraints: c, eventId: built.target?.eventId });
    });
  });
  const misses: DerivedEvent[] = [];
  // Near misses round-robin over the witnesses, so each way the rule matches gets perturbed.
  const filters = maxNearMisses > 0 && kept.length > 0 ? negatedIdentifiers(rule) : [];
  const perWitness = kept.map((w, i) => nearMisses(w.event, w.constraints, filters, seed + i, source));
  const done = perWitness.map(() => false);
  while (misses.length < maxNearMisses && done.includes(false)) {
    for (let w = 0; w < perWitness.length && misses.length < maxNearMisses; w++) {
      if (done[w]) continue;
      const next = perWitness[w]!.next();
      if (next.done) {
        done[w] = true;
        continue;
      }
      const m = next.value;
      const event = applyNearMiss(rule, kept[w]!.event, m);
      const k = stableKey(event);
      if (seen.has(k)) continue;
      seen.add(k);
      misses.push({ event, source, role: 'near-miss', note: `witness ${w + 1}: ${m.note}` });
    }
  }
  const others: DerivedEvent[] = [];
  const first = kept[0];
  if (first !== undefined) {
    const tested = [...first.constraints.fields.keys()];
    for (const o of otherTypes(rule, first.event, first.eventId, tested)) others.push({ event: o.event, source: o.source, role: 'other-type', note: o.note });
    for (const o of posixOtherTypes(rule, first.event, tested)) others.push({ event: o.event, source: o.source, role: 'other-type', note: o.note });
  }
  const events = [...witnesses, ...misses, ...others];
  if (!nestedProduct(rule.logsource.product)) return { events, dropped };
  // JSON products hold dotted names as nested objects (shape.ts). A witness must still match once nested; one that
  // does not (a rule testing a key with a literal dot) stays flat, and says so.
  const nested = events.map((e): DerivedEvent => {
    if (!Object.keys(e.event).some((k) => k.includes('.'))) return e;
    const event = nestEvent(e.event);
    if (e.role === 'witness' && !set.match(event).some((m) => m.rule === key)) return { ...e, note: `${e.note} (kept flat: the nested form does not match)` };
    return { ...e, event };
  });
  return { events: nested, dropped };
}
