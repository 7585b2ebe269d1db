import { mapLeaves } from '@sigmats/core';
import type { Expr } from '@sigmats/core';

/**
 * Sigma's flat names that, in some Windows event types, are not the event header's field. Sigma's flat view of a
 * Windows event writes UserData names over System ones (the reference evaluator's flattenWindowsEvent,
 * packages/evaluator/src/windows-event.ts), so in event 104 of the System channel ("The <log> log file was cleared",
 * provider Microsoft-Windows-Eventlog) a rule's `Channel` is UserData LogFileCleared/Channel, the log that was
 * cleared, never the header's `System` (SigmaHQ's win_system_eventlog_cleared.yml filters it by the cleared log's
 * name). Sumo keeps the element path: the Windows JSON format's sample log (SumoLogic/sumologic-documentation
 * docs/integrations/microsoft-azure/windows-json.md @ 023f0a49) shows the same provider's 1102 as
 * `"EventData":{},"UserData":{"LogFileCleared":{...}}`, and Cloud SIEM's catalog maps that element's keys as
 * `UserData.LogFileCleared.SubjectUserName` (sumo-cloud-siem-catalog mappings/86c42ab4-ecb1-421b-8f04-6d10e40b78df.md:27-29).
 *
 * Keyed by `<Channel>-<EventID>` (Cloud SIEM's metadata_deviceEventId form); values are record key paths.
 */
export const IN_EVENT_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'System-104': { Channel: 'UserData.LogFileCleared.Channel' },
};

/** The record key of `field` in the Windows event type `<channel>-<id>` when it is not the header's, else undefined. */
export function inEventKey(channel: string, id: string, field: string): string | undefined {
  return IN_EVENT_KEYS[`${channel}-${id}`]?.[field];
}

/**
 * Channels with an entry in IN_EVENT_KEYS: a rule of any other channel reads every field in the header, so the log
 * search skips working out its event id (a walk of the whole condition for every Windows rule, cold).
 */
const CHANNELS_WITH_IN_EVENT_KEYS: ReadonlySet<string> = new Set(Object.keys(IN_EVENT_KEYS).map((k) => k.slice(0, k.lastIndexOf('-'))));

/** Whether some event type of `channel` keeps a field outside its header (inEventKey answers for some id). */
export function hasInEventKeys(channel: string): boolean {
  return CHANNELS_WITH_IN_EVENT_KEYS.has(channel);
}

/** `expr` with every read of a field renamed by `rename` (fields it leaves undefined keep their name). */
export function renameFields(expr: Expr, rename: (field: string) => string | undefined): Expr {
  // Subtrees with nothing renamed (the usual case) are kept, not copied.
  return mapLeaves(expr, (test) => {
    if (test.kind !== 'match') return test;
    const field = rename(test.field) ?? test.field;
    const value = test.value.kind === 'fieldref' ? { ...test.value, field: rename(test.value.field) ?? test.value.field } : test.value;
    return field === test.field && value === test.value ? test : { ...test, field, value };
  });
}
