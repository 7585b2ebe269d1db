import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flattenWindowsEvent } from '@sigmats/evaluator';
import type { EventSource, KqlType, KqlValue, RawEvent } from '../src/types.js';
import { NEEDS_SIGMAHQ, NEEDS_VENDOR, SIGMAHQ } from '../../core/test/shared-data.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

// The tests that read these skip without them; test/shared-data.test.ts then fails, naming what is missing.
/** The SigmaHQ corpus beside the repository (or $SIGMAHQ_DIR): the rules* folders and regression_data/. */
export { SIGMAHQ };
export const HAVE_SIGMAHQ = existsSync(join(SIGMAHQ, 'rules')) && existsSync(join(SIGMAHQ, 'regression_data'));
/** The vendor snapshot src/records reads, where its vendorDir() looks: $SIGMATS_VENDOR_DIR, else ../shared/vendor. */
export const VENDOR = process.env['SIGMATS_VENDOR_DIR'] || join(repoRoot, '..', 'shared', 'vendor');
export const HAVE_VENDOR = existsSync(VENDOR);
export const HAVE_BOTH = HAVE_SIGMAHQ && HAVE_VENDOR;
export const NEEDS_BOTH = `${NEEDS_SIGMAHQ} ${NEEDS_VENDOR}`;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

export interface RegressionEvent {
  readonly file: string;
  readonly event: RawEvent;
  readonly source: EventSource;
}

let cache: RegressionEvent[] | undefined;

/** Every event of regression_data (files may hold several concatenated JSON objects), flattened as Sigma sees it. */
export function regressionEvents(): readonly RegressionEvent[] {
  if (cache) return cache;
  const out: RegressionEvent[] = [];
  for (const file of walk(join(SIGMAHQ, 'regression_data'))) {
    const text = readFileSync(file, 'utf8');
    for (const chunk of text.split(/\n(?=\{)/)) {
      if (!chunk.trim()) continue;
      const event = flattenWindowsEvent(JSON.parse(chunk) as Record<string, unknown>);
      out.push({ file, event, source: { product: 'windows' } });
    }
  }
  cache = out;
  return out;
}

/** The first regression event of a channel and event id (with an optional extra test). */
export function regressionEvent(channel: string, eventId: number, where: (e: RawEvent) => boolean = () => true): RegressionEvent {
  const found = regressionEvents().find((r) => r.event['Channel'] === channel && Number(r.event['EventID']) === eventId && where(r.event));
  if (!found) throw new Error(`no regression event ${channel} ${eventId}`);
  return found;
}

export const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** A Sysmon 3 event of TeamViewer (Sysmon's field order; the regression data has no network connection event). */
export const TEAMVIEWER_NETWORK: RawEvent = {
  Provider_Name: 'Microsoft-Windows-Sysmon', Provider_Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9', EventID: 3, Version: 5, Level: 4, Task: 3,
  Opcode: 0, Keywords: '0x8000000000000000', TimeCreated_SystemTime: '2026-04-20T10:05:00.123456Z', EventRecordID: 91234,
  Execution_ProcessID: 3208, Execution_ThreadID: 4000, Channel: SYSMON, Computer: 'ws01.corp.local', Security_UserID: 'S-1-5-18',
  RuleName: '-', UtcTime: '2026-04-20 10:04:59.870', ProcessGuid: '0197231E-F943-69E5-A527-000000000900', ProcessId: 4412,
  Image: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe', User: 'CORP\\alice', Protocol: 'tcp', Initiated: true, SourceIsIpv6: false,
  SourceIp: '10.0.0.5', SourceHostname: 'ws01.corp.local', SourcePort: 50123, SourcePortName: '-', DestinationIsIpv6: false,
  DestinationIp: '185.188.32.1', DestinationHostname: 'router1.teamviewer.com', DestinationPort: 443, DestinationPortName: 'https',
};

/** A Security 4624 (network logon) in the shape Windows writes it (the regression data has none). */
export const LOGON_4624: RawEvent = {
  Provider_Name: 'Microsoft-Windows-Security-Auditing', Provider_Guid: '54849625-5478-4994-A5BA-3E3B0328C30D', EventID: 4624, Version: 2,
  Level: 0, Task: 12544, Opcode: 0, Keywords: '0x8020000000000000', TimeCreated_SystemTime: '2026-04-20T11:00:00.000000Z', EventRecordID: 5001,
  Execution_ProcessID: 640, Execution_ThreadID: 700, Channel: 'Security', Computer: 'dc01.corp.local',
  SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: 'S-1-5-21-1-2-3-1104',
  TargetUserName: 'Alice', TargetDomainName: 'CORP', TargetLogonId: '0x8dcdc', LogonType: 3, LogonProcessName: 'NtLmSsp ',
  AuthenticationPackageName: 'NTLM', WorkstationName: 'WS01', LogonGuid: '00000000-0000-0000-0000-000000000000', TransmittedServices: '-',
  LmPackageName: 'NTLM V2', KeyLength: 128, ProcessId: '0x0', ProcessName: '-', IpAddress: '10.0.0.5', IpPort: '50200',
  ImpersonationLevel: '%%1833', RestrictedAdminMode: '-', TargetOutboundUserName: '-', TargetOutboundDomainName: '-',
  VirtualAccount: '%%1843', TargetLinkedLogonId: '0x0', ElevatedToken: '%%1842',
};

/** Whether a row value has its column's documented type (null for any type but string, which is never null). */
export function typeFits(type: KqlType, v: KqlValue): boolean {
  if (v === null) return type !== 'string';
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'int':
    case 'long':
    case 'real':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'datetime':
      return v instanceof Date;
    default:
      return true;
  }
}
