import { describe, expect, test } from 'vitest';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { asimRecords } from '../src/records/index.js';
import { platforms } from '../src/differential/platforms.js';
import { convertedRules, kqlMatcher } from './readings.js';
import { corpusFiles, readSources } from '../src/differential/corpus.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './records-fixtures.js';

/**
 * Defender's FolderPath on DeviceFileEvents: its table page says "Folder containing the file that the recorded action
 * was applied to" (advanced-hunting-devicefileevents-table.md:47), Microsoft's Defender process parser reads it as the
 * full path (TargetProcessName = FolderPath). The records keep the second reading (assumption
 * `defender-folderpath-full`); `defenderFolderPath: 'folder'` builds the rows under the first, and Microsoft's file
 * parser (ASimFileEventMicrosoft365D.yaml:108, TargetFilePath = FolderPath + separator + FileName) runs on either.
 */
const linux = { category: 'file_event', product: 'linux' } as const;

describe('imFileEvent rows of Defender under both readings of FolderPath', () => {
  test('the folder reading: FolderPath is the folder, so TargetFilePath holds the name once', () => {
    const event = { TargetFilename: '/etc/cron.d/job', Image: '/usr/bin/wget', User: 'root' };
    const full = asimRecords(event, linux)[0]!.row;
    const folder = asimRecords(event, linux, { defenderFolderPath: 'folder' })[0]!.row;
    expect(full['TargetFilePath']).toBe('/etc/cron.d/job/job');
    expect(folder['TargetFilePath']).toBe('/etc/cron.d/job');
    expect(folder['TargetFileName']).toBe('job');
    // ActorWindowsUsername = strcat(InitiatingProcessAccountDomain, '\\', InitiatingProcessAccountName) (:63), even
    // without a domain; ActorUsername = coalesce(ActorUserUpn, ActorWindowsUsername) (:104).
    expect(full['ActorUsername']).toBe('\\root');
  });
});

/** SigmaHQ's Linux and macOS file_event rules. */
function posixFileRules(): SigmaRule[] {
  const files = corpusFiles(SIGMAHQ).filter((f) => /(^|\/)(linux|macos)\//.test(f) || /file_event_(lnx|macos)_/.test(f));
  const collection = loadCollection(readSources(files));
  return collection.rules.filter((r) => r.logsource.category === 'file_event' && (r.logsource.product === 'linux' || r.logsource.product === 'macos'));
}

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's Linux and macOS file rules: the same verdicts under both readings ${NEEDS_SIGMAHQ}`, () => {
  test('every emitted query matches the same derived events on rows built either way, and the evaluator agrees', () => {
    const asim = platforms().find((p) => p.id === 'sentinel_asim')!;
    let converted = 0;
    let compared = 0;
    const differ: string[] = [];
    const relative: string[] = [];
    const wrong: string[] = [];
    for (const p of convertedRules(asim, posixFileRules())) {
      converted++;
      const matches = kqlMatcher(asim, p.queries);
      p.events.forEach((e, i) => {
        const full = matches(asimRecords(e.event, e.source));
        const folder = matches(asimRecords(e.event, e.source, { defenderFolderPath: 'folder' }));
        compared++;
        if (full !== p.verdicts[i]) wrong.push(`${p.rule.title}: ${JSON.stringify(e.event)} query ${full} evaluator ${p.verdicts[i]}`);
        if (full === folder) return;
        // A path not starting with / (a relative one the derivation writes; Defender writes absolute paths) is joined
        // with "\\" by the parser (DvcOs "Windows", :89, :108): under the folder reading TargetFilePath then mixes "/" and
        // "\\" (.github/workflows\\x.yml), which no query for a Linux path matches. Only those may differ.
        const path = e.event['TargetFilename'];
        (typeof path === 'string' && !path.startsWith('/') ? relative : differ).push(`${p.rule.title}: ${JSON.stringify(e.event)} full ${full} folder ${folder}`);
      });
    }
    expect(converted).toBeGreaterThanOrEqual(20);
    expect(compared).toBeGreaterThanOrEqual(200);
    expect(differ).toEqual([]);
    expect(relative.length).toBeLessThanOrEqual(4);
    expect(wrong).toEqual([]);
  });
});

/** The sentinel_asim queries of a one-selection rule, run on the rows truth builds for one event. */
function verdict(logsource: string, detection: string, event: Record<string, unknown>, source: Record<string, string>): boolean {
  const asim = platforms().find((p) => p.id === 'sentinel_asim')!;
  const text = `title: t\nid: 11111111-2222-3333-4444-555555555555\nstatus: test\nlogsource:\n${logsource}\ndetection:\n    sel:\n${detection}\n    condition: sel\n`;
  const result = asim.backend.convert(loadCollection([{ text, file: 't.yml' }]), asim.convertOptions);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const records = asim.records(event, source);
  expect(records.length).toBeGreaterThan(0);
  return result.rules[0]!.queries.some((q) => asim.compile(q)(records));
}

describe("the acting account on Linux and macOS rows of Microsoft's Defender parsers", () => {
  test('file_event: User root matches the "\\root" the file parser joins (ASimFileEventMicrosoft365D.yaml:63, :104)', () => {
    const source = { category: 'file_event', product: 'linux' };
    const event = { TargetFilename: '/tmp/x', Image: '/usr/bin/touch', User: 'root' };
    expect(verdict('    category: file_event\n    product: linux', "        User: 'root'", event, source)).toBe(true);
    expect(verdict('    category: file_event\n    product: linux', "        User: 'admin'", event, source)).toBe(false);
  });

  test.each([true, false])('network_connection (Initiated %s): User is read on the Src or Dst side', (initiated) => {
    const source = { category: 'network_connection', product: 'macos' };
    const event = { Image: '/usr/bin/curl', User: 'alice', Initiated: initiated ? 'true' : 'false', DestinationIp: '10.0.0.2', DestinationPort: 443, SourceIp: '10.0.0.1', SourcePort: 50000 };
    expect(verdict('    category: network_connection\n    product: macos', "        User: 'alice'", event, source)).toBe(true);
  });
});

describe("Zeek's NBSTAT: an SRV query to 137/udp (zeek/zeek scripts/base/protocols/dns/main.zeek, dns_request)", () => {
  const zeek = { product: 'zeek', service: 'dns' };
  const logsource = '    product: zeek\n    service: dns';
  test.each([
    [{ query: 'WORKSTATION', qtype: 33, 'id.resp_p': 137, proto: 'udp' }, 'NBSTAT', true],
    [{ query: 'WORKSTATION', qtype: 33, 'id.resp_p': 137, proto: 'udp' }, 'SRV', false],
    [{ query: '_ldap._tcp.example', qtype: 33, 'id.resp_p': 53, proto: 'udp' }, 'SRV', true],
    [{ query: '_ldap._tcp.example', qtype: 33, 'id.resp_p': 53, proto: 'udp' }, 'NBSTAT', false],
    [{ query: 'WORKSTATION', qtype_name: 'NBSTAT' }, 'NBSTAT', true],
  ])('%j: qtype_name %s is %s', (event, name, expected) => {
    expect(verdict(logsource, `        qtype_name: '${name}'`, event, zeek)).toBe(expected);
  });
});
