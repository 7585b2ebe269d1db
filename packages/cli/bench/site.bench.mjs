// The detection-content site for the whole SigmaHQ rules folder through the built binary: `sigmats variants
// --format html` (3,141 rules x 5 platforms), its time (median of 3 cold processes, with the machine's load), the
// site's size, and a link check over every generated page. Prints `BENCH cli.site_html_s` and friends.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preloadFile, STDERR_RESOURCE_PROBE, tempDir } from '../../../bench/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const bin = join(here, '..', 'dist', 'bin.cjs');
const corpus = process.env.SIGMAHQ_DIR ?? join(root, '..', 'shared', 'sigmahq');
const rules = join(corpus, 'rules');
if (!existsSync(bin) || !existsSync(rules)) {
  console.error(`needs ${bin} (build first) and the SigmaHQ corpus at ${corpus}`);
  process.exit(1);
}

const PROBE = preloadFile(STDERR_RESOURCE_PROBE);

function size(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const s = size(p);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += statSync(p).size;
      files++;
    }
  }
  return { bytes, files };
}

function once() {
  const out = tempDir('sigmats-site-bench-');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', PROBE, bin, 'variants', '--format', 'html', '-o', out, rules], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const [, rss, cpu] = /PROBE (\d+) (\d+)/.exec(r.stderr) ?? [];
  const line = /wrote (\d+) pages for (\d+) rules/.exec(r.stderr);
  if (!line) {
    console.error(r.stderr.slice(-2000));
    process.exit(1);
  }
  return { out, ms, cpuMs: Number(cpu) / 1000, rssMb: Number(rss) / 1024, pages: Number(line[1]), rules: Number(line[2]) };
}

const load = loadavg()[0].toFixed(2);
const runs = [once(), once(), once()].sort((a, b) => a.ms - b.ms);
const mid = runs[1];
const { bytes, files } = size(mid.out);
const { checkLinks } = await import(join(here, '..', 'dist', 'variants', 'link-check.js')).catch(() => ({ checkLinks: undefined }));
let links = 'link check: not in the build';
if (checkLinks) {
  const report = checkLinks(mid.out);
  links = `link check: ${report.links} internal links in ${report.pages} pages, ${report.broken.length} broken`;
  console.log(`BENCH cli.site_broken_links: ${report.broken.length}`);
}
for (const r of runs) rmSync(r.out, { recursive: true, force: true });
console.log(`variants --format html over ${mid.rules} rules: ${mid.pages} pages, ${files} files, ${(bytes / 1048576).toFixed(0)} MB; ${mid.ms.toFixed(0)} ms wall (median of 3: ${runs.map((r) => r.ms.toFixed(0)).join(', ')}), ${mid.cpuMs.toFixed(0)} ms CPU, peak RSS ${mid.rssMb.toFixed(0)} MB; load ${load}; ${links}`);
console.log(`BENCH cli.site_html_s: ${(mid.ms / 1000).toFixed(2)} s`);
console.log(`BENCH cli.site_html_mb: ${(bytes / 1048576).toFixed(0)} MB`);
console.log(`BENCH cli.site_html_peak_rss_mb: ${mid.rssMb.toFixed(0)} MB`);
