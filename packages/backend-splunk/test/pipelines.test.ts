import { describe, expect, test } from 'vitest';
import { convert, query, rule } from './helpers/convert.js';

function withLogsource(detection: string, logsource: string): string {
  return rule(detection).replace('    product: windows\n    category: process_creation', logsource.trim().split('\n').map((l) => '    ' + l).join('\n'));
}

/** A rule (logsource + detection) through a built-in pipeline → exact SPL. */
const PIPELINES: readonly { readonly name: string; readonly pipeline: string; readonly logsource: string; readonly detection: string; readonly spl: string }[] = [
  {
    name: 'sysmon process_creation',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: process_creation',
    detection: "sel:\n  Image|endswith: '\\cmd.exe'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=1 Image="*\\\\cmd.exe"',
  },
  {
    name: 'sysmon network_connection',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: network_connection',
    detection: 'sel:\n  DestinationPort: 4444\ncondition: sel',
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=3 DestinationPort=4444',
  },
  {
    name: 'sysmon image_load',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: image_load',
    detection: "sel:\n  ImageLoaded|endswith: '\\x.dll'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=7 ImageLoaded="*\\\\x.dll"',
  },
  {
    name: 'sysmon file_event',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: file_event',
    detection: "sel:\n  TargetFilename|endswith: '.lnk'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=11 TargetFilename="*.lnk"',
  },
  {
    name: 'sysmon registry_set',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: registry_set',
    detection: "sel:\n  TargetObject|contains: '\\Run\\'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=13 TargetObject="*\\\\Run\\\\*"',
  },
  {
    name: 'sysmon registry_event (three event codes)',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: registry_event',
    detection: "sel:\n  TargetObject|contains: '\\Run\\'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode IN (12, 13, 14) TargetObject="*\\\\Run\\\\*"',
  },
  {
    // pySigma-pipeline-sysmon (sigma/pipelines/sysmon/sysmon.py, commit 17767479f26b): "file_delete": [23,26].
    name: 'sysmon file_delete (FileDelete and FileDeleteDetected)',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: file_delete',
    detection: "sel:\n  TargetFilename|endswith: '.log'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode IN (23, 26) TargetFilename="*.log"',
  },
  {
    name: 'sysmon dns_query',
    pipeline: 'sysmon',
    logsource: 'product: windows\ncategory: dns_query',
    detection: "sel:\n  QueryName|endswith: '.onion'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=22 QueryName="*.onion"',
  },
  {
    name: 'sysmon service rule: EventID → EventCode',
    pipeline: 'sysmon',
    logsource: 'product: windows\nservice: sysmon',
    detection: 'sel:\n  EventID: 255\ncondition: sel',
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=255',
  },
  {
    name: 'sysmon leaves non-Windows rules alone',
    pipeline: 'sysmon',
    logsource: 'product: linux\ncategory: process_creation',
    detection: "sel:\n  Image|endswith: '/curl'\ncondition: sel",
    spl: 'Image="*/curl"',
  },
  {
    name: 'windows-security 4688 field names',
    pipeline: 'windows-security',
    logsource: 'product: windows\ncategory: process_creation',
    detection: "sel:\n  Image|endswith: '\\a.exe'\n  ParentImage|endswith: '\\b.exe'\n  CommandLine|contains: x\ncondition: sel",
    spl: 'source="XmlWinEventLog:Security" EventCode=4688 NewProcessName="*\\\\a.exe" ParentProcessName="*\\\\b.exe" CommandLine="*x*"',
  },
  {
    name: 'splunk-windows: Sysmon source and EventCode per category',
    pipeline: 'splunk-windows',
    logsource: 'product: windows\ncategory: image_load',
    detection: "sel:\n  ImageLoaded|endswith: '\\a.dll'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=7 ImageLoaded="*\\\\a.dll"',
  },
  {
    name: 'splunk-windows: the PowerShell script-block event 4104',
    pipeline: 'splunk-windows',
    logsource: 'product: windows\ncategory: ps_script',
    detection: "sel:\n  ScriptBlockText|contains: iex\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-PowerShell/Operational" EventCode=4104 ScriptBlockText="*iex*"',
  },
  {
    name: 'splunk-windows: a service is its channel source, EventID → EventCode',
    pipeline: 'splunk-windows',
    logsource: 'product: windows\nservice: system',
    detection: 'sel:\n  EventID: 7045\ncondition: sel',
    spl: 'source="XmlWinEventLog:System" EventCode=7045',
  },
  {
    name: "splunk-windows: a data name Windows writes with spaces is the add-on's cleaned field (Defender's New Value → New_Value)",
    pipeline: 'splunk-windows',
    logsource: 'product: windows\nservice: windefend',
    detection: "sel:\n  EventID: 5007\n  NewValue|contains: Exclusions\n  Path: x\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-Windows Defender/Operational" EventCode=5007 New_Value="*Exclusions*" Path="x"',
  },
  {
    name: 'splunk-windows: the source is the channel the events carry (DNS-Client, not the display name)',
    pipeline: 'splunk-windows',
    logsource: 'product: windows\nservice: dns-client',
    detection: "sel:\n  EventID: 3008\n  QueryName|endswith: '.onion'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Microsoft-Windows-DNS-Client/Operational" EventCode=3008 QueryName="*.onion"',
  },
  {
    name: 'splunk-windows: a service logged to several channels searches them all',
    pipeline: 'splunk-windows',
    logsource: 'product: windows\nservice: applocker',
    detection: 'sel:\n  EventID: 8004\ncondition: sel',
    spl:
      'source IN ("XmlWinEventLog:Microsoft-Windows-AppLocker/EXE and DLL", "XmlWinEventLog:Microsoft-Windows-AppLocker/MSI and Script", "XmlWinEventLog:Microsoft-Windows-AppLocker/Packaged app-Deployment", "XmlWinEventLog:Microsoft-Windows-AppLocker/Packaged app-Execution") EventCode=8004',
  },
  {
    name: "splunk-windows: Provider_Name is the add-on's Name field, quotes kept",
    pipeline: 'splunk-windows',
    logsource: 'product: windows\nservice: application',
    detection: "sel:\n  Provider_Name|contains: MSSQL\n  EventID: 18456\ncondition: sel",
    spl: `source="XmlWinEventLog:Application" Name="'*MSSQL*'" EventCode=18456`,
  },
  {
    name: 'windows-security: Provider_Name is Name with quotes',
    pipeline: 'windows-security',
    logsource: 'product: windows\nservice: security',
    detection: "sel:\n  Provider_Name: Microsoft-Windows-Eventlog\n  EventID: 1102\ncondition: sel",
    spl: `source="XmlWinEventLog:Security" Name="'Microsoft-Windows-Eventlog'" EventCode=1102`,
  },
  {
    name: 'windows-security service rule',
    pipeline: 'windows-security',
    logsource: 'product: windows\nservice: security',
    detection: 'sel:\n  EventID: 4625\ncondition: sel',
    spl: 'source="XmlWinEventLog:Security" EventCode=4625',
  },
  {
    name: 'cim field names (default format)',
    pipeline: 'cim',
    logsource: 'product: windows\ncategory: process_creation',
    detection: "sel:\n  Image|endswith: '\\a.exe'\n  ParentCommandLine|contains: x\ncondition: sel",
    spl: 'process_path="*\\\\a.exe" parent_process="*x*"',
  },
];

describe('pipelines', () => {
  test.each(PIPELINES.map((p) => [p.name, p] as const))('%s', (_, p) => {
    expect(query(withLogsource(p.detection, p.logsource), { pipelineNames: [p.pipeline] })).toBe(p.spl);
  });

  test('data sources come from the scope options and the pipeline conditions', () => {
    const r = convert(rule("sel:\n  Image|endswith: '\\a.exe'\ncondition: sel"), { pipelineNames: ['sysmon'], options: { index: 'win' } });
    expect(r.rules[0]!.dataSources).toEqual(['index=win', 'source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational']);
    const dm = convert(rule("sel:\n  Image|endswith: '\\a.exe'\ncondition: sel"), { pipelineNames: ['cim'], format: 'data_model' });
    expect(dm.rules[0]!.dataSources).toEqual(['datamodel=Endpoint.Processes']);
  });

  test('windows-security: User is refused (4688 SubjectUserName is the creator, HOST$ for SYSTEM)', () => {
    const r = convert(rule("sel:\n  User: 'NT AUTHORITY\\SYSTEM'\ncondition: sel"), { pipelineNames: ['windows-security'] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['pipeline/unmapped-field']);
    expect(r.diagnostics[0]!.message).toMatch(/^field User has no Windows Security event 4688 equivalent/);
  });
  test('splunk-windows after windows-security: the 4688 scope is kept, not doubled with Sysmon', () => {
    expect(query(rule("sel:\n  Image|endswith: '\\a.exe'\ncondition: sel"), { pipelineNames: ['windows-security', 'splunk-windows'] })).toBe(
      'source="XmlWinEventLog:Security" EventCode=4688 NewProcessName="*\\\\a.exe"',
    );
  });
  test('a Windows rule without a Windows pipeline or scope option warns (Sigma names, no source)', () => {
    const r = convert(rule("sel:\n  Image|endswith: '\\a.exe'\ncondition: sel"));
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message)).toEqual([
      'no Windows add-on pipeline: Sigma field names (EventID, not EventCode) and no source scope',
    ]);
    expect(convert(rule("sel:\n  Image|endswith: '\\a.exe'\ncondition: sel"), { pipelineNames: ['splunk-windows'] }).diagnostics).toEqual([]);
  });
  test('splunk-windows + sysmon: Provider_Name is quoted once', () => {
    expect(query(withLogsource("sel:\n  Provider_Name: X\ncondition: sel", 'product: windows\nservice: system'), { pipelineNames: ['sysmon', 'splunk-windows'] })).toBe(
      `source="XmlWinEventLog:System" Name="'X'"`,
    );
  });
  test('Windows pipelines: a keyword with XML-special characters is searched as the event XML writes it', () => {
    const kw = withLogsource("keywords:\n  - 'a \"b\" & <c>'\ncondition: keywords", 'product: windows\nservice: system');
    expect(query(kw, { pipelineNames: ['splunk-windows'] })).toBe('source="XmlWinEventLog:System" "a &quot;b&quot; &amp; &lt;c&gt;"');
    expect(query(kw)).toBe('"a \\"b\\" & <c>"');
  });
  test('splunk-windows: Channel in a service rule (a Channel inside the event) is refused at the field', () => {
    const r = convert(withLogsource("sel:\n  EventID: 104\nfilter:\n  Channel: Security\ncondition: sel and not filter", 'product: windows\nservice: system'), {
      pipelineNames: ['splunk-windows'],
    });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['pipeline/detection-item-failure', 11]]);
    expect(r.diagnostics[0]!.message).toMatch(/^Channel: the Splunk Add-on for Windows extracts Channel from the event's System header only/);
  });
  describe('splunk-windows: AppLocker fields are in UserData (RuleAndFileData), which the add-on does not extract', () => {
    const APPLOCKER = 'product: windows\nservice: applocker';
    const SOURCES =
      'source IN ("XmlWinEventLog:Microsoft-Windows-AppLocker/EXE and DLL", "XmlWinEventLog:Microsoft-Windows-AppLocker/MSI and Script", "XmlWinEventLog:Microsoft-Windows-AppLocker/Packaged app-Deployment", "XmlWinEventLog:Microsoft-Windows-AppLocker/Packaged app-Execution")';
    test('a RuleAndFileData field is refused at the field, naming spath over UserData_Xml', () => {
      const r = convert(withLogsource("sel:\n  EventID: 8004\n  FilePath|contains: '\\Temp\\'\ncondition: sel", APPLOCKER), { pipelineNames: ['splunk-windows'] });
      expect(r.rules).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([['pipeline/detection-item-failure', 'error', 'test.yml', 10, 7]]);
      expect(r.diagnostics[0]!.message).toMatch(/^AppLocker keeps this field in UserData \(RuleAndFileData\), which the Splunk Add-on for Windows does not extract/);
      expect(r.diagnostics[0]!.message).toContain('`| spath input=UserData_Xml`');
    });
    test('each UserData field is its own located error, also under a not', () => {
      const r = convert(withLogsource("sel:\n  EventID: 8004\n  PolicyName: EXE\nfilter:\n  FileHash: AB\ncondition: sel and not filter", APPLOCKER), { pipelineNames: ['splunk-windows'] });
      expect(r.rules).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
        ['pipeline/detection-item-failure', 10],
        ['pipeline/detection-item-failure', 12],
      ]);
    });
    test('System header fields convert (SigmaHQ win_applocker_application_was_prevented_from_running: EventID only)', () => {
      expect(query(withLogsource('sel:\n  EventID:\n    - 8004\n    - 8007\n    - 8022\n    - 8025\ncondition: sel', APPLOCKER), { pipelineNames: ['splunk-windows'] })).toBe(
        `${SOURCES} EventCode IN (8004, 8007, 8022, 8025)`,
      );
      expect(query(withLogsource('sel:\n  EventID: 8004\n  Computer: WS1\n  Provider_Name: Microsoft-Windows-AppLocker\ncondition: sel', APPLOCKER), { pipelineNames: ['splunk-windows'] })).toBe(
        `${SOURCES} EventCode=8004 Computer="WS1" Name="'Microsoft-Windows-AppLocker'"`,
      );
      // After sysmon (EventID already EventCode, Provider_Name already Name): still header fields.
      expect(query(withLogsource('sel:\n  EventID: 8004\n  Provider_Name: X\ncondition: sel', APPLOCKER), { pipelineNames: ['sysmon', 'splunk-windows'] })).toBe(
        `${SOURCES} EventCode=8004 Name="'X'"`,
      );
    });
    test("a packaged app's Package (8020-8025) is RuleAndFileData's too", () => {
      const r = convert(withLogsource('sel:\n  EventID: 8022\n  Package|contains: x\ncondition: sel', APPLOCKER), { pipelineNames: ['splunk-windows'] });
      expect(r.diagnostics.map((d) => d.message.slice(0, 48))).toEqual(['AppLocker keeps this field in UserData (RuleAndF']);
    });
    test('Channel stays the Channel refusal (one error, not two)', () => {
      const r = convert(withLogsource('sel:\n  EventID: 8004\n  Channel: X\ncondition: sel', APPLOCKER), { pipelineNames: ['splunk-windows'] });
      expect(r.diagnostics.map((d) => d.message.slice(0, 8))).toEqual(['Channel:']);
    });
    test('keywords search _raw, the whole event XML: they convert', () => {
      expect(query(withLogsource("keywords:\n  - '\\Temp\\evil.exe'\ncondition: keywords", APPLOCKER), { pipelineNames: ['splunk-windows'] })).toBe(
        `${SOURCES} "\\\\Temp\\\\evil.exe"`,
      );
    });
    test('other services and the other pipelines are unaffected', () => {
      expect(query(withLogsource("sel:\n  EventID: 7045\n  ImagePath|contains: '\\Temp\\'\ncondition: sel", 'product: windows\nservice: system'), { pipelineNames: ['splunk-windows'] })).toBe(
        'source="XmlWinEventLog:System" EventCode=7045 ImagePath="*\\\\Temp\\\\*"',
      );
      // Without splunk-windows no pipeline scopes AppLocker: the field is kept as Sigma writes it.
      expect(query(withLogsource("sel:\n  EventID: 8004\n  FilePath|contains: '\\Temp\\'\ncondition: sel", APPLOCKER), { pipelineNames: ['sysmon'] })).toBe(
        'EventCode=8004 FilePath="*\\\\Temp\\\\*"',
      );
    });
  });
  describe('splunk-windows: WMI-Activity and LocalSessionManager fields are in UserData too', () => {
    test('WMI-Activity 5858 Operation (SigmaHQ win_wmi_activity_nteventlogfile_cleareventlog) is refused at the field', () => {
      const r = convert(withLogsource("sel:\n  EventID: 5858\n  Operation|contains: cleareventlog\ncondition: sel", 'product: windows\nservice: wmi'), {
        pipelineNames: ['splunk-windows'],
      });
      expect(r.rules).toEqual([]);
      expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['pipeline/detection-item-failure', 10, 7]]);
      expect(r.diagnostics[0]!.message).toBe(
        'WMI-Activity keeps this field in UserData (Operation_*), which the Splunk Add-on for Windows does not extract (Splunk reads it with `| spath input=UserData_Xml`)',
      );
    });
    test("each element child is refused, the manifest's spelling and the event's (processid, Processid)", () => {
      for (const field of ['Query', 'Processid', 'processid', 'Provider', 'PossibleCause', 'CONSUMER', 'ESS', 'Namespace', 'NamespaceName', 'ProviderPath', 'HostProcess']) {
        const r = convert(withLogsource(`sel:\n  EventID: 5861\n  ${field}: x\ncondition: sel`, 'product: windows\nservice: wmi'), { pipelineNames: ['splunk-windows'] });
        expect(r.diagnostics.map((d) => d.code), field).toEqual(['pipeline/detection-item-failure']);
      }
    });
    test('LocalSessionManager 21 Address (SigmaHQ win_terminalservices_rdp_ngrok) is refused; header fields and keywords convert', () => {
      const LSM = 'product: windows\nservice: terminalservices-localsessionmanager';
      const r = convert(withLogsource("sel:\n  EventID: 21\n  Address|contains: '16777216'\ncondition: sel", LSM), { pipelineNames: ['splunk-windows'] });
      expect(r.rules).toEqual([]);
      expect(r.diagnostics[0]!.message).toMatch(/^TerminalServices-LocalSessionManager keeps this field in UserData \(EventXML\)/);
      expect(query(withLogsource("sel:\n  EventID: 21\n  Computer: WS1\nkw:\n  - '16777216'\ncondition: sel and kw", LSM), { pipelineNames: ['splunk-windows'] })).toBe(
        'source="XmlWinEventLog:Microsoft-Windows-TerminalServices-LocalSessionManager/Operational" EventCode=21 Computer="WS1" "16777216"',
      );
    });
    test("the event log service's 104 and 1102: Subject* fields are refused only in a rule testing that event id", () => {
      const SECURITY = 'product: windows\nservice: security';
      for (const pipelineNames of [['splunk-windows'], ['windows-security']]) {
        const r = convert(withLogsource('sel:\n  EventID:\n    - 1102\n    - 517\n  SubjectUserName: bob\ncondition: sel', SECURITY), { pipelineNames });
        expect(r.rules, pipelineNames[0]).toEqual([]);
        expect(r.diagnostics[0]!.message).toMatch(/^Security event 1102 keeps this field in UserData \(LogFileCleared\)/);
        expect(query(withLogsource('sel:\n  EventID: 4624\n  SubjectUserName: bob\ncondition: sel', SECURITY), { pipelineNames })).toBe(
          'source="XmlWinEventLog:Security" EventCode=4624 SubjectUserName="bob"',
        );
      }
      const r = convert(withLogsource('sel:\n  EventID: 104\n  BackupPath|contains: x\ncondition: sel', 'product: windows\nservice: system'), { pipelineNames: ['splunk-windows'] });
      expect(r.diagnostics.map((d) => d.message.slice(0, 41))).toEqual(['System event 104 keeps this field in User']);
    });
    test('the same names in another service convert (System 7045 has no UserData)', () => {
      expect(query(withLogsource('sel:\n  EventID: 7045\n  User: x\ncondition: sel', 'product: windows\nservice: system'), { pipelineNames: ['splunk-windows'] })).toBe(
        'source="XmlWinEventLog:System" EventCode=7045 User="x"',
      );
    });
  });
  test('splunk-windows: a Windows logsource no channel logs is refused, located', () => {
    const r = convert(withLogsource("sel:\n  FileName|endswith: '\\a.txt'\ncondition: sel", 'product: windows\ncategory: file_access'), { pipelineNames: ['splunk-windows'] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line > 0])).toEqual([['pipeline/rule-failure', 'error', 'test.yml', true]]);
    expect(r.diagnostics[0]!.message).toMatch(/^no Windows event log channel is known for this logsource/);
  });
  test('a non-Windows event-type rule without a scope warns; a scope option silences it', () => {
    const linux = withLogsource("sel:\n  Image|endswith: '/curl'\ncondition: sel", 'product: linux\ncategory: process_creation');
    expect(convert(linux).diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'no source scope for linux process_creation events: the search also matches other event types with the same fields'],
    ]);
    expect(convert(linux, { options: { sourcetype: 'sysmon:linux' } }).diagnostics).toEqual([]);
    const aws = withLogsource("sel:\n  eventName: X\ncondition: sel", 'product: aws\nservice: cloudtrail');
    expect(convert(aws).diagnostics).toEqual([]);
  });
  test('windows-security: a Sysmon-only field fails with the field, the source and the location', () => {
    const r = convert(rule("sel:\n  Image|endswith: '\\a.exe'\n  Hashes|contains: 'SHA256=AB'\ncondition: sel"), { pipelineNames: ['windows-security'] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.file, d.line, d.column, d.rule])).toEqual([
      [
        'pipeline/unmapped-field',
        'field Hashes has no Windows Security event 4688 equivalent with its Sysmon meaning (source XmlWinEventLog:Security; User: 4688 SubjectUserName is the creator, HOST$ for SYSTEM; process ids are hexadecimal in 4688)',
        'test.yml',
        10,
        7,
        '5b0e6b0e-0000-4000-8000-000000000001',
      ],
    ]);
  });
});
