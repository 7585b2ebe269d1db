/**
 * The size of V8's young generation in a batch run (issue 16). On this project's benchmark machine (a
 * paravirtualized VM) the first touch of a memory page costs about 10 µs, and a run pays for every page its heap
 * touches: V8 grows each of the young generation's two semi-spaces up to 16 MB, 32 MB touched, about 8,000 page
 * faults. With semi-spaces held at 8 MB a batch run makes a few more scavenges and touches 15 MB less: over
 * SigmaHQ's rules/, alternating runs against the build before, wall time `convert -t splunk` x0.83, `check` x0.90,
 * `-t kql` and `-t sumo-cse` x0.93, `-t all` (with a worker) x0.975 (BENCHMARKS.md, round 13).
 *
 * V8 takes the semi-spaces' limit only when a thread's heap is made: a worker's from its resource limits
 * (WORKER_RESOURCE_LIMITS), the main thread's from the command line, where it cannot be given (`#!/usr/bin/env node`,
 * and V8 refuses a code cache made with other flags). What V8 reads at each growth is the factor it grows by
 * (`--semi-space-growth-factor`, 2 by default), so the main thread holds the size by that: a factor that reaches
 * the size at the next growth, then 1. The factor is part of the flags a code cache is checked against, so it is set
 * only by a process entry (main.ts) and only in runs without workers (before `convert`'s prescan, and between the
 * chunks converted or checked on the main thread), after every code cache of the run has been loaded.
 */
import { givenNodeFlags } from './jit.js';

/** The semi-space size held, in MB. */
export const SEMI_SPACE_MB = 8;

/**
 * A worker's young generation: V8 makes it three semi-spaces' worth (the two semi-spaces and the new large object
 * space), so this holds each semi-space to SEMI_SPACE_MB.
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;

let held = false;
let factor = 2;

/**
 * Lets holdYoungGeneration work in this process (main.ts, for `convert` and `check`), unless the user chose the
 * young generation's size or growth (node flags, NODE_OPTIONS): then V8's own settings stay.
 */
export function enableYoungGenerationHold(nodeOptions: string | undefined, execArgv: readonly string[]): void {
  held = !userChoseYoungGeneration(nodeOptions, execArgv);
}

/** Whether the node flags name the semi-spaces' size or growth. */
export function userChoseYoungGeneration(nodeOptions: string | undefined, execArgv: readonly string[]): boolean {
  return givenNodeFlags(nodeOptions, execArgv).some((a) => /^--(?:min|max)?[-_]?semi[-_]space/.test(a));
}

/** Worker options that hold a worker's young generation, unless the user chose it (as above). */
export function workerResourceLimits(): { readonly resourceLimits?: typeof WORKER_RESOURCE_LIMITS } {
  return userChoseYoungGeneration(process.env.NODE_OPTIONS, process.execArgv) ? {} : { resourceLimits: WORKER_RESOURCE_LIMITS };
}

/**
 * Called before the prescan of a run without workers (commands/convert.ts): the young generation keeps its size (a
 * growth factor of 1) until holdYoungGeneration is next called. The prescan keeps the texts it reads until their
 * chunk is converted, and V8 grows the semi-spaces when much survives: over two copies of SigmaHQ's rules they reached
 * 16 MB before the first chunk (holdYoungGeneration never shrinks them). Growing them to 8 MB there instead copied
 * the kept texts between semi-spaces before promoting them: `-t splunk` over the two copies, wall against the build
 * before, x1.046 that way and x1.014 this way, both measured with a smaller prescan budget that was not kept; this
 * way with the budget as it is, x0.953 and 113 -> 97 MB peak (BENCHMARKS.md, round 14). Does nothing unless a
 * process entry enabled it.
 */
export function stillYoungGeneration(): void {
  if (held) growBy(1);
}

/**
 * Called between two chunks the main thread converts or checks when no worker runs (parallel/pool.ts): sets the
 * growth factor that brings the semi-spaces to SEMI_SPACE_MB at V8's next growth, and 1 once they are there. Checked
 * at every chunk, not once: should V8 shrink the young generation, the factor lets it grow back. Does nothing unless
 * a process entry enabled it.
 */
export function holdYoungGeneration(): void {
  if (!held) return;
  const space = process.getBuiltinModule('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (space === undefined) return;
  // The new space's size is its two semi-spaces'.
  const semi = space.space_size / 2 / (1 << 20);
  growBy(semi >= SEMI_SPACE_MB ? 1 : Math.max(2, Math.round(SEMI_SPACE_MB / semi)));
}

/** Sets V8's growth factor of the young generation, unless it is that already. */
function growBy(next: number): void {
  if (next === factor) return;
  process.getBuiltinModule('node:v8').setFlagsFromString(`--semi-space-growth-factor=${next}`);
  factor = next;
}
