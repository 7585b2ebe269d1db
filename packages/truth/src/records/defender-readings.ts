// Defender's pages call FolderPath and PreviousFolderPath the "Folder containing the file" (advanced-hunting-
// devicefileevents-table.md:47, :54; the DeviceImageLoadEvents and DeviceEvents pages alike), and Microsoft's Defender
// file parser joins the file's path from FolderPath and FileName (ASimFileEventMicrosoft365D.yaml:108, :110); its
// process parser reads FolderPath as the full path (ASimProcessEventMicrosoft365D.yaml:68). defenderRecords writes
// FolderPath as the full path (assumption `defender-folderpath-full`) and PreviousFolderPath as the folder. These
// re-read its rows under one reading for both columns, so a test can ask whether a query's verdict depends on it; and
// the network rows in the spellings the DeviceNetworkEvents page leaves open (defenderNetworkReading).
import type { KqlRecord } from '../types.js';
import { assumption } from './assumptions.js';
import { text } from './windows.js';

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
    if (reading === 'folder') row['FolderPath'] = folderOf(text(row['FolderPath']), text(row['FileName']));
    else if (text(row['PreviousFolderPath']) !== '') row['PreviousFolderPath'] = joined(text(row['PreviousFolderPath']), text(row['PreviousFileName']));
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

/**
 * Which spellings the DeviceNetworkEvents rows use where Microsoft's page leaves the text open
 * (advanced-hunting-devicenetworkevents-table.md): `plain`, what `network` writes (RemoteUrl the host name, Protocol
 * Tcp/Udp, an IPv4 address dotted); `alternate`, as the page and Microsoft's Defender network parser also allow
 * (assumption `defender-network-alternate`).
 */
export type NetworkReading = 'plain' | 'alternate';

/**
 * The rows under `reading` (`alternate`: each DeviceNetworkEvents row rewritten; other rows left alone):
 * - RemoteUrl as a URL, "URL or fully qualified domain name (FQDN)" (:50): `http://` + host for remote port 80, else
 *   `https://` + host, the schemes the parser strips (ASimNetworkSessionMicrosoft365Defender.yaml:58). No path or port is
 *   added: the parser keeps those in the FQDN (:76), so a URL with one names another host there too.
 * - Protocol as the parser's case(Protocol startswith "Tcp", ...) (:64-68) implies Defender may write: a Tcp name that
 *   is not exactly Tcp (TcpV4 / TcpV6 here, names of our own: no source names one), and UDP upper case (toupper, :67).
 * - An IPv4 RemoteIP/LocalIP IPv4-mapped, ::ffff:a.b.c.d, with RemoteIPType/LocalIPType FourToSixMapping (:54-55).
 */
export function defenderNetworkReading(records: readonly KqlRecord[], reading: NetworkReading): KqlRecord[] {
  if (reading === 'plain') return [...records];
  assumption('defender-network-alternate');
  return records.map((r) => {
    if (r.table !== 'DeviceNetworkEvents') return r;
    const row = { ...r.row };
    const url = typeof row['RemoteUrl'] === 'string' ? row['RemoteUrl'] : '';
    if (url !== '') row['RemoteUrl'] = `${row['RemotePort'] === 80 ? 'http' : 'https'}://${url}`;
    const remote = typeof row['RemoteIP'] === 'string' ? row['RemoteIP'] : '';
    if (row['Protocol'] === 'Tcp') row['Protocol'] = remote.includes(':') ? 'TcpV6' : 'TcpV4';
    else if (row['Protocol'] === 'Udp') row['Protocol'] = 'UDP';
    for (const side of ['Remote', 'Local']) {
      const ip = row[`${side}IP`];
      if (typeof ip === 'string' && /^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
        row[`${side}IP`] = `::ffff:${ip}`;
        row[`${side}IPType`] = 'FourToSixMapping';
      }
    }
    return { ...r, row };
  });
}
