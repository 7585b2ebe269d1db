import type { Diagnostic, MatchExpr, ScalarValue } from '@sigmats/core';
import { compileExpr, type Predicate, UnsupportedValue } from '../compile-expr.js';
import { EventView, type EventObject } from '../event.js';

/** A field value, or the field left out of the event. */
export const ABSENT: unique symbol = Symbol('absent');
export type FieldValue = unknown | typeof ABSENT;

const cache = new WeakMap<ScalarValue, Map<string, Predicate | string>>();

/**
 * The evaluator's own test of `field <value>`, compiled once per value: candidates are chosen with exactly
 * the semantics the witness is later checked with. A string is the reason the value cannot be evaluated.
 */
export function valueTest(field: string, value: ScalarValue): Predicate | string {
  let byField = cache.get(value);
  if (byField === undefined) cache.set(value, (byField = new Map()));
  let t = byField.get(field);
  if (t === undefined) {
    const expr: MatchExpr = { kind: 'match', field, value, origin: '', loc: value.loc };
    const diagnostics: Diagnostic[] = [];
    try {
      t = compileExpr(expr, { rule: 'derive', diagnostics }).test;
    } catch (e) {
      if (!(e instanceof UnsupportedValue)) throw e;
      t = diagnostics[0]?.message ?? e.message;
    }
    byField.set(field, t);
  }
  return t;
}

export function holdsOn(event: EventObject, test: Predicate): boolean {
  return test(new EventView(event, 'exact-then-path', undefined));
}

/** Whether `field` set to `v` (or absent) passes the test, in an event holding nothing else. */
export function holds(field: string, v: FieldValue, test: Predicate): boolean {
  return holdsOn(v === ABSENT ? {} : { [field]: v }, test);
}
