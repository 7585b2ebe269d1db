/**
 * Chunks converted on worker threads and on the calling thread together, handed back in input order (issue 16:
 * both cores). The calling thread is one of the converters: with --jobs N there are N-1 workers, so on two cores
 * one worker (about 0.1 s to start, and a JIT of its own to warm up) runs beside the main thread instead of two
 * beside an idle one. Each worker holds a few chunks (the caller says how many), so it has work while the calling
 * thread converts a chunk of its own, and a finished one is replaced at once. A worker that
 * fails to start or dies hands its chunks back to the calling thread: a run never loses a chunk.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ChunkJob, ChunkResult } from './chunk.js';
import type { WorkerSetup } from './setup.js';
import { WorkerGroup } from './worker-group.js';
import { holdYoungGeneration, workerResourceLimits } from '../young-generation.js';

/**
 * Less work than this (input files times targets) and a run stays on the main thread unless `--jobs` asks
 * otherwise. A worker costs about 0.1 s to start and warms up a JIT of its own, and V8's compiler and collector
 * threads already give a one-thread run most of the second core of a 2-core machine. Measured on this 2-core VM
 * (BENCHMARKS.md, round 8), default against --jobs 1, wall: one target over SigmaHQ's 3,141 rules 1.107 (the
 * bench) and 847 / 801 ms; one target over 2 copies 1,285 / 1,209 ms (KQL 1,358 / 1,277); `-t all` over the rules
 * (12,564 file-targets) 0.925 (the bench), 1,559 / 1,544 ms; one target over 4 copies (12,564) 2,106 / 2,164 ms;
 * `-t all` over 2 copies 2,426 / 2,514 ms.
 */
export const PARALLEL_MIN_WORK = 12_000;

/** Threads to convert on: `--jobs` when given, else one per available core (at most 8); 1 means no worker. */
export function jobsFor(requested: number | undefined): number {
  return Math.max(1, Math.min(requested ?? process.getBuiltinModule('node:os').availableParallelism(), 8));
}

/**
 * A built worker script (dist/convert-worker.js unless `file` names another, such as check-worker.js), its CommonJS
 * entry (.cjs) where the build made one; absent when running from sources, as the unit tests do.
 */
export function workerScript(file = 'convert-worker.js'): URL | undefined {
  // The CommonJS entry first (launch/worker-cjs.ts says why), else the ES module.
  for (const name of [file.replace(/\.js$/, '.cjs'), file]) {
    const url = new URL(`./${name}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * SIGMATS_CHUNKS=off: `convert` and `check` take every input as one collection instead of chunk by chunk (the
 * reference the tests hold chunked runs to).
 */
export function chunksOff(): boolean {
  return process.env.SIGMATS_CHUNKS === 'off';
}

/**
 * The results of `jobs`, in order: from `pool` (its workers and this thread) when there is one, else made on this
 * thread one after the other, each given out before the next is made.
 */
export function chunkResults<J extends Indexed, R extends Indexed, S>(pool: ChunkPool<J, R, S> | undefined, jobs: readonly J[], local: (job: J) => R): AsyncIterable<R> | Iterable<R> {
  return pool ? pool.run(jobs, local) : inTurn(jobs, local);
}

function* inTurn<J, R>(jobs: readonly J[], local: (job: J) => R): Generator<R> {
  for (const job of jobs) {
    // No worker runs, and every code cache of the run is loaded: the main thread may set the young generation's
    // growth (young-generation.ts).
    holdYoungGeneration();
    yield local(job);
  }
}

/**
 * Jobs a pool gives out ahead of the result its caller takes next, per worker and per job a worker holds: a worker
 * that has returned its jobs gets new ones while the caller is at most this many rounds of them behind. The calling
 * thread's own chunks count in it too, so a narrow window has the two threads wait on each other: with 2 rounds,
 * `convert -t all` over SigmaHQ's rules (one worker, holding 4 chunks) took 1,510 ms wall and 1,468 ms
 * with no worker; with 4 rounds 1,373 ms (9 alternating rounds); over 8 copies of the rules `-t splunk` 3,013 ->
 * 2,795 ms (7 rounds). The peak with a consumer that starts reading after 8 s (`-t all --json`, 8 copies): 221 MB
 * with 2 rounds, 217 MB with 4 (BENCHMARKS.md, round 18).
 */
export const POOL_WINDOW = 4;

/** What a pool's jobs and results have in common: their position in the run. */
interface Indexed {
  readonly index: number;
}

/** Lets pending messages (worker results) in between two chunks converted on this thread. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The job, result and setup types default to convert's; `check` runs its own chunks (parallel/check-chunk.ts) on
 * the same pool, with its own worker script.
 */
export class ChunkPool<J extends Indexed = ChunkJob, R extends Indexed = ChunkResult, S = WorkerSetup> {
  private readonly group: WorkerGroup<R>;
  private jobs: readonly J[] = [];
  private next = 0;
  /** The position of the next result the caller takes: results from there to `next` are held or being made. */
  private taken = 0;
  /**
   * How many jobs may be given out ahead of the caller (POOL_WINDOW). Results wait here, in order, for a caller that
   * is slower than the threads (NDJSON read by a slow consumer): without a bound the workers converted every chunk
   * of the run and all of their results waited in memory (`convert -t all --json` over 8 copies of SigmaHQ's rules,
   * read after 8 s: 501 MB peak, 205 MB with the window; BENCHMARKS.md, round 14).
   */
  private readonly window: number;

  /**
   * Starts `workers` workers now, so they load while the caller prepares the chunks. `onWorkerError` hears why a
   * worker failed (its chunks are then converted by the caller). `inFlight`: chunks a worker holds at a time.
   * `window`: how many jobs may be given out ahead of the caller (POOL_WINDOW rounds of every worker's jobs unless
   * given); a caller that keeps every result anyway has no memory to save by it (`check`: Infinity).
   */
  constructor(
    script: URL,
    setup: S,
    workers: number,
    onWorkerError: (message: string) => void,
    private readonly inFlight = 2,
    window?: number,
  ) {
    // A worker that returns a chunk is given the next one at once. Workers of a batch run hold their young
    // generation as the main thread does (young-generation.ts).
    this.group = new WorkerGroup<R>(script, setup, workers, onWorkerError, (w) => this.give(w), workerResourceLimits());
    this.window = window ?? POOL_WINDOW * Math.max(1, workers) * inFlight;
  }

  /** Whether a job is left to give out and the caller is less than a window behind the jobs given. */
  private roomAhead(): boolean {
    return this.next < this.jobs.length && this.next - this.taken < this.window;
  }

  /** Gives `w` the next job, unless none is left or the caller is a window behind. */
  private give(w: Worker): void {
    if (!this.roomAhead() || this.group.isClosed) return;
    this.group.send(w, this.jobs[this.next++]!);
  }

  /**
   * Gives each worker jobs up to `inFlight`, as far as the window allows: at the start, and after the caller took a
   * result.
   */
  private topUp(): void {
    for (const [w, mine] of this.group.held) for (let k = mine.size; k < this.inFlight; k++) this.give(w);
  }

  /**
   * Results of `jobs` (each job's index is its position), in order. `local` converts a chunk on this thread: the
   * ones no worker has taken when this thread is free, and those of a failed worker.
   */
  async *run(jobs: readonly J[], local: (job: J) => R): AsyncGenerator<R> {
    this.jobs = jobs;
    const { results, lost } = this.group;
    this.topUp();
    try {
      for (let i = 0; i < jobs.length; i++) {
        for (;;) {
          const done = results.get(i);
          if (done) {
            results.delete(i);
            yield done;
            this.taken = i + 1;
            this.topUp();
            break;
          }
          const orphan = lost.has(i) ? i : lost.size > 0 ? Math.min(...lost) : undefined;
          if (orphan !== undefined) {
            lost.delete(orphan);
            results.set(orphan, local(jobs[orphan]!));
          } else if (this.roomAhead()) {
            // This thread takes the next chunk no worker has: it is busy while the workers are, never idle.
            const job = jobs[this.next++]!;
            results.set(job.index, local(job));
            await yieldToEvents();
          } else {
            await this.group.next();
          }
        }
      }
    } finally {
      this.close();
    }
  }

  /** Stops every worker (a run that ends early, or one that turned out not to need them). */
  close(): void {
    this.group.close();
  }
}
