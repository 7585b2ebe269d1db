import { loadCollection } from '@sigmats/core';
import { sumoCse } from '@sigmats/backend-sumo';
import { describe, expect, test } from 'vitest';
import { compileCse } from '../src/cse/index.js';
import type { CseRecord } from '../src/types.js';

/**
 * The shapes the `sumo-cse` backend emits for Windows process creation, run on records built here by hand from
 * the catalog mapping "Windows - Microsoft-Windows-Sysmon/Operational - 1"
 * (../shared/vendor/sumo-cloud-siem-catalog/mappings/f1ea6ca2-ca75-492e-a18f-51aa3a94c783.md): Event ID
 * `Microsoft-Windows-Sysmon/Operational-1`, baseImage <- EventData.Image, commandLine <- EventData.CommandLine,
 * parentBaseImage <- EventData.ParentImage, user_username <- EventData.User; unmapped keys stay in `fields`.
 * Expected verdicts follow Sigma's semantics. The backend only produces the text; the interpreter shares no code.
 */

function sysmonRecord(eventId: number, eventData: Record<string, string>): CseRecord {
  const fields: Record<string, string> = { EventID: String(eventId), Channel: 'Microsoft-Windows-Sysmon/Operational' };
  for (const [k, v] of Object.entries(eventData)) fields[`EventData.${k}`] = v;
  const r: Record<string, unknown> = {
    metadata_vendor: 'Microsoft',
    metadata_product: 'Windows',
    metadata_deviceEventId: `Microsoft-Windows-Sysmon/Operational-${eventId}`,
    fields,
  };
  // Event 1 mapping only; other event ids keep baseImage (Sumo fills it for Sysmon 3 too, issue 11).
  if (eventData['Image'] !== undefined) r['baseImage'] = eventData['Image'];
  if (eventId === 1) {
    if (eventData['CommandLine'] !== undefined) r['commandLine'] = eventData['CommandLine'];
    if (eventData['ParentImage'] !== undefined) r['parentBaseImage'] = eventData['ParentImage'];
    if (eventData['User'] !== undefined) r['user_username'] = eventData['User'];
  }
  return r as CseRecord;
}

function convert(detection: string): string {
  const yaml = `title: t\nid: 11111111-2222-3333-4444-555555555555\nstatus: test\nlevel: medium\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n${detection
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}`;
  const result = sumoCse.convert(loadCollection([{ text: yaml, file: 'rule.yml' }]), {});
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('; '));
  return result.rules[0]!.queries[0]!;
}

const rows: readonly { name: string; detection: string; records: readonly (readonly [CseRecord, boolean])[] }[] = [
  {
    name: 'endswith on the image, a raw field (fields[...]) and a list',
    detection: "sel:\n    Image|endswith:\n        - '\\teamviewer.exe'\n        - '\\anydesk.exe'\n    OriginalFileName: TeamViewer.exe\ncondition: sel",
    records: [
      [sysmonRecord(1, { Image: 'C:\\Program Files\\TeamViewer\\TEAMVIEWER.EXE', OriginalFileName: 'teamviewer.exe' }), true],
      [sysmonRecord(1, { Image: 'C:\\x\\AnyDesk.exe', OriginalFileName: 'TeamViewer.exe' }), true],
      [sysmonRecord(1, { Image: 'C:\\x\\notepad.exe', OriginalFileName: 'TeamViewer.exe' }), false],
      // Near miss across event types: a Sysmon 3 record with the same image is not a process creation.
      [sysmonRecord(3, { Image: 'C:\\Program Files\\TeamViewer\\TeamViewer.exe', OriginalFileName: 'TeamViewer.exe' }), false],
    ],
  },
  {
    name: 'contains, not, null',
    detection: "sel:\n    CommandLine|contains|all:\n        - ' -enc '\n        - 'Bypass'\nfilter:\n    ParentImage|startswith: 'C:\\Program Files\\'\nempty:\n    IntegrityLevel: null\ncondition: sel and not filter and empty",
    records: [
      [sysmonRecord(1, { CommandLine: 'powershell -ep bypass -enc AAA', ParentImage: 'C:\\Windows\\explorer.exe' }), true],
      [sysmonRecord(1, { CommandLine: 'powershell -ep bypass -enc AAA', ParentImage: 'c:\\program files\\x\\y.exe' }), false],
      [sysmonRecord(1, { CommandLine: 'powershell -ep bypass -enc AAA', ParentImage: 'C:\\Windows\\explorer.exe', IntegrityLevel: 'High' }), false],
      [sysmonRecord(1, { CommandLine: 'powershell -enc AAA', ParentImage: 'C:\\Windows\\explorer.exe' }), false],
      [sysmonRecord(1, { CommandLine: 'powershell -ep bypass -enc AAA' }), true],
    ],
  },
  {
    name: '|re and |cased on a raw field',
    detection: "sel:\n    CommandLine|re: '\\s/c\\s'\n    Company|cased: Microsoft Corporation\ncondition: sel",
    records: [
      [sysmonRecord(1, { CommandLine: 'cmd.exe /c whoami', Company: 'Microsoft Corporation' }), true],
      [sysmonRecord(1, { CommandLine: 'cmd.exe /c whoami', Company: 'microsoft corporation' }), false],
      [sysmonRecord(1, { CommandLine: 'cmd.exe/c whoami', Company: 'Microsoft Corporation' }), false],
    ],
  },
];

describe('emitted CSE expressions on catalog-shaped Sysmon records', () => {
  test.each(rows)('$name', ({ detection, records }) => {
    const expression = convert(detection);
    for (const regexMatch of ['anywhere', 'whole'] as const) {
      const compiled = compileCse(expression, { regexMatch });
      for (const [record, expected] of records) {
        expect({ expression, record: record.fields, regexMatch, hit: compiled.test(record) }).toEqual({ expression, record: record.fields, regexMatch, hit: expected });
      }
    }
  });
});
