import { fixtureEvents, regressionEvents } from '@sigmats/evaluator/node';
import type { ExtraEvent } from './run.js';

/**
 * Real events recorded for rules: SigmaHQ's regression_data (evtx recordings of the attack each rule detects) and
 * our own fixtures. Keyed by the rule they were recorded for, in lower case (an id, or a title for fixtures that
 * name their rule by title). Their source is the rule's own logsource unless the event's channel says otherwise.
 */
export function extraEvents(sigmahqDir: string | undefined, rulesDir: string): Map<string, ExtraEvent[]> {
  const out = new Map<string, ExtraEvent[]>();
  const add = (rule: string, e: ExtraEvent): void => {
    const key = rule.toLowerCase();
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  };
  if (sigmahqDir) for (const e of regressionEvents(sigmahqDir)) add(e.ruleId, { event: e.event, role: 'regression', note: e.file });
  for (const e of fixtureEvents(rulesDir)) add(e.ruleId, { event: e.event, role: 'fixture', note: e.file });
  return out;
}
