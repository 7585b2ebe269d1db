// A/B timing of whole processes, for comparing two builds or two V8 settings on this shared machine: the variants
// run alternately (A, B, A, B, ...), so a change in the machine's load touches both alike; each variant's figures are
// medians and ranges over its runs, and the ratio B/A is taken per round. CPU is the child's own user + system time
// (process.resourceUsage() at exit, through a preloaded probe), peak RSS its maxRSS. The load average is printed
// with the figures. Not part of `pnpm bench` (its name does not end in .bench.mjs).
//
//   node bench/ab.mjs [--runs N] -- <label>=<node args...> -- <label>=<node args...> [-- ...]
//   e.g. node bench/ab.mjs --runs 7 -- old=/tmp/old/bin.js convert -t splunk R -- new=packages/cli/dist/bin.cjs convert -t splunk R
// Arguments of each variant are split on spaces; `{out}` is replaced by a fresh temporary folder (removed after), and
// `<PATH` pipes the file's bytes to the child's stdin through `cat` (a pipe, as `cat PATH | sigmats ...` gives),
// `<=PATH` makes the file itself the child's stdin (as `sigmats ... < PATH` does), and
// leading `NAME=VALUE` arguments are set in the child's environment.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pipedFrom, preloadFile, tempDir } from './lib.mjs';

const argv = process.argv.slice(2);
let runs = 5;
if (argv[0] === '--runs') {
  runs = Number(argv[1]);
  argv.splice(0, 2);
}
const variants = argv
  .join(' ')
  .split(/\s+--\s+|^--\s+/)
  .map((s) => s.trim())
  .filter((s) => s !== '')
  .map((s) => {
    const eq = s.indexOf('=');
    return { label: s.slice(0, eq), args: s.slice(eq + 1).split(/\s+/) };
  });
if (variants.length === 0) {
  console.error('usage: node bench/ab.mjs [--runs N] -- label=<node args> -- label=<node args>');
  process.exit(2);
}
const dir = tempDir('sigmats-ab-');
const PROBE = preloadFile(
  "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.AB_PROBE_FILE, `${u.maxRSS} ${u.userCPUTime} ${u.systemCPUTime}`); });",
);
let n = 0;
function once(args) {
  const probe = join(dir, `${++n}.txt`);
  const out = mkdtempSync(join(dir, 'out-'));
  const env = Object.fromEntries(args.filter((a) => /^[A-Z_][A-Z0-9_]*=/.test(a)).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  const real = args.filter((a) => !a.startsWith('<') && !/^[A-Z_][A-Z0-9_]*=/.test(a)).map((a) => a.replaceAll('{out}', out));
  const redirect = args.find((a) => a.startsWith('<='))?.slice(2);
  const input = redirect === undefined ? args.find((a) => a.startsWith('<'))?.slice(1) : undefined;
  const command = [process.execPath, '--require', PROBE, ...real];
  const t0 = process.hrtime.bigint();
  const stdin = redirect === undefined ? 'pipe' : openSync(redirect, 'r');
  const options = { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env, AB_PROBE_FILE: probe }, stdio: [stdin, 'pipe', 'pipe'] };
  const r = spawnSync(...(input === undefined ? [command[0], command.slice(1)] : pipedFrom(input, command)), options);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (typeof stdin === 'number') closeSync(stdin);
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${real.join(' ')}: exit ${r.status} ${r.signal ?? ''}\n${r.stderr.slice(-2000)}`);
  const [rss, user, sys] = (existsSync(probe) ? readFileSync(probe, 'utf8') : '0 0 0').split(' ').map(Number);
  return { ms, cpu: (user + sys) / 1000, user: user / 1000, sys: sys / 1000, rss: rss / 1024 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const loads = [loadavg()[0]];
const samples = variants.map(() => []);
for (let i = 0; i < runs; i++) {
  variants.forEach((v, j) => samples[j].push(once(v.args)));
  loads.push(loadavg()[0]);
}
console.log(`${runs} alternating rounds; load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
variants.forEach((v, j) => {
  const s = samples[j];
  const pick = (k) => s.map((x) => x[k]);
  const vsA = j === 0 ? '' : `; CPU / ${variants[0].label} ${median(s.map((x, i) => x.cpu / samples[0][i].cpu)).toFixed(3)}, wall / ${variants[0].label} ${median(s.map((x, i) => x.ms / samples[0][i].ms)).toFixed(3)}`;
  console.log(
    `${v.label.padEnd(12)} wall ${median(pick('ms')).toFixed(0)} ms (${range(pick('ms'))}); CPU ${median(pick('cpu')).toFixed(0)} ms (${range(pick('cpu'))}; user ${median(pick('user')).toFixed(0)}, sys ${median(pick('sys')).toFixed(0)}); peak RSS ${median(pick('rss')).toFixed(0)} MB (${range(pick('rss'))})${vsA}`,
  );
});
