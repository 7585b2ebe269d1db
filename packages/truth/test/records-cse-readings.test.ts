import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { compileCse } from '../src/cse/index.js';
import { cseRecords, windowsCatalogMappings, type CseOptions } from '../src/records/index.js';
import { platforms } from '../src/differential/platforms.js';
import { convertedRules } from './readings.js';
import { corpusFiles, readSources } from '../src/differential/corpus.js';
import type { CseRecord, RawEvent } from '../src/types.js';
import { HAVE_BOTH, HAVE_VENDOR, NEEDS_BOTH, SIGMAHQ } from './records-fixtures.js';
import { NEEDS_VENDOR } from '../../core/test/shared-data.js';

/**
 * Records of one Windows event as the catalog admits them beyond the default build (records/cse.ts CseOptions):
 *
 * - `eventIdSpelling`: metadata_deviceEventId as the mapping's Event ID Regex Pattern also takes it. The PowerShell/
 *   Operational patterns take the bare id (`…-4104|^4104$`) and, for 4104-4106, any case of the channel (`(?i)`):
 *   sumo-cloud-siem-catalog/mappings/674d9351-450f-4f61-83b5-e2b8957781ed.md:10, 1575f9bd-0d2f-4b82-b0d3-e157b27d1629.md:10.
 *   A query for the event type must select those records too: they are the same mapping's records.
 * - `bareDataKeys: 'eventdata'`: a mapping row that copies a data item by its bare name (Sysmon 25 `|changeType|Type||`,
 *   30db4a1f-857e-48e2-a91f-97c0fbf3edd4.md:26) read as a slip for `EventData.Type` (assumption `cse-bare-data-keys`
 *   takes it as written). The catalog does not settle which; the queries must be right under both.
 */

const SPELLINGS = ['bare', 'lower-case', 'upper-case'] as const;
const ps = (category: string) => ({ product: 'windows', category }) as const;

function only(records: readonly CseRecord[]): CseRecord {
  expect(records).toHaveLength(1);
  return records[0]!;
}

describe.skipIf(!HAVE_VENDOR)(`the records of other spellings and readings ${NEEDS_VENDOR}`, () => {
  const script: RawEvent = { ScriptBlockText: 'IEX (New-Object Net.WebClient)', Path: 'C:\\x.ps1' };

  test('4104: the bare id and either case of the channel select the same mapping, whose rows fill the same fields', () => {
    const canonical = only(cseRecords(script, ps('ps_script')));
    expect(canonical.metadata_deviceEventId).toBe('Microsoft-Windows-PowerShell/Operational-4104');
    for (const [spelling, id] of [
      ['bare', '4104'],
      ['lower-case', 'microsoft-windows-powershell/operational-4104'],
      ['upper-case', 'MICROSOFT-WINDOWS-POWERSHELL/OPERATIONAL-4104'],
    ] as const) {
      const r = only(cseRecords(script, ps('ps_script'), { eventIdSpelling: spelling }));
      expect(r).toEqual({ ...canonical, metadata_deviceEventId: id });
    }
  });

  test('4103 takes the bare id but no other case; Sysmon 1 and Security 4688 take no other spelling (no record)', () => {
    const module: RawEvent = { Payload: 'x', ContextInfo: 'Host Application = powershell' };
    expect(only(cseRecords(module, ps('ps_module'), { eventIdSpelling: 'bare' })).metadata_deviceEventId).toBe('4103');
    expect(cseRecords(module, ps('ps_module'), { eventIdSpelling: 'lower-case' })).toEqual([]);
    const proc: RawEvent = { Image: 'C:\\a.exe', CommandLine: 'a' };
    for (const spelling of SPELLINGS) expect(cseRecords(proc, ps('process_creation'), { eventIdSpelling: spelling })).toEqual([]);
  });

  test('Sysmon 25 Type: changeType under the catalog as written, EventData.Type under the other reading', () => {
    const event: RawEvent = { Image: 'C:\\a.exe', Type: 'Image is replaced', ProcessId: 4 };
    const written = only(cseRecords(event, ps('process_tampering')));
    expect(written['changeType']).toBe('Image is replaced');
    expect(written.fields['Type']).toBe('Image is replaced');
    expect(written.fields['EventData.Type']).toBeUndefined();
    const slip = only(cseRecords(event, ps('process_tampering'), { bareDataKeys: 'eventdata' }));
    expect(slip['changeType']).toBeUndefined();
    expect(slip.fields['EventData.Type']).toBe('Image is replaced');
    // The query the backend wrote before read only EventData.Type: it misses the record the catalog describes.
    const old = compileCse("metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-25' and lower(fields['EventData.Type']) = 'image is replaced'");
    expect([old.test(written), old.test(slip)]).toEqual([false, true]);
  });

  test('Sysmon 15 Hash is split into the keys its mapping reads (2978cae1-….md:28-31)', () => {
    const event: RawEvent = { Image: 'C:\\a.exe', TargetFilename: 'C:\\b:Zone.Identifier', Hash: 'SHA256=AB12,IMPHASH=CD34' };
    const r = only(cseRecords(event, ps('create_stream_hash')));
    expect([r['file_hash_sha256'], r['file_hash_imphash']]).toEqual(['AB12', 'CD34']);
  });

  test('classic PowerShell 400: the Data lines as keys, the header as the mapping names it, no EventData key', () => {
    const data = '\tNewEngineState=Available\r\n\tPreviousEngineState=None\r\n\r\n\tHostName=ConsoleHost\r\n\tHostApplication=powershell.exe -nop\r\n\tScriptName=\r\n\tCommandLine=';
    const r = only(cseRecords({ Data: ['Available', 'None', data], Computer: 'WS1', Level: 4, Execution_ProcessID: 12 }, ps('ps_classic_start')));
    expect(r).toMatchObject({ metadata_deviceEventId: 'Windows PowerShell-400', action: 'Available', srcDevice_hostname: 'ConsoleHost', device_hostname: 'WS1', pid: 12 });
    expect(r.fields['HostApplication']).toBe('powershell.exe -nop');
    expect(Object.keys(r.fields).filter((k) => k.startsWith('EventData.'))).toEqual([]);
  });
});

/** SigmaHQ rules whose event types' mappings admit another spelling or read a bare data name. */
function rules(): SigmaRule[] {
  const bare = new Set(
    windowsCatalogMappings()
      .filter((m) => m.vendor === 'Microsoft')
      .flatMap((m) => m.fields.filter((f) => f.kind === 'key' && f.key !== undefined && /^[A-Z][A-Za-z]+$/.test(f.key) && f.key !== 'Computer' && f.key !== 'Level').map((f) => f.key!)),
  );
  const reads = new RegExp(`^\\s+(?:${[...bare].join('|')})(?:\\|[a-z0-9|]+)?:`, 'm');
  const files = corpusFiles(SIGMAHQ).filter((f) => /(^|\/)windows\//.test(f) && /\.yml$/.test(f));
  const wanted = files.filter((f) => {
    const text = readFileSync(f, 'utf8');
    return /category: (ps_script|ps_module|process_tampering|create_stream_hash)\b/.test(text) || (/service: security\b/.test(text) && reads.test(text));
  });
  return [...loadCollection(readSources(wanted)).rules];
}

describe.skipIf(!HAVE_BOTH)(`SigmaHQ's PowerShell, Sysmon 15/25 and Security rules: the same verdicts on every spelling and reading ${NEEDS_BOTH} ${NEEDS_SIGMAHQ}`, () => {
  test('every emitted query matches the same derived events on the records of each spelling and reading, and the evaluator agrees', () => {
    const cse = platforms().find((p) => p.id === 'sumo-cse')!;
    let converted = 0;
    let spelled = 0;
    let moved = 0;
    const differ: string[] = [];
    const wrong: string[] = [];
    for (const p of convertedRules(cse, rules())) {
      converted++;
      const compiled = p.queries.map((q) => compileCse(q));
      const matches = (records: readonly CseRecord[]): boolean => records.some((r) => compiled.some((c) => c.test(r)));
      p.events.forEach((e, i) => {
        const records = (options: CseOptions = {}) => cseRecords(e.event, e.source, options);
        const verdict = matches(records());
        if (verdict !== p.verdicts[i]) wrong.push(`${p.rule.title}: ${JSON.stringify(e.event)} query ${verdict} evaluator ${p.verdicts[i]}`);
        for (const spelling of SPELLINGS) {
          const other = records({ eventIdSpelling: spelling });
          if (other.length === 0) continue;
          spelled++;
          if (matches(other) !== verdict) differ.push(`${p.rule.title} (${spelling} ${String(other[0]!.metadata_deviceEventId)}): ${JSON.stringify(e.event)}`);
        }
        const slip = records({ bareDataKeys: 'eventdata' });
        if (JSON.stringify(slip) === JSON.stringify(records())) return;
        moved++;
        if (matches(slip) !== verdict) differ.push(`${p.rule.title} (EventData reading): ${JSON.stringify(e.event)}`);
      });
    }
    // 178 ps_script and 34 ps_module rules in rules*/ (the review's census), each with several derived events (220
    // rules, 6703 records of another spelling, 7 events built both ways when this was written). With the scopes the
    // backend wrote before (`= '…/Operational-4104'`) and its EventData.Type test, 2356 of them differed.
    expect(converted).toBeGreaterThanOrEqual(210);
    expect(spelled).toBeGreaterThanOrEqual(5000);
    // Sysmon 25's Type, Security rules reading a bare-name data item: their events are built both ways.
    expect(moved).toBeGreaterThanOrEqual(5);
    expect(differ).toEqual([]);
    expect(wrong).toEqual([]);
  });
});
