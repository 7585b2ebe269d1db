// OktaV2_CL, the table Microsoft Sentinel's Okta Single Sign-On connector (the codeless V2 poller) writes Okta's
// System Log events to. It is a custom table, documented by the connector's own files rather than a table page, so its
// columns are transcribed here from them, in the generated rows' form (`name` for a string, else `name:type`):
//
// - the columns: Azure/Azure-Sentinel `Solutions/Okta Single Sign-On/Data Connectors/OktaNativePollerConnectorV2/
//   OktaSSOv2_Tables.json` @ 173a90249ad9e8738767910619a716082ae1d94d (its `boolean` is Kusto's bool);
// - what each column holds: the data collection rule's `transformKql` beside it, `OktaSSOv2_DCR.json` @
//   1095f2df5f2c8237174fcb9e78d891a11b3d676e (the same transform as `OktaSSOv2_DCR_OktaDCRV1.json` @ 173a9024), which
//   projects the System Log event's keys onto these columns (pipelines/cloud.ts OKTA_FIELDS).
import { decodeColumns } from './generated.js';
import type { TableSchema } from './types.js';

const COLUMNS =
  'ActingAppName,ActingAppType,ActorDetailEntry:dynamic,ActorDisplayName,ActorSessionId,ActorUserId,ActorUserIdType,ActorUsername,' +
  'ActorUsernameType,ActorUserType,AuthenticationContextAuthenticationProvider,AuthenticationContextAuthenticationStep:int,' +
  'AuthenticationContextCredentialProvider,AuthenticationContextInterface,AuthenticationContextIssuerId,AuthenticationContextIssuerType,' +
  'DebugData:dynamic,DvcAction,EventMessage,EventOriginalResultDetails,EventOriginalType,EventOriginalUid,EventResult,EventSeverity,' +
  'HttpUserAgent,LegacyEventType,LogonMethod,OriginalActorAlternateId,OriginalClientDevice,OriginalOutcomeResult,OriginalSeverity,' +
  'OriginalTarget:dynamic,OriginalUserId,OriginalUserType,Request:dynamic,SecurityContextAsNumber:int,SecurityContextAsOrg,' +
  'SecurityContextDomain,SecurityContextIsProxy:bool,SrcDeviceType,SrcDvcId,SrcDvcOs,SrcGeoCity,SrcGeoCountry,SrcGeoLatitude:real,' +
  'SrcGeoLongtitude:real,SrcGeoPostalCode,SrcGeoRegion,SrcIpAddr,SrcIsp,SrcZone,TimeGenerated:datetime,TransactionDetail:dynamic,' +
  'TransactionId,TransactionType,Version,SrcDvcIdType,TenantId:guid';

/**
 * System Log event key -> column, as the transform's `project` writes them (`EventOriginalType = eventType`,
 * `SecurityContextIsProxy = tobool(securityContext.isProxy)`, `DebugData = debugContext.debugData`): the keys it
 * copies, or converts with tostring/toint/toreal/tobool (the column's type). Columns it derives from a key instead
 * (ActorUserId blanks "unknown", ActorUsername keeps only a name with `@`, EventResult, EventSeverity, DvcAction and
 * ActorUserType look the key up in a table of their own, SrcDeviceType and ActingAppType) are read by their own names
 * only: their values are not the key's. Nor is TimeGenerated (`todatetime(published)`): a datetime's text is not the
 * event's.
 */
export const OKTA_FIELDS =
  'uuid=EventOriginalUid eventType=EventOriginalType version=Version severity=OriginalSeverity legacyEventType=LegacyEventType ' +
  'displayMessage=EventMessage request=Request target=OriginalTarget ' +
  'actor.id=OriginalUserId actor.type=OriginalUserType actor.alternateId=OriginalActorAlternateId actor.displayName=ActorDisplayName ' +
  'actor.detailEntry=ActorDetailEntry client.device=OriginalClientDevice client.id=SrcDvcId client.ipAddress=SrcIpAddr ' +
  'client.zone=SrcZone client.userAgent.browser=ActingAppName client.userAgent.os=SrcDvcOs client.userAgent.rawUserAgent=HttpUserAgent ' +
  'client.geographicalContext.city=SrcGeoCity client.geographicalContext.country=SrcGeoCountry ' +
  'client.geographicalContext.postalCode=SrcGeoPostalCode client.geographicalContext.state=SrcGeoRegion ' +
  'client.geographicalContext.geolocation.lat=SrcGeoLatitude client.geographicalContext.geolocation.lon=SrcGeoLongtitude ' +
  'outcome.result=OriginalOutcomeResult outcome.reason=EventOriginalResultDetails ' +
  'authenticationContext.authenticationProvider=AuthenticationContextAuthenticationProvider ' +
  'authenticationContext.authenticationStep=AuthenticationContextAuthenticationStep ' +
  'authenticationContext.credentialProvider=AuthenticationContextCredentialProvider authenticationContext.credentialType=LogonMethod ' +
  'authenticationContext.externalSessionId=ActorSessionId authenticationContext.interface=AuthenticationContextInterface ' +
  'authenticationContext.issuer.id=AuthenticationContextIssuerId authenticationContext.issuer.type=AuthenticationContextIssuerType ' +
  'securityContext.asNumber=SecurityContextAsNumber securityContext.asOrg=SecurityContextAsOrg securityContext.domain=SecurityContextDomain ' +
  'securityContext.isp=SrcIsp securityContext.isProxy=SecurityContextIsProxy transaction.type=TransactionType transaction.id=TransactionId ' +
  'transaction.detail=TransactionDetail debugContext.debugData=DebugData';

/**
 * The System Log event's `debugContext.debugData` is one dynamic column (`DebugData = debugContext.debugData`), an
 * object of texts whose keys depend on the event type. The keys SigmaHQ's Okta rules test (requestUri, behaviors,
 * logOnlySecurityData) and the request's id and URL are read out of it as text, each once with `extend`: a key the
 * event lacks is null there, which tostring() makes "".
 */
export const OKTA_DEBUG_DATA_KEYS = ['requestId', 'requestUri', 'url', 'behaviors', 'logOnlySecurityData', 'risk', 'threatSuspected'] as const;

/** The computed field of a debugData key (DebugData_requestUri). */
export const debugDataField = (key: string): string => `DebugData_${key}`;

/** OktaV2_CL, built on first use. */
export function oktaTable(): TableSchema {
  const computed = Object.fromEntries(OKTA_DEBUG_DATA_KEYS.map((k) => [debugDataField(k), `tostring(DebugData.${k})`]));
  return { name: 'OktaV2_CL', columns: decodeColumns(COLUMNS), timeColumn: 'TimeGenerated', computed };
}
