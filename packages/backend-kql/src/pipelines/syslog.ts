// Linux syslog on Microsoft Sentinel: the Syslog table (its generated columns: azure-reference-other
// azure-monitor-ref/tables/includes/syslog-include.md), where the Azure Monitor Agent keeps the messages a Linux host's
// syslog daemon forwards. Sigma's Linux service rules are about one program's lines (sshd's, vsftpd's, ...): each reads
// the rows that program wrote, ProcessName "Name of the process that generated the message" (syslog-include.md:22).
// Their keywords search the row (`* contains`: every column, the message text in SyslogMessage among them).
import { SYSMON_CATEGORY_EVENT_IDS, WINDOWS_CATEGORY_EVENTS } from '@sigmats/core';
import { SYSLOG_TABLE_COLUMNS } from '../generated/subpath-table-columns.js';
import { schemaOf } from '../tables/generated.js';
import type { TableSchema } from '../tables/types.js';
import { serviceItems, SOURCE_OVERRIDE, STATE, type ServiceMapping } from './build.js';

/**
 * Sigma's Linux services -> the syslog programs (identities) whose lines they are, or the facilities. Each rests on
 * the daemon's own logging (assumption sentinel-syslog-programs):
 *
 * - sshd: OpenSSH's server logs under its program name, `sshd`; from OpenSSH 9.8 each connection is served by
 *   `sshd-session`, which logs under that name. Its SyslogFacility defaults to AUTH (sshd_config(5)).
 * - vsftpd: `vsftpd` (its syslog_enable option sends its log to the system log under that name).
 * - clamav: the scanning daemon's detections (`<file>: <signature> FOUND`): `clamd`.
 * - guacamole: the Guacamole proxy daemon, `guacd`, which logs connections and users joining them.
 * - cron: the cron daemon, `cron` (Debian, Ubuntu; `CRON` for the jobs it runs) or `crond` (cronie), and `crontab`,
 *   which logs a user's table being replaced, listed or edited (REPLACE, LIST, EDIT: cronie's crontab.c).
 * - sudo: `sudo`.
 * - auth: the auth and authpriv facilities, not one program (login, su, sshd, PAM modules).
 * - syslog: any program, as the Linux logs without a service.
 */
const SERVICES: Readonly<Record<string, { readonly ProcessName: readonly string[] } | { readonly Facility: readonly string[] } | undefined>> = {
  sshd: { ProcessName: ['sshd', 'sshd-session'] },
  vsftpd: { ProcessName: ['vsftpd'] },
  clamav: { ProcessName: ['clamd'] },
  guacamole: { ProcessName: ['guacd'] },
  cron: { ProcessName: ['cron', 'crond', 'crontab'] },
  sudo: { ProcessName: ['sudo'] },
  auth: { Facility: ['auth', 'authpriv'] },
  syslog: undefined,
};

/**
 * Sigma's log categories (core's Sysmon and Windows tables, and the file and process ones they lack): a Linux rule of
 * one is not a syslog rule.
 */
const CATEGORIES = [...new Set([...Object.keys(SYSMON_CATEGORY_EVENT_IDS), ...Object.keys(WINDOWS_CATEGORY_EVENTS), 'file_change', 'file_rename', 'file_access', 'process_termination'])];

const LINUX = { type: 'logsource', product: 'linux' } as const;

/** Linux rules of no category (a category's rules are left to the other pipelines). */
const LINUX_WITHOUT_CATEGORY = {
  rule_conditions: { linux: LINUX, ...Object.fromEntries(CATEGORIES.map((category) => [category, { ...LINUX, category }])) },
  rule_cond_expr: `linux and not (${CATEGORIES.join(' or ')})`,
};

/** The Syslog table's schema, which the pipeline gives the backend (the main entry has no row of it). */
export function syslogTableSchema(): TableSchema {
  return schemaOf('Syslog', {}, SYSLOG_TABLE_COLUMNS);
}

export const SYSLOG_PIPELINE = {
  name: 'sentinel_syslog',
  priority: 5,
  allowed_backends: ['kql'],
  // Built on first use (the pipeline is parsed lazily), not when the backend loads.
  get transformations() {
    return [
      SOURCE_OVERRIDE,
      {
        // auditd's records reach Syslog only through a plugin (audisp-syslog) whose message form the table page does
        // not describe; the rule's fields (type, SYSCALL, exe, ...) are no columns.
        id: 'syslog_auditd',
        type: 'rule_failure',
        message: "auditd's records are no columns of Sentinel's Syslog table, and the text the audit dispatcher's syslog plugin writes is not documented there",
        rule_conditions: [{ ...LINUX, service: 'auditd' }],
      },
      // Linux logs without a service or category: every row of the table. A rule of a category (process creation,
      // files, network) is about records an audit or EDR agent writes, not syslog lines: this pipeline leaves it to
      // the others (sentinel_asim reads Linux process creation), which share a page with it.
      { id: 'syslog_linux_table', type: 'set_state', key: STATE.table, val: 'Syslog', ...LINUX_WITHOUT_CATEGORY },
      // The table's generated schema is this subpath's to carry (generated/subpath-table-columns.ts).
      { id: 'syslog_linux_table_schema', type: 'set_state', key: STATE.tableSchema, val: syslogTableSchema(), ...LINUX_WITHOUT_CATEGORY },
      ...Object.entries(SERVICES).flatMap(([service, conditions]) =>
        serviceItems('syslog', service, { product: 'linux', table: 'Syslog', fields: {}, ...(conditions ? { conditions } : {}) } satisfies ServiceMapping),
      ),
    ];
  },
};
