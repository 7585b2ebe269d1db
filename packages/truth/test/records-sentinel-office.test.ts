import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  OFFICE_MAPPING, OFFICE_RECORD_TYPES, OFFICE_SCHEMA_FIELDS, OFFICE_USER_TYPES, TABLE_PAGES, kqlTableColumns, sentinelCloudPlacements,
  sentinelCloudTable, vendorDir, type OfficePlacement,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlValue, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR, typeFits } from './records-fixtures.js';
import { filled, sentinelCloudRow, tableOf } from './sentinel-rows.js';

/**
 * OfficeActivity, the table of Sigma's m365/audit events. The table page is read from the vendor snapshot (by a plain
 * regex here, not the builder's reader); the Management Activity API schema is transcribed (sentinel-office-pages.ts).
 * Each mapping row must cite its column's page line and its property's schema line, with a phrase both descriptions
 * hold.
 */
const M365: EventSource = { product: 'm365', service: 'audit' };
const TABLE = 'OfficeActivity';
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const pageLines = (): string[] => readFileSync(join(vendorDir(), TABLE_PAGES[TABLE]!), 'utf8').split(/\r?\n/);

/** Column -> [type, description, line] of the page, by its own regex. */
function pageColumns(): Map<string, [string, string, number]> {
  const out = new Map<string, [string, string, number]>();
  pageLines().forEach((l, i) => {
    const m = /^\| (\w+) \| (\w+) \| (.*) \|$/.exec(l);
    if (m && m[1] !== 'Column') out.set(m[1]!, [m[2]!, m[3]!, i + 1]);
  });
  return out;
}

const row = (event: RawEvent): Record<string, KqlValue> => sentinelCloudRow(event, M365, TABLE);

const tables = (...rows: Record<string, KqlValue>[]) => tableOf(TABLE, rows);

function mappingProblems(rows: readonly OfficePlacement[]): string[] {
  const lines = pageLines();
  const problems: string[] = [];
  for (const r of rows) {
    const line = lines[r.line - 1] ?? '';
    if (!line.startsWith(`| ${r.column} |`)) problems.push(`${r.from}: officeactivity-include.md:${r.line} is not the row of ${r.column}`);
    if (!norm(line).includes(norm(r.phrase))) problems.push(`${r.from}: :${r.line} does not say "${r.phrase}"`);
    const field = OFFICE_SCHEMA_FIELDS.find(([, , l]) => l === r.schemaLine);
    if (!field) problems.push(`${r.from}: schema line ${r.schemaLine} not transcribed`);
    else {
      if (field[0] !== r.from) problems.push(`${r.from}: schema line ${r.schemaLine} is ${field[0]}`);
      if (!norm(field[4]).includes(norm(r.phrase))) problems.push(`${r.from}: the schema's description does not repeat "${r.phrase}"`);
    }
  }
  return problems;
}

/** An Exchange admin record of New-InboxRule (shape of the Common and Exchange Admin schemas; values made up). */
const NEW_INBOX_RULE: RawEvent = {
  CreationTime: '2024-05-01T10:00:00',
  Id: '2a7b1c3d-0000-4e5f-8a9b-112233445566',
  Operation: 'New-InboxRule',
  OrganizationId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
  RecordType: 1,
  ResultStatus: 'True',
  UserKey: '10033FFF8A1B2C3D',
  UserType: 2,
  Version: 1,
  Workload: 'Exchange',
  ClientIP: '203.0.113.7:50432',
  ObjectId: 'contoso.onmicrosoft.com/Users/mallory\\fwd-all',
  UserId: 'mallory@contoso.com',
  AppId: '00000002-0000-0ff1-ce00-000000000000',
  ExternalAccess: false,
  OrganizationName: 'contoso.onmicrosoft.com',
  OriginatingServer: 'AM0PR01MB1234 (15.20.7452.028)',
  Parameters: [
    { Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' },
    { Name: 'Name', Value: 'fwd-all' },
    { Name: 'ForwardTo', Value: 'exfil@example.net' },
    { Name: 'StopProcessingRules', Value: 'True' },
  ],
  SessionId: 'a1b2c3d4-0000-4000-8000-000000000001',
};

/** An Azure AD STS logon record (UserLoggedIn), as SigmaHQ's bypass-conditional-access rule reads it. */
const USER_LOGGED_IN: RawEvent = {
  CreationTime: '2024-05-02T08:30:12',
  Id: '7f3c0e2a-1111-4222-8333-444455556666',
  Operation: 'UserLoggedIn',
  OrganizationId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
  RecordType: 15,
  ResultStatus: 'Success',
  UserKey: '2f4e6a8c-aaaa-bbbb-cccc-0123456789ab',
  UserType: 0,
  Workload: 'AzureActiveDirectory',
  ClientIP: '198.51.100.20',
  ObjectId: '0000000a-0000-0000-c000-000000000000',
  UserId: 'alice@contoso.com',
  AzureActiveDirectoryEventType: 1,
  ExtendedProperties: [
    { Name: 'ResultStatusDetail', Value: 'Redirect' },
    { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' },
    { Name: 'RequestType', Value: 'Cmsi:Cmsi' },
  ],
  ModifiedProperties: [],
  Actor: [{ ID: '2f4e6a8c-aaaa-bbbb-cccc-0123456789ab', Type: 0 }, { ID: 'alice@contoso.com', Type: 5 }],
  ActorContextId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
  ActorIpAddress: '198.51.100.20',
  InterSystemsId: '9c1d2e3f-0000-4000-8000-00000000abcd',
  IntraSystemId: 'b1c2d3e4-0000-4000-8000-00000000ef01',
  SupportTicketId: '',
  Target: [{ ID: 'Unknown', Type: 0 }],
  TargetContextId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
  ApplicationId: '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223',
  DeviceProperties: [{ Name: 'OS', Value: 'Windows 10' }],
  ErrorNumber: '0',
};

describe('OfficeActivity: the page and the transcribed schema', () => {
  test.skipIf(!HAVE_VENDOR)(`the table's columns are the page's, read at run time ${NEEDS_VENDOR}`, () => {
    const cols = pageColumns();
    expect(cols.size).toBe(133);
    expect(kqlTableColumns(TABLE)).toStrictEqual(Object.fromEntries([...cols].map(([n, [t]]) => [n, t])));
  });

  test.skipIf(!HAVE_VENDOR)(`every mapping row cites its column's page line and its property's schema line, with a phrase both hold ${NEEDS_VENDOR}`, () => {
    expect(mappingProblems(OFFICE_MAPPING)).toStrictEqual([]);
    const mapped = OFFICE_MAPPING.map((r) => r.column);
    expect(new Set(mapped).size).toBe(mapped.length);
    // Each column the page documents is mapped, deliberately empty, the workspace's, or Type.
    const empty = ['AADGroupId', 'Activity', 'AppDistributionMode', 'AppId', 'AppPoolName', 'AzureADAppId', 'ChatThreadId', 'ClientAppId', 'CommunicationType', 'IsManagedDevice',
      'OfficeTenantId', 'OperationScope', 'ResultReasonType', 'SRPolicyId', 'SRPolicyName', 'SRRuleMatchDetails', 'TargetUserId', 'UserDomain'];
    const workspace = ['SourceSystem', 'TenantId', '_BilledSize', '_IsBillable', '_ResourceId', '_SubscriptionId', 'Type'];
    expect([...mapped, ...empty, ...workspace].sort()).toStrictEqual([...pageColumns().keys()].sort());
  });

  test.skipIf(!HAVE_VENDOR)(`planted mistakes are caught ${NEEDS_VENDOR}`, () => {
    const good = OFFICE_MAPPING.find((r) => r.column === 'OfficeWorkload')!;
    expect(mappingProblems([good])).toStrictEqual([]);
    for (const p of [
      { ...good, line: 97 },
      { ...good, column: 'Operation' },
      { ...good, phrase: 'The name of the operation' },
      // A wrong property with a phrase true to the page: the record's Operation into OfficeWorkload.
      { ...good, from: 'Operation' },
      { ...good, schemaLine: 78 },
    ]) expect(mappingProblems([p]), JSON.stringify(p)).not.toStrictEqual([]);
  });

  test('the transcribed enums and fields hold what the mapping relies on', () => {
    expect(OFFICE_RECORD_TYPES.find(([v]) => v === 1)?.[1]).toBe('ExchangeAdmin');
    expect(OFFICE_RECORD_TYPES.find(([v]) => v === 15)?.[1]).toBe('AzureActiveDirectoryStsLogon');
    expect(OFFICE_USER_TYPES.map(([, n]) => n)).toContain('DcAdmin');
    for (const table of [OFFICE_RECORD_TYPES, OFFICE_USER_TYPES]) {
      expect(new Set(table.map(([v]) => v)).size).toBe(table.length);
      // Lines ascend: one table of the page, in its order.
      expect(table.every(([, , l], i) => i === 0 || l > table[i - 1]![2])).toBe(true);
    }
    const lines = OFFICE_SCHEMA_FIELDS.map(([, , l]) => l);
    expect(new Set(lines).size).toBe(lines.length);
    // The descriptions the page copies, at the transcribed commit.
    expect(OFFICE_SCHEMA_FIELDS.find(([p]) => p === 'CreationTime')![4]).toContain('when the user performed the activity');
    expect(OFFICE_SCHEMA_FIELDS.find(([p]) => p === 'Workload')![4]).toBe('The Office 365 service where the activity occurred.');
  });

  test('m365/audit is OfficeActivity; the m365 alert services and m365 without a service have no table', () => {
    expect(sentinelCloudTable(M365)).toBe(TABLE);
    for (const service of ['threat_management', 'threat_detection', 'exchange', undefined]) {
      expect(sentinelCloudTable({ product: 'm365', ...(service ? { service } : {}) }), String(service)).toBeUndefined();
    }
  });
});

describe.skipIf(!HAVE_VENDOR)(`OfficeActivity records ${NEEDS_VENDOR}`, () => {
  test('an Exchange admin New-InboxRule record', () => {
    expect(filled(row(NEW_INBOX_RULE))).toStrictEqual({
      TimeGenerated: new Date('2024-05-01T10:00:00Z'),
      OfficeId: '2a7b1c3d-0000-4e5f-8a9b-112233445566',
      SourceRecordId: '2a7b1c3d-0000-4e5f-8a9b-112233445566',
      Operation: 'New-InboxRule',
      OrganizationId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
      RecordType: 'ExchangeAdmin',
      ResultStatus: 'True',
      UserKey: '10033FFF8A1B2C3D',
      UserType: 'Admin',
      OfficeWorkload: 'Exchange',
      ClientIP: '203.0.113.7:50432',
      OfficeObjectId: 'contoso.onmicrosoft.com/Users/mallory\\fwd-all',
      UserId: 'mallory@contoso.com',
      ExternalAccess: 'false',
      OrganizationName: 'contoso.onmicrosoft.com',
      OriginatingServer: 'AM0PR01MB1234 (15.20.7452.028)',
      Parameters: '[{"Name":"AlwaysDeleteOutlookRulesBlob","Value":"False"},{"Name":"Name","Value":"fwd-all"},{"Name":"ForwardTo","Value":"exfil@example.net"},{"Name":"StopProcessingRules","Value":"True"}]',
      Type: 'OfficeActivity',
    });
    // Version, AppId (a column no schema property is described as) and SessionId land nowhere.
    const placed = new Map(sentinelCloudPlacements(NEW_INBOX_RULE, M365).map((p) => [p.key, p.columns]));
    for (const k of ['Version', 'AppId', 'SessionId']) expect(placed.get(k), k).toStrictEqual([]);
    expect(placed.get('Id')).toStrictEqual(['OfficeId', 'SourceRecordId']);
    expect(placed.get('Workload')).toStrictEqual(['OfficeWorkload']);
  });

  test('an Azure AD UserLoggedIn record', () => {
    const r = row(USER_LOGGED_IN);
    expect(filled(r)).toStrictEqual({
      TimeGenerated: new Date('2024-05-02T08:30:12Z'),
      OfficeId: '7f3c0e2a-1111-4222-8333-444455556666',
      SourceRecordId: '7f3c0e2a-1111-4222-8333-444455556666',
      Operation: 'UserLoggedIn',
      OrganizationId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
      RecordType: 'AzureActiveDirectoryStsLogon',
      ResultStatus: 'Success',
      UserKey: '2f4e6a8c-aaaa-bbbb-cccc-0123456789ab',
      UserType: 'Regular',
      OfficeWorkload: 'AzureActiveDirectory',
      ClientIP: '198.51.100.20',
      OfficeObjectId: '0000000a-0000-0000-c000-000000000000',
      UserId: 'alice@contoso.com',
      // The AzureActiveDirectoryEventType table has member names but no values: the number stays.
      AzureActiveDirectory_EventType: '1',
      ExtendedProperties: '[{"Name":"ResultStatusDetail","Value":"Redirect"},{"Name":"UserAgent","Value":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"},{"Name":"RequestType","Value":"Cmsi:Cmsi"}]',
      ModifiedProperties: '[]',
      Actor: '[{"ID":"2f4e6a8c-aaaa-bbbb-cccc-0123456789ab","Type":0},{"ID":"alice@contoso.com","Type":5}]',
      ActorContextId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
      ActorIpAddress: '198.51.100.20',
      InterSystemsId: '9c1d2e3f-0000-4000-8000-00000000abcd',
      AADTarget: '[{"ID":"Unknown","Type":0}]',
      TargetContextId: '4b2462a4-bbee-495a-a0e1-f23ae524cc9c',
      ApplicationId: '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223',
      Type: 'OfficeActivity',
    });
    // The record's IntraSystemId is not the schema's spelling (IntraSystemsId): it names no property.
    expect(r['IntraSystemId']).toBe('');
    const placed = new Map(sentinelCloudPlacements({ ...USER_LOGGED_IN, IntraSystemsId: 'x', RequestType: 'Cmsi:Cmsi' }, M365).map((p) => [p.key, p.columns]));
    expect(placed.get('IntraSystemsId')).toStrictEqual(['IntraSystemId']);
    for (const k of ['RequestType', 'DeviceProperties', 'ErrorNumber', 'IntraSystemId']) expect(placed.get(k), k).toStrictEqual([]);
  });

  test('Sigma\'s spellings: nested or dotted, an element given as one object, numbers as text', () => {
    const dotted = row({ Operation: 'Set-Mailbox', 'Parameters.Name': 'ForwardingSmtpAddress', 'Parameters.Value': 'smtp:x@example.net', RecordType: '1', UserType: '3', ExternalAccess: 'True' });
    expect(filled(dotted)).toStrictEqual({
      Operation: 'Set-Mailbox',
      Parameters: '[{"Name":"ForwardingSmtpAddress","Value":"smtp:x@example.net"}]',
      RecordType: 'ExchangeAdmin',
      UserType: 'DcAdmin',
      ExternalAccess: 'True',
      Type: 'OfficeActivity',
    });
    // A name kept; a value the enum table lacks stays its text.
    expect(filled(row({ RecordType: 'SharePointFileOperation', UserType: 99 }))).toStrictEqual({ RecordType: 'SharePointFileOperation', UserType: '99', Type: 'OfficeActivity' });
    // OperationProperties is dynamic: the list itself.
    const upd = row({ Operation: 'UpdateInboxRules', OperationProperties: { Name: 'RuleActions', Value: '[{"ActionType":"Forward","Recipients":["x@example.net"]}]' } });
    expect(upd['OperationProperties']).toStrictEqual([{ Name: 'RuleActions', Value: '[{"ActionType":"Forward","Recipients":["x@example.net"]}]' }]);
    // Column names are not record names.
    expect(filled(row({ OfficeWorkload: 'Exchange', Workload: 'SharePoint' }))).toStrictEqual({ OfficeWorkload: 'SharePoint', Type: 'OfficeActivity' });
  });

  test('a row has every documented column, each value of its type', () => {
    const types = kqlTableColumns(TABLE)!;
    for (const event of [NEW_INBOX_RULE, USER_LOGGED_IN, { CreationTime: 'not a time', LoginStatus: '7', CrossMailboxOperations: 'true', InternalLogonType: 'x' }, { message: 'x' }]) {
      const r = row(event);
      expect(Object.keys(r).sort()).toStrictEqual(Object.keys(types).sort());
      for (const [name, type] of Object.entries(types)) expect(typeFits(type, r[name]!), `${name} = ${String(r[name])}`).toBe(true);
    }
    expect(filled(row({ LoginStatus: '7', CrossMailboxOperations: 'true', ElevationTime: '2024-05-01T10:00:00+02:00' }))).toStrictEqual({
      LoginStatus: 7, CrossMailboxOperations: true, ElevationTime: new Date('2024-05-01T08:00:00Z'), Type: 'OfficeActivity',
    });
  });

  test('queries over the rows', () => {
    const setMailbox = row({ Operation: 'Set-Mailbox', RecordType: 1, Workload: 'Exchange', Parameters: [{ Name: 'Identity', Value: 'bob' }, { Name: 'ForwardingSmtpAddress', Value: 'smtp:x@example.net' }] });
    const t = tables(row(NEW_INBOX_RULE), row(USER_LOGGED_IN), setMailbox);
    const count = (q: string): number => runKql(q, t).rows.length;
    expect(count('OfficeActivity | where Operation =~ "New-InboxRule" and Parameters contains "ForwardTo"')).toBe(1);
    expect(count('OfficeActivity | where Operation contains "Set-Mailbox" and (Parameters contains "ForwardingSmtpAddress" or Parameters contains "ForwardingAddress")')).toBe(1);
    expect(count('OfficeActivity | where RecordType =~ "ExchangeAdmin" and UserType in~ ("Admin", "DcAdmin")')).toBe(1);
    expect(count('OfficeActivity | where OfficeWorkload =~ "Exchange"')).toBe(2);
    // Parameters is JSON text: Microsoft's own rules parse it.
    expect(count('OfficeActivity | mv-expand p = todynamic(Parameters) | where tostring(p.Name) == "ForwardTo" and tostring(p.Value) endswith "@example.net"')).toBe(1);
    expect(count('OfficeActivity | where Operation == "UserLoggedIn" and ApplicationId == "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223" and ResultStatus == "Success"')).toBe(1);
    expect(count('OfficeActivity | where ExtendedProperties contains "Cmsi:Cmsi"')).toBe(1);
    expect(count('OfficeActivity | where OfficeObjectId == "0000000a-0000-0000-c000-000000000000"')).toBe(1);
    // A planted mistake: the workload in Operation.
    const nir = row(NEW_INBOX_RULE);
    const planted = { ...nir, Operation: nir['OfficeWorkload']!, OfficeWorkload: '' };
    expect(runKql('OfficeActivity | where Operation =~ "New-InboxRule" and Parameters contains "ForwardTo"', tables(planted)).rows).toHaveLength(0);
  });
});
