import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  AWS_CLOUDTRAIL_CONSTANTS, AWS_CLOUDTRAIL_MAPPING, AZURE_MAPPING, cseJsonProduct, flatEvent, kqlTableColumns, sentinelCloudPlacements,
  sentinelCloudRecords, vendorDir, type CloudPlacement,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlRecord, KqlValue, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR, typeFits } from './records-fixtures.js';

const INCLUDES = 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes';
const CLOUDTRAIL: EventSource = { product: 'aws', service: 'cloudtrail' };
const SIGNIN: EventSource = { product: 'azure', service: 'signinlogs' };
const AUDIT: EventSource = { product: 'azure', service: 'auditlogs' };
const ACTIVITY: EventSource = { product: 'azure', service: 'activitylogs' };

const page = (file: string): string[] => readFileSync(join(vendorDir(), INCLUDES, file), 'utf8').split(/\r?\n/);

/** Column name -> type of an include page, by a plain regex here (not the builder's table reader). */
function pageColumns(table: string): Map<string, string> {
  const text = readFileSync(join(vendorDir(), INCLUDES, `${table.toLowerCase()}-include.md`), 'utf8');
  return new Map([...text.matchAll(/^\| (\w+) \| (\w+) \|/gm)].filter((m) => m[1] !== 'Column').map((m) => [m[1]!, m[2]!]));
}

function only(records: readonly KqlRecord[]): KqlRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** The columns of a row that hold something (not the Kusto default). */
function filled(row: Readonly<Record<string, KqlValue>>): Record<string, KqlValue> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '' && v !== null));
}

/** Throws unless every expected column holds exactly its value (the check the tests below apply). */
function expectLanding(row: Readonly<Record<string, KqlValue>>, expected: Readonly<Record<string, KqlValue>>): void {
  for (const [column, value] of Object.entries(expected)) {
    if (!(column in row)) throw new Error(`no column ${column}`);
    expect(row[column], column).toStrictEqual(value);
  }
}


/** Problems of a mapping table's citations: each `<file>:<line> <Column>` must be that column's row on the page, with the quoted phrase. */
function citationProblems(rows: readonly CloudPlacement[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    // `a.md:12 Col: "phrase"; :13 Col2: "phrase"` -> one check per part; a part without a file uses the previous one.
    let file = '';
    const parts = r.cite.split('; ');
    for (const part of parts) {
      const m = /^(?:([\w-]+\.md))?:(\d+) (\w+)(?:: "([^"]*)")?/.exec(part);
      if (!m) {
        problems.push(`${r.from}: unreadable citation ${part}`);
        continue;
      }
      file = m[1] ?? file;
      const line = page(file)[Number(m[2]) - 1] ?? '';
      if (!line.startsWith(`| ${m[3]} |`)) problems.push(`${r.from}: ${file}:${m[2]} is not the row of ${m[3]}`);
      if (m[4] && !line.includes(m[4])) problems.push(`${r.from}: ${file}:${m[2]} does not say "${m[4]}"`);
    }
    const cited = parts.map((p) => /\d+ (\w+)/.exec(p)?.[1]);
    for (const c of r.columns) if (!cited.includes(c)) problems.push(`${r.from}: column ${c} is not the one cited`);
  }
  return problems;
}

const CONSOLE_LOGIN: RawEvent = {
  eventVersion: '1.08',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:alice',
    arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
    accountId: '111122223333',
    accessKeyId: 'ASIAEXAMPLE',
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: 'arn:aws:iam::111122223333:role/Admin', accountId: '111122223333', userName: 'Admin' },
      attributes: { creationDate: '2024-05-01T10:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  eventTime: '2024-05-01T10:05:00Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'Mozilla/5.0',
  requestParameters: null,
  responseElements: { ConsoleLogin: 'Success' },
  additionalEventData: { MFAUsed: 'No', MobileVersion: 'No' },
  eventID: '3fcfb586-0000-4e1a-9d0f-000000000001',
  readOnly: false,
  eventType: 'AwsConsoleSignIn',
  managementEvent: true,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 'signin.aws.amazon.com' },
};

const SG_INGRESS: RawEvent = {
  eventSource: 'ec2.amazonaws.com',
  eventName: 'AuthorizeSecurityGroupIngress',
  eventType: 'AwsApiCall',
  requestID: 'req-1',
  apiVersion: '2016-11-15',
  userIdentity: { type: 'IAMUser', userName: 'bob', invokedBy: 'cloudformation.amazonaws.com' },
  requestParameters: { groupId: 'sg-1', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 23, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
  resources: [{ ARN: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1', type: 'AWS::EC2::SecurityGroup' }],
  readOnly: 'TRUE',
  vpcEndpointId: 'vpce-1',
  sharedEventID: 'shared-1',
  src_ip: '203.0.113.9',
};

describe.skipIf(!HAVE_VENDOR)(`AWSCloudTrail ${NEEDS_VENDOR}`, () => {
  test('a console sign-in lands in the columns the page describes for each CloudTrail key', () => {
    const { table, row } = only(sentinelCloudRecords(CONSOLE_LOGIN, CLOUDTRAIL));
    expect(table).toBe('AWSCloudTrail');
    expect(filled(row)).toStrictEqual({
      EventVersion: '1.08',
      UserIdentityType: 'AssumedRole',
      UserIdentityPrincipalid: 'AROAEXAMPLE:alice',
      UserIdentityArn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
      UserIdentityAccountId: '111122223333',
      UserIdentityAccessKeyId: 'ASIAEXAMPLE',
      SessionIssuerType: 'Role',
      SessionIssuerPrincipalId: 'AROAEXAMPLE',
      SessionIssuerArn: 'arn:aws:iam::111122223333:role/Admin',
      SessionIssuerAccountId: '111122223333',
      SessionIssuerUserName: 'Admin',
      SessionCreationDate: new Date('2024-05-01T10:00:00Z'),
      // CloudTrail writes mfaAuthenticated as a string: the bool column holds the boolean.
      SessionMfaAuthenticated: false,
      TimeGenerated: new Date('2024-05-01T10:05:00Z'),
      EventSource: 'signin.amazonaws.com',
      EventName: 'ConsoleLogin',
      AWSRegion: 'us-east-1',
      SourceIpAddress: '198.51.100.7',
      UserAgent: 'Mozilla/5.0',
      ResponseElements: '{"ConsoleLogin":"Success"}',
      AdditionalEventData: '{"MFAUsed":"No","MobileVersion":"No"}',
      AwsEventId: '3fcfb586-0000-4e1a-9d0f-000000000001',
      ReadOnly: false,
      EventTypeName: 'AwsConsoleSignIn',
      ManagementEvent: true,
      RecipientAccountId: '111122223333',
      Category: 'Management',
      TlsVersion: 'TLSv1.3',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      ClientProvidedHostHeader: 'signin.aws.amazon.com',
      OperationName: 'CloudTrail',
      Type: 'AWSCloudTrail',
    });
    // requestParameters: null is an absent string.
    expect(row['RequestParameters']).toBe('');
  });

  test('security-group columns come out of requestParameters; JSON columns hold compact JSON text; non-CloudTrail names land nowhere', () => {
    const { row } = only(sentinelCloudRecords(SG_INGRESS, { product: 'aws' }));
    expectLanding(row, {
      CidrIp: '0.0.0.0/0',
      IpProtocol: 'tcp',
      SourcePort: '22',
      DestinationPort: '23',
      AwsRequestId_: 'req-1',
      AwsRequestId: '',
      APIVersion: '2016-11-15',
      UserIdentityUserName: 'bob',
      UserIdentityInvokedBy: 'cloudformation.amazonaws.com',
      VpcEndpointId: 'vpce-1',
      SharedEventId: 'shared-1',
      ReadOnly: true,
      ManagementEvent: null,
      RequestParameters: '{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":23,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}',
      Resources: '[{"ARN":"arn:aws:ec2:us-east-1:111122223333:security-group/sg-1","type":"AWS::EC2::SecurityGroup"}]',
    });
    expect(Object.values(row)).not.toContain('203.0.113.9');
    const placed = sentinelCloudPlacements(SG_INGRESS, CLOUDTRAIL);
    expect(placed.find((p) => p.key === 'src_ip')?.columns).toStrictEqual([]);
    expect(placed.find((p) => p.key === 'requestParameters.ipPermissions.items')?.columns).toEqual(['RequestParameters', 'CidrIp', 'IpProtocol', 'SourcePort', 'DestinationPort']);
  });

  test('a rule-derived event: dotted keys, a string requestParameters kept verbatim, quoted booleans, null errorCode', () => {
    const derived = { eventSource: 'guardduty.amazonaws.com', eventName: 'UpdateDetector', requestParameters: { enable: 'false' }, errorCode: null, userIdentity: { sessionContext: { attributes: { mfaAuthenticated: 'yes' } } } };
    const { row } = only(sentinelCloudRecords(derived, CLOUDTRAIL));
    expectLanding(row, { RequestParameters: '{"enable":"false"}', ErrorCode: '', SessionMfaAuthenticated: null });
    const flatDerived = { eventName: 'PutUserPolicy', 'requestParameters': '"s3:GetObject" "Allow"', 'userIdentity.type': 'IAMUser' };
    expectLanding(only(sentinelCloudRecords(flatDerived, CLOUDTRAIL)).row, { RequestParameters: '"s3:GetObject" "Allow"', UserIdentityType: 'IAMUser', CidrIp: '' });
  });

  test('Sentinel column names in a CloudTrail event are not CloudTrail keys: nothing lands', () => {
    const { row } = only(sentinelCloudRecords({ EventName: 'ConsoleLogin', UserIdentityType: 'Root' }, CLOUDTRAIL));
    expect(filled(row)).toStrictEqual({ OperationName: 'CloudTrail', Type: 'AWSCloudTrail' });
  });

  test('every documented column is mapped, constant, or one of the columns left out on purpose', () => {
    const leftOut = ['SourceSystem', 'TenantId', '_BilledSize', '_IsBillable', 'AwsRequestId', 'EC2RoleDelivery'];
    const mapped = [...AWS_CLOUDTRAIL_MAPPING, ...AWS_CLOUDTRAIL_CONSTANTS].flatMap((p) => p.columns);
    expect(new Set(mapped).size).toBe(mapped.length);
    expect([...mapped, ...leftOut].sort()).toStrictEqual([...pageColumns('AWSCloudTrail').keys()].sort());
  });
});

describe.skipIf(!HAVE_VENDOR)(`SigninLogs ${NEEDS_VENDOR}`, () => {
  test('PascalCase column names, dynamic tails, camel-case record names and properties.<x>', () => {
    const event = {
      ResultType: 50126,
      ResultDescription: 'Invalid username or password',
      AuthenticationRequirement: 'singleFactorAuthentication',
      DeviceDetail: { isCompliant: 'false', trusttype: null },
      properties: { deviceDetail: { deviceId: '' }, appId: 'app-1', message: 'ROPC' },
      userAgent: 'axios/1.6',
      location: 'FR',
      homeTenantId: 'tenant-a',
      conditionalAccessStatus: 'success',
      callerIpAddress: '192.0.2.10',
      IsInteractive: 'true',
      Status: 'Success',
      NetworkLocationDetails: '[]',
      time: '2024-05-01T10:00:00Z',
    };
    const { table, row } = only(sentinelCloudRecords(event, SIGNIN));
    expect(table).toBe('SigninLogs');
    expect(filled(row)).toStrictEqual({
      // A number for the string column ResultType is its text.
      ResultType: '50126',
      ResultDescription: 'Invalid username or password',
      AuthenticationRequirement: 'singleFactorAuthentication',
      // Dynamic: every raw key under it, property names kept as the event spells them.
      DeviceDetail: { isCompliant: 'false', trusttype: null, deviceId: '' },
      AppId: 'app-1',
      UserAgent: 'axios/1.6',
      Location: 'FR',
      HomeTenantId: 'tenant-a',
      ConditionalAccessStatus: 'success',
      IPAddress: '192.0.2.10',
      IsInteractive: true,
      Status: 'Success',
      NetworkLocationDetails: '[]',
      TimeGenerated: new Date('2024-05-01T10:00:00Z'),
      Type: 'SigninLogs',
    });
  });

  test('the camel-case twin of a column lands there; the column name itself wins when both are given', () => {
    expectLanding(only(sentinelCloudRecords({ resultType: 0 }, SIGNIN)).row, { ResultType: '0' });
    expectLanding(only(sentinelCloudRecords({ resultType: 0, ResultType: 53003 }, SIGNIN)).row, { ResultType: '53003' });
    expectLanding(only(sentinelCloudRecords({ properties: { authenticationRequirement: 'multiFactorAuthentication' } }, SIGNIN)).row, { AuthenticationRequirement: 'multiFactorAuthentication' });
  });

  test('case variants of a column name, and Sigma names that are no column, land nowhere', () => {
    const event = { Resultdescription: 'Blocked by Conditional Access', ClientApp: 'IMAP', Username: 'UPN', ActivityDetails: 'Sign-ins', properties: { message: 'Device Code' } };
    const { row } = only(sentinelCloudRecords(event, SIGNIN));
    expect(filled(row)).toStrictEqual({ Type: 'SigninLogs' });
    for (const p of sentinelCloudPlacements(event, SIGNIN)) expect(p.columns, p.key).toStrictEqual([]);
  });

  test('the record laid out for Cloud SIEM (cse-azure-eventhub-shape) lands in the same columns as the Sigma names', () => {
    const event = { ResultType: '50053', AuthenticationRequirement: 'singleFactorAuthentication', 'DeviceDetail.isCompliant': 'false', IPAddress: '192.0.2.1', AppDisplayName: 'Azure Portal' };
    const direct = only(sentinelCloudRecords(event, SIGNIN)).row;
    const viaRecord = only(sentinelCloudRecords(flatEvent(cseJsonProduct(SIGNIN)!.record(event, SIGNIN)), SIGNIN)).row;
    expectLanding(viaRecord, filled(direct));
    // The Cloud SIEM record's own category is the table's Category.
    expect(viaRecord['Category']).toBe('SignInLogs');
  });
});

describe.skipIf(!HAVE_VENDOR)(`AuditLogs ${NEEDS_VENDOR}`, () => {
  test('columns, dynamic tails and properties.<x>; the envelope category and Status are no column', () => {
    const event = {
      Category: 'UserManagement',
      category: 'Device',
      OperationName: 'Update user',
      LoggedByService: 'Core Directory',
      TargetResources: { ModifiedProperties: { DisplayName: 'StrongAuthenticationRequirement', NewValue: '[{"State":0}]' } },
      properties: { result: 'success', initiatedBy: { user: { userPrincipalName: 'a@example.com' } } },
      additionalDetails: { additionalInfo: 'Successfully recovered local credential by device id' },
      Status: 'Success',
      activityType: 'Password reset',
    };
    const { table, row } = only(sentinelCloudRecords(event, AUDIT));
    expect(table).toBe('AuditLogs');
    expect(filled(row)).toStrictEqual({
      Category: 'UserManagement',
      OperationName: 'Update user',
      LoggedByService: 'Core Directory',
      TargetResources: { ModifiedProperties: { DisplayName: 'StrongAuthenticationRequirement', NewValue: '[{"State":0}]' } },
      Result: 'success',
      InitiatedBy: { user: { userPrincipalName: 'a@example.com' } },
      AdditionalDetails: { additionalInfo: 'Successfully recovered local credential by device id' },
      Type: 'AuditLogs',
    });
  });

  test('camel-case operationName is OperationName; properties.category is the audit Category', () => {
    expectLanding(only(sentinelCloudRecords({ operationName: 'Add service principal', properties: { category: 'ApplicationManagement' } }, AUDIT)).row, {
      OperationName: 'Add service principal',
      Category: 'ApplicationManagement',
    });
    expectLanding(only(sentinelCloudRecords({ category: 'UserManagement' }, AUDIT)).row, { Category: '' });
  });

  test('the Cloud SIEM record of the same event lands in the same columns', () => {
    const event = { Category: 'RoleManagement', OperationName: 'Add member to role', 'TargetResources.modifiedProperties.newValue': 'x', ResultReason: 'ok' };
    const viaRecord = only(sentinelCloudRecords(flatEvent(cseJsonProduct(AUDIT)!.record(event, AUDIT)), AUDIT)).row;
    expectLanding(viaRecord, filled(only(sentinelCloudRecords(event, AUDIT)).row));
  });
});

describe.skipIf(!HAVE_VENDOR)(`AzureActivity ${NEEDS_VENDOR}`, () => {
  const event = {
    operationName: 'MICROSOFT.KEYVAULT/VAULTS/SECRETS/WRITE',
    category: 'Administrative',
    resourceProvider: 'Microsoft.KeyVault',
    ResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v',
    callerIpAddress: '198.51.100.1',
    properties: { message: 'Delete device', statusCode: 'OK' },
    level: 'Informational',
  };

  test('the operation identifier is OperationNameValue, the category CategoryValue, properties both Properties_d and Properties', () => {
    const { table, row } = only(sentinelCloudRecords(event, ACTIVITY));
    expect(table).toBe('AzureActivity');
    expect(filled(row)).toStrictEqual({
      OperationNameValue: 'MICROSOFT.KEYVAULT/VAULTS/SECRETS/WRITE',
      CategoryValue: 'Administrative',
      ResourceProviderValue: 'Microsoft.KeyVault',
      ResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v',
      CallerIpAddress: '198.51.100.1',
      Properties_d: { message: 'Delete device', statusCode: 'OK' },
      Properties: '{"message":"Delete device","statusCode":"OK"}',
      Level: 'Informational',
      Type: 'AzureActivity',
    });
  });

  test('PascalCase names of the rules land in their own columns', () => {
    const pascal = { OperationNameValue: 'Microsoft.ADHybridHealthService/services/delete', CategoryValue: 'Administrative', ResourceProviderValue: 'Microsoft.ADHybridHealthService', OperationName: 'Delete service' };
    expectLanding(only(sentinelCloudRecords(pascal, ACTIVITY)).row, pascal);
  });

  test('a planted mistake is caught: the identifier in OperationName instead of OperationNameValue', () => {
    const { row } = only(sentinelCloudRecords(event, ACTIVITY));
    const planted = { ...row, OperationName: row['OperationNameValue']!, OperationNameValue: '' };
    expect(() => expectLanding(planted, { OperationNameValue: event.operationName, OperationName: '' })).toThrow();
    expectLanding(row, { OperationNameValue: event.operationName, OperationName: '' });
    // And through the interpreter: a query on the described column matches, one on the undescribed column does not.
    const tables = { AzureActivity: { name: 'AzureActivity', columns: kqlTableColumns('AzureActivity')!, rows: [row] } };
    expect(runKql(`AzureActivity | where OperationNameValue =~ "${event.operationName}"`, tables).rows).toHaveLength(1);
    expect(runKql(`AzureActivity | where OperationName =~ "${event.operationName}"`, tables).rows).toHaveLength(0);
    expect(runKql('AzureActivity | where Properties_d.message == "Delete device"', tables).rows).toHaveLength(1);
  });
});

describe.skipIf(!HAVE_VENDOR)(`every table ${NEEDS_VENDOR}`, () => {
  test.each([
    ['AWSCloudTrail', CLOUDTRAIL, CONSOLE_LOGIN],
    ['AWSCloudTrail', CLOUDTRAIL, SG_INGRESS],
    ['SigninLogs', SIGNIN, { ResultType: 0, DeviceDetail: { trustType: 'Azure AD joined' }, IsRisky: false, DurationMs: '12' }],
    ['AuditLogs', AUDIT, { OperationName: 'Add user', ActivityDateTime: '2024-05-01T00:00:00Z', DurationMs: 3 }],
    ['AzureActivity', ACTIVITY, { operationName: 'x', EventSubmissionTimestamp: '2024-05-01T00:00:00Z' }],
  ] as const)('a %s row has every documented column, each value of its documented type', (table, source, event) => {
    const { row } = only(sentinelCloudRecords(event, source));
    const documented = pageColumns(table);
    expect(Object.keys(row).sort()).toStrictEqual([...documented.keys()].sort());
    const types = kqlTableColumns(table)!;
    for (const [column, value] of Object.entries(row)) {
      expect(types[column], column).toBe(documented.get(column));
      expect(typeFits(types[column]!, value), `${column} = ${String(value)}`).toBe(true);
    }
  });

  test('typed columns: long, bool and datetime from the raw text', () => {
    expectLanding(only(sentinelCloudRecords({ DurationMs: '12', IsRisky: 'False', CreatedDateTime: '2024-05-01T00:00:00Z' }, SIGNIN)).row, {
      DurationMs: 12,
      IsRisky: false,
      CreatedDateTime: new Date('2024-05-01T00:00:00Z'),
    });
  });

  test.each([
    [{ product: 'windows', service: 'security' }],
    [{ product: 'azure', service: 'pim' }],
    [{ product: 'azure' }],
    [{ product: 'aws', service: 'guardduty' }],
    // gcp.audit has its own table (GCPAuditLogs: records-sentinel-gcp.test.ts); Google Workspace has none here.
    [{ product: 'gcp', service: 'google_workspace.admin' }],
    // m365/audit has its own table (OfficeActivity: records-sentinel-office.test.ts); the m365 alert services have none.
    [{ product: 'm365', service: 'threat_management' }],
    [{ product: 'm365' }],
    [{}],
  ] as const)('logsource %j gives no record', (source) => {
    expect(sentinelCloudRecords({ eventName: 'ConsoleLogin', ResultType: 0, operationName: 'x' }, source)).toStrictEqual([]);
    expect(sentinelCloudPlacements({ eventName: 'ConsoleLogin' }, source)).toStrictEqual([]);
  });

  test('every mapping row cites the page line of the column it fills, with the phrase it quotes', () => {
    const rows = [...AWS_CLOUDTRAIL_MAPPING, ...AWS_CLOUDTRAIL_CONSTANTS, ...AZURE_MAPPING.SigninLogs, ...AZURE_MAPPING.AuditLogs, ...AZURE_MAPPING.AzureActivity];
    expect(citationProblems(rows)).toStrictEqual([]);
    // The check is not vacuous: a row citing another column's line, or a phrase the line does not hold, is caught.
    const wrongLine: CloudPlacement = { from: 'eventName', columns: ['EventName'], cite: 'awscloudtrail-include.md:29 EventName: "The requested action"' };
    const wrongColumn: CloudPlacement = { from: 'operationName', columns: ['OperationName'], cite: 'azureactivity-include.md:35 OperationNameValue: "Identifier of the operation"' };
    const wrongPhrase: CloudPlacement = { from: 'eventSource', columns: ['EventSource'], cite: 'awscloudtrail-include.md:29 EventSource: "The requested action"' };
    expect(citationProblems([wrongLine])).not.toStrictEqual([]);
    expect(citationProblems([wrongColumn])).not.toStrictEqual([]);
    expect(citationProblems([wrongPhrase])).not.toStrictEqual([]);
  });

  test('placements cite the column\'s own page line for names mapped by rule', () => {
    const placed = sentinelCloudPlacements({ userAgent: 'x', ResultType: 1 }, SIGNIN);
    for (const p of placed) {
      const m = /^([\w-]+\.md):(\d+) (\w+)/.exec(p.cite)!;
      expect(page(m[1]!)[Number(m[2]) - 1]).toContain(`| ${p.columns[0]} |`);
    }
  });
});
