// Cold start of the built binary: `sigmats convert -t splunk <one rule>`, run N times in fresh processes.
// Prints `BENCH cli.coldstart_ms: <median> ms`, plus the bare `node -e 0` start for context.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const bin = join(here, '..', 'dist', 'bin.js');
const rule = join(root, 'rules', 't1219_remote_access_tools', 'proc_creation_win_remote_access_tool_execution.yml');
const runs = Number(process.env.SIGMATS_BENCH_RUNS ?? 15);

if (!existsSync(bin)) {
  console.error(`missing ${bin}: build first (cd packages/cli && npx tsup)`);
  process.exit(1);
}

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`exit ${r.status}: ${r.stderr}`);
      process.exit(1);
    }
    if (i > 0) samples.push(ms); // the first run warms the OS file cache
  }
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], min: samples[0], max: samples[samples.length - 1] };
}

const node = time(['-e', '0']);
const cli = time([bin, 'convert', '-t', 'splunk', rule]);
console.log(`node -e 0: median ${node.median.toFixed(1)} ms (min ${node.min.toFixed(1)}, max ${node.max.toFixed(1)}), ${runs} runs`);
console.log(`sigmats convert -t splunk <1 rule>: median ${cli.median.toFixed(1)} ms (min ${cli.min.toFixed(1)}, max ${cli.max.toFixed(1)}), ${runs} runs`);
console.log(`BENCH cli.coldstart_ms: ${cli.median.toFixed(1)} ms`);
console.log(`BENCH cli.coldstart_over_node_ms: ${(cli.median - node.median).toFixed(1)} ms`);
