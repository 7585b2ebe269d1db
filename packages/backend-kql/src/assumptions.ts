// `@sigmats/backend-kql/assumptions`: the assumptions a pipeline's queries rest on (generated ASSUMPTIONS rows),
// optionally narrowed to those a rule touches, for the CLI's variant pages.
import { fieldsUsed } from '@sigmats/core';
import type { SigmaRule } from '@sigmats/core';
import { ASSUMPTIONS } from './generated/assumptions.js';

export interface KqlAssumption {
  readonly id: string;
  /** What the queries assume, in one sentence. */
  readonly text: string;
  /** Why it is an assumption, and what would settle it. */
  readonly source: string;
}

/** What a rule uses, for the relevance tests. */
interface Uses {
  readonly category: string;
  readonly product: string;
  readonly service: string;
  readonly fields: ReadonlySet<string>;
  /** Every literal text of the rule's detection values. */
  readonly texts: readonly string[];
}

const REGISTRY = /^registry_/;

/** A Linux or macOS rule: on sentinel_asim, its rows come through Microsoft's Defender for Endpoint parsers. */
const posix = (u: Uses): boolean => u.product === 'linux' || u.product === 'macos';

/** The rules sentinel_windows reads from the Event table: Windows services but Security and AppLocker (SecurityEvent's), and the PowerShell categories. */
const eventTableRule = (u: Uses): boolean =>
  u.product === 'windows' && u.service !== 'security' && u.service !== 'applocker' && (u.service !== '' || u.category.startsWith('ps_'));

/**
 * When an assumption matters to a rule of `pipeline` (absent: to every rule of its pipelines). A page that combines
 * pipelines asks each: sentinel_windows is beside sentinel_asim on the Sentinel page, whose process creation rules
 * read no Event row.
 */
const RELEVANT: Readonly<Record<string, (u: Uses, pipeline: string) => boolean>> = {
  'defender-registry-dword-decimal': (u) => REGISTRY.test(u.category) && u.texts.some((t) => /DWORD|QWORD/i.test(t)),
  'defender-registry-empty': (u) => REGISTRY.test(u.category) && u.texts.some((t) => /\(Empty\)|Binary Data/.test(t)),
  'defender-registry-controlset': (u) => REGISTRY.test(u.category) && u.texts.some((t) => /ControlSet/i.test(t)),
  'defender-registry-hkcr': (u) => REGISTRY.test(u.category) && u.texts.some((t) => /^HKCR\b/i.test(t)),
  'defender-registry-hkcu': (u) => REGISTRY.test(u.category) && u.texts.some((t) => /^HKCU\b/i.test(t)),
  'defender-pipe-name': (u) => u.category === 'pipe_created' && u.fields.has('PipeName'),
  'defender-deviceevents-actiontypes': (u) => ['pipe_created', 'create_remote_thread', 'driver_load'].includes(u.category),
  'defender-integrity-level-names': (u) => u.fields.has('IntegrityLevel') || u.fields.has('ParentIntegrityLevel'),
  'defender-logon-id-decimal': (u) => u.fields.has('LogonId'),
  'defender-sha256-sparse': (u) => u.fields.has('sha256') || u.texts.some((t) => /SHA256=/i.test(t)),
  'defender-process-rows-created': (u) => u.category === 'process_creation',
  'defender-folderpath-basename': (u) => u.category === 'process_creation' || ['Image', 'ParentImage', 'SourceImage'].some((f) => u.fields.has(f)),
  'defender-folderpath-either': (u) =>
    ['image_load', 'file_event', 'file_rename', 'file_delete', 'driver_load', 'create_remote_thread'].includes(u.category) &&
    ['TargetFilename', 'SourceFilename', 'ImageLoaded', 'TargetImage'].some((f) => u.fields.has(f)),
  // On sentinel_asim, only Linux and macOS connections come through Microsoft's Defender parser.
  'defender-remoteurl-hostname': (u, pipeline) => u.fields.has('DestinationHostname') && (pipeline !== 'sentinel_asim' || posix(u)),
  // Every file rule of sentinel_asim that reads TargetFileFullPath: Linux and macOS file_event, Windows file_event and
  // file_delete (Microsoft's Defender file parser reads Windows devices too).
  'asim-defender-file-path': (u) =>
    u.fields.has('TargetFilename') && (posix(u) ? u.category === 'file_event' : u.product === 'windows' && ['file_event', 'file_delete', 'file_delete_detected'].includes(u.category)),
  // Sysmon's Initiated on a Linux or macOS connection (NetworkDirection; Sysmon for Linux rows compute it from HostIP).
  'asim-linux-sysmon-direction': (u) => posix(u) && u.category === 'network_connection' && u.fields.has('Initiated'),
  // Every Linux and macOS rule on the pipelines that read Defender's Device* rows: none of them says the device's system.
  'defender-posix-device-scope': (u, pipeline) => u.category === 'network_connection' && (posix(u) || pipeline === 'microsoft_xdr'),
  'device-system-by-path': (u, pipeline) =>
    u.category === 'process_creation' ||
    (/^file_/.test(u.category) && (pipeline === 'microsoft_xdr' || ['file_event', 'file_delete', 'file_delete_detected'].includes(u.category))) ||
    (u.category === 'network_connection' && pipeline === 'microsoft_xdr'),
  'asim-windows-sysmon-rows': (u) => u.product === 'windows' && (u.category === 'network_connection' || u.category === 'dns_query'),
  'asim-process-version-info': (u) =>
    u.product === 'windows' && u.category === 'process_creation' && ['OriginalFileName', 'Company', 'Description', 'Product'].some((f) => u.fields.has(f)),
  'asim-dns-zeek-names': (u) => u.category === 'dns' || (u.product === 'zeek' && u.service === 'dns'),
  'securityevent-4688-user': (u) => u.category === 'process_creation' && (u.fields.has('User') || u.fields.has('ParentUser')),
  'sentinel-cloud-cloudtrail-columns': (u) => u.product === 'aws' && u.service === 'cloudtrail',
  'sentinel-web-event-types': (u) => u.category === 'webserver' || u.category === 'proxy',
  'sentinel-web-url-parts': (u) => u.category === 'webserver' && (u.fields.has('cs-uri-stem') || u.fields.has('cs-uri-query')),
  'sentinel-web-request-host': (u) => u.category === 'proxy' && u.fields.has('cs-host'),
  'sentinel-cloud-office-names': (u) => u.product === 'm365',
  'sentinel-cloud-cloudtrail-json': (u) => u.product === 'aws' && [...u.fields].some((f) => /^(requestParameters|responseElements|additionalEventData|resources|serviceEventDetails)\b/.test(f)),
  'sentinel-syslog-programs': (u) => u.product === 'linux' && u.category === '' && u.service !== '' && u.service !== 'syslog' && u.service !== 'auditd',
  'sentinel-syslog-keywords': (u) => u.product === 'linux' && u.category === '' && u.service !== 'auditd',
  'sentinel-cloud-okta-table': (u) => u.product === 'okta',
  'sentinel-cloud-github-table': (u) => u.product === 'github',
  'sentinel-cloud-gcp-names': (u) => u.product === 'gcp' && u.service === 'gcp.audit',
  'sentinel-cloud-aks-audit-table': (u) => u.product === 'kubernetes' && u.service === 'audit',
  'sentinel-cloud-azure-record-names': (u) => u.product === 'azure' && [...u.fields].some((f) => /^(properties\.|[a-z])/.test(f)),
  'event-eventdata-xml': (u, pipeline) => pipeline !== 'sentinel_windows' || eventTableRule(u),
  'sentinel-event-channels': eventTableRule,
  'sentinel-event-parameterxml': (u) => eventTableRule(u) && u.fields.has('Data'),
  'securityevent-process-id-hex': (u, pipeline) =>
    (pipeline !== 'sentinel_windows' || u.service === 'security') && ['ProcessId', 'ParentProcessId', 'NewProcessId', 'SubjectLogonId', 'TargetLogonId'].some((f) => u.fields.has(f)),
  'defender-remoteurl-url': (u) => u.category === 'network_connection' && (u.fields.has('DestinationHostname') || u.fields.has('SourceHostname')),
  'defender-ipv4-mapped': (u) => u.category === 'network_connection' && ['DestinationIp', 'SourceIp', 'DestinationIsIpv6', 'SourceIsIpv6'].some((f) => u.fields.has(f)),
  'defender-protocol-values': (u) => u.category === 'network_connection' && u.fields.has('Protocol'),
  'securityevent-applocker': (u) => u.product === 'windows' && u.service === 'applocker',
  // The rules that test the audit category (the page's "only Audit" would leave them no row).
  'sentinel-cloud-auditlogs-category': (u) => u.product === 'azure' && u.service === 'auditlogs' && (u.fields.has('Category') || u.fields.has('properties.category')),
  // The Kubernetes rules that read objectRef and may match list requests: those testing verb list, or no verb.
  'sentinel-cloud-aks-list-objectref': (u) =>
    u.product === 'kubernetes' && u.service === 'audit' && [...u.fields].some((f) => f.startsWith('objectRef')) && (!u.fields.has('verb') || u.texts.some((t) => /^list$/i.test(t))),
};

function literalTexts(x: unknown, out: string[]): string[] {
  if (Array.isArray(x)) for (const e of x) literalTexts(e, out);
  else if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (o.kind === 'literal' && typeof o.text === 'string') out.push(o.text);
    else for (const [k, v] of Object.entries(o)) if (k !== 'loc') literalTexts(v, out);
  }
  return out;
}

/**
 * The assumptions the queries of `pipeline` rest on (facts Microsoft's sources do not give, listed in the
 * generated data); with `rule`, only those that matter to that rule. Unknown pipelines have none.
 */
export function kqlAssumptions(pipeline: string, rule?: SigmaRule): readonly KqlAssumption[] {
  const uses: Uses | undefined = rule && {
    category: rule.logsource.category ?? '',
    product: rule.logsource.product ?? '',
    service: rule.logsource.service ?? '',
    fields: new Set(fieldsUsed(rule)),
    texts: literalTexts(rule.detections, []),
  };
  return ASSUMPTIONS.filter((a) => a.pipelines.includes(pipeline))
    .filter((a) => !uses || (RELEVANT[a.id]?.(uses, pipeline) ?? true))
    .map((a) => ({ id: a.id, text: a.text, source: `${a.reason} To settle: ${a.settle}.` }));
}
