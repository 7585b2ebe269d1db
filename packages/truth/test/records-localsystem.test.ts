import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { platforms } from '../src/differential/platforms.js';
import { securityEventRecords } from '../src/records/index.js';
import type { EventSource, RawEvent } from '../src/types.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './records-fixtures.js';
import { agreeOn } from './verdicts.js';

/**
 * LocalSystem in a 4688: Windows writes the machine account with SID S-1-5-18 (event-4688.md's sample: SubjectUserSid
 * S-1-5-18, SubjectUserName WIN-GG82ULGC9GO$, SubjectDomainName CONTOSO), where Sysmon writes NT AUTHORITY\SYSTEM
 * (assumption `securityevent-localsystem`). The derived witnesses of SigmaHQ's SYSTEM rules (AUTHORI\SYSTEM) are no
 * real LocalSystem, so these events are the ones that show whether a query finds SYSTEM on SecurityEvent.
 */
const sysmon1 = (user: string, parentUser: string, image: string, parentImage: string): RawEvent => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  EventID: 1,
  Computer: 'WS01.contoso.local',
  Image: image,
  ParentImage: parentImage,
  CommandLine: image,
  User: user,
  ParentUser: parentUser,
  LogonId: '0x3e7',
  ProcessId: 4242,
  ParentProcessId: 700,
  IntegrityLevel: 'System',
});
const SYSTEM = 'NT AUTHORITY\\SYSTEM';
const source: EventSource = { product: 'windows', category: 'process_creation' };
const sentinel = platforms().find((p) => p.id === 'sentinel_securityevent')!;

describe('the 4688 row of a LocalSystem process', () => {
  test('a SYSTEM child of a SYSTEM parent: the Subject is the machine account, the Target "-"', () => {
    const [r] = securityEventRecords(sysmon1(SYSTEM, SYSTEM, 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\PSEXESVC.exe'), source);
    expect(r!.row).toMatchObject({ SubjectUserSid: 'S-1-5-18', SubjectUserName: 'WS01$', SubjectDomainName: 'CONTOSO', TargetUserName: '-', TargetUserSid: 'S-1-0-0' });
  });
  test('a SYSTEM child of a user: the Target is the machine account', () => {
    const [r] = securityEventRecords(sysmon1(SYSTEM, 'CONTOSO\\alice', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\explorer.exe'), source);
    expect(r!.row).toMatchObject({ SubjectUserSid: '', SubjectUserName: 'alice', TargetUserSid: 'S-1-5-18', TargetUserName: 'WS01$', TargetDomainName: 'CONTOSO' });
  });
});

const rule = (name: string): string => readFileSync(`${SIGMAHQ}/rules/windows/process_creation/${name}.yml`, 'utf8');

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's SYSTEM rules find LocalSystem on SecurityEvent ${NEEDS_SIGMAHQ}`, () => {
  test('PsExec service children run as SYSTEM (User|contains AUTHORI/AUTORI): a match; a user\'s child: none', () => {
    agreeOn(sentinel, rule('proc_creation_win_sysinternals_psexesvc_as_system'), source, [
      ['SYSTEM child', sysmon1(SYSTEM, SYSTEM, 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\PSEXESVC.exe'), true],
      ['SYSTEM child of a user', sysmon1(SYSTEM, 'CONTOSO\\alice', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\PSEXESVC.exe'), true],
      ['a user\'s child', sysmon1('CONTOSO\\alice', 'CONTOSO\\alice', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\PSEXESVC.exe'), false],
    ]);
  });
  test('schtasks.exe as SYSTEM is excluded by the rule\'s filter; as a user it is not', () => {
    agreeOn(sentinel, rule('proc_creation_win_schtasks_creation'), source, [
      ['SYSTEM', { ...sysmon1(SYSTEM, SYSTEM, 'C:\\Windows\\System32\\schtasks.exe', 'C:\\Windows\\System32\\svchost.exe'), CommandLine: 'schtasks.exe /create /tn x' }, false],
      ['a user', { ...sysmon1('CONTOSO\\alice', 'CONTOSO\\alice', 'C:\\Windows\\System32\\schtasks.exe', 'C:\\Windows\\explorer.exe'), CommandLine: 'schtasks.exe /create /tn x' }, true],
    ]);
  });
});
