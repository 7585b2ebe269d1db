import { CHANNELS_WITH_SPACED_DATA, mapLeaves, windowsDataName } from '@sigmats/core';
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
 * The rest of 104's data is in that element too: its template (the provider's ETW manifest, OTRF/OSSEM
 * data_dictionaries/windows/etw-providers/Microsoft-Windows-Eventlog/events/event-104.md @ a47073b4) is SubjectUserName,
 * SubjectDomainName, Channel, BackupPath. Security 1102 ("The audit log was cleared", same provider) is the catalog's
 * own example above: SubjectUserSid, SubjectUserName, SubjectDomainName, SubjectLogonId, the template of the
 * provider's manifest (repnz/etw-providers-docs Manifests-Win10-17134/Microsoft-Windows-Eventlog.xml @ 31246a5c,
 * `Logclear1102Args`), under `/Event/UserData/LogFileCleared/` in EvtxECmd's map of it (EricZimmerman/evtx
 * evtx/Maps/Security_Microsoft-Windows-Eventlog_1102.map @ 03a7a1f).
 *
 * Unlike USER_DATA_EVENTS, these keys apply only to a rule that tests the event id: a Security rule reading
 * SubjectUserName without an EventID reads EventData's, where every other Security event has it.
 *
 * Keyed by `<Channel>-<EventID>` (Cloud SIEM's metadata_deviceEventId form); values are record key paths.
 */
export const IN_EVENT_KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'System-104': cleared('SubjectUserName SubjectDomainName Channel BackupPath'),
  'Security-1102': cleared('SubjectUserSid SubjectUserName SubjectDomainName SubjectLogonId'),
};

function cleared(fields: string): Record<string, string> {
  return Object.fromEntries(fields.split(' ').map((f) => [f, `UserData.LogFileCleared.${f}`]));
}

/**
 * Windows event types whose data is one UserData element instead of EventData: every Sigma name that would be an
 * `EventData.<name>` key is `UserData.<element>.<name>` in them. By channel, then event id: the element.
 *
 * - AppLocker's file events: Microsoft's list of AppLocker events (MicrosoftDocs/windows-itpro-docs
 *   windows/security/application-security/application-control/app-control-for-business/applocker/
 *   using-event-viewer-with-applocker.md @ f9d16c6b) gives 8002-8004 for .exe and .dll files and 8005-8007 for
 *   scripts and .msi files, that is the EXE and DLL and the MSI and Script channels, each id in one channel only.
 *   Their data is the RuleAndFileData element: Microsoft's Azure Monitor query guide reads AppLocker 8002 as
 *   `Details.UserData.RuleAndFileData.FilePath` / `.FileHash` (MicrosoftDocs/azure-monitor-docs
 *   articles/azure-monitor/logs/query-optimization.md @ 6cb7195a), and Splunk's own detection over 8004 and 8007
 *   renames `RuleAndFileData.*` out of the UserData XML to read PolicyName, RuleId, TargetUser, TargetProcessId,
 *   FilePath and FullFilePath (splunk/security_content detections/endpoint/windows_applocker_block_events.yml @
 *   12fbfd76). The packaged-app events (8020-8025) are not listed: no source gives both their channel and element.
 * - WMI-Activity/Operational: each event its own element. 5858 is `Operation_ClientFailure` in SigmaHQ's own
 *   recording (regression_data/rules/windows/builtin/wmi/win_wmi_activity_nteventlogfile_cleareventlog/
 *   d4f1a2b3-7c8e-4d5f-b6a9-1e0c2d3f4e5b.json: `UserData.Operation_ClientFailure.Operation`); 5857, 5858, 5860 and
 *   5861 are `Operation_StartedOperational`, `Operation_ClientFailure`, `Operation_TemporaryEssStarted` and
 *   `Operation_ESStoConsumerBinding` in EvtxECmd's maps, which read each field by its XPath in the event
 *   (EricZimmerman/evtx evtx/Maps/Microsoft-Windows-WMI-Activity-Operational_Microsoft-Windows-WMI-Activity_<id>.map
 *   @ 03a7a1f, e.g. `/Event/UserData/Operation_ESStoConsumerBinding/PossibleCause`); 5859 is `Operation_EssStarted`
 *   in the raw 5859 event of ATC's data-needed page (atc-project/atc-data
 *   Data_Needed/DN0080_5859_wmi_activity/index.html @ 339b887e: NamespaceName, Query, User, Processid, Provider,
 *   queryid, PossibleCause), the fields SigmaHQ's win_wmi_persistence filters on.
 * - TerminalServices-LocalSessionManager/Operational: the element `EventXML` in EvtxECmd's maps of 21, 22, 23, 24, 25
 *   (User, SessionID, Address), 39 (TargetSession, Source), 40 (Session, Reason) and 41 (User, SessionID)
 *   (EricZimmerman/evtx evtx/Maps/Microsoft-Windows-TerminalServices-LocalSessionManager-Operational_
 *   Microsoft-Windows-TerminalServices-LocalSessionManager_<id>.map @ 03a7a1f, e.g. `/Event/UserData/EventXML/Address`).
 *
 * Sumo keeps a UserData element's path as System 104 shows above.
 */
export const USER_DATA_EVENTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'Microsoft-Windows-AppLocker/EXE and DLL': each('8002 8003 8004', 'RuleAndFileData'),
  'Microsoft-Windows-AppLocker/MSI and Script': each('8005 8006 8007', 'RuleAndFileData'),
  'Microsoft-Windows-WMI-Activity/Operational': {
    5857: 'Operation_StartedOperational',
    5858: 'Operation_ClientFailure',
    5859: 'Operation_EssStarted',
    5860: 'Operation_TemporaryEssStarted',
    5861: 'Operation_ESStoConsumerBinding',
  },
  'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational': each('21 22 23 24 25 39 40 41', 'EventXML'),
};

function each(ids: string, element: string): Record<string, string> {
  return Object.fromEntries(ids.split(' ').map((id) => [id, element]));
}

/** The record key of `field` in the Windows event type `<channel>-<id>` when it is not the header's, else undefined. */
export function inEventKey(channel: string, id: string, field: string): string | undefined {
  return IN_EVENT_KEYS[`${channel}-${id}`]?.[field];
}

/**
 * The record key of a field in the event type `<channel>-<id>`, given its key in an event of EventData (`key`, as the
 * Windows key functions give it): an `EventData.<name>` key moves to the event type's UserData element, if it has one.
 */
export function dataKey(channel: string, id: string, key: string): string {
  if (!key.startsWith('EventData.')) return key;
  const element = USER_DATA_EVENTS[channel]?.[id];
  // Sigma drops the spaces of a data name (core's windowsDataName); the event keeps them: `EventData.Threat Name`.
  const name = windowsDataName(channel, key.slice('EventData.'.length));
  return element === undefined ? `EventData.${name}` : `UserData.${element}.${name}`;
}

/**
 * The (channel, event id) pairs a rule of these channels and event ids can meet: every pair, except an id that
 * USER_DATA_EVENTS gives to another of the channels (Microsoft logs each of those ids to one channel only).
 */
export function eventTypes(channels: readonly string[], ids: ReadonlySet<string>): { channel: string; id: string }[] {
  const out: { channel: string; id: string }[] = [];
  for (const channel of channels) {
    for (const id of ids) if (!channels.some((c) => c !== channel && USER_DATA_EVENTS[c]?.[id] !== undefined)) out.push({ channel, id });
  }
  return out;
}

/**
 * The keys `field` has in the event types a rule of `channels` can meet: with the event ids `ids` it tests, or, when it
 * tests none, with any id (those USER_DATA_EVENTS lists and any other). `key`: the field's key in an event of
 * EventData. One key: the field can be read; several: a query reading it from one of them misses the other events
 * (the log search then reads it per event id, Cloud SIEM per event type).
 */
export function fieldKeys(channels: readonly string[], ids: ReadonlySet<string> | undefined, field: string, key: string): Set<string> {
  return new Set(eventTypes(channels, eventIdsOf(channels, ids)).map((t) => inEventKey(t.channel, t.id, field) ?? dataKey(t.channel, t.id, key)));
}

/** The event ids a rule of `channels` can meet: those it tests, or, when it tests none, '' (any id) and USER_DATA_EVENTS' ids. */
export function eventIdsOf(channels: readonly string[], ids: ReadonlySet<string> | undefined): ReadonlySet<string> {
  return ids ?? new Set(['', ...channels.flatMap((c) => Object.keys(USER_DATA_EVENTS[c] ?? {}))]);
}

/** The refusal of a field fieldKeys gives several keys. */
export const keysProblem = (field: string, keys: Set<string>): string =>
  `field '${field}' is under different keys in the rule's event types (${[...keys].join(', ')}): split the rule by EventID`;

/**
 * The channels of IN_EVENT_KEYS and USER_DATA_EVENTS, and those whose data names have spaces, held to the tables by a
 * test: a rule of any other channel reads every field in the header or EventData under its Sigma name, so the log
 * search skips working out its event id (a walk of the whole condition for every Windows rule, cold).
 */
export const CHANNELS_WITH_IN_EVENT_KEYS: ReadonlySet<string> = new Set(['System', 'Security', ...Object.keys(USER_DATA_EVENTS), ...CHANNELS_WITH_SPACED_DATA]);

/** Whether some event type of `channel` keeps a field outside its header or EventData (inEventKey or dataKey answer for some id). */
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
