import type { Logsource } from '@sigmats/core';

/**
 * Where a Sigma log source lives in Sumo log search, as data: the scope (metadata terms before the first pipe),
 * extra conditions the log source implies (Sysmon event IDs), and how Sigma field names become JSON key paths in
 * Sumo's Windows JSON events (`EventData.Image`; system keys stay top-level). The scope is only a default:
 * the `scope` option or a pipeline's `set_state: sumo_scope` replaces it (target-languages §10: tenant-specific).
 */
export interface SearchProfile {
  readonly scope: string;
  /** Implied conditions: field → accepted values (OR). Rendered as their own `| where` stage. */
  readonly filters: readonly { readonly field: string; readonly values: readonly string[] }[];
  /** JSON key path of a Sigma field. */
  readonly jsonPath: (field: string) => string;
}

/** Sysmon event IDs per Sigma category (Sysmon documentation, same table as pySigma's sysmon pipeline). */
const SYSMON_EVENT_IDS: Readonly<Record<string, readonly string[]>> = {
  process_creation: ['1'],
  file_change: ['2'],
  network_connection: ['3'],
  sysmon_status: ['4', '16'],
  process_termination: ['5'],
  driver_load: ['6'],
  image_load: ['7'],
  create_remote_thread: ['8'],
  raw_access_thread: ['9'],
  process_access: ['10'],
  file_event: ['11'],
  registry_add: ['12'],
  registry_delete: ['12'],
  registry_set: ['13'],
  registry_rename: ['14'],
  registry_event: ['12', '13', '14'],
  create_stream_hash: ['15'],
  pipe_created: ['17', '18'],
  wmi_event: ['19', '20', '21'],
  dns_query: ['22'],
  file_delete: ['23', '26'],
  clipboard_change: ['24'],
  process_tampering: ['25'],
  file_delete_detected: ['26'],
  file_block_executable: ['27'],
  file_block_shredding: ['28'],
  file_executable_detected: ['29'],
  sysmon_error: ['255'],
};

/** Keys of Sumo's Windows JSON events that are not under EventData. */
const WINDOWS_SYSTEM_KEYS = new Set([
  'EventID', 'Computer', 'Channel', 'Provider', 'Level', 'Task', 'Opcode', 'Keywords', 'TimeCreated',
  'EventRecordID', 'Version', 'Security', 'Execution', 'Correlation', 'Message',
]);

function windowsPath(field: string): string {
  if (WINDOWS_SYSTEM_KEYS.has(field)) return field;
  if (field === 'Provider_Name') return 'Provider.Name';
  return `EventData.${field}`;
}

/** A metadata term from free text: lower case, only characters that need no quoting in a scope term. */
function termPart(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]+/g, '*');
}

export function searchProfile(ls: Logsource): SearchProfile {
  const product = ls.product?.toLowerCase();
  if (product === 'windows') {
    const ids = ls.category ? SYSMON_EVENT_IDS[ls.category] : undefined;
    if (!ls.service && ids) {
      return {
        scope: '(_sourceCategory=*windows*sysmon*)',
        filters: [{ field: 'EventID', values: ids }],
        jsonPath: windowsPath,
      };
    }
    const what = ls.service ?? ls.category;
    return {
      scope: `(_sourceCategory=*windows*${what ? `${termPart(what)}*` : ''})`,
      filters: [],
      jsonPath: windowsPath,
    };
  }
  const words = [ls.product, ls.service ?? ls.category].filter((w): w is string => w !== undefined && w !== '');
  return {
    scope: words.length > 0 ? `(_sourceCategory=*${words.map(termPart).join('*')}*)` : '(*)',
    filters: [],
    jsonPath: (f) => f,
  };
}
