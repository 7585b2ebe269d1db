import { describe, expect, test } from 'vitest';
import { impossibleEvent } from '../src/differential/possible.js';

const sysmon3 = (fields: Record<string, unknown>): Record<string, unknown> => ({ Provider_Name: 'Microsoft-Windows-Sysmon', EventID: 3, ...fields });

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
  ])('%j', (event, why) => {
    expect(impossibleEvent(event)).toBe(why);
  });
});
