// An output must never replace an input, nor land where the same inputs would read it on the next run
// (`convert -f sentinel -o rules/ rules/` would otherwise turn every rule into a Sentinel YAML).
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { UsageError } from './args.js';
import { RULE_FILE, STDIN } from './files.js';
import { globBase, globToRegExp, hasGlobMagic } from './glob.js';

/** The real path of `p`, following symlinks of the part that exists (outputs usually do not exist yet). */
function canonical(p: string): string {
  const abs = resolve(p);
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
  const out = canonical(resolve(cwd, output));
  for (const arg of inputs) {
    if (arg === STDIN) continue;
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      if (canonical(abs) === out) return arg;
    } else if (st?.isDirectory()) {
      const dir = canonical(abs);
      if (out === dir) return arg;
      if (isInside(out, dir) && accept.test(out) && !hasDotSegment(relative(dir, out))) return arg;
    } else if (hasGlobMagic(arg)) {
      // As discover() does: walk from the literal prefix, match the path as it would be displayed.
      const glob = toSlash(arg);
      const rawBase = globBase(glob);
      const rest = rawBase === '' ? glob : glob.slice(rawBase.length).replace(/^\/+/, '');
      const base = rawBase === '' ? '' : toSlash(normalize(rawBase));
      const re = globToRegExp(base === '' || base === '.' ? rest : `${base.replace(/\/$/, '')}/${rest}`);
      const root = canonical(resolve(cwd, base === '' ? '.' : base));
      if (!isInside(out, root)) continue;
      const rel = toSlash(relative(root, out));
      if (hasDotSegment(rel)) continue;
      const display = base === '' || base === '.' ? rel : `${base.replace(/\/$/, '')}/${rel}`;
      if (re.test(display)) return arg;
      // A glob naming folders reads every rule file below them.
      const segs = display.split('/');
      for (let i = 1; i < segs.length; i++) if (re.test(segs.slice(0, i).join('/')) && RULE_FILE.test(out)) return arg;
    }
  }
  return undefined;
}

/** Throws a usage error naming the first output that is, or would be read as, an input. */
export function refuseOutputsOverInputs(command: string, outputs: Iterable<string>, inputs: readonly string[], cwd: string, accept?: RegExp): void {
  for (const output of outputs) {
    const arg = inputReading(output, inputs, cwd, accept);
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
  const dir = canonical(resolve(cwd, folder));
  for (const file of inputFiles) {
    if (file === STDIN) continue;
    const abs = canonical(resolve(cwd, file));
    if (abs === dir || isInside(abs, dir)) throw new UsageError(`output folder ${folder} holds the input ${file}; write the site somewhere else`, command);
  }
  const arg = inputReading(join(folder, 'rules', 'rule', 'rule.yml'), inputs, cwd);
  if (arg !== undefined) throw new UsageError(`output folder ${folder} is inside the input ${arg}: its rule copies would be read as rules; write the site outside the input folders`, command);
}
