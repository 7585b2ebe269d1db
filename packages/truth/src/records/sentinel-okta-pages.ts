import type { TranscribedPage } from './web-tables.js';

/**
 * Microsoft Sentinel's Okta Single Sign-On CCP connector (V2), which writes Okta System Log events to OktaV2_CL,
 * transcribed as facts: the data collection rule's input stream (name, type), its transformKql cut into its parts (the
 * four lookup maps, the two `extend`s, each `project` item: the one expression a column is computed from, verbatim),
 * and the table's columns (name, type, line). Neither file is in the vendor snapshot (SOURCES.md, "Okta, GitHub and
 * GCP"); `sentinel-okta.ts` puts the parts back together and runs them in the reference interpreter.
 */

/** The DCR. The transform is one JSON string on line 96 (`"transformKql": "let OktaASIMSev = ...`). */
export const OKTA_DCR: TranscribedPage = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Solutions/Okta Single Sign-On/Data Connectors/OktaNativePollerConnectorV2/OktaSSOv2_DCR.json',
  commit: '1095f2df5f2c8237174fcb9e78d891a11b3d676e',
};

/** The same stream declaration and transformKql (same line) in the connector's other DCR file. */
export const OKTA_DCR_V1: TranscribedPage = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Solutions/Okta Single Sign-On/Data Connectors/OktaNativePollerConnectorV2/OktaSSOv2_DCR_OktaDCRV1.json',
  commit: '173a90249ad9e8738767910619a716082ae1d94d',
};

/** The table: `"name": "OktaV2_CL"` (line 14), `"tableType": "CustomLog"`. */
export const OKTA_TABLE: TranscribedPage = {
  repo: 'Azure/Azure-Sentinel',
  path: 'Solutions/Okta Single Sign-On/Data Connectors/OktaNativePollerConnectorV2/OktaSSOv2_Tables.json',
  commit: '173a90249ad9e8738767910619a716082ae1d94d',
};

export const OKTA_TABLE_NAME = 'OktaV2_CL';
/** The DCR's input stream and output stream (`"outputStream": "Custom-OktaV2_CL"`). */
export const OKTA_STREAM = 'Custom-OktaSSO_CL';
export const OKTA_OUTPUT_STREAM = 'Custom-OktaV2_CL';

/**
 * `streamDeclarations["Custom-OktaSSO_CL"].columns`, `[name, type]` in file order (OktaSSOv2_DCR.json lines 13-73: one
 * `"name"` line every 4 lines). The names are the LogEvent's top-level properties.
 */
export const OKTA_STREAM_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['uuid', 'string'],
  ['published', 'datetime'],
  ['eventType', 'string'],
  ['version', 'string'],
  ['severity', 'string'],
  ['legacyEventType', 'string'],
  ['displayMessage', 'string'],
  ['actor', 'dynamic'],
  ['client', 'dynamic'],
  ['outcome', 'dynamic'],
  ['target', 'dynamic'],
  ['transaction', 'dynamic'],
  ['debugContext', 'dynamic'],
  ['authenticationContext', 'dynamic'],
  ['securityContext', 'dynamic'],
  ['request', 'dynamic'],
];

/** The transform's four `let X = parse_json('<json>');` statements, `[name, json]` in order (the JSON text verbatim). */
export const OKTA_LETS: readonly (readonly [name: string, json: string])[] = [
  ['OktaASIMSev', '{"DEBUG": "Informational","INFO": "Informational","WARN": "Medium", "ERROR": "High"}'],
  ['OktaASIMEventResult', '{"SUCCESS": "Success","ALLOW": "Success","DENY": "Failure", "SKIPPED": "Failure","FAILURE": "Failure","CHALLENGE": "Partial", "UNKNOWN": "NA"}'],
  ['OktaDvcAction', '{"SUCCESS": "","ALLOW": "Allow","DENY": "Deny", "SKIPPED": "Drop","FAILURE": "","CHALLENGE": "", "UNKNOWN": ""}'],
  ['OktaActorUserType', '{"SystemPrincipal": "System Principal","PublicClientApp": "Application","User": "Regular"}'],
];

/** `source | extend userId = ..., username = ...`: `[name, expression]`. */
export const OKTA_EXTENDS: readonly (readonly [name: string, kql: string])[] = [
  ['userId', 'iff((tostring(actor.id) == "unknown"), "", tostring(actor.id))'],
  ['username', 'iff((tostring(actor.alternateId) contains "@"),tostring(actor.alternateId),"")'],
];

/** `| project Column = expression, ...`: every item, `[column, expression]` in the transform's order. */
export const OKTA_PROJECT: readonly (readonly [column: string, kql: string])[] = [
  ['TimeGenerated', 'todatetime(published)'],
  ['ActorDetailEntry', 'actor.detailEntry'],
  ['ActorDisplayName', 'tostring(actor.displayName)'],
  ['OriginalUserId', 'tostring(actor.id)'],
  ['OriginalActorAlternateId', 'tostring(actor.alternateId)'],
  ['ActorUserId', 'userId'],
  ['ActorUserIdType', 'iff(isempty(userId),"", "OktaId")'],
  ['ActorUsername', 'username'],
  ['ActorUsernameType', 'iff(isempty(username), "", "UPN")'],
  ['ActorUserType', 'tostring(OktaActorUserType[tostring(actor.type)])'],
  ['OriginalUserType', 'tostring(actor.type)'],
  ['AuthenticationContextAuthenticationProvider', 'tostring(authenticationContext.authenticationProvider)'],
  ['AuthenticationContextAuthenticationStep', 'toint(authenticationContext.authenticationStep)'],
  ['AuthenticationContextCredentialProvider', 'tostring(authenticationContext.credentialProvider)'],
  ['LogonMethod', 'tostring(authenticationContext.credentialType)'],
  ['ActorSessionId', 'tostring(authenticationContext.externalSessionId)'],
  ['AuthenticationContextInterface', 'tostring(authenticationContext.interface)'],
  ['AuthenticationContextIssuerId', 'tostring(authenticationContext.issuer.id)'],
  ['AuthenticationContextIssuerType', 'tostring(authenticationContext.issuer.type)'],
  ['OriginalClientDevice', 'tostring(client.device)'],
  ['SrcDeviceType', 'iff(tostring(client.device) == "Computer", "Computer", "")'],
  ['SrcGeoCity', 'tostring(client.geographicalContext.city)'],
  ['SrcGeoCountry', 'tostring(client.geographicalContext.country)'],
  ['SrcGeoLatitude', 'toreal(client.geographicalContext.geolocation.lat)'],
  ['SrcGeoLongtitude', 'toreal(client.geographicalContext.geolocation.lon)'],
  ['SrcGeoPostalCode', 'tostring(client.geographicalContext.postalCode)'],
  ['SrcGeoRegion', 'tostring(client.geographicalContext.state)'],
  ['SrcDvcIdType', 'iff(isempty(client.id),"", "OktaId")'],
  ['SrcDvcId', 'tostring(client.id)'],
  ['SrcIpAddr', 'tostring(client.ipAddress)'],
  ['ActingAppName', 'tostring(client.userAgent.browser)'],
  ['ActingAppType', '"Browser"'],
  ['SrcDvcOs', 'tostring(client.userAgent.os)'],
  ['HttpUserAgent', 'tostring(client.userAgent.rawUserAgent)'],
  ['SrcZone', 'tostring(client.zone)'],
  ['DebugData', 'debugContext.debugData'],
  ['EventMessage', 'displayMessage'],
  ['EventOriginalType', 'eventType'],
  ['LegacyEventType', 'legacyEventType'],
  ['EventOriginalUid', 'uuid'],
  ['EventOriginalResultDetails', 'tostring(outcome.reason)'],
  ['EventResult', 'tostring(OktaASIMEventResult[tostring(outcome.result)])'],
  ['OriginalOutcomeResult', 'tostring(outcome.result)'],
  ['Request', 'request'],
  ['SecurityContextAsNumber', 'toint(securityContext.asNumber)'],
  ['SecurityContextAsOrg', 'tostring(securityContext.asOrg)'],
  ['SecurityContextDomain', 'tostring(securityContext.domain)'],
  ['SrcIsp', 'tostring(securityContext.isp)'],
  ['SecurityContextIsProxy', 'tobool(securityContext.isProxy)'],
  ['EventSeverity', 'tostring(OktaASIMSev[severity])'],
  ['OriginalSeverity', 'severity'],
  ['OriginalTarget', 'target'],
  ['Version', 'version'],
  ['TransactionType', 'tostring(transaction.type)'],
  ['TransactionId', 'tostring(transaction.id)'],
  ['TransactionDetail', 'transaction.detail'],
  ['DvcAction', 'tostring(OktaDvcAction[tostring(outcome.result)])'],
];

/**
 * `properties.schema.columns` of OktaSSOv2_Tables.json, `[name, type as the file spells it, line of its "name"]` in file
 * order: one column object every 6 lines from line 18 (SrcDvcIdType, the last, also has a `"description": ""` line).
 * `boolean` is Kusto bool. The file's `standardColumns` hold TenantId (guid), set by the workspace: not transcribed.
 */
export const OKTA_TABLE_COLUMNS: readonly (readonly [name: string, type: string, line: number])[] = [
  'ActingAppName:string', 'ActingAppType:string', 'ActorDetailEntry:dynamic', 'ActorDisplayName:string', 'ActorSessionId:string',
  'ActorUserId:string', 'ActorUserIdType:string', 'ActorUsername:string', 'ActorUsernameType:string', 'ActorUserType:string',
  'AuthenticationContextAuthenticationProvider:string', 'AuthenticationContextAuthenticationStep:int', 'AuthenticationContextCredentialProvider:string',
  'AuthenticationContextInterface:string', 'AuthenticationContextIssuerId:string', 'AuthenticationContextIssuerType:string', 'DebugData:dynamic',
  'DvcAction:string', 'EventMessage:string', 'EventOriginalResultDetails:string', 'EventOriginalType:string', 'EventOriginalUid:string',
  'EventResult:string', 'EventSeverity:string', 'HttpUserAgent:string', 'LegacyEventType:string', 'LogonMethod:string',
  'OriginalActorAlternateId:string', 'OriginalClientDevice:string', 'OriginalOutcomeResult:string', 'OriginalSeverity:string',
  'OriginalTarget:dynamic', 'OriginalUserId:string', 'OriginalUserType:string', 'Request:dynamic', 'SecurityContextAsNumber:int',
  'SecurityContextAsOrg:string', 'SecurityContextDomain:string', 'SecurityContextIsProxy:boolean', 'SrcDeviceType:string', 'SrcDvcId:string',
  'SrcDvcOs:string', 'SrcGeoCity:string', 'SrcGeoCountry:string', 'SrcGeoLatitude:real', 'SrcGeoLongtitude:real', 'SrcGeoPostalCode:string',
  'SrcGeoRegion:string', 'SrcIpAddr:string', 'SrcIsp:string', 'SrcZone:string', 'TimeGenerated:datetime', 'TransactionDetail:dynamic',
  'TransactionId:string', 'TransactionType:string', 'Version:string', 'SrcDvcIdType:string',
].map((c, i) => {
  const [name, type] = c.split(':') as [string, string];
  return [name, type, 18 + 6 * i] as const;
});
