#!/usr/bin/env node
/**
 * `pnpm truth`: the platform-truth differential over the SigmaHQ corpus (and our own rules) for every target and
 * pipeline it knows, as a table, ending with `truth: P proven, D disagree, R refused`. Exit 1 on any disagreement.
 *
 *   --sample F        a deterministic fraction of the rules (0 < F <= 1; CI uses a sample)
 *   --platform A,B    only these report rows (ids as printed in the pipeline column)
 *   --show N          print the first N disagreements of each platform (default 5)
 *   --json FILE       write the whole report as JSON
 */
import { writeFileSync } from 'node:fs';
import { runTruth } from './differential/truth.js';
import { formatDisagreement, formatTable, summaryLine } from './differential/report.js';

interface Args {
  sample: number;
  platforms?: string[];
  show: number;
  json?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { sample: 1, show: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sample') {
      args.sample = Number(value());
      if (!(args.sample > 0 && args.sample <= 1)) throw new Error('--sample takes a fraction in (0, 1]');
    } else if (a === '--platform') args.platforms = value().split(',');
    else if (a === '--show') args.show = Number(value());
    else if (a === '--json') args.json = value();
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: truth [--sample F] [--platform A,B] [--show N] [--json FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'`);
  }
  return args;
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`truth: ${(e as Error).message}\n`);
    return 2;
  }
  const run = runTruth({ sample: args.sample, ...(args.platforms ? { platforms: args.platforms } : {}), onProgress: (m) => process.stderr.write(`${m}\n`) });
  if ('unavailable' in run) {
    process.stderr.write(`truth: ${run.unavailable}\n`);
    return 2;
  }
  for (const r of run.reports) for (const d of r.disagreements.slice(0, args.show)) process.stdout.write(`${formatDisagreement(d)}\n\n`);
  process.stdout.write(`${formatTable(run.reports)}\n\n`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify(run, null, 2)}\n`);
  process.stdout.write(`${summaryLine(run.totals)}\n`);
  return run.totals.disagree > 0 ? 1 : 0;
}

process.exitCode = main();
