#!/usr/bin/env node
// `pnpm fuzz [--minutes N] [--seed S] [--report FILE]`: the fuzz campaign (fuzz/campaign.ts) for as long as asked,
// through the same vitest test CI runs bounded (packages/cli/test/fuzz.test.ts). Exit status 0 when every figure is 0.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const minutes = Number(opt('minutes', '2'));
if (!(minutes > 0)) {
  console.error('usage: pnpm fuzz [--minutes N] [--seed S] [--report FILE]');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, FUZZ_MINUTES: String(minutes) };
const seed = opt('seed', undefined);
if (seed !== undefined) env.FUZZ_SEED = seed;
const report = opt('report', undefined);
if (report !== undefined) env.FUZZ_REPORT = report;
const r = spawnSync('npx', ['vitest', 'run', 'packages/cli/test/fuzz.test.ts'], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
