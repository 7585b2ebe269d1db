/**
 * Derived events are built field by field from a rule's constraints, so a near miss can set one field of a pair that
 * the logging product always writes together. Such an event cannot exist, and the vendor's record of it is undefined:
 * comparing verdicts on it would test the deriver, not the query. These checks name the invariants the products
 * document, and the differential leaves out the events that break one.
 */

const SYSMON_PROVIDER = /sysmon/i;

/**
 * Sysmon event 3 writes `SourceIsIpv6` / `DestinationIsIpv6` from the address family of `SourceIp` / `DestinationIp`
 * (Sysmon's schema: both are written for every network connection; an IPv6 address is the one holding a colon).
 */
function sysmonNetwork(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const side of ['Source', 'Destination'] as const) {
    const flag = event[`${side}IsIpv6`];
    const ip = event[`${side}Ip`];
    if (flag === undefined || flag === null || typeof ip !== 'string' || ip === '') continue;
    const says = /^true$/i.test(String(flag));
    if (says !== ip.includes(':')) return `${side}IsIpv6 = ${String(flag)} contradicts ${side}Ip = ${ip}`;
  }
  return undefined;
}

const SYSMON_CHANNEL = 'microsoft-windows-sysmon/operational';

/** A Windows Sysmon event: its channel (the provider alone also names Sysmon for Linux, whose events these checks do not cover). */
function isSysmon(event: Readonly<Record<string, unknown>>): boolean {
  const channel = event['Channel'];
  return typeof channel === 'string' && channel.toLowerCase() === SYSMON_CHANNEL;
}

/**
 * Only Sysmon writes to its channel: Microsoft-Windows-Sysmon/Operational is declared in Sysmon's own manifest, and
 * every Sysmon-channel event in SigmaHQ's regression_data (evtx_dump of real events) has the provider
 * Microsoft-Windows-Sysmon. Rules filter other providers (`Provider_Name: Microsoft-Windows-Kernel-Audit-API-Calls`,
 * `SystemTraceProvider-Process`) because collectors other than Sysmon feed the same categories; a near miss that puts
 * such a provider on a Sysmon-channel event describes an event no host logs.
 */
function sysmonChannelProvider(event: Readonly<Record<string, unknown>>): string | undefined {
  const channel = event['Channel'];
  const provider = event['Provider_Name'];
  if (typeof channel !== 'string' || channel.toLowerCase() !== SYSMON_CHANNEL) return undefined;
  if (provider === undefined || provider === null || String(provider).toLowerCase() === 'microsoft-windows-sysmon') return undefined;
  return `Provider_Name = ${String(provider)} in the Sysmon channel, which only Microsoft-Windows-Sysmon writes`;
}

/**
 * The EventType values of Sysmon registry events (12, 13, 14): the RegistryAction datatable of Microsoft's Sysmon
 * registry parser, Azure-Sentinel/Parsers/ASimRegistryEvent/Parsers/ASimRegistryEventMicrosoftSysmon.yaml:27-34.
 */
const SYSMON_REGISTRY_TYPES = new Set(['CreateKey', 'DeleteKey', 'DeleteValue', 'SetValue', 'RenameKey']);

/**
 * Sysmon registry root keys: the Hives datatable of the same parser (:35-40), which reads the first segment of
 * TargetObject as the hive (`parse TargetObject with KeyPrefix "\\" KeyMain`, :80-81); an empty first segment is a
 * native path (`\REGISTRY\A\...`, application hives), which the parser keeps as it is.
 */
const SYSMON_HIVES = new Set(['HKLM', 'HKU', 'HKCR', '']);

/**
 * Sysmon registry events: EventType is one of Sysmon's five, event 13 is a value set and event 14 a rename (the only
 * event with NewName), and TargetObject starts at a registry root (Sysmon's event descriptions,
 * https://learn.microsoft.com/sysinternals/downloads/sysmon: "Event ID 13: RegistryEvent (Value Set)", "Event ID 14:
 * RegistryEvent (Key and Value Rename) ... recording the new name of the key or value that was renamed"; the `sysmon -s`
 * schema the evaluator's templates follow, packages/evaluator/src/derive/templates-hand.ts, has NewName in 14 only).
 */
function sysmonRegistry(event: Readonly<Record<string, unknown>>, eventId: string): string | undefined {
  const type = event['EventType'];
  if (type !== undefined && type !== null) {
    const t = String(type);
    if (!SYSMON_REGISTRY_TYPES.has(t)) return `EventType = ${t} is not a registry event type Sysmon writes`;
    if ((eventId === '13') !== (t === 'SetValue') || (eventId === '14') !== (t === 'RenameKey')) return `EventType = ${t} in Sysmon event ${eventId}`;
  }
  if (eventId !== '14' && event['NewName'] !== undefined && event['NewName'] !== null) return `NewName in Sysmon event ${eventId} (only renames, event 14, have one)`;
  const target = event['TargetObject'];
  if (typeof target === 'string' && target !== '') {
    const root = target.split('\\', 1)[0]!;
    if (!SYSMON_HIVES.has(root.toUpperCase())) return `TargetObject = ${target} does not start at a registry root Sysmon writes`;
  }
  return undefined;
}

/**
 * Sysmon writes accounts as DOMAIN\name, and neither part can hold a backslash (the SAM account name "cannot contain
 * any of these characters: \"/ \\ [ ] : ; | = , + * ? < >", MicrosoftDocs/win32 desktop-src/ADSchema/a-samaccountname.md;
 * NetBIOS domain names exclude it likewise), so an account with two backslashes is no account.
 */
const SYSMON_ACCOUNTS = ['User', 'ParentUser', 'SourceUser', 'TargetUser'];

function sysmonAccounts(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const f of SYSMON_ACCOUNTS) {
    const v = event[f];
    if (typeof v === 'string' && v.split('\\').length > 2) return `${f} = ${v} is no DOMAIN\\name account`;
  }
  return undefined;
}

/**
 * Sysmon writes its times (UtcTime, CreationUtcTime, PreviousCreationUtcTime: the schema's UtcTime type) as
 * `yyyy-MM-dd HH:mm:ss.fff`, the only form in SigmaHQ's regression_data (evtx_dump of real events: 269 of them). A
 * value of another form (a rule's `startswith: '2023-03- '` witness) is no time Sysmon writes, and its platform record
 * (a datetime column) cannot hold it.
 */
const SYSMON_TIMES = ['UtcTime', 'CreationUtcTime', 'PreviousCreationUtcTime'];
const SYSMON_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

function sysmonTimes(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const f of SYSMON_TIMES) {
    const v = event[f];
    if (typeof v === 'string' && !SYSMON_TIME.test(v)) return `${f} = ${v} is not a time as Sysmon writes it (yyyy-MM-dd HH:mm:ss.fff)`;
  }
  return undefined;
}

/** The logsource an event was derived for (EventLogsource's keys). */
export interface PossibleSource {
  readonly category?: string;
  readonly product?: string;
}

const POSIX_PATH_CATEGORIES = new Set(['process_creation', 'file_event', 'network_connection']);

/**
 * Linux and macOS sensors write a process's image and a created file as full paths: Sysmon for Linux's Image and
 * TargetFilename (the executable's path, as on Windows) and Defender for Endpoint's FolderPath, which Microsoft's file
 * parser reads as starting with "/" on Linux (ASimFileEventMicrosoft365D.yaml:89). A derived Linux or macOS event whose Image or
 * TargetFilename is a relative path or a Windows one (a rule's value written with a backslash, or a bare name such as
 * `.github/workflows/x.yml` that a `contains` or `endswith` gave) describes no recorded event.
 */
function posixRelativePath(event: Readonly<Record<string, unknown>>, source: PossibleSource): string | undefined {
  if ((source.product !== 'linux' && source.product !== 'macos') || !POSIX_PATH_CATEGORIES.has(source.category ?? '')) return undefined;
  for (const key of ['Image', 'TargetFilename']) {
    const v = event[key];
    if (typeof v === 'string' && v !== '' && !v.startsWith('/')) return `${key} = ${v} is not a full path, which ${source.product} sensors record`;
  }
  return undefined;
}

/** Why no product could have written `event`, or undefined when it is possible as far as these checks know. */
export function impossibleEvent(event: Readonly<Record<string, unknown>>, source?: PossibleSource): string | undefined {
  const relative = source ? posixRelativePath(event, source) : undefined;
  if (relative !== undefined) return relative;
  const foreign = sysmonChannelProvider(event);
  if (foreign !== undefined) return foreign;
  if (isSysmon(event)) {
    const eventId = String(event['EventID']);
    const why = sysmonAccounts(event) ?? sysmonTimes(event) ?? (['12', '13', '14'].includes(eventId) ? sysmonRegistry(event, eventId) : undefined);
    if (why !== undefined) return why;
  }
  const provider = event['Provider_Name'] ?? event['Channel'];
  if (typeof provider === 'string' && SYSMON_PROVIDER.test(provider) && String(event['EventID']) === '3') return sysmonNetwork(event);
  return undefined;
}
