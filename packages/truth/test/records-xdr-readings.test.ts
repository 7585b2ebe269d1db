import { describe, expect, test } from 'vitest';
import { loadCollection, type SigmaRule } from '@sigmats/core';
import { NEEDS_SIGMAHQ } from '../../core/test/shared-data.js';
import { defenderRecords } from '../src/records/index.js';
import { defenderFolderReading, folderOf } from '../src/records/defender-readings.js';
import { platforms } from '../src/differential/platforms.js';
import { convertedRules, kqlMatcher } from './readings.js';
import { corpusFiles, readSources } from '../src/differential/corpus.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './records-fixtures.js';

/**
 * Defender's FolderPath and PreviousFolderPath on DeviceFileEvents, DeviceImageLoadEvents and DeviceEvents: the pages
 * call them the "Folder containing the file" (advanced-hunting-devicefileevents-table.md:47, :54), Microsoft's file
 * parser joins the path from them and the name (ASimFileEventMicrosoft365D.yaml:108, :110), its process parser reads
 * FolderPath as the full path. defenderRecords writes FolderPath full and PreviousFolderPath as the folder; the
 * microsoft_xdr queries must give every event the same verdict under either reading of both columns.
 */
describe('the two readings of the rows', () => {
  test('folder: FolderPath loses the name; full: PreviousFolderPath gains it; other tables are left alone', () => {
    const source = { category: 'file_rename', product: 'windows' } as const;
    const event = { TargetFilename: 'C:\\Users\\a\\doc.txt.locked', SourceFilename: 'C:\\Users\\a\\doc.txt', Image: 'C:\\x\\evil.exe' };
    const [built] = defenderRecords(event, source);
    expect(built!.row).toMatchObject({ FolderPath: 'C:\\Users\\a\\doc.txt.locked', FileName: 'doc.txt.locked', PreviousFolderPath: 'C:\\Users\\a', PreviousFileName: 'doc.txt' });
    expect(defenderFolderReading([built!], 'folder')[0]!.row).toMatchObject({ FolderPath: 'C:\\Users\\a', PreviousFolderPath: 'C:\\Users\\a' });
    expect(defenderFolderReading([built!], 'full')[0]!.row).toMatchObject({ FolderPath: 'C:\\Users\\a\\doc.txt.locked', PreviousFolderPath: 'C:\\Users\\a\\doc.txt' });
    const process = defenderRecords({ Image: 'C:\\x\\a.exe', CommandLine: 'a' }, { category: 'process_creation', product: 'windows' });
    expect(defenderFolderReading(process, 'folder')).toEqual(process);
    expect(folderOf('/etc/cron.d/job', 'job')).toBe('/etc/cron.d');
    expect(folderOf('C:\\evil.exe', 'evil.exe')).toBe('C:\\');
    expect(folderOf('\\x', 'x')).toBe('\\');
    expect(folderOf('/x', 'x')).toBe('/');
    expect(folderOf('job', 'job')).toBe('');
  });
});

const CATEGORIES = new Set(['file_event', 'file_delete', 'file_rename', 'image_load', 'driver_load', 'create_remote_thread']);

/** SigmaHQ's rules whose microsoft_xdr queries read a path made of FolderPath (tables/defender.ts pathOf). */
function pathRules(): SigmaRule[] {
  const files = corpusFiles(SIGMAHQ).filter((f) => /(^|\/)(file|image_load|driver_load|create_remote_thread)(\/|_)/.test(f));
  const collection = loadCollection(readSources(files));
  return collection.rules.filter((r) => CATEGORIES.has(r.logsource.category ?? ''));
}

describe.skipIf(!HAVE_SIGMAHQ)(`SigmaHQ's file, image load, driver load and remote thread rules on microsoft_xdr ${NEEDS_SIGMAHQ}`, () => {
  test('every query gives each derived event the same verdict under both readings, the evaluator\'s', () => {
    const xdr = platforms().find((p) => p.id === 'xdr')!;
    let converted = 0;
    let compared = 0;
    const differ: string[] = [];
    const wrong: string[] = [];
    for (const p of convertedRules(xdr, pathRules())) {
      converted++;
      const matches = kqlMatcher(xdr, p.queries);
      p.events.forEach((e, i) => {
        const built = defenderRecords(e.event, e.source);
        const verdicts = [matches(built), matches(defenderFolderReading(built, 'full')), matches(defenderFolderReading(built, 'folder'))];
        compared++;
        if (verdicts[0] !== p.verdicts[i]) wrong.push(`${p.rule.title}: ${JSON.stringify(e.event)} query ${verdicts[0]} evaluator ${p.verdicts[i]}`);
        if (verdicts[1] !== verdicts[0] || verdicts[2] !== verdicts[0]) differ.push(`${p.rule.title}: ${JSON.stringify(e.event)} built/full/folder ${verdicts.join('/')}`);
      });
    }
    expect(converted).toBeGreaterThanOrEqual(300);
    expect(compared).toBeGreaterThanOrEqual(1000);
    expect(differ).toEqual([]);
    expect(wrong).toEqual([]);
  });
});
