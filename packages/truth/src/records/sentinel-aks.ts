import type { KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { columnValue, fullRow, kqlTableColumns } from './columns.js';
import { flatEvent, nestKeys } from './cse-json.js';
import type { KeyPlacement } from './sentinel-cloud.js';
import {
  AKS_AUDIT_PAGE, K8S_AUDIT_TYPES, K8S_EVENT_FIELDS, K8S_OBJECT_REFERENCE_FIELDS, K8S_STATUS_KEYS, K8S_TYPE_META_KEYS, K8S_USER_INFO_KEYS,
} from './sentinel-aks-pages.js';

/**
 * Sigma `product: kubernetes, service: audit` events (with or without `category: application`) -> AKSAudit, Azure
 * Monitor's table of an AKS cluster's Kubernetes API server audit log ("Contains all Kubernetes API Server audit logs
 * including events with the get and list verbs", aksaudit.md:14; "Ingestion-time transformation: No", :25). The raw
 * event is one Kubernetes audit Event (audit.k8s.io/v1, `type Event struct` in K8S_AUDIT_TYPES) with Sigma's dotted
 * names as its JSON paths (`objectRef.resource`, `responseStatus.code`).
 *
 * Each column is filled from the Event field its name and description repeat (AKS_MAPPING, one row per column with
 * the page line and the types.go line; `sentinel-cloud-aks-event-fields`). The dynamic columns hold the field's JSON
 * value as the Event has it: its own key names, a number stays a number (`sentinel-cloud-aks-dynamic-json`); a list
 * field given as one value is the one-element list (`sentinel-cloud-aks-lists`). TimeGenerated is the stage time
 * (`sentinel-cloud-aks-time-generated`).
 *
 * Names that are no part of the Event land in no column: a top-level name that is no Event field (SigmaHQ's
 * `apiGroup`, `hostPath`, `capabilities`; `RequestURI`, JSON names being case-sensitive), a key under objectRef, user
 * or responseStatus that ObjectReference, UserInfo or Status does not define (`objectRef.kind`). The Event's own
 * `kind`, `apiVersion` (TypeMeta) and `impersonatedUser` have no column either. Left out of every row: PodName (the
 * API server pod that emitted the event, not in the Event), SourceSystem, TenantId, _BilledSize, _IsBillable,
 * _ResourceId, _SubscriptionId (the workspace's).
 */

const PAGE = AKS_AUDIT_PAGE.path.split('/').pop()!;
const TYPES = K8S_AUDIT_TYPES.path.split('/').pop()!;

/** One Event field -> AKSAudit column: the column's page line and a phrase of it, the field's line and a phrase of its comment. */
export interface AksPlacement {
  readonly from: string;
  readonly column: string;
  readonly line: number;
  readonly columnPhrase: string;
  readonly eventLine: number;
  readonly eventPhrase: string;
  /** The assumption the row rests on beyond `sentinel-cloud-aks-event-fields`, if any. */
  readonly assumption?: string;
}

const aks = (from: string, column: string, line: number, columnPhrase: string, eventLine: number, eventPhrase: string, extra?: string): AksPlacement => ({
  from, column, line, columnPhrase, eventLine, eventPhrase, ...(extra ? { assumption: extra } : {}),
});

const TIME_GENERATED = assumption('sentinel-cloud-aks-time-generated').id;

export const AKS_MAPPING: readonly AksPlacement[] = [
  aks('annotations', 'Annotations', 13, 'key-value map associated with this audit event', 141, 'unstructured key value map stored with an audit event'),
  aks('auditID', 'AuditId', 14, 'Unique audit ID that is generated for each request', 79, 'Unique audit ID, generated for each request'),
  aks('level', 'Level', 17, 'Level (Metadata, Request, RequestResponse) of the audit event', 76, 'AuditLevel at which event was generated'),
  aks('objectRef', 'ObjectRef', 18, 'object reference this event was targeted for. This field does not apply for list requests nor non-resource requests', 109, 'Object reference this request is targeted at. Does not apply for List-type requests, or non-resource requests'),
  aks('requestObject', 'RequestObject', 20, 'Kubernetes API object from the request', 121, 'API object from the request, in JSON format'),
  aks('requestReceivedTimestamp', 'RequestReceivedTime', 21, 'Time when the API Server first received the request', 129, 'Time the request reached the apiserver'),
  aks('requestURI', 'RequestUri', 22, 'The URI of the request made by the client to the server', 84, 'the request URI as sent by the client to a server'),
  aks('responseObject', 'ResponseObject', 24, 'Kubernetes API object from the response', 126, 'API object returned in the response'),
  aks('responseStatus', 'ResponseStatus', 25, 'In error cases, this object will include the error message property', 114, 'For non-status type error responses, this will be auto-populated with the error Message'),
  aks('sourceIPs', 'SourceIps', 26, 'source IP addresses for the originating client and intermediate proxies', 101, 'Source IPs, from where the request originated and intermediate proxies'),
  aks('stage', 'Stage', 28, 'The request handling stage (RequestReceived, ResponseStarted, ResponseComplete, Panic) at which this audit event was generated', 81, 'Stage of the request handling when this event instance was generated'),
  aks('stageTimestamp', 'StageReceivedTime', 29, 'Time when the request reached the current audit stage', 132, 'Time the request reached current audit stage'),
  aks('stageTimestamp', 'TimeGenerated', 32, 'Event generation time', 132, 'Time the request reached current audit stage', TIME_GENERATED),
  aks('user', 'User', 34, 'Authenticated user metadata of the requesting client', 89, 'Authenticated user information'),
  aks('userAgent', 'UserAgent', 35, 'The user agent string presented by the originating client', 105, 'the user agent string reported by the client'),
  aks('verb', 'Verb', 36, 'The Kubernetes verb associated with the request. For non-resource requests, this is the lower-cased HTTP method.', 87, 'Verb is the kubernetes verb associated with the request. For non-resource requests, this is the lower-cased HTTP method.'),
];

/** The columns no Event field fills: the table name (a constant), PodName and the workspace's own. */
export const AKS_UNFILLED: readonly (readonly [column: string, why: string])[] = [
  ['Type', 'the constant AKSAudit ("The name of the table", :33)'],
  ['PodName', '"Name of the pod emitting this audit event" (:19): the API server pod, which the Event does not name'],
  ['_BilledSize', 'set by the workspace'],
  ['_IsBillable', 'set by the workspace'],
  ['_ResourceId', 'the cluster\'s resource id, set by the diagnostic setting'],
  ['_SubscriptionId', 'set by the diagnostic setting'],
  ['SourceSystem', 'the collecting agent (Azure), not the event'],
  ['TenantId', '"The Log Analytics workspace ID" (:31)'],
];

/** How a value is shaped in the Event's JSON (from the Go types). */
type Schema =
  /** a string (or, for Status.code, a number): no keys below it */
  | { readonly kind: 'scalar' }
  /** []string */
  | { readonly kind: 'list' }
  /** map[string]string / map[string][]string: one level of keys, which may hold dots (`authorization.k8s.io/decision`) */
  | { readonly kind: 'map' }
  /** any JSON (runtime.Unknown, ListMeta, StatusDetails): nested keys kept as they are */
  | { readonly kind: 'json' }
  /** a struct: only the keys it defines */
  | { readonly kind: 'struct'; readonly name: string; readonly keys: Readonly<Record<string, Schema>> };

const SCALAR: Schema = { kind: 'scalar' };
const LIST: Schema = { kind: 'list' };
const MAP: Schema = { kind: 'map' };
const JSON_VALUE: Schema = { kind: 'json' };

const OBJECT_REFERENCE: Schema = { kind: 'struct', name: 'ObjectReference', keys: Object.fromEntries(K8S_OBJECT_REFERENCE_FIELDS.map(([k]) => [k, SCALAR])) };
/** UserInfo: username, uid (string), groups ([]string), extra (map[string]ExtraValue). */
const USER_INFO: Schema = { kind: 'struct', name: 'UserInfo', keys: Object.fromEntries(K8S_USER_INFO_KEYS.map((k) => [k, k === 'groups' ? LIST : k === 'extra' ? MAP : SCALAR])) };
/** Status: kind, apiVersion, status, message, reason (string), code (int32), metadata (ListMeta), details (*StatusDetails). */
const STATUS: Schema = { kind: 'struct', name: 'Status', keys: Object.fromEntries(K8S_STATUS_KEYS.map((k) => [k, k === 'metadata' || k === 'details' ? JSON_VALUE : SCALAR])) };

/** The schema of an Event field, from its Go type. */
function fieldSchema(goType: string): Schema {
  const t = goType.replace(/^\*/, '');
  if (t === '[]string') return LIST;
  if (t === 'ObjectReference') return OBJECT_REFERENCE;
  if (t === 'authnv1.UserInfo') return USER_INFO;
  if (t === 'metav1.Status') return STATUS;
  if (t === 'runtime.Unknown') return JSON_VALUE;
  if (t.startsWith('map[')) return MAP;
  return SCALAR;
}

/** The Event: its fields (K8S_EVENT_FIELDS) and TypeMeta's kind and apiVersion. */
const EVENT: Schema = {
  kind: 'struct',
  name: 'Event',
  keys: Object.fromEntries([...K8S_TYPE_META_KEYS.map((k) => [k, SCALAR] as const), ...K8S_EVENT_FIELDS.map(([json, goType]) => [json, fieldSchema(goType)] as const)]),
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** The schema of the Event node a Sigma name names, or why it names none. */
function schemaAt(key: string): Schema | { why: string } {
  const parts = key.split('.');
  let schema: Schema = EVENT;
  for (let i = 0; i < parts.length; i++) {
    if (schema.kind === 'map' || schema.kind === 'json') break;
    if (schema.kind !== 'struct') return { why: `${key}: ${parts.slice(0, i).join('.')} is a ${schema.kind === 'list' ? 'list of strings' : 'string'} in the Event, it has no keys` };
    const next: Schema | undefined = schema.keys[parts[i]!];
    if (!next) {
      return { why: i === 0 ? `${key}: no field of the Kubernetes audit Event is named ${parts[0]} (${TYPES}, type Event struct)` : `${key}: ${schema.name} has no key ${parts[i]}` };
    }
    schema = next;
  }
  return schema;
}

/** Where a Sigma name is in the Event: its field (and that field's line), or why it is no part of the Event. */
export function k8sEventPath(key: string): { field: string; line: number } | { why: string } {
  const at = schemaAt(key);
  if ('why' in at) return at;
  const head = key.split('.')[0]!;
  const f = K8S_EVENT_FIELDS.find(([json]) => json === head);
  return { field: head, line: f ? f[2] : 73 };
}

/** Puts a Sigma name's value where the Event has it (`parts` below the node `schema` describes, at `target`). */
function put(schema: Schema, target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  if (schema.kind !== 'struct') return;
  if (parts.length === 0) {
    // The struct given as an object: each of its keys, as Sigma names relative to it.
    if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) put(schema, target, k.split('.'), v);
    return;
  }
  const [head, ...rest] = parts as [string, ...string[]];
  const child = schema.keys[head];
  if (!child) return;
  if (child.kind === 'struct') {
    const sub = isPlainObject(target[head]) ? target[head] : {};
    put(child, sub, rest, value);
    // A struct appears when something of it does (or the event gives it as an object, even an empty one).
    if (Object.keys(sub).length > 0 || (rest.length === 0 && isPlainObject(value))) target[head] = sub;
    return;
  }
  if (child.kind === 'scalar' || child.kind === 'list') {
    // Keys below a string or a list of strings are no part of the Event.
    if (rest.length > 0 || (isPlainObject(value) && Object.keys(value).length > 0)) return;
    if (child.kind === 'list' && value !== null && !Array.isArray(value)) {
      assumption('sentinel-cloud-aks-lists');
      target[head] = [value];
    } else target[head] = value;
    return;
  }
  if (child.kind === 'map') {
    // One level of keys: the rest of a dotted name is one key (`annotations.authorization.k8s.io/decision`).
    if (rest.length === 0) {
      target[head] = isPlainObject(value) && isPlainObject(target[head]) ? { ...target[head], ...value } : value;
      return;
    }
    if (!isPlainObject(target[head])) target[head] = {};
    (target[head] as Record<string, unknown>)[rest.join('.')] = value;
    return;
  }
  // Any JSON: a dotted name is a nested path; objects merge.
  if (rest.length === 0) {
    target[head] = isPlainObject(value) && isPlainObject(target[head]) ? { ...target[head], ...value } : value;
    return;
  }
  if (!isPlainObject(target[head])) target[head] = {};
  Object.assign(target[head] as Record<string, unknown>, nestKeys({ [rest.join('.')]: value }));
}

/** The Event a raw Sigma kubernetes audit event stands for (nested; names that are no part of it left out). */
export function k8sAuditEvent(event: RawEvent): Record<string, unknown> {
  const ev: Record<string, unknown> = {};
  put(EVENT, ev, [], event);
  return ev;
}

/** The AKSAudit row of a raw kubernetes audit event. */
export function aksAuditRow(event: RawEvent): Record<string, KqlValue> {
  assumption('sentinel-cloud-aks-event-fields');
  const ev = k8sAuditEvent(event);
  const types = kqlTableColumns('AKSAudit')!;
  const values: Record<string, KqlValue> = {};
  for (const p of AKS_MAPPING) {
    const v = ev[p.from];
    if (v === undefined) continue;
    if (p.assumption) assumption(p.assumption);
    if (types[p.column] === 'dynamic') assumption('sentinel-cloud-aks-dynamic-json');
    values[p.column] = columnValue(types[p.column]!, v);
  }
  // Type: "The name of the table" (aksaudit-include.md:33).
  values['Type'] = 'AKSAudit';
  return fullRow('AKSAudit', values);
}

/** Where each raw key lands (as `sentinelCloudPlacements` reports it). */
export function aksPlacements(event: RawEvent): KeyPlacement[] {
  return Object.entries(flatEvent(event)).map(([key, value]) => {
    const at = k8sEventPath(key);
    if ('why' in at) return { key, columns: [], cite: at.why, rank: 3, tail: '' };
    const schema = schemaAt(key) as Schema;
    if (schema.kind === 'struct' && !isPlainObject(value)) return { key, columns: [], cite: `${key}: ${schema.name} is an object in the Event, not ${JSON.stringify(value)}`, rank: 3, tail: '' };
    const hits = AKS_MAPPING.filter((r) => r.from === at.field);
    if (hits.length === 0) return { key, columns: [], cite: `${key}: the Event's ${at.field} (${TYPES}:${at.line}) has no AKSAudit column`, rank: 3, tail: '' };
    return {
      key,
      columns: hits.map((r) => r.column),
      cite: hits.map((r) => `${PAGE}:${r.line} ${r.column}: "${r.columnPhrase}" = ${TYPES}:${r.eventLine} ${r.from}: "${r.eventPhrase}"`).join('; '),
      rank: 3,
      tail: key.slice(at.field.length + 1),
    };
  });
}
