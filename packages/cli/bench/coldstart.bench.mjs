// Cold start of the built binary: `sigmats convert -t splunk <one rule>`, run N times in fresh processes.
// Prints `BENCH cli.coldstart_ms: <median> ms`, plus the bare `node -e 0` start for context, and the CPU time
// (user + system) of the process, which a busy machine inflates far less than wall time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preloadFile } from '../../../bench/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const bin = join(here, '..', 'dist', 'bin.cjs');
const rule = join(root, 'rules', 't1219_remote_access_tools', 'proc_creation_win_remote_access_tool_execution.yml');
const runs = Number(process.env.SIGMATS_BENCH_RUNS ?? 15);

if (!existsSync(bin)) {
  console.error(`missing ${bin}: build first (cd packages/cli && npx tsup)`);
  process.exit(1);
}

// Preloaded into the child: prints its own CPU time at exit (process.cpuUsage covers the whole process).
const CPU_PROBE = preloadFile("process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, `\\nCPU_US ${u.user + u.system}\\n`); });");

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function time(args) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', CPU_PROBE, ...args], { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`exit ${r.status}: ${r.stderr}`);
      process.exit(1);
    }
    if (i === 0) continue; // the first run warms the OS file cache
    wall.push(ms);
    cpu.push(Number(/CPU_US (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000);
  }
  return { median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(cpu) };
}

const node = time(['-e', '0']);
const cli = time([bin, 'convert', '-t', 'splunk', rule]);
console.log(`node -e 0: median ${node.median.toFixed(1)} ms wall (min ${node.min.toFixed(1)}, max ${node.max.toFixed(1)}), ${node.cpu.toFixed(1)} ms CPU, ${runs} runs`);
console.log(`sigmats convert -t splunk <1 rule>: median ${cli.median.toFixed(1)} ms wall (min ${cli.min.toFixed(1)}, max ${cli.max.toFixed(1)}), ${cli.cpu.toFixed(1)} ms CPU, ${runs} runs`);
console.log(`BENCH cli.coldstart_ms: ${cli.median.toFixed(1)} ms`);
console.log(`BENCH cli.coldstart_over_node_ms: ${(cli.median - node.median).toFixed(1)} ms`);
console.log(`BENCH cli.coldstart_cpu_ms: ${cli.cpu.toFixed(1)} ms`);
