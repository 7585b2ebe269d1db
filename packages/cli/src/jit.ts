import { setFlagsFromString } from 'node:v8';

/**
 * Commands that run the compiler once over a batch of rules and exit. For them TurboFan's inlining costs more than
 * it saves: the IR walkers and the YAML reader are optimized, deoptimized (rare branches, new object shapes) and
 * recompiled with their inlined callees several times within one run, and on a small machine that compilation
 * competes with the conversion for the CPU. Measured over the SigmaHQ corpus (BENCHMARKS.md): parse + Splunk + KQL
 * ~0.98 s cold with inlining, ~0.74 s without. `eval` streams events through hot loops that profit from inlining
 * (about 5% faster with it), so it keeps V8's defaults.
 */
const BATCH_COMMANDS: ReadonlySet<string> = new Set(['convert', 'check', 'test', 'list', 'variants']);
const INLINING_FLAG = /^--(no-)?turbo[-_]inlining$/;

/** The V8 flags the `sigmats` binary sets for a command; none when the user already chose (NODE_OPTIONS, node flags). */
export function jitFlagsFor(command: string | undefined, nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  if (command === undefined || !BATCH_COMMANDS.has(command)) return [];
  const chosen = [...(nodeOptions ?? '').split(/\s+/), ...execArgv].some((a) => INLINING_FLAG.test(a));
  return chosen ? [] : ['--no-turbo-inlining'];
}

/** Tunes V8 for the command about to run. Only the process entry (bin.ts) calls this, never the library `run`. */
export function tuneJit(command: string | undefined): void {
  for (const flag of jitFlagsFor(command, process.env.NODE_OPTIONS, process.execArgv)) setFlagsFromString(flag);
}
