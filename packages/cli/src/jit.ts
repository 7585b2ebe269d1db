/**
 * Commands that run the compiler once over a batch of rules and exit. For them TurboFan's inlining costs more than
 * it saves: the IR walkers and the YAML reader are optimized, deoptimized (rare branches, new object shapes) and
 * recompiled with their inlined callees several times within one run, and on a small machine that compilation
 * competes with the conversion for the CPU. Measured over the SigmaHQ corpus (BENCHMARKS.md): parse + Splunk + KQL
 * ~0.98 s cold with inlining, ~0.74 s without. `eval` streams events through hot loops that profit from inlining
 * (about 5% faster with it), so it keeps V8's compiler defaults (it sets only the heap's growth: STREAM_FLAGS).
 */
const BATCH_COMMANDS: ReadonlySet<string> = new Set(['convert', 'check', 'test', 'list', 'variants']);

/**
 * The old generation may grow by half before a full collection (V8 lets it grow by up to 4 times as the heap gets
 * larger). A batch run makes garbage at a steady rate and keeps little: `convert -t all --json` over 8 copies of
 * SigmaHQ's rules peaked at 456 MB RSS with V8's default and 325 MB with this, in about the same time; the corpus
 * itself: 150 MB against 142 MB (BENCHMARKS.md, issue 16).
 */
const HEAP_GROWING = { flag: '--heap-growing-percent=50', chosen: /^--heap[-_]growing[-_]percent(=|$)/ } as const;

/**
 * Each flag a batch command sets, with the pattern that recognises the user's own choice of it (then it is left
 * alone). `--interrupt-budget` is how much a function runs before V8 considers optimizing it (Node 20's V8:
 * 67,584 by default); a larger budget sends fewer short-lived functions of a one-shot run to TurboFan. Measured
 * (BENCHMARKS.md, issue 16): 400000 took 9-14% off the CPU time of `convert`, `check` and a one-rule cold start.
 */
const BATCH_FLAGS: readonly { readonly flag: string; readonly chosen: RegExp }[] = [
  { flag: '--no-turbo-inlining', chosen: /^--(no-)?turbo[-_]inlining$/ },
  { flag: '--interrupt-budget=400000', chosen: /^--interrupt[-_]budget(=|$)/ },
  HEAP_GROWING,
];

/**
 * What `eval` sets (after its modules are loaded: no code cache is involved). Its heap holds the rule set and makes
 * garbage at a steady rate per event; with V8's growth the old generation of some runs grew to about 300 MB of
 * garbage before its first full collection past start-up, others stayed near 100 MB: `eval --jobs 1` of SigmaHQ's
 * rules over 200,000 Sysmon events peaked at 187-392 MB RSS, 20,000 events at 185-210 MB. With the old generation
 * held to half again its live size: 186-209 MB at 200,000 events, CPU x1.013 (9 alternating rounds; BENCHMARKS.md,
 * evaluator round 9).
 */
const STREAM_FLAGS: readonly { readonly flag: string; readonly chosen: RegExp }[] = [HEAP_GROWING];

/** The node flags the user gave the process: NODE_OPTIONS, then the node command line's. */
export function givenNodeFlags(nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  return [...(nodeOptions ?? '').split(/\s+/), ...execArgv];
}

/** The V8 flags the `sigmats` binary sets for a command; each one the user already chose (NODE_OPTIONS, node flags) is left out. */
export function jitFlagsFor(command: string | undefined, nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  if (command === undefined || !BATCH_COMMANDS.has(command)) return [];
  return notChosen(BATCH_FLAGS, nodeOptions, execArgv);
}

/** The V8 flags the binary sets for `eval`, once its modules are loaded (the user's own choice left out). */
export function streamFlagsFor(command: string | undefined, nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  return command === 'eval' ? notChosen(STREAM_FLAGS, nodeOptions, execArgv) : [];
}

function notChosen(flags: readonly { readonly flag: string; readonly chosen: RegExp }[], nodeOptions: string | undefined, execArgv: readonly string[]): string[] {
  const given = givenNodeFlags(nodeOptions, execArgv);
  return flags.filter(({ chosen }) => !given.some((a) => chosen.test(a))).map(({ flag }) => flag);
}

/**
 * Tunes V8 for the command about to run, and returns the flags it set. Only process entries (bin.ts, the code
 * cache's training) call this, never the library `run`.
 */
export function tuneJit(command: string | undefined, flagsFor = jitFlagsFor): string[] {
  const flags = flagsFor(command, process.env.NODE_OPTIONS, process.execArgv);
  // node:v8 is loaded only to set flags: it brings heap_utils and the streams (about 3 ms of a start), which the
  // other commands (eval, list, help) do not need.
  if (flags.length > 0) {
    const { setFlagsFromString } = process.getBuiltinModule('node:v8');
    for (const flag of flags) setFlagsFromString(flag);
  }
  return flags;
}
