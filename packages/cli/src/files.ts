import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import { trimTrailing } from '@sigmats/core';
import { globBase, globToRegExp, hasGlobMagic } from './glob.js';

export const STDIN = '-';
export const RULE_FILE = /\.ya?ml$/i;

export interface Discovery {
  /** Paths as the user sees them (relative to cwd when given relative), in a stable order, deduplicated; `-` for stdin. */
  readonly files: string[];
  /** Arguments that named nothing. */
  readonly missing: string[];
}

function toSlash(p: string): string {
  return sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/**
 * Every matching file below `dir` (display path), skipping dot entries, symlink loops tolerated. A directory
 * for which `wholeDir` holds (a glob such as `rules*` naming folders) contributes all its rule files.
 */
function walk(
  dir: string,
  cwd: string,
  accept: (path: string) => boolean,
  out: string[],
  seen: Set<string>,
  wholeDir?: (path: string) => boolean,
  ruleFile?: (path: string) => boolean,
): void {
  // A folder is walked once however it is reached (links to it, link loops): known by its device and inode, one
  // stat, where its resolved name (realpathSync) took an lstat per component of the path. A file system without
  // inode numbers (0) falls back to the resolved name.
  const abs = resolve(cwd, dir);
  let id: string;
  try {
    const st = statSync(abs, { bigint: true });
    id = st.ino !== 0n ? `${st.dev}:${st.ino}` : realpathSync(abs);
  } catch {
    return;
  }
  if (seen.has(id)) return;
  seen.add(id);
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // An entry's path is what join() makes of dir and its name: on POSIX, dir normalised once and the name appended
  // (a name from readdir holds no separator and is never . or ..). join() per entry, which normalises the whole
  // path again, was a quarter of discovering SigmaHQ's rules (15 of 58 ms in a profile).
  const norm = sep === '/' && dir !== '' && dir !== '.' ? normalize(dir) : undefined;
  const prefix = norm === undefined || norm === '.' ? undefined : norm.endsWith('/') ? norm : `${norm}/`;
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = prefix !== undefined ? prefix + e.name : dir === '' || dir === '.' || norm === '.' ? e.name : toSlash(join(dir, e.name));
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = statSync(resolve(cwd, path));
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir && wholeDir?.(path)) walk(path, cwd, ruleFile ?? ((p) => RULE_FILE.test(p)), out, seen);
    else if (isDir) walk(path, cwd, accept, out, seen, wholeDir, ruleFile);
    else if (isFile && accept(path)) out.push(path);
  }
}

/**
 * Expand CLI path arguments: files as given (any extension), folders recursively (*.yml, *.yaml),
 * globs (matched against the path as written), and `-` for stdin.
 */
export function discover(args: readonly string[], cwd: string, accept: RegExp = RULE_FILE): Discovery {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  // Repeats come only from different arguments naming the same file: one walk gives each file once (each folder is
  // walked once, and its entries have distinct names). So one argument needs no resolved name per file, which was
  // a third of discovering SigmaHQ's rules/ (resolve(): 17 of 45 ms in a profile of `check`).
  const single = args.length === 1;
  const add = (p: string): void => {
    if (single) {
      files.push(p);
      return;
    }
    const key = p === STDIN ? STDIN : resolve(cwd, p);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(p);
  };
  for (const arg of args) {
    if (arg === STDIN) {
      add(STDIN);
      continue;
    }
    // An empty argument names no file (as for ls or cat): resolved against the working directory it would read as
    // that directory, and trimmed of slashes below as the root, so that `check "" rules/` walked the whole disk.
    if (arg === '') {
      missing.push(arg);
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, arg));
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      add(arg);
    } else if (st?.isDirectory()) {
      const found: string[] = [];
      walk(trimTrailing(toSlash(arg), '/') || '/', cwd, (p) => accept.test(p), found, new Set());
      found.forEach(add);
    } else if (hasGlobMagic(arg)) {
      // Walk from the literal prefix, normalised the way walk() builds paths (`a/../b` → `b`).
      const glob = toSlash(arg);
      const rawBase = globBase(glob);
      const rest = rawBase === '' ? glob : glob.slice(rawBase.length).replace(/^\/+/, '');
      const base = rawBase === '' ? '' : toSlash(normalize(rawBase));
      const re = globToRegExp(base === '' || base === '.' ? rest : `${base.replace(/\/$/, '')}/${rest}`);
      const found: string[] = [];
      // A glob such as rules/** also matches README.md and fixtures/*.json: only rule files (accept) are inputs.
      walk(base === '' ? '.' : base, cwd, (p) => re.test(p) && accept.test(p), found, new Set(), (p) => re.test(p), (p) => accept.test(p));
      if (found.length === 0) missing.push(arg);
      found.forEach(add);
    } else {
      missing.push(arg);
    }
  }
  return { files, missing };
}

/** File bytes, or the reason they could not be read. */
export function readBytes(path: string, cwd: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  try {
    return { ok: true, bytes: readFileSync(resolve(cwd, path)) };
  } catch (err) {
    return { ok: false, message: readFailure(err) };
  }
}

/**
 * A file read and decoded as UTF-8 in one native call (Node's readFileSync with 'utf8'), every invalid sequence
 * replaced by U+FFFD and a byte order mark kept: load.ts readSourceSync decides what such a text means.
 */
export function readUtf8(path: string, cwd: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: readFileSync(resolve(cwd, path), 'utf8') };
  } catch (err) {
    return { ok: false, message: readFailure(err) };
  }
}

function readFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return `cannot read file: ${e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EISDIR' ? 'is a directory' : (e.code ?? e.message)}`;
}
