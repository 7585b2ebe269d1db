import type { KqlType } from '../types.js';
import type { TranscribedPage } from './web-tables.js';

/**
 * The sources the AKSAudit records rest on, transcribed as facts (none is in the vendor snapshot: SOURCES.md,
 * "Kubernetes audit"). AKSAudit is Azure Monitor's resource-specific table of an AKS cluster's API server audit log
 * (diagnostic settings, no connector transform to read), so which Event field fills which column is read off the
 * column descriptions, which paraphrase the comments of Kubernetes' own audit Event type (`sentinel-aks.ts`).
 */

/** The table's column list (2,935 characters; front matter on lines 1-8, the column table from line 11). */
export const AKS_AUDIT_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/tables/includes/aksaudit-include.md',
  commit: '431071fd629e8654300a841f3af8709ef93243ec',
};

/** The table page (910 characters), which includes the column list. */
export const AKS_AUDIT_TABLE_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/tables/aksaudit.md',
  commit: '431071fd629e8654300a841f3af8709ef93243ec',
};

/** aksaudit.md: what the table holds, and that it has no ingestion-time transformation (`[line, text]`). */
export const AKS_AUDIT_TABLE_LINES: readonly (readonly [line: number, text: string])[] = [
  [12, '# AKSAudit'],
  [14, 'Contains all Kubernetes API Server audit logs including events with the get and list verbs. These events are useful for monitoring all of the interactions with the Kubernetes API. To limit the scope to modifying operations see the AKSAuditAdmin table.'],
  [21, '|**Resource types**|microsoft.containerservice/managedclusters|'],
  [25, '|**Ingestion-time transformation**|No|'],
];

/** Microsoft's sample queries for the table (generated from Azure's own query pack). */
export const AKS_AUDIT_QUERIES_PAGE: TranscribedPage = {
  repo: 'MicrosoftDocs/azure-reference-other',
  path: 'azure-monitor-ref/queries/aksaudit.md',
  commit: '431071fd629e8654300a841f3af8709ef93243ec',
};

/** queries/aksaudit.md, "Volume of Kubernetes audit events per SourceIp": the query's lines (`[line, text]`). */
export const AKS_AUDIT_SAMPLE_QUERY: readonly (readonly [line: number, text: string])[] = [
  [25, 'AKSAudit'],
  [26, '| where ResponseStatus.code != 401  // Exclude unauthorized responses'],
  [27, '| mv-expand SourceIps               // Expand the list of SourceIp entries into individual rows'],
  [28, '| summarize Count = count() by SourceIp = tostring(SourceIps), ResourceId = _ResourceId'],
  [29, '| sort by Count desc'],
];

/** aksaudit-include.md lines 13-36 (`| Column | Type | Description |`), verbatim, in page order. */
export const AKS_AUDIT_COLUMNS: readonly (readonly [name: string, type: KqlType, line: number, description: string])[] = [
  ['Annotations', 'dynamic', 13, 'An unstructed key-value map associated with this audit event. These annotations are set by plugins as part of the request serving chain and are included at the Metadata event level.'],
  ['AuditId', 'string', 14, 'Unique audit ID that is generated for each request.'],
  ['_BilledSize', 'real', 15, 'The record size in bytes'],
  ['_IsBillable', 'string', 16, 'Specifies whether ingesting the data is billable. When _IsBillable is `false` ingestion isn\'t billed to your Azure account'],
  ['Level', 'string', 17, 'Level (Metadata, Request, RequestResponse) of the audit event.'],
  ['ObjectRef', 'dynamic', 18, 'The Kubernetes object reference this event was targeted for. This field does not apply for list requests nor non-resource requests.'],
  ['PodName', 'string', 19, 'Name of the pod emitting this audit event.'],
  ['RequestObject', 'dynamic', 20, 'Kubernetes API object from the request in object format or the string "skipped-too-big-size-object". This is omitted for non-resource requests.'],
  ['RequestReceivedTime', 'datetime', 21, 'Time when the API Server first received the request.'],
  ['RequestUri', 'string', 22, 'The URI of the request made by the client to the server.'],
  ['_ResourceId', 'string', 23, 'A unique identifier for the resource that the record is associated with'],
  ['ResponseObject', 'dynamic', 24, 'Kubernetes API object from the response, in object format or the string "skipped-too-big-size-object". This is omitted for non-resource requests.'],
  ['ResponseStatus', 'dynamic', 25, 'Response status for the request, which includes the response code. In error cases, this object will include the error message property.'],
  ['SourceIps', 'dynamic', 26, 'The list of source IP addresses for the originating client and intermediate proxies.'],
  ['SourceSystem', 'string', 27, 'The type of agent the event was collected by. For example, `OpsManager` for Windows agent, either direct connect or Operations Manager, `Linux` for all Linux agents, or `Azure` for Azure Diagnostics'],
  ['Stage', 'string', 28, 'The request handling stage (RequestReceived, ResponseStarted, ResponseComplete, Panic) at which this audit event was generated.'],
  ['StageReceivedTime', 'datetime', 29, 'Time when the request reached the current audit stage.'],
  ['_SubscriptionId', 'string', 30, 'A unique identifier for the subscription that the record is associated with'],
  ['TenantId', 'string', 31, 'The Log Analytics workspace ID'],
  ['TimeGenerated', 'datetime', 32, 'Event generation time.'],
  ['Type', 'string', 33, 'The name of the table'],
  ['User', 'dynamic', 34, 'Authenticated user metadata of the requesting client, including optional fields such as UID and groups.'],
  ['UserAgent', 'string', 35, 'The user agent string presented by the originating client.'],
  ['Verb', 'string', 36, 'The Kubernetes verb associated with the request. For non-resource requests, this is the lower-cased HTTP method.'],
];

/**
 * Kubernetes' audit Event type, audit.k8s.io/v1 (14,621 characters): `type Event struct` on line 72 (TypeMeta inline on
 * 73: the `kind` and `apiVersion` keys), `type ObjectReference struct` on line 286. The same fields are documented at
 * https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/ (generated from this file).
 */
export const K8S_AUDIT_TYPES: TranscribedPage = {
  repo: 'kubernetes/kubernetes',
  path: 'staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go',
  commit: '3fa086bcded1dfb7c4889ee28b95535d056b3408',
};

/**
 * The Event's fields: `[JSON name, Go type, line, the field's comment (the `+optional` markers left out)]`, in file
 * order. `json:",inline"` TypeMeta adds `kind` and `apiVersion` (line 73).
 */
export const K8S_EVENT_FIELDS: readonly (readonly [json: string, goType: string, line: number, comment: string])[] = [
  ['level', 'Level', 76, 'AuditLevel at which event was generated'],
  ['auditID', 'types.UID', 79, 'Unique audit ID, generated for each request.'],
  ['stage', 'Stage', 81, 'Stage of the request handling when this event instance was generated.'],
  ['requestURI', 'string', 84, 'RequestURI is the request URI as sent by the client to a server.'],
  ['verb', 'string', 87, 'Verb is the kubernetes verb associated with the request. For non-resource requests, this is the lower-cased HTTP method.'],
  ['user', 'authnv1.UserInfo', 89, 'Authenticated user information.'],
  ['impersonatedUser', '*authnv1.UserInfo', 92, 'Impersonated user information.'],
  ['sourceIPs', '[]string', 101, 'Source IPs, from where the request originated and intermediate proxies. The source IPs are listed from (in order): 1. X-Forwarded-For request header IPs 2. X-Real-Ip header, if not present in the X-Forwarded-For list 3. The remote address for the connection, if it doesn\'t match the last IP in the list up to here (X-Forwarded-For or X-Real-Ip). Note: All but the last IP can be arbitrarily set by the client.'],
  ['userAgent', 'string', 105, 'UserAgent records the user agent string reported by the client. Note that the UserAgent is provided by the client, and must not be trusted.'],
  ['objectRef', '*ObjectReference', 109, 'Object reference this request is targeted at. Does not apply for List-type requests, or non-resource requests.'],
  ['responseStatus', '*metav1.Status', 114, 'The response status, populated even when the ResponseObject is not a Status type. For successful responses, this will only include the Code and StatusSuccess. For non-status type error responses, this will be auto-populated with the error Message.'],
  ['requestObject', '*runtime.Unknown', 121, 'API object from the request, in JSON format. The RequestObject is recorded as-is in the request (possibly re-encoded as JSON), prior to version conversion, defaulting, admission or merging. It is an external versioned object type, and may not be a valid object on its own. Omitted for non-resource requests.  Only logged at Request Level and higher.'],
  ['responseObject', '*runtime.Unknown', 126, 'API object returned in the response, in JSON. The ResponseObject is recorded after conversion to the external type, and serialized as JSON.  Omitted for non-resource requests.  Only logged at Response Level.'],
  ['requestReceivedTimestamp', 'metav1.MicroTime', 129, 'Time the request reached the apiserver.'],
  ['stageTimestamp', 'metav1.MicroTime', 132, 'Time the request reached current audit stage.'],
  ['annotations', 'map[string]string', 141, 'Annotations is an unstructured key value map stored with an audit event that may be set by plugins invoked in the request serving chain, including authentication, authorization and admission plugins. Note that these annotations are for the audit event, and do not correspond to the metadata.annotations of the submitted object. Keys should uniquely identify the informing component to avoid name collisions (e.g. podsecuritypolicy.admission.k8s.io/policy). Values should be short. Annotations are included in the Metadata level.'],
];

/** TypeMeta's keys, inlined into the Event (types.go:73; apimachinery's TypeMeta: `kind`, `apiVersion`). */
export const K8S_TYPE_META_KEYS: readonly string[] = ['kind', 'apiVersion'];

/** The Level and Stage constants (types.go:40-48, 58-66): `[value, line]`. */
export const K8S_LEVELS: readonly (readonly [value: string, line: number])[] = [['None', 40], ['Metadata', 42], ['Request', 45], ['RequestResponse', 48]];
export const K8S_STAGES: readonly (readonly [value: string, line: number])[] = [['RequestReceived', 58], ['ResponseStarted', 61], ['ResponseComplete', 64], ['Panic', 66]];

/** ObjectReference (types.go:286-306): `[JSON name, Go type, line]`. */
export const K8S_OBJECT_REFERENCE_FIELDS: readonly (readonly [json: string, goType: string, line: number])[] = [
  ['resource', 'string', 288],
  ['namespace', 'string', 290],
  ['name', 'string', 292],
  ['uid', 'types.UID', 294],
  ['apiGroup', 'string', 298],
  ['apiVersion', 'string', 301],
  ['resourceVersion', 'string', 303],
  ['subresource', 'string', 305],
];

/**
 * authnv1.UserInfo, the type of `user` and `impersonatedUser`: `type UserInfo struct` with Username `json:"username"`,
 * UID `json:"uid"`, Groups []string `json:"groups"` ("The names of groups this user is a part of."), Extra
 * map[string]ExtraValue `json:"extra"` ("Any additional information provided by the authenticator."; ExtraValue is
 * []string).
 */
export const K8S_USER_INFO: TranscribedPage = {
  repo: 'kubernetes/kubernetes',
  path: 'staging/src/k8s.io/api/authentication/v1/types.go',
  commit: '9df7b734c02d69ee9926623c7b5b1b1678b59a9b',
};
export const K8S_USER_INFO_KEYS: readonly string[] = ['username', 'uid', 'groups', 'extra'];

/**
 * metav1.Status, the type of `responseStatus`: `type Status struct` with TypeMeta inline (kind, apiVersion), ListMeta
 * `json:"metadata"`, Status string `json:"status"` ("One of: \"Success\" or \"Failure\"."), Message `json:"message"`,
 * Reason `json:"reason"`, Details *StatusDetails `json:"details"`, and `Code int32 json:"code,omitempty"` ("Suggested
 * HTTP return code for this status, 0 if not set.").
 */
export const K8S_STATUS: TranscribedPage = {
  repo: 'kubernetes/kubernetes',
  path: 'staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go',
  commit: '521b605f4b6acf284fd652ea135ab5da6fa2a863',
};
export const K8S_STATUS_KEYS: readonly string[] = ['kind', 'apiVersion', 'metadata', 'status', 'message', 'reason', 'details', 'code'];
