import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, windowsLogsource } from '../src/index.js';

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
});
