import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** Folders writeFileAtomic has made (or found) in this process. */
const madeDirs = new Set<string>();

/** Temporary files being written: removed if the process is interrupted before their rename. */
const pending = new Set<string>();

/** A temporary file of this process's own (an NDJSON spool): removed on an interrupt unless untracked first. */
export function trackTemporary(path: string): void {
  pending.add(path);
}

export function untrackTemporary(path: string): void {
  pending.delete(path);
}

/** Remove temporary files left by writes an interrupt cut short (bin.ts calls it on SIGINT, SIGTERM and exit). */
export function removePendingTemporaries(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

/**
 * Write a file atomically: a temporary file in the same directory, then a rename, so readers never see a
 * half-written output and a crash leaves the previous version in place.
 */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(path);
  // One mkdir per folder, not per file (-t all -o DIR writes 10,819 files into 4 folders).
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  pending.add(tmp);
  try {
    try {
      writeFileSync(tmp, content);
    } catch (err) {
      // The folder was removed since this process made it: make it again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, content);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * A file the user named (`convert -o FILE`, `--junit`, `--sarif`, `analyze -o`): written atomically unless the path
 * is something other than a regular file or a folder, after symbolic links: a device (`/dev/null`, a terminal), a
 * pipe (`/dev/stdout` when piped, a FIFO) or a socket. Those are written into, as a shell's `>` would: a rename
 * would put a regular file in their place (as root, `-o /dev/null` replaced the machine's /dev/null with a file).
 */
export function tryWriteOutputFile(path: string, content: string): string | undefined {
  let special = false;
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    special = st !== undefined && !st.isFile() && !st.isDirectory();
  } catch {
    // Not there or not reachable: the atomic write makes it, or says why it cannot.
  }
  return tryWrite(path, () => (special ? writeFileSync(path, content) : writeFileAtomic(path, content)));
}

/** A file name from a rule file name: the base name without its YAML extension. */
export function stem(file: string): string {
  const base = file === '-' ? 'stdin' : basename(file.replace(/\\/g, '/'));
  return base.replace(/\.ya?ml$/i, '') || 'rule';
}

/**
 * Output names for source files: the rule file stem, made unique by prefixing the parent folder when two
 * source files share a name, and a counter as a last resort.
 */
export function uniqueStems(files: readonly string[]): Map<string, string> {
  const byStem = new Map<string, string[]>();
  for (const f of files) {
    const s = stem(f);
    byStem.set(s, [...(byStem.get(s) ?? []), f]);
  }
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const f of files) {
    let name = stem(f);
    if ((byStem.get(name)?.length ?? 0) > 1) {
      const parent = basename(dirname(f.replace(/\\/g, '/')));
      if (parent && parent !== '.' && parent !== '/') name = `${parent}-${name}`;
    }
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name}-${n}`;
    used.add(candidate);
    out.set(f, candidate);
  }
  return out;
}

/** writeFileAtomic, turning a failure (permissions, disk full, a file where a folder should be) into a coded message. */
export function tryWriteFileAtomic(path: string, content: string): string | undefined {
  return tryWrite(path, () => writeFileAtomic(path, content));
}

/** Runs a write of `path`; a failure becomes its coded message. */
function tryWrite(path: string, write: () => void): string | undefined {
  try {
    write();
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `io/write-failed: cannot write ${path}: ${e.code ?? e.message}`;
  }
}
