/**
 * One chunk of a parallel `eval` (issue 16: both cores): a run of consecutive events matched against the rule set,
 * each event's outcome handed back for the main thread to write in input order. Every thread compiles the rule set
 * once from the same rule texts (read by the main thread), and evaluates an event exactly as a one-thread run does
 * (evaluateEvent), so a chunk's outcomes do not depend on the thread that matched it.
 *
 * Only rule sets without correlations are matched in chunks: correlations need every event, in order, in one place.
 */
import { buildCollection, type Diagnostic } from '@sigmats/core';
import { compileRuleSet, flattenWindowsEvent, windowsLogsource, type CompiledRuleSet, type EventObject, type MatchStream, type StreamMatch } from '@sigmats/evaluator';
import { parseSource, type ReadSource } from '../load.js';

/** Events per chunk: a few tens of milliseconds of matching against SigmaHQ's rules, a few hundred KB in flight. */
export const EVAL_CHUNK_EVENTS = 256;

/**
 * Events a stream matched in chunks must reach before workers are started without `--jobs` (several sources with a
 * stream among them, a stream that is one JSON array, files under EVAL_EARLY_BYTES). A worker reads and compiles the
 * rules again before it matches anything, and here the main thread parses every event whatever the threads. Round 21
 * estimated the pay-back at about 150,000 events from runs with the worker started with the run; started mid-stream,
 * it slows this thread while it loads. Sysmon NDJSON piped to stdin in chunks with workers from 100,000 events, against
 * `--jobs 1` (BENCHMARKS.md, round 23): 200,000 events x1.12–1.31, 400,000 x1.07, 1,000,000 x0.96 and x1.05. So they
 * start only past a million events.
 */
export const EVAL_PARALLEL_MIN_EVENTS = 1_000_000;

/**
 * Bytes of events files from which workers start with the run, compiling the rules while the main thread does (a
 * Sysmon event as JSON is about 1.35 KB): by default about 150,000 events, where a worker started with the run paid
 * back in chunks (one thread against two, 5 alternating rounds: 50,000 events x1.20 slower with the worker, 100,000
 * x1.11, 200,000 x0.95); with --jobs, anything past a chunk or so. One file read in parts (event-parts.ts) breaks even
 * sooner, at about 80,000 events (BENCHMARKS.md, round 22: 50,000 events x1.23, 80,000 x0.99, 100,000 x0.97, 120,000
 * x0.84, 200,000 x0.77): from 128 MB, about 95,000 events.
 *
 * A stream's length is not known: its workers start once that much of it has been read, after this thread compiled
 * its rules, and a worker loading then slows this thread's matching for about a second (BENCHMARKS.md, round 23).
 * Sysmon NDJSON piped to stdin, workers from 128 MB against `--jobs 1`: 200,000 events x1.05, 400,000 x0.91,
 * 1,000,000 x0.66–0.73 (in chunks, workers from 100,000 events: x1.12, x1.07, x0.96).
 */
export const EVAL_EARLY_BYTES = { default: 200 << 20, parts: 128 << 20, stream: 128 << 20, requested: 512 << 10 } as const;

/**
 * Whether a rule text may hold a correlation (a top-level `correlation:` key). Workers start before the rules are
 * parsed only when none may; one that slips through (flow style) is found after parsing, and the workers stop.
 */
export function mayHoldCorrelations(sources: readonly ReadSource[]): boolean {
  return sources.some((s) => s.text !== undefined && /^["']?correlation["']?\s*:/m.test(s.text));
}

/** What a thread needs to compile the run's rule set: the rule texts the main thread read, and the options. */
export interface EvalSetup {
  readonly sources: readonly ReadSource[];
  readonly routing: 'windows' | undefined;
  /** evtx_dump JSON is flattened to Sigma's field names (unless --no-flatten). */
  readonly flatten: boolean;
}

/** An event's outcome: its matches and the runtime diagnostics taken after it, or why it could not be evaluated. */
export type EventOutcome = { readonly matches: readonly StreamMatch[]; readonly runtime: readonly Diagnostic[] } | { readonly error: string };

export interface EvalJob {
  readonly index: number;
  readonly events: readonly EventObject[];
}

export interface EvalChunkResult {
  readonly index: number;
  /** One per event of the job; undefined for an event with no match and no diagnostic (most of them). */
  readonly outcomes: readonly (EventOutcome | undefined)[];
}

export function compileOptions(routing: EvalSetup['routing']): Parameters<typeof compileRuleSet>[1] {
  return routing === 'windows' ? { logsource: windowsLogsource } : {};
}

export function preparerFor(flatten: boolean): (e: EventObject) => EventObject {
  return flatten ? flattenWindowsEvent : (e) => e;
}

/** A thread's rule set, compiled from the setup's rule texts as the main thread compiled its own. */
export function ruleSetFor(setup: EvalSetup): CompiledRuleSet {
  return compileRuleSet(buildCollection(setup.sources.map(parseSource)), compileOptions(setup.routing));
}

/**
 * Matches one event as `eval` always has: a failure the rule set did not contain belongs to the event. Runtime
 * diagnostics are taken only after an event that was evaluated (those of a failed one wait for the next).
 */
export function evaluateEvent(set: CompiledRuleSet, stream: MatchStream, prepare: (e: EventObject) => EventObject, event: EventObject): EventOutcome | undefined {
  let matches: StreamMatch[];
  try {
    matches = stream.push(prepare(event));
  } catch (err) {
    return { error: (err as Error)?.message ?? String(err) };
  }
  const runtime = set.takeRuntimeDiagnostics();
  return matches.length === 0 && runtime.length === 0 ? undefined : { matches, runtime };
}

/**
 * An outcome that changes the rule set for the events after it: a rule that failed while matching is disabled from
 * there on. A later chunk matched elsewhere did not know, so the run goes on from this chunk on one thread.
 */
export function changesRuleSet(outcome: EventOutcome | undefined): boolean {
  return outcome !== undefined && ('error' in outcome || outcome.runtime.length > 0);
}

/** A thread's matcher of chunks, over its own rule set and stream. */
export function chunkMatcher(set: CompiledRuleSet, stream: MatchStream, flatten: boolean): (job: EvalJob) => EvalChunkResult {
  const prepare = preparerFor(flatten);
  return (job) => ({ index: job.index, outcomes: job.events.map((e) => evaluateEvent(set, stream, prepare, e)) });
}
