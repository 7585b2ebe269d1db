import { describe, test } from 'vitest';
import { platforms } from '../src/differential/platforms.js';
import type { EventSource, RawEvent } from '../src/types.js';
import { agreeOn } from './verdicts.js';

/**
 * sentinel_cloud reads an Azure or CloudTrail field by the record's own name as well as by the column's: SigmaHQ's
 * rules use few of those names, so the corpus run does not exercise them. Here the backend's output is run over the
 * records truth builds from Microsoft's table pages (written apart from the backend), event by event.
 */
const cloud = new Map(platforms().map((p) => [p.id, p])).get('sentinel_cloud')!;

const agree = (yaml: string, source: EventSource, events: readonly (readonly [string, RawEvent, boolean])[]): void => agreeOn(cloud, yaml, source, events);

const rule = (product: string, service: string, detection: string): string =>
  `title: t\nid: 2f0c7a51-3d9e-4b8a-a6c2-5e1f0b9d7c31\nstatus: test\nlogsource:\n    product: ${product}\n    service: ${service}\ndetection:\n${detection}\nlevel: low\n`;

describe('sentinel_cloud: the record names of a column read it', () => {
  test('SigninLogs: ipAddress, properties.appDisplayName and the column names', () => {
    agree(
      rule('azure', 'signinlogs', "    sel:\n        ipAddress: 192.0.2.7\n        properties.appDisplayName: Azure Portal\n        ResultType: 0\n    condition: sel"),
      { product: 'azure', service: 'signinlogs' },
      [
        ['all three', { ipAddress: '192.0.2.7', 'properties.appDisplayName': 'Azure Portal', ResultType: '0' }, true],
        ['another address', { ipAddress: '192.0.2.8', 'properties.appDisplayName': 'Azure Portal', ResultType: '0' }, false],
        ['another result', { ipAddress: '192.0.2.7', 'properties.appDisplayName': 'Azure Portal', ResultType: '50126' }, false],
      ],
    );
  });

  test('AzureActivity: callerIpAddress, and category is CategoryValue', () => {
    agree(
      rule('azure', 'activitylogs', "    sel:\n        callerIpAddress: 203.0.113.4\n        category: Administrative\n        operationName|endswith: /DELETE\n    condition: sel"),
      { product: 'azure', service: 'activitylogs' },
      [
        ['a delete from that address', { callerIpAddress: '203.0.113.4', category: 'Administrative', operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE' }, true],
        ['a write', { callerIpAddress: '203.0.113.4', category: 'Administrative', operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE' }, false],
        ['a policy event', { callerIpAddress: '203.0.113.4', category: 'Policy', operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/DELETE' }, false],
      ],
    );
  });

  test('AADUserRiskEvents: riskEventType, properties.riskLevel and the column names', () => {
    agree(
      rule('azure', 'riskdetection', "    sel:\n        riskEventType: unlikelyTravel\n        properties.riskLevel: high\n        IpAddress: 198.51.100.23\n    condition: sel"),
      { product: 'azure', service: 'riskdetection' },
      [
        ['all three', { riskEventType: 'unlikelyTravel', 'properties.riskLevel': 'high', IpAddress: '198.51.100.23' }, true],
        ['another detection', { riskEventType: 'newCountry', 'properties.riskLevel': 'high', IpAddress: '198.51.100.23' }, false],
        ['a lower level', { riskEventType: 'unlikelyTravel', 'properties.riskLevel': 'low', IpAddress: '198.51.100.23' }, false],
      ],
    );
  });

  test('AWSCloudTrail: the session issuer and a missing error code', () => {
    agree(
      rule('aws', 'cloudtrail', "    sel:\n        eventName: StopLogging\n        userIdentity.sessionContext.sessionIssuer.type: Role\n    ok:\n        errorCode: null\n    condition: sel and ok"),
      { product: 'aws', service: 'cloudtrail' },
      [
        ['stopped by a role', { eventName: 'StopLogging', 'userIdentity.sessionContext.sessionIssuer.type': 'Role' }, true],
        ['denied', { eventName: 'StopLogging', 'userIdentity.sessionContext.sessionIssuer.type': 'Role', errorCode: 'AccessDenied' }, false],
        ['by a user', { eventName: 'StopLogging', 'userIdentity.sessionContext.sessionIssuer.type': 'IAMUser' }, false],
      ],
    );
  });
});
