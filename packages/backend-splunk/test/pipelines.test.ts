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
    detection: "sel:\n  Image|endswith: '\\a.exe'\n  ParentImage|endswith: '\\b.exe'\n  CommandLine|contains: x\n  User: 'NT AUTHORITY\\SYSTEM'\ncondition: sel",
    spl: 'source="XmlWinEventLog:Security" EventCode=4688 NewProcessName="*\\\\a.exe" ParentProcessName="*\\\\b.exe" CommandLine="*x*" SubjectUserName="NT AUTHORITY\\\\SYSTEM"',
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

  test('windows-security: a Sysmon-only field fails with the field, the source and the location', () => {
    const r = convert(rule("sel:\n  Image|endswith: '\\a.exe'\n  Hashes|contains: 'SHA256=AB'\ncondition: sel"), { pipelineNames: ['windows-security'] });
    expect(r.rules).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.file, d.line, d.column, d.rule])).toEqual([
      [
        'pipeline/unmapped-field',
        'field Hashes is not available in Windows Security event 4688 (source XmlWinEventLog:Security); it is a Sysmon field',
        'test.yml',
        10,
        7,
        '5b0e6b0e-0000-4000-8000-000000000001',
      ],
    ]);
  });
});
