// Microsoft Sentinel's tables for cloud and identity logs: AWS CloudTrail, Entra ID sign-in and audit logs, Entra ID
// Protection's risk detections, Azure activity logs, Microsoft 365's audit log, Google Cloud audit logs, Okta's System
// Log, GitHub's audit log and an AKS cluster's Kubernetes audit log.
// Columns are the generated ones (Microsoft's table pages: azure-reference-other
// azure-monitor-ref/tables/includes/<table>-include.md), or transcribed where the page is not in the vendor snapshot or
// the table is a connector's own (AADUserRiskEvents, GCPAuditLogs, AKSAudit, OktaV2_CL, GitHubAuditLogsV3_CL:
// tables/*.ts, whose schemas the pipeline gives the backend); a field named as a column needs no mapping, and any other
// field is an unmapped-field error.
import { CLOUD_TABLE_COLUMNS } from '../generated/subpath-table-columns.js';
import { generatedTable, schemaOf } from '../tables/generated.js';
import { AKS_AUDIT_FIELDS, AKS_AUDIT_LIST_PARTS, AKS_AUDIT_PARTS, aksAuditPart, aksAuditTable } from '../tables/aks.js';
import { gcpAuditTable } from '../tables/gcp.js';
import { GITHUB_FIELDS, githubAuditTable } from '../tables/github.js';
import { debugDataField, OKTA_DEBUG_DATA_KEYS, OKTA_FIELDS, oktaTable } from '../tables/okta.js';
import { userRiskEventsTable } from '../tables/risk-events.js';
import type { TableSchema } from '../tables/types.js';
import { keywordRefusal, serviceItems, SOURCE_OVERRIDE, tableSchemaItem, type ServiceMapping } from './build.js';

/**
 * The schemas of the tables this pipeline reads, which it gives the backend: the generated rows of the main entry hold
 * none of them. Transcribed where no generated row holds the table, and AWSCloudTrail's generated one with the JSON
 * parts it reads out (cloudTrailTable).
 */
const GIVEN: Readonly<Record<string, () => TableSchema>> = {
  // The generated tables only this subpath reads (generated/subpath-table-columns.ts): the main entry has no row of them.
  ...Object.fromEntries(CLOUD_TABLE_COLUMNS.map(([table]) => [table, () => schemaOf(table, {}, CLOUD_TABLE_COLUMNS)])),
  AADUserRiskEvents: userRiskEventsTable,
  GCPAuditLogs: gcpAuditTable,
  OktaV2_CL: oktaTable,
  GitHubAuditLogsV3_CL: githubAuditTable,
  AKSAudit: aksAuditTable,
  AWSCloudTrail: cloudTrailTable,
};

/** The schemas GIVEN makes, for those that check queries or mappings against them (the validator, the tests). */
export function cloudTableSchemas(): TableSchema[] {
  return Object.values(GIVEN).map((schema) => schema());
}

/**
 * A refusal's detection-item conditions that spare a test of the whole value with `|contains` (every value `*text*`)
 * or for null: what a text made of a structure (JSON, a dynamic value) can answer.
 */
const UNLESS_CONTAINS_OR_NULL = {
  detection_item_conditions: [
    { type: 'match_string', cond: 'all', pattern: '^\\*([\\s\\S]*[^\\\\])?\\*$' },
    { type: 'is_null', cond: 'all' },
  ],
  detection_item_cond_op: 'or',
  detection_item_cond_not: true,
} as const;

/** The tables whose rules name columns by the Azure diagnostic-settings record's names (azureFields). */
const AZURE_TABLES = new Set(['SigninLogs', 'AuditLogs', 'AADUserRiskEvents', 'AzureActivity']);

/**
 * Google Cloud audit log names -> GCPAuditLogs columns. The page describes each column as Google describes the LogEntry
 * or AuditLog field it holds: MethodName "The name of the service method or operation. For API calls, this should be
 * the name of the API method." (gcpauditlogs-include.md:22) is AuditLog's methodName, ServiceName (:32) serviceName,
 * GCPResourceName (:16) resourceName, PrincipalEmail (:24) authenticationInfo.principalEmail, LogName (:20), InsertId
 * (:18) and Severity (:33) the LogEntry's (its times are datetime columns, whose text is not the entry's: not mapped),
 * GCPResourceType "such as 'pubsub_subscription'" (:17) and ProjectId "such as \"my-project\"" (:25) the monitored
 * resource's type and project_id label. Sigma's rules write
 * them three ways: the LogEntry's own paths (`protoPayload.methodName`), the same under a `data` envelope
 * (`data.protoPayload.methodName`), and the names of Elastic's GCP audit integration (`gcp.audit.method_name`).
 */
const GCP_ENTRY =
  'protoPayload.methodName=MethodName protoPayload.serviceName=ServiceName protoPayload.resourceName=GCPResourceName ' +
  'protoPayload.authenticationInfo.principalEmail=PrincipalEmail protoPayload.authenticationInfo=AuthenticationInfo ' +
  'protoPayload.authorizationInfo=AuthorizationInfo protoPayload.numResponseItems=NumResponseItems protoPayload.request=Request ' +
  'protoPayload.response=Response protoPayload.metadata=Metadata protoPayload.requestMetadata=RequestMetadata ' +
  'protoPayload.resourceLocation=ResourceLocation protoPayload.resourceOriginalState=ResourceOriginalState ' +
  'protoPayload.serviceData=ServiceData protoPayload.status=Status logName=LogName insertId=InsertId severity=Severity ' +
  'resource.type=GCPResourceType resource.labels.project_id=ProjectId';
const GCP_FIELDS = [
  GCP_ENTRY,
  GCP_ENTRY.split(' ').map((f) => `data.${f}`).join(' '),
  'gcp.audit.method_name=MethodName gcp.audit.service_name=ServiceName gcp.audit.resource_name=GCPResourceName ' +
    'gcp.audit.authentication_info.principal_email=PrincipalEmail gcp.audit.num_response_items=NumResponseItems',
].join(' ');

/** A table's columns, as the pipeline gives them. */
function columnsOf(table: string): Readonly<Record<string, string>> {
  return GIVEN[table]!().columns;
}

/**
 * The CloudTrail elements AWSCloudTrail keeps as string columns (RequestParameters :38, ResponseElements :40,
 * AdditionalEventData :13, Resources :39, ServiceEventDetails :41). The page does not give their text form; Microsoft's
 * own Sentinel analytics read them as JSON (`tostring(parse_json(RequestParameters).roleName)`, Azure-Sentinel's AWS
 * detections), the form the connector copies from CloudTrail's record (assumption sentinel-cloud-cloudtrail-json):
 *
 * - the element as a whole is that JSON text: `|contains` tests it; no value equals, starts or ends it;
 * - a part SigmaHQ's rules read (CLOUDTRAIL_PARTS) is read out of it as text, once with `extend`;
 * - any other part (one under a list, such as requestParameters.containerDefinitions.command) is refused.
 */
const CLOUDTRAIL_ELEMENTS: Readonly<Record<string, string>> = {
  requestParameters: 'RequestParameters',
  responseElements: 'ResponseElements',
  additionalEventData: 'AdditionalEventData',
  resources: 'Resources',
  serviceEventDetails: 'ServiceEventDetails',
};
const CLOUDTRAIL_PARTS = [
  'requestParameters.enable',
  'requestParameters.attribute',
  'requestParameters.layers',
  'responseElements.ConsoleLogin',
  'responseElements.publiclyAccessible',
  'responseElements.pendingModifiedValues.masterUserPassword',
  'additionalEventData.MFAUsed',
];

/**
 * A part's computed field, dynamic: `RequestParameters_enable` = `parse_json(RequestParameters).enable`. A value test
 * reads its text (tostring); a presence test (`|contains: '*'`) tells a part the element has, even empty, from one it
 * lacks (null), which a text could not.
 */
function cloudTrailPart(path: string): [field: string, expr: string] {
  const [element, ...rest] = path.split('.');
  const column = CLOUDTRAIL_ELEMENTS[element!]!;
  return [`${column}_${rest.join('_')}`, `parse_json(${column}).${rest.join('.')}`];
}

/** AWSCloudTrail's generated schema with the parts' computed fields, given to the backend by the pipeline. */
export function cloudTrailTable(): TableSchema {
  const parts = CLOUDTRAIL_PARTS.map(cloudTrailPart);
  return {
    name: 'AWSCloudTrail',
    columns: generatedTable('AWSCloudTrail', CLOUD_TABLE_COLUMNS).columns,
    timeColumn: 'TimeGenerated',
    computed: Object.fromEntries(parts),
    computedTypes: Object.fromEntries(parts.map(([field]) => [field, 'dynamic'])),
  };
}

/** The whole elements, and the parts this pipeline does not read out. */
const CLOUDTRAIL_ELEMENT = `^(${Object.keys(CLOUDTRAIL_ELEMENTS).join('|')})$`;
const CLOUDTRAIL_OTHER_PART = `^(${Object.keys(CLOUDTRAIL_ELEMENTS).join('|')})\\..+$`;

/**
 * Which fields each table answers, and how: a field reads the table's column of the same name, ignoring case, once the
 * prefix its source adds is dropped (`properties.`, `tlsDetails.`, `userIdentity.sessionContext.`), or the column
 * named after `=`. Columns are as the table pages describe them (azure-monitor-ref/tables/includes/<table>-include.md).
 *
 * - AWSCloudTrail: a CloudTrail record's fields. EventName "The requested action" (awscloudtrail-include.md:28),
 *   EventSource (:29), EventTypeName "AwsApiCall, AwsServiceEvent, AwsConsoleAction, AwsConsoleSignIn" (:30), AwsEventId
 *   "GUID generated by CloudTrail" (:15), AwsRequestId_ (:18; the column without the underscore is deprecated, :17),
 *   Category "the event category that is used in LookupEvents calls" (:20), ReadOnly (:36) and ManagementEvent (:34)
 *   are bool, the userIdentity columns (:58-:64), the session issuer's (:43-:47), the TLS details' (:22, :23, :55).
 * - SigninLogs, AuditLogs: Sigma's rules name the columns (`ResultType`, `ActivityDisplayName`: no mapping needed),
 *   and some use the diagnostic-settings record's own names for the same values, its envelope (`resultType`,
 *   `operationName`) or the columns in camel case under `properties`: every column is read by those names too
 *   (azureFields). `category` is left out: the envelope's is the log's name, not the column's value.
 * - AzureActivity: its columns by the record's envelope names (`callerIpAddress`); the record's `operationName` is
 *   the operation's identifier (`MICROSOFT.NETWORK/.../WRITE`), which the page gives as OperationNameValue, "Identifier of the operation e.g.
 *   Microsoft.Storage/storageAccounts/listAccountSas/action" (azureactivity-include.md:35).
 */
export const CLOUD_SOURCES: readonly (readonly [service: string, product: string, table: string, fields: string])[] = [
  [
    'cloudtrail',
    'aws',
    'AWSCloudTrail',
    'eventName eventSource eventVersion eventType=EventTypeName eventID=AwsEventId eventCategory=Category requestID=AwsRequestId_ ' +
      'errorCode errorMessage userAgent sourceIPAddress awsRegion recipientAccountId readOnly managementEvent sharedEventID ' +
      'vpcEndpointId apiVersion userIdentity.type userIdentity.arn userIdentity.accountId userIdentity.principalId ' +
      'userIdentity.userName userIdentity.accessKeyId userIdentity.invokedBy userIdentity.sessionContext.sessionIssuer.type ' +
      'userIdentity.sessionContext.sessionIssuer.arn userIdentity.sessionContext.sessionIssuer.accountId ' +
      'userIdentity.sessionContext.sessionIssuer.principalId userIdentity.sessionContext.sessionIssuer.userName ' +
      'tlsDetails.tlsVersion tlsDetails.cipherSuite tlsDetails.clientProvidedHostHeader ' +
      Object.entries(CLOUDTRAIL_ELEMENTS).map(([name, column]) => `${name}=${column}`).join(' ') + ' ' +
      CLOUDTRAIL_PARTS.map((p) => `${p}=${cloudTrailPart(p)[0]}`).join(' '),
  ],
  // The Azure tables' own lists are their columns in the record's spelling (azureFields); these are the exceptions.
  ['signinlogs', 'azure', 'SigninLogs', ''],
  ['auditlogs', 'azure', 'AuditLogs', ''],
  // Entra ID Protection's risk detections: the user risk events (RiskEventType "The type of risk event detected",
  // aaduserriskevents-include.md:28); service principals' are another table, which no Sigma service names.
  ['riskdetection', 'azure', 'AADUserRiskEvents', ''],
  ['activitylogs', 'azure', 'AzureActivity', 'operationName=OperationNameValue category=CategoryValue resourceProvider=ResourceProviderValue activityStatus=ActivityStatusValue activitySubstatus=ActivitySubstatusValue'],
  ['gcp.audit', 'gcp', 'GCPAuditLogs', GCP_FIELDS],
  // Microsoft 365's unified audit log: the Office 365 Management Activity record's properties are OfficeActivity's
  // columns of the same name (Operation, ResultStatus, Parameters, OperationProperties, UserId, ClientIP), except the
  // two the page prefixes: OfficeWorkload "The Office 365 service where the activity occurred" (officeactivity-include.md:98)
  // is the record's Workload, and OfficeObjectId "For SharePoint and OneDrive for Business activity" (:96) its ObjectId.
  ['audit', 'm365', 'OfficeActivity', 'Workload=OfficeWorkload ObjectId=OfficeObjectId'],
  // The System Log event's keys where the Okta connector's transform puts them (tables/okta.ts), and the debugData
  // keys read out of DebugData.
  ['okta', 'okta', 'OktaV2_CL', `${OKTA_FIELDS} ${OKTA_DEBUG_DATA_KEYS.map((k) => `debugContext.debugData.${k}=${debugDataField(k)}`).join(' ')}`],
  ['audit', 'github', 'GitHubAuditLogsV3_CL', GITHUB_FIELDS.split(',').map((p) => p.split(':')[0]).join(' ')],
  // The Kubernetes API server's audit events (audit.k8s.io/v1 Event) of an AKS cluster, in AKSAudit (tables/aks.ts):
  // the event's fields are the columns described as them, and the keys of objectRef, responseStatus and user are read
  // out of their dynamic columns (`objectRef.resource` is `ObjectRef.resource`).
  ['audit', 'kubernetes', 'AKSAudit', `${AKS_AUDIT_FIELDS} ${AKS_AUDIT_PARTS.map((p) => `${p}=${aksAuditPart(p)[0]}`).join(' ')}`],
];

/** A source's fields (CLOUD_SOURCES' text, and for Azure its columns in the record's spelling) -> their columns. */
export function cloudFields(table: string, fields: string): Record<string, string> {
  const byLower = new Map(Object.keys(columnsOf(table)).map((c) => [c.toLowerCase(), c]));
  const out: Record<string, string> = AZURE_TABLES.has(table) ? azureFields(table) : {};
  for (const f of fields ? fields.split(' ') : []) {
    const [name, column] = f.split('=') as [string, string?];
    const key = name.replace(/^(properties|tlsDetails|userIdentity\.sessionContext)\./, '').replaceAll('.', '').toLowerCase();
    out[name] = column ?? byLower.get(key) ?? name;
  }
  return out;
}

/** A column's name in the diagnostic-settings record: camel case, a leading acronym lower-cased (IPAddress -> ipAddress). */
export function recordName(column: string): string {
  const head = /^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/.exec(column)?.[0] ?? '';
  return head.toLowerCase() + column.slice(head.length);
}

/** Columns no record name reads: the workspace's (TenantId "The Log Analytics workspace ID", SourceSystem, Type, TimeGenerated, `_*`). */
const WORKSPACE_COLUMNS = /^(_.*|TenantId|SourceSystem|Type|TimeGenerated)$/;
/**
 * AzureActivity's columns no record name reads: its text and dynamic blobs (Properties, Authorization, Claims,
 * HTTPRequest: their text form is not documented), and the plain twins of its `…Value` columns, which the page leaves
 * undescribed (the record's names read the `…Value` ones: CLOUD_SOURCES).
 */
const ACTIVITY_UNNAMED = /^(Properties(_d)?|Authorization(_d)?|Claims(_d)?|HTTPRequest|OperationName|Category|ResourceProvider|ActivityStatus|ActivitySubstatus)$/;

/**
 * SigninLogs', AuditLogs' and AADUserRiskEvents' columns, and AzureActivity's, by the diagnostic-settings record's names
 * for them (assumption sentinel-cloud-azure-record-names): `resultType`, `riskEventType`, and under `properties` (the
 * first three are the record's properties as columns) `properties.appId`; the audit category is `properties.category`.
 */
function azureFields(table: string): Record<string, string> {
  const out: Record<string, string> = {};
  const flattened = table !== 'AzureActivity';
  for (const column of Object.keys(columnsOf(table))) {
    if (WORKSPACE_COLUMNS.test(column) || (!flattened && ACTIVITY_UNNAMED.test(column))) continue;
    const name = recordName(column);
    // The envelope's `category` is the log's name ("AuditLogs"), not the column's value.
    if (column !== 'Category') out[name] = column;
    if (flattened) out[`properties.${name}`] = column;
  }
  return out;
}

/**
 * String columns whose text is an object or a list, not one value: each `[what it is, where the page says so]`. No value
 * equals that text, or starts or ends it, and a pattern or a regular expression written for one value does not fit it
 * as a whole; only `|contains` (and a null test) can answer, as for CloudTrail's JSON elements and the dynamic columns.
 *
 * - AzureActivity: the record's blobs kept as text beside their dynamic twins (Authorization_d, Claims_d,
 *   Properties_d: dynamic, azureactivity-include.md:18,:25,:37). No record name reads them (ACTIVITY_UNNAMED): only
 *   their column names do.
 * - OfficeActivity: Collection-typed properties of the Office 365 Management Activity record (its schema,
 *   MicrosoftDocs/office-365-management-api office-365-management-activity-api-schema.md @ 61be337c: Parameters
 *   "Collection(Common.NameValuePair)" :598, ExtendedProperties the same :685, ModifiedProperties
 *   "Collection(ModifiedProperty)" :517), whose descriptions the page copies; the page types all three string.
 * - SigninLogs: the two string columns the page describes as lists.
 */
const STRUCTURE_TEXT: Readonly<Record<string, Readonly<Record<string, readonly [what: string, cite: string]>>>> = {
  AzureActivity: {
    Authorization: ['a blob of RBAC properties', '"Blob of RBAC properties of the event ... Stored as string", azureactivity-include.md:17'],
    Claims: ["the JWT token's claims", '"The JWT token used by Active Directory ...", azureactivity-include.md:24, dynamic as Claims_d :25'],
    HTTPRequest: ['a blob describing the HTTP request', '"Blob describing the Http Request. Usually includes the "clientRequestId", ...", azureactivity-include.md:30'],
    Properties: ['a set of key-value pairs', '"Set of <Key Value> pairs (i.e. Dictionary) ... Stored as string", azureactivity-include.md:36'],
  },
  OfficeActivity: {
    Parameters: ["the cmdlet's name-value pairs", '"The name and value for all parameters ...", officeactivity-include.md:106; Collection(Common.NameValuePair) in the Management Activity schema'],
    ModifiedProperties: ['the modified properties', 'officeactivity-include.md:92; Collection(ModifiedProperty) in the Management Activity schema'],
    ExtendedProperties: ['the extended properties', '"The extended properties of the Azure AD event", officeactivity-include.md:65; Collection(Common.NameValuePair) in the Management Activity schema'],
  },
  SigninLogs: {
    RiskEventTypes_V2: ['a list of risk event types', '"The list of risk event types associated with the sign-in", signinlogs-include.md:68'],
    AuthenticationContextClassReferences: ['a collection of authentication contexts', '"Contains a collection of values ...", signinlogs-include.md:19'],
  },
};

/**
 * OfficeActivity's enum columns: RecordType "The type of operation indicated by the record. See the AuditLogRecordType
 * table ..." (officeactivity-include.md:107) and UserType "... See the UserType table ..." (:145) are string columns,
 * where the page types InternalLogonType int (:71), which the Management Activity schema types as an enum too
 * (Self.LogonType, @ 61be337c:609); Microsoft's own Sentinel rule tests the members' names (`RecordType =~
 * "ExchangeAdmin"`, `UserType in~ ("Admin","DcAdmin")`, Azure-Sentinel Detections/OfficeActivity/office_policytampering.yaml
 * @ 14e70192). The Management Activity record gives the members' numbers (RecordType Self.AuditLogRecordType :76,
 * UserType Self.UserType :80; "Enum: AuditLogRecordType - Type: Edm.Int32" :90): a number compared as text matches no
 * name, and the backend keeps no copy of the enum tables to translate it, so a numeric value is refused and a name
 * converts as written. `[enum table, page line, an example from the schema's tables (:96, :233)]`.
 */
const OFFICE_ENUM_NAMES: Readonly<Record<string, readonly [table: string, line: number, example: string]>> = {
  RecordType: ['AuditLogRecordType', 107, 'ExchangeAdmin, not 1'],
  UserType: ['UserType', 145, 'Admin, not 2'],
};

/** The fields of a source that read `column`: its own name and the names mapped to it. */
function namesOf(column: string, mapped: Readonly<Record<string, string>>): string[] {
  return [...new Set([column, ...Object.keys(mapped).filter((f) => mapped[f] === column)])];
}

/** The keys read out of a dynamic column that are a list or an object themselves (a Kubernetes user's groups). */
const DYNAMIC_PARTS: Readonly<Record<string, readonly string[]>> = { AKSAudit: AKS_AUDIT_LIST_PARTS };

/**
 * The fields of a source that read a dynamic value of `table`: its dynamic columns by their own names, the names mapped
 * to them, and the keys read out of one that are lists or objects (DYNAMIC_PARTS).
 */
function dynamicFields(table: string, mapped: Readonly<Record<string, string>>): string[] {
  const columns = columnsOf(table);
  const dynamic = Object.keys(columns).filter((c) => columns[c] === 'dynamic');
  return [...dynamic, ...Object.entries(mapped).filter(([, c]) => dynamic.includes(c)).map(([f]) => f), ...(DYNAMIC_PARTS[table] ?? [])];
}

/**
 * Names SigmaHQ's Kubernetes rules give parts of a pod's spec, which are no field of the audit event: what they name,
 * and where the spec holds it.
 */
const POD_SPEC_FIELDS: Readonly<Record<string, readonly [what: string, path: string]>> = {
  hostPath: ["a pod's hostPath volumes are", 'requestObject.spec.volumes[].hostPath'],
  capabilities: ["a pod's containers' capabilities are", 'requestObject.spec.containers[].securityContext.capabilities'],
};

/** The rule condition of the Kubernetes audit rules. */
const KUBERNETES_AUDIT = { type: 'logsource', product: 'kubernetes', service: 'audit' } as const;

/** The rule condition that selects a source's rules. */
const logsourceOf = ({ service, product }: { readonly service: string; readonly product: string }) => ({ type: 'logsource', product, service });

export const CLOUD_PIPELINE = {
  name: 'sentinel_cloud',
  priority: 5,
  allowed_backends: ['kql'],
  // Built on first use (the pipeline is parsed lazily), not when the backend loads.
  get transformations() {
    const sources = CLOUD_SOURCES.map(([service, product, table, fields]) => ({ service, product, table, fields: cloudFields(table, fields) }));
    return [
      SOURCE_OVERRIDE,
      ...Object.entries(GIVEN).map(([table, schema]) =>
        tableSchemaItem(`cloud_${table.toLowerCase()}_schema`, schema(), sources.filter((s) => s.table === table).map(logsourceOf)),
      ),
      {
        // As for a dynamic column.
        id: 'cloud_cloudtrail_json_whole_value',
        type: 'detection_item_failure',
        message: 'AWSCloudTrail keeps this CloudTrail element as its JSON text: it never equals, starts or ends with a value; only `|contains` tests it',
        field_name_conditions: [{ type: 'include_fields', mode: 're', fields: [CLOUDTRAIL_ELEMENT] }],
        ...UNLESS_CONTAINS_OR_NULL,
        rule_conditions: [{ type: 'logsource', product: 'aws', service: 'cloudtrail' }],
      },
      {
        // JSON escapes a quote or backslash of a value, and a nested JSON string (an IAM policy document in
        // requestParameters.policyDocument) holds them escaped twice: the value as the rule writes it is not in the text.
        id: 'cloud_cloudtrail_json_escaped',
        type: 'detection_item_failure',
        message: "AWSCloudTrail keeps this CloudTrail element as its JSON text, where a value's \" or \\ is escaped (twice inside a nested JSON string such as a policy document): the value as written is not found in it",
        field_name_conditions: [{ type: 'include_fields', mode: 're', fields: [CLOUDTRAIL_ELEMENT] }],
        detection_item_conditions: [{ type: 'match_string', cond: 'any', pattern: '[\\s\\S]*["\\\\]' }],
        rule_conditions: [{ type: 'logsource', product: 'aws', service: 'cloudtrail' }],
      },
      {
        id: 'cloud_cloudtrail_json_parts',
        type: 'detection_item_failure',
        message: `AWSCloudTrail keeps this CloudTrail element as its JSON text, of which this pipeline reads out ${CLOUDTRAIL_PARTS.join(', ')} (a part under a list would need every element tested); \`|contains\` on the whole element tests its text`,
        field_name_conditions: [
          { type: 'include_fields', mode: 're', fields: [CLOUDTRAIL_OTHER_PART] },
          { type: 'exclude_fields', fields: CLOUDTRAIL_PARTS },
        ],
        rule_conditions: [{ type: 'logsource', product: 'aws', service: 'cloudtrail' }],
      },
      {
        // `OriginalTarget = target`: the event's targets, a list of objects (Okta's LogEvent `target` array), in one
        // dynamic column. A test of one target's field would need a test of every element.
        id: 'cloud_okta_target_list',
        type: 'detection_item_failure',
        message: "OktaV2_CL keeps the event's targets as one list (OriginalTarget): a target's field is no column; `target|contains` tests the list's JSON text",
        field_name_conditions: [{ type: 'include_fields', mode: 're', fields: ['^target\\..+$'] }],
        rule_conditions: [{ type: 'logsource', product: 'okta', service: 'okta' }],
      },
      {
        // AuthorizationInfo: "there is one AuthorizationInfo element for each {resource, permission} tuple"
        // (gcpauditlogs-include.md:14): a list, whose elements' fields are no column.
        id: 'cloud_gcp_authorization_list',
        type: 'detection_item_failure',
        message: 'GCPAuditLogs keeps authorizationInfo as one list (AuthorizationInfo, an element per resource and permission): an element\'s field is no column; `authorizationInfo|contains` tests the list\'s JSON text',
        field_name_conditions: [{ type: 'include_fields', mode: 're', fields: ['^(data\\.)?protoPayload\\.authorizationInfo\\..+$'] }],
        rule_conditions: [{ type: 'logsource', product: 'gcp', service: 'gcp.audit' }],
      },
      {
        // The audit.k8s.io/v1 Event has no apiGroup of its own: the API group is the requested object's, in objectRef.
        id: 'cloud_kubernetes_api_group',
        type: 'detection_item_failure',
        message: 'a Kubernetes audit event has no field apiGroup: the API group of the object a request is for is objectRef.apiGroup (in AKSAudit\'s ObjectRef)',
        field_name_conditions: [{ type: 'include_fields', fields: ['apiGroup'] }],
        rule_conditions: [KUBERNETES_AUDIT],
      },
      // A pod's volumes and its containers' security contexts are in the pod spec the request carries (the Event's
      // requestObject), lists of which no column holds an element.
      ...Object.entries(POD_SPEC_FIELDS).map(([field, [what, path]]) => ({
        id: `cloud_kubernetes_pod_spec_${field.toLowerCase()}`,
        type: 'detection_item_failure',
        message: `a Kubernetes audit event has no field ${field}: ${what} in the pod spec of the request (${path}), a list inside AKSAudit's dynamic RequestObject of which this pipeline reads no element; \`requestObject|contains\` tests its JSON text`,
        field_name_conditions: [{ type: 'include_fields', fields: [field] }],
        rule_conditions: [KUBERNETES_AUDIT],
      })),
      {
        id: 'cloud_kubernetes_objects',
        type: 'detection_item_failure',
        message: "AKSAudit keeps the request's and the response's Kubernetes objects and the annotations as dynamic values (RequestObject, ResponseObject, Annotations), of which this pipeline reads no part (a pod spec's volumes and containers are lists); `|contains` on the whole tests its JSON text",
        field_name_conditions: [{ type: 'include_fields', mode: 're', fields: ['^(requestObject|responseObject|annotations)\\..+$'] }],
        rule_conditions: [KUBERNETES_AUDIT],
      },
      keywordRefusal(
        'cloud_keywords',
        "Sentinel keeps a cloud log's fields as columns, and a keyword says none of them: the query would search every column for text that may sit in a field these tables do not keep; test the field instead (an activity log's operation is operationName)",
        sources.map(logsourceOf),
      ),
      ...sources.map(({ service, product, table, fields }) => ({
        // A dynamic column holds an object or a list (SigninLogs' Status "Includes the error code and description of
        // the error", signinlogs-include.md:79): no text equals it, or starts or ends it; only its JSON text can
        // contain one. `Status: 'Success'` would never match.
        id: `cloud_${service}_dynamic_whole_value`,
        type: 'detection_item_failure',
        message: `${table} keeps this field as a dynamic value (an object or a list): it never equals, starts or ends with a text; only \`|contains\` tests its JSON text`,
        field_name_conditions: [{ type: 'include_fields', fields: dynamicFields(table, fields) }],
        ...UNLESS_CONTAINS_OR_NULL,
        rule_conditions: [{ type: 'logsource', product, service }],
      })).filter((item) => item.field_name_conditions[0]!.fields.length > 0),
      // A string column holding an object's or a list's text (STRUCTURE_TEXT): as for a dynamic column.
      ...sources.flatMap(({ service, product, table, fields }) =>
        Object.entries(STRUCTURE_TEXT[table] ?? {}).map(([column, [what, cite]]) => ({
          id: `cloud_${table.toLowerCase()}_${column.toLowerCase()}_text_whole_value`,
          type: 'detection_item_failure',
          message: `${table} keeps ${column} as the text of ${what} (${cite}): it never equals, starts or ends with a value, nor does a pattern or regular expression fit it whole; only \`|contains\` tests its text`,
          field_name_conditions: [{ type: 'include_fields', fields: namesOf(column, fields) }],
          ...UNLESS_CONTAINS_OR_NULL,
          rule_conditions: [{ type: 'logsource', product, service }],
        })),
      ),
      // OFFICE_ENUM_NAMES: a number is made text first (a bool too, which a string column compares as text anyway), so
      // that one test refuses `RecordType: 1` and `RecordType: '1'`.
      ...sources
        .filter(({ table }) => table === 'OfficeActivity')
        .flatMap(({ service, product, fields }) =>
          Object.entries(OFFICE_ENUM_NAMES).flatMap(([column, [enumTable, line, example]]) => {
            const when = { field_name_conditions: [{ type: 'include_fields', fields: namesOf(column, fields) }], rule_conditions: [{ type: 'logsource', product, service }] };
            return [
              { id: `cloud_office_${column.toLowerCase()}_number_text`, type: 'convert_type', target_type: 'str', ...when },
              {
                id: `cloud_office_${column.toLowerCase()}_number`,
                type: 'detection_item_failure',
                message: `OfficeActivity keeps ${column} as the name of the ${enumTable} member (a string column: "See the ${enumTable} table", officeactivity-include.md:${line}), not its number: a number never matches; write the member's name (${example})`,
                detection_item_conditions: [{ type: 'match_string', cond: 'any', pattern: '^-?[0-9]+([.][0-9]+)?$' }],
                ...when,
              },
            ];
          }),
        ),
      ...sources.flatMap(({ service, product, table, fields }) => serviceItems('cloud', service, { product, table, fields } satisfies ServiceMapping)),
    ];
  },
};
