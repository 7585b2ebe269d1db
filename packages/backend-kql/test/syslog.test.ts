import { describe, expect, it } from 'vitest';
import { kqlBackend } from '../src/index.js';
import { sentinelSyslogPipeline } from '../src/syslog.js';
import { convert, namedPipeline, whereOf } from './helpers.js';

/** A Linux rule of `logsource` (YAML lines under `logsource:` besides the product) with `detection`. */
function linuxRule(logsource: string, detection: string): string {
  const body = detection
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `title: t\nid: 5b4d2a3e-0000-4000-8000-0000000000f1\nlogsource:\n    product: linux\n${logsource ? `    ${logsource}\n` : ''}detection:\n${body}`;
}

function query(yaml: string): string {
  const res = convert(yaml, { pipeline: 'sentinel_syslog' });
  const where = whereOf(res);
  return where.startsWith('ERROR') ? where : res.rules[0]!.queries[0]!;
}

describe('sentinel_syslog: Linux syslog rules on the Syslog table', () => {
  const table: readonly (readonly [name: string, yaml: string, kql: string])[] = [
    [
      "an sshd rule reads sshd's lines (the per-connection sshd-session's too); a keyword searches the row",
      linuxRule('service: sshd', `keywords:\n    - 'Corrupted MAC on input'\ncondition: keywords`),
      'Syslog\n| where ProcessName in~ ("sshd", "sshd-session") and * contains "Corrupted MAC on input"',
    ],
    [
      'a keyword with a wildcard is an unanchored pattern',
      linuxRule('service: clamav', `keywords:\n    - 'Trojan*FOUND'\ncondition: keywords`),
      'Syslog\n| where ProcessName =~ "clamd" and * matches regex @"(?is)Trojan.*FOUND"',
    ],
    [
      'auth is two facilities, not one program',
      linuxRule('service: auth', `keywords:\n    - pkexec\ncondition: keywords`),
      'Syslog\n| where Facility in~ ("auth", "authpriv") and * contains "pkexec"',
    ],
    [
      'the syslog service and a Linux rule without a service read every row',
      linuxRule('service: syslog', `keywords:\n    - 'stopping iptables'\ncondition: keywords`),
      'Syslog\n| where * contains "stopping iptables"',
    ],
    [
      'a Linux rule with neither service nor category',
      linuxRule('', `keywords:\n    - '/etc/ld.so.preload'\ncondition: keywords`),
      'Syslog\n| where * contains "/etc/ld.so.preload"',
    ],
    [
      'a column by its own name',
      linuxRule('service: cron', `sel:\n    SyslogMessage|contains: REPLACE\n    HostName: web1\ncondition: sel`),
      'Syslog\n| where ProcessName in~ ("cron", "crond", "crontab") and SyslogMessage contains "REPLACE" and HostName =~ "web1"',
    ],
    [
      "a field of the message (sudo's USER) is no column",
      linuxRule('service: sudo', `sel:\n    USER: '#-1'\ncondition: sel`),
      "ERROR backend/unmapped-field: field 'USER' has no column in Syslog",
    ],
    [
      "auditd's records are refused: no columns, and the syslog plugin's text is undocumented",
      linuxRule('service: auditd', `sel:\n    type: EXECVE\ncondition: sel`),
      "ERROR pipeline/rule-failure: auditd's records are no columns of Sentinel's Syslog table, and the text the audit dispatcher's syslog plugin writes is not documented there",
    ],
    [
      'a rule of a category is not a syslog rule: this pipeline sets no table for it',
      linuxRule('category: process_creation', `sel:\n    Image|endswith: /at\ncondition: sel`),
      'ERROR backend/unsupported-feature: no KQL table for logsource (category: process_creation, product: linux)',
    ],
  ];
  it.each(table)('%s', (_, yaml, kql) => expect(query(yaml)).toEqual(kql.startsWith('ERROR') ? expect.stringContaining(kql) : kql));

  it('is offered by name when the backend is given it (a subpath, out of the main entry)', () => {
    expect(kqlBackend().pipelines.map((p) => p.name)).not.toContain('sentinel_syslog');
    const withSyslog = kqlBackend({ pipelines: [sentinelSyslogPipeline] });
    expect(withSyslog.pipelines.map((p) => p.name)).toEqual([...kqlBackend().pipelines.map((p) => p.name), 'sentinel_syslog']);
  });

  it('beside sentinel_asim (as on the Sentinel variant page) a Linux process creation rule still reads imProcessCreate', () => {
    const yaml = linuxRule('category: process_creation', `sel:\n    Image|endswith: /atd\ncondition: sel`);
    const asim = namedPipeline('sentinel_asim')!;
    const syslog = namedPipeline('sentinel_syslog')!;
    const res = convert(yaml, { extra: [asim, syslog] });
    expect(res.rules[0]!.queries[0]).toMatch(/^imProcessCreate\n/);
  });
});
