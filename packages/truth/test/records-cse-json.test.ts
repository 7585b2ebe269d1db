import { describe, expect, test } from 'vitest';
import {
  CSE_JSON_PRODUCTS,
  catalogMappings,
  cseRecords,
  cseWhyNot,
  flatEvent,
  inputMappings,
  jsonFields,
  nestKeys,
  selectMapping,
} from '../src/records/index.js';
import type { CseRecord, EventSource, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR } from './records-fixtures.js';

function only(records: readonly CseRecord[]): CseRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** Cloud SIEM records of JSON-collected products: mapping chosen by the product's event id, applied as written. */
describe('Cloud SIEM JSON products', () => {
  test.skipIf(!HAVE_VENDOR).each<[string, EventSource, RawEvent, string, string, Record<string, unknown>]>([
    [
      'CloudTrail AwsApiCall-ExecuteCommand -> the ECS mapping',
      { product: 'aws', service: 'cloudtrail' },
      { eventType: 'AwsApiCall', eventName: 'ExecuteCommand', eventSource: 'ecs.amazonaws.com', requestParameters: { command: '/bin/sh', container: 'web' }, sourceIPAddress: '203.0.113.5' },
      'AwsApiCall-ExecuteCommand',
      '10cc2415-7909-4610-a417-7e755696a0a5',
      { metadata_vendor: 'Amazon AWS', metadata_product: 'CloudTrail', commandLine: '/bin/sh', device_container_name: 'web', cloud_service: 'ECS', srcDevice_ip: '203.0.113.5', action: 'ExecuteCommand' },
    ],
    [
      'CloudTrail AwsConsoleSignIn-ConsoleLogin -> the sign-in mapping',
      { product: 'aws', service: 'cloudtrail' },
      { eventType: 'AwsConsoleSignIn', eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com' },
      'AwsConsoleSignIn-ConsoleLogin',
      '47b7d4bc-c062-460e-b39a-e28d171523e9',
      { metadata_product: 'CloudTrail', cloud_service: 'SignIn', action: 'ConsoleLogin' },
    ],
    [
      'CloudTrail without eventType -> the default mapping (2c6a02e4)',
      { product: 'aws', service: 'cloudtrail' },
      { eventName: 'UpdateGuardrail', eventSource: 'bedrock.amazonaws.com' },
      '-UpdateGuardrail',
      '2c6a02e4-89b0-4d30-b03d-45756f074266',
      { action: 'UpdateGuardrail', application: 'bedrock.amazonaws.com', cloud_provider: 'AWS' },
    ],
    [
      'Okta eventType -> catch-all when no specific pattern names it',
      { product: 'okta', service: 'okta' },
      { eventType: 'user.mfa.factor.deactivate', displayMessage: 'Reset factor' },
      'user.mfa.factor.deactivate',
      '286d0aab-0efe-4f8f-922b-1151cc661c9b',
      { metadata_vendor: 'Okta', metadata_product: 'Single Sign-On', description: 'Reset factor' },
    ],
    [
      'GitHub operation_type-action -> the create mapping',
      { product: 'github', service: 'audit' },
      { action: 'repo.create', operation_type: 'create', actor_ip: '198.51.100.7' },
      'create-repo.create',
      '172b6f9d',
      { metadata_vendor: 'Github', metadata_product: 'GitHub Enterprise Audit', srcDevice_ip: '198.51.100.7', normalizedAction: 'create' },
    ],
    [
      'Kubernetes audit -> under `message` (8136de4e)',
      { product: 'kubernetes', service: 'audit', category: 'application' },
      { verb: 'create', objectRef: { resource: 'pods', subresource: 'exec' } },
      'create',
      '8136de4e-b137-444a-8a31-6343962d235b',
      { action: 'create', resource: 'pods', changeType: 'exec' },
    ],
    [
      'Azure sign-in (Log Analytics names) -> Event Hub record, SignInLogs mapping',
      { product: 'azure', service: 'signinlogs' },
      { DeviceDetail: { isCompliant: 'false', displayName: 'LAPTOP1' }, AppDisplayName: 'Office', ResultType: '0', UserPrincipalName: 'Alice@contoso.com' },
      'SignInLogs',
      '2c7bf143-bd3e-4b3f-ac0c-19ba568922fc',
      { application: 'Office', device_hostname: 'LAPTOP1', normalizedCause: '0', normalizedAction: 'logon', user_username: 'alice@contoso.com' },
    ],
    [
      'Azure audit: Category is the audit category, under properties',
      { product: 'azure', service: 'auditlogs' },
      { Category: 'RoleManagement', OperationName: 'Add member to role' },
      'AuditLogs',
      '22fd3764-dd3a-403f-833b-be8a1fa12df7',
      { action: 'Add member to role' },
    ],
    [
      'Azure activity log without category -> Administrative',
      { product: 'azure', service: 'activitylogs' },
      { operationName: 'MICROSOFT.KEYVAULT/VAULTS/WRITE' },
      'Administrative',
      '6d496433',
      { description: 'MICROSOFT.KEYVAULT/VAULTS/WRITE' },
    ],
    [
      'GCP audit (Elastic names) -> message.data LogEntry',
      { product: 'gcp', service: 'gcp.audit' },
      { gcp: { audit: { method_name: 'v1.compute.firewalls.delete' } } },
      'activity-v1.compute.firewalls.delete',
      '8ed8eed7-42ac-4bf0-80ba-382ee72be068',
      { action: 'v1.compute.firewalls.delete', cloud_provider: 'GCP' },
    ],
    [
      'Google Workspace admin event -> the admin mapping',
      { product: 'gcp', service: 'google_workspace.admin' },
      { eventService: 'admin.googleapis.com', eventName: 'REMOVE_PRIVILEGE' },
      'admin.REMOVE_PRIVILEGE',
      'ec2dad63',
      { action: 'REMOVE_PRIVILEGE', metadata_product: 'Google Workspace' },
    ],
    [
      'Zeek dns log -> the dns mapping, dotted keys flat',
      { product: 'zeek', service: 'dns' },
      { query: 'x.example.org', 'id.orig_h': '10.0.0.5', 'id.resp_h': '10.0.0.1' },
      'dns',
      '',
      { metadata_vendor: 'Bro', dns_query: 'x.example.org', srcDevice_ip: '10.0.0.5', dstDevice_ip: '10.0.0.1' },
    ],
  ])(`%s ${NEEDS_VENDOR}`, (_name, source, event, id, uid, expected) => {
    const r = only(cseRecords(event, source));
    expect(r['metadata_deviceEventId']).toBe(id);
    expect(String(r['metadata_mapperUid'])).toMatch(new RegExp(`^${uid}`));
    expect(r).toMatchObject(expected);
    expect(cseWhyNot(event, source)).toBeUndefined();
  });

  test.skipIf(!HAVE_VENDOR)(`the record keeps the vendor layout in \`fields\`: Azure columns under properties, k8s under message ${NEEDS_VENDOR}`, () => {
    const az = only(cseRecords({ DeviceDetail: { isCompliant: 'false' } }, { product: 'azure', service: 'signinlogs' }));
    expect(az.fields['properties.deviceDetail.isCompliant']).toBe('false');
    expect(az.fields['DeviceDetail.isCompliant']).toBeUndefined();
    const k8s = only(cseRecords({ verb: 'get', 'objectRef.resource': 'secrets' }, { product: 'kubernetes', service: 'audit' }));
    expect(k8s.fields).toEqual({ 'message.verb': 'get', 'message.objectRef.resource': 'secrets' });
  });

  test.skipIf(!HAVE_VENDOR)(`Zeek logs with no Zeek mapping (dce_rpc) -> no record, and why ${NEEDS_VENDOR}`, () => {
    const src = { product: 'zeek', service: 'dce_rpc' };
    expect(cseRecords({ operation: 'RpcAddPrinterDriverEx' }, src)).toEqual([]);
    expect(cseWhyNot({ operation: 'x' }, src)).toMatch(/no Zeek Zeek \(JSON\) mapping matches the event id 'dce_rpc'/);
  });

  test.skipIf(!HAVE_VENDOR)(`m365 audit: the Management Activity record as is, mapped by its RecordType, else by the Office 365 _default_ ${NEEDS_VENDOR}`, () => {
    const src = { product: 'm365', service: 'audit' };
    const login = only(cseRecords({ RecordType: 15, Operation: 'UserLoggedIn', ResultStatus: 'Success', UserId: 'alice@contoso.com' }, src));
    expect(login).toMatchObject({ metadata_vendor: 'Microsoft', metadata_product: 'Office 365', metadata_deviceEventId: '15' });
    expect(String(login['metadata_mapperUid'])).toMatch(/^20871df8/);
    expect(login.fields).toMatchObject({ Operation: 'UserLoggedIn', ResultStatus: 'Success' });
    // Sigma's m365 audit events rarely carry RecordType: the Input's _default_ mapping (action <- Operation).
    const rule = only(cseRecords({ Operation: 'New-InboxRule', Parameters: 'DeleteMessage' }, src));
    expect(String(rule['metadata_mapperUid'])).toMatch(/^68fb47a0/);
    expect(rule).toMatchObject({ metadata_vendor: 'Microsoft', metadata_product: 'Office 365', action: 'New-InboxRule' });
    expect(rule.fields['Parameters']).toBe('DeleteMessage');
    expect(cseWhyNot({ Operation: 'x' }, src)).toBeUndefined();
  });

  test('m365 alerts: the Office 365 mappings select on keys Sigma events do not carry (whyNot)', () => {
    const src = { product: 'm365', service: 'threat_management' };
    expect(cseRecords({ eventSource: 'SecurityComplianceCenter' }, src)).toEqual([]);
    expect(cseWhyNot({ eventSource: 'x' }, src)).toMatch(/RecordType/);
  });

  test.skipIf(!HAVE_VENDOR)(`every product row names a catalog Input that exists, and each evidence uid is one of its mappings ${NEEDS_VENDOR}`, () => {
    for (const p of CSE_JSON_PRODUCTS) {
      const list = inputMappings(p.vendor, p.product, p.logFormat);
      expect(list.length, p.id).toBeGreaterThan(0);
      for (const e of p.evidence) {
        const uid = /^([0-9a-f]{8})\b/.exec(e)?.[1];
        if (uid) expect(list.map((m) => m.uid.slice(0, 8)), `${p.id}: ${e}`).toContain(uid);
      }
    }
  });

  test.skipIf(!HAVE_VENDOR)(`selectMapping: a specific pattern wins over _default_; none and no default -> undefined ${NEEDS_VENDOR}`, () => {
    const ct = inputMappings('AWS', 'CloudTrail', 'JSON');
    expect(selectMapping(ct, 'AwsApiCall-GetFunction')?.uid).toMatch(/^71cd9b06/);
    expect(selectMapping(ct, 'AwsApiCall-Nothing')?.eventIdPattern).toBe('_default_');
    expect(selectMapping(inputMappings('Zeek', 'Zeek', 'JSON'), 'kerberos')).toBeUndefined();
    expect(catalogMappings().length).toBeGreaterThan(1500);
  });

  test('nestKeys / flatEvent / jsonFields are inverse layouts; arrays keyed from 1', () => {
    const flat = { 'a.b': 1, 'a.c': 'x', d: 'y' };
    expect(nestKeys(flat)).toEqual({ a: { b: 1, c: 'x' }, d: 'y' });
    expect(flatEvent(nestKeys(flat))).toEqual(flat);
    expect(nestKeys({ a: 'scalar', 'a.b': 1 })).toEqual({ a: 'scalar', 'a.b': 1 });
    expect(jsonFields({ t: [{ n: 'first' }, { n: 'second' }] })).toMatchObject({ 't.1.n': 'first', 't.2.n': 'second' });
  });
});

describe.skipIf(!HAVE_VENDOR)(`Zeek dns.log answers: a vector, an array in the record (main.zeek:71, :422-424) ${NEEDS_VENDOR}`, () => {
  const ZEEK = { product: 'zeek', service: 'dns' };
  test('a scalar is one answer: the array under `answers` as JSON text, its element at answers.1, dns_reply the whole', () => {
    const r = only(cseRecords({ query: 'pool.example', answers: '127.0.0.1' }, ZEEK));
    expect(r.fields['answers']).toBe('["127.0.0.1"]');
    expect(r.fields['answers.1']).toBe('127.0.0.1');
    expect(r['dns_reply']).toBe('["127.0.0.1"]');
  });
  test('a list is the answers in order; numbers as text (vector of string); JSON escapes the backslash of \\x00', () => {
    const r = only(cseRecords({ answers: ['1.2.3.4', 5, 'a\\x00'] }, ZEEK));
    expect(r.fields['answers']).toBe('["1.2.3.4","5","a\\\\x00"]');
    expect(r.fields).toMatchObject({ 'answers.1': '1.2.3.4', 'answers.2': '5', 'answers.3': 'a\\x00' });
  });
  test('no answers, or null: the key is not written (an unset &optional field)', () => {
    for (const e of [{ query: 'x.example' }, { query: 'x.example', answers: null }]) {
      const r = only(cseRecords(e, ZEEK));
      expect(r.fields['answers']).toBeUndefined();
      expect(r['dns_reply']).toBeUndefined();
    }
  });
  test('generic dns: answer is Zeek\'s answers, the same list', () => {
    const r = only(cseRecords({ query: 'x.example', record_type: 'TXT', answer: 'TXT 3 IEX' }, { category: 'dns' }));
    expect(r.fields).toMatchObject({ _path: 'dns', qtype_name: 'TXT', answers: '["TXT 3 IEX"]', 'answers.1': 'TXT 3 IEX' });
    expect(r.fields['answer']).toBeUndefined();
  });
  test('other Zeek logs keep their values as the event gives them', () => {
    const r = only(cseRecords({ host: 'a.example', answers: 'x' }, { product: 'zeek', service: 'http' }));
    expect(r.fields['answers']).toBe('x');
  });
});

describe.skipIf(!HAVE_VENDOR)(`Google Workspace application from eventService ${NEEDS_VENDOR}`, () => {
  test('only a Google API host names the application', () => {
    const src = { product: 'gcp', service: 'google_workspace.admin' };
    const ok = cseRecords({ eventService: 'admin.googleapis.com', eventName: 'X' }, src)[0]!;
    expect(ok.fields['id.applicationName']).toBe('admin');
    const other = cseRecords({ eventService: 'admin.googmeapis.com', eventName: 'X' }, src)[0]!;
    expect(other.fields['id.applicationName']).toBe('admin.googmeapis.com');
  });
});
