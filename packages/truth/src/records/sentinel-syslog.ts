import type { EventSource, KqlRecord, RawEvent } from '../types.js';
import { assumption } from './assumptions.js';
import { fullRow } from './columns.js';
import { text } from './windows.js';

/**
 * Microsoft Sentinel's `Syslog` table (Log Analytics), for Sigma's `product: linux` syslog services and for
 * `product: linux` without service or category (keyword searches over any Linux log). Columns and types are read at
 * run time from Microsoft's page (`columns.ts` TABLE_PAGES, syslog-include.md):
 *
 *   syslog-include.md:15 Computer       "Computer that the event was collected from."
 *   syslog-include.md:17 Facility       "The part of the system that generated the message."
 *   syslog-include.md:19 HostName       "Name of the system sending the message."
 *   syslog-include.md:21 ProcessID      "ID of the process that generated the message."
 *   syslog-include.md:22 ProcessName    "Name of the process that generated the message."
 *   syslog-include.md:24 SeverityLevel  "Severity level of the event."
 *   syslog-include.md:25 SourceSystem   "... `Linux` for all Linux agents ..."
 *   syslog-include.md:27 SyslogMessage  "Text of the message."
 *   syslog-include.md:29 Type           "The name of the table"
 *
 * A raw event is one syslog message as the host's syslog daemon forwards it (RFC 3164/5424: PRI = facility * 8 +
 * severity, the TAG/APP-NAME = the program's syslog ident, an optional [pid], then the message). Which program writes
 * a service's lines and with which facility is read from each program's own source (SERVICE_PROGRAMS, with the file
 * and line); where the agent cuts the line into columns is not on the page (assumption `sentinel-syslog-agent-split`):
 * ProcessName is the TAG without `[pid]`, SyslogMessage the text after `TAG[pid]: `, Facility the facility keyword.
 *
 * The text of the message:
 * - keyword witnesses carry their text in `message` (a string, or a list when a rule asks for several texts): it is the
 *   SyslogMessage (several texts joined by one space). It is NOT also written into the header columns: the raw event
 *   says nothing about the program or host beyond the service, and the evaluator reads the keyword only in the event's
 *   own values (`sentinel-syslog-keyword-message`).
 * - sudo: the fields of sudo's own log line (TTY, PWD, USER, COMMAND, ...) are written as sudo writes them
 *   (`sudoMessage`, lib/eventlog/eventlog.c), then any `message` text.
 * - every other raw key (a Sigma field no line format of these programs has) lands in no column.
 *
 * One service can be several deployments (OpenSSH before and after 9.8 names its per-connection process differently;
 * Debian's cron and cronie name their daemon differently; `service: auth` is two facilities): the builder returns one
 * row per deployment, each record tagged with it (`SyslogRecord.deployment`). A query is right only when its verdict
 * is the same over every deployment's rows: `sameOverDeployments` checks that.
 *
 * Left at their Kusto defaults: HostName, Computer, HostIP, CollectorHostName (the raw event names no host: keyword
 * events are text), ProcessID (the raw event has no pid), SeverityLevel (the priority is the calling line's, which the
 * event does not carry), EventTime/TimeGenerated, and the workspace's own columns (_BilledSize, _IsBillable,
 * _ResourceId, _SubscriptionId).
 */
export function sentinelSyslogRecords(event: RawEvent, source: EventSource): SyslogRecord[] {
  const service = sentinelSyslogService(source);
  if (service === undefined) return [];
  assumption('sentinel-syslog-agent-split');
  const message = service === 'sudo' ? sudoMessage(event) : keywordText(event);
  return syslogPrograms(service, message).map((p) => {
    if (p.assumption) assumption(p.assumption);
    const row = fullRow('Syslog', {
      Type: 'Syslog',
      SourceSystem: 'Linux',
      Facility: facilityName(p.facility),
      ProcessName: p.program,
      SyslogMessage: message,
    });
    return { table: 'Syslog', row, deployment: p.deployment };
  });
}

/** A Syslog row with the deployment it stands for (a field kqlMatcher ignores). */
export interface SyslogRecord extends KqlRecord {
  readonly deployment: string;
}

/** Sigma's `product: linux` services this table answers for. */
export const SYSLOG_SERVICES = ['syslog', 'sshd', 'vsftpd', 'clamav', 'guacamole', 'cron', 'sudo', 'auth'] as const;
export type SyslogService = (typeof SYSLOG_SERVICES)[number];

/**
 * The service of a logsource this table answers for: one of SYSLOG_SERVICES, or `syslog` (any program) for
 * `product: linux` with neither service nor category; undefined for every other logsource (auditd's records are
 * audit.log records; categories are Sysmon for Linux's or EDR events).
 */
export function sentinelSyslogService(source: EventSource): SyslogService | undefined {
  if (source.product !== 'linux' || source.category !== undefined) return undefined;
  if (source.service === undefined) return 'syslog';
  return (SYSLOG_SERVICES as readonly string[]).includes(source.service) ? (source.service as SyslogService) : undefined;
}

/** The platform's `covers`: exactly the logsources `sentinelSyslogService` answers for. */
export function sentinelSyslogCovers(source: EventSource): boolean {
  return sentinelSyslogService(source) !== undefined;
}

/** One program (syslog ident) with its facility, in one deployment, and the source that says so. */
export interface SyslogProgram {
  readonly deployment: string;
  /** The TAG without [pid]; '' when the service is any program. */
  readonly program: string;
  /** syslog(3) facility (LOG_AUTH -> 'auth'); '' when the service is any facility. */
  readonly facility: string;
  readonly cite: string;
  readonly assumption?: string;
}

const OPENSSH = 'openssh/openssh-portable@0ef0f5a8';
const CRONIE = 'cronie-crond/cronie@5f9f16b5';
const SSHD_PROGRAM = `${OPENSSH} log.c:419 openlog(progname, LOG_PID, log_facility), progname = ssh_get_progname(av[0])`;
const SSHD_FACILITY = `${OPENSSH} sshd_config.5:1989-1994 SyslogFacility "The default is AUTH."`;

/**
 * Service -> the programs writing its lines, per deployment. Messages of the per-connection and pre-authentication
 * processes (`... [preauth]`) are logged by the monitor (monitor.c:485 sshlogdirect(... "%s [%s]" ... "preauth")), so
 * under the per-connection process's ident.
 */
export const SERVICE_PROGRAMS: Readonly<Record<Exclude<SyslogService, 'cron'>, readonly SyslogProgram[]>> = {
  sshd: [
    // Before 9.8 the daemon forks its per-connection process without exec: ident sshd.
    { deployment: 'openssh<9.8', program: 'sshd', facility: 'auth', cite: `${SSHD_PROGRAM}; ${SSHD_FACILITY}` },
    // 9.8 (03e3de41, tag V_9_8_P1) execs the per-connection sshd-session binary (sshd.c:1772 rexec_argv[0] =
    // options.sshd_session_path; pathnames.h:51 "/usr/libexec/sshd-session"), whose ident is its own name
    // (sshd-session.c:808 __progname = ssh_get_progname(av[0]); :998 log_init(__progname, ...)).
    { deployment: 'openssh>=9.8', program: 'sshd-session', facility: 'auth', cite: `${OPENSSH} sshd-session.c:808,998; sshd.c:1772; ${SSHD_FACILITY}` },
    // Red Hat's shipped sshd_config sets SyslogFacility AUTHPRIV (dev-sec/chef-ssh-hardening#232: "CentOS 7 defines
    // syslog facility AUTHPRIV in SSH daemon configuration by default"); upstream's sshd_config:27 is "#SyslogFacility AUTH".
    { deployment: 'openssh<9.8 authpriv', program: 'sshd', facility: 'authpriv', cite: `${SSHD_PROGRAM}; ${OPENSSH} log.c:80-81 "AUTHPRIV"`, assumption: assumption('sentinel-syslog-sshd-authpriv').id },
  ],
  vsftpd: [
    // sysutil.c:2698-2710 vsf_sysutil_openlog: facility = LOG_FTP; openlog("vsftpd", LOG_PID, facility);
    // vsftpd.conf.5:519-523 syslog_enable "Logging is done under the FTPD facility" (default NO: vsftpd.log instead).
    { deployment: 'vsftpd', program: 'vsftpd', facility: 'ftp', cite: 'dagwieers/vsftpd@ce2fa428 (v3.0.2) sysutil.c:2698-2710; vsftpd.conf.5:519-523', assumption: assumption('sentinel-syslog-opt-in-syslog').id },
  ],
  clamav: [
    // clamd.c: if LogSyslog { fac = LOG_LOCAL6; LogFacility ...; openlog("clamd", LOG_PID, fac) }; clamd.conf:
    // "Use system logger ... Default: no", "Specify the type of syslog messages ... Default: LOG_LOCAL6".
    // Detections: scanner.c logg(LOGG_INFO, "%s: %s FOUND\n", filename, virname).
    { deployment: 'clamd', program: 'clamd', facility: 'local6', cite: 'Cisco-Talos/clamav clamd/clamd.c openlog("clamd", LOG_PID, fac), LogFacility default LOG_LOCAL6; clamd/scanner.c "%s: %s FOUND"', assumption: assumption('sentinel-syslog-opt-in-syslog').id },
  ],
  guacamole: [
    // log.h:34 #define GUACD_LOG_NAME "guacd"; daemon.c:351 openlog(GUACD_LOG_NAME, LOG_PID, LOG_DAEMON); log.c:88
    // syslog(priority, "%s", message); the "(%i users now present)" line: libguac/user-handshake.c:349-351.
    { deployment: 'guacd', program: 'guacd', facility: 'daemon', cite: 'apache/guacamole-server@6719b20d src/guacd/log.h:34; daemon.c:351; log.c:88; src/libguac/user-handshake.c:349-351' },
  ],
  sudo: [
    // plugins/sudoers/logging.c:1070 openlog("sudo", def_syslog_pid ? LOG_PID : 0, def_syslog); sudoers.mdoc.in:4006-4012
    // syslog_pid "off by default"; configure.ac:2368-2369 logfac=authpriv when LOG_AUTHPRIV is declared (Linux).
    { deployment: 'sudo', program: 'sudo', facility: 'authpriv', cite: 'sudo-project/sudo@2e18923c plugins/sudoers/logging.c:1070; configure.ac:2368-2369; docs/sudoers.mdoc.in:5364-5367' },
  ],
  // Sigma's auth: the auth log, i.e. the auth and authpriv facilities (Debian's rsyslog `auth,authpriv.*
  // /var/log/auth.log`); any program (pkexec: polkit's pkexec.c openlog("pkexec", LOG_PID, LOG_AUTHPRIV); sshd: AUTH).
  auth: [
    { deployment: 'auth', program: '', facility: 'auth', cite: 'any program logging with LOG_AUTH', assumption: assumption('sentinel-syslog-any-program').id },
    { deployment: 'authpriv', program: '', facility: 'authpriv', cite: 'any program logging with LOG_AUTHPRIV (polkit pkexec.c log_message: openlog ("pkexec", LOG_PID, LOG_AUTHPRIV))', assumption: assumption('sentinel-syslog-any-program').id },
  ],
  syslog: [
    { deployment: 'any', program: '', facility: '', cite: 'any program, any facility', assumption: assumption('sentinel-syslog-any-program').id },
  ],
};

/**
 * crontab(1)'s log_it events (cronie src/crontab.c:177 AUTH, :432 LIST, :483 DELETE, :694 BEGIN EDIT, :941 END EDIT,
 * :1073 REPLACE; misc.c:525-527 syslog "(%s) %s (%s)"): lines crontab writes, under its own ident.
 */
const CRONTAB_EVENTS = /(?:^|\) )(?:AUTH|LIST|DELETE|BEGIN EDIT|END EDIT|REPLACE)(?: \(|$)/;

/**
 * cron: every program opens syslog as openlog(ProgramName, LOG_PID, FACILITY) with FACILITY LOG_CRON (cronie misc.c:65-70,
 * :520); ProgramName is the basename of argv[0] (cron.c:213, crontab.c:154), upper-cased in a job's child before it
 * logs CMD (do_command.c:115-125 CAPITALIZE_FOR_PS, :223 log_it(..., "CMD", ...)). Debian's cron (Vixie cron) runs as
 * `cron`, cronie as `crond`; both ship crontab(1) as `crontab`.
 */
function cronPrograms(message: string): SyslogProgram[] {
  const crontab = CRONTAB_EVENTS.test(message.trim());
  const job = /(?:^|\) )CMD(?: \(|$)/.test(message.trim());
  const pick = (daemon: string): string => (crontab ? 'crontab' : job ? daemon.toUpperCase() : daemon);
  return [
    { deployment: 'debian-cron', program: pick('cron'), facility: 'cron', cite: `${CRONIE} src/misc.c:65-70,520; crontab.c:154,1073; do_command.c:115-125 (Vixie cron lineage: Debian's binary is cron)`, assumption: assumption('sentinel-syslog-debian-cron').id },
    { deployment: 'cronie', program: pick('crond'), facility: 'cron', cite: `${CRONIE} src/misc.c:65-70,520; cron.c:213; crontab.c:154,1073; do_command.c:115-125` },
  ];
}

/** The programs writing one message of a service, one per deployment. */
export function syslogPrograms(service: SyslogService, message: string): readonly SyslogProgram[] {
  return service === 'cron' ? cronPrograms(message) : SERVICE_PROGRAMS[service];
}

/** Facility keyword -> the Facility column's value (`sentinel-syslog-facility-names`). */
function facilityName(facility: string): string {
  if (facility !== '') assumption('sentinel-syslog-facility-names');
  return facility;
}

/** The keyword text of a raw event: its `message` (several texts joined by one space). */
function keywordText(event: RawEvent): string {
  const m = event['message'];
  if (m === undefined || m === null) return '';
  assumption('sentinel-syslog-keyword-message');
  return Array.isArray(m) ? m.map(text).join(' ') : text(m);
}

/**
 * sudo's fields, in the order lib/eventlog/eventlog.c writes them (:146-192: HOST, TTY, CHROOT, PWD, USER, GROUP,
 * TSID, ENV, COMMAND; "KEY=value ; " each), after the submitting user as "%8s : " (eventlog.c:1048 fmt = "%8s : %s").
 */
export const SUDO_FIELDS = ['HOST', 'TTY', 'CHROOT', 'PWD', 'USER', 'GROUP', 'TSID', 'ENV', 'COMMAND'] as const;

/**
 * sudo's syslog message for an event with sudo's fields: `<user, right-aligned in 8> : TTY=... ; PWD=... ; USER=... ;
 * COMMAND=...`. The submitting user is the event's `SUDO_USER` (sudo's own environment name for it) or '' (padded).
 */
export function sudoMessage(event: RawEvent): string {
  const parts = SUDO_FIELDS.filter((k) => event[k] !== undefined && event[k] !== null).map((k) => `${k}=${text(event[k])}`);
  const keyword = keywordText(event);
  if (parts.length === 0) return keyword;
  const line = `${text(event['SUDO_USER']).padStart(8)} : ${parts.join(' ; ')}`;
  return keyword === '' ? line : `${line} ${keyword}`;
}

/** Deployment -> Syslog records, for reports and tests. */
export function byDeployment(records: readonly unknown[]): Map<string, KqlRecord[]> {
  const out = new Map<string, KqlRecord[]>();
  for (const r of records as readonly (KqlRecord & { deployment?: string })[]) {
    const key = r.deployment ?? '';
    const list = out.get(key) ?? [];
    list.push(r);
    out.set(key, list);
  }
  return out;
}

/**
 * A query's test over records that stand for several deployments: the verdict over each deployment's records alone,
 * which must be the same for all (a query that finds the event on one deployment and not on another is wrong for one
 * of them: the error names them).
 */
export function sameOverDeployments(test: (records: readonly unknown[]) => boolean): (records: readonly unknown[]) => boolean {
  return (records) => {
    const groups = byDeployment(records);
    if (groups.size <= 1) return test(records);
    const verdicts = [...groups].map(([d, rs]) => [d, test(rs)] as const);
    const yes = verdicts.filter(([, v]) => v).map(([d]) => d);
    const no = verdicts.filter(([, v]) => !v).map(([d]) => d);
    if (yes.length > 0 && no.length > 0) throw new Error(`the verdict depends on the deployment: the query matches on ${yes.join(', ')} and not on ${no.join(', ')}`);
    return yes.length > 0;
  };
}

