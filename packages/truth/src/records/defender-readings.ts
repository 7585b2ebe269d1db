// Defender's pages call FolderPath and PreviousFolderPath the "Folder containing the file" (advanced-hunting-
// devicefileevents-table.md:47, :54; the DeviceImageLoadEvents and DeviceEvents pages alike), and Microsoft's Defender
// file parser joins the file's path from FolderPath and FileName (ASimFileEventMicrosoft365D.yaml:108, :110); its
// process parser reads FolderPath as the full path (ASimProcessEventMicrosoft365D.yaml:68). defenderRecords writes
// FolderPath as the full path (assumption `defender-folderpath-full`) and PreviousFolderPath as the folder. These
// re-read its rows under one reading for both columns, so a test can ask whether a query's verdict depends on it.
import type { KqlRecord, KqlValue } from '../types.js';

/** The tables whose FolderPath is the file the row is about, outside the process tables (whose reading is assumed). */
const FILE_TABLES: ReadonlySet<string> = new Set(['DeviceFileEvents', 'DeviceImageLoadEvents', 'DeviceEvents']);

export type FolderPathReading = 'full' | 'folder';

/**
 * The rows under `reading`: `folder`, FolderPath the folder of the file (PreviousFolderPath is already); `full`,
 * PreviousFolderPath the old file's full path (FolderPath already is). A row of another table is left as it is.
 */
export function defenderFolderReading(records: readonly KqlRecord[], reading: FolderPathReading): KqlRecord[] {
  return records.map((r) => {
    if (!FILE_TABLES.has(r.table)) return r;
    const row = { ...r.row };
    if (reading === 'folder') row['FolderPath'] = folderOf(str(row['FolderPath']), str(row['FileName']));
    else if (str(row['PreviousFolderPath']) !== '') row['PreviousFolderPath'] = joined(str(row['PreviousFolderPath']), str(row['PreviousFileName']));
    return { ...r, row };
  });
}

/**
 * The folder of a full path whose last segment is `name`, as Windows names it: the path without the name and the
 * separator before it, but a root keeps its separators (`C:\`, `\`, `/`, the `\\` of a UNC path's start); a bare
 * name has none ("").
 */
export function folderOf(path: string, name: string): string {
  if (name === '' || !path.endsWith(name)) return path;
  const rest = path.slice(0, path.length - name.length);
  if (rest === '' || !(rest.endsWith('/') || rest.endsWith('\\'))) return rest;
  const folder = rest.slice(0, -1);
  return folder === '' || /[:/\\]$/.test(folder) ? rest : folder;
}

/** A folder and a name joined by the folder's own separator (`/` in a path that has one, else `\`), once. */
function joined(folder: string, name: string): string {
  return folder.endsWith('/') || folder.endsWith('\\') ? folder + name : `${folder}${folder.includes('/') ? '/' : '\\'}${name}`;
}

function str(v: KqlValue | undefined): string {
  return typeof v === 'string' ? v : '';
}
