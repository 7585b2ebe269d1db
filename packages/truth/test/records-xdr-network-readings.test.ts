import { describe, expect, test } from 'vitest';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { defenderRecords } from '../src/records/index.js';
import { defenderNetworkReading } from '../src/records/defender-readings.js';
import { platforms } from '../src/differential/platforms.js';
import { convertedRules, kqlMatcher } from './readings.js';
import { corpusFiles, readSources } from '../src/differential/corpus.js';
import type { KqlRecord } from '../src/types.js';
import { HAVE_SIGMAHQ, HAVE_VENDOR, SIGMAHQ } from './records-fixtures.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';

/**
 * DeviceNetworkEvents text the page leaves open (advanced-hunting-devicenetworkevents-table.md): RemoteUrl is a "URL or
 * fully qualified domain name (FQDN)" (:50), the IP types include FourToSixMapping (:54-55), and Microsoft's Defender
 * network parser strips http(s):// from RemoteUrl (ASimNetworkSessionMicrosoft365Defender.yaml:58) and reads any
 * Protocol starting with Tcp as TCP (:64-68). defenderRecords writes the host name, Tcp/Udp and dotted IPv4
 * (`plain`); defenderNetworkReading(…, 'alternate') writes a URL, TcpV4/TcpV6 and UDP, and ::ffff:a.b.c.d. The
 * microsoft_xdr queries must give every event the same verdict on both.
 */
const windows = { category: 'network_connection', product: 'windows' } as const;
const OUTBOUND = {
  EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'ws1.corp.local', Image: 'C:\\Windows\\System32\\wscript.exe',
  User: 'CORP\\alice', ProcessId: '4242', Protocol: 'tcp', Initiated: 'true', SourceIsIpv6: 'false', SourceIp: '10.0.0.5',
  SourceHostname: 'ws1.corp.local', SourcePort: '50123', DestinationIsIpv6: 'false', DestinationIp: '10.1.2.3',
  DestinationHostname: 'pastebin.com', DestinationPort: '443',
};

/** The microsoft_xdr queries of a one-selection network_connection rule. */
function queries(detection: string): readonly string[] {
  const xdr = platforms().find((p) => p.id === 'xdr')!;
  const text = `title: t\nid: 11111111-2222-3333-4444-555555555555\nstatus: test\nlogsource:\n    category: network_connection\n    product: windows\ndetection:\n    sel:\n${detection}\n    condition: sel\n`;
  const result = xdr.backend.convert(loadCollection([{ text, file: 't.yml' }]), xdr.convertOptions);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.rules[0]!.queries;
}

function run(qs: readonly string[], records: readonly KqlRecord[]): boolean {
  const xdr = platforms().find((p) => p.id === 'xdr')!;
  return qs.some((q) => xdr.compile(q)(records));
}

describe.skipIf(!HAVE_VENDOR)(`the two readings of a DeviceNetworkEvents row ${NEEDS_VENDOR}`, () => {
  test('alternate: a URL, a Tcp name other than Tcp, IPv4-mapped addresses; other tables and IPv6 left alone', () => {
    const plain = defenderRecords(OUTBOUND, windows);
    expect(plain[0]!.row).toMatchObject({ RemoteUrl: 'pastebin.com', Protocol: 'Tcp', RemoteIP: '10.1.2.3', LocalIP: '10.0.0.5' });
    expect(defenderNetworkReading(plain, 'plain')).toEqual(plain);
    expect(defenderNetworkReading(plain, 'alternate')[0]!.row).toMatchObject({
      RemoteUrl: 'https://pastebin.com', Protocol: 'TcpV4', RemoteIP: '::ffff:10.1.2.3', LocalIP: '::ffff:10.0.0.5',
      RemoteIPType: 'FourToSixMapping', LocalIPType: 'FourToSixMapping',
    });
    const http = defenderRecords({ ...OUTBOUND, DestinationPort: '80', Protocol: 'udp', DestinationIp: 'fe80::1', SourceIp: 'fe80::2' }, windows);
    expect(defenderNetworkReading(http, 'alternate')[0]!.row).toMatchObject({ RemoteUrl: 'http://pastebin.com', Protocol: 'UDP', RemoteIP: 'fe80::1', LocalIP: 'fe80::2', RemoteIPType: '' });
    const process = defenderRecords({ EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\x\\a.exe', CommandLine: 'a' }, { category: 'process_creation', product: 'windows' });
    expect(defenderNetworkReading(process, 'alternate')).toEqual(process);
  });

  test("inbound: RemoteUrl is the remote host, Sysmon's SourceHostname (the parser's SrcHostname, :154)", () => {
    const inbound = { ...OUTBOUND, Initiated: 'false', SourceHostname: 'attacker.example.org', DestinationHostname: 'ws1.corp.local' };
    expect(defenderRecords(inbound, windows)[0]!.row).toMatchObject({ ActionType: 'InboundConnectionAccepted', RemoteUrl: 'attacker.example.org', RemoteIP: '10.0.0.5' });
  });

  // Each query is also run on the raw column, as the queries read it before: the alternate rows defeat that reading,
  // so these would fail if the queries went back to it.
  test.each([
    ["        DestinationHostname: 'pastebin.com'", 'DeviceNetworkEvents\n| where RemoteUrl in~ ("pastebin.com")'],
    ["        DestinationHostname|startswith: 'pastebin.'\n        Initiated: 'true'", 'DeviceNetworkEvents\n| where RemoteUrl startswith "pastebin."'],
    ['        Protocol: tcp', 'DeviceNetworkEvents\n| where Protocol =~ "tcp"'],
    ["        DestinationIp|cidr: '10.0.0.0/8'", 'DeviceNetworkEvents\n| where coalesce(ipv4_is_in_range(RemoteIP, "10.0.0.0/8"), false)'],
    ["        SourceIp: '10.0.0.5'\n        DestinationIsIpv6: 'false'", 'DeviceNetworkEvents\n| where LocalIP =~ "10.0.0.5" and iff(RemoteIP contains ":", "true", "false") =~ "false"'],
  ])('%s holds on both readings (the raw column on the alternate one does not)', (detection, raw) => {
    const qs = queries(detection);
    const plain = defenderRecords(OUTBOUND, windows);
    const alternate = defenderNetworkReading(plain, 'alternate');
    expect(run(qs, plain)).toBe(true);
    expect(run(qs, alternate)).toBe(true);
    expect(run([raw], plain)).toBe(true);
    expect(run([raw], alternate)).toBe(false);
  });

  test('the host names follow the direction: inbound, SourceHostname is RemoteUrl and DestinationHostname the device', () => {
    const inbound = defenderRecords({ ...OUTBOUND, Initiated: 'false', SourceHostname: 'attacker.example.org', DestinationHostname: 'ws1.corp.local' }, windows);
    for (const rows of [inbound, defenderNetworkReading(inbound, 'alternate')]) {
      expect(run(queries("        SourceHostname: 'attacker.example.org'"), rows)).toBe(true);
      expect(run(queries("        DestinationHostname: 'ws1.corp.local'"), rows)).toBe(true);
      expect(run(queries("        DestinationHostname: 'attacker.example.org'"), rows)).toBe(false);
    }
    // Outbound, the device is the source.
    expect(run(queries("        SourceHostname: 'ws1.corp.local'\n        DestinationHostname: 'pastebin.com'"), defenderRecords(OUTBOUND, windows))).toBe(true);
  });

  test("Protocol: Unknown is empty, udp matches UDP, tcp does not match udp (the parser's case, :64-68)", () => {
    const udp = defenderNetworkReading(defenderRecords({ ...OUTBOUND, Protocol: 'udp' }, windows), 'alternate');
    expect(run(queries('        Protocol: udp'), udp)).toBe(true);
    expect(run(queries('        Protocol: tcp'), udp)).toBe(false);
    const unknown = defenderRecords({ ...OUTBOUND, Protocol: 'icmp' }, windows);
    expect(unknown[0]!.row['Protocol']).toBe('Unknown');
    expect(run(queries('        Protocol: null'), unknown)).toBe(true);
  });
});

/** SigmaHQ's network_connection rules (Windows, Linux, macOS). */
function networkRules(): SigmaRule[] {
  const files = corpusFiles(SIGMAHQ).filter((f) => /(^|\/)network_connection\//.test(f) || /(^|\/)net_connection_/.test(f));
  const collection = loadCollection(readSources(files));
  return collection.rules.filter((r) => r.logsource.category === 'network_connection');
}

describe.skipIf(!HAVE_SIGMAHQ || !HAVE_VENDOR)(`SigmaHQ's network_connection rules on microsoft_xdr ${NEEDS_SIGMAHQ}`, () => {
  test("every query gives each derived event the same verdict on both readings, the evaluator's", () => {
    const xdr = platforms().find((p) => p.id === 'xdr')!;
    let rulesRun = 0;
    let compared = 0;
    let changed = 0;
    const differ: string[] = [];
    const wrong: string[] = [];
    for (const p of convertedRules(xdr, networkRules())) {
      rulesRun++;
      const matches = kqlMatcher(xdr, p.queries);
      p.events.forEach((e, i) => {
        const built = defenderRecords(e.event, e.source);
        const alternate = defenderNetworkReading(built, 'alternate');
        if (JSON.stringify(alternate) !== JSON.stringify(built)) changed++;
        const verdicts = [matches(built), matches(alternate)];
        compared++;
        if (verdicts[0] !== p.verdicts[i]) wrong.push(`${p.rule.title}: ${JSON.stringify(e.event)} query ${verdicts[0]} evaluator ${p.verdicts[i]}`);
        if (verdicts[1] !== verdicts[0]) differ.push(`${p.rule.title}: ${JSON.stringify(e.event)} plain/alternate ${verdicts.join('/')}`);
      });
    }
    expect(rulesRun).toBeGreaterThanOrEqual(50);
    expect(compared).toBeGreaterThanOrEqual(1000);
    // The alternate reading rewrote most rows (an IPv4 address, a host name or TCP), so the comparison is not vacuous.
    expect(changed).toBeGreaterThanOrEqual(compared / 2);
    expect(differ).toEqual([]);
    expect(wrong).toEqual([]);
  });
});
