import type { KqlValue } from '../types.js';
import { assumption } from './assumptions.js';
import type { CloudPlacement } from './sentinel-cloud.js';

/**
 * Sigma azure/riskdetection -> Sentinel's AADUserRiskEvents (the page and Graph's riskDetection resource are
 * transcribed in risk-detection-pages.ts). Sigma's rules name the risk detection's own fields (`riskEventType`);
 * the table's columns are those fields in Pascal case, each described as Graph describes the field (:28 RiskEventType
 * "The type of risk event detected" = riskdetection.md:46). That tie is the record-names rule
 * (`sentinel-cloud-azure-names`), written out here one row per field so each cites its column's line and phrase and
 * the Graph property's line. `properties.<field>` (the diagnostic-settings record) reaches the same column by the
 * rule itself (sentinel-cloud.ts `placeAzure`).
 */

const PAGE = 'aaduserriskevents-include.md';
const GRAPH = 'riskdetection.md';
const NAMES = assumption('sentinel-cloud-azure-names').id;

const field = (from: string, column: string, line: number, phrase: string, graphLine: number, extra = NAMES): CloudPlacement => ({
  from,
  columns: [column],
  cite: `${PAGE}:${line} ${column}: "${phrase}"; ${GRAPH}:${graphLine} ${from}`,
  assumption: extra,
});

/** Raw name (a riskDetection property or an envelope key of the diagnostic record) -> AADUserRiskEvents column. */
export const RISK_DETECTION_MAPPING: readonly CloudPlacement[] = [
  field('activity', 'Activity', 13, 'the activity type the detected risk is linked to', 34),
  field('activityDateTime', 'ActivityDateTime', 14, 'when the risky activity occurred', 35),
  field('additionalInfo', 'AdditionalInfo', 15, 'Additional information associated with the user risk event in JSON format', 36, assumption('sentinel-cloud-risk-additional-info').id),
  field('correlationId', 'CorrelationId', 17, 'Correlation ID of the sign-in associated with the risk detection', 37),
  field('detectedDateTime', 'DetectedDateTime', 18, 'Date and time that the risk was detected', 38),
  field('detectionTimingType', 'DetectionTimingType', 19, 'Timing of the detected risk', 39),
  field('id', 'Id', 20, 'Unique ID of the risk event', 40),
  field('ipAddress', 'IpAddress', 21, 'The IP address of the client from where the risk occurred', 41),
  field('lastUpdatedDateTime', 'LastUpdatedDateTime', 23, 'when the risk detection was last updated', 42),
  field('location', 'Location', 24, 'Location of the sign-in', 43),
  field('requestId', 'RequestId', 26, 'Request ID of the sign-in associated with the risk detection', 44),
  field('riskDetail', 'RiskDetail', 27, 'Details of the detected risk', 45),
  field('riskEventType', 'RiskEventType', 28, 'The type of risk event detected', 46),
  field('riskLevel', 'RiskLevel', 29, 'Level of the detected risk', 47),
  field('riskState', 'RiskState', 30, 'The state of a detected risky user or sign-in', 48),
  field('source', 'Source', 31, 'Source of the risk detection', 49),
  field('tokenIssuerType', 'TokenIssuerType', 35, 'the type of token issuer for the detected sign-in risk', 50),
  field('userDisplayName', 'UserDisplayName', 37, 'The user principal name (UPN) of the user', 51),
  field('userId', 'UserId', 38, 'Unique ID of the user', 52),
  field('userPrincipalName', 'UserPrincipalName', 39, 'The user principal name (UPN) of the user', 53),
  // Envelope keys of the diagnostic-settings record (no Graph property).
  { from: 'time', columns: ['TimeGenerated'], cite: `${PAGE}:34 TimeGenerated: "The date and time of the event in UTC"`, assumption: assumption('sentinel-cloud-azure-time').id },
  { from: 'operationName', columns: ['OperationName'], cite: `${PAGE}:25 OperationName: "Name of the operation"`, assumption: NAMES },
  // The record's tenantId is the directory's; the column is the workspace's, which the event does not carry.
  { from: 'tenantId', columns: [], cite: `${PAGE}:33 TenantId: "The Log Analytics workspace ID"`, assumption: NAMES },
];

/**
 * Graph's additionalInfo is JSON text; AdditionalInfo is a dynamic column "in JSON format": a string that parses to a
 * JSON object or array is held as that value, any other value as given.
 */
export function additionalInfoValue(value: KqlValue): KqlValue {
  if (typeof value !== 'string') return value;
  assumption('sentinel-cloud-risk-additional-info');
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' ? (parsed as KqlValue) : value;
  } catch {
    return value;
  }
}
