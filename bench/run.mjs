// `pnpm bench`: runs every packages/*/bench/*.bench.mjs and bench/*.bench.mjs against the built packages, one process each
// (so each gets its own peak-memory figure), and ends with a table of their `BENCH name: value unit` lines and the
// machine's load average (printed before each script too). Arguments filter the scripts: `node bench/run.mjs process`.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const files = readdirSync(join(root, 'packages'))
  .flatMap((pkg) => {
    const dir = join(root, 'packages', pkg, 'bench');
    return existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith('.bench.mjs')).map((f) => join(dir, f))
      : [];
  })
  .concat(readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.mjs')).map((f) => join(root, 'bench', f)))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results = [];
let failed = 0;
for (const file of files) {
  const rel = file.slice(root.length);
  console.log(`\n=== ${rel} (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  const r = spawnSync(process.execPath, ['--expose-gc', file], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) {
    failed++;
    console.log(`!!! ${rel} exited with ${r.status}`);
  }
  for (const line of r.stdout.split('\n')) {
    const m = /^BENCH ([^:]+): (\S+) ?(.*)$/.exec(line.trim());
    if (m) results.push({ name: m[1], value: m[2], unit: m[3] });
  }
}
console.log('\n=== summary');
const width = Math.max(10, ...results.map((r) => r.name.length));
for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.value.padStart(12)} ${r.unit}`);
// Wall-time figures follow the machine's load (the shared VM runs other work): print it with the figures.
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1, 5, 15 min)`);
process.exit(failed > 0 ? 1 : 0);
