import { describe, expect, it } from 'vitest';
import { kqlBackend } from '../src/index.js';
import { sentinelWindowsPipeline } from '../src/windows.js';
import { convert, namedPipeline, whereOf } from './helpers.js';

/** A Windows rule of `logsource` (one YAML line under `logsource:` besides the product) with `detection`. */
function windowsRule(logsource: string, detection: string): string {
  const body = detection
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000e1\nlogsource:\n    product: windows\n    ${logsource}\ndetection:\n${body}`;
}

function query(yaml: string): string {
  const res = convert(yaml, { pipeline: 'sentinel_windows' });
  const where = whereOf(res);
  return where.startsWith('ERROR') ? where : res.rules[0]!.queries[0]!;
}

/** The lines that parse a rule's named Data elements out of EventData (a lone element put in an array first). */
const PARSE =
  '| extend EventDataItems = parse_xml(EventData).DataItem.EventData.Data\n' +
  '| mv-apply EventField = iff(array_length(EventDataItems) >= 0, EventDataItems, pack_array(EventDataItems)) on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))';

const UNANSWERABLE = "ERROR pipeline/detection-item-failure: Event keeps unnamed Data elements as ParameterXml's <Param> elements";

/** AppLocker's rows in SecurityEvent: those of its four logs. */
const APPLOCKER_CHANNELS =
  'Channel in ("Microsoft-Windows-AppLocker/EXE and DLL", "Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution")';

describe('sentinel_windows: Windows event logs on the Event table, Security and AppLocker on SecurityEvent', () => {
  const table: readonly (readonly [name: string, yaml: string, kql: string])[] = [
    [
      "a service's rows are its channel's; the provider is Source; named Data elements are parsed out of EventData",
      windowsRule('service: system', `sel:\n    Provider_Name: Service Control Manager\n    EventID: 7045\n    ImagePath|contains: ' -nop '\ncondition: sel`),
      `Event\n| where EventLog == "System"\n${PARSE}\n| extend ImagePath = tostring(EventFields.ImagePath)\n| where Source =~ "Service Control Manager" and EventID == 7045 and ImagePath contains " -nop "`,
    ],
    [
      "a classic source's Data is ParameterXml: |contains looks for the value",
      windowsRule('service: application', `sel:\n    Provider_Name: ESENT\n    EventID: 325\n    Data|contains: 'ntds.dit'\ncondition: sel`),
      'Event\n| where EventLog == "Application"\n| where Source =~ "ESENT" and EventID == 325 and ParameterXml contains "ntds.dit"',
    ],
    [
      "Data's equality, start and end are marked by the <Param> markup around each value",
      windowsRule('service: msexchange-management', `sel:\n    - Data: Install-TransportAgent\n    - Data|startswith: 'New-'\n    - Data|endswith: '.dll'\ncondition: sel`),
      'Event\n| where EventLog == "MSExchange Management"\n| where ParameterXml contains "<Param>Install-TransportAgent</Param>" or ParameterXml contains "<Param>New-" or ParameterXml contains ".dll</Param>"',
    ],
    [
      'a PowerShell category is its channel and event id',
      windowsRule('category: ps_classic_start', `sel:\n    Data|contains|all:\n        - 'HostName=ConsoleHost'\n        - ' -enc '\ncondition: sel`),
      'Event\n| where EventLog == "Windows PowerShell" and EventID == 400\n| where ParameterXml contains "HostName=ConsoleHost" and ParameterXml contains " -enc "',
    ],
    [
      'script block logging is named Data, parsed as any other',
      windowsRule('category: ps_script', `sel:\n    ScriptBlockText|contains: 'Invoke-Mimikatz'\ncondition: sel`),
      `Event\n| where EventLog == "Microsoft-Windows-PowerShell/Operational" and EventID == 4104\n${PARSE}\n| extend ScriptBlockText = tostring(EventFields.ScriptBlockText)\n| where ScriptBlockText contains "Invoke-Mimikatz"`,
    ],
    [
      "Defender's spaced data names are read as Windows writes them",
      windowsRule('service: windefend', `sel:\n    EventID: 1121\n    ProcessName|endswith: '\\wmiprvse.exe'\ncondition: sel`),
      `Event\n| where EventLog == "Microsoft-Windows-Windows Defender/Operational"\n${PARSE}\n| extend ProcessName = tostring(EventFields["Process Name"])\n| where EventID == 1121 and ProcessName endswith @"\\wmiprvse.exe"`,
    ],
    [
      'an empty value is one the event has: a Data element it lacks is null in the bag',
      windowsRule('service: smbclient-security', `sel:\n    EventID: 31017\n    UserName: ''\ncondition: sel`),
      `Event\n| where EventLog == "Microsoft-Windows-SmbClient/Security"\n${PARSE}\n| extend UserName = tostring(EventFields.UserName)\n| where EventID == 31017 and (isnotnull(EventFields.UserName) and UserName =~ "")`,
    ],
    [
      'a Data element named as a column of Event is the Data element, not the column',
      windowsRule('service: application', `sel:\n    Message|contains: 'failed'\ncondition: sel`),
      `Event\n| where EventLog == "Application"\n${PARSE}\n| extend Message = tostring(EventFields.Message)\n| where Message contains "failed"`,
    ],
    [
      "Security is SecurityEvent (Sentinel's Windows Security Events connector), read as sentinel_securityevent reads it",
      windowsRule('service: security', `sel:\n    EventID: 4698\n    TaskContent|contains: 'powershell'\n    SubjectUserName: admin\ncondition: sel`),
      'SecurityEvent\n| where EventID == 4698\n| extend EventDataItems = parse_xml(EventData).EventData.Data\n| mv-apply EventField = iff(array_length(EventDataItems) >= 0, EventDataItems, pack_array(EventDataItems)) on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))\n| extend TaskContent = tostring(EventFields.TaskContent)\n| where EventID == 4698 and TaskContent contains "powershell" and SubjectUserName =~ "admin"',
    ],
    [
      "Security 1102's Subject is read from its UserData, as sentinel_securityevent reads it",
      windowsRule('service: security', `sel:\n    EventID: 1102\n    SubjectUserName: admin\ncondition: sel`),
      'SecurityEvent\n| extend SubjectUserName_UserData = iff(EventID == 1102 and EventSourceName == "Microsoft-Windows-Eventlog", tostring(parse_xml(EventData).UserData.LogFileCleared.SubjectUserName), SubjectUserName)\n| where EventID == 1102 and SubjectUserName_UserData =~ "admin"',
    ],
    [
      'a keyword would also be found in the XML markup: refused',
      windowsRule('service: system', `keywords:\n    - mimikatz\ncondition: keywords`),
      'ERROR pipeline/detection-item-failure: a keyword would be looked for in every column of Event',
    ],
    ['a Data value with < (XML may escape it): refused', windowsRule('service: application', `sel:\n    Data|contains: 'CLIENT: <local machine>'\ncondition: sel`), UNANSWERABLE],
    ['a wildcard inside a Data value, which could span two elements: refused', windowsRule('service: application', `sel:\n    Data|contains: 'Host*Application'\ncondition: sel`), UNANSWERABLE],
    ["a ? wildcard in a Data value: refused", windowsRule('service: application', `sel:\n    Data|contains: 'HostApplication=?:\\Windows'\ncondition: sel`), UNANSWERABLE],
    ['a Data value the <Param> markup holds: refused', windowsRule('service: application', `sel:\n    Data|contains: 'ram'\ncondition: sel`), UNANSWERABLE],
    ['a Data value an escape holds: refused', windowsRule('service: application', `sel:\n    Data|contains: 'amp'\ncondition: sel`), UNANSWERABLE],
    ['an empty Data value: refused', windowsRule('service: application', `sel:\n    Data: ''\ncondition: sel`), UNANSWERABLE],
    [
      'a regular expression on Data could match across elements: refused',
      windowsRule('service: application', `sel:\n    Data|re: 'HostId=[a-z]+'\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: Event keeps unnamed Data elements as the text of ParameterXml: only a text',
    ],
    [
      'Data beside a named field: refused (ParameterXml would hold the named values too)',
      windowsRule('service: application', `sel:\n    Data|contains: 'x.exe'\n    Path|contains: 'y'\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: a rule reading Data (a classic source's unnamed Data elements) cannot also read named ones",
    ],
    [
      "AppLocker is SecurityEvent (the Windows Security Events connector's AppLocker events), its rows those of AppLocker's channels",
      windowsRule('service: applocker', `sel:\n    EventID:\n        - 8004\n        - 8007\n        - 8022\n        - 8025\ncondition: sel`),
      `SecurityEvent\n| where ${APPLOCKER_CHANNELS}\n| where EventID in (8004, 8007, 8022, 8025)`,
    ],
    [
      "AppLocker's fields are RuleAndFileData's, read out of EventData's UserData as Microsoft's query guide reads FilePath, not from the columns of the same name",
      windowsRule('service: applocker', `sel:\n    EventID: 8004\n    FilePath|contains: '\\Temp\\'\n    Fqbn|startswith: 'O=MICROSOFT'\n    Provider_Name: Microsoft-Windows-AppLocker\ncondition: sel`),
      `SecurityEvent\n| where ${APPLOCKER_CHANNELS}\n| extend FilePath = tostring(parse_xml(EventData).UserData.RuleAndFileData.FilePath), Fqbn = tostring(parse_xml(EventData).UserData.RuleAndFileData.Fqbn)\n| where EventID == 8004 and FilePath contains @"\\Temp\\" and Fqbn startswith "O=MICROSOFT" and EventSourceName =~ "Microsoft-Windows-AppLocker"`,
    ],
    [
      'an AppLocker field whose empty value parse_xml cannot tell from a missing element: refused',
      windowsRule('service: applocker', `sel:\n    EventID: 8004\n    RuleName: ''\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: AppLocker's RuleAndFileData is read with parse_xml, which gives a missing element and an empty one alike",
    ],
    [
      'a field that is no child of RuleAndFileData (nor of the header): refused',
      windowsRule('service: applocker', `sel:\n    EventID: 8004\n    Image|endswith: '\\x.exe'\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: AppLocker's events keep their data in the UserData element RuleAndFileData",
    ],
    [
      'an AppLocker keyword would also be found in the XML markup: refused',
      windowsRule('service: applocker', `keywords:\n    - mimikatz\ncondition: keywords`),
      'ERROR pipeline/detection-item-failure: a keyword would be looked for in every column of SecurityEvent',
    ],
    [
      "WMI-Activity keeps its fields in UserData, in a form the Event table's EventData is not shown to hold: refused",
      windowsRule('service: wmi', `sel:\n    EventID: 5861\n    Consumer|contains: 'powershell'\ncondition: sel`),
      "ERROR pipeline/detection-item-failure: wmi's events keep their data in a UserData element",
    ],
    [
      "a rule whose service fixes the channel means by Channel one inside the event (System 104's cleared log)",
      windowsRule('service: system', `sel:\n    EventID: 104\n    Channel: Security\ncondition: sel`),
      'ERROR pipeline/detection-item-failure: Event: an in-event Channel (System 104) is no column',
    ],
  ];
  it.each(table)('%s', (_, yaml, kql) => expect(query(yaml)).toEqual(kql.startsWith('ERROR') ? expect.stringContaining(kql) : kql));

  it('is offered by name when the backend is given it (a subpath, out of the main entry)', () => {
    expect(kqlBackend().pipelines.map((p) => p.name)).not.toContain('sentinel_windows');
    const withEvent = kqlBackend({ pipelines: [sentinelWindowsPipeline] });
    expect(withEvent.pipelines.map((p) => p.name)).toEqual([...kqlBackend().pipelines.map((p) => p.name), 'sentinel_windows']);
  });

  it('beside sentinel_asim (as on the Sentinel variant page) a Windows process creation rule still reads imProcessCreate', () => {
    const yaml = windowsRule('category: process_creation', `sel:\n    Image|endswith: '\\whoami.exe'\ncondition: sel`);
    const res = convert(yaml, { extra: [namedPipeline('sentinel_asim')!, namedPipeline('sentinel_windows')!] });
    expect(res.rules[0]!.queries[0]).toMatch(/^imProcessCreate\n/);
  });
});
