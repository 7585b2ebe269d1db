/**
 * Commands that run the compiler once over a batch of rules and exit. For them TurboFan's inlining costs more than
 * it saves: the IR walkers and the YAML reader are optimized, deoptimized (rare branches, new object shapes) and
 * recompiled with their inlined callees several times within one run, and on a small machine that compilation
 * competes with the conversion for the CPU. Measured over the SigmaHQ corpus (BENCHMARKS.md): parse + Splunk + KQL
 * ~0.98 s cold with inlining, ~0.74 s without. `analyze` reads and summarizes a rule set the same way: with these
 * flags and the code cache they let it load, `analyze logsource` and `analyze fields -t splunk` over the corpus x0.82
 * wall (BENCHMARKS.md, round 21).
 *
 * `eval` loads its rules as a batch command does (with these flags, so the bundle's code cache is accepted), then
 * streams events through hot loops that profit from inlining: once its rule set is compiled, the compiler flags go
 * back to V8's own (streamFlagsFor). SigmaHQ's rules, against V8's defaults throughout: 20,000 Sysmon events x0.86
 * wall; 200,000 x0.97 on one thread, x0.90 with the default threads (BENCHMARKS.md, round 21).
 */
const BATCH_COMMANDS: ReadonlySet<string> = new Set(['convert', 'check', 'test', 'list', 'variants', 'analyze', 'eval']);

/**
 * Each flag a batch command sets, with the pattern that recognises the user's own choice of it (then it is left
 * alone). `--interrupt-budget` is how much a function runs before V8 considers optimizing it (Node 20's V8:
 * 67,584 by default); a larger budget sends fewer short-lived functions of a one-shot run to TurboFan. Measured
 * (BENCHMARKS.md, issue 16): 400000 took 9-14% off the CPU time of `convert`, `check` and a one-rule cold start.
 */
const BATCH_FLAGS: readonly { readonly flag: string; readonly chosen: RegExp }[] = [
  { flag: '--no-turbo-inlining', chosen: /^--(no-)?turbo[-_]inlining$/ },
  { flag: '--interrupt-budget=400000', chosen: /^--interrupt[-_]budget(=|$)/ },
  // The old generation may grow by half before a full collection (V8 lets it grow by up to 4 times as the heap
  // gets larger). A batch run makes garbage at a steady rate and keeps little: `convert -t all --json` over 8
  // copies of SigmaHQ's rules peaked at 456 MB RSS with V8's default and 325 MB with this, in about the same time;
  // the corpus itself: 150 MB against 142 MB (BENCHMARKS.md, issue 16).
  { flag: '--heap-growing-percent=50', chosen: /^--heap[-_]growing[-_]percent(=|$)/ },
];

/**
 * V8's own values (`node --v8-options`; a test holds them to the running Node's) of the compiler flags BATCH_FLAGS
 * changes: what `eval` sets back for matching. The heap's growth stays held: `eval --jobs 1` of SigmaHQ's rules over
 * 200,000 Sysmon events peaked at 187-392 MB RSS with V8's growth, 186-209 MB with it (BENCHMARKS.md, evaluator
 * round 9).
 */
export const V8_COMPILER_DEFAULTS: Readonly<Record<string, string>> = {
  '--no-turbo-inlining': '--turbo-inlining',
  '--interrupt-budget=400000': '--interrupt-budget=67584',
};

/** The node flags the user gave the process: NODE_OPTIONS, then the node command line's. */
export function givenNodeFlags(nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  return [...(nodeOptions ?? '').split(/\s+/), ...execArgv];
}

/** The V8 flags the `sigmats` binary sets for a command; each one the user already chose (NODE_OPTIONS, node flags) is left out. */
export function jitFlagsFor(command: string | undefined, nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  if (command === undefined || !BATCH_COMMANDS.has(command)) return [];
  const given = givenNodeFlags(nodeOptions, execArgv);
  return BATCH_FLAGS.filter(({ chosen }) => !given.some((a) => chosen.test(a))).map(({ flag }) => flag);
}

/**
 * The V8 flags `eval` sets once its rule set is compiled, before the events: V8's own values of the compiler flags
 * jitFlagsFor set (a flag of the user's own was not set, and is not set back).
 */
export function streamFlagsFor(command: string | undefined, nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  return command === 'eval' ? jitFlagsFor(command, nodeOptions, execArgv).flatMap((flag) => V8_COMPILER_DEFAULTS[flag] ?? []) : [];
}

/**
 * Tunes V8 for the command about to run (or, with streamFlagsFor, for `eval`'s events), and returns the flags it set.
 * Only process entries (bin.ts, main.ts, the code cache's training) call this, never the library `run`.
 */
export function tuneJit(command: string | undefined, flagsFor = jitFlagsFor): string[] {
  const flags = flagsFor(command, process.env.NODE_OPTIONS, process.execArgv);
  // node:v8 is loaded only to set flags: it brings heap_utils and the streams (about 3 ms of a start), which a start
  // that sets none (help, a small run's profile cache) does not need.
  if (flags.length > 0) {
    const { setFlagsFromString } = process.getBuiltinModule('node:v8');
    for (const flag of flags) setFlagsFromString(flag);
  }
  return flags;
}
