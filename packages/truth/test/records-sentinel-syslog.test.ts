import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  SERVICE_PROGRAMS, SYSLOG_SERVICES, byDeployment, kqlTableColumns, sameOverDeployments, sentinelSyslogCovers, sentinelSyslogRecords,
  sentinelSyslogService, sudoMessage, syslogPrograms, tableColumnList, vendorDir, type SyslogRecord,
} from '../src/records/index.js';
import { compileKql, runKql } from '../src/kql/index.js';
import type { EventSource, KqlRecord, RawEvent } from '../src/types.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_VENDOR } from './records-fixtures.js';
import { filled } from './sentinel-rows.js';

/**
 * Sentinel's Syslog table for Sigma's linux syslog services. The page's column lines are re-read here with an
 * independent regex and the builder's citations checked against them; rows are built from realistic lines of each
 * program (text after `TAG[pid]: `), then queried in the reference interpreter.
 */
const PAGE = 'microsoft/azure-reference-other/azure-monitor-ref/tables/includes/syslog-include.md';
const linux = (service?: string): EventSource => (service === undefined ? { product: 'linux' } : { product: 'linux', service });

function rows(event: RawEvent, source: EventSource): SyslogRecord[] {
  const records = sentinelSyslogRecords(event, source);
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) expect(r.table).toBe('Syslog');
  return records;
}

const header = (r: KqlRecord): [unknown, unknown] => [r.row['ProcessName'], r.row['Facility']];
const tables = (records: readonly KqlRecord[]) => ({ Syslog: { name: 'Syslog', columns: kqlTableColumns('Syslog')!, rows: records.map((r) => r.row) } });
/** How many rows of each deployment the query returns. */
function hits(query: string, records: readonly KqlRecord[]): Record<string, number> {
  return Object.fromEntries([...byDeployment(records)].map(([d, rs]) => [d, runKql(query, tables(rs)).rows.length]));
}
/** The platform's verdict: the same over every deployment, or an error naming them. */
const verdict = (query: string, records: readonly KqlRecord[]): boolean => {
  const compiled = compileKql(query);
  return sameOverDeployments((rs) => compiled.run(tables(rs as KqlRecord[])).rows.length > 0)(records);
};

describe('logsources', () => {
  test('covers exactly the linux syslog services and linux without service or category', () => {
    for (const s of SYSLOG_SERVICES) expect(sentinelSyslogCovers(linux(s)), s).toBe(true);
    expect(sentinelSyslogService(linux())).toBe('syslog');
    expect(sentinelSyslogCovers(linux('auditd'))).toBe(false);
    expect(sentinelSyslogCovers({ product: 'linux', category: 'process_creation' })).toBe(false);
    expect(sentinelSyslogCovers({ product: 'linux', service: 'sshd', category: 'process_creation' })).toBe(false);
    expect(sentinelSyslogCovers({ product: 'cisco', service: 'syslog' })).toBe(false);
    expect(sentinelSyslogCovers({ product: 'windows', service: 'security' })).toBe(false);
    expect(sentinelSyslogRecords({ message: 'x' }, linux('auditd'))).toStrictEqual([]);
  });

  test('every service has its programs, each with a source', () => {
    for (const s of SYSLOG_SERVICES) {
      const programs = syslogPrograms(s, 'x');
      expect(programs.length, s).toBeGreaterThan(0);
      for (const p of programs) expect(p.cite.length, `${s} ${p.deployment}`).toBeGreaterThan(10);
      expect(new Set(programs.map((p) => p.deployment)).size, s).toBe(programs.length);
    }
    expect(SERVICE_PROGRAMS.sshd.map((p) => p.program)).toStrictEqual(['sshd', 'sshd-session', 'sshd']);
  });
});

describe.skipIf(!HAVE_VENDOR)(`the Syslog page ${NEEDS_VENDOR}`, () => {
  const lines = readFileSync(join(vendorDir(), PAGE), 'utf8').split(/\r?\n/);
  // Independent reading: `| Name | type | description |` rows.
  const documented = new Map<string, [type: string, line: number, description: string]>();
  lines.forEach((l, i) => {
    const m = /^\|\s*([A-Za-z_]+)\s*\|\s*(string|int|datetime|real)\s*\|\s*(.*?)\s*\|\s*$/.exec(l);
    if (m) documented.set(m[1]!, [m[2]!, i + 1, m[3]!]);
  });

  test('the table answers the page\'s columns and types', () => {
    expect(documented.size).toBe(17);
    expect(kqlTableColumns('Syslog')).toStrictEqual(Object.fromEntries([...documented].map(([n, [t]]) => [n, t])));
    expect(tableColumnList('Syslog')!.map((c) => [c.name, c.line])).toStrictEqual([...documented].map(([n, [, line]]) => [n, line]));
  });

  test('the lines the builder cites say what it relies on', () => {
    const cited: [string, number, string][] = [
      ['Computer', 15, 'Computer that the event was collected from.'],
      ['Facility', 17, 'The part of the system that generated the message.'],
      ['HostName', 19, 'Name of the system sending the message.'],
      ['ProcessID', 21, 'ID of the process that generated the message.'],
      ['ProcessName', 22, 'Name of the process that generated the message.'],
      ['SeverityLevel', 24, 'Severity level of the event.'],
      ['SourceSystem', 25, '`Linux` for all Linux agents'],
      ['SyslogMessage', 27, 'Text of the message.'],
      ['Type', 29, 'The name of the table'],
    ];
    const source = readFileSync(fileURLToPath(new URL('../src/records/sentinel-syslog.ts', import.meta.url)), 'utf8');
    for (const [column, line, phrase] of cited) {
      const [, at, description] = documented.get(column)!;
      expect(at, column).toBe(line);
      expect(description, column).toContain(phrase);
      expect(source, `${column} cited`).toContain(`syslog-include.md:${line} ${column}`);
    }
  });
});

describe.skipIf(!HAVE_VENDOR)(`Syslog rows ${NEEDS_VENDOR}`, () => {
  test('an OpenSSH pre-auth error: sshd before 9.8, sshd-session from 9.8, auth (and Red Hat\'s authpriv)', () => {
    // The monitor logs the pre-auth child's message with " [preauth]" (monitor.c:485) and "error: " (log.c:362).
    const message = 'error: Corrupted MAC on input. [preauth]';
    const records = rows({ message }, linux('sshd'));
    expect(records.map((r) => [r.deployment, ...header(r)])).toStrictEqual([
      ['openssh<9.8', 'sshd', 'auth'],
      ['openssh>=9.8', 'sshd-session', 'auth'],
      ['openssh<9.8 authpriv', 'sshd', 'authpriv'],
    ]);
    expect(filled(records[0]!.row)).toStrictEqual({ Facility: 'auth', ProcessName: 'sshd', SourceSystem: 'Linux', SyslogMessage: message, Type: 'Syslog' });
    // The program's name alone is a query right for one OpenSSH only.
    expect(hits('Syslog | where ProcessName =~ "sshd" and SyslogMessage contains "Corrupted MAC on input"', records)).toStrictEqual({ 'openssh<9.8': 1, 'openssh>=9.8': 0, 'openssh<9.8 authpriv': 1 });
    expect(() => verdict('Syslog | where ProcessName =~ "sshd" and SyslogMessage contains "Corrupted MAC on input"', records)).toThrow(/depends on the deployment/);
    expect(verdict('Syslog | where ProcessName in~ ("sshd", "sshd-session") and SyslogMessage contains "Corrupted MAC on input"', records)).toBe(true);
    expect(() => verdict('Syslog | where Facility == "auth" and SyslogMessage contains "Corrupted MAC"', records)).toThrow(/openssh<9.8 authpriv/);
    // `*` searches every column; the TAG is no part of SyslogMessage.
    expect(verdict('Syslog | where * contains "Corrupted MAC on input"', records)).toBe(true);
    expect(hits('Syslog | where SyslogMessage contains "sshd"', records)).toStrictEqual({ 'openssh<9.8': 0, 'openssh>=9.8': 0, 'openssh<9.8 authpriv': 0 });
    expect(verdict('Syslog | where * contains "unexpected internal error"', records)).toBe(false);
  });

  test('a keyword witness with several texts holds all of them in SyslogMessage, nothing in the header', () => {
    // The pwnkit rule (service: auth): pkexec writes its name only as the TAG, but the witness carries it as text.
    const records = rows({ message: ['pkexec', 'The value for environment variable XAUTHORITY contains suspicious content', '[USER=root] [TTY=/dev/pts/0]'] }, linux('auth'));
    expect(records.map((r) => [r.deployment, ...header(r)])).toStrictEqual([['auth', '', 'auth'], ['authpriv', '', 'authpriv']]);
    expect(records[0]!.row['SyslogMessage']).toBe('pkexec The value for environment variable XAUTHORITY contains suspicious content [USER=root] [TTY=/dev/pts/0]');
    expect(verdict('Syslog | where Facility in ("auth", "authpriv") | where SyslogMessage contains "pkexec" and SyslogMessage contains "XAUTHORITY"', records)).toBe(true);
    expect(() => verdict('Syslog | where Facility == "authpriv" and SyslogMessage contains "pkexec"', records)).toThrow(/depends on the deployment/);
  });

  test('a vsftpd refusal (syslog_enable=YES: no date or pid prefix in the text), ftp facility', () => {
    const message = 'CONNECT: Client "203.0.113.7", "Connection refused: too many sessions for this address."';
    const [r] = rows({ message }, linux('vsftpd'));
    expect(filled(r!.row)).toStrictEqual({ Facility: 'ftp', ProcessName: 'vsftpd', SourceSystem: 'Linux', SyslogMessage: message, Type: 'Syslog' });
    expect(verdict('Syslog | where ProcessName == "vsftpd" and SyslogMessage has "Connection refused: too many sessions for this address."', [r!])).toBe(true);
  });

  test('a clamd detection, local6 facility', () => {
    const message = '/srv/www/upload/shell.php: Php.Webshell.Generic-1 FOUND';
    const records = rows({ message }, linux('clamav'));
    expect(records.map(header)).toStrictEqual([['clamd', 'local6']]);
    expect(verdict('Syslog | where ProcessName == "clamd" and SyslogMessage matches regex "Webshell.*FOUND"', records)).toBe(true);
    expect(verdict('Syslog | where ProcessName == "clamd" and SyslogMessage matches regex "Trojan.*FOUND"', records)).toBe(false);
  });

  test('a guacd join, daemon facility', () => {
    const message = 'User "@4f7a1c2e-9c1b-4e36-8d7e-0a1b2c3d4e5f" joined connection "$0c8f6e2a-1b3d-4f5e-8a9b-7c6d5e4f3a2b" (2 users now present)';
    const records = rows({ message }, linux('guacamole'));
    expect(records.map(header)).toStrictEqual([['guacd', 'daemon']]);
    expect(verdict('Syslog | where ProcessName == "guacd" and SyslogMessage contains "(2 users now present)"', records)).toBe(true);
  });

  test('cron: crontab writes its REPLACE lines, the daemon its own, a job child its CMD lines', () => {
    const replace = rows({ message: '(root) REPLACE (root)' }, linux('cron'));
    expect(replace.map((r) => [r.deployment, ...header(r)])).toStrictEqual([['debian-cron', 'crontab', 'cron'], ['cronie', 'crontab', 'cron']]);
    expect(rows({ message: 'REPLACE' }, linux('cron')).map((r) => r.row['ProcessName'])).toStrictEqual(['crontab', 'crontab']);
    expect(rows({ message: '(root) CMD (run-parts /etc/cron.hourly)' }, linux('cron')).map((r) => r.row['ProcessName'])).toStrictEqual(['CRON', 'CROND']);
    expect(rows({ message: '(CRON) INFO (pidfile fd = 3)' }, linux('cron')).map((r) => r.row['ProcessName'])).toStrictEqual(['cron', 'crond']);
    expect(verdict('Syslog | where Facility == "cron" and SyslogMessage contains "REPLACE"', replace)).toBe(true);
    expect(() => verdict('Syslog | where ProcessName =~ "cron" and SyslogMessage contains "CMD"', rows({ message: '(root) CMD (x)' }, linux('cron')))).toThrow(/cronie/);
  });

  test('sudo: its own line from the event\'s fields (authpriv, no pid by default)', () => {
    const event = { SUDO_USER: 'alice', TTY: 'pts/0', PWD: '/home/alice', USER: '#-1', COMMAND: '/usr/bin/id' };
    expect(sudoMessage(event)).toBe('   alice : TTY=pts/0 ; PWD=/home/alice ; USER=#-1 ; COMMAND=/usr/bin/id');
    expect(sudoMessage({ USER: '#4294967295' })).toBe('         : USER=#4294967295');
    const records = rows(event, linux('sudo'));
    expect(filled(records[0]!.row)).toStrictEqual({ Facility: 'authpriv', ProcessName: 'sudo', SourceSystem: 'Linux', SyslogMessage: sudoMessage(event), Type: 'Syslog' });
    expect(verdict('Syslog | where ProcessName == "sudo" | where SyslogMessage matches regex @"USER=#-[^ ]*"', records)).toBe(true);
    expect(verdict('Syslog | where ProcessName == "sudo" | where SyslogMessage matches regex @"USER=#[^ ]*4294967295"', records)).toBe(false);
    // A Sigma field that sudo's line has no place for lands nowhere.
    expect(rows({ USER: 'root', Image: '/usr/bin/sudo' }, linux('sudo'))[0]!.row['SyslogMessage']).toBe('         : USER=root');
  });

  test('syslog and product-only linux: any program, any facility', () => {
    for (const source of [linux('syslog'), linux()]) {
      const records = rows({ message: 'stopping falcon-sensor' }, source);
      expect(records.map((r) => [r.deployment, ...header(r)])).toStrictEqual([['any', '', '']]);
      expect(verdict('Syslog | where SyslogMessage contains "stopping falcon-sensor"', records)).toBe(true);
      expect(verdict('Syslog | where * contains "stopping falcon-sensor"', records)).toBe(true);
      expect(verdict('Syslog | where * contains "stopping firewalld"', records)).toBe(false);
    }
  });
});
