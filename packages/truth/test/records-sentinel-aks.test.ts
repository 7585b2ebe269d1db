import { describe, expect, test } from 'vitest';
import {
  AKS_AUDIT_COLUMNS, AKS_AUDIT_SAMPLE_QUERY, AKS_AUDIT_TABLE_LINES, AKS_MAPPING, AKS_UNFILLED, K8S_EVENT_FIELDS, K8S_LEVELS, K8S_OBJECT_REFERENCE_FIELDS, K8S_STAGES,
  k8sAuditEvent, k8sEventPath, kqlTableColumns, sentinelCloudPlacements, sentinelCloudRecords, sentinelCloudTable, type AksPlacement,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlValue, RawEvent } from '../src/types.js';
import { typeFits } from './records-fixtures.js';
import { filled, sentinelCloudRow, tableOf } from './sentinel-rows.js';

/**
 * AKSAudit, the table of Sigma's kubernetes/audit events. Its page and Kubernetes' audit Event type are transcribed
 * (sentinel-aks-pages.ts): each mapping row must cite its column's line with a phrase the description holds, and the
 * Event field's line with a phrase its comment holds; the rows are checked against values worked out by hand from a
 * realistic Event.
 */
const K8S: EventSource = { product: 'kubernetes', service: 'audit' };
const K8S_APP: EventSource = { category: 'application', product: 'kubernetes', service: 'audit' };
const TABLE = 'AKSAudit';
const columnAt = new Map(AKS_AUDIT_COLUMNS.map(([name, , line, description]) => [line, { name, description }]));
const fieldAt = new Map(K8S_EVENT_FIELDS.map(([json, , line, comment]) => [line, { json, comment }]));
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const row = (event: RawEvent, source: EventSource = K8S): Record<string, KqlValue> => sentinelCloudRow(event, source, TABLE);

const tables = (...rows: Record<string, KqlValue>[]) => tableOf(TABLE, rows);

function mappingProblems(rows: readonly AksPlacement[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const col = columnAt.get(r.line);
    if (col?.name !== r.column) problems.push(`${r.from}: aksaudit-include.md:${r.line} is not the row of ${r.column}`);
    else if (!norm(col.description).includes(norm(r.columnPhrase))) problems.push(`${r.from}: :${r.line} does not say "${r.columnPhrase}"`);
    const field = fieldAt.get(r.eventLine);
    if (field?.json !== r.from) problems.push(`${r.from}: types.go:${r.eventLine} is not the field ${r.from}`);
    else if (!norm(field.comment).includes(norm(r.eventPhrase))) problems.push(`${r.from}: types.go:${r.eventLine} does not say "${r.eventPhrase}"`);
  }
  return problems;
}

/** `kubectl exec` into a pod, at RequestResponse level (the shape of the Event type; values made up). */
const EXEC: RawEvent = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: '5b2d7f1e-4c38-4a8f-9d36-0d7e9e1c2a41',
  stage: 'ResponseStarted',
  requestURI: '/api/v1/namespaces/default/pods/web-7d4b9c6f5-x2k8q/exec?command=%2Fbin%2Fsh&container=web&stdin=true&stdout=true&tty=true',
  verb: 'create',
  user: { username: 'mallory@example.com', uid: '3f1a0c2e-0000-4000-8000-000000000001', groups: ['system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': ['JTI=abc'] } },
  sourceIPs: ['203.0.113.7'],
  userAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
  objectRef: { resource: 'pods', namespace: 'default', name: 'web-7d4b9c6f5-x2k8q', apiVersion: 'v1', subresource: 'exec' },
  responseStatus: { metadata: {}, code: 101 },
  requestReceivedTimestamp: '2024-12-07T09:15:02.123456Z',
  stageTimestamp: '2024-12-07T09:15:02.201784Z',
  annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "admins"' },
};

/** A forbidden `list secrets`: a non-Status error response carries the message (types.go:114). */
const FORBIDDEN: RawEvent = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: '0c1d2e3f-1111-4222-8333-444455556666',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/kube-system/secrets',
  verb: 'list',
  user: { username: 'system:anonymous', groups: ['system:unauthenticated'] },
  sourceIPs: ['198.51.100.23'],
  userAgent: 'curl/8.5.0',
  objectRef: { resource: 'secrets', namespace: 'kube-system', apiVersion: 'v1' },
  responseStatus: { metadata: {}, status: 'Failure', message: 'secrets is forbidden: User "system:anonymous" cannot list resource "secrets"', reason: 'Forbidden', details: { kind: 'secrets' }, code: 403 },
  requestReceivedTimestamp: '2024-12-07T09:20:00.000001Z',
  stageTimestamp: '2024-12-07T09:20:00.004512Z',
};

describe('AKSAudit: the transcribed page and Event type', () => {
  test('the columns are lines 13-36, and the table answers them', () => {
    expect(AKS_AUDIT_COLUMNS.map(([, , line]) => line)).toStrictEqual(Array.from({ length: 24 }, (_, i) => 13 + i));
    expect(kqlTableColumns(TABLE)).toStrictEqual(Object.fromEntries(AKS_AUDIT_COLUMNS.map(([n, t]) => [n, t])));
    expect(AKS_AUDIT_TABLE_LINES.find(([l]) => l === 14)![1]).toContain('Contains all Kubernetes API Server audit logs');
    expect(AKS_AUDIT_SAMPLE_QUERY.find(([l]) => l === 26)![1]).toContain('ResponseStatus.code != 401');
  });

  test('the Event fields lie in `type Event struct` (lines 72-142) in file order; ObjectReference in 286-306', () => {
    const lines = K8S_EVENT_FIELDS.map(([, , l]) => l);
    expect([...lines].sort((a, b) => a - b)).toStrictEqual(lines);
    for (const l of lines) expect(l > 72 && l < 142 + 1).toBe(true);
    for (const [, , l] of K8S_OBJECT_REFERENCE_FIELDS) expect(l > 286 && l < 306).toBe(true);
    // The values the page lists for Level and Stage are the Event's constants.
    expect(columnAt.get(17)!.description).toContain(K8S_LEVELS.slice(1).map(([v]) => v).join(', '));
    expect(columnAt.get(28)!.description).toContain(K8S_STAGES.map(([v]) => v).join(', '));
  });

  test('every mapping row cites its column\'s line and a phrase of it, and the field\'s line and a phrase of its comment', () => {
    expect(mappingProblems(AKS_MAPPING)).toStrictEqual([]);
    const mapped = AKS_MAPPING.map((r) => r.column);
    expect(new Set(mapped).size).toBe(mapped.length);
    // The rest: the constant Type, PodName and the workspace's columns.
    expect([...mapped, ...AKS_UNFILLED.map(([c]) => c)].sort()).toStrictEqual(AKS_AUDIT_COLUMNS.map(([n]) => n).sort());
    // Every Event field has a column but impersonatedUser.
    expect(K8S_EVENT_FIELDS.map(([f]) => f).filter((f) => !AKS_MAPPING.some((r) => r.from === f))).toStrictEqual(['impersonatedUser']);
  });

  test('planted mistakes are caught', () => {
    const good = AKS_MAPPING.find((r) => r.column === 'RequestUri')!;
    expect(mappingProblems([good])).toStrictEqual([]);
    for (const p of [
      { ...good, line: 35 },
      { ...good, columnPhrase: 'The user agent string' },
      { ...good, eventLine: 87 },
      // A wrong field with phrases true to both: the user agent into RequestUri.
      { ...good, from: 'userAgent' },
    ]) expect(mappingProblems([p]), JSON.stringify(p)).not.toStrictEqual([]);
  });
});

describe('AKSAudit records', () => {
  test('kubernetes/audit, with or without category application, is AKSAudit; other logsources are not', () => {
    expect(sentinelCloudTable(K8S)).toBe(TABLE);
    expect(sentinelCloudTable(K8S_APP)).toBe(TABLE);
    for (const s of [{ product: 'kubernetes' }, { product: 'kubernetes', service: 'kubelet' }, { category: 'process_creation', product: 'kubernetes', service: 'audit' }]) {
      expect(sentinelCloudTable(s), JSON.stringify(s)).toBeUndefined();
      expect(sentinelCloudRecords({ verb: 'create' }, s)).toStrictEqual([]);
    }
    expect(row({ verb: 'create' }, K8S_APP)).toStrictEqual(row({ verb: 'create' }, K8S));
  });

  test('an exec Event: each column from the field its description repeats, dynamic values as the Event has them', () => {
    expect(filled(row(EXEC))).toStrictEqual({
      Annotations: EXEC['annotations']!,
      AuditId: '5b2d7f1e-4c38-4a8f-9d36-0d7e9e1c2a41',
      Level: 'RequestResponse',
      ObjectRef: { resource: 'pods', namespace: 'default', name: 'web-7d4b9c6f5-x2k8q', apiVersion: 'v1', subresource: 'exec' },
      RequestReceivedTime: new Date('2024-12-07T09:15:02.123Z'),
      RequestUri: '/api/v1/namespaces/default/pods/web-7d4b9c6f5-x2k8q/exec?command=%2Fbin%2Fsh&container=web&stdin=true&stdout=true&tty=true',
      ResponseStatus: { metadata: {}, code: 101 },
      SourceIps: ['203.0.113.7'],
      Stage: 'ResponseStarted',
      StageReceivedTime: new Date('2024-12-07T09:15:02.201Z'),
      TimeGenerated: new Date('2024-12-07T09:15:02.201Z'),
      Type: 'AKSAudit',
      User: EXEC['user']!,
      UserAgent: 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
      Verb: 'create',
    });
  });

  test('Sigma\'s dotted names are the Event\'s paths; names that are no part of the Event land nowhere', () => {
    const event = {
      verb: 'create', 'objectRef.resource': 'pods', 'objectRef.apiGroup': 'apps', 'responseStatus.code': 403,
      // SigmaHQ's top-level names (kubernetes_audit_hostpath_mount, _privileged_pod_creation, _rbac_permisions_listing, _sidecar_injection).
      hostPath: '/etc', capabilities: 'SYS_ADMIN', apiGroup: 'authorization.k8s.io',
      // A case variant, keys the structs do not define, a path under a string field, the Event's own keys without a column.
      RequestURI: '/api', 'objectRef.kind': 'Pod', 'user.name': 'x', 'verb.x': 'y', impersonatedUser: { username: 'system:admin' }, kind: 'Event',
    };
    expect(k8sAuditEvent(event)).toStrictEqual({
      verb: 'create', objectRef: { resource: 'pods', apiGroup: 'apps' }, responseStatus: { code: 403 }, impersonatedUser: { username: 'system:admin' }, kind: 'Event',
    });
    expect(filled(row(event))).toStrictEqual({ Verb: 'create', ObjectRef: { resource: 'pods', apiGroup: 'apps' }, ResponseStatus: { code: 403 }, Type: 'AKSAudit' });
    const placed = new Map(sentinelCloudPlacements(event, K8S).map((p) => [p.key, p]));
    for (const k of ['hostPath', 'capabilities', 'apiGroup', 'RequestURI', 'objectRef.kind', 'user.name', 'verb.x', 'impersonatedUser.username', 'kind']) expect(placed.get(k)!.columns, k).toStrictEqual([]);
    expect(placed.get('objectRef.apiGroup')).toMatchObject({ columns: ['ObjectRef'], tail: 'apiGroup' });
    expect(placed.get('objectRef.apiGroup')!.cite).toContain('aksaudit-include.md:18 ObjectRef');
    expect(placed.get('verb')).toMatchObject({ columns: ['Verb'], tail: '' });
    expect(sentinelCloudPlacements({ stageTimestamp: '2024-01-01T00:00:00Z' }, K8S)[0]!.columns).toStrictEqual(['StageReceivedTime', 'TimeGenerated']);
    expect(k8sEventPath('responseStatus.details.causes')).toMatchObject({ field: 'responseStatus' });
    expect(k8sEventPath('requestObject.spec.containers')).toMatchObject({ field: 'requestObject' });
  });

  test('map keys keep their dots; JSON objects nest; a struct given as a scalar is no struct', () => {
    const event = {
      'annotations.authorization.k8s.io/decision': 'forbid', 'user.extra.authentication.kubernetes.io/pod-name': ['api-0'], 'user.username': 'system:serviceaccount:default:ci',
      'requestObject.spec.containers': [{ name: 'x', securityContext: { privileged: true } }], 'requestObject.kind': 'Pod', 'responseStatus.details.kind': 'pods', objectRef: 'pods',
    };
    expect(k8sAuditEvent(event)).toStrictEqual({
      annotations: { 'authorization.k8s.io/decision': 'forbid' },
      user: { extra: { 'authentication.kubernetes.io/pod-name': ['api-0'] }, username: 'system:serviceaccount:default:ci' },
      requestObject: { spec: { containers: [{ name: 'x', securityContext: { privileged: true } }] }, kind: 'Pod' },
      responseStatus: { details: { kind: 'pods' } },
    });
    const placed = new Map(sentinelCloudPlacements(event, K8S).map((p) => [p.key, p.columns]));
    expect(placed.get('annotations.authorization.k8s.io/decision')).toStrictEqual(['Annotations']);
    expect(placed.get('requestObject.spec.containers')).toStrictEqual(['RequestObject']);
    expect(placed.get('objectRef')).toStrictEqual([]);
    expect(filled(row(event))['ObjectRef']).toBeUndefined();
  });

  test('value types stay the Event\'s: a number stays a number, a string a string; a single source IP is the list', () => {
    expect(row({ 'responseStatus.code': 401 })['ResponseStatus']).toStrictEqual({ code: 401 });
    // SigmaHQ's kubernetes_audit_potential_enumeration_activity tests the string 'ALLOW', which no Event holds (code is int32): kept as given.
    expect(row({ 'responseStatus.code': 'ALLOW' })['ResponseStatus']).toStrictEqual({ code: 'ALLOW' });
    expect(row({ sourceIPs: '203.0.113.7', 'user.groups': 'system:masters' })).toMatchObject({ SourceIps: ['203.0.113.7'], User: { groups: ['system:masters'] } });
    expect(row({ verb: 7, requestReceivedTimestamp: 'not a time' })).toMatchObject({ Verb: '7', RequestReceivedTime: null });
  });

  test('a row has every documented column, each value of its type', () => {
    for (const event of [EXEC, FORBIDDEN, { hostPath: 'x' }, {}]) {
      const r = row(event);
      expect(Object.keys(r).sort()).toStrictEqual(AKS_AUDIT_COLUMNS.map(([n]) => n).sort());
      for (const [name, type] of AKS_AUDIT_COLUMNS) expect(typeFits(type, r[name]!), `${name} = ${String(r[name])}`).toBe(true);
    }
  });

  test('queries over the rows, Microsoft\'s sample query first', () => {
    const t = tables(row(EXEC), row(FORBIDDEN));
    const sample = AKS_AUDIT_SAMPLE_QUERY.map(([, q]) => q.replace(/\s*\/\/.*$/, '')).join('\n');
    // The 403 row counts (only 401 is excluded); _ResourceId is the workspace's, empty here.
    expect(runKql(sample, t).rows.map((r) => [r['SourceIp'], r['Count']])).toStrictEqual([['203.0.113.7', 1], ['198.51.100.23', 1]]);
    expect(runKql('AKSAudit | where ResponseStatus.code != 101', t).rows).toHaveLength(1);
    expect(runKql('AKSAudit | where Verb == "create" and ObjectRef.resource == "pods" and ObjectRef.subresource == "exec"', t).rows).toHaveLength(1);
    expect(runKql('AKSAudit | where ResponseStatus.code in (401, 403)', t).rows).toHaveLength(1);
    expect(runKql('AKSAudit | where tostring(ResponseStatus.message) contains "forbidden" and tostring(User.username) == "system:anonymous"', t).rows).toHaveLength(1);
    expect(runKql('AKSAudit | where RequestUri contains "%2Fbin%2Fsh"', t).rows).toHaveLength(1);
    // A planted mistake: the object reference as JSON text instead of the object.
    const planted = { ...row(EXEC), ObjectRef: JSON.stringify(EXEC['objectRef']) };
    expect(runKql('AKSAudit | where ObjectRef.resource == "pods"', tables(planted)).rows).toHaveLength(0);
  });
});
