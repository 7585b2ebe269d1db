import type { Logsource } from '@sigmats/core';

/**
 * Sigma fields → Cloud SIEM normalized record fields (target-languages §5.2, catalog mappings for Sysmon EID 1 and
 * Security 4688). Anything not here is read from the raw message: `fields['EventData.X']` for Windows event data,
 * `fields['X']` otherwise. OriginalFileName, IntegrityLevel and CurrentDirectory are not normalized by CSE: they
 * stay raw (the official converter maps them to severity/file_basename/file_path, which is wrong).
 */
export const CSE_NORMALIZED: Readonly<Record<string, string>> = {
  Image: 'baseImage',
  NewProcessName: 'baseImage',
  ParentImage: 'parentBaseImage',
  ParentProcessName: 'parentBaseImage',
  CommandLine: 'commandLine',
  ParentCommandLine: 'parentCommandLine',
  Computer: 'device_hostname',
  User: 'user_username',
  SubjectUserName: 'user_username',
  SubjectDomainName: 'user_authDomain',
  TargetUserName: 'targetUser_username',
  ProcessId: 'pid',
  ParentProcessId: 'parentPid',
  md5: 'file_hash_md5',
  MD5: 'file_hash_md5',
  sha1: 'file_hash_sha1',
  SHA1: 'file_hash_sha1',
  sha256: 'file_hash_sha256',
  SHA256: 'file_hash_sha256',
  Imphash: 'file_hash_imphash',
  IMPHASH: 'file_hash_imphash',
};

/** Normalized fields CSE types as numbers (compared without quotes). */
export const CSE_NUMERIC = new Set(['pid', 'parentPid']);

/** `Hashes` values `ALG=value` go to one normalized field per algorithm, with the prefix stripped. */
export const CSE_HASH_FIELDS: Readonly<Record<string, string>> = {
  MD5: 'file_hash_md5',
  SHA1: 'file_hash_sha1',
  SHA256: 'file_hash_sha256',
  IMPHASH: 'file_hash_imphash',
};

/** Windows event keys that are not under EventData in the raw message. */
const WINDOWS_SYSTEM_KEYS = new Set(['EventID', 'Channel', 'Provider', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID']);

/** Windows log channel per Sigma service: EventID N becomes metadata_deviceEventId '<channel>-N'. */
export const WINDOWS_CHANNELS: Readonly<Record<string, string>> = {
  security: 'Security',
  system: 'System',
  application: 'Application',
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  powershell: 'Microsoft-Windows-PowerShell/Operational',
  'powershell-classic': 'Windows PowerShell',
  taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  wmi: 'Microsoft-Windows-WMI-Activity/Operational',
  windefend: 'Microsoft-Windows-Windows Defender/Operational',
  'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
  'dns-client': 'Microsoft-Windows-DNS Client Events/Operational',
  'firewall-as': 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall',
  'code-integrity': 'Microsoft-Windows-CodeIntegrity/Operational',
  'applocker': 'Microsoft-Windows-AppLocker/EXE and DLL',
  'ntlm': 'Microsoft-Windows-NTLM/Operational',
};

/** Sysmon event IDs by Sigma category (for the metadata scope of Windows rules that read raw fields). */
export const CSE_SYSMON_IDS: Readonly<Record<string, readonly string[]>> = {
  process_creation: ['Microsoft-Windows-Sysmon/Operational-1', 'Security-4688'],
  network_connection: ['Microsoft-Windows-Sysmon/Operational-3'],
  image_load: ['Microsoft-Windows-Sysmon/Operational-7'],
  create_remote_thread: ['Microsoft-Windows-Sysmon/Operational-8'],
  process_access: ['Microsoft-Windows-Sysmon/Operational-10'],
  file_event: ['Microsoft-Windows-Sysmon/Operational-11'],
  registry_set: ['Microsoft-Windows-Sysmon/Operational-13'],
  dns_query: ['Microsoft-Windows-Sysmon/Operational-22'],
  pipe_created: ['Microsoft-Windows-Sysmon/Operational-17', 'Microsoft-Windows-Sysmon/Operational-18'],
  driver_load: ['Microsoft-Windows-Sysmon/Operational-6'],
};

export type CseField =
  | { readonly kind: 'normalized'; readonly name: string }
  | { readonly kind: 'raw'; readonly key: string }
  | { readonly kind: 'hashes' }
  | { readonly kind: 'event-id'; readonly channel: string };

export function cseField(field: string, ls: Logsource): CseField {
  const windows = ls.product?.toLowerCase() === 'windows';
  const normalized = CSE_NORMALIZED[field];
  if (normalized) return { kind: 'normalized', name: normalized };
  if (field === 'Hashes') return { kind: 'hashes' };
  if (windows && field === 'EventID') {
    const channel = ls.service ? WINDOWS_CHANNELS[ls.service.toLowerCase()] : undefined;
    if (channel) return { kind: 'event-id', channel };
  }
  if (windows) return { kind: 'raw', key: WINDOWS_SYSTEM_KEYS.has(field) ? field : `EventData.${field}` };
  return { kind: 'raw', key: field };
}
