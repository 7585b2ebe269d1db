/**
 * Event data names Windows writes with spaces, by channel. Sigma's name for such a field drops the spaces: SigmaHQ's
 * windefend rules test `NewValue`, `ProcessName`, `ThreatName` and `SourceName`, and SigmaHQ's own recording of
 * Defender 1119 (regression_data/rules-emerging-threats/2026/Exploits/RedSun/
 * win_defender_exploit_redsun_tiering_engine_detected_as_eicar/a7c3e5f2-8b1d-4e9a-b6c2-3d7f5e8a9b4c.json) holds
 * `"Threat Name"`, `"Source Name"`, `"Process Name"`. A platform keeps the name Windows wrote, so a query must read
 * that one: Sumo's catalog maps Defender's `EventData.Process Name` and `EventData.Threat Name`
 * (sumo-cloud-siem-catalog mappings/e58c8bce-3ea6-478e-ae72-4782bff6992a.md:25, :33).
 *
 * Microsoft-Windows-Windows Defender/Operational: the names of that recording, and those EvtxECmd's maps of the channel
 * read (`/Event/EventData/Data[@Name="New Value"]`) or show in their example events (EricZimmerman/evtx
 * evtx/Maps/Microsoft-Windows-Windows-Defender-Operational_Microsoft-Windows-Windows-Defender_<id>.map @ 03a7a1f,
 * ids 1000-1013, 1116, 1117, 1134, 1150, 2000, 2050, 5000, 5001, 5007). The maps also show `Engine version`,
 * `Signature version` and `Platform version` (lower-case v) in some events: Sigma's `EngineVersion` is read as
 * `Engine Version`, and a lower-case name, which no Sigma name writes, is left out.
 */
const SPACED: Readonly<Record<string, string>> = {
  'Microsoft-Windows-Windows Defender/Operational':
    'Action ID|Action Name|Action Type|Additional Actions ID|Additional Actions String|Audit Reason|Category ID|' +
    'Category Name|Cleaning Action|Cleaning Action Index|Current Engine Version|Current Signature Version|' +
    'Detection ID|Detection Source|Detection Source Index|Detection Time|Detection Type|Detection Type Index|' +
    'Detection User|Enforcement Level|Engine Version|Error Code|Error Description|Event Timestamp|' +
    'Execution ID|Execution Name|Execution Status|Execution Status Index|New Value|Old Value|Origin ID|Origin Name|' +
    'Path Found|Policy Rule Id|Policy Version|Post Clean Status|Pre Execution Status|' +
    'Previous Engine Version|Previous Signature Version|Process Name|Product Name|Product Version|Remediation User|' +
    'Scan ID|Scan Parameters|Scan Parameters Index|Scan Resources|Scan Time Hours|Scan Time Minutes|' +
    'Scan Time Seconds|Scan Type|Scan Type Index|Security intelligence Version|Session Id|Severity ID|Severity Name|' +
    'Signature Type|Signature Type Index|Signature Version|Source ID|Source Name|Status Code|' +
    'Status Description|Threat ID|Threat Name|Type ID|Type Name|Update Type|Update Type Index|User Sid',
};

const BY_CHANNEL: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  Object.entries(SPACED).map(([channel, names]) => [channel, new Map(names.split('|').map((n) => [n.replaceAll(' ', ''), n]))]),
);

/** The channels whose events have spaced data names (windowsDataName renames fields only there). */
export const CHANNELS_WITH_SPACED_DATA: readonly string[] = [...BY_CHANNEL.keys()];

/** Sigma's name (spaces dropped) -> the spaced name Windows writes, for the events of `channel` (often empty). */
export const spacedDataNames = (channel: string): ReadonlyMap<string, string> => BY_CHANNEL.get(channel) ?? new Map();

/** The event data name Windows writes for Sigma's field `field` in events of `channel` (spaced, or `field` itself). */
export const windowsDataName = (channel: string, field: string): string => BY_CHANNEL.get(channel)?.get(field) ?? field;
