import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonymise, extractTemplates, renderTemplatesModule } from '../scripts/extract-templates.js';
import { type EventLogsource, eventTemplate, windowsLogsource } from '../src/index.js';
import { HAND_TEMPLATES } from '../src/derive/templates-hand.js';
import { windowsTargets } from '../src/derive/windows-sources.js';
import { REGRESSION_TEMPLATES } from '../src/derive/templates.generated.js';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './sigmahq.js';

const FILE = join(import.meta.dirname, '../src/derive/templates.generated.ts');

describe('event templates', () => {
  it.skipIf(!HAVE_SIGMAHQ)(`templates.generated.ts is what extract-templates makes of regression_data (no drift) ${NEEDS_SIGMAHQ}`, () => {
    const text = renderTemplatesModule(extractTemplates(SIGMAHQ));
    if (process.env.UPDATE_TEMPLATES) writeFileSync(FILE, text);
    expect(readFileSync(FILE, 'utf8')).toBe(text);
  });

  it('anonymises hosts, users, profile paths, domain SIDs and addresses', () => {
    const out = anonymise({
      Computer: 'lab-pc7.corp.example',
      User: 'CORP\\jdoe',
      Image: 'C:\\Users\\jdoe\\AppData\\Local\\Temp\\x.exe',
      CommandLine: 'net use \\\\LAB-PC7\\c$ /user:corp\\jdoe 192.168.5.4 127.0.0.1',
      Sid: 'S-1-5-21-123-456-789-1001',
      ParentUser: 'NT AUTHORITY\\SYSTEM',
    });
    expect(out).toEqual({
      Computer: 'WORKSTATION01.contoso.local',
      User: 'CONTOSO\\user01',
      Image: 'C:\\Users\\user01\\AppData\\Local\\Temp\\x.exe',
      CommandLine: 'net use \\\\WORKSTATION01\\c$ /user:CONTOSO\\user01 10.0.0.10 127.0.0.1',
      Sid: 'S-1-5-21-1111111111-2222222222-3333333333-1001',
      ParentUser: 'NT AUTHORITY\\SYSTEM',
    });
  });

  it('every template routes to its own channel and event id, and every (Channel, EventID) has one template', () => {
    const seen = new Set<string>();
    for (const t of [...REGRESSION_TEMPLATES, ...HAND_TEMPLATES]) {
      expect(t.event['Channel']).toBe(t.channel);
      expect(Number(t.event['EventID'])).toBe(t.eventId);
      expect(t.source.length).toBeGreaterThan(0);
      if (t.origin === 'regression_data') expect(t.source).toMatch(/^regression_data\/.+\.json#\d+$/);
      seen.add(`${t.channel}|${t.eventId}`);
    }
    // Hand-written templates only fill gaps: the real event wins where both exist.
    for (const t of HAND_TEMPLATES) expect(REGRESSION_TEMPLATES.some((r) => r.channel === t.channel && r.eventId === t.eventId)).toBe(false);
  });

  it.each<[EventLogsource, string, number]>([
    [{ product: 'windows', category: 'process_creation' }, 'Microsoft-Windows-Sysmon/Operational', 1],
    [{ product: 'windows', category: 'registry_set' }, 'Microsoft-Windows-Sysmon/Operational', 13],
    [{ product: 'windows', category: 'registry_delete' }, 'Microsoft-Windows-Sysmon/Operational', 12],
    [{ product: 'windows', category: 'dns_query' }, 'Microsoft-Windows-Sysmon/Operational', 22],
    // file_delete is Sysmon 23 and 26 (pySigma-pipeline-sysmon): the witness takes the first, FileDelete.
    [{ product: 'windows', category: 'file_delete' }, 'Microsoft-Windows-Sysmon/Operational', 23],
    [{ product: 'windows', category: 'file_delete_detected' }, 'Microsoft-Windows-Sysmon/Operational', 26],
    [{ product: 'windows', category: 'ps_script' }, 'Microsoft-Windows-PowerShell/Operational', 4104],
    [{ product: 'windows', service: 'system' }, 'System', 7045],
    [{ product: 'windows', service: 'security' }, 'Security', 4624],
  ])('eventTemplate(%o) is a complete %s %i event that routes back to it', (source, channel, eid) => {
    const t = eventTemplate(source)!;
    expect(t['Channel']).toBe(channel);
    expect(t['EventID']).toBe(eid);
    expect(Object.keys(t).length).toBeGreaterThan(8);
    const routes = windowsLogsource(t) ?? [];
    expect(routes.some((r) => (source.category ?? r.category) === r.category && (source.service ?? r.service) === r.service)).toBe(true);
  });

  it.each<[EventLogsource, string, number]>([
    // The provider is Microsoft-Windows-AppxPackagingOM; its channel is Microsoft-Windows-AppxPackaging/Operational.
    [{ product: 'windows', service: 'appxpackaging-om' }, 'Microsoft-Windows-AppxPackaging/Operational', 157],
    [{ product: 'windows', service: 'appmodel-runtime' }, 'Microsoft-Windows-AppModel-Runtime/Admin', 201],
  ])('a %o event is read from the channel %s (event %i)', (source, channel, eid) => {
    expect(windowsTargets(source)?.[0]).toEqual({ channel, eventId: eid });
  });

  it('registry templates carry the EventType of their category', () => {
    expect(eventTemplate({ product: 'windows', category: 'registry_add' })!['EventType']).toBe('CreateKey');
    expect(eventTemplate({ product: 'windows', category: 'registry_delete' })!['EventType']).toBe('DeleteKey');
    expect(eventTemplate({ product: 'windows', category: 'registry_set' })!['EventType']).toBe('SetValue');
    expect(eventTemplate({ product: 'aws', service: 'cloudtrail' })).toBeUndefined();
  });
});
