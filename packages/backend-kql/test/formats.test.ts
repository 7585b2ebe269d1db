import { describe, expect, it } from 'vitest';
import { convert, processRule } from './helpers.js';

const SEL = `sel:\n    CommandLine|contains: 'x'\ncondition: sel`;

interface Row {
  readonly name: string;
  readonly yaml: string;
  readonly format: string;
  readonly options?: Readonly<Record<string, string>>;
  /** Exact output, or ERROR/WARN lines. */
  readonly expected: string;
}

function outcome(r: Row): string {
  const res = convert(r.yaml, { format: r.format, ...(r.options ? { options: r.options } : {}) });
  const problems = res.diagnostics.map((d) => `${d.severity === 'error' ? 'ERROR' : 'WARN'} ${d.code}: ${d.message}`);
  const errors = problems.filter((p) => p.startsWith('ERROR'));
  if (errors.length > 0) return errors.join('\n');
  return [...problems, ...res.rules.map((x) => x.output)].join('\n');
}

describe('output formats', () => {
  const table: readonly Row[] = [
    {
      name: 'default: fields → project with the time column; User brings its domain',
      yaml: processRule(SEL, 'fields:\n    - User\n    - CommandLine\n'),
      format: 'default',
      expected: 'DeviceProcessEvents\n| where not(FolderPath startswith "/")\n| where ProcessCommandLine contains "x"\n| project Timestamp, AccountDomain, AccountName, ProcessCommandLine',
    },
    {
      name: 'default: a field with no column is left out with a warning',
      yaml: processRule(SEL, 'fields:\n    - CurrentDirectory\n    - CommandLine\n'),
      format: 'default',
      expected: "WARN backend/unmapped-field: field 'CurrentDirectory' of 'fields' has no column in DeviceProcessEvents; left out of the project\nDeviceProcessEvents\n| where not(FolderPath startswith \"/\")\n| where ProcessCommandLine contains \"x\"\n| project Timestamp, ProcessCommandLine",
    },
    {
      name: 'default: one query per condition',
      yaml: processRule(`a:\n    CommandLine|contains: 'x'\nb:\n    CommandLine|contains: 'y'\ncondition:\n    - a\n    - b`),
      format: 'default',
      expected: 'DeviceProcessEvents\n| where not(FolderPath startswith "/")\n| where ProcessCommandLine contains "x"\n\nDeviceProcessEvents\n| where not(FolderPath startswith "/")\n| where ProcessCommandLine contains "y"',
    },
    {
      name: 'sentinel: one query only',
      yaml: processRule(`a:\n    CommandLine|contains: 'x'\nb:\n    CommandLine|contains: 'y'\ncondition:\n    - a\n    - b`),
      format: 'sentinel',
      expected: 'ERROR backend/unsupported-feature: the sentinel format holds one query, but the rule has 2 conditions',
    },
    {
      name: 'sentinel: quoting, critical → High, no tags',
      yaml: `title: 'Evil: "quoted" #1'\nid: 0BAD0000-0000-4000-8000-000000000001\nlevel: critical\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n    ${SEL.replaceAll('\n', '\n    ')}\n`,
      format: 'sentinel',
      expected: [
        'id: 0bad0000-0000-4000-8000-000000000001',
        'name: "Evil: \\"quoted\\" #1"',
        'description: |',
        '  Evil: "quoted" #1',
        'severity: High',
        'requiredDataConnectors:',
        '  - connectorId: MicrosoftThreatProtection',
        '    dataTypes:',
        '      - DeviceProcessEvents',
        'queryFrequency: 1h',
        'queryPeriod: 1h',
        'triggerOperator: gt',
        'triggerThreshold: 0',
        'tactics: []',
        'relevantTechniques: []',
        'query: |',
        '  DeviceProcessEvents',
        '  | where not(FolderPath startswith "/")',
        '  | where ProcessCommandLine contains "x"',
        'entityMappings:',
        '  - entityType: Host',
        '    fieldMappings:',
        '      - identifier: HostName',
        '        columnName: DeviceName',
        '  - entityType: Account',
        '    fieldMappings:',
        '      - identifier: Name',
        '        columnName: AccountName',
        '      - identifier: NTDomain',
        '        columnName: AccountDomain',
        '  - entityType: Process',
        '    fieldMappings:',
        '      - identifier: CommandLine',
        '        columnName: ProcessCommandLine',
        'version: 1.0.0',
        'kind: Scheduled',
        '',
      ].join('\n'),
    },
    {
      name: 'sentinel: options set the schedule',
      yaml: processRule(SEL),
      format: 'sentinel',
      options: { queryFrequency: '5m', queryPeriod: '2h' },
      expected: 'contains queryFrequency: 5m / queryPeriod: 2h',
    },
    {
      name: 'defender: continuous schedule and the required columns',
      yaml: processRule(SEL),
      format: 'defender',
      options: { detectionPeriod: '0' },
      expected: [
        '{',
        '  "displayName": "Test",',
        '  "isEnabled": true,',
        '  "queryCondition": {',
        '    "queryText": "DeviceProcessEvents\\n| where not(FolderPath startswith \\"/\\")\\n| where ProcessCommandLine contains \\"x\\"\\n| project Timestamp, DeviceId, DeviceName, ReportId"',
        '  },',
        '  "schedule": {',
        '    "period": "0"',
        '  },',
        '  "detectionAction": {',
        '    "alertTemplate": {',
        '      "title": "Test",',
        '      "description": "Test",',
        '      "severity": "medium",',
        '      "category": "SuspiciousActivity",',
        '      "recommendedActions": null,',
        '      "mitreTechniques": [],',
        '      "impactedAssets": [',
        '        {',
        '          "@odata.type": "#microsoft.graph.security.impactedDeviceAsset",',
        '          "identifier": "deviceId"',
        '        }',
        '      ]',
        '    },',
        '    "organizationalScope": null,',
        '    "responseActions": []',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'defender: bad period',
      yaml: processRule(SEL),
      format: 'defender',
      options: { detectionPeriod: '2H' },
      expected: "ERROR backend/invalid-option: detectionPeriod '2H' is not one of 0, 1H, 3H, 12H, 24H",
    },
    {
      name: 'unknown format',
      yaml: processRule(SEL),
      format: 'splunk',
      expected: "ERROR backend/unknown-format: unknown output format 'splunk' for KQL (Microsoft Defender XDR, Sentinel)",
    },
    {
      name: 'unknown option',
      yaml: processRule(SEL),
      format: 'default',
      options: { index: 'main' },
      expected: "ERROR backend/invalid-option: unknown option 'index' for KQL (Microsoft Defender XDR, Sentinel)",
    },
  ];
  it.each(table.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const out = outcome(r);
    if (r.expected.startsWith('contains ')) {
      for (const part of r.expected.slice(9).split(' / ')) expect(out).toContain(`\n${part}\n`);
    } else expect(out).toBe(r.expected);
  });

  it('a rule without an id gets a stable name-based GUID', () => {
    const yaml = processRule(SEL).replace(/^id: .*\n/m, '');
    const a = convert(yaml, { format: 'sentinel' }).rules[0]!.output.split('\n')[0];
    const b = convert(yaml, { format: 'sentinel' }).rules[0]!.output.split('\n')[0];
    expect(a).toBe(b);
    expect(a).toMatch(/^id: [0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
