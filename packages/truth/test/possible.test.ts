import { describe, expect, test } from 'vitest';
import { impossibleEvent } from '../src/differential/possible.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, regressionEvents } from './records-fixtures.js';

const sysmon3 = (fields: Record<string, unknown>): Record<string, unknown> => ({ Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 3, ...fields });

const sysmonReg = (eventId: number, fields: Record<string, unknown>): Record<string, unknown> => ({
  Channel: 'Microsoft-Windows-Sysmon/Operational', Provider_Name: 'Microsoft-Windows-Sysmon', EventID: eventId, TargetObject: 'HKLM\\SOFTWARE\\Contoso', ...fields,
});

describe('events no product could write', () => {
  test.each([
    [sysmon3({ DestinationIsIpv6: 'true', DestinationIp: '93.184.215.14' }), 'DestinationIsIpv6 = true contradicts DestinationIp = 93.184.215.14'],
    [sysmon3({ SourceIsIpv6: false, SourceIp: 'fe80::1' }), 'SourceIsIpv6 = false contradicts SourceIp = fe80::1'],
    [sysmon3({ DestinationIsIpv6: 'true', DestinationIp: '2001:db8::1' }), undefined],
    [sysmon3({ DestinationIsIpv6: 'false', DestinationIp: '10.0.0.1' }), undefined],
    [sysmon3({ DestinationIsIpv6: 'true' }), undefined],
    // Not Sysmon 3: the pair means nothing to these checks.
    [{ Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 1, DestinationIsIpv6: 'true', DestinationIp: '10.0.0.1' }, undefined],
    [{ DestinationIsIpv6: 'true', DestinationIp: '10.0.0.1' }, undefined],
    // Only Sysmon writes to its channel.
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', Provider_Name: 'Microsoft-Windows-Kernel-Audit-API-Calls', EventID: 10 }, 'Provider_Name = Microsoft-Windows-Kernel-Audit-API-Calls in the Sysmon channel, which only Microsoft-Windows-Sysmon writes'],
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 10 }, undefined],
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 }, undefined],
    [{ Channel: 'Security', Provider_Name: 'Microsoft-Windows-Security-Auditing', EventID: 4688 }, undefined],
    // Sysmon registry events: Sysmon's five EventTypes, one per event id for 13/14, NewName on renames only, a hive first.
    [sysmonReg(12, { EventType: 'CreaueKey' }), 'EventType = CreaueKey is not a registry event type Sysmon writes'],
    [sysmonReg(13, { EventType: 'SetVblue' }), 'EventType = SetVblue is not a registry event type Sysmon writes'],
    [sysmonReg(12, { EventType: 'SetValue' }), 'EventType = SetValue in Sysmon event 12'],
    [sysmonReg(14, { EventType: 'CreateKey' }), 'EventType = CreateKey in Sysmon event 14'],
    [sysmonReg(12, { EventType: 'DeleteValue' }), undefined],
    [sysmonReg(13, { EventType: 'SetValue', NewName: 'HKLM\\SOFTWARE\\X' }), 'NewName in Sysmon event 13 (only renames, event 14, have one)'],
    [sysmonReg(14, { EventType: 'RenameKey', NewName: 'HKLM\\SOFTWARE\\X' }), undefined],
    [sysmonReg(13, { EventType: 'SetValue', TargetObject: '_\\REGISTRY\\A\\LocalState\\admin_settings' }), 'TargetObject = _\\REGISTRY\\A\\LocalState\\admin_settings does not start at a registry root Sysmon writes'],
    [sysmonReg(13, { EventType: 'SetValue', TargetObject: '\\REGISTRY\\A\\LocalState\\admin_settings' }), undefined],
    [sysmonReg(13, { EventType: 'SetValue', TargetObject: 'HKU\\S-1-5-21-1\\Software\\X' }), undefined],
    // Registry checks are for Sysmon's registry events only.
    [{ Channel: 'Security', EventID: 13, EventType: 'AUDIT_SUCCESS', TargetObject: 'x' }, undefined],
    // Accounts are DOMAIN\name: a name cannot hold a backslash.
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, User: 'WORKSTATION01\\AUTHORI\\SYSTEM' }, 'User = WORKSTATION01\\AUTHORI\\SYSTEM is no DOMAIN\\name account'],
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, User: 'NT AUTHORITY\\SYSTEM', ParentUser: 'CONTOSO\\user01' }, undefined],
    // Sysmon times are yyyy-MM-dd HH:mm:ss.fff.
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 11, CreationUtcTime: '2023-03- ' }, 'CreationUtcTime = 2023-03-  is not a time as Sysmon writes it (yyyy-MM-dd HH:mm:ss.fff)'],
    [{ Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 11, UtcTime: '2025-10-24 23:36:29.110', CreationUtcTime: '2023-03-15 10:20:30.123' }, undefined],
  ])('%j', (event, why) => {
    expect(impossibleEvent(event)).toBe(why);
  });

  // Linux and macOS sensors record full paths; the check needs the logsource the event was derived for.
  test.each([
    [{ Image: '\\node', CommandLine: 'node install x' }, { category: 'process_creation', product: 'linux' }, 'Image = \\node is not a full path, which linux sensors record'],
    [{ TargetFilename: '.github/workflows/x.yml' }, { category: 'file_event', product: 'macos' }, 'TargetFilename = .github/workflows/x.yml is not a full path, which macos sensors record'],
    [{ Image: '/usr/bin/node', TargetFilename: '/tmp/x' }, { category: 'file_event', product: 'linux' }, undefined],
    [{ CommandLine: 'curl x' }, { category: 'process_creation', product: 'linux' }, undefined],
    [{ Image: 'C:\\x.exe' }, { category: 'process_creation', product: 'windows' }, undefined],
    [{ Image: 'node' }, undefined, undefined],
  ])('%j on %j', (event, source, why) => {
    expect(impossibleEvent(event, source)).toBe(why);
  });
});

describe.skipIf(!HAVE_SIGMAHQ)(`the invariants hold on real events ${NEEDS_SIGMAHQ}`, () => {
  test('every event of SigmaHQ regression_data (evtx_dump of real hosts) is possible', () => {
    const events = regressionEvents();
    expect(events.length).toBeGreaterThan(200);
    expect(events.map((r) => impossibleEvent(r.event)).filter((why) => why !== undefined)).toEqual([]);
  });
});
