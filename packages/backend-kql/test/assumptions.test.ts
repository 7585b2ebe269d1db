import { loadCollection } from '@sigmats/core';
import type { SigmaRule } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { kqlAssumptions } from '@sigmats/backend-kql/assumptions';
import { ASSUMPTIONS } from '../src/generated/assumptions.js';
import { processRule, rule } from './helpers.js';

function parsed(yaml: string): SigmaRule {
  return loadCollection([{ text: yaml, file: 'test.yml' }]).rules[0]!;
}

describe('kqlAssumptions', () => {
  it('lists every assumption of a pipeline, with its reason', () => {
    const xdr = kqlAssumptions('microsoft_xdr');
    expect(xdr.map((a) => a.id)).toEqual(ASSUMPTIONS.filter((a) => a.pipelines.includes('microsoft_xdr')).map((a) => a.id));
    for (const a of xdr) expect(a.source).toMatch(/To settle: .+\.$/);
    expect(kqlAssumptions('no_such_pipeline')).toEqual([]);
  });

  const cases: readonly { name: string; pipeline: string; yaml: string; ids: readonly string[] }[] = [
    {
      name: 'a DWORD registry rule on XDR',
      pipeline: 'microsoft_xdr',
      yaml: rule('registry_set', `sel:\n    TargetObject|endswith: '\\Enabled'\n    Details: 'DWORD (0x00000001)'\ncondition: sel`),
      ids: ['defender-registry-dword-decimal'],
    },
    {
      name: 'a process rule on XDR',
      pipeline: 'microsoft_xdr',
      yaml: processRule(`sel:\n    Image|endswith: '\\x.exe'\n    LogonId: '0x3e7'\ncondition: sel`),
      ids: ['defender-logon-id-decimal', 'defender-process-rows-created', 'defender-folderpath-basename', 'device-system-by-path'],
    },
    {
      name: 'a process rule with SHA256 hashes on XDR (the column is usually empty)',
      pipeline: 'microsoft_xdr',
      yaml: processRule(`sel:\n    Hashes|contains: 'SHA256=AB12'\ncondition: sel`),
      ids: ['defender-sha256-sparse', 'defender-process-rows-created', 'defender-folderpath-basename', 'device-system-by-path'],
    },
    {
      name: 'a 4688 rule with User and ProcessId',
      pipeline: 'sentinel_securityevent',
      yaml: processRule(`sel:\n    User|contains: 'admin'\n    ProcessId: 4\ncondition: sel`),
      ids: ['securityevent-4688-user', 'securityevent-process-id-hex'],
    },
    {
      name: 'any rule on the Event table',
      pipeline: 'sentinel_sysmon_event',
      yaml: processRule(`sel:\n    Image|endswith: '\\x.exe'\ncondition: sel`),
      ids: ['event-eventdata-xml'],
    },
    {
      name: 'a CloudTrail rule on sentinel_cloud',
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c2\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n    sel:\n        eventName: CreateUser\n    condition: sel`,
      ids: ['sentinel-cloud-cloudtrail-columns'],
    },
    {
      name: 'a sign-in rule naming the envelope field resultType on sentinel_cloud',
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c3\nlogsource:\n    product: azure\n    service: signinlogs\ndetection:\n    sel:\n        resultType: 50126\n    condition: sel`,
      ids: ['sentinel-cloud-azure-record-names'],
    },
    {
      name: 'a sign-in rule naming columns only on sentinel_cloud',
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c4\nlogsource:\n    product: azure\n    service: signinlogs\ndetection:\n    sel:\n        ResultType: 50126\n    condition: sel`,
      ids: [],
    },
    {
      name: 'a web server rule reading the query string on sentinel_asim_web',
      pipeline: 'sentinel_asim_web',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c5\nlogsource:\n    category: webserver\ndetection:\n    sel:\n        cs-uri-query|contains: cmd=\n    condition: sel`,
      ids: ['sentinel-web-event-types', 'sentinel-web-url-parts'],
    },
    {
      name: 'a proxy rule reading the host on sentinel_asim_web',
      pipeline: 'sentinel_asim_web',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c6\nlogsource:\n    category: proxy\ndetection:\n    sel:\n        cs-host: example.org\n    condition: sel`,
      ids: ['sentinel-web-event-types', 'sentinel-web-request-host'],
    },
    {
      name: 'an sshd rule on sentinel_syslog: the program names and the keyword search',
      pipeline: 'sentinel_syslog',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c7\nlogsource:\n    product: linux\n    service: sshd\ndetection:\n    keywords:\n        - 'Corrupted MAC on input'\n    condition: keywords`,
      ids: ['sentinel-syslog-programs', 'sentinel-syslog-keywords'],
    },
    {
      name: 'a Linux rule without a service on sentinel_syslog: every row, so no program assumption',
      pipeline: 'sentinel_syslog',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c8\nlogsource:\n    product: linux\ndetection:\n    keywords:\n        - '/etc/ld.so.preload'\n    condition: keywords`,
      ids: ['sentinel-syslog-keywords'],
    },
    {
      name: "a Linux connection rule on XDR: scoped by the acting process's path, not where there is none",
      pipeline: 'microsoft_xdr',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000ca\nlogsource:\n    product: linux\n    category: network_connection\ndetection:\n    sel:\n        DestinationPort: 4444\n    condition: sel`,
      ids: ['device-system-by-path', 'defender-posix-device-scope'],
    },
    {
      name: 'a Windows connection rule on XDR testing the host, the addresses and the protocol',
      pipeline: 'microsoft_xdr',
      yaml: rule('network_connection', `sel:\n    DestinationHostname|endswith: '.example.com'\n    DestinationIp|cidr: '10.0.0.0/8'\n    Protocol: tcp\ncondition: sel`),
      ids: ['defender-remoteurl-hostname', 'device-system-by-path', 'defender-posix-device-scope', 'defender-remoteurl-url', 'defender-ipv4-mapped', 'defender-protocol-values'],
    },
    {
      name: 'a Windows connection rule on XDR testing the port only: the system scope, none of the address, host or protocol readings',
      pipeline: 'microsoft_xdr',
      yaml: rule('network_connection', `sel:\n    DestinationPort: 4444\ncondition: sel`),
      ids: ['device-system-by-path', 'defender-posix-device-scope'],
    },
    {
      name: 'a macOS process rule on sentinel_asim: scoped to macOS rows by the path',
      pipeline: 'sentinel_asim',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000cb\nlogsource:\n    product: macos\n    category: process_creation\ndetection:\n    sel:\n        Image|endswith: /osascript\n    condition: sel`,
      ids: ['device-system-by-path'],
    },
    {
      name: 'a Linux process creation rule on sentinel_syslog (a Sentinel page with it): none of its assumptions',
      pipeline: 'sentinel_syslog',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000c9\nlogsource:\n    product: linux\n    category: process_creation\ndetection:\n    sel:\n        Image|endswith: /at\n    condition: sel`,
      ids: [],
    },
    {
      name: "a classic source's Data on sentinel_windows: the XML, the channel names, ParameterXml",
      pipeline: 'sentinel_windows',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d1\nlogsource:\n    product: windows\n    service: application\ndetection:\n    sel:\n        Data|contains: ntds.dit\n    condition: sel`,
      ids: ['event-eventdata-xml', 'sentinel-event-channels', 'sentinel-event-parameterxml'],
    },
    {
      name: 'a PowerShell script block rule on sentinel_windows: no ParameterXml',
      pipeline: 'sentinel_windows',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d2\nlogsource:\n    product: windows\n    category: ps_script\ndetection:\n    sel:\n        ScriptBlockText|contains: Invoke-\n    condition: sel`,
      ids: ['event-eventdata-xml', 'sentinel-event-channels'],
    },
    {
      name: 'a Windows process creation rule on sentinel_windows (a Sentinel page with it): none of its assumptions',
      pipeline: 'sentinel_windows',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d3\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n    sel:\n        Image|endswith: '\\\\whoami.exe'\n    condition: sel`,
      ids: [],
    },
    {
      name: 'a Security rule reading a process id on sentinel_windows: SecurityEvent, so its hexadecimal process ids',
      pipeline: 'sentinel_windows',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d5\nlogsource:\n    product: windows\n    service: security\ndetection:\n    sel:\n        EventID: 4656\n        ProcessId: 1234\n    condition: sel`,
      ids: ['securityevent-process-id-hex'],
    },
    {
      name: 'an AppLocker rule on sentinel_windows: SecurityEvent through the Security Events connector, none of the Event table',
      pipeline: 'sentinel_windows',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d6\nlogsource:\n    product: windows\n    service: applocker\ndetection:\n    sel:\n        EventID: 8004\n        FilePath|contains: '\\\\Temp\\\\'\n    condition: sel`,
      ids: ['securityevent-applocker'],
    },
    {
      name: 'a Sysmon rule on sentinel_sysmon_event still rests on the Event XML',
      pipeline: 'sentinel_sysmon_event',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d4\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n    sel:\n        Image|endswith: '\\\\whoami.exe'\n    condition: sel`,
      ids: ['event-eventdata-xml'],
    },
    {
      name: 'an Okta rule on sentinel_syslog (a Sentinel page with it): none of its assumptions',
      pipeline: 'sentinel_syslog',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000ca\nlogsource:\n    product: okta\n    service: okta\ndetection:\n    sel:\n        eventType: user.session.start\n    condition: sel`,
      ids: [],
    },
    {
      name: "a Kubernetes audit rule on sentinel_cloud: AKSAudit, the resource-specific table",
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000cb\nlogsource:\n    category: application\n    product: kubernetes\n    service: audit\ndetection:\n    sel:\n        verb: list\n        objectRef.resource: secrets\n    condition: sel`,
      ids: ['sentinel-cloud-aks-audit-table', 'sentinel-cloud-aks-list-objectref'],
    },
    {
      name: 'a Kubernetes audit rule reading objectRef of a get request: not the list-request ObjectRef',
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d7\nlogsource:\n    product: kubernetes\n    service: audit\ndetection:\n    sel:\n        verb: get\n        objectRef.resource: secrets\n    condition: sel`,
      ids: ['sentinel-cloud-aks-audit-table'],
    },
    {
      name: 'an Entra ID audit rule testing a category other than Audit on sentinel_cloud',
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d8\nlogsource:\n    product: azure\n    service: auditlogs\ndetection:\n    sel:\n        Category: KeyManagement\n        OperationName: Read BitLocker key\n    condition: sel`,
      ids: ['sentinel-cloud-auditlogs-category'],
    },
    {
      name: 'an Entra ID audit rule without the category on sentinel_cloud: no category assumption',
      pipeline: 'sentinel_cloud',
      yaml: `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000d9\nlogsource:\n    product: azure\n    service: auditlogs\ndetection:\n    sel:\n        OperationName: Read BitLocker key\n    condition: sel`,
      ids: [],
    },
    {
      name: 'a Windows rule on sentinel_cloud (a Sentinel page with both pipelines)',
      pipeline: 'sentinel_cloud',
      yaml: processRule(`sel:\n    md5: 0123456789abcdef0123456789abcdef\ncondition: sel`),
      ids: [],
    },
  ];
  it.each(cases)('narrows to what $name touches', ({ pipeline, yaml, ids }) => {
    expect(kqlAssumptions(pipeline, parsed(yaml)).map((a) => a.id)).toEqual(ids);
  });
});
