import { setFlagsFromString } from 'node:v8';

/**
 * Commands that run the compiler once over a batch of rules and exit. For them TurboFan's inlining costs more than
 * it saves: the IR walkers and the YAML reader are optimized, deoptimized (rare branches, new object shapes) and
 * recompiled with every inlined callee several times within one run, and on a small machine that compilation
 * competes with the conversion for the CPU. Measured over the SigmaHQ corpus (BENCHMARKS.md): parse + Splunk + KQL
 * ~950 ms cold with inlining, ~720 ms without. `eval` streams events through hot loops that profit from inlining,
 * so it keeps V8's defaults.
 */
const BATCH_COMMANDS: ReadonlySet<string> = new Set(['convert', 'check', 'test', 'list', 'variants']);

/** Tunes V8 for the command about to run. Only the `sigmats` process entry calls this, never the library `run`. */
export function tuneJit(command: string | undefined): void {
  if (command === undefined || !BATCH_COMMANDS.has(command)) return;
  // A user's own NODE_OPTIONS choice wins.
  if (/--(no-)?turbo-inlining\b/.test(process.env.NODE_OPTIONS ?? '') || process.execArgv.some((a) => /--(no-)?turbo-inlining\b/.test(a))) return;
  setFlagsFromString('--no-turbo-inlining');
}
