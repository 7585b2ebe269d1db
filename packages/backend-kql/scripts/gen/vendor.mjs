// Reading the Microsoft snapshot: where it is, its files as lines, and Markdown pipe tables with line numbers.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO = resolve(PACKAGE, '../..');

/** The Microsoft vendor folder: $SIGMATS_VENDOR_DIR/microsoft, else ../shared/vendor/microsoft beside the repo. */
export function microsoftDir() {
  const base = process.env.SIGMATS_VENDOR_DIR ?? resolve(REPO, '../shared/vendor');
  const dir = join(base, 'microsoft');
  return existsSync(join(dir, 'SOURCE.md')) ? dir : undefined;
}

/** A vendor file's lines (CRLF tolerated: one snapshot file has them). */
export function lines(dir, rel) {
  return readFileSync(join(dir, rel), 'utf8').split(/\r?\n/);
}

/** Cells of a Markdown table row `| a | b |` (trimmed), or undefined for a non-row. */
export function cells(line) {
  const t = line.trim();
  if (!t.startsWith('|')) return undefined;
  const inner = t.endsWith('|') ? t.slice(1, -1) : t.slice(1);
  return inner.split('|').map((c) => c.trim());
}

/** Every pipe table of a file: header cells (lower-cased, markup stripped) and rows with their 1-based line. */
export function tables(fileLines) {
  const out = [];
  let i = 0;
  while (i < fileLines.length) {
    const head = cells(fileLines[i]);
    const sep = i + 1 < fileLines.length ? cells(fileLines[i + 1]) : undefined;
    if (head && sep && sep.every((c) => /^:?-{2,}:?$/.test(c) || c === '')) {
      const rows = [];
      let j = i + 2;
      for (; j < fileLines.length; j++) {
        // A row missing its leading pipe (a typo in one ASIM page) is still a row when it has the table's cells.
        const line = fileLines[j];
        const r = cells(line) ?? (line.split('|').length >= head.length ? cells(`|${line}`) : undefined);
        if (!r) break;
        rows.push({ cells: r, line: j + 1 });
      }
      out.push({ header: head.map((h) => plain(h).toLowerCase()), line: i + 1, rows });
      i = j;
    } else i++;
  }
  return out;
}

/** Cell text without Markdown markup: anchors, bold, code ticks. */
export function plain(cell) {
  return cell
    .replace(/<a name=[^>]*><\/a>/g, '')
    .replace(/\*\*/g, '')
    .replace(/`/g, '')
    .trim();
}
