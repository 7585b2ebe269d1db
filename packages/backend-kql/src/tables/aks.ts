// AKSAudit, the Log Analytics table of an AKS cluster's Kubernetes API server audit events when its diagnostic settings
// send them in resource-specific mode. "Contains all Kubernetes API Server audit logs including events with the get
// and list verbs ... To limit the scope to modifying operations see the AKSAuditAdmin table" (MicrosoftDocs/
// azure-reference-other `azure-monitor-ref/tables/aksaudit.md` @ 431071fd629e8654300a841f3af8709ef93243ec, line 14):
// the table of every verb, which rules of reads (a list of secrets) need. Its page is not in the vendor snapshot the
// generator reads, so the columns are transcribed here in the generated rows' form (`name` for a string, else
// `name:type`) from `azure-monitor-ref/tables/includes/aksaudit-include.md` @ the same commit, lines 13-36 (ms.date
// 07/30/2024).
//
// Each column is described as the audit.k8s.io/v1 Event field it holds, and the dynamic ones hold that field's own
// object, keys and all: Microsoft's sample query, which "Requires Diagnostic Settings to use the Resource Specific
// destination table", reads `ResponseStatus.code != 401` (`azure-monitor-ref/queries/aksaudit.md` @ the same commit,
// lines 22 and 26).
import { decodeColumns } from './generated.js';
import type { TableSchema } from './types.js';

const COLUMNS =
  'Annotations:dynamic,AuditId,_BilledSize:real,_IsBillable,Level,ObjectRef:dynamic,PodName,RequestObject:dynamic,' +
  'RequestReceivedTime:datetime,RequestUri,_ResourceId,ResponseObject:dynamic,ResponseStatus:dynamic,SourceIps:dynamic,SourceSystem,' +
  'Stage,StageReceivedTime:datetime,_SubscriptionId,TenantId,TimeGenerated:datetime,Type,User:dynamic,UserAgent,Verb';

/**
 * Audit event field -> the AKSAudit column the page describes as it (aksaudit-include.md):
 * verb: Verb "The Kubernetes verb associated with the request" (:36); requestURI: RequestUri "The URI of the request
 * made by the client to the server" (:22); userAgent: UserAgent "The user agent string presented by the originating
 * client" (:35); stage: Stage "The request handling stage (RequestReceived, ResponseStarted, ResponseComplete, Panic)"
 * (:28); level: Level "Level (Metadata, Request, RequestResponse) of the audit event" (:17); auditID: AuditId "Unique
 * audit ID that is generated for each request" (:14); sourceIPs: SourceIps "The list of source IP addresses for the
 * originating client and intermediate proxies" (:26); annotations: Annotations (:13); objectRef: ObjectRef "The
 * Kubernetes object reference this event was targeted for" (:18); requestObject: RequestObject (:20); responseObject:
 * ResponseObject (:24); responseStatus: ResponseStatus "Response status for the request, which includes the response
 * code" (:25); user: User "Authenticated user metadata of the requesting client, including optional fields such as UID
 * and groups" (:34). The event's times (requestReceivedTimestamp, stageTimestamp) are datetime columns
 * (RequestReceivedTime :21, StageReceivedTime :29), whose text is not the event's: not mapped.
 */
export const AKS_AUDIT_FIELDS =
  'verb=Verb requestURI=RequestUri userAgent=UserAgent stage=Stage level=Level auditID=AuditId sourceIPs=SourceIps ' +
  'annotations=Annotations objectRef=ObjectRef requestObject=RequestObject responseObject=ResponseObject ' +
  'responseStatus=ResponseStatus user=User';

/** The dynamic columns whose keys are read (the audit event's field -> its column). */
const OBJECTS: Readonly<Record<string, string>> = { objectRef: 'ObjectRef', responseStatus: 'ResponseStatus', user: 'User' };

/**
 * The keys of those objects read out, the audit.k8s.io/v1 Event's own: the ObjectReference's, the response's
 * metav1.Status (code, the HTTP status, a number), the UserInfo's (groups a list, extra a map of lists).
 */
export const AKS_AUDIT_PARTS = [
  'objectRef.resource',
  'objectRef.subresource',
  'objectRef.namespace',
  'objectRef.name',
  'objectRef.apiGroup',
  'objectRef.apiVersion',
  'objectRef.uid',
  'objectRef.resourceVersion',
  'responseStatus.code',
  'responseStatus.status',
  'responseStatus.reason',
  'responseStatus.message',
  'user.username',
  'user.uid',
  'user.groups',
  'user.extra',
] as const;

/** The parts that are a list or an object themselves: only `|contains` (their JSON text) or a null test reads them. */
export const AKS_AUDIT_LIST_PARTS: readonly string[] = ['user.groups', 'user.extra'];

/** A part's computed field, dynamic: `ObjectRef_resource` = `ObjectRef.resource`. */
export function aksAuditPart(path: string): [field: string, expr: string] {
  const [object, key] = path.split('.') as [string, string];
  const column = OBJECTS[object]!;
  return [`${column}_${key}`, `${column}.${key}`];
}

/** AKSAudit (the transcribed columns), with the parts' computed fields, built on first use. */
export function aksAuditTable(): TableSchema {
  const parts = AKS_AUDIT_PARTS.map(aksAuditPart);
  return {
    name: 'AKSAudit',
    columns: decodeColumns(COLUMNS),
    timeColumn: 'TimeGenerated',
    computed: Object.fromEntries(parts),
    computedTypes: Object.fromEntries(parts.map(([field]) => [field, 'dynamic'])),
  };
}
