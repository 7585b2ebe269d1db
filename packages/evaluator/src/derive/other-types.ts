import type { SigmaRule } from '@sigmats/core';
import { type EventLogsource, logsourceApplies, windowsLogsource } from '../logsource.js';
import { windowsEvent } from './templates.js';
import { CATEGORY_TARGETS, SYSMON_CHANNEL, type WindowsTarget } from './windows-sources.js';

const sameTarget = (a: WindowsTarget, b: WindowsTarget): boolean =>
  a.channel === b.channel && a.eventId === b.eventId && a.fields?.['EventType'] === b.fields?.['EventType'];

const sysmon = (eventId: number, eventType?: string): WindowsTarget =>
  eventType === undefined ? { channel: SYSMON_CHANNEL, eventId } : { channel: SYSMON_CHANNEL, eventId, fields: { EventType: eventType } };

/** Event types an acting process also shows up in (Sysmon: network, image load, file, DNS, process access). */
const PROCESS_FAMILY = [sysmon(1), sysmon(3), sysmon(7), sysmon(11), sysmon(22), sysmon(10)];
const REGISTRY_FAMILY = [sysmon(13, 'SetValue'), sysmon(12, 'CreateKey'), sysmon(12, 'DeleteKey'), sysmon(14, 'RenameKey'), sysmon(1)];
const FILE_FAMILY = [sysmon(11), sysmon(23), sysmon(26), sysmon(15), sysmon(29), sysmon(2), sysmon(1)];
const POWERSHELL_FAMILY: WindowsTarget[] = [
  { channel: 'Microsoft-Windows-PowerShell/Operational', eventId: 4104 },
  { channel: 'Microsoft-Windows-PowerShell/Operational', eventId: 4103 },
  { channel: 'Windows PowerShell', eventId: 400 },
  sysmon(1),
];

function family(category: string): readonly WindowsTarget[] | undefined {
  if (category.startsWith('registry_')) return REGISTRY_FAMILY;
  if (category.startsWith('file_') || category === 'create_stream_hash') return FILE_FAMILY;
  if (category.startsWith('ps_')) return POWERSHELL_FAMILY;
  const sysmonCategories = ['process_creation', 'network_connection', 'image_load', 'dns_query', 'process_access', 'create_remote_thread', 'pipe_created', 'driver_load', 'process_termination', 'raw_access_thread', 'process_tampering', 'clipboard_capture'];
  return sysmonCategories.includes(category) ? PROCESS_FAMILY : undefined;
}

/** Where Sigma's process fields sit in event types that name the acting process differently. */
const RENAMES: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  10: { Image: 'SourceImage', ProcessId: 'SourceProcessId', ProcessGuid: 'SourceProcessGUID', User: 'SourceUser' },
  8: { Image: 'SourceImage', ProcessId: 'SourceProcessId', ProcessGuid: 'SourceProcessGuid', User: 'SourceUser' },
};
/** Fields that identify the acting process: copied even when the rule does not test them. */
const PROCESS_IDENTITY = ['Image', 'ProcessId', 'ProcessGuid', 'User', 'SourceImage', 'SourceProcessId', 'SourceProcessGUID', 'SourceProcessGuid', 'SourceUser'];

export interface OtherType {
  readonly event: Record<string, unknown>;
  readonly source: EventLogsource;
  readonly note: string;
}

/** Back to Sigma's names (from the witness' event type) then on to the target's names. */
function toSigma(eventId: number, field: string): string {
  const r = RENAMES[eventId];
  if (r) for (const [sigma, own] of Object.entries(r)) if (own === field) return sigma;
  return field;
}

/**
 * The witness' values re-emitted as other event types of the same product: the same process seen by its
 * network connection, image load, file write, DNS query, process access; the same registry key by another
 * registry operation; the same file by another file event. Only fields the other type has are copied.
 * Kept only when the router sends the event to a logsource the rule does not apply to.
 */
export function otherTypes(rule: SigmaRule, witness: Readonly<Record<string, unknown>>, witnessEventId: number | undefined, tested: readonly string[]): OtherType[] {
  const category = rule.logsource.category;
  if (rule.logsource.product !== 'windows' || category === undefined || witnessEventId === undefined) return [];
  const targets = family(category);
  if (targets === undefined) return [];
  const out: OtherType[] = [];
  for (const target of targets) {
    const { event, template } = windowsEvent(target);
    if (template === undefined) continue;
    const routes = windowsLogsource(event) ?? [];
    if (routes.length === 0 || routes.some((r) => logsourceApplies(rule.logsource, r))) continue;
    const copied: string[] = [];
    const missing: string[] = [];
    for (const field of new Set([...tested, ...PROCESS_IDENTITY])) {
      if (!(field in witness)) continue;
      const sigma = toSigma(witnessEventId, field);
      const own = RENAMES[target.eventId]?.[sigma] ?? sigma;
      if (own in event && own !== 'EventID' && own !== 'Channel' && own !== 'EventType') {
        event[own] = witness[field];
        copied.push(own === field ? field : `${field} as ${own}`);
      } else if (tested.includes(field)) missing.push(field);
    }
    if (copied.length === 0) continue;
    // The type's own category (the router gives Sysmon 12 all of registry_add/delete/event).
    const own = Object.entries(CATEGORY_TARGETS).find(([, ts]) => ts.some((t) => sameTarget(t, target)))?.[0];
    const route = own !== undefined ? { product: 'windows', category: own } : routes[0]!;
    const what = route.category ?? route.service ?? 'other';
    out.push({
      event,
      source: route,
      note: `as ${target.channel === SYSMON_CHANNEL ? 'Sysmon' : target.channel} EID ${target.eventId}${target.fields?.['EventType'] ? ` ${target.fields['EventType']}` : ''} (${what}): copied ${copied.join(', ')}${missing.length > 0 ? `; not in this type: ${missing.join(', ')}` : ''}`,
    });
  }
  return out;
}

/**
 * Sysmon-for-Linux style event types (the names Sigma's Linux and macOS categories use): the fields each carries.
 * Sysmon for Linux logs process creation (1), network connection (3), file create (11) with the Windows Sysmon field
 * names; Sigma's macOS rules use the same process_creation/file_event names.
 */
const POSIX_TYPE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  process_creation: ['Image', 'CommandLine', 'CurrentDirectory', 'User', 'LogonId', 'ProcessId', 'ProcessGuid', 'ParentImage', 'ParentCommandLine', 'ParentProcessId', 'ParentProcessGuid', 'ParentUser', 'OriginalFileName', 'Hashes'],
  network_connection: ['Image', 'User', 'ProcessId', 'ProcessGuid', 'Protocol', 'Initiated', 'SourceIp', 'SourceHostname', 'SourcePort', 'DestinationIp', 'DestinationHostname', 'DestinationPort'],
  file_event: ['Image', 'User', 'ProcessId', 'ProcessGuid', 'TargetFilename', 'CreationUtcTime'],
};
/** Categories of each product that other-type events are emitted as (Sigma's Linux and macOS category folders). */
const POSIX_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  linux: ['process_creation', 'network_connection', 'file_event'],
  macos: ['process_creation', 'file_event'],
};
const POSIX_IDENTITY = ['Image', 'ProcessId', 'ProcessGuid', 'User'];

/**
 * The witness' process re-emitted as the other Linux/macOS event types (the network connection or file write of the
 * process a process_creation rule detects, and back): only fields the other type has, the acting process always.
 * The source names the type, which is how the evaluator routes these events (they carry no channel).
 */
export function posixOtherTypes(rule: SigmaRule, witness: Readonly<Record<string, unknown>>, tested: readonly string[]): OtherType[] {
  const { product, category } = rule.logsource;
  const categories = product === undefined ? undefined : POSIX_CATEGORIES[product];
  if (categories === undefined || category === undefined || !categories.includes(category)) return [];
  const out: OtherType[] = [];
  for (const other of categories) {
    if (other === category) continue;
    const names = POSIX_TYPE_FIELDS[other]!;
    const event: Record<string, unknown> = {};
    const copied: string[] = [];
    const missing: string[] = [];
    for (const field of new Set([...tested, ...POSIX_IDENTITY])) {
      if (!(field in witness)) continue;
      if (names.includes(field)) {
        event[field] = witness[field];
        copied.push(field);
      } else if (tested.includes(field)) missing.push(field);
    }
    if (copied.length === 0) continue;
    out.push({
      event,
      source: { product: product!, category: other },
      note: `as ${product} ${other}: copied ${copied.join(', ')}${missing.length > 0 ? `; not in this type: ${missing.join(', ')}` : ''}`,
    });
  }
  return out;
}
