import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KqlType } from '../types.js';

/**
 * The shared vendor snapshot (`/work/shared/vendor`): `$SIGMATS_VENDOR_DIR`, else `../shared/vendor` beside the
 * repository root. The truth package only runs where that folder exists, so its absence is an error with a clear
 * message, not a silent empty answer.
 */
export function vendorDir(): string {
  const found = vendorCandidate();
  // Said here, once, rather than as a bare ENOENT from whichever vendor file is read first.
  if (found === undefined || !existsSync(found)) throw new Error(`vendor snapshot not found${found ? ` at ${found}` : ''}: set SIGMATS_VENDOR_DIR to the shared vendor folder`);
  return found;
}

function vendorCandidate(): string | undefined {
  const fromEnv = process.env['SIGMATS_VENDOR_DIR'];
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  // Walk up to the workspace root (the folder holding pnpm-workspace.yaml); works from src/ and dist/.
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return resolve(dir, '..', 'shared', 'vendor');
    dir = dirname(dir);
  }
  return undefined;
}

export function vendorAvailable(): boolean {
  try {
    return existsSync(join(vendorDir(), 'microsoft', 'SOURCE.md'));
  } catch {
    return false;
  }
}

const cache = new Map<string, string>();

/** A vendor file's text by its path under the vendor folder (cached: the files are read-only). */
export function vendorFile(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    const full = join(vendorDir(), path);
    if (!existsSync(full)) throw new Error(`vendor file missing: ${full}`);
    text = readFileSync(full, 'utf8');
    cache.set(path, text);
  }
  return text;
}

/** One row of a markdown table with the 1-based line it sits on (for citations). */
export interface MarkdownRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Splits a markdown table row on unescaped `|` (`\|` stays a literal bar inside a cell). */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && body[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/** The body rows of every markdown table whose header row satisfies `header`. */
export function markdownTables(text: string, header: (cells: readonly string[]) => boolean): MarkdownRow[] {
  const lines = text.split(/\r?\n/);
  const out: MarkdownRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|') || !header(splitRow(lines[i]!))) continue;
    let j = i + 1;
    if (j < lines.length && /^\s*\|[\s:|-]+\|?\s*$/.test(lines[j]!)) j++;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) out.push({ cells: splitRow(lines[j]!), line: j + 1 });
    i = j - 1;
  }
  return out;
}

/** Documented Kusto type names (as the pages spell them) -> the Kusto scalar type. */
export function kqlTypeOf(doc: string): KqlType | undefined {
  const t = doc.replace(/[`*]/g, '').trim().toLowerCase();
  switch (t) {
    case 'string':
    case 'guid':
      return t === 'guid' ? 'guid' : 'string';
    case 'int':
    case 'integer':
      return 'int';
    case 'long':
      return 'long';
    case 'real':
    case 'double':
      return 'real';
    case 'bool':
    case 'boolean':
      return 'bool';
    case 'datetime':
    case 'date/time':
      return 'datetime';
    case 'dynamic':
      return 'dynamic';
    default:
      return undefined;
  }
}

/** A documented column: name, type and the file/line that documents it. */
export interface DocumentedColumn {
  readonly name: string;
  readonly type: KqlType;
  readonly file: string;
  readonly line: number;
}

/**
 * Reads the column table of a Microsoft table page: Defender XDR pages (`| Column name | Data type | ... |` with
 * back-quoted cells) and Azure Monitor includes (`| Column | Type | Description |`).
 */
export function documentedColumns(file: string): DocumentedColumn[] {
  const rows = markdownTables(vendorFile(file), (cells) => /^column( name)?$/i.test(cells[0] ?? '') && /type/i.test(cells[1] ?? ''));
  const out: DocumentedColumn[] = [];
  for (const r of rows) {
    const name = (r.cells[0] ?? '').replace(/[`*]/g, '').trim();
    const type = kqlTypeOf(r.cells[1] ?? '');
    if (name && type) out.push({ name, type, file, line: r.line });
  }
  return out;
}
