// Helpers shared by the benchmark scripts: where the SigmaHQ corpus is, peak-memory sampling, the probe preloaded
// into the Node children they time, and a median.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';

/** The SigmaHQ corpus: $SIGMAHQ_DIR, else ../shared/sigmahq beside the repository. */
export function sigmahqDir() {
  return process.env.SIGMAHQ_DIR ?? resolve(fileURLToPath(new URL('../../shared/sigmahq', import.meta.url)));
}

/** Sorted rule files (*.yml, *.yaml) under a corpus folder; exits with a message when the corpus is missing. */
export function ruleFiles(subdir = 'rules') {
  const dir = join(sigmahqDir(), subdir);
  if (!existsSync(dir)) {
    console.error(`SigmaHQ corpus not found at ${dir}: set SIGMAHQ_DIR`);
    process.exit(1);
  }
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(n)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Peak resident memory: call `sample()` at interesting points; `peakMb()` also includes the OS's maxRSS. */
export function rssSampler() {
  let rss = process.memoryUsage().rss;
  return {
    sample() {
      rss = Math.max(rss, process.memoryUsage().rss);
    },
    peakMb() {
      return Math.max(rss / 1048576, resourceUsage().maxRSS / 1024);
    },
  };
}

const tempDirs = [];
/**
 * A new folder `<os.tmpdir()>/<prefix>XXXXXX`, removed when this process exits however it does: at the end, at the
 * process.exit() with which a script gives up on a failed run (a `finally` is then skipped), on an uncaught error, or
 * on SIGINT or SIGTERM (which end a process without its exit handlers unless it listens for them). A script may
 * remove it earlier itself.
 */
export function tempDir(prefix) {
  if (tempDirs.length === 0) {
    process.on('exit', () => {
      for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    });
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * A file holding `source`, for a Node child to preload with `--require` (a probe that reports the child's own CPU time
 * and memory at exit), removed when this process exits. CommonJS, not an ES module preloaded with --import: that
 * starts Node's ES module loader in the child (about 8 ms), which `sigmats` (a CommonJS command) and `node -e 0` do
 * not otherwise pay for (BENCHMARKS.md, round 11).
 */
export function preloadFile(source) {
  const dir = tempDir('sigmats-bench-probe-');
  const file = join(dir, 'probe.cjs');
  writeFileSync(file, source);
  return file;
}

/**
 * A probe (preloadFile) that writes `PROBE <peak RSS in KB> <CPU time in µs>` at exit to the file BENCH_PROBE_FILE
 * names (not to stderr: a write to a full, non-blocking stderr pipe fails with EAGAIN at exit). Read it back with
 * readResourceProbe.
 */
export const FILE_RESOURCE_PROBE =
  "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_PROBE_FILE, `PROBE ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\\n`); });";

/** What a FILE_RESOURCE_PROBE (or a Python child writing the same line) left in `file`; undefined if nothing. */
export function readResourceProbe(file) {
  const [, rss, cpu] = /PROBE (\d+) (\d+)/.exec(existsSync(file) ? readFileSync(file, 'utf8') : '') ?? [];
  return rss === undefined ? undefined : { rssMb: Number(rss) / 1024, cpuMs: Number(cpu) / 1000 };
}

/** A probe (preloadFile) that writes `PROBE <peak RSS in KB> <CPU time in µs>` on the child's stderr at exit. */
export const STDERR_RESOURCE_PROBE =
  "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, `\\nPROBE ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\\n`); });";

/** The median of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * `command` (a program and its arguments) with `file`'s bytes piped to its stdin through `cat`, as `cat FILE |
 * sigmats ...` gives it (a pipe, whose length the child cannot know): the program and arguments spawnSync takes.
 */
export function pipedFrom(file, command) {
  const quote = (a) => `'${a.replaceAll("'", `'\\''`)}'`;
  return ['/bin/sh', ['-c', `cat ${quote(file)} | exec ${command.map(quote).join(' ')}`]];
}
