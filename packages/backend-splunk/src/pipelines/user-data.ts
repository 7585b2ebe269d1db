/**
 * Windows event types that keep their data in a UserData element, not in EventData, under `splunk-windows`. The Splunk
 * Add-on for Windows keeps UserData only as a block (`[userdata_xml_block]` → `UserData_Xml`) and extracts fields from
 * the System header, EventData and RenderingInfo (`[system_props_xml_kv]`, `[system_props_xml_attributes]`,
 * `[eventdata_xml_data]`, `[rendering_info_xml_data]`; from UserData only a few named elements of other channels'
 * events, e.g. Windows Update's `updatetitle`), and its `props.conf` has no stanza for these sources but a sourcetype
 * rename (SOURCES.md). So `FilePath="*\\Temp\\*"` over AppLocker's events is no search-time field and never matches.
 * Splunk's own detections read them with `` `applocker` … | spath input=UserData_Xml | rename RuleAndFileData.* as * ``
 * (SOURCES.md, "AppLocker").
 *
 * Such a field is refused at its detection item, with Splunk's way named in the message (as `Channel` is for a Channel
 * inside the event, provider.ts `channelFieldFailure`), rather than converted to
 * `<scope> | spath input=UserData_Xml | rename <element>.* as * | search <terms>`. That form would give these services'
 * queries a shape of their own (the rule's terms after a pipe, only the scope before it) that every consumer of the
 * search would have to follow: the data_model format (tstats cannot spath), the correlation and savedsearches outputs,
 * the lint and the test evaluator (test/helpers/spl-eval.ts). A located refusal is exact, costs one processing item
 * per service, and leaves every other rule's output as it was.
 *
 * By service: who writes the events, their element, and the element's children as a pattern over a rule's field
 * names (the names Windows gives them in the event XML). Only these are refused: a header field (EventID, Computer,
 * Provider_Name, …) converts as for any Windows source, and a name the events do not have is the rule's own business,
 * as elsewhere.
 *
 * - AppLocker: RuleAndFileData, the template of 8004 in the ETW manifest (OTRF/OSSEM
 *   data_dictionaries/windows/etw-providers/Microsoft-Windows-AppLocker/events/event-8004.md @ 741fe55c: PolicyName,
 *   RuleId, RuleName, RuleSddl, TargetUser, TargetProcessId, FilePath, FileHash, Fqbn, TargetLogonId, FullFilePath,
 *   the strings with a `…Length` before them; Splunk's own detection reads PolicyName, RuleId, TargetUser,
 *   TargetProcessId, FilePath and FullFilePath out of that element, SOURCES.md), and the packaged-app events' Package
 *   (8022's template, event-8022.md @ 84ded3ec: PackageLength, PackageBuffer; EvtxECmd's map of 8020 reads
 *   `/Event/UserData/RuleAndFileData/Package`, EricZimmerman/evtx @ 03a7a1f).
 * - WMI-Activity/Operational: one element per event, `Operation_ClientFailure` (5858), `Operation_EssStarted` (5859),
 *   … (SOURCES.md, "WMI-Activity and LocalSessionManager"). The children: those of 5858 in SigmaHQ's recording (Id,
 *   ClientMachine, User, ClientProcessId, Component, Operation, ResultCode, PossibleCause), of 5859 in ATC's raw event
 *   (NamespaceName, Query, User, Processid, Provider, queryid, PossibleCause), and the manifest's templates of 5857
 *   (ProviderName, Code, HostProcess, ProcessID, ProviderPath), 5860 (NamespaceName, Query, User, processid,
 *   MachineName, PossibleCause) and 5861 (Namespace, ESS, CONSUMER, PossibleCause) (OTRF/OSSEM
 *   data_dictionaries/windows/etw-providers/Microsoft-Windows-WMI-Activity/events/event-<id>.md @ 4c85e73f), with
 *   EvtxECmd's maps' ClientMachine in 5860.
 * - TerminalServices-LocalSessionManager/Operational: `EventXML`, whose children EvtxECmd's maps of 21-25 and 39-41
 *   read: User, SessionID, Address, TargetSession, Source, Session, Reason.
 * - The event log service's own events, only in a rule that tests their event id (the same names are EventData's in
 *   other System and Security events): System 104 keeps SubjectUserName, SubjectDomainName, Channel and BackupPath in
 *   `LogFileCleared` (Channel has its own refusal, provider.ts), Security 1102 SubjectUserSid, SubjectUserName,
 *   SubjectDomainName and SubjectLogonId (the provider's manifest, repnz/etw-providers-docs
 *   Manifests-Win10-17134/Microsoft-Windows-Eventlog.xml @ 31246a5c, `LogclearArgs`, `Logclear1102Args`; EvtxECmd's
 *   map of 1102, `/Event/UserData/LogFileCleared/SubjectUserName`). The add-on's one transform over UserData in the
 *   Security source, `[SubjectUserName_from_user_data]`, writes that child to `Caller_User_Name`, not to
 *   `SubjectUserName` (Splunk_TA_windows transforms.conf and props.conf, PMJeffery/splunk4windows @ 192ab41e).
 */
const USER_DATA: readonly (readonly [service: string, writer: string, element: string, fields: string, eventId?: number])[] = [
  ['applocker', 'AppLocker', 'RuleAndFileData', '(?:PolicyName|Rule(?:Name|Sddl)|File(?:Path|Hash)|Fqbn|FullFilePath|Package)(?:Length)?|RuleId|Target(?:User|ProcessId|LogonId)'],
  [
    'wmi',
    'WMI-Activity',
    'Operation_*',
    'Id|ClientMachine|User|ClientProcessId|Component|Operation|ResultCode|PossibleCause|Namespace(?:Name)?|Query|[Pp]rocessid|ProcessID|Provider(?:Name|Path)?|providerName|queryid|MachineName|ESS|CONSUMER|Code|HostProcess',
  ],
  ['terminalservices-localsessionmanager', 'TerminalServices-LocalSessionManager', 'EventXML', 'User|SessionID|Address|TargetSession|Source|Session|Reason'],
  ['system', 'System event 104', 'LogFileCleared', 'Subject(?:User|Domain)Name|BackupPath', 104],
  ['security', 'Security event 1102', 'LogFileCleared', 'Subject(?:UserSid|UserName|DomainName|LogonId)', 1102],
];

/** The refusal's message for a field of `writer`'s events, kept in UserData `element`. */
export const userDataMessage = (writer: string, element: string): string =>
  `${writer} keeps this field in UserData (${element}), which the Splunk Add-on for Windows does not extract (Splunk reads it with \`| spath input=UserData_Xml\`)`;

/**
 * A field of a USER_DATA service's rule (of `only`, if given) that is one of its element's children fails the rule at
 * that item. Keywords
 * are not items of a field (the `include_fields` pattern needs a field name) and pass: they search `_raw`, the whole
 * event XML.
 */
export function userDataFieldFailures(prefix: string, only?: string): Record<string, unknown>[] {
  return USER_DATA.filter(([service]) => !only || service === only).map(([service, writer, element, fields, eventId]) => ({
    id: `${prefix}_${service.replace(/-/g, '_')}_userdata`,
    type: 'detection_item_failure',
    message: userDataMessage(writer, element),
    field_name_conditions: [{ type: 'include_fields', mode: 're', fields: [`^(?:${fields})$`] }],
    rule_conditions: [
      { type: 'logsource', product: 'windows', service },
      ...(eventId ? [{ type: 'contains_detection_item', field: 'EventID', value: eventId }] : []),
    ],
  }));
}
