// An output must never replace an input, nor land where the same inputs would read it on the next run
// (`convert -f sentinel -o rules/ rules/` would otherwise turn every rule into a Sentinel YAML).
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { UsageError } from './args.js';
import { RULE_FILE, STDIN } from './files.js';
import { globBase, globToRegExp, hasGlobMagic } from './glob.js';

/**
 * The real path of `p`, following symlinks of the part that exists (outputs usually do not exist yet). `folders`
 * remembers the real paths of folders already resolved, for a series of checks made while nothing is written: a path
 * that is not itself a symlink is its folder's real path joined with its name, so each output of a plan costs one
 * `lstat` instead of one per component of its path and of every input (`-t all -o DIR` over SigmaHQ's rules made
 * about 150,000 `statx` calls in the plan's checks, BENCHMARKS.md, round 17).
 */
export function canonical(p: string, folders?: Map<string, string>): string {
  const abs = resolve(p);
  if (folders === undefined) return realOrUp(abs);
  const up = dirname(abs);
  if (up === abs) return realOrUp(abs);
  let link = false;
  try {
    link = lstatSync(abs).isSymbolicLink();
  } catch {
    // Absent (or unreadable): as realOrUp, its folder's real path and its name.
  }
  if (link) {
    try {
      return realpathSync(abs);
    } catch {
      // A dangling link: as realOrUp, its folder's real path and its name.
    }
  }
  let folder = folders.get(up);
  if (folder === undefined) folders.set(up, (folder = canonical(up, folders)));
  return join(folder, basename(abs));
}

/** The real path of the longest part of `abs` that resolves, joined with the rest. */
function realOrUp(abs: string): string {
  const tail: string[] = [];
  let head = abs;
  for (;;) {
    try {
      return tail.length === 0 ? realpathSync(head) : join(realpathSync(head), ...tail.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      tail.push(basename(head));
      head = up;
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}

const toSlash = (p: string): string => (sep === '\\' ? p.replace(/\\/g, '/') : p);

/** Discovery skips dot entries: a path with a `.name` segment below the walked folder is never read. */
const hasDotSegment = (rel: string): boolean => toSlash(rel).split('/').some((s) => s.startsWith('.'));

/**
 * The input argument that reads `output` (it is that file, or a folder or glob argument would find it), or
 * undefined. `accept` is what a folder argument reads (rule files by default).
 */
export function inputReading(output: string, inputs: readonly string[], cwd: string, accept: RegExp = RULE_FILE): string | undefined {
  return inputReader(inputs, cwd, accept)(output);
}

/** What an input argument reads, found once for a series of outputs. */
type InputCheck =
  | { readonly kind: 'file'; readonly arg: string; readonly real: string }
  | { readonly kind: 'folder'; readonly arg: string; readonly real: string }
  | { readonly kind: 'glob'; readonly arg: string; readonly base: string; readonly re: RegExp; readonly root: string };

/**
 * inputReading for many outputs against the same inputs, while nothing is written: each input is looked at once, and
 * the real paths of folders are remembered (canonical).
 */
export function inputReader(inputs: readonly string[], cwd: string, accept: RegExp = RULE_FILE): (output: string) => string | undefined {
  const folders = new Map<string, string>();
  const checks: InputCheck[] = [];
  for (const arg of inputs) {
    if (arg === STDIN) continue;
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) checks.push({ kind: 'file', arg, real: canonical(abs, folders) });
    else if (st?.isDirectory()) checks.push({ kind: 'folder', arg, real: canonical(abs, folders) });
    else if (hasGlobMagic(arg)) {
      // As discover() does: walk from the literal prefix, match the path as it would be displayed.
      const glob = toSlash(arg);
      const rawBase = globBase(glob);
      const rest = rawBase === '' ? glob : glob.slice(rawBase.length).replace(/^\/+/, '');
      const base = rawBase === '' ? '' : toSlash(normalize(rawBase));
      const re = globToRegExp(base === '' || base === '.' ? rest : `${base.replace(/\/$/, '')}/${rest}`);
      checks.push({ kind: 'glob', arg, base, re, root: canonical(resolve(cwd, base === '' ? '.' : base), folders) });
    }
  }
  return (output) => {
    const out = canonical(resolve(cwd, output), folders);
    for (const c of checks) {
      if (c.kind === 'file') {
        if (c.real === out) return c.arg;
      } else if (c.kind === 'folder') {
        if (out === c.real) return c.arg;
        if (isInside(out, c.real) && accept.test(out) && !hasDotSegment(relative(c.real, out))) return c.arg;
      } else {
        if (!isInside(out, c.root)) continue;
        const rel = toSlash(relative(c.root, out));
        if (hasDotSegment(rel)) continue;
        const display = c.base === '' || c.base === '.' ? rel : `${c.base.replace(/\/$/, '')}/${rel}`;
        if (c.re.test(display)) return c.arg;
        // A glob naming folders reads every rule file below them.
        const segs = display.split('/');
        for (let i = 1; i < segs.length; i++) if (c.re.test(segs.slice(0, i).join('/')) && RULE_FILE.test(out)) return c.arg;
      }
    }
    return undefined;
  };
}

/** Throws a usage error naming the first output that is, or would be read as, an input. */
export function refuseOutputsOverInputs(command: string, outputs: Iterable<string>, inputs: readonly string[], cwd: string, accept?: RegExp): void {
  const reading = inputReader(inputs, cwd, accept);
  for (const output of outputs) {
    const arg = reading(output);
    if (arg === undefined) continue;
    const same = canonical(resolve(cwd, output)) === canonical(resolve(cwd, arg));
    throw new UsageError(
      same
        ? `output ${output} is an input (${arg}); write it somewhere else`
        : `output ${output} would be read as an input (by ${arg}); write it outside the input folders or use another extension`,
      command,
    );
  }
}

/**
 * A folder an output command fills (the variants site) must neither hold an input file, which it could overwrite,
 * nor lie where the inputs would read what it writes: the site carries copies of the rules (`rules/<stem>/*.yml`), and
 * a site inside a rule folder would add every rule a second time on the next run.
 */
export function refuseFolderOverInputs(command: string, folder: string, inputs: readonly string[], inputFiles: readonly string[], cwd: string): void {
  const folders = new Map<string, string>();
  const dir = canonical(resolve(cwd, folder), folders);
  for (const file of inputFiles) {
    if (file === STDIN) continue;
    const abs = canonical(resolve(cwd, file), folders);
    if (abs === dir || isInside(abs, dir)) throw new UsageError(`output folder ${folder} holds the input ${file}; write the site somewhere else`, command);
  }
  const arg = inputReading(join(folder, 'rules', 'rule', 'rule.yml'), inputs, cwd);
  if (arg !== undefined) throw new UsageError(`output folder ${folder} is inside the input ${arg}: its rule copies would be read as rules; write the site outside the input folders`, command);
}
