import { describe, expect, test } from 'vitest';
import {
  AAD_USER_RISK_EVENTS_COLUMNS, AAD_USER_RISK_EVENTS_PHRASES, RISK_DETECTION_MAPPING, RISK_DETECTION_PROPERTIES, cseJsonProduct, flatEvent,
  kqlTableColumns, sentinelCloudPlacements, sentinelCloudRecords, type CloudPlacement,
} from '../src/records/index.js';
import { runKql } from '../src/kql/index.js';
import type { EventSource, KqlRecord, KqlValue, RawEvent } from '../src/types.js';
import { typeFits } from './records-fixtures.js';

/**
 * AADUserRiskEvents, the Sentinel table of Sigma's azure/riskdetection events. Its page and Graph's riskDetection
 * resource are transcribed (risk-detection-pages.ts), so citations are checked against the transcriptions; no vendor
 * file is read.
 */
const RISK: EventSource = { product: 'azure', service: 'riskdetection' };
const PAGE = 'aaduserriskevents-include.md';
const GRAPH = 'riskdetection.md';

const columnAt = new Map(AAD_USER_RISK_EVENTS_COLUMNS.map(([name, , line]) => [line, name]));
const propertyAt = new Map(RISK_DETECTION_PROPERTIES.map(([name, , line]) => [line, name]));

function only(records: readonly KqlRecord[]): KqlRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

function row(event: RawEvent): Record<string, KqlValue> {
  const r = only(sentinelCloudRecords(event, RISK));
  expect(r.table).toBe('AADUserRiskEvents');
  return r.row;
}

/** The columns of a row that hold something (not the Kusto default). */
function filled(r: Readonly<Record<string, KqlValue>>): Record<string, KqlValue> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '' && v !== null));
}

/** Throws unless every expected column holds exactly its value. */
function expectLanding(r: Readonly<Record<string, KqlValue>>, expected: Readonly<Record<string, KqlValue>>): void {
  for (const [column, value] of Object.entries(expected)) {
    if (!(column in r)) throw new Error(`no column ${column}`);
    expect(r[column], column).toStrictEqual(value);
  }
}

/**
 * Problems of mapping rows: `aaduserriskevents-include.md:<line> <Column>: "<phrase>"` must be that column's line with
 * that phrase, the row must fill that column, and `; riskdetection.md:<line> <property>` must be the row's own raw name
 * on that Graph line, which is the column's name up to case (the record-names rule the rows write out).
 */
function mappingProblems(rows: readonly CloudPlacement[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const m = new RegExp(`^${PAGE}:(\\d+) (\\w+): "([^"]+)"(?:; ${GRAPH}:(\\d+) (\\w+))?$`).exec(r.cite);
    if (!m) {
      problems.push(`${r.from}: unreadable citation ${r.cite}`);
      continue;
    }
    const [, line, column, phrase, graphLine, property] = m;
    if (columnAt.get(Number(line)) !== column) problems.push(`${r.from}: ${PAGE}:${line} is not the row of ${column}`);
    if (!(AAD_USER_RISK_EVENTS_PHRASES[Number(line)] ?? '').includes(phrase!)) problems.push(`${r.from}: ${PAGE}:${line} does not say "${phrase}"`);
    if (r.columns.some((c) => c !== column)) problems.push(`${r.from}: fills ${r.columns.join(', ')}, cites ${column}`);
    if (graphLine === undefined) continue;
    if (property !== r.from || propertyAt.get(Number(graphLine)) !== property) problems.push(`${r.from}: ${GRAPH}:${graphLine} is not the property ${property}`);
    if (r.columns.length !== 1 || r.columns[0]!.toLowerCase() !== r.from.toLowerCase()) problems.push(`${r.from}: lands in ${r.columns.join(', ') || 'nothing'}, not the column of its name`);
  }
  return problems;
}

/** A risk detection as Microsoft Graph returns it (riskdetection.md's JSON representation, with values). */
const GRAPH_DETECTION: RawEvent = {
  id: '6a5874ca-0000-4e1a-9d0f-000000000001',
  requestId: '1a2b3c4d-0000-4e1a-9d0f-000000000002',
  correlationId: 'c0ffee00-0000-4e1a-9d0f-000000000003',
  riskEventType: 'unlikelyTravel',
  riskState: 'atRisk',
  riskLevel: 'medium',
  riskDetail: 'none',
  source: 'IdentityProtection',
  detectionTimingType: 'offline',
  activity: 'signin',
  tokenIssuerType: 'AzureAD',
  ipAddress: '198.51.100.23',
  location: { city: 'Lyon', state: 'Auvergne-Rhone-Alpes', countryOrRegion: 'FR', geoCoordinates: { latitude: 45.76, longitude: 4.83 } },
  activityDateTime: '2024-05-01T10:00:00Z',
  detectedDateTime: '2024-05-01T10:02:00Z',
  lastUpdatedDateTime: '2024-05-01T10:05:00Z',
  userId: '0b1c2d3e-0000-4e1a-9d0f-000000000004',
  userDisplayName: 'Alice',
  userPrincipalName: 'alice@example.com',
  additionalInfo: '[{"Key":"userAgent","Value":"Mozilla/5.0"}]',
};

/** The same kind of detection as a diagnostic-settings record: envelope keys on top, the detection under properties. */
const DIAGNOSTIC_RECORD: RawEvent = {
  time: '2024-05-01T10:06:00Z',
  resourceId: '/tenants/00000000-0000-0000-0000-000000000005/providers/Microsoft.aadiam',
  operationName: 'Risk detection',
  category: 'UserRiskEvents',
  tenantId: '00000000-0000-0000-0000-000000000005',
  properties: { riskEventType: 'anonymizedIPAddress', riskLevel: 'high', ipAddress: '203.0.113.5', userPrincipalName: 'bob@example.com', riskType: 'anonymizedIPAddress', additionalInfo: 'not JSON' },
};

describe('AADUserRiskEvents: the transcribed page', () => {
  test('the columns are lines 13-39 in the page\'s order (by name, case and leading "_" ignored), and the table answers them', () => {
    expect(AAD_USER_RISK_EVENTS_COLUMNS.map(([, , line]) => line)).toStrictEqual(Array.from({ length: 27 }, (_, i) => 13 + i));
    const key = (n: string): string => n.replace(/^_/, '').toLowerCase();
    const names = AAD_USER_RISK_EVENTS_COLUMNS.map(([n]) => n);
    expect(names).toStrictEqual([...names].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
    expect(kqlTableColumns('AADUserRiskEvents')).toStrictEqual(Object.fromEntries(AAD_USER_RISK_EVENTS_COLUMNS.map(([n, t]) => [n, t])));
    expect(RISK_DETECTION_PROPERTIES.map(([, , line]) => line)).toStrictEqual(Array.from({ length: 20 }, (_, i) => 34 + i));
  });

  test('every cited phrase is on a transcribed column line', () => {
    for (const line of Object.keys(AAD_USER_RISK_EVENTS_PHRASES).map(Number)) expect(columnAt.has(line), String(line)).toBe(true);
  });
});

describe('AADUserRiskEvents records', () => {
  test('a Graph risk detection lands in the column of each property', () => {
    expect(filled(row(GRAPH_DETECTION))).toStrictEqual({
      Id: '6a5874ca-0000-4e1a-9d0f-000000000001',
      RequestId: '1a2b3c4d-0000-4e1a-9d0f-000000000002',
      CorrelationId: 'c0ffee00-0000-4e1a-9d0f-000000000003',
      RiskEventType: 'unlikelyTravel',
      RiskState: 'atRisk',
      RiskLevel: 'medium',
      RiskDetail: 'none',
      Source: 'IdentityProtection',
      DetectionTimingType: 'offline',
      Activity: 'signin',
      TokenIssuerType: 'AzureAD',
      IpAddress: '198.51.100.23',
      // Dynamic: the signInLocation object as Graph gives it.
      Location: { city: 'Lyon', state: 'Auvergne-Rhone-Alpes', countryOrRegion: 'FR', geoCoordinates: { latitude: 45.76, longitude: 4.83 } },
      ActivityDateTime: new Date('2024-05-01T10:00:00Z'),
      DetectedDateTime: new Date('2024-05-01T10:02:00Z'),
      LastUpdatedDateTime: new Date('2024-05-01T10:05:00Z'),
      UserId: '0b1c2d3e-0000-4e1a-9d0f-000000000004',
      UserDisplayName: 'Alice',
      UserPrincipalName: 'alice@example.com',
      // Graph's JSON text, held as its value (sentinel-cloud-risk-additional-info).
      AdditionalInfo: [{ Key: 'userAgent', Value: 'Mozilla/5.0' }],
      Type: 'AADUserRiskEvents',
    });
  });

  test('the diagnostic record: properties.<x> in the same columns, time and operationName too; category, tenantId, resourceId and riskType nowhere', () => {
    expect(filled(row(DIAGNOSTIC_RECORD))).toStrictEqual({
      TimeGenerated: new Date('2024-05-01T10:06:00Z'),
      OperationName: 'Risk detection',
      RiskEventType: 'anonymizedIPAddress',
      RiskLevel: 'high',
      IpAddress: '203.0.113.5',
      UserPrincipalName: 'bob@example.com',
      // Not JSON: kept as the text.
      AdditionalInfo: 'not JSON',
      Type: 'AADUserRiskEvents',
    });
    const placed = new Map(sentinelCloudPlacements(DIAGNOSTIC_RECORD, RISK).map((p) => [p.key, p.columns]));
    for (const key of ['category', 'tenantId', 'resourceId', 'properties.riskType']) expect(placed.get(key), key).toStrictEqual([]);
    expect(placed.get('properties.riskEventType')).toStrictEqual(['RiskEventType']);
  });

  test('Sigma\'s rule field, the column name, and case variants', () => {
    expectLanding(row({ riskEventType: 'unlikelyTravel' }), { RiskEventType: 'unlikelyTravel' });
    expectLanding(row({ RiskEventType: 'passwordSpray' }), { RiskEventType: 'passwordSpray' });
    // The column's own name wins over the record name.
    expectLanding(row({ riskEventType: 'newCountry', RiskEventType: 'leakedCredentials' }), { RiskEventType: 'leakedCredentials' });
    // A Pascal-case name that is no column names nothing (KQL names are case-sensitive).
    expect(filled(row({ RiskEventtype: 'unlikelyTravel', RiskType: 'unlikelyTravel', message: 'unlikelyTravel' }))).toStrictEqual({ Type: 'AADUserRiskEvents' });
  });

  test('the record laid out for Cloud SIEM (cse-azure-eventhub-shape) lands in the same columns as the Sigma names', () => {
    const event = { riskEventType: 'maliciousIPAddress', RiskLevel: 'low', IpAddress: '192.0.2.4', UserPrincipalName: 'carol@example.com' };
    const viaRecord = row(flatEvent(cseJsonProduct(RISK)!.record(event, RISK)));
    expectLanding(viaRecord, filled(row(event)));
    expect(filled(viaRecord)).toStrictEqual(filled(row(event)));
  });

  test('a row has every documented column, each value of its documented type', () => {
    for (const event of [GRAPH_DETECTION, DIAGNOSTIC_RECORD, { riskEventType: 'x', activityDateTime: 'not a date' }]) {
      const r = row(event);
      expect(Object.keys(r).sort()).toStrictEqual(AAD_USER_RISK_EVENTS_COLUMNS.map(([n]) => n).sort());
      for (const [name, type] of AAD_USER_RISK_EVENTS_COLUMNS) expect(typeFits(type, r[name]!), `${name} = ${String(r[name])}`).toBe(true);
    }
  });

  test('a planted mistake is caught: the detection type in RiskDetail instead of RiskEventType', () => {
    const real = row({ riskEventType: 'unlikelyTravel' });
    const planted = { ...real, RiskDetail: real['RiskEventType']!, RiskEventType: '' };
    expect(() => expectLanding(planted, { RiskEventType: 'unlikelyTravel', RiskDetail: '' })).toThrow();
    expectLanding(real, { RiskEventType: 'unlikelyTravel', RiskDetail: '' });
    // Through the interpreter: the query Sigma's rules need matches the real row only.
    const tables = (r: Record<string, KqlValue>) => ({ AADUserRiskEvents: { name: 'AADUserRiskEvents', columns: kqlTableColumns('AADUserRiskEvents')!, rows: [r] } });
    const query = 'AADUserRiskEvents | where RiskEventType =~ "unlikelyTravel"';
    expect(runKql(query, tables(real)).rows).toHaveLength(1);
    expect(runKql(query, tables(planted)).rows).toHaveLength(0);
    expect(runKql('AADUserRiskEvents | where tostring(AdditionalInfo[0].Value) == "Mozilla/5.0"', tables(row(GRAPH_DETECTION))).rows).toHaveLength(1);
  });
});

describe('AADUserRiskEvents mapping rows', () => {
  test('every row cites its column\'s line and phrase, and the Graph line of its own name', () => {
    expect(mappingProblems(RISK_DETECTION_MAPPING)).toStrictEqual([]);
    // Every Graph property has its row.
    expect(RISK_DETECTION_PROPERTIES.map(([n]) => n).filter((n) => !RISK_DETECTION_MAPPING.some((r) => r.from === n))).toStrictEqual([]);
  });

  test('planted wrong citations and a planted wrong mapping are caught', () => {
    const good = RISK_DETECTION_MAPPING.find((r) => r.from === 'riskLevel')!;
    expect(mappingProblems([good])).toStrictEqual([]);
    const planted: CloudPlacement[] = [
      // RiskEventType's line cited for RiskLevel.
      { ...good, cite: `${PAGE}:28 RiskLevel: "Level of the detected risk"; ${GRAPH}:47 riskLevel` },
      // A phrase the line does not hold.
      { ...good, cite: `${PAGE}:29 RiskLevel: "The type of risk event detected"; ${GRAPH}:47 riskLevel` },
      // Another property's Graph line.
      { ...good, cite: `${PAGE}:29 RiskLevel: "Level of the detected risk"; ${GRAPH}:46 riskLevel` },
      // A row filling a column it does not cite.
      { ...good, columns: ['RiskState'] },
      // A wrong mapping with a citation true to the page: riskLevel into RiskDetail.
      { from: 'riskLevel', columns: ['RiskDetail'], cite: `${PAGE}:27 RiskDetail: "Details of the detected risk"; ${GRAPH}:47 riskLevel` },
    ];
    for (const p of planted) expect(mappingProblems([p]), p.cite).not.toStrictEqual([]);
  });

  test('every documented column is mapped, the table name, or set by the workspace', () => {
    const workspace = ['_BilledSize', '_IsBillable', 'SourceSystem', 'TenantId'];
    const mapped = RISK_DETECTION_MAPPING.flatMap((r) => r.columns);
    expect(new Set(mapped).size).toBe(mapped.length);
    expect([...mapped, 'Type', ...workspace].sort()).toStrictEqual(AAD_USER_RISK_EVENTS_COLUMNS.map(([n]) => n).sort());
  });

  test('placements cite the column\'s transcribed line', () => {
    const placed = sentinelCloudPlacements({ ...GRAPH_DETECTION, ...DIAGNOSTIC_RECORD }, RISK).filter((p) => p.columns.length > 0);
    expect(placed.length).toBeGreaterThan(20);
    for (const p of placed) {
      const m = new RegExp(`^${PAGE}:(\\d+) (\\w+)`).exec(p.cite);
      expect(m, `${p.key}: ${p.cite}`).not.toBeNull();
      expect(columnAt.get(Number(m![1])), p.key).toBe(p.columns[0]);
    }
  });
});
