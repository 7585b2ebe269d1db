// Helpers shared by the benchmark scripts: where the SigmaHQ corpus is, and peak-memory sampling.
import { existsSync, readdirSync, statSync } from 'node:fs';
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
