/**
 * Where the raw record Cloud SIEM keeps (`fields['…']`) holds a Sigma field of a JSON product, when the record Sumo
 * receives is not laid out under the names Sigma's rules use. Each layout is the one the catalog's mappings for the
 * product read (their Original Record Keys), see SOURCES.md.
 */

/**
 * Top-level keys of an Azure resource / activity log record as diagnostic settings send it to an event hub (how Sumo
 * collects Azure): Microsoft's "Top-level common schema" of resource logs ("valid when resource logs are sent to Azure
 * storage or to an event hub"), camel case. Every other column of the Log Analytics table Sigma's Azure rules name
 * is a member of `properties`. The catalog's Azure mappings read the same layout: `operationName`, `callerIpAddress`,
 * `resultType`, `resourceId`, `category`, `identity`, `tenantId` at the top, `properties.appDisplayName`,
 * `properties.deviceDetail.displayName`, `properties.initiatedBy.user.userPrincipalName` below (2c7bf143, 22fd3764).
 */
const AZURE_TOP = new Set([
  'time', 'resourceId', 'tenantId', 'operationName', 'operationVersion', 'category', 'resultType', 'resultSignature',
  'resultDescription', 'durationMs', 'callerIpAddress', 'correlationId', 'identity', 'level', 'location',
]);

/** `DeviceDetail` -> `deviceDetail`: the event hub record spells the Log Analytics column names in camel case. */
function camel(part: string): string {
  return /^[A-Z][a-z]/.test(part) ? part[0]!.toLowerCase() + part.slice(1) : part;
}

/**
 * A Sigma Azure field as its event hub record key. `Category` of an Entra audit log is the audit category
 * (RoleManagement, …), a member of `properties`; the record's own `category` is the log category (AuditLogs), which
 * the event id of the mapping is (22fd3764 `AuditLogs`). Names already in camel case (`properties.message`) are the
 * record's own and kept.
 */
export function azureKey(service: string | undefined): (field: string) => string {
  return (field) => {
    const parts = field.split('.');
    if (!/^[A-Z]/.test(parts[0]!)) return field;
    const path = parts.map(camel).join('.');
    const top = AZURE_TOP.has(camel(parts[0]!)) && !(service === 'auditlogs' && parts[0] === 'Category');
    return top ? path : `properties.${path}`;
  };
}

/** Kubernetes audit events sit under `message` (mapping 8136de4e: `message.verb`, `message.objectRef.resource`). */
export const kubernetesKey = (field: string): string => `message.${field}`;

/**
 * Elastic's `gcp.audit.*` names (Filebeat gcp module, which Sigma's GCP rules use) for the Cloud Audit LogEntry
 * members they hold (`gcp.audit.method_name` is `protoPayload.methodName`).
 */
const GCP_ELASTIC: Readonly<Record<string, string>> = {
  'gcp.audit.method_name': 'protoPayload.methodName',
  'gcp.audit.service_name': 'protoPayload.serviceName',
  'gcp.audit.resource_name': 'protoPayload.resourceName',
  'gcp.audit.type': 'protoPayload.@type',
  'gcp.audit.authentication_info.principal_email': 'protoPayload.authenticationInfo.principalEmail',
};

/**
 * GCP audit LogEntries arrive through Pub/Sub with the entry under `message.data` (mapping 8ed8eed7 reads
 * `message.data.protoPayload.methodName`, `message.data.protoPayload.serviceName`, …). Sigma's `data.protoPayload.*`
 * names already carry the `data` part.
 */
export function gcpKey(field: string): string {
  const entry = GCP_ELASTIC[field] ?? (field.startsWith('data.') ? field.slice(5) : field);
  return `message.data.${entry}`;
}
