import type { KqlType } from '../types.js';
import type { TranscribedPage } from './web-tables.js';

/**
 * The two pages the AADUserRiskEvents records rest on, transcribed as facts (names, types, line numbers, and the short
 * description phrases the mapping rows quote): neither is in the vendor snapshot (SOURCES.md, "Sentinel cloud-log
 * tables"). A citation `<page>:<line> <Name>` is checked against these lists (test/records-sentinel-cloud-risk.test.ts).
 */

/**
 * The Log Analytics table page. The snapshot's other include pages are read at this commit, the parent of the one that
 * removed the folder; the page's column table is the same at 31d27605 (ms.date 02/18/2024) and here (ms.date
 * 07/30/2024, last changed 161a4d90): only the front matter differs.
 */
export const AAD_USER_RISK_EVENTS_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/tables/includes/aaduserriskevents-include.md',
  commit: 'bea53845fef94ad4f1887d306e6618a34efefc01',
  lastChanged: '161a4d906ddadef26419debb263b5775085c0c87',
};

/** aaduserriskevents-include.md lines 13-39 (`| Column | Type | Description |`), `[column, type, line]` in page order. */
export const AAD_USER_RISK_EVENTS_COLUMNS: readonly (readonly [name: string, type: KqlType, line: number])[] = [
  ['Activity', 'string', 13],
  ['ActivityDateTime', 'datetime', 14],
  ['AdditionalInfo', 'dynamic', 15],
  ['_BilledSize', 'real', 16],
  ['CorrelationId', 'string', 17],
  ['DetectedDateTime', 'datetime', 18],
  ['DetectionTimingType', 'string', 19],
  ['Id', 'string', 20],
  ['IpAddress', 'string', 21],
  ['_IsBillable', 'string', 22],
  ['LastUpdatedDateTime', 'datetime', 23],
  ['Location', 'dynamic', 24],
  ['OperationName', 'string', 25],
  ['RequestId', 'string', 26],
  ['RiskDetail', 'string', 27],
  ['RiskEventType', 'string', 28],
  ['RiskLevel', 'string', 29],
  ['RiskState', 'string', 30],
  ['Source', 'string', 31],
  ['SourceSystem', 'string', 32],
  ['TenantId', 'string', 33],
  ['TimeGenerated', 'datetime', 34],
  ['TokenIssuerType', 'string', 35],
  ['Type', 'string', 36],
  ['UserDisplayName', 'string', 37],
  ['UserId', 'string', 38],
  ['UserPrincipalName', 'string', 39],
];

/** Phrases of the descriptions on the lines the mapping rows cite (a phrase, not the whole description). */
export const AAD_USER_RISK_EVENTS_PHRASES: Readonly<Record<number, string>> = {
  13: 'Indicates the activity type the detected risk is linked to',
  14: 'Date and time when the risky activity occurred',
  15: 'Additional information associated with the user risk event in JSON format',
  17: 'Correlation ID of the sign-in associated with the risk detection',
  18: 'Date and time that the risk was detected',
  19: 'Timing of the detected risk',
  20: 'Unique ID of the risk event',
  21: 'The IP address of the client from where the risk occurred',
  23: 'Date and time when the risk detection was last updated',
  24: 'Location of the sign-in',
  25: 'Name of the operation',
  26: 'Request ID of the sign-in associated with the risk detection',
  27: 'Details of the detected risk',
  28: 'The type of risk event detected',
  29: 'Level of the detected risk',
  30: 'The state of a detected risky user or sign-in',
  31: 'Source of the risk detection',
  33: 'The Log Analytics workspace ID',
  34: 'The date and time of the event in UTC',
  35: 'Indicates the type of token issuer for the detected sign-in risk',
  36: 'The name of the table',
  // The page describes UserDisplayName as the UPN too (so does Graph's userDisplayName, riskdetection.md:51).
  37: 'The user principal name (UPN) of the user',
  38: 'Unique ID of the user',
  39: 'The user principal name (UPN) of the user',
};

/**
 * Microsoft Graph's riskDetection resource (v1.0): the risk detection's own field names, which Sigma's riskdetection
 * rules use (`riskEventType`). The newest version the public code index holds.
 */
export const RISK_DETECTION_RESOURCE: TranscribedPage = {
  repo: 'microsoftgraph/microsoft-graph-docs-contrib',
  path: 'api-reference/v1.0/resources/riskdetection.md',
  commit: '9912b205155e96990db555bd07b0d4657c2ba187',
};

/** riskdetection.md lines 34-53 (`|Property|Type|Description|`), `[property, Graph type, line]` in page order. */
export const RISK_DETECTION_PROPERTIES: readonly (readonly [name: string, type: string, line: number])[] = [
  ['activity', 'activityType', 34],
  ['activityDateTime', 'DateTimeOffset', 35],
  // Text holding JSON: the page's example is a JSON array of Key/Value objects written as a string.
  ['additionalInfo', 'String', 36],
  ['correlationId', 'String', 37],
  ['detectedDateTime', 'DateTimeOffset', 38],
  ['detectionTimingType', 'riskDetectionTimingType', 39],
  ['id', 'String', 40],
  ['ipAddress', 'String', 41],
  ['lastUpdatedDateTime', 'DateTimeOffset', 42],
  // An object: signInLocation's city, countryOrRegion, geoCoordinates, state (microsoftgraph/microsoft-graph-docs-contrib
  // api-reference/v1.0/resources/signinlocation.md @ 028b8e354879f1054adbd96bfa8d16fff4330811, lines 21-24).
  ['location', 'signInLocation', 43],
  ['requestId', 'String', 44],
  ['riskDetail', 'riskDetail', 45],
  ['riskEventType', 'String', 46],
  ['riskLevel', 'riskLevel', 47],
  ['riskState', 'riskState', 48],
  ['source', 'String', 49],
  ['tokenIssuerType', 'tokenIssuerType', 50],
  ['userDisplayName', 'String', 51],
  ['userId', 'String', 52],
  ['userPrincipalName', 'String', 53],
];
