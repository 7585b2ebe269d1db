import { impliedEventIds, mapLeaves, simplifyExpr } from '@sigmats/core';
import type { Expr, SigmaRule } from '@sigmats/core';
import { cseTarget, windowsEvent, windowsKey, type CseTarget, type EventType } from './logsources.js';
import { dataKey, eventTypes, inEventKey } from '../shared/in-event-keys.js';

// Which Cloud SIEM event types a rule's expression reads: the rule conversion scopes and renders per event type from
// them, and a correlation names a group-by field as the same event types map it.

/**
 * The rule for one event type: its `EventID` tests folded to true/false (the scope already fixes the event id). A rule
 * without such tests is the same for every event type: `unfolded` gives it simplified, once for all of them.
 */
function foldEventId(e: Expr, id: string, unfolded: () => Expr): Expr {
  if (!testsEventId(e)) return unfolded();
  const folded = mapLeaves(e, (x) => {
    if (x.kind !== 'match') return x;
    const ids = impliedEventIds(x);
    return ids ? { kind: 'const', value: ids.has(id), loc: x.loc } : x;
  });
  return folded === e ? unfolded() : simplifyExpr(folded);
}

/**
 * Whether a match tests `EventID` (only those leaves fold, see impliedEventIds): remembered per condition, so a rule
 * without such a test (most) is walked once rather than once per event type of its log source.
 */
const eventIdTests = new WeakMap<Expr, boolean>();

function testsEventId(e: Expr): boolean {
  let answer = eventIdTests.get(e);
  if (answer === undefined) eventIdTests.set(e, (answer = findsEventId(e)));
  return answer;
}

function findsEventId(e: Expr): boolean {
  switch (e.kind) {
    case 'and':
    case 'or':
      for (const o of e.operands) if (findsEventId(o)) return true;
      return false;
    case 'not':
      return findsEventId(e.operand);
    case 'match':
      return e.field === 'EventID';
    default:
      return false;
  }
}

/** Event types of Windows channel rules by `<channel>\0<id>`, shared by the rules naming them (bounded: ids come from rules). */
const channelEvents = new Map<string, EventType>();

function windowsEventsFor(channels: readonly string[], ids: ReadonlySet<string>): EventType[] {
  // Only the event types that can exist: each AppLocker file event id is logged to one of the service's channels.
  return eventTypes(channels, ids).map(({ channel, id }) => {
    const key = `${channel}\u0000${id}`;
    let e = channelEvents.get(key);
    if (!e) {
      // A field that is not the header's in this event type (System 104's Channel) is read where the record keeps it;
      // the event types of USER_DATA_EVENTS (AppLocker's file events, WMI-Activity's, …) keep their data in a UserData
      // element (dataKey).
      e = windowsEvent(channel, id, (field) => inEventKey(channel, id, field) ?? dataKey(channel, id, windowsKey(field)));
      if (channelEvents.size >= 4096) channelEvents.clear();
      channelEvents.set(key, e);
    }
    return e;
  });
}

/** The records a rule reads: its log source's (logsources.ts), a Windows channel rule that names its event ids as those event types. */
export function ruleTarget(rule: SigmaRule, expr: Expr): CseTarget {
  const target = cseTarget(rule.logsource);
  if (target.kind !== 'channel') return target;
  // A Windows channel rule that names its event ids is rendered per event id, with each id's mapping.
  const ids = impliedEventIds(expr);
  return ids && ids.size > 0 ? { kind: 'events', events: windowsEventsFor(target.channels, ids) } : target;
}

/** The event types of `events` the expression can match, each with the expression its EventID tests fold to there. */
export function eventTypesRead(events: readonly EventType[], expr: Expr): { readonly event: EventType; readonly folded: Expr }[] {
  let simplified: Expr | undefined;
  const unfolded = (): Expr => (simplified ??= simplifyExpr(expr));
  const out: { event: EventType; folded: Expr }[] = [];
  for (const event of events) {
    const id = /-(\d+)$/.exec(event.deviceEventId)?.[1] ?? '';
    const folded = foldEventId(expr, id, unfolded);
    if (folded.kind === 'const' && !folded.value) continue; // the rule cannot match this event type
    out.push({ event, folded });
  }
  return out;
}
