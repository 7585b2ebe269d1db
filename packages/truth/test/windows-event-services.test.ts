import { describe, test } from 'vitest';
import { platforms } from '../src/differential/platforms.js';
import type { EventSource, RawEvent } from '../src/types.js';
import { agreeOn } from './verdicts.js';

/**
 * Sentinel's WindowsEvent holds forwarded events of every channel, EventData a dynamic bag of their Data fields. A
 * key the event lacks is null there, and tostring() of it is empty: the outputs test presence on the key, so a rule's
 * empty value, `*`, `null` and a Data field that shares a column's name (WMI 5861's Provider) mean what the evaluator
 * says they mean.
 */
const byId = new Map(platforms().map((p) => [p.id, p]));
const windowsEvent = byId.get('sentinel_sysmon_windowsevent')!;

const agree = (yaml: string, source: EventSource, events: readonly (readonly [string, RawEvent, boolean])[]): void => agreeOn(windowsEvent, yaml, source, events);

const rule = (service: string, detection: string): string =>
  `title: t\nid: 0d6a3f4e-8c1b-4d2a-9e7f-1a2b3c4d5e6f\nstatus: test\nlogsource:\n    product: windows\n    service: ${service}\ndetection:\n${detection}\nlevel: low\n`;

describe('WindowsEvent: every Windows service, EventData keys as the evaluator reads fields', () => {
  test("an empty value is a key that is there and empty, not a missing one (SmbClient 31017's UserName)", () => {
    const smb = { Channel: 'Microsoft-Windows-SmbClient/Security', Provider_Name: 'Microsoft-Windows-SmbClient', EventID: 31017, ServerName: '\\\\10.0.0.5' };
    agree(rule('smbclient-security', "    sel:\n        EventID: 31017\n        UserName: ''\n    condition: sel"), { product: 'windows', service: 'smbclient-security' }, [
      ['UserName empty', { ...smb, UserName: '' }, true],
      ['UserName missing', smb, false],
      ['UserName set', { ...smb, UserName: 'guest' }, false],
    ]);
  });

  test("'*' is any value, the empty one included; null is a missing key", () => {
    const ev = { Channel: 'System', Provider_Name: 'Service Control Manager', EventID: 7045, ServiceName: 'x' };
    agree(rule('system', "    sel:\n        EventID: 7045\n        ImagePath: '*'\n        AccountName: null\n    condition: sel"), { product: 'windows', service: 'system' }, [
      ['ImagePath empty, AccountName missing', { ...ev, ImagePath: '' }, true],
      ['ImagePath missing', ev, false],
      ['AccountName present', { ...ev, ImagePath: 'c:\\x.exe', AccountName: 'LocalSystem' }, false],
    ]);
  });

  test("a rule's Provider is WMI 5861's Data field, its Provider_Name the header's", () => {
    const ev = { Channel: 'Microsoft-Windows-WMI-Activity/Operational', Provider_Name: 'Microsoft-Windows-WMI-Activity', EventID: 5861 };
    agree(
      rule('wmi', "    sel:\n        EventID: 5861\n        Provider_Name: Microsoft-Windows-WMI-Activity\n        Provider: SCM Event Provider\n    condition: sel"),
      { product: 'windows', service: 'wmi' },
      [
        ['both match', { ...ev, Provider: 'SCM Event Provider' }, true],
        ['another WMI provider', { ...ev, Provider: 'CIMWin32' }, false],
      ],
    );
  });
});
