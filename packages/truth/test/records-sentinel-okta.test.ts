import { describe, expect, test } from 'vitest';
import {
  OKTA_EXTENDS, OKTA_LETS, OKTA_PROJECT, OKTA_STREAM_COLUMNS, OKTA_STREAM_TYPES, OKTA_TABLE_COLUMNS, OKTA_TRANSFORM, dcrType, kqlTableColumns, oktaLogEvent,
  runTransform, sentinelCloudPlacements, streamRow, tableColumnList,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlValue, RawEvent } from '../src/types.js';
import { typeFits } from './records-fixtures.js';
import { filled, sentinelCloudRow, tableOf } from './sentinel-rows.js';

/**
 * OktaV2_CL, the table of Sigma's okta events, written by the Okta SSO CCP connector's DCR. Its files are transcribed
 * (sentinel-okta-pages.ts), so the transcription is checked against itself (lines, names, types agreeing between the
 * stream, the transform and the table) and the rows against values worked out by hand from the transform's text.
 */
const OKTA: EventSource = { product: 'okta', service: 'okta' };
const TABLE = 'OktaV2_CL';

const row = (event: RawEvent): Record<string, KqlValue> => sentinelCloudRow(event, OKTA, TABLE);

const tables = (...rows: Record<string, KqlValue>[]) => tableOf(TABLE, rows);

/** A System Log LogEvent as Okta's API returns it (values made up, shape as the LogEvent object). */
const SESSION_START: RawEvent = {
  uuid: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
  published: '2024-08-13T15:58:20.353Z',
  eventType: 'user.session.start',
  version: '0',
  severity: 'INFO',
  legacyEventType: 'core.user_auth.login_success',
  displayMessage: 'User login to Okta',
  actor: { id: '00u8xst93qEWYx65k5d7', type: 'User', alternateId: 'alice@example.com', displayName: 'Alice Example', detailEntry: null },
  client: {
    userAgent: { rawUserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0', os: 'Windows 10', browser: 'FIREFOX' },
    zone: 'null',
    device: 'Computer',
    id: null,
    ipAddress: '198.51.100.23',
    geographicalContext: { city: 'Lyon', state: 'Auvergne-Rhone-Alpes', country: 'France', postalCode: '69001', geolocation: { lat: 45.7485, lon: 4.8467 } },
  },
  authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: '102nZ3Ypr8XQ6y3H1PhYq7RbQ' },
  outcome: { result: 'SUCCESS', reason: null },
  securityContext: { asNumber: 64496, asOrg: 'example transit', isp: 'example isp', domain: 'example.net', isProxy: true },
  debugContext: { debugData: { requestId: 'ZrqDbLnM3fMv4xPD5Q9H1AAAB0k', requestUri: '/api/v1/authn', url: '/api/v1/authn?', behaviors: '{New Geo-Location=NEGATIVE, New Device=POSITIVE}' } },
  transaction: { type: 'WEB', id: 'ZrqDbLnM3fMv4xPD5Q9H1AAAB0k', detail: {} },
  request: { ipChain: [{ ip: '198.51.100.23', version: 'V4', source: null }] },
  target: [
    { id: '0oa1gjh63g214q0Hq0g4', type: 'AppInstance', alternateId: 'Okta Admin Console', displayName: 'Okta Admin Console', detailEntry: null },
    { id: '00u8xst93qEWYx65k5d7', type: 'User', alternateId: 'alice@example.com', displayName: 'Alice Example', detailEntry: null },
  ],
};

describe('OktaV2_CL: the transcribed connector files', () => {
  test('the table: 57 columns, a "name" line every 6 from 18, and the table answers them', () => {
    expect(OKTA_TABLE_COLUMNS).toHaveLength(57);
    OKTA_TABLE_COLUMNS.forEach(([, , line], i) => expect(line).toBe(18 + 6 * i));
    expect(kqlTableColumns(TABLE)).toStrictEqual(Object.fromEntries(OKTA_TABLE_COLUMNS.map(([n, t]) => [n, dcrType(t)])));
    expect(tableColumnList(TABLE)!.find((c) => c.name === 'SecurityContextIsProxy')).toMatchObject({ type: 'bool', line: 18 + 6 * 38 });
    expect(tableColumnList(TABLE)!.every((c) => c.file.endsWith('OktaSSOv2_Tables.json'))).toBe(true);
  });

  test('the transform projects exactly the table\'s columns, each of the type the table declares', () => {
    expect(OKTA_PROJECT.map(([c]) => c).sort()).toStrictEqual(OKTA_TABLE_COLUMNS.map(([n]) => n).sort());
    const { types } = runTransform(OKTA_TRANSFORM, OKTA_STREAM_TYPES, streamRow(OKTA_STREAM_TYPES, SESSION_START));
    const table = kqlTableColumns(TABLE)!;
    for (const [column] of OKTA_PROJECT) expect(types[column], column).toBe(table[column]);
  });

  test('the transform reads only stream columns, the two extends and the four lookups', () => {
    const known = new Set([...OKTA_STREAM_COLUMNS.map(([n]) => n), ...OKTA_EXTENDS.map(([n]) => n), ...OKTA_LETS.map(([n]) => n)]);
    const functions = new Set(['tostring', 'toint', 'toreal', 'tobool', 'todatetime', 'iff', 'isempty', 'contains']);
    for (const [column, kql] of [...OKTA_PROJECT, ...OKTA_EXTENDS]) {
      for (const m of kql.replace(/"[^"]*"/g, '""').matchAll(/[A-Za-z_]\w*(?:\.\w+)*/g)) {
        const head = m[0].split('.')[0]!;
        expect(known.has(head) || functions.has(head), `${column}: ${m[0]}`).toBe(true);
      }
    }
    // The lookups are JSON objects of strings.
    for (const [, json] of OKTA_LETS) expect(Object.values(JSON.parse(json) as Record<string, unknown>).every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('OktaV2_CL records', () => {
  test('a user.session.start LogEvent: every column as the transform computes it', () => {
    expect(filled(row(SESSION_START))).toStrictEqual({
      TimeGenerated: new Date('2024-08-13T15:58:20.353Z'),
      ActorDisplayName: 'Alice Example',
      OriginalUserId: '00u8xst93qEWYx65k5d7',
      OriginalActorAlternateId: 'alice@example.com',
      // userId: actor.id unless "unknown"; username: alternateId when it contains "@".
      ActorUserId: '00u8xst93qEWYx65k5d7',
      ActorUserIdType: 'OktaId',
      ActorUsername: 'alice@example.com',
      ActorUsernameType: 'UPN',
      // OktaActorUserType["User"].
      ActorUserType: 'Regular',
      OriginalUserType: 'User',
      AuthenticationContextAuthenticationStep: 0,
      ActorSessionId: '102nZ3Ypr8XQ6y3H1PhYq7RbQ',
      OriginalClientDevice: 'Computer',
      SrcDeviceType: 'Computer',
      SrcGeoCity: 'Lyon',
      SrcGeoCountry: 'France',
      SrcGeoLatitude: 45.7485,
      SrcGeoLongtitude: 4.8467,
      SrcGeoPostalCode: '69001',
      SrcGeoRegion: 'Auvergne-Rhone-Alpes',
      SrcIpAddr: '198.51.100.23',
      ActingAppName: 'FIREFOX',
      ActingAppType: 'Browser',
      SrcDvcOs: 'Windows 10',
      HttpUserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0',
      SrcZone: 'null',
      DebugData: { requestId: 'ZrqDbLnM3fMv4xPD5Q9H1AAAB0k', requestUri: '/api/v1/authn', url: '/api/v1/authn?', behaviors: '{New Geo-Location=NEGATIVE, New Device=POSITIVE}' },
      EventMessage: 'User login to Okta',
      EventOriginalType: 'user.session.start',
      LegacyEventType: 'core.user_auth.login_success',
      EventOriginalUid: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
      // OktaASIMEventResult["SUCCESS"]; OktaDvcAction["SUCCESS"] is "".
      EventResult: 'Success',
      OriginalOutcomeResult: 'SUCCESS',
      Request: { ipChain: [{ ip: '198.51.100.23', version: 'V4', source: null }] },
      SecurityContextAsNumber: 64496,
      SecurityContextAsOrg: 'example transit',
      SecurityContextDomain: 'example.net',
      SrcIsp: 'example isp',
      SecurityContextIsProxy: true,
      // OktaASIMSev["INFO"].
      EventSeverity: 'Informational',
      OriginalSeverity: 'INFO',
      OriginalTarget: SESSION_START['target'] as KqlValue,
      Version: '0',
      TransactionType: 'WEB',
      TransactionId: 'ZrqDbLnM3fMv4xPD5Q9H1AAAB0k',
      TransactionDetail: {},
    });
  });

  test('the lookups and iffs: DENY, WARN, an unknown actor, a non-UPN alternateId, a client id', () => {
    const r = row({
      eventType: 'user.authentication.auth_via_mfa', severity: 'WARN', outcome: { result: 'DENY', reason: 'INVALID_CREDENTIALS' },
      actor: { id: 'unknown', type: 'SystemPrincipal', alternateId: 'system@okta.com' }, client: { id: '0oa5', device: 'Mobile' },
    });
    expect(r).toMatchObject({
      EventSeverity: 'Medium', EventResult: 'Failure', DvcAction: 'Deny', EventOriginalResultDetails: 'INVALID_CREDENTIALS',
      ActorUserId: '', ActorUserIdType: '', OriginalUserId: 'unknown', ActorUserType: 'System Principal', ActorUsername: 'system@okta.com',
      SrcDvcId: '0oa5', SrcDvcIdType: 'OktaId', SrcDeviceType: '', OriginalClientDevice: 'Mobile', SecurityContextIsProxy: null,
    });
    expect(row({ actor: { alternateId: 'svc_backup' }, outcome: { result: 'SKIPPED' }, severity: 'DEBUG' })).toMatchObject({
      ActorUsername: '', ActorUsernameType: '', OriginalActorAlternateId: 'svc_backup', DvcAction: 'Drop', EventResult: 'Failure', EventSeverity: 'Informational',
    });
    // A value no lookup has: "".
    expect(row({ outcome: { result: 'SOMETHING' }, severity: 'CRITICAL' })).toMatchObject({ EventResult: '', DvcAction: '', EventSeverity: '' });
  });

  test('Sigma\'s flat names give the same row as the nested LogEvent; a target object is the one element of the list', () => {
    const flat = {
      eventType: 'policy.evaluate_sign_on', 'target.displayName': 'Okta Admin Console', 'debugContext.debugData.behaviors': '{New Device=POSITIVE}',
      'securityContext.isProxy': 'true', 'actor.alternateId': 'bob@example.com',
    };
    const nested = {
      eventType: 'policy.evaluate_sign_on', target: [{ displayName: 'Okta Admin Console' }], debugContext: { debugData: { behaviors: '{New Device=POSITIVE}' } },
      securityContext: { isProxy: 'true' }, actor: { alternateId: 'bob@example.com' },
    };
    expect(oktaLogEvent(flat)).toStrictEqual(nested);
    expect(row(flat)).toStrictEqual(row(nested));
    expect(row(flat)).toMatchObject({
      OriginalTarget: [{ displayName: 'Okta Admin Console' }], DebugData: { behaviors: '{New Device=POSITIVE}' }, SecurityContextIsProxy: true, ActorUsername: 'bob@example.com',
    });
  });

  test('a row has every documented column, each value of its type; names outside the stream land nowhere', () => {
    for (const event of [SESSION_START, { eventType: 'x', published: 'not a date', 'securityContext.asNumber': 'n/a' }, { message: 'text', foo: 1 }]) {
      const r = row(event);
      expect(Object.keys(r).sort()).toStrictEqual(OKTA_TABLE_COLUMNS.map(([n]) => n).sort());
      for (const [name, type] of OKTA_TABLE_COLUMNS) expect(typeFits(dcrType(type), r[name]!), `${name} = ${String(r[name])}`).toBe(true);
    }
    expect(filled(row({ message: 'user.session.start', foo: 1 }))).toStrictEqual({ ActingAppType: 'Browser' });
    const placed = new Map(sentinelCloudPlacements({ foo: 1, 'actor.alternateId': 'a@b', 'debugContext.debugData.requestUri': '/x', 'actor.detail': 'x' }, OKTA).map((p) => [p.key, p]));
    expect(placed.get('foo')!.columns).toStrictEqual([]);
    expect(placed.get('actor.detail')!.columns).toStrictEqual([]);
    expect(placed.get('actor.alternateId')!.columns).toStrictEqual(['OriginalActorAlternateId', 'ActorUsername', 'ActorUsernameType']);
    expect(placed.get('debugContext.debugData.requestUri')).toMatchObject({ columns: ['DebugData'], tail: 'requestUri', cite: 'OktaSSOv2_DCR.json:96 transformKql: DebugData = debugContext.debugData' });
  });

  test('each column\'s quoted expression, run alone in the interpreter, gives the row\'s value', () => {
    const lets = OKTA_LETS.map(([n, json]) => `let ${n} = parse_json('${json}');`).join('\n');
    const ext = OKTA_EXTENDS.map(([n, k]) => `${n} = ${k}`).join(', ');
    for (const event of [SESSION_START, { actor: { id: 'unknown', type: 'PublicClientApp' }, outcome: { result: 'CHALLENGE' } }]) {
      const r = row(event);
      const source = { source: { name: 'source', columns: OKTA_STREAM_TYPES, rows: [streamRow(OKTA_STREAM_TYPES, oktaLogEvent(event))] } };
      for (const [column, kql] of OKTA_PROJECT) expect(runKql(`${lets}\nsource | extend ${ext} | project r = ${kql}`, source).rows[0]!['r'], column).toStrictEqual(r[column]);
    }
  });

  test('queries over the rows', () => {
    const proxy = row({ eventType: 'user.session.start', 'securityContext.isProxy': 'true', 'debugContext.debugData.requestUri': '/admin/users' });
    const direct = row({ eventType: 'user.session.start', 'securityContext.isProxy': false, 'debugContext.debugData.requestUri': '/api/v1/authn' });
    const t = tables(proxy, direct, row(SESSION_START));
    expect(runKql('OktaV2_CL | where EventOriginalType == "user.session.start" and SecurityContextIsProxy == true', t).rows).toHaveLength(2);
    expect(runKql('OktaV2_CL | where tostring(DebugData.requestUri) contains "admin"', t).rows).toHaveLength(1);
    expect(runKql('OktaV2_CL | where OriginalTarget has "Okta Admin Console"', t).rows).toHaveLength(1);
    expect(runKql('OktaV2_CL | where tostring(OriginalTarget[0].displayName) == "Okta Admin Console" and ActorUsername endswith "@example.com"', t).rows).toHaveLength(1);
    // A planted mistake: the event type in LegacyEventType instead.
    const planted = { ...proxy, LegacyEventType: proxy['EventOriginalType']!, EventOriginalType: '' };
    expect(runKql('OktaV2_CL | where EventOriginalType == "user.session.start"', tables(planted)).rows).toHaveLength(0);
  });
});
