import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, flattenWindowsEvent, windowsLogsource } from '../src/index.js';

describe('logsource routing', () => {
  it('maps Windows channels and event ids to Sigma logsources', () => {
    expect(windowsLogsource({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 })).toEqual([
      { product: 'windows', category: 'process_creation' },
      { product: 'windows', service: 'sysmon' },
    ]);
    expect(windowsLogsource({ Event: { System: { Channel: 'Security', EventID: 4688 } } })).toEqual([
      { product: 'windows', service: 'security' },
      { product: 'windows', category: 'process_creation' },
    ]);
    expect(windowsLogsource({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 13 })).toEqual([
      { product: 'windows', category: 'registry_set' },
      { product: 'windows', category: 'registry_event' },
      { product: 'windows', service: 'sysmon' },
    ]);
    // pySigma-pipeline-sysmon (sigma/pipelines/sysmon/sysmon.py, 17767479f26b): "file_delete": [23,26].
    expect(windowsLogsource({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 23 })).toEqual([
      { product: 'windows', category: 'file_delete' },
      { product: 'windows', service: 'sysmon' },
    ]);
    expect(windowsLogsource({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 26 })).toEqual([
      { product: 'windows', category: 'file_delete' },
      { product: 'windows', category: 'file_delete_detected' },
      { product: 'windows', service: 'sysmon' },
    ]);
    expect(windowsLogsource({ Channel: 'Windows PowerShell', EventID: 600 })).toEqual([
      { product: 'windows', service: 'powershell-classic' },
      { product: 'windows', category: 'ps_classic_provider_start' },
    ]);
    expect(windowsLogsource({ Channel: 'Windows PowerShell', EventID: 800 })).toEqual([
      { product: 'windows', service: 'powershell-classic' },
      { product: 'windows', category: 'ps_classic_script' },
    ]);
    expect(windowsLogsource({ Channel: 'PowerShellCore/Operational', EventID: 4104 })).toEqual([
      { product: 'windows', service: 'powershell' },
      { product: 'windows', category: 'ps_script' },
    ]);
    expect(windowsLogsource({ Channel: 'Something/Else' })).toBeUndefined();
    expect(windowsLogsource({ Image: 'x' })).toBeUndefined();
  });

  it('skips rules whose logsource does not apply; unknown events see every rule', () => {
    const text = `title: proc
id: 11111111-1111-4111-8111-111111111111
logsource: { product: windows, category: process_creation }
detection: { sel: { Image|endswith: '\\x.exe' }, condition: sel }
---
title: sec
id: 22222222-2222-4222-8222-222222222222
logsource: { product: windows, service: security }
detection: { sel: { Image|endswith: '\\x.exe' }, condition: sel }
`;
    const set = compileRuleSet(loadCollection([{ text, file: 'r.yml' }]), { logsource: windowsLogsource });
    const keys = (e: Record<string, unknown>) => set.match(e).map((m) => m.rule.slice(0, 2));
    expect(keys({ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, Image: 'c:\\x.exe' })).toEqual(['11']);
    expect(keys({ Channel: 'Security', EventID: 4688, Image: 'c:\\x.exe' })).toEqual(['11', '22']);
    expect(keys({ Channel: 'Security', EventID: 4624, Image: 'c:\\x.exe' })).toEqual(['22']);
    expect(keys({ Image: 'c:\\x.exe' })).toEqual(['11', '22']);
  });

  /**
   * Event-log clearing events as evtx_dump writes them: SigmaHQ/sigma regression_data (commit f833216056b1)
   * rules/windows/builtin/system/microsoft_windows_eventlog/win_system_susp_eventlog_cleared/100ef69e-….json (System
   * 104) and rules/windows/builtin/security/win_security_audit_log_cleared/d99b79d2-….json (Security 1102), trimmed to
   * the parts routing and these rules read; `cleared` replaces the cleared log's name (UserData LogFileCleared/Channel).
   */
  const system104 = (cleared: string) => ({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Eventlog', Guid: 'FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148' } },
        EventID: 104, Task: 104, Channel: 'System', Computer: '01566s-win16-ir.threebeesco.com',
      },
      UserData: {
        LogFileCleared: {
          '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
          SubjectUserName: 'a-jbrown', SubjectDomainName: '3B', Channel: cleared, BackupPath: null,
        },
      },
    },
  });
  const security1102 = {
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Eventlog', Guid: 'FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148' } },
        EventID: 1102, Task: 104, Channel: 'Security', Computer: 'PC01.example.corp',
      },
      UserData: {
        LogFileCleared: {
          '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
          SubjectUserSid: 'S-1-5-21-1587066498-1489273250-1035260531-1108', SubjectUserName: 'admin01', SubjectDomainName: 'EXAMPLE', SubjectLogonId: '0xaf855',
        },
      },
    },
  };
  const system = [{ product: 'windows', service: 'system' }];
  const security = [{ product: 'windows', service: 'security' }];

  it.each<[string, Record<string, unknown>, readonly object[], string | undefined]>([
    ['System 104, System cleared', system104('System'), system, 'System'],
    // The cleared log's name is UserData's Channel: the event is still in the System log.
    ['System 104, Security cleared', system104('Security'), system, 'Security'],
    ['System 104, Sysmon cleared', system104('Microsoft-Windows-Sysmon/Operational'), system, 'Microsoft-Windows-Sysmon/Operational'],
    ['Security 1102', security1102, security, 'Security'],
  ])('%s routes by the header channel; the flat Channel is what the event data says', (_name, raw, routes, flatChannel) => {
    const flat = flattenWindowsEvent(raw);
    expect(windowsLogsource(flat)).toEqual(routes);
    expect(windowsLogsource(raw)).toEqual(routes);
    expect(flat['Channel']).toBe(flatChannel);
  });

  it("SigmaHQ's eventlog-cleared rules read the cleared log as Channel and apply to the System 104 event", () => {
    // win_system_susp_eventlog_cleared (100ef69e) and win_security_audit_log_cleared (d99b79d2), selections as in SigmaHQ.
    const text = `title: susp cleared
id: 100ef69e-3327-481c-8e5c-6d80d9507556
logsource: { product: windows, service: system }
detection:
  selection:
    EventID: 104
    Provider_Name: 'Microsoft-Windows-Eventlog'
    Channel: ['Microsoft-Windows-PowerShell/Operational', 'Microsoft-Windows-Sysmon/Operational', 'PowerShellCore/Operational', 'Security', 'System', 'Windows PowerShell']
  condition: selection
---
title: audit cleared
id: d99b79d2-0a6f-4f46-ad8b-260b6e17f982
logsource: { product: windows, service: security }
detection:
  selection:
    EventID: [517, 1102]
    Provider_Name: 'Microsoft-Windows-Eventlog'
  condition: selection
`;
    const set = compileRuleSet(loadCollection([{ text, file: 'r.yml' }]), { logsource: windowsLogsource });
    const ids = (e: Record<string, unknown>) => set.match(flattenWindowsEvent(e)).map((m) => m.rule.slice(0, 8));
    expect(ids(system104('Security'))).toEqual(['100ef69e']);
    expect(ids(system104('System'))).toEqual(['100ef69e']);
    expect(ids(system104('Application'))).toEqual([]);
    expect(ids(security1102)).toEqual(['d99b79d2']);
  });
});
