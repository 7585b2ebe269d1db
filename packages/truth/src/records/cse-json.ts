import type { EventSource, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { text } from './windows.js';
import { GENERIC_NAMES, withZeekAnswers } from './generic-dns.js';

/**
 * Cloud SIEM for JSON-collected products: which catalog Input (Vendor, Product, Log Format) a Sigma logsource's
 * events come in as, how the record Sumo receives is laid out, and how its event id (the string the mappings'
 * "Event ID Regex Pattern" is matched against) is computed.
 *
 * The catalog publishes the mappings but not the parsers that compute the event id
 * (`sumo-cloud-siem-catalog/README.md` links a Parsers folder that is not in the snapshot; SumoLogic/cloud-siem-
 * content-catalog `parsers/README.md` lists parser paths only). So each product's id is read off its own patterns,
 * the files are named next to it, and the derivation is an assumption (`cse-json-event-ids`). Where the patterns
 * do not tell the mappings apart from what a Sigma event carries, `whyNot` says so and no record is built.
 */
export interface CseJsonProduct {
  /** Row name, `<sigma product>/<sigma service or category>`. */
  readonly id: string;
  readonly applies: (source: EventSource) => boolean;
  /** Catalog Input Requirements: Vendor, Product, Log Format. */
  readonly vendor: string;
  readonly product: string;
  readonly logFormat: 'JSON';
  /** Mapping files (uid prefixes) whose patterns and keys the derivation below is read from. */
  readonly evidence: readonly string[];
  /** How the event id is computed, in words (shown by the report and the tests). */
  readonly eventIdRule: string;
  /** The record as Sumo receives it (nested JSON), from a raw event in Sigma's names. */
  readonly record: (event: RawEvent, source: EventSource) => Record<string, unknown>;
  readonly eventId: (record: Readonly<Record<string, unknown>>, source: EventSource) => string;
}

/**
 * A raw event with nested objects as dotted keys (`{objectRef: {resource}}` -> `objectRef.resource`), arrays kept
 * as values: derived events of JSON products are nested (the evaluator's derive/shape.ts), recorded ones may be
 * either; the product layouts below work on Sigma's dotted names.
 */
export function flatEvent(event: RawEvent, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(event)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) flatEvent(v as RawEvent, key, out);
    else out[key] = v;
  }
  return out;
}

/** A value at a dotted path of a nested record (`userIdentity.type`); a literal dotted key wins. */
export function pathValue(obj: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in obj) return obj[path];
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Sigma's dotted field names as the nested JSON objects the vendor writes (`objectRef.resource` ->
 * `{objectRef: {resource}}`); a name whose prefix is already a scalar stays a flat key. Nested values are kept.
 */
export function nestKeys(event: RawEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    const parts = k.split('.');
    let cur = out;
    let ok = true;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const next = cur[p];
      if (next === undefined) cur = cur[p] = {};
      else if (next !== null && typeof next === 'object' && !Array.isArray(next)) cur = next as Record<string, unknown>;
      else {
        ok = false;
        break;
      }
    }
    if (!ok) {
      out[k] = v;
      continue;
    }
    const last = parts[parts.length - 1]!;
    const prev = cur[last];
    if (prev !== null && typeof prev === 'object' && !Array.isArray(prev) && v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(prev, v);
    else cur[last] = v;
  }
  return out;
}

/**
 * A nested record's keys as Cloud SIEM's `fields` and the mappings' Original Record Keys name them: dotted paths;
 * array elements by 1-based index (`properties.targetResources.1.displayName`, `protoPayload.authorizationInfo.1.granted`
 * in mappings 22fd3764 and 8ed8eed7, where the first element is the one meant: assumption `cse-json-array-keys`).
 */
export function jsonFields(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(obj)) {
    assumption('cse-json-array-keys');
    obj.forEach((v, i) => jsonFields(v, prefix ? `${prefix}.${i + 1}` : String(i + 1), out));
    if (prefix) out[prefix] = JSON.stringify(obj);
    return out;
  }
  if (obj !== null && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj)) jsonFields(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (prefix) out[prefix] = text(obj);
  return out;
}

const s = (v: unknown): string => (v === undefined || v === null ? '' : text(v));

/**
 * Log Analytics columns that are envelope keys of the diagnostic-settings record (top level, camel case); every other
 * column is under `properties`. AuditLogs' `Category` (RoleManagement, ...) is the audit category,
 * `properties.category`; the envelope `category` is the log's own (AuditLogs).
 */
const AZURE_TOP: Readonly<Record<string, readonly string[]>> = {
  common: ['Time', 'ResourceId', 'OperationName', 'OperationVersion', 'TenantId', 'ResultType', 'ResultSignature', 'ResultDescription', 'DurationMs', 'CallerIpAddress', 'CorrelationId', 'Identity', 'Level'],
  SignInLogs: ['Category'],
  UserRiskEvents: ['Category'],
  Administrative: ['Category'],
  AuditLogs: [],
};

/** `DeviceDetail.isCompliant` -> `deviceDetail.isCompliant`: a PascalCase part gets a lower-case first letter. */
function camel(path: string): string {
  return path
    .split('.')
    .map((p) => (/^[A-Z][a-z]/.test(p) ? p[0]!.toLowerCase() + p.slice(1) : p))
    .join('.');
}

/**
 * An Azure log record as the diagnostic settings stream it to Event Hub (how Sumo collects Azure): envelope keys at
 * the top, the log's own columns under `properties` in camel case. Sigma's Azure rules name the Log Analytics columns
 * (`DeviceDetail.isCompliant`, `AppDisplayName`); the catalog's Azure mappings read the same values as
 * `properties.deviceDetail.displayName`, `properties.appDisplayName`, `properties.status.failureReason`,
 * `properties.initiatedBy.user.userPrincipalName` (2c7bf143, 22fd3764) and `operationName`, `callerIpAddress`,
 * `resultType`, `resourceId` at the top (assumption `cse-azure-eventhub-shape`). Names already in camel case
 * (`operationName`, `properties.message`) are the record's own and kept.
 */
function azureRecord(category: string) {
  return (event: RawEvent): Record<string, unknown> => {
    assumption('cse-azure-eventhub-shape');
    const top = new Set([...AZURE_TOP['common']!, ...(AZURE_TOP[category] ?? [])]);
    const flat: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(event)) {
      const head = k.split('.')[0]!;
      if (!/^[A-Z]/.test(head)) flat[k] = v;
      else if (top.has(head)) flat[camel(k)] = v;
      else flat[`properties.${camel(k)}`] = v;
    }
    if (flat['category'] === undefined) flat['category'] = category;
    return nestKeys(flat);
  };
}

/** Elastic's gcp audit fileset names Sigma's GCP rules use -> the LogEntry paths they are read from. */
const GCP_ELASTIC: Readonly<Record<string, string>> = {
  'gcp.audit.method_name': 'protoPayload.methodName',
  'gcp.audit.service_name': 'protoPayload.serviceName',
  'gcp.audit.resource_name': 'protoPayload.resourceName',
  'gcp.audit.type': 'protoPayload.@type',
  'gcp.audit.authentication_info.principal_email': 'protoPayload.authenticationInfo.principalEmail',
};

export const CSE_JSON_PRODUCTS: readonly CseJsonProduct[] = [
  {
    // Sigma's m365 `audit` rules read the Office 365 Management Activity keys themselves (Operation, Workload,
    // ApplicationId, ResultStatus, ...), the keys the catalog's Office 365 mappings read (the default mapping
    // 68fb47a0: action <- Operation, resourceType <- Workload, user_username <- UserId). All 45 Office 365 mappings
    // output vendor Microsoft, product Office 365, and the Input has a `_default_` mapping, so an event whose
    // RecordType selects none of the others still has a record.
    id: 'm365/audit',
    applies: (ls) => ls.product === 'm365' && ls.service === 'audit',
    vendor: 'Microsoft',
    product: 'Office 365',
    logFormat: 'JSON',
    evidence: ['68fb47a0 _default_', '88466900 ExchangeAdmin|1', '20871df8 AzureActiveDirectoryStsLogon|15', 'a2bdaf5f ThreatIntelligence|28', '46be6981 SecurityComplianceAlerts|40'],
    eventIdRule: '<RecordType> (the Management Activity record type, by name or number: the patterns list both, `ExchangeAdmin|1`)',
    record: (e) => nestKeys(e),
    eventId: (r) => s(pathValue(r, 'RecordType')),
  },
  {
    id: 'aws/cloudtrail',
    applies: (ls) => ls.product === 'aws' && (ls.service === 'cloudtrail' || ls.service === undefined),
    vendor: 'AWS',
    product: 'CloudTrail',
    logFormat: 'JSON',
    evidence: ['10cc2415 AwsApiCall-ExecuteCommand', '47b7d4bc AwsConsoleSignIn-(ConsoleLogin|...)', '28e0fc3f AwsServiceEvent-(RotationSucceeded|...)', '2c6a02e4 _default_'],
    eventIdRule: '<eventType>-<eventName> (eventType: AwsApiCall, AwsServiceEvent, AwsConsoleSignIn, ...)',
    record: (e) => nestKeys(e),
    eventId: (r) => `${s(pathValue(r, 'eventType'))}-${s(pathValue(r, 'eventName'))}`,
  },
  {
    id: 'okta/okta',
    applies: (ls) => ls.product === 'okta',
    vendor: 'Okta',
    product: 'SSO',
    logFormat: 'JSON',
    evidence: ['b7de0d84 security.threat.detected', '5f9fd200 user\\.authentication\\.sso*', '286d0aab _default_'],
    eventIdRule: '<eventType> (the System Log event type)',
    record: (e) => nestKeys(e),
    eventId: (r) => s(pathValue(r, 'eventType')),
  },
  {
    id: 'github/audit',
    applies: (ls) => ls.product === 'github' && (ls.service === 'audit' || ls.service === undefined),
    vendor: 'Github',
    product: 'GitHub Enterprise Audit',
    logFormat: 'JSON',
    evidence: ['172b6f9d create-.*', '5f842838 access-.*', 'cf257adf modify-.*', 'a4eb5c4d remove-.*', 'dcb649a6 authentication-.*', 'b9a6185e _default_ (changeType <- operation_type)'],
    eventIdRule: '<operation_type>-<action> (the audit log operation types create, access, modify, remove, restore, transfer, authentication)',
    record: (e) => nestKeys(e),
    eventId: (r) => `${s(pathValue(r, 'operation_type'))}-${s(pathValue(r, 'action'))}`,
  },
  {
    id: 'onelogin/onelogin.events',
    applies: (ls) => ls.product === 'onelogin',
    vendor: 'OneLogin',
    product: 'SSO',
    logFormat: 'JSON',
    evidence: ['OneLogin SSO mapping ^(5|6|8|9|68|...)$ (event type ids)', '_default_'],
    eventIdRule: '<event_type_id>',
    record: (e) => nestKeys(e),
    eventId: (r) => s(pathValue(r, 'event_type_id')),
  },
  {
    id: 'azure/signinlogs',
    applies: (ls) => ls.product === 'azure' && ls.service === 'signinlogs',
    vendor: 'Microsoft',
    product: 'Azure',
    logFormat: 'JSON',
    evidence: ['2c7bf143 ^SignInLogs', '1a9bebd4 NonInteractiveUserSignInLogs', '22fd3764 AuditLogs', '6d496433 Administrative', 'c3089ac5 _default_'],
    eventIdRule: '<category> of the diagnostic-settings record (SignInLogs, AuditLogs, Administrative, ...)',
    record: azureRecord('SignInLogs'),
    eventId: (r) => s(pathValue(r, 'category')),
  },
  {
    id: 'azure/auditlogs',
    applies: (ls) => ls.product === 'azure' && ls.service === 'auditlogs',
    vendor: 'Microsoft',
    product: 'Azure',
    logFormat: 'JSON',
    evidence: ['22fd3764 AuditLogs'],
    eventIdRule: '<category> (AuditLogs)',
    record: azureRecord('AuditLogs'),
    eventId: (r) => s(pathValue(r, 'category')),
  },
  {
    id: 'azure/activitylogs',
    applies: (ls) => ls.product === 'azure' && ls.service === 'activitylogs',
    vendor: 'Microsoft',
    product: 'Azure',
    logFormat: 'JSON',
    evidence: ['6d496433 Administrative', '1ec83af5 Policy', '6807aa3d Security', 'df04fa8e ResourceHealth|ServiceHealth'],
    eventIdRule: '<category>; Administrative when the event does not say (assumption cse-azure-activity-category)',
    record: (e) => {
      assumption('cse-azure-activity-category');
      return azureRecord('Administrative')(e);
    },
    eventId: (r) => s(pathValue(r, 'category')),
  },
  {
    id: 'azure/riskdetection',
    applies: (ls) => ls.product === 'azure' && ls.service === 'riskdetection',
    vendor: 'Microsoft',
    product: 'Azure',
    logFormat: 'JSON',
    evidence: ['379364a9 UserRiskEvents'],
    eventIdRule: '<category> (UserRiskEvents)',
    record: azureRecord('UserRiskEvents'),
    eventId: (r) => s(pathValue(r, 'category')),
  },
  {
    id: 'gcp/gcp.audit',
    applies: (ls) => ls.product === 'gcp' && ls.service === 'gcp.audit',
    vendor: 'Google',
    product: 'Google Cloud Platform',
    logFormat: 'JSON',
    evidence: ['8ed8eed7 (^activity\\-.*|^data_access\\-.*|^policy\\-.*|^system_event\\-.*|^syslog\\-.*), keys message.data.protoPayload.*'],
    eventIdRule: '<audit log kind>-<protoPayload.methodName>, the kind from logName (.../cloudaudit.googleapis.com%2F<kind>), activity when absent',
    record: (e) => {
      assumption('cse-gcp-pubsub-shape');
      const entry: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e)) {
        const name = GCP_ELASTIC[k] ?? (k.startsWith('data.') ? k.slice(5) : k);
        entry[name] = v;
      }
      return { message: { data: nestKeys(entry) } };
    },
    eventId: (r) => {
      const logName = s(pathValue(r, 'message.data.logName'));
      const kind = /cloudaudit\.googleapis\.com%2F(\w+)$/.exec(logName)?.[1] ?? 'activity';
      return `${kind}-${s(pathValue(r, 'message.data.protoPayload.methodName'))}`;
    },
  },
  {
    id: 'kubernetes/audit',
    applies: (ls) => ls.product === 'kubernetes' && ls.service === 'audit',
    vendor: 'Kubernetes',
    product: 'Kubernetes',
    logFormat: 'JSON',
    evidence: ['8136de4e _default_ (message.verb, message.objectRef.resource, message.user.username)'],
    eventIdRule: 'none needed: the product has one mapping (_default_); the audit event sits under `message`',
    record: (e) => {
      assumption('cse-k8s-message-shape');
      return { message: nestKeys(e) };
    },
    eventId: (r) => s(pathValue(r, 'message.verb')),
  },
  {
    id: 'linux/auditd',
    applies: (ls) => ls.product === 'linux' && ls.service === 'auditd',
    vendor: 'Linux',
    product: 'Auditd',
    logFormat: 'JSON',
    evidence: ['b09d8957 _default_ (msg, node, addr, exe, acct: the key=value names of one audit record)'],
    eventIdRule: 'none needed: the product has one mapping (_default_); the record is one audit record, flat',
    record: (e) => ({ ...e }),
    eventId: (r) => s(r['type']),
  },
  {
    // Sigma's generic dns events as Zeek dns.log records (assumption `dns-generic-as-zeek`): the generic names are
    // dns.log's but record_type (qtype_name), answer (answers, Zeek's vector: a one-element list for a scalar,
    // generic-dns.ts zeekAnswers) and the connection's (id.*).
    id: 'dns',
    applies: (ls) => ls.category === 'dns' && ls.product === undefined,
    vendor: 'Zeek',
    product: 'Zeek',
    logFormat: 'JSON',
    evidence: ['dns (the log name: the Zeek mappings\' event id pattern)'],
    eventIdRule: 'dns: a generic dns event is a Zeek dns.log record',
    record: (e) => {
      assumption('dns-generic-as-zeek');
      return withZeekAnswers({ _path: 'dns', ...Object.fromEntries(Object.entries(e).map(([k, v]) => [GENERIC_NAMES[k] ?? k, v])) });
    },
    eventId: () => 'dns',
  },
  {
    id: 'zeek',
    applies: (ls) => ls.product === 'zeek',
    vendor: 'Zeek',
    product: 'Zeek',
    logFormat: 'JSON',
    evidence: ['dns / http / conn / x509.* / weird patterns (log names)', 'notice-SSL::Weak_Key ... (notice-<note>)'],
    eventIdRule: '<_path> (the log name: the Sigma service), notice-<note> for notice.log',
    // Zeek's JSON writer keeps record fields as flat dotted names (`id.orig_h`), which the mappings read as keys.
    // dns.log's `answers` is a vector, written as a JSON array (generic-dns.ts zeekAnswers).
    record: (e, ls) => {
      const r = { ...(ls.service && e['_path'] === undefined ? { _path: ls.service } : {}), ...e };
      return r['_path'] === 'dns' ? withZeekAnswers(r) : r;
    },
    eventId: (r) => (s(r['_path']) === 'notice' ? `notice-${s(r['note'])}` : s(r['_path'])),
  },
  {
    id: 'google_workspace',
    applies: (ls) => ls.product === 'gcp' && (ls.service ?? '').startsWith('google_workspace'),
    vendor: 'Google',
    product: 'Google Workspace',
    logFormat: 'JSON',
    evidence: ['ec2dad63 admin-.*|admin\\..*', '34e51720 login-login-(login_failure|login_success).*|login.login_failure|...', 'keys events.name, events.type, actor.email'],
    eventIdRule: '<application>.<event name> (the second form of every pattern), the application from eventService (admin.googleapis.com -> admin)',
    record: (e) => {
      assumption('cse-gworkspace-shape');
      // `admin.googleapis.com` names the application `admin`; a value that is no Google API host names none. An
      // event without eventService has no application (the Sigma service is not read into the record).
      const service = s(e['eventService']);
      const app = /^([a-z_]+)\.googleapis\.com$/i.exec(service)?.[1] ?? service;
      const out: Record<string, unknown> = app === '' ? {} : { id: { applicationName: app } };
      for (const [k, v] of Object.entries(e)) {
        if (k === 'eventName') out['events'] = { ...(out['events'] as object), name: v };
        else if (k === 'eventService') continue;
        else Object.assign(out, nestKeys({ [k]: v }));
      }
      return out;
    },
    eventId: (r) => `${s(pathValue(r, 'id.applicationName'))}.${s(pathValue(r, 'events.name'))}`,
  },
];

/** Logsources the catalog has no usable JSON mapping for, with why (shown by cseWhyNot). */
export const CSE_JSON_GAPS: readonly { readonly applies: (ls: EventSource) => boolean; readonly why: string }[] = [
  {
    applies: (ls) => ls.product === 'm365' && ls.service !== 'audit',
    why: "Sigma's m365 alert events (threat_management, threat_detection, exchange) carry eventSource/eventName/status, not the Office 365 Management Activity keys (RecordType, Workload, Operation) the catalog's 45 Office 365 mappings select on (patterns like `SecurityComplianceAlerts|40`): the record cannot be laid out from the event",
  },
  {
    applies: (ls) => ls.product === 'azure' && ls.service === 'pim',
    why: 'no catalog mapping names Azure AD Privileged Identity Management alerts',
  },
  {
    applies: (ls) => ls.product === 'linux' && ls.service !== undefined && ls.service !== 'auditd',
    why: "the catalog's Linux OS Syslog mappings select on ids the Sumo parser derives from the message text (sshd-success, sudo-cmd, cron-CMD, ...); Sigma's keyword events do not say which, so the mappings cannot be told apart",
  },
];

export function cseJsonProduct(source: EventSource): CseJsonProduct | undefined {
  return CSE_JSON_PRODUCTS.find((p) => p.applies(source));
}
