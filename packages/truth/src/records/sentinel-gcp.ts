import type { KqlValue, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { columnValue, fullRow, kqlTableColumns } from './columns.js';
import { flatEvent, nestKeys, pathValue } from './cse-json.js';
import type { KeyPlacement } from './sentinel-cloud.js';
import { ELASTIC_GCP_AUDIT, GCP_AUDIT_LOGS_PAGE } from './sentinel-gcp-pages.js';

/**
 * Sigma `product: gcp, service: gcp.audit` events -> GCPAuditLogs, Microsoft's table for Google Cloud audit log
 * entries (fed by the built-in stream Microsoft-GCPAuditLogs, no transform). The raw event is a Cloud Logging LogEntry
 * whose protoPayload is an AuditLog. Sigma's rules spell its fields three ways, each placed by what it names in the
 * LogEntry:
 *   - `gcp.audit.<x>`: Elastic's names (ELASTIC_GCP_AUDIT: gcp.audit.method_name is protoPayload.methodName); a
 *     gcp.audit name Elastic's pipeline does not define names nothing;
 *   - `data.<path>`: the LogEntry under a `data` envelope (`sentinel-cloud-gcp-data-envelope`): `<path>` in the entry;
 *   - any other name: a LogEntry path (`protoPayload.serviceName`, `logName`, `resource.type`), case-sensitive.
 * Each column is filled from the LogEntry field whose description it repeats (GCP_MAPPING); left out: Subscription
 * (the Pub/Sub subscription the connector reads, not in the entry), SourceSystem, TenantId, _BilledSize, _IsBillable.
 */

const PAGE = GCP_AUDIT_LOGS_PAGE.path.split('/').pop()!;

/** One LogEntry path -> GCPAuditLogs column, with the page line and a phrase both descriptions share. */
export interface GcpPlacement {
  readonly from: string;
  readonly column: string;
  readonly line: number;
  /** A phrase of the column's description, which Google's description of `from` repeats unless `assumption` says why not. */
  readonly phrase: string;
  readonly assumption?: string;
}

const LIST = assumption('sentinel-cloud-gcp-authorization-info-list').id;
const RESOURCE = assumption('sentinel-cloud-gcp-resource-columns').id;
const LOG_NAME = assumption('sentinel-cloud-gcp-log-name').id;
const STATUS_MESSAGE = assumption('sentinel-cloud-gcp-status-message').id;
const gcp = (from: string, column: string, line: number, phrase: string, extra?: string): GcpPlacement => ({
  from, column, line, phrase, ...(extra ? { assumption: extra } : {}),
});

export const GCP_MAPPING: readonly GcpPlacement[] = [
  gcp('protoPayload.authenticationInfo', 'AuthenticationInfo', 13, 'Authentication information.'),
  gcp('protoPayload.authorizationInfo', 'AuthorizationInfo', 14, 'one AuthorizationInfo element for each {resource, permission} tuple', LIST),
  gcp('protoPayload.resourceName', 'GCPResourceName', 16, 'The resource or collection that is the target of the operation.'),
  gcp('resource.type', 'GCPResourceType', 17, 'The identifier of the type associated with this resource', RESOURCE),
  gcp('insertId', 'InsertId', 18, 'unique identifier for the log entry'),
  gcp('logName', 'LogName', 20, 'a suffix identifying the log sub-type', LOG_NAME),
  gcp('protoPayload.metadata', 'Metadata', 21, 'Other service-specific data about the request, response, and other information associated with the current audited event.'),
  gcp('protoPayload.methodName', 'MethodName', 22, 'The name of the service method or operation. For API calls, this should be the name of the API method.'),
  gcp('protoPayload.numResponseItems', 'NumResponseItems', 23, 'The number of items returned from a list or query API method, if applicable.'),
  gcp('protoPayload.authenticationInfo.principalEmail', 'PrincipalEmail', 24, 'The email address of the authenticated user (or service account on behalf of third party principal) making the request.'),
  gcp('resource.labels.project_id', 'ProjectId', 25, 'project associated with this resource, such as "my-project"', RESOURCE),
  gcp('protoPayload.request', 'Request', 26, 'The operation request. This may not include all request parameters'),
  gcp('protoPayload.requestMetadata', 'RequestMetadata', 27, 'Metadata about the operation.'),
  gcp('protoPayload.resourceLocation', 'ResourceLocation', 28, 'The resource location information.'),
  gcp('protoPayload.resourceOriginalState', 'ResourceOriginalState', 29, 'original state before mutation'),
  gcp('protoPayload.response', 'Response', 30, 'The operation response. This may not include all response elements'),
  gcp('protoPayload.serviceData', 'ServiceData', 31, 'An object containing fields of an arbitrary type.'),
  gcp('protoPayload.serviceName', 'ServiceName', 32, "The name of the API service performing the operation. For example, 'compute.googleapis.com'."),
  gcp('severity', 'Severity', 33, 'Optional. The severity of the log entry.'),
  gcp('protoPayload.status', 'Status', 35, 'The status of the overall operation.'),
  gcp('protoPayload.status.message', 'StatusMessage', 36, 'The message status of the overall operation.', STATUS_MESSAGE),
  gcp('receiveTimestamp', 'TimeGenerated', 39, 'The time the log entry was received by logging.'),
  gcp('timestamp', 'Timestamp', 40, 'The time the event described by the log entry occurred.'),
];

/** The LogEntry path a Sigma gcp.audit field names, and how; undefined for a gcp.audit name Elastic does not define. */
export function gcpLogEntryPath(key: string): { path: string; via: string } | undefined {
  if (key === 'gcp.audit' || key.startsWith('gcp.audit.')) {
    const hit = ELASTIC_GCP_AUDIT.filter(([e]) => key === e || key.startsWith(`${e}.`)).sort((a, b) => b[0].length - a[0].length)[0];
    if (!hit) return undefined;
    let rest = key.slice(hit[0].length);
    // The authorization_info elements: Elastic renames resourceAttributes to resource_attributes.
    if (hit[1] === 'authorizationInfo') rest = rest.replace(/^\.resource_attributes(?=\.|$)/, '.resourceAttributes');
    return { path: `protoPayload.${hit[1]}${rest}`, via: `Elastic ${hit[0]} <- protoPayload.${hit[1]}` };
  }
  if (key.startsWith('data.')) return { path: key.slice(5), via: 'the LogEntry under data' };
  return { path: key, via: 'a LogEntry path' };
}

/** The LogEntry a raw Sigma event stands for (nested; authorizationInfo a list of elements, `granted` a boolean). */
export function gcpLogEntry(event: RawEvent): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flatEvent(event))) {
    const p = gcpLogEntryPath(k);
    if (!p) continue;
    if (k.startsWith('data.')) assumption('sentinel-cloud-gcp-data-envelope');
    flat[p.path] = v;
  }
  const entry = nestKeys(flat);
  const proto = entry['protoPayload'];
  if (proto !== null && typeof proto === 'object' && !Array.isArray(proto) && 'authorizationInfo' in proto) {
    assumption('sentinel-cloud-gcp-authorization-info-list');
    const p = proto as Record<string, unknown>;
    const info = p['authorizationInfo'];
    const list = Array.isArray(info) ? info : [info];
    p['authorizationInfo'] = list.map((el) => {
      if (el === null || typeof el !== 'object' || Array.isArray(el)) return el;
      const g = (el as Record<string, unknown>)['granted'];
      return typeof g === 'string' && /^(true|false)$/i.test(g) ? { ...el, granted: /^true$/i.test(g) } : el;
    });
  }
  return entry;
}

/** The GCPAuditLogs row of a raw gcp.audit event. */
export function gcpAuditLogsRow(event: RawEvent): Record<string, KqlValue> {
  const entry = gcpLogEntry(event);
  const types = kqlTableColumns('GCPAuditLogs')!;
  const values: Record<string, KqlValue> = {};
  for (const p of GCP_MAPPING) {
    const v = pathValue(entry, p.from);
    if (v === undefined) continue;
    if (p.assumption) assumption(p.assumption);
    values[p.column] = columnValue(types[p.column]!, v);
  }
  // Type: "The name of the table" (gcpauditlogs-include.md:41).
  values['Type'] = 'GCPAuditLogs';
  return fullRow('GCPAuditLogs', values);
}


/** Where each raw key lands (as `sentinelCloudPlacements` reports it). */
export function gcpPlacements(event: RawEvent): KeyPlacement[] {
  return Object.keys(flatEvent(event)).map((key) => {
    const p = gcpLogEntryPath(key);
    if (!p) return { key, columns: [], cite: `${key}: no gcp.audit field of Elastic's pipeline`, rank: 3, tail: '' };
    // A key at or below a mapped path (its tail a property path of the dynamic column), or above a leaf one (an array).
    const hits = GCP_MAPPING.filter((r) => p.path === r.from || p.path.startsWith(`${r.from}.`) || r.from.startsWith(`${p.path}.`));
    if (hits.length === 0) return { key, columns: [], cite: `${p.via}: no GCPAuditLogs column holds ${p.path}`, rank: 3, tail: '' };
    const first = hits.find((r) => p.path === r.from) ?? hits[0]!;
    return {
      key,
      columns: hits.map((r) => r.column),
      cite: `${p.via}: ${hits.map((r) => `${PAGE}:${r.line} ${r.column}: "${r.phrase}"`).join('; ')}`,
      rank: 3,
      tail: p.path.startsWith(`${first.from}.`) ? p.path.slice(first.from.length + 1) : '',
    };
  });
}
