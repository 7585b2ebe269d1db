// The platform-truth differential over the whole corpus (every SigmaHQ rules* folder and our rules, every platform)
// through the built `truth` command: its table, its closing line, and the time it takes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error(`missing ${cli}: build first`);
  process.exit(1);
}
const load = loadavg()[0].toFixed(2);
const t0 = process.hrtime.bigint();
const r = spawnSync(process.execPath, [cli, '--show', '0'], { encoding: 'utf8', maxBuffer: 1 << 28 });
const s = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(r.stdout);
const m = /^truth: (\d+) proven, (\d+) disagree, (\d+) refused$/m.exec(r.stdout);
if (!m) {
  console.error(r.stderr.slice(-3000));
  process.exit(1);
}
console.log(`truth over the whole corpus: ${s.toFixed(1)} s wall (load ${load})`);
console.log(`BENCH truth.proven: ${m[1]} rules x platforms`);
console.log(`BENCH truth.disagree: ${m[2]} rules x platforms`);
console.log(`BENCH truth.refused: ${m[3]} rules x platforms`);
console.log(`BENCH truth.corpus_s: ${s.toFixed(1)} s`);
