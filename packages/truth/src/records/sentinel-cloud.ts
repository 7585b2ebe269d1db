import type { EventSource, KqlRecord, KqlType, KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { columnValue, fullRow, kqlTableColumns, tableColumnList } from './columns.js';
import { flatEvent, nestKeys } from './cse-json.js';
import { aksAuditRow, aksPlacements } from './sentinel-aks.js';
import { RISK_DETECTION_MAPPING, additionalInfoValue } from './sentinel-cloud-risk.js';
import { gcpAuditLogsRow, gcpPlacements } from './sentinel-gcp.js';
import { githubPlacements, githubRow } from './sentinel-github.js';
import { oktaPlacements, oktaRow } from './sentinel-okta.js';
import { officeActivityRow, officePlacements } from './sentinel-office.js';

/**
 * Microsoft Sentinel (Log Analytics) tables of cloud logs, from Microsoft's own table pages (columns and types read at
 * run time through `columns.ts`, paths in `TABLE_PAGES`; AADUserRiskEvents' page is not in the snapshot and is
 * transcribed in `risk-detection-pages.ts`):
 *
 *   aws/cloudtrail (and aws without service) -> AWSCloudTrail      awscloudtrail-include.md
 *   azure/signinlogs                         -> SigninLogs         signinlogs-include.md
 *   azure/auditlogs                          -> AuditLogs          auditlogs-include.md
 *   azure/activitylogs                       -> AzureActivity      azureactivity-include.md
 *   azure/riskdetection                      -> AADUserRiskEvents  aaduserriskevents-include.md
 *   okta/okta (and okta without service)     -> OktaV2_CL            sentinel-okta.ts (the Okta CCP connector's DCR)
 *   github/audit (and github without service) -> GitHubAuditLogsV3_CL sentinel-github.ts (the GitHub CCF connector's DCR)
 *   gcp/gcp.audit                            -> GCPAuditLogs         sentinel-gcp.ts (gcpauditlogs-include.md)
 *   m365/audit                               -> OfficeActivity       sentinel-office.ts (officeactivity-include.md)
 *   kubernetes/audit (with or without category application) -> AKSAudit  sentinel-aks.ts (aksaudit-include.md)
 *
 * Every documented column is written (absent string "", other types null). Decisions the pages do not settle:
 * - JSON-valued string columns (AWSCloudTrail RequestParameters, ResponseElements, AdditionalEventData, Resources,
 *   ServiceEventDetails; AzureActivity Properties, Authorization, Claims; any string column an Azure event gives an
 *   object for) ARE filled, with compact JSON text; a value the event gives as a string is kept verbatim
 *   (`sentinel-cloud-json-text`).
 * - bool columns: a JSON boolean is kept; the strings "true"/"false" (CloudTrail writes mfaAuthenticated as a string,
 *   readOnly/managementEvent as booleans) become that boolean; anything else null (`sentinel-cloud-bool-text`).
 * - CidrIp/IpProtocol/SourcePort/DestinationPort: the first cidrIp/ipProtocol/fromPort/toPort under requestParameters
 *   (`sentinel-cloud-aws-security-group-keys`).
 * - Azure names: a documented column name is that column; the record's own lower-case-first names and
 *   `properties.<x>` land in the column of the same name up to case; other case variants name nothing
 *   (`sentinel-cloud-azure-names`). Exceptions with their own rows in AZURE_MAPPING: `time`
 *   (`sentinel-cloud-azure-time`), SigninLogs `callerIpAddress` (`sentinel-cloud-signin-caller-ip`), AzureActivity
 *   X/XValue pairs (`sentinel-cloud-activity-value-columns`), AzureActivity `properties` (Properties_d + Properties);
 *   AADUserRiskEvents' rows (`RISK_DETECTION_MAPPING`: the rule written out per Graph riskDetection field, the record's
 *   `tenantId` in no column, AdditionalInfo's JSON text as its value: `sentinel-cloud-risk-additional-info`).
 *
 * Left out of the rows: SourceSystem, TenantId, _BilledSize, _IsBillable, _ResourceId, _SubscriptionId (set by the
 * workspace or the connector, not by the event; SigninLogs' real SourceSystem is not the page's "Azure" example);
 * AwsRequestId (the page calls it deprecated in favour of AwsRequestId_); EC2RoleDelivery (its description repeats
 * SessionIssuerUserName's, so the page does not say what it holds); AzureActivity OperationName/Category/
 * ResourceProvider/ActivityStatus/ActivitySubstatus (no description: their *Value twins get the value); every raw
 * name no row or rule places (Sigma names that are no column: AuditLogs `Status`, `properties.message`,
 * `Initiatedby`, `Resultdescription`, ...; `message`, where keyword witnesses carry their text: these tables have no
 * free-text column, and which column would hold the text is the event's to say). `sentinelCloudPlacements` lists
 * where each raw key went.
 */
export function sentinelCloudRecords(event: RawEvent, source: EventSource): KqlRecord[] {
  const table = sentinelCloudTable(source);
  if (!table) return [];
  if (table === 'OktaV2_CL') return [{ table, row: oktaRow(event) }];
  if (table === 'GitHubAuditLogsV3_CL') return [{ table, row: githubRow(event) }];
  if (table === 'GCPAuditLogs') return [{ table, row: gcpAuditLogsRow(event) }];
  if (table === 'OfficeActivity') return [{ table, row: officeActivityRow(event) }];
  if (table === 'AKSAudit') return [{ table, row: aksAuditRow(event) }];
  const values = table === 'AWSCloudTrail' ? awsValues(flatEvent(event)) : azureValues(table, flatEvent(event));
  return [{ table, row: fullRow(table, values) }];
}

export type SentinelCloudTable = 'AWSCloudTrail' | AzureTable | ConnectorTable;
type AzureTable = 'SigninLogs' | 'AuditLogs' | 'AzureActivity' | 'AADUserRiskEvents';
type ConnectorTable = 'OktaV2_CL' | 'GitHubAuditLogsV3_CL' | 'GCPAuditLogs' | 'OfficeActivity' | 'AKSAudit';

/** The table a Sigma logsource's events land in; undefined for every other logsource. */
export function sentinelCloudTable(source: EventSource): SentinelCloudTable | undefined {
  if (source.product === 'aws' && (source.service === 'cloudtrail' || source.service === undefined)) return 'AWSCloudTrail';
  if (source.product === 'okta' && (source.service === 'okta' || source.service === undefined)) return 'OktaV2_CL';
  if (source.product === 'github' && (source.service === 'audit' || source.service === undefined)) return 'GitHubAuditLogsV3_CL';
  if (source.product === 'gcp' && source.service === 'gcp.audit') return 'GCPAuditLogs';
  // Sigma's other m365 services (threat_management, threat_detection, exchange) are alerts, not audit records.
  if (source.product === 'm365' && source.service === 'audit') return 'OfficeActivity';
  // Kubernetes API server audit events (SigmaHQ writes the logsource with and without `category: application`).
  if (source.product === 'kubernetes' && source.service === 'audit' && (source.category === undefined || source.category === 'application')) return 'AKSAudit';
  if (source.product !== 'azure') return undefined;
  if (source.service === 'signinlogs') return 'SigninLogs';
  if (source.service === 'auditlogs') return 'AuditLogs';
  if (source.service === 'activitylogs') return 'AzureActivity';
  if (source.service === 'riskdetection') return 'AADUserRiskEvents';
  return undefined;
}

/**
 * One row of a mapping table: raw name (dotted CloudTrail/record path; `a..b` is the first `b` anywhere under `a`) ->
 * column(s), with the page line it rests on.
 */
export interface CloudPlacement {
  readonly from: string;
  /** Empty: the name is deliberately placed in no column. */
  readonly columns: readonly string[];
  readonly cite: string;
  /** The assumption the row rests on beyond the cited line, if any. */
  readonly assumption?: string;
}

// ---------------------------------------------------------------------------------------------- AWSCloudTrail

const AWS_PAGE = 'awscloudtrail-include.md';
const aws = (from: string, column: string, line: number, phrase: string, extra?: string): CloudPlacement => ({
  from,
  columns: [column],
  cite: `${AWS_PAGE}:${line} ${column}: "${phrase}"`,
  ...(extra ? { assumption: extra } : {}),
});

/**
 * CloudTrail record key -> AWSCloudTrail column. The page's descriptions are AWS's own descriptions of the record
 * fields (e.g. :20 is eventCategory's, :54 eventTime's), which is what ties each column to its key.
 */
export const AWS_CLOUDTRAIL_MAPPING: readonly CloudPlacement[] = [
  aws('eventTime', 'TimeGenerated', 54, "An event's time stamp comes from the local host that provides the service API endpoint"),
  aws('eventVersion', 'EventVersion', 31, 'The version of the log event format'),
  aws('eventSource', 'EventSource', 29, 'The service that the request was made to'),
  aws('eventName', 'EventName', 28, 'The requested action'),
  aws('eventType', 'EventTypeName', 30, 'Identifies the type of event that generated the event record'),
  aws('eventCategory', 'Category', 20, 'Shows the event category that is used in LookupEvents calls'),
  aws('eventID', 'AwsEventId', 15, 'GUID generated by CloudTrail to uniquely identify each event'),
  aws('requestID', 'AwsRequestId_', 18, 'The value that identifies the request'),
  aws('sharedEventID', 'SharedEventId', 49, 'GUID generated by CloudTrail to uniquely identify CloudTrail events from the same AWS action'),
  aws('apiVersion', 'APIVersion', 14, 'Identifies the API version associated with the AwsApiCall eventType value'),
  aws('awsRegion', 'AWSRegion', 16, 'The AWS region that the request was made to'),
  aws('sourceIPAddress', 'SourceIpAddress', 50, 'The IP address that the request was made from'),
  aws('userAgent', 'UserAgent', 57, 'The agent through which the request was made'),
  aws('errorCode', 'ErrorCode', 26, 'The AWS service error if the request returns an error'),
  aws('errorMessage', 'ErrorMessage', 27, 'The error description when available'),
  aws('recipientAccountId', 'RecipientAccountId', 37, 'Represents the account ID that received this event'),
  aws('vpcEndpointId', 'VpcEndpointId', 65, 'Identifies the VPC endpoint'),
  aws('readOnly', 'ReadOnly', 36, 'Identifies whether this operation is a read-only operation', assumption('sentinel-cloud-bool-text').id),
  aws('managementEvent', 'ManagementEvent', 34, 'identifies whether the event is a management event', assumption('sentinel-cloud-bool-text').id),
  aws('userIdentity.type', 'UserIdentityType', 63, 'The type of the identity'),
  aws('userIdentity.arn', 'UserIdentityArn', 60, 'The Amazon Resource Name (ARN) of the principal that made the call'),
  aws('userIdentity.accountId', 'UserIdentityAccountId', 59, 'The account that owns the entity that granted permissions for the request'),
  aws('userIdentity.principalId', 'UserIdentityPrincipalid', 62, 'A unique identifier for the entity that made the call'),
  aws('userIdentity.userName', 'UserIdentityUserName', 64, 'The name of the identity that made the call'),
  aws('userIdentity.accessKeyId', 'UserIdentityAccessKeyId', 58, 'The access key ID that was used to sign the request'),
  aws('userIdentity.invokedBy', 'UserIdentityInvokedBy', 61, 'The name of the AWS service that made the request'),
  aws('userIdentity.sessionContext.sessionIssuer.type', 'SessionIssuerType', 46, 'The source of the temporary security credentials'),
  aws('userIdentity.sessionContext.sessionIssuer.arn', 'SessionIssuerArn', 44, 'The ARN of the source'),
  aws('userIdentity.sessionContext.sessionIssuer.accountId', 'SessionIssuerAccountId', 43, 'The account that owns the entity that was used to get credentials'),
  aws('userIdentity.sessionContext.sessionIssuer.principalId', 'SessionIssuerPrincipalId', 45, 'The internal ID of the entity that was used to get credentials'),
  aws('userIdentity.sessionContext.sessionIssuer.userName', 'SessionIssuerUserName', 47, 'The friendly name of the user or role that issued the session'),
  aws('userIdentity.sessionContext.attributes.mfaAuthenticated', 'SessionMfaAuthenticated', 48, 'authenticated with an MFA device', assumption('sentinel-cloud-bool-text').id),
  aws('userIdentity.sessionContext.attributes.creationDate', 'SessionCreationDate', 42, 'The date and time when the temporary security credentials were issued'),
  aws('tlsDetails.tlsVersion', 'TlsVersion', 55, 'Part of tlsDetails. The TLS version of a request'),
  aws('tlsDetails.cipherSuite', 'CipherSuite', 22, 'Part of tlsDetails. The cipher suite'),
  aws('tlsDetails.clientProvidedHostHeader', 'ClientProvidedHostHeader', 23, 'Part of tlsDetails. The client-provided host name'),
  // JSON objects/arrays in the record, string columns: JSON text.
  aws('requestParameters', 'RequestParameters', 38, 'The parameters, if any, that were sent with the request', assumption('sentinel-cloud-json-text').id),
  aws('responseElements', 'ResponseElements', 40, 'The response element for actions that make changes', assumption('sentinel-cloud-json-text').id),
  aws('additionalEventData', 'AdditionalEventData', 13, 'Additional data about the event that was not part of the request or response', assumption('sentinel-cloud-json-text').id),
  aws('resources', 'Resources', 39, 'A list of resources accessed in the event', assumption('sentinel-cloud-json-text').id),
  aws('serviceEventDetails', 'ServiceEventDetails', 41, 'Identifies the service event', assumption('sentinel-cloud-json-text').id),
  // Read out of requestParameters, as the page says (the EC2 IpPermission fields).
  aws('requestParameters..cidrIp', 'CidrIp', 21, 'The CIDR IP is located under RequestParameters in CloudTrail', assumption('sentinel-cloud-aws-security-group-keys').id),
  aws('requestParameters..ipProtocol', 'IpProtocol', 32, 'The IP protocol is located under RequestParameters in CloudTrail', assumption('sentinel-cloud-aws-security-group-keys').id),
  aws('requestParameters..fromPort', 'SourcePort', 51, 'The start of port range for the TCP and UDP protocols', assumption('sentinel-cloud-aws-security-group-keys').id),
  aws('requestParameters..toPort', 'DestinationPort', 24, 'The end of port range for the TCP and UDP protocols', assumption('sentinel-cloud-aws-security-group-keys').id),
];

/** Columns every AWSCloudTrail row has whatever the event: the page's constants. */
export const AWS_CLOUDTRAIL_CONSTANTS: readonly CloudPlacement[] = [
  { from: '(constant)', columns: ['OperationName'], cite: `${AWS_PAGE}:35 OperationName: "Constant value: CloudTrail"` },
  { from: '(constant)', columns: ['Type'], cite: `${AWS_PAGE}:56 Type: "The name of the table"` },
];

function awsValues(flat: Readonly<Record<string, unknown>>): Record<string, KqlValue> {
  const cols = kqlTableColumns('AWSCloudTrail')!;
  const values: Record<string, KqlValue> = { OperationName: 'CloudTrail', Type: 'AWSCloudTrail' };
  for (const p of AWS_CLOUDTRAIL_MAPPING) {
    if (p.assumption) assumption(p.assumption);
    const column = p.columns[0]!;
    const deep = /^(\w+)\.\.(\w+)$/.exec(p.from);
    const value = deep ? firstKey(gather(flat, deep[1]!), deep[2]!) : gather(flat, p.from);
    if (value !== undefined) values[column] = typed(cols[column]!, value);
  }
  return values;
}

/**
 * The value of a dotted path as the nested record holds it: the key itself, or the object its sub-keys make up
 * (a flattened `requestParameters.enable` is `{enable}` again).
 */
function gather(flat: Readonly<Record<string, unknown>>, path: string): unknown {
  const prefix = `${path}.`;
  const tails: Record<string, unknown> = {};
  let whole: unknown;
  let found = false;
  for (const [k, v] of Object.entries(flat)) {
    if (k === path) {
      whole = v;
      found = true;
    } else if (k.startsWith(prefix)) {
      tails[k.slice(prefix.length)] = v;
      found = true;
    }
  }
  if (!found) return undefined;
  if (Object.keys(tails).length === 0) return whole;
  return { ...(isObject(whole) ? whole : {}), ...nestKeys(tails) };
}

/** The first value of `key` met depth-first in a JSON value (objects in key order, arrays in order). */
function firstKey(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = firstKey(v, key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (key in value) return value[key];
  for (const v of Object.values(value)) {
    const found = firstKey(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------- Azure

/**
 * Raw names whose column is not the name itself (every other name follows `sentinel-cloud-azure-names`). `from` is
 * the head of a raw name (`properties` covers `properties.message`). AADUserRiskEvents' rows also write the rule out
 * for each Graph riskDetection field, so each one cites its column's line and phrase.
 */
export const AZURE_MAPPING: Readonly<Record<AzureTable, readonly CloudPlacement[]>> = {
  SigninLogs: [
    { from: 'time', columns: ['TimeGenerated'], cite: 'signinlogs-include.md:80 TimeGenerated (no description)', assumption: assumption('sentinel-cloud-azure-time').id },
    { from: 'callerIpAddress', columns: ['IPAddress'], cite: 'signinlogs-include.md:41 IPAddress: "The IP address of the client from where the sign-in occurred"', assumption: assumption('sentinel-cloud-signin-caller-ip').id },
  ],
  AuditLogs: [
    { from: 'time', columns: ['TimeGenerated'], cite: 'auditlogs-include.md:42 TimeGenerated: "Date and time the record was created"', assumption: assumption('sentinel-cloud-azure-time').id },
    // The envelope category is the log's own (AuditLogs); the audit category column is `properties.category`.
    { from: 'category', columns: [], cite: 'auditlogs-include.md:19 Category: "Currently Audit is the only supported value"', assumption: assumption('sentinel-cloud-azure-names').id },
  ],
  AzureActivity: [
    { from: 'time', columns: ['TimeGenerated'], cite: 'azureactivity-include.md:48 TimeGenerated: "Timestamp when the event was generated by the Azure service"', assumption: assumption('sentinel-cloud-azure-time').id },
    { from: 'operationName', columns: ['OperationNameValue'], cite: 'azureactivity-include.md:35 OperationNameValue: "Identifier of the operation e.g. Microsoft.Storage/storageAccounts/listAccountSas/action"', assumption: assumption('sentinel-cloud-activity-value-columns').id },
    { from: 'category', columns: ['CategoryValue'], cite: 'azureactivity-include.md:23 CategoryValue: "Category of the activity log e.g. Administrative, Policy, Security"', assumption: assumption('sentinel-cloud-activity-value-columns').id },
    { from: 'resourceProvider', columns: ['ResourceProviderValue'], cite: 'azureactivity-include.md:43 ResourceProviderValue: "Id of the resource provider for the impacted resource"', assumption: assumption('sentinel-cloud-activity-value-columns').id },
    { from: 'activityStatus', columns: ['ActivityStatusValue'], cite: 'azureactivity-include.md:14 ActivityStatusValue: "Status of the operation in display-friendly format"', assumption: assumption('sentinel-cloud-activity-value-columns').id },
    { from: 'activitySubstatus', columns: ['ActivitySubstatusValue'], cite: 'azureactivity-include.md:16 ActivitySubstatusValue: "Substatus of the operation in display-friendly format"', assumption: assumption('sentinel-cloud-activity-value-columns').id },
    // One blob, two columns: the page says the string one is the same set "Stored as string".
    ...['properties', 'Properties', 'Properties_d'].map((from) => ({ from, columns: ['Properties_d', 'Properties'], cite: 'azureactivity-include.md:37 Properties_d: "Stored as dynamic column"; :36 Properties: "Stored as string"', assumption: assumption('sentinel-cloud-json-text').id })),
    ...['authorization', 'Authorization', 'Authorization_d'].map((from) => ({ from, columns: ['Authorization_d', 'Authorization'], cite: 'azureactivity-include.md:18 Authorization_d: "Stored as dynamic column"; :17 Authorization: "Stored as string"', assumption: assumption('sentinel-cloud-json-text').id })),
    ...['claims', 'Claims', 'Claims_d'].map((from) => ({ from, columns: ['Claims_d', 'Claims'], cite: 'azureactivity-include.md:25 Claims_d: "The JWT token used by Active Directory"; :24 Claims: "claims_d should be preferred"', assumption: assumption('sentinel-cloud-json-text').id })),
  ],
  AADUserRiskEvents: RISK_DETECTION_MAPPING,
};

/** Where one raw key went: the columns (none: left out) and the page line or rule it rests on. */
export interface KeyPlacement {
  readonly key: string;
  readonly columns: readonly string[];
  readonly cite: string;
  /** The raw name's rank: 0 the column itself, 1 `properties.<x>`, 2 a record name up to case, 3 a mapping row. */
  readonly rank: number;
  /** The part of the key below the column (a property path of a dynamic value), '' for the whole value. */
  readonly tail: string;
}

/** Where each key of a raw event lands in its table (for reports and tests); [] for other logsources. */
export function sentinelCloudPlacements(event: RawEvent, source: EventSource): KeyPlacement[] {
  const table = sentinelCloudTable(source);
  if (!table) return [];
  if (table === 'OktaV2_CL') return oktaPlacements(event);
  if (table === 'GitHubAuditLogsV3_CL') return githubPlacements(event);
  if (table === 'GCPAuditLogs') return gcpPlacements(event);
  if (table === 'OfficeActivity') return officePlacements(event);
  if (table === 'AKSAudit') return aksPlacements(event);
  const flat = flatEvent(event);
  if (table !== 'AWSCloudTrail') return Object.keys(flat).map((k) => placeAzure(table, k));
  return Object.entries(flat).map(([key, value]) => {
    let tail = '';
    const hits = AWS_CLOUDTRAIL_MAPPING.filter((p) => {
      const [path, deep] = p.from.split('..') as [string, string | undefined];
      if (!key.startsWith(`${path}.`) && key !== path) return false;
      if (!deep) tail = key.slice(path.length + 1);
      // The security-group columns: the key is (or holds, inside an array) the field they are read from.
      return !deep || key.split('.').includes(deep) || firstKey(value, deep) !== undefined;
    });
    const cite = hits.length ? hits.map((p) => p.cite).join('; ') : 'no AWSCloudTrail column for this CloudTrail key';
    return { key, columns: hits.flatMap((p) => p.columns), cite, rank: 3, tail };
  });
}

function placeAzure(table: AzureTable, key: string): KeyPlacement {
  const [head, ...rest] = key.split('.');
  const tail = rest.join('.');
  const row = AZURE_MAPPING[table].find((p) => p.from === head);
  if (row) return { key, columns: row.columns, cite: row.cite, rank: 3, tail };
  const cols = tableColumnList(table)!;
  const line = (name: string): string => {
    const c = cols.find((x) => x.name === name)!;
    return `${c.file.split('/').pop()}:${c.line} ${name}`;
  };
  if (cols.some((c) => c.name === head)) return { key, columns: [head!], cite: line(head!), rank: 0, tail };
  // `properties.<x>`: the log's own columns under the diagnostic record's properties (AzureActivity's whole
  // properties object is its Properties_d row above).
  if (head === 'properties' && rest.length > 0) {
    const column = sameUpToCase(table, rest[0]!);
    return column
      ? { key, columns: [column], cite: `${line(column)} (properties.${rest[0]})`, rank: 1, tail: rest.slice(1).join('.') }
      : { key, columns: [], cite: `no ${table} column is named ${rest[0]}`, rank: 1, tail };
  }
  if (/^[a-z]/.test(head!)) {
    const column = sameUpToCase(table, head!);
    if (column) return { key, columns: [column], cite: `${line(column)} (${head})`, rank: 2, tail };
  }
  return { key, columns: [], cite: `no ${table} column is named ${head}`, rank: 0, tail };
}

/** The documented column whose name equals `name` ignoring case (ipAddress -> IPAddress); undefined if none or several. */
function sameUpToCase(table: string, name: string): string | undefined {
  const hits = tableColumnList(table)!.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return hits.length === 1 ? hits[0]!.name : undefined;
}

function azureValues(table: AzureTable, flat: Readonly<Record<string, unknown>>): Record<string, KqlValue> {
  assumption('sentinel-cloud-azure-names');
  const cols = kqlTableColumns(table)!;
  // Column -> the raw parts landing there; applied mapping rows first and the column's own name last, so it wins.
  const parts = new Map<string, { tail: string; value: unknown; rank: number }[]>();
  for (const [key, value] of Object.entries(flat)) {
    const p = placeAzure(table, key);
    const row = p.rank === 3 ? AZURE_MAPPING[table].find((r) => r.from === key.split('.')[0]) : undefined;
    if (row?.assumption) assumption(row.assumption);
    for (const column of p.columns) {
      const list = parts.get(column) ?? [];
      list.push({ tail: p.tail, value, rank: p.rank });
      parts.set(column, list);
    }
  }
  const values: Record<string, KqlValue> = {};
  for (const [column, list] of parts) {
    list.sort((a, b) => b.rank - a.rank);
    const wholes = list.filter((x) => x.tail === '');
    const tails = list.filter((x) => x.tail !== '');
    const whole = wholes.length ? wholes[wholes.length - 1]!.value : undefined;
    const value = tails.length === 0 ? whole : { ...(isObject(whole) ? whole : {}), ...nestKeys(Object.fromEntries(tails.map((x) => [x.tail, x.value]))) };
    values[column] = typed(cols[column]!, value);
  }
  if (table === 'AADUserRiskEvents' && 'AdditionalInfo' in values) values['AdditionalInfo'] = additionalInfoValue(values['AdditionalInfo']!);
  // Type: "The name of the table" (signinlogs-include.md:83, auditlogs-include.md:43, azureactivity-include.md:49,
  // aaduserriskevents-include.md:36).
  values['Type'] = table;
  return values;
}

// ---------------------------------------------------------------------------------------------- values

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** A raw value as the documented column type holds it (columnValue), with the assumptions of these tables' forms. */
function typed(type: KqlType, value: unknown): KqlValue {
  if (value !== undefined && (type === 'string' || type === 'guid') && value !== null && typeof value === 'object') assumption('sentinel-cloud-json-text');
  if (value !== undefined && type === 'bool') assumption('sentinel-cloud-bool-text');
  return columnValue(type, value);
}
