import { describe, expect, it } from 'vitest';
import { convert, processRule, rule, whereOf, type PipelineName } from './helpers.js';

interface Row {
  readonly name: string;
  readonly pipeline: PipelineName;
  readonly yaml: string;
  /** The whole query. */
  readonly kql: string;
}

const rows = (t: readonly Row[]) => t.map((r) => [r.name, r] as const);

function query(r: Row): string {
  const res = convert(r.yaml, { pipeline: r.pipeline });
  const where = whereOf(res);
  return where.startsWith('ERROR') ? where : res.rules[0]!.queries[0]!;
}

describe('Sentinel pipelines', () => {
  const table: readonly Row[] = [
    {
      name: 'SecurityEvent adds EventID == 4688',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    Image|endswith: '\\cmd.exe'\n    CommandLine|contains: '/c'\ncondition: sel`),
      kql: 'SecurityEvent\n| where EventID == 4688 and NewProcessName endswith @"\\cmd.exe" and CommandLine contains "/c"',
    },
    {
      name: 'SecurityEvent IntegrityLevel names → MandatoryLabel SIDs',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    IntegrityLevel:\n        - 'High'\n        - 'System'\ncondition: sel`),
      kql: 'SecurityEvent\n| where EventID == 4688 and MandatoryLabel in~ ("S-1-16-12288", "S-1-16-16384")',
    },
    {
      name: 'SecurityEvent User splits over SubjectDomainName/SubjectUserName',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    User: 'CORP\\admin'\ncondition: sel`),
      kql: 'SecurityEvent\n| where EventID == 4688 and (SubjectDomainName =~ "CORP" and SubjectUserName =~ "admin")',
    },
    {
      name: 'SecurityEvent has no ParentCommandLine',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    ParentCommandLine|contains: 'x'\ncondition: sel`),
      kql: "ERROR backend/unmapped-field: field 'ParentCommandLine' has no column in SecurityEvent",
    },
    {
      name: 'SecurityEvent serves every Windows Security log rule, with its own field names',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4625\n        LogonType: 3\n        TargetUserName|endswith: '$'\n    condition: sel\n`,
      kql: 'SecurityEvent\n| where EventID == 4625 and LogonType == 3 and TargetUserName endswith "$"',
    },
    {
      name: 'SecurityEvent: a field that is no column is a located error',
      pipeline: 'sentinel_securityevent',
      yaml: `title: t\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4625\n        ImaginaryField: x\n    condition: sel\n`,
      kql: "ERROR backend/unmapped-field: field 'ImaginaryField' has no column in SecurityEvent",
    },
    {
      name: 'Sysmon in Event: prefilter, XML parse, extracted columns',
      pipeline: 'sentinel_sysmon_event',
      yaml: processRule(`sel:\n    Image|endswith: '\\cmd.exe'\n    CurrentDirectory: 'C:\\Temp\\'\ncondition: sel`),
      kql: [
        'Event',
        '| where Source == "Microsoft-Windows-Sysmon" and EventID == 1',
        '| mv-apply EventField = parse_xml(EventData).DataItem.EventData.Data on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend Image = tostring(EventFields.Image), CurrentDirectory = tostring(EventFields.CurrentDirectory)',
        '| where Image endswith @"\\cmd.exe" and CurrentDirectory =~ @"C:\\Temp\\"',
      ].join('\n'),
    },
    {
      name: 'Sysmon in Event: network_connection is event 3; Computer is a column',
      pipeline: 'sentinel_sysmon_event',
      yaml: rule('network_connection', `sel:\n    DestinationPort: 4444\n    Computer: 'host1'\ncondition: sel`),
      kql: [
        'Event',
        '| where Source == "Microsoft-Windows-Sysmon" and EventID == 3',
        '| mv-apply EventField = parse_xml(EventData).DataItem.EventData.Data on (summarize EventFields = make_bag(bag_pack(tostring(EventField["@Name"]), tostring(EventField["#text"]))))',
        '| extend DestinationPort = tostring(EventFields.DestinationPort)',
        '| where DestinationPort == "4444" and Computer =~ "host1"',
      ].join('\n'),
    },
    {
      name: 'Sysmon in Event: a field Sysmon does not write is an error',
      pipeline: 'sentinel_sysmon_event',
      yaml: processRule(`sel:\n    GrandParentImage|endswith: '\\x.exe'\ncondition: sel`),
      kql: "ERROR backend/unmapped-field: field 'GrandParentImage' has no column in Event or its Sysmon event data",
    },
    {
      name: 'Sysmon in WindowsEvent: fields read from dynamic EventData',
      pipeline: 'sentinel_sysmon_windowsevent',
      yaml: processRule(`sel:\n    Image|endswith: '\\cmd.exe'\n    Computer: 'host1'\ncondition: sel`),
      kql: [
        'WindowsEvent',
        '| where Provider == "Microsoft-Windows-Sysmon" and EventID == 1',
        '| extend Image = tostring(EventData.Image)',
        '| where Image endswith @"\\cmd.exe" and Computer =~ "host1"',
      ].join('\n'),
    },
    {
      name: 'ASIM imProcessCreate: the parent is the acting process',
      pipeline: 'sentinel_asim',
      yaml: processRule(`sel:\n    ParentImage|endswith: '\\winword.exe'\n    Image|endswith: '\\cmd.exe'\n    CurrentDirectory|contains: 'Temp'\ncondition: sel`),
      kql: 'imProcessCreate\n| where ActingProcessName endswith @"\\winword.exe" and TargetProcessName endswith @"\\cmd.exe" and TargetProcessCurrentDirectory contains "Temp"',
    },
    {
      name: 'ASIM hashes keep IMPHASH (TargetProcessIMPHASH)',
      pipeline: 'sentinel_asim',
      yaml: processRule(`sel:\n    Hashes|contains: 'IMPHASH=0123456789ABCDEF0123456789ABCDEF'\ncondition: sel`),
      kql: 'imProcessCreate\n| where TargetProcessIMPHASH =~ "0123456789ABCDEF0123456789ABCDEF"',
    },
    {
      name: 'ASIM network → imNetworkSession',
      pipeline: 'sentinel_asim',
      yaml: rule('network_connection', `sel:\n    DestinationIp|cidr: '10.0.0.0/8'\n    DestinationPort: 445\ncondition: sel`),
      kql: 'imNetworkSession\n| where ipv4_is_in_range(DstIpAddr, "10.0.0.0/8") and DstPortNumber == 445',
    },
    {
      name: 'ASIM dns → imDns',
      pipeline: 'sentinel_asim',
      yaml: rule('dns_query', `sel:\n    QueryName|endswith: '.onion'\ncondition: sel`),
      kql: 'imDns\n| where DnsQuery endswith ".onion"',
    },
    {
      name: 'ASIM registry TargetObject = key\\value',
      pipeline: 'sentinel_asim',
      yaml: rule('registry_set', `sel:\n    TargetObject|contains: '\\CurrentVersion\\Run\\'\ncondition: sel`),
      kql: 'imRegistry\n| where iff(isempty(RegistryValue), RegistryKey, strcat(RegistryKey, @"\\", RegistryValue)) contains @"\\CurrentVersion\\Run\\"',
    },
    {
      name: 'ASIM file → imFileEvent, basename shortcut on TargetFilePath',
      pipeline: 'sentinel_asim',
      yaml: rule('file_event', `sel:\n    TargetFilename|endswith: '\\evil.dll'\ncondition: sel`),
      kql: 'imFileEvent\n| where TargetFileName =~ "evil.dll"',
    },
    {
      name: 'a logsource no pipeline covers is a located error',
      pipeline: 'microsoft_xdr',
      yaml: rule('ps_script', `sel:\n    ScriptBlockText|contains: 'x'\ncondition: sel`),
      kql: 'ERROR backend/unsupported-feature: no KQL table for logsource (category: ps_script, product: windows)',
    },
  ];
  it.each(rows(table))('%s', (_, r) => expect(query(r)).toBe(r.kql));

  it('the table option overrides the pipeline', () => {
    const res = convert(processRule(`sel:\n    CommandLine: 'x'\ncondition: sel`), { options: { table: 'DeviceEvents' } });
    expect(res.rules[0]!.queries[0]).toBe('DeviceEvents\n| where ProcessCommandLine =~ "x"');
  });

  it('errors are located at the offending value', () => {
    const res = convert(processRule(`sel:\n    CurrentDirectory: 'x'\ncondition: sel`));
    const d = res.diagnostics.find((x) => x.code === 'backend/unmapped-field')!;
    expect([d.file, d.line, d.column, d.rule]).toEqual(['test.yml', 9, 27, '11111111-2222-3333-4444-555555555555']);
  });
});
