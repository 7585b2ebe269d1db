import { describe, expect, test } from 'vitest';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { asimRecords } from '../src/records/index.js';
import { platforms } from '../src/differential/platforms.js';
import { evaluatorVerdicts } from '../src/differential/run.js';
import { convertedRules, kqlMatcher } from './readings.js';
import { corpusFiles, readSources } from '../src/differential/corpus.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './records-fixtures.js';

/**
 * imProcessCreate unions Microsoft's Sysmon parser with its Defender for Endpoint parser (ASimProcessEventCreate.yaml:34,
 * :36), and the same process creation reaches it either way. The Defender parser's rows differ in what they carry:
 * - TargetProcessFilename is the name on disk (`TargetProcessFilename = FileName`, ASimProcessEventMicrosoft365D.yaml:66,
 *   as the schema page defines it, normalization-schema-process-event.md:219), where the Sysmon parser puts Sysmon's
 *   OriginalFileName (ASimProcessCreateMicrosoftSysmon.yaml:74, :120);
 * - the version information stays in Defender's own columns (ProcessVersionInfoOriginalFileName, …CompanyName,
 *   …ProductName, …FileDescription), which the parser neither renames nor projects away (:52, :56-85, :91), where the
 *   Sysmon parser fills TargetProcessFileCompany, …Description and …Product (:77-78);
 * - LogonId is Defender's number (`TargetUserSessionId = tostring(LogonId)`, :46, a long on the DeviceProcessEvents
 *   page), not Sysmon's hexadecimal text: the same session all the same;
 * - nothing holds Sysmon's FileVersion, CurrentDirectory, LogonGuid, the process GUIDs, TerminalSessionId or the
 *   IMPHASH.
 * A query must match the Defender row of an event exactly when the evaluator matches the event without what that row
 * cannot carry (the list below, read off the parser, not off the backend's field map).
 */
const PROCESS_NOT_CARRIED = ['RuleName', 'UtcTime', 'ProcessGuid', 'ParentProcessGuid', 'FileVersion', 'CurrentDirectory', 'LogonGuid', 'TerminalSessionId'];

/** The event as the Defender row can tell it: the fields above gone, and IMPHASH gone from Hashes. */
function carried(event: Readonly<Record<string, unknown>>, notCarried: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    if (notCarried.includes(k)) continue;
    if (k === 'Hashes' && typeof v === 'string') {
      const kept = v.split(',').filter((h) => !/^IMPHASH=/i.test(h.trim()));
      if (kept.length > 0) out[k] = kept.join(',');
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** SigmaHQ's Windows rules of a folder and the categories it holds. */
function windowsRules(folder: RegExp, categories: readonly string[]): SigmaRule[] {
  const files = corpusFiles(SIGMAHQ).filter((f) => folder.test(f));
  const collection = loadCollection(readSources(files));
  return collection.rules.filter((r) => categories.includes(r.logsource.category ?? '') && r.logsource.product === 'windows');
}

/**
 * Each rule's sentinel_asim queries on the rows another recorder (Defender, or the Security log) keeps of its derived
 * events, against the evaluator on what those rows carry (`carried`): the disagreements, and how many events were
 * compared and reduced.
 */
function recorderReadings(
  rules: readonly SigmaRule[],
  notCarried: readonly string[],
  recorder: 'Defender' | 'Security' = 'Defender',
): { converted: number; compared: number; reduced: number; wrong: string[] } {
  const asim = platforms().find((p) => p.id === 'sentinel_asim')!;
  let converted = 0;
  let compared = 0;
  let reduced = 0;
  const wrong: string[] = [];
  for (const p of convertedRules(asim, rules)) {
    converted++;
    const matches = kqlMatcher(asim, p.queries);
    const events = p.events.map((e) => ({ event: carried(e.event as Record<string, unknown>, notCarried), source: e.source }));
    const expected = evaluatorVerdicts(p.rule, events);
    p.events.forEach((e, i) => {
      const event = events[i]!.event;
      if (JSON.stringify(event) !== JSON.stringify(e.event)) reduced++;
      const actual = matches(asimRecords(e.event, e.source, { windowsRecorder: recorder }));
      compared++;
      if (actual !== expected[i]) wrong.push(`${p.rule.title}: query ${actual} evaluator ${expected[i]} on ${JSON.stringify(event).slice(0, 1600)}`);
    });
  }
  return { converted, compared, reduced, wrong };
}

/** The first disagreements, without the Windows header fields every event shares. */
function shown(wrong: readonly string[]): string {
  return wrong
    .slice(0, 5)
    .map((w) => w.replace(/"(Provider|Keywords|Execution|Correlation|TimeCreated|EventRecord|Version|Level|Task|Opcode|Computer|Security_UserID|Channel)[^,]*,/g, ''))
    .join('\n');
}

describe('the Defender reading of a Windows process creation', () => {
  test("the row is Microsoft's Defender parser's: the name on disk, the version information in Defender's columns", () => {
    const event = { Image: 'C:\\Temp\\svc.exe', OriginalFileName: 'psexesvc.exe', Company: 'Sysinternals', CommandLine: 'svc.exe', User: 'CORP\\alice', LogonId: '0x3e7' };
    const source = { category: 'process_creation', product: 'windows' } as const;
    const [sysmon] = asimRecords(event, source);
    const [defender] = asimRecords(event, source, { windowsRecorder: 'Defender' });
    expect(sysmon!.row).toMatchObject({ EventProduct: 'Sysmon', TargetProcessFilename: 'psexesvc.exe', TargetProcessFileCompany: 'Sysinternals', TargetUserSessionId: '0x3e7' });
    expect(defender!.row).toMatchObject({
      EventProduct: 'M365 Defender for Endpoint',
      TargetProcessName: 'C:\\Temp\\svc.exe',
      TargetProcessFilename: 'svc.exe',
      TargetProcessFileCompany: '',
      ProcessVersionInfoOriginalFileName: 'psexesvc.exe',
      ProcessVersionInfoCompanyName: 'Sysinternals',
      TargetUsername: 'CORP\\alice',
      TargetUserSessionId: '999',
    });
    // The Sysmon row has the Defender parser's columns too (the union's), empty.
    expect(sysmon!.row['ProcessVersionInfoOriginalFileName']).toBe('');
  });

  test.each([
    ["OriginalFileName: 'psexesvc.exe'", true],
    ["OriginalFileName: 'svc.exe'", false],
    ["Company: 'Sysinternals'", true],
    ["LogonId: '0x3e7'", true],
    ["LogonId: '999'", false],
  ])('%s: the same verdict on the Sysmon row and the Defender row (%s)', (item, expected) => {
    const asim = platforms().find((p) => p.id === 'sentinel_asim')!;
    const text = `title: t\nid: 11111111-2222-3333-4444-555555555555\nstatus: test\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n    sel:\n        ${item}\n    condition: sel\n`;
    const result = asim.backend.convert(loadCollection([{ text, file: 't.yml' }]), asim.convertOptions);
    const matches = kqlMatcher(asim, result.rules[0]!.queries);
    const event = { Image: 'C:\\Temp\\svc.exe', OriginalFileName: 'psexesvc.exe', Company: 'Sysinternals', LogonId: '0x3e7' };
    const source = { category: 'process_creation', product: 'windows' } as const;
    expect(matches(asimRecords(event, source))).toBe(expected);
    expect(matches(asimRecords(event, source, { windowsRecorder: 'Defender' }))).toBe(expected);
  });
});

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's Windows process_creation rules on sentinel_asim, Defender's rows ${NEEDS_SIGMAHQ}`, () => {
  test('each query matches the Defender row of an event exactly when the evaluator matches what that row carries', () => {
    const { converted, compared, reduced, wrong } = recorderReadings(windowsRules(/(^|\/)windows\/process_creation\//, ['process_creation']), PROCESS_NOT_CARRIED);
    expect(converted).toBeGreaterThanOrEqual(1000);
    expect(compared).toBeGreaterThanOrEqual(10000);
    expect(reduced).toBeGreaterThanOrEqual(50);
    expect(wrong.length, shown(wrong)).toBe(0);
  }, 300_000);
});

/**
 * imFileEvent unions Microsoft's Sysmon file parser with its Defender one (ASimFileEvent.yaml:47), which reads a
 * DeviceFileEvents row: the file's path joined from FolderPath and FileName (:108), the acting process's path, command
 * line and id from the Initiating* columns (:78-79, :94), the account as the parser joins it (:63, :104), the file's
 * hashes (:75-77). Nothing holds Sysmon's ProcessGuid, CreationUtcTime, or 23's and 26's IsExecutable and Archived.
 */
const FILE_NOT_CARRIED = ['RuleName', 'UtcTime', 'ProcessGuid', 'CreationUtcTime', 'IsExecutable', 'Archived'];

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's Windows file_event and file_delete rules on sentinel_asim, Defender's rows ${NEEDS_SIGMAHQ}`, () => {
  test('each query matches the Defender row of an event exactly when the evaluator matches what that row carries', () => {
    const rules = windowsRules(/(^|\/)windows\/file\//, ['file_event', 'file_delete', 'file_delete_detected']);
    const { converted, compared, wrong } = recorderReadings(rules, FILE_NOT_CARRIED);
    expect(converted).toBeGreaterThanOrEqual(150);
    expect(compared).toBeGreaterThanOrEqual(1500);
    expect(wrong.length, shown(wrong)).toBe(0);
  }, 300_000);
});

/**
 * imRegistry unions Microsoft's Defender registry parser beside the Sysmon one (ASimRegistry.yaml:38), which reads a
 * DeviceRegistryEvents row: the key and value name (the previous ones for deletions, :50-51), Defender's own value data
 * and type (:52-59), the acting process (:88, :90) and account (:72). Nothing holds Sysmon's ProcessGuid.
 */
const REGISTRY_NOT_CARRIED = ['RuleName', 'UtcTime', 'ProcessGuid'];

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's Windows registry rules on sentinel_asim, Defender's rows ${NEEDS_SIGMAHQ}`, () => {
  test('each query matches the Defender row of an event exactly when the evaluator matches what that row carries', () => {
    const rules = windowsRules(/(^|\/)windows\/registry\//, ['registry_add', 'registry_delete', 'registry_set', 'registry_event', 'registry_rename']);
    const { converted, compared, wrong } = recorderReadings(rules, REGISTRY_NOT_CARRIED);
    expect(converted).toBeGreaterThanOrEqual(60);
    expect(compared).toBeGreaterThanOrEqual(500);
    expect(wrong.length, shown(wrong)).toBe(0);
  }, 300_000);
});

/**
 * imProcessCreate unions Microsoft's SecurityEvent 4688 parser too (ASimProcessEventCreate.yaml:38): the same process as
 * the Security log's 4688 of it (securityEventRecords builds it from the Sysmon event, assumption
 * securityevent-4688-from-sysmon). A 4688 holds the image, command line, parent image, ids and accounts, and the creator's
 * logon when Windows names no target (event-4688.md); not the version information, hashes, integrity level name (it has
 * a mandatory label the parser does not read), current directory, GUIDs or the parent's command line.
 */
const SECURITY_NOT_CARRIED = [
  'RuleName', 'UtcTime', 'ProcessGuid', 'ParentProcessGuid', 'FileVersion', 'Description', 'Product', 'Company', 'OriginalFileName',
  'CurrentDirectory', 'LogonGuid', 'TerminalSessionId', 'IntegrityLevel', 'Hashes', 'ParentCommandLine',
];

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's Windows process_creation rules on sentinel_asim, the Security log's rows ${NEEDS_SIGMAHQ}`, () => {
  test('each query matches the 4688 row of an event exactly when the evaluator matches what that row carries', () => {
    const { converted, compared, wrong } = recorderReadings(windowsRules(/(^|\/)windows\/process_creation\//, ['process_creation']), SECURITY_NOT_CARRIED, 'Security');
    expect(converted).toBeGreaterThanOrEqual(1000);
    expect(compared).toBeGreaterThanOrEqual(10000);
    expect(wrong.length, shown(wrong)).toBe(0);
  }, 300_000);
});
