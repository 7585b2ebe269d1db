import { describe, expect, test } from 'vitest';
import { catalogMappings, cseRecords, cseWhyNot, findWindowsMapping, windowsCatalogMappings } from '../src/records/index.js';
import type { CseRecord, RawEvent } from '../src/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vendorDir } from '../src/records/index.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';
import { HAVE_BOTH, HAVE_VENDOR, LOGON_4624, NEEDS_BOTH, SYSMON, TEAMVIEWER_NETWORK, regressionEvent, regressionEvents } from './records-fixtures.js';

const windows = { product: 'windows' } as const;
const security = { product: 'windows', service: 'security' } as const;

function only(records: readonly CseRecord[]): CseRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe.skipIf(!HAVE_VENDOR)(`catalog mappings ${NEEDS_VENDOR}`, () => {
  test('the Windows mappings are read from the catalog with their patterns', () => {
    const ids = windowsCatalogMappings().map((m) => m.eventIdPattern);
    expect(ids).toContain('Microsoft-Windows-Sysmon/Operational-1');
    expect(ids).toContain('Microsoft-Windows-Sysmon/Operational-1([234])');
    expect(ids).toContain('Security-4624');
  });

  test.each([
    ['Microsoft-Windows-Sysmon/Operational-1', 'f1ea6ca2-ca75-492e-a18f-51aa3a94c783'],
    ['Microsoft-Windows-Sysmon/Operational-13', '75cb24d1-5364-43b5-8aed-baca1586225c'],
    ['Microsoft-Windows-Sysmon/Operational-7', 'e4159ea5-4e24-4fae-ae41-a3f35f8b97f9'],
    ['Microsoft-Windows-Sysmon/Operational-3', '14bbc391-9cb4-40df-aa8e-a37b73b2a15a'],
    ['Security-4624', '1feef4d7-96d6-49c8-a4c0-e3abf46eeb76'],
    ['Microsoft-Windows-PowerShell/Operational-4104', '674d9351-450f-4f61-83b5-e2b8957781ed'],
    ['microsoft-windows-powershell/operational-4104', '674d9351-450f-4f61-83b5-e2b8957781ed'],
  ])('%s selects mapping %s (whole-id match; (?i) honoured)', (id, uid) => {
    expect(findWindowsMapping(id)?.uid).toBe(uid);
  });

  test('no mapping for Microsoft-Windows-WMI-Activity/Operational-5858', () => {
    expect(findWindowsMapping('Microsoft-Windows-WMI-Activity/Operational-5858')).toBeUndefined();
  });
});

describe('cseRecords', () => {
  test.skipIf(!HAVE_BOTH)(`Sysmon 7 -> baseImage = the loaded DLL, parentBaseImage = the loading process (catalog e4159ea5) ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 7);
    const r = only(cseRecords(event, windows));
    expect(r).toMatchObject({
      metadata_vendor: 'Microsoft',
      metadata_product: 'Windows',
      metadata_deviceEventId: 'Microsoft-Windows-Sysmon/Operational-7',
      metadata_mapperUid: 'e4159ea5-4e24-4fae-ae41-a3f35f8b97f9',
      action: 'ImageLoad',
      normalizedAction: 'load',
      normalizedResource: 'file',
      description: 'Sysmon observed image load',
      baseImage: event['ImageLoaded'],
      parentBaseImage: event['Image'],
      device_hostname: event['Computer'],
    });
    expect(r.fields['EventData.ImageLoaded']).toBe(event['ImageLoaded']);
  });

  test.skipIf(!HAVE_VENDOR)(`Security 4624 -> user_username from TargetUserName, normalized (lower case), original in user_username_raw ${NEEDS_VENDOR}`, () => {
    const r = only(cseRecords(LOGON_4624, security));
    expect(r).toMatchObject({
      metadata_deviceEventId: 'Security-4624',
      user_username: 'alice',
      user_username_raw: 'Alice',
      user_userId: 'S-1-0-0',
      srcDevice_ip: '10.0.0.5',
      srcDevice_hostname: 'WS01',
      success: true,
      description: 'An account was successfully logged on',
    });
    // lookup fields (logonType, normalizedAction, user_role) are not published: left out.
    expect(r).not.toHaveProperty('logonType');
    expect(r).not.toHaveProperty('normalizedAction');
  });

  test.skipIf(!HAVE_VENDOR)(`username normalization can be switched off (tenant configuration) ${NEEDS_VENDOR}`, () => {
    expect(only(cseRecords(LOGON_4624, security, { normalizeUsernames: false }))).toMatchObject({ user_username: 'Alice' });
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 1 -> process record: hashes from the split Hashes keys, ints typed, user domain stripped ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 1, (e) => String(e['Image']).endsWith('SnippingTool.exe'));
    const r = only(cseRecords(event, windows));
    expect(r).toMatchObject({
      metadata_deviceEventId: 'Microsoft-Windows-Sysmon/Operational-1',
      action: 'ProcessCreate',
      baseImage: event['Image'],
      parentBaseImage: event['ParentImage'],
      commandLine: event['CommandLine'],
      pid: 6180,
      parentPid: 6428,
      file_hash_md5: 'FF9D1ED3795B9AD94F2390D5E5DA5905',
      file_hash_imphash: '3D4392A18BB23C56D311A2D64B6E5BA0',
      user_username: 'xodih',
      user_username_raw: 'swachchhanda\\xodih',
      user_userId: 'S-1-5-18',
      timestamp: Date.parse('2026-04-20T10:00:35.640Z'),
    });
    expect(r).not.toHaveProperty('file_hash_sha1');
  });

  test.skipIf(!HAVE_VENDOR)(`Sysmon 3 of TeamViewer -> a network record that still has baseImage = TeamViewer.exe (the T1219 near miss) ${NEEDS_VENDOR}`, () => {
    const r = only(cseRecords(TEAMVIEWER_NETWORK, windows));
    expect(r).toMatchObject({
      metadata_deviceEventId: 'Microsoft-Windows-Sysmon/Operational-3',
      action: 'NetworkConnect',
      baseImage: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe',
      dstDevice_ip: '185.188.32.1',
      dstPort: 443,
    });
  });

  test.skipIf(!HAVE_BOTH)(`Sysmon 13 -> the 12/13/14 mapping: changeTarget, resource = Details ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent(SYSMON, 13);
    expect(only(cseRecords(event, windows))).toMatchObject({ changeTarget: event['TargetObject'], resource: event['Details'], action: 'SetValue', baseImage: event['Image'] });
  });

  test.skipIf(!HAVE_BOTH)(`a Windows event no pattern names -> the Windows \`_default_\` mapping (c73d6da2), its id kept ${NEEDS_BOTH}`, () => {
    const { event } = regressionEvent('Microsoft-Windows-WMI-Activity/Operational', 5858);
    const r = only(cseRecords(event, windows));
    expect(r).toMatchObject({
      metadata_vendor: 'Microsoft',
      metadata_product: 'Windows',
      metadata_deviceEventId: 'Microsoft-Windows-WMI-Activity/Operational-5858',
      metadata_mapperUid: 'c73d6da2-5bfc-42e8-b1c3-abdcb840d526',
      device_hostname: event['Computer'],
    });
    expect(cseWhyNot(event, windows)).toBeUndefined();
    expect(cseWhyNot(LOGON_4624, security)).toBeUndefined();
  });

  test.skipIf(!HAVE_VENDOR)(`System 104: the default mapping, id System-104, the cleared log under UserData.LogFileCleared.Channel ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { EventID: 104, Channel: 'Security', Provider_Name: 'Microsoft-Windows-Eventlog', SubjectUserName: 'alice' };
    const r = only(cseRecords(event, { product: 'windows', service: 'system' }));
    expect(r['metadata_deviceEventId']).toBe('System-104');
    expect(r.fields).toMatchObject({ Channel: 'System', 'UserData.LogFileCleared.Channel': 'Security', 'UserData.LogFileCleared.SubjectUserName': 'alice' });
  });

  test('a logsource with no catalog Input -> [] and a reason', () => {
    const web: RawEvent = { 'cs-uri-query': '/x' };
    expect(cseRecords(web, { category: 'webserver' })).toEqual([]);
    expect(cseWhyNot(web, { category: 'webserver' })).toMatch(/no catalog Input is known/);
  });

  test.skipIf(!HAVE_VENDOR)(`hostname fields keep the mapped value in <field>_raw (schema: enrichment-populated) ${NEEDS_VENDOR}`, () => {
    const r = only(cseRecords(TEAMVIEWER_NETWORK, windows));
    expect(r['device_hostname_raw']).toBe(r['device_hostname']);
    expect(r['srcDevice_hostname_raw'] ?? null).toBe(r['srcDevice_hostname'] ?? null);
  });

  test.skipIf(!HAVE_BOTH)(`every "key" row of the selected mapping whose key the message has is in the record, every static row always ${NEEDS_BOTH}`, () => {
    // Read here, not at collection: collecting must not need the vendor snapshot.
    const SCHEMA = JSON.parse(readFileSync(join(vendorDir(), 'sumo-cloud-siem-catalog/schema/normalized_schema_build.json'), 'utf8')) as Record<string, { type?: string }>;
    let checked = 0;
    for (const { event } of [...regressionEvents(), { event: TEAMVIEWER_NETWORK }, { event: LOGON_4624 }]) {
      const records = cseRecords(event, windows);
      if (records.length === 0) continue;
      const r = records[0]!;
      const mapping = catalogMappings().find((m) => m.uid === r['metadata_mapperUid'])!;
      for (const f of mapping.fields) {
        if (f.kind === 'static') expect(r[f.field], `${mapping.uid}:${f.line}`).toBeDefined();
        const value = f.key ? r.fields[f.key] : undefined;
        if (f.kind === 'key' && value) {
          // Numeric/boolean schema fields cannot hold a value like "-" (4648 IpPort): those are dropped.
          const type = SCHEMA[f.field]?.type ?? 'string';
          const convertible = type === 'string' || (type === 'boolean' ? /^(true|false)$/i.test(value) : f.field === 'timestamp' ? true : /^(-?\d+|0x[0-9a-f]+)$/i.test(value));
          if (!convertible) continue;
          expect(r[f.field], `${mapping.uid}:${f.line} ${f.field} <- ${f.key}`).toBeDefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('Sysmon for Linux', () => {
  test.skipIf(!HAVE_VENDOR)(`Linux process_creation -> the Linux-Sysmon/Operational-1 mapping (4844d90e), keys at the top level ${NEEDS_VENDOR}`, () => {
    const event: RawEvent = { Image: '/usr/bin/curl', CommandLine: 'curl -s http://x/y.sh', ParentImage: '/bin/bash', User: 'root', ProcessId: '4242', Computer: 'srv1' };
    const r = only(cseRecords(event, { product: 'linux', category: 'process_creation' }));
    expect(r).toMatchObject({
      metadata_vendor: 'Linux',
      metadata_product: 'Sysmon for Linux',
      metadata_deviceEventId: 'Linux-Sysmon/Operational-1',
      metadata_mapperUid: '4844d90e-5bea-4473-b9d5-39bba4b0d829',
      baseImage: '/usr/bin/curl',
      parentBaseImage: '/bin/bash',
      commandLine: 'curl -s http://x/y.sh',
      pid: 4242,
      device_hostname: 'srv1',
      user_username: 'root',
    });
    expect(r.fields['Image']).toBe('/usr/bin/curl');
  });

  test.skipIf(!HAVE_VENDOR)(`Linux auditd events -> the Auditd \`_default_\` mapping (b09d8957), the record flat ${NEEDS_VENDOR}`, () => {
    const src = { product: 'linux', service: 'auditd' };
    const r = only(cseRecords({ type: 'EXECVE', a0: 'x', exe: '/usr/bin/x', node: 'srv1' }, src));
    expect(r).toMatchObject({ metadata_vendor: 'Linux', metadata_product: 'Auditd', metadata_mapperUid: 'b09d8957-f7b3-4493-8301-456c4e8bccbc', file_path: '/usr/bin/x', device_hostname: 'srv1' });
    expect(r.fields).toEqual({ type: 'EXECVE', a0: 'x', exe: '/usr/bin/x', node: 'srv1' });
  });

  test('Linux syslog services: the mappings cannot be told apart from a Sigma event (whyNot)', () => {
    const src = { product: 'linux', service: 'sshd' };
    expect(cseRecords({ message: 'Accepted password' }, src)).toEqual([]);
    expect(cseWhyNot({ message: 'x' }, src)).toMatch(/cannot be told apart/);
  });
});
