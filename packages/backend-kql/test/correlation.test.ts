import { describe, expect, it } from 'vitest';
import { convert } from './helpers.js';

const BASE = `title: Failed RDP
name: proc_a
logsource:
    category: process_creation
    product: windows
detection:
    sel:
        CommandLine|contains: 'mstsc'
    condition: sel
---
title: Net connection
name: net_b
logsource:
    category: network_connection
    product: windows
detection:
    sel:
        DestinationPort: 3389
    condition: sel
---
`;

function correlation(body: string): string {
  return `${BASE}title: Corr
id: 99999999-8888-7777-6666-555555555555
level: high
correlation:
${body
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;
}

interface Row {
  readonly name: string;
  readonly body: string;
  readonly kql: string;
}

const A = 'DeviceProcessEvents\n| where not(FolderPath startswith "/")\n| where ProcessCommandLine contains "mstsc"';
const DPORT = 'iff(ActionType in ("InboundConnectionAccepted"), LocalPort, RemotePort)';
const B = `DeviceNetworkEvents\n| where not(InitiatingProcessFolderPath startswith "/")\n| extend DestinationPort = ${DPORT}\n| where DestinationPort == 3389`;

describe('correlations: summarize … by bin(Timestamp, span), group-by', () => {
  const table: readonly Row[] = [
    {
      name: 'event_count',
      body: `type: event_count\nrules:\n    - proc_a\ngroup-by:\n    - DeviceName\ntimespan: 5m\ncondition:\n    gte: 10`,
      kql: `${A}\n| summarize event_count = count() by bin(Timestamp, 5m), DeviceName\n| where event_count >= 10`,
    },
    {
      name: 'event_count with a range',
      body: `type: event_count\nrules:\n    - proc_a\ngroup-by:\n    - DeviceName\ntimespan: 1h\ncondition:\n    gt: 10\n    lte: 20`,
      kql: `${A}\n| summarize event_count = count() by bin(Timestamp, 1h), DeviceName\n| where event_count > 10 and event_count <= 20`,
    },
    {
      name: 'value_count (Sigma field names are mapped)',
      body: `type: value_count\nrules:\n    - proc_a\ngroup-by:\n    - Computer\ntimespan: 1h\ncondition:\n    field: CommandLine\n    lt: 3`,
      kql: `${A}\n| summarize value_count = dcount(ProcessCommandLine, 4) by bin(Timestamp, 1h), DeviceName\n| where value_count < 3`,
    },
    {
      name: 'temporal over two tables',
      body: `type: temporal\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - DeviceName\ntimespan: 10m`,
      kql: `union\n(${A}\n| extend sigma_rule = "proc_a"),\n(${B}\n| extend sigma_rule = "net_b")\n| summarize rule_count = dcount(sigma_rule) by bin(Timestamp, 10m), DeviceName\n| where rule_count >= 2`,
    },
    {
      name: 'a group-by field with a different column per table is aligned with extend',
      body: `type: temporal\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - User\ntimespan: 10m`,
      kql: `union\n(${A}\n| extend User = AccountName, sigma_rule = "proc_a"),\n(${B}\n| extend User = InitiatingProcessAccountName, sigma_rule = "net_b")\n| summarize rule_count = dcount(sigma_rule) by bin(Timestamp, 10m), User\n| where rule_count >= 2`,
    },
    {
      name: 'extended temporal condition',
      body: `type: temporal\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - DeviceName\ntimespan: 10m\ncondition: proc_a and not net_b`,
      kql: `union\n(${A}\n| extend sigma_rule = "proc_a"),\n(${B}\n| extend sigma_rule = "net_b")\n| summarize sigma_rules = make_set(sigma_rule) by bin(Timestamp, 10m), DeviceName\n| where (set_has_element(sigma_rules, "proc_a") and not(set_has_element(sigma_rules, "net_b")))`,
    },
    {
      name: 'temporal_ordered (exact for two rules)',
      body: `type: temporal_ordered\nrules:\n    - proc_a\n    - net_b\ngroup-by:\n    - DeviceName\ntimespan: 10m`,
      kql: `union\n(${A}\n| extend sigma_rule = "proc_a"),\n(${B}\n| extend sigma_rule = "net_b")\n| summarize first_sigma_rule = minif(Timestamp, sigma_rule == "proc_a"), last_sigma_rule = maxif(Timestamp, sigma_rule == "net_b") by bin(Timestamp, 10m), DeviceName\n| where first_sigma_rule < last_sigma_rule`,
    },
    {
      name: 'value_sum / value_avg on numeric columns',
      body: `type: value_sum\nrules:\n    - net_b\ngroup-by:\n    - DeviceName\ntimespan: 1d\ncondition:\n    field: DestinationPort\n    gt: 100000`,
      kql: `${B}\n| summarize value_sum = sum(DestinationPort) by bin(Timestamp, 1d), DeviceName\n| where value_sum > 100000`,
    },
    {
      name: 'value_median',
      body: `type: value_median\nrules:\n    - net_b\ngroup-by:\n    - DeviceName\ntimespan: 1d\ncondition:\n    field: DestinationPort\n    gt: 1000`,
      kql: `${B}\n| summarize value_median = percentile(DestinationPort, 50) by bin(Timestamp, 1d), DeviceName\n| where value_median > 1000`,
    },
    {
      name: 'unknown group-by column names field and table',
      body: `type: event_count\nrules:\n    - proc_a\ngroup-by:\n    - NoSuchField\ntimespan: 5m\ncondition:\n    gte: 10`,
      kql: "ERROR backend/unmapped-field: field 'NoSuchField' has no column in DeviceProcessEvents (rule proc_a)",
    },
  ];
  it.each(table.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const res = convert(correlation(r.body));
    const errors = res.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      expect('ERROR ' + errors.map((d) => `${d.code}: ${d.message}`).join(' | ')).toBe(r.kql);
      return;
    }
    const corr = res.rules.find((x) => x.document.kind === 'correlation')!;
    expect(corr.queries).toEqual([r.kql]);
    // Fixed bins are not sliding windows: said once per correlation.
    expect(res.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code)).toEqual(['backend/unsupported-feature']);
  });

  it('sentinel format: queryPeriod covers the window', () => {
    const res = convert(correlation(`type: event_count\nrules:\n    - proc_a\ngroup-by:\n    - DeviceName\ntimespan: 2h\ncondition:\n    gte: 10`), { format: 'sentinel' });
    const out = res.rules.find((x) => x.document.kind === 'correlation')!.output;
    expect(out).toContain('queryPeriod: 2h\n');
    expect(out).toContain('severity: High\n');
    expect(out).toContain(`query: |\n  DeviceProcessEvents\n  | where not(FolderPath startswith "/")\n  | where ProcessCommandLine contains "mstsc"\n  | summarize event_count = count() by bin(Timestamp, 2h), DeviceName\n  | where event_count >= 10\n`);
    // Only columns the aggregation returns are mapped to entities.
    expect(out).toContain('entityMappings:\n  - entityType: Host\n    fieldMappings:\n      - identifier: HostName\n        columnName: DeviceName\nversion: 1.0.0\n');
  });

  it('defender format refuses correlations', () => {
    const res = convert(correlation(`type: event_count\nrules:\n    - proc_a\ngroup-by:\n    - DeviceName\ntimespan: 5m\ncondition:\n    gte: 10`), { format: 'defender' });
    expect(res.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['backend/unsupported-correlation']);
  });
});
