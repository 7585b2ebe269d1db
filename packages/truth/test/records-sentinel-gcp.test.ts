import { describe, expect, test } from 'vitest';
import {
  ELASTIC_GCP_AUDIT, GCP_AUDIT_LOGS_COLUMNS, GCP_AUDIT_LOGS_PHRASES, GCP_MAPPING, GOOGLE_FIELDS, gcpLogEntry, gcpLogEntryPath, kqlTableColumns,
  sentinelCloudPlacements, type GcpPlacement,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlValue, RawEvent } from '../src/types.js';
import { typeFits } from './records-fixtures.js';
import { filled, sentinelCloudRow, tableOf } from './sentinel-rows.js';

/**
 * GCPAuditLogs, the table of Sigma's gcp/gcp.audit events. Its page, Google's LogEntry/AuditLog descriptions and
 * Elastic's gcp.audit names are transcribed (sentinel-gcp-pages.ts): citations are checked against the transcriptions,
 * and each mapping row's phrase must be in both the column's description and Google's description of the field, unless
 * the row names the assumption that stands in for that.
 */
const GCP: EventSource = { product: 'gcp', service: 'gcp.audit' };
const TABLE = 'GCPAuditLogs';
const columnAt = new Map(GCP_AUDIT_LOGS_COLUMNS.map(([name, , line]) => [line, name]));
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const row = (event: RawEvent): Record<string, KqlValue> => sentinelCloudRow(event, GCP, TABLE);

const tables = (...rows: Record<string, KqlValue>[]) => tableOf(TABLE, rows);

function mappingProblems(rows: readonly GcpPlacement[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    if (columnAt.get(r.line) !== r.column) problems.push(`${r.from}: gcpauditlogs-include.md:${r.line} is not the row of ${r.column}`);
    if (!norm(GCP_AUDIT_LOGS_PHRASES[r.line] ?? '').includes(norm(r.phrase))) problems.push(`${r.from}: :${r.line} does not say "${r.phrase}"`);
    const google = GOOGLE_FIELDS.find(([p]) => p === r.from);
    if (r.assumption) continue;
    if (!google) problems.push(`${r.from}: no Google description transcribed`);
    else if (!norm(google[2]).includes(norm(r.phrase))) problems.push(`${r.from}: Google's description does not repeat "${r.phrase}"`);
  }
  return problems;
}

/** A Cloud Audit Logs admin-activity LogEntry (shape of the LogEntry and AuditLog references; values made up). */
const SET_IAM_POLICY: RawEvent = {
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    status: {},
    authenticationInfo: { principalEmail: 'mallory@example.com' },
    requestMetadata: { callerIp: '203.0.113.9', callerSuppliedUserAgent: 'google-cloud-sdk gcloud/502.0.0' },
    serviceName: 'cloudresourcemanager.googleapis.com',
    methodName: 'SetIamPolicy',
    authorizationInfo: [{ resource: 'projects/example-prod', permission: 'resourcemanager.projects.setIamPolicy', granted: true, resourceAttributes: {} }],
    resourceName: 'projects/example-prod',
    serviceData: { '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData', policyDelta: { bindingDeltas: [{ action: 'ADD', role: 'roles/owner', member: 'user:mallory@example.com' }] } },
    request: { '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest', resource: 'example-prod' },
    response: { '@type': 'type.googleapis.com/google.iam.v1.Policy', etag: 'BwYk' },
  },
  insertId: '-q1w2e3e4r5t6',
  resource: { type: 'project', labels: { project_id: 'example-prod' } },
  timestamp: '2024-12-07T09:15:02.123456Z',
  severity: 'NOTICE',
  logName: 'projects/example-prod/logs/cloudaudit.googleapis.com%2Factivity',
  receiveTimestamp: '2024-12-07T09:15:03.004Z',
};

describe('GCPAuditLogs: the transcribed page and sources', () => {
  test('the columns are lines 13-41, and the table answers them', () => {
    expect(GCP_AUDIT_LOGS_COLUMNS.map(([, , line]) => line)).toStrictEqual(Array.from({ length: 29 }, (_, i) => 13 + i));
    expect(kqlTableColumns(TABLE)).toStrictEqual(Object.fromEntries(GCP_AUDIT_LOGS_COLUMNS.map(([n, t]) => [n, t])));
    for (const line of Object.keys(GCP_AUDIT_LOGS_PHRASES).map(Number)) expect(columnAt.has(line), String(line)).toBe(true);
  });

  test('every mapping row cites its column\'s line and a phrase Google\'s description repeats (or an assumption)', () => {
    expect(mappingProblems(GCP_MAPPING)).toStrictEqual([]);
    const mapped = GCP_MAPPING.map((r) => r.column);
    expect(new Set(mapped).size).toBe(mapped.length);
    // The rest: the table name, the workspace's columns and the connector's subscription.
    expect([...mapped, 'Type', '_BilledSize', '_IsBillable', 'SourceSystem', 'TenantId', 'Subscription'].sort()).toStrictEqual(GCP_AUDIT_LOGS_COLUMNS.map(([n]) => n).sort());
  });

  test('planted mistakes are caught', () => {
    const good = GCP_MAPPING.find((r) => r.column === 'MethodName')!;
    expect(mappingProblems([good])).toStrictEqual([]);
    for (const p of [
      { ...good, line: 32 },
      { ...good, phrase: 'The name of the API service performing the operation.' },
      // A wrong field with a phrase true to the page: the service name into MethodName.
      { ...good, from: 'protoPayload.serviceName' },
    ]) expect(mappingProblems([p]), JSON.stringify(p)).not.toStrictEqual([]);
  });

  test('Elastic\'s gcp.audit names, `data.` and LogEntry paths', () => {
    expect(gcpLogEntryPath('gcp.audit.method_name')!.path).toBe('protoPayload.methodName');
    expect(gcpLogEntryPath('gcp.audit.authentication_info.principal_email')!.path).toBe('protoPayload.authenticationInfo.principalEmail');
    expect(gcpLogEntryPath('gcp.audit.authorization_info.resource_attributes.name')!.path).toBe('protoPayload.authorizationInfo.resourceAttributes.name');
    expect(gcpLogEntryPath('gcp.audit.labels')).toBeUndefined();
    expect(gcpLogEntryPath('data.protoPayload.serviceName')!.path).toBe('protoPayload.serviceName');
    expect(gcpLogEntryPath('protoPayload.Servicename')!.path).toBe('protoPayload.Servicename');
    expect(new Set(ELASTIC_GCP_AUDIT.map(([e]) => e)).size).toBe(ELASTIC_GCP_AUDIT.length);
  });
});

describe('GCPAuditLogs records', () => {
  test('a SetIamPolicy LogEntry: each column from the field its description repeats', () => {
    const p = SET_IAM_POLICY['protoPayload'] as Record<string, KqlValue>;
    expect(filled(row(SET_IAM_POLICY))).toStrictEqual({
      AuthenticationInfo: { principalEmail: 'mallory@example.com' },
      AuthorizationInfo: p['authorizationInfo']!,
      GCPResourceName: 'projects/example-prod',
      GCPResourceType: 'project',
      InsertId: '-q1w2e3e4r5t6',
      LogName: 'projects/example-prod/logs/cloudaudit.googleapis.com%2Factivity',
      MethodName: 'SetIamPolicy',
      PrincipalEmail: 'mallory@example.com',
      ProjectId: 'example-prod',
      Request: p['request']!,
      RequestMetadata: p['requestMetadata']!,
      Response: p['response']!,
      ServiceData: p['serviceData']!,
      ServiceName: 'cloudresourcemanager.googleapis.com',
      Severity: 'NOTICE',
      Status: {},
      TimeGenerated: new Date('2024-12-07T09:15:03.004Z'),
      Timestamp: new Date('2024-12-07T09:15:02.123Z'),
      Type: 'GCPAuditLogs',
    });
  });

  test('the three spellings of Sigma\'s rules land in the same columns', () => {
    const elastic = row({ 'gcp.audit.method_name': 'storage.buckets.delete', 'gcp.audit.service_name': 'storage.googleapis.com', 'gcp.audit.status.message': 'PERMISSION_DENIED', 'gcp.audit.num_response_items': 3 });
    const entry = row({ 'protoPayload.methodName': 'storage.buckets.delete', 'protoPayload.serviceName': 'storage.googleapis.com', 'protoPayload.status.message': 'PERMISSION_DENIED', 'protoPayload.numResponseItems': '3' });
    const data = row({ 'data.protoPayload.methodName': 'storage.buckets.delete', 'data.protoPayload.serviceName': 'storage.googleapis.com', 'data.protoPayload.status.message': 'PERMISSION_DENIED', 'data.protoPayload.numResponseItems': 3 });
    const expected = { MethodName: 'storage.buckets.delete', ServiceName: 'storage.googleapis.com', Status: { message: 'PERMISSION_DENIED' }, StatusMessage: 'PERMISSION_DENIED', NumResponseItems: '3', Type: 'GCPAuditLogs' };
    for (const r of [elastic, entry, data]) expect(filled(r)).toStrictEqual(expected);
  });

  test('authorizationInfo given as one object is the one-element list, granted a boolean; misplaced and misspelt names land nowhere', () => {
    const event = {
      'data.protoPayload.authorizationInfo.permission': 'accesscontextmanager.accessPolicies.delete', 'data.protoPayload.authorizationInfo.granted': 'true',
      'data.protoPayload.serviceName': 'accesscontextmanager.googleapis.com', 'data.protoPayload.logName': 'cloudaudit.googleapis.com%2Factivity',
      'data.protoPayload.resource.type': 'k8s_cluster', 'protoPayload.Servicename': 'login.googleapis.com', 'gcp.audit.labels.x': 'y',
    };
    expect(gcpLogEntry(event)).toMatchObject({ protoPayload: { authorizationInfo: [{ permission: 'accesscontextmanager.accessPolicies.delete', granted: true }] } });
    expect(filled(row(event))).toStrictEqual({
      AuthorizationInfo: [{ permission: 'accesscontextmanager.accessPolicies.delete', granted: true }], ServiceName: 'accesscontextmanager.googleapis.com', Type: 'GCPAuditLogs',
    });
    const placed = new Map(sentinelCloudPlacements(event, GCP).map((p) => [p.key, p.columns]));
    for (const k of ['data.protoPayload.logName', 'data.protoPayload.resource.type', 'protoPayload.Servicename', 'gcp.audit.labels.x']) expect(placed.get(k), k).toStrictEqual([]);
    expect(placed.get('data.protoPayload.authorizationInfo.permission')).toStrictEqual(['AuthorizationInfo']);
    expect(sentinelCloudPlacements({ 'gcp.audit.authentication_info.principal_email': 'a@b' }, GCP)[0]!.columns).toStrictEqual(['AuthenticationInfo', 'PrincipalEmail']);
  });

  test('a row has every documented column, each value of its type', () => {
    for (const event of [SET_IAM_POLICY, { timestamp: 'not a time', 'protoPayload.numResponseItems': 7 }, { message: 'x' }]) {
      const r = row(event);
      expect(Object.keys(r).sort()).toStrictEqual(GCP_AUDIT_LOGS_COLUMNS.map(([n]) => n).sort());
      for (const [name, type] of GCP_AUDIT_LOGS_COLUMNS) expect(typeFits(type, r[name]!), `${name} = ${String(r[name])}`).toBe(true);
    }
  });

  test('queries over the rows', () => {
    const del = row({ 'gcp.audit.method_name': 'storage.buckets.delete', 'data.protoPayload.authorizationInfo.permission': 'storage.buckets.delete', 'data.protoPayload.authorizationInfo.granted': 'true' });
    const t = tables(row(SET_IAM_POLICY), del);
    expect(runKql('GCPAuditLogs | where MethodName endswith ".delete"', t).rows).toHaveLength(1);
    expect(runKql('GCPAuditLogs | where ServiceName == "cloudresourcemanager.googleapis.com" and PrincipalEmail == "mallory@example.com"', t).rows).toHaveLength(1);
    expect(runKql('GCPAuditLogs | mv-expand AuthorizationInfo | where tostring(AuthorizationInfo.permission) == "storage.buckets.delete" and tobool(AuthorizationInfo.granted) == true', t).rows).toHaveLength(1);
    expect(runKql('GCPAuditLogs | where tostring(ServiceData.policyDelta.bindingDeltas[0].role) == "roles/owner"', t).rows).toHaveLength(1);
    // A planted mistake: the method in ServiceName.
    const planted = { ...del, ServiceName: del['MethodName']!, MethodName: '' };
    expect(runKql('GCPAuditLogs | where MethodName endswith ".delete"', tables(planted)).rows).toHaveLength(0);
  });
});
