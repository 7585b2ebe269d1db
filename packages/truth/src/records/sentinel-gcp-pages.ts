import type { KqlType } from '../types.js';
import type { TranscribedPage } from './web-tables.js';

/**
 * The sources the GCPAuditLogs records rest on, transcribed as facts (none is in the vendor snapshot: SOURCES.md,
 * "Okta, GitHub and GCP"). The table is Microsoft's own, fed by the built-in stream `Microsoft-GCPAuditLogs` with no
 * transform (Azure/Azure-Sentinel `Solutions/Google Cloud Platform Audit Logs/Data Connectors/GCPAuditLogs_ccp/dcr.json`
 * @ 25d91d44a0a9ca85d19014153860ae8195614993: one dataFlow, streams ["Microsoft-GCPAuditLogs"], no transformKql), so
 * which LogEntry field fills which column is read off the descriptions: most columns repeat Google's description of
 * the field (MethodName "The name of the service method or operation" = AuditLog.methodName).
 */

/** The Log Analytics table page. */
export const GCP_AUDIT_LOGS_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/tables/includes/gcpauditlogs-include.md',
  commit: '97500f29f3b6ac04b7101cfbcbd7d25fdf707023',
};

/** gcpauditlogs-include.md lines 13-41 (`| Column | Type | Description |`), `[column, type, line]` in page order. */
export const GCP_AUDIT_LOGS_COLUMNS: readonly (readonly [name: string, type: KqlType, line: number])[] = [
  ['AuthenticationInfo', 'dynamic', 13],
  ['AuthorizationInfo', 'dynamic', 14],
  ['_BilledSize', 'real', 15],
  ['GCPResourceName', 'string', 16],
  ['GCPResourceType', 'string', 17],
  ['InsertId', 'string', 18],
  ['_IsBillable', 'string', 19],
  ['LogName', 'string', 20],
  ['Metadata', 'dynamic', 21],
  ['MethodName', 'string', 22],
  ['NumResponseItems', 'string', 23],
  ['PrincipalEmail', 'string', 24],
  ['ProjectId', 'string', 25],
  ['Request', 'dynamic', 26],
  ['RequestMetadata', 'dynamic', 27],
  ['ResourceLocation', 'dynamic', 28],
  ['ResourceOriginalState', 'dynamic', 29],
  ['Response', 'dynamic', 30],
  ['ServiceData', 'dynamic', 31],
  ['ServiceName', 'string', 32],
  ['Severity', 'string', 33],
  ['SourceSystem', 'string', 34],
  ['Status', 'dynamic', 35],
  ['StatusMessage', 'string', 36],
  ['Subscription', 'string', 37],
  ['TenantId', 'string', 38],
  ['TimeGenerated', 'datetime', 39],
  ['Timestamp', 'datetime', 40],
  ['Type', 'string', 41],
];

/** Phrases of the descriptions on the lines the mapping rows cite (a phrase, not the whole description). */
export const GCP_AUDIT_LOGS_PHRASES: Readonly<Record<number, string>> = {
  13: 'Authentication information.',
  14: 'there is one AuthorizationInfo element for each {resource, permission} tuple',
  16: 'The resource or collection that is the target of the operation. The name is a scheme-less URI, not including the API service name.',
  17: "The identifier of the type associated with this resource, such as 'pubsub_subscription'.",
  18: 'Providing a unique identifier for the log entry allows Logging to remove duplicate entries with the same timestamp and insertId',
  20: 'Information including a suffix identifying the log sub-type (e.g., admin activity, system access, data access)',
  21: 'Other service-specific data about the request, response, and other information associated with the current audited event.',
  22: 'The name of the service method or operation. For API calls, this should be the name of the API method.',
  23: 'The number of items returned from a list or query API method, if applicable.',
  24: 'The email address of the authenticated user (or service account on behalf of third party principal) making the request.',
  25: 'The identifier of the Google Cloud Platform (GCP) project associated with this resource, such as "my-project".',
  26: 'The operation request. This may not include all request parameters',
  27: 'Metadata about the operation.',
  28: 'The resource location information.',
  29: 'The resource original state before mutation.',
  30: 'The operation response. This may not include all response elements',
  31: 'An object containing fields of an arbitrary type. An additional field "@type" contains a URI identifying the type.',
  32: "The name of the API service performing the operation. For example, 'compute.googleapis.com'.",
  33: 'Optional. The severity of the log entry.',
  35: 'The status of the overall operation.',
  36: 'The message status of the overall operation.',
  37: 'A named resource representing the stream of messages from a single, specific topic',
  39: 'The time the log entry was received by logging.',
  40: 'The time the event described by the log entry occurred.',
  41: 'The name of the table',
};

/** A Google Cloud reference page (its address; the pages are not versioned). */
export interface GooglePage {
  readonly url: string;
  /** What the page's field names are relative to. */
  readonly of: string;
}

export const LOG_ENTRY_PAGE: GooglePage = { url: 'https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry', of: 'the LogEntry' };
/** LogEntry.resource: "Required. The monitored resource that produced this log entry." */
export const MONITORED_RESOURCE_PAGE: GooglePage = { url: 'https://cloud.google.com/logging/docs/reference/v2/rest/v2/MonitoredResource', of: 'the LogEntry\'s resource' };
export const AUDIT_LOG_PAGE: GooglePage = {
  url: 'https://cloud.google.com/logging/docs/reference/audit/auditlog/rest/Shared.Types/AuditLog',
  of: 'the LogEntry\'s protoPayload (an AuditLog)',
};

/**
 * Google's description of each field a column repeats: `[LogEntry path, page, phrase of Google's description]`. The
 * protoPayload fields are the AuditLog's ("In audit log entries, the log entry's protoPayload field contains an
 * AuditLog object", https://cloud.google.com/logging/docs/audit/understanding-audit-logs).
 */
export const GOOGLE_FIELDS: readonly (readonly [path: string, page: GooglePage, phrase: string])[] = [
  ['protoPayload.authenticationInfo', AUDIT_LOG_PAGE, 'Authentication information.'],
  ['protoPayload.authorizationInfo', AUDIT_LOG_PAGE, 'there is one AuthorizationInfo element for each {resource, permission} tuple'],
  ['protoPayload.resourceName', AUDIT_LOG_PAGE, 'The resource or collection that is the target of the operation. The name is a scheme-less URI, not including the API service name.'],
  ['protoPayload.metadata', AUDIT_LOG_PAGE, 'Other service-specific data about the request, response, and other information associated with the current audited event.'],
  ['protoPayload.methodName', AUDIT_LOG_PAGE, 'The name of the service method or operation. For API calls, this should be the name of the API method.'],
  ['protoPayload.numResponseItems', AUDIT_LOG_PAGE, 'The number of items returned from a List or Query API method, if applicable.'],
  ['protoPayload.authenticationInfo.principalEmail', AUDIT_LOG_PAGE, 'The email address of the authenticated user (or service account on behalf of third party principal) making the request.'],
  ['protoPayload.request', AUDIT_LOG_PAGE, 'The operation request. This may not include all request parameters'],
  ['protoPayload.requestMetadata', AUDIT_LOG_PAGE, 'Metadata about the operation.'],
  ['protoPayload.resourceLocation', AUDIT_LOG_PAGE, 'The resource location information.'],
  ['protoPayload.resourceOriginalState', AUDIT_LOG_PAGE, "The resource's original state before mutation."],
  ['protoPayload.response', AUDIT_LOG_PAGE, 'The operation response. This may not include all response elements'],
  ['protoPayload.serviceData', AUDIT_LOG_PAGE, 'An object containing fields of an arbitrary type. An additional field "@type" contains a URI identifying the type.'],
  ['protoPayload.serviceName', AUDIT_LOG_PAGE, 'The name of the API service performing the operation. For example, "compute.googleapis.com".'],
  ['protoPayload.status', AUDIT_LOG_PAGE, 'The status of the overall operation.'],
  ['insertId', LOG_ENTRY_PAGE, 'Optional. A unique identifier for the log entry.'],
  ['logName', LOG_ENTRY_PAGE, 'Required. The resource name of the log to which this log entry belongs'],
  ['severity', LOG_ENTRY_PAGE, 'Optional. The severity of the log entry.'],
  ['receiveTimestamp', LOG_ENTRY_PAGE, 'Output only. The time the log entry was received by Logging.'],
  ['timestamp', LOG_ENTRY_PAGE, 'Optional. The time the event described by the log entry occurred.'],
  ['resource.type', MONITORED_RESOURCE_PAGE, 'Required. The monitored resource type.'],
  ['resource.labels.project_id', MONITORED_RESOURCE_PAGE, 'Compute Engine VM instances use the labels "project_id", "instance_id", and "zone"'],
];

/**
 * Elastic's names for LogEntry fields, which Sigma's gcp.audit rules use (`gcp.audit.method_name`): Filebeat's gcp
 * audit fileset moves `protoPayload` to `json` and renames `json.<from>` to `<to>` (elastic/beats
 * x-pack/filebeat/module/gcp/audit/config/pipeline.js @ 304e766a4bf759ab876157226818400f7727a843, `convertProtoPayload`,
 * `{from: "json.methodName", to: "gcp.audit.method_name"}`, ...). Elastic's integration documents the same names
 * (elastic/integrations packages/gcp/docs/README.md @ e4b91d45fa8a03422985da7bc0eb18c57a93c5e6, "gcp.audit.method_name |
 * The name of the service method or operation."); its current ingest pipeline writes the method to event.action
 * instead (packages/gcp/data_stream/audit/elasticsearch/ingest_pipeline/default.yml @ 0181b6ff). `[Elastic name,
 * protoPayload path]`; `authorization_info` elements have their `resourceAttributes` renamed `resource_attributes`.
 */
export const ELASTIC_GCP_AUDIT: readonly (readonly [elastic: string, protoPayload: string])[] = [
  ['gcp.audit.type', '@type'],
  ['gcp.audit.authentication_info.principal_email', 'authenticationInfo.principalEmail'],
  ['gcp.audit.authentication_info.authority_selector', 'authenticationInfo.authoritySelector'],
  ['gcp.audit.authorization_info', 'authorizationInfo'],
  ['gcp.audit.method_name', 'methodName'],
  ['gcp.audit.num_response_items', 'numResponseItems'],
  ['gcp.audit.request.proto_name', 'request.@type'],
  ['gcp.audit.request.filter', 'request.filter'],
  ['gcp.audit.request.name', 'request.name'],
  ['gcp.audit.request.resource_name', 'request.resourceName'],
  ['gcp.audit.request_metadata.caller_ip', 'requestMetadata.callerIp'],
  ['gcp.audit.request_metadata.caller_supplied_user_agent', 'requestMetadata.callerSuppliedUserAgent'],
  ['gcp.audit.response.proto_name', 'response.@type'],
  ['gcp.audit.response.status', 'response.status'],
  ['gcp.audit.response.details.group', 'response.details.group'],
  ['gcp.audit.response.details.kind', 'response.details.kind'],
  ['gcp.audit.response.details.name', 'response.details.name'],
  ['gcp.audit.response.details.uid', 'response.details.uid'],
  ['gcp.audit.resource_name', 'resourceName'],
  ['gcp.audit.resource_location.current_locations', 'resourceLocation.currentLocations'],
  ['gcp.audit.service_name', 'serviceName'],
  ['gcp.audit.status.code', 'status.code'],
  ['gcp.audit.status.message', 'status.message'],
];
