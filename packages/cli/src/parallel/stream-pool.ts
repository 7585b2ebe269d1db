/**
 * Worker threads for a stream of jobs whose length is not known in advance (`eval`'s events; issue 16: both
 * cores). Unlike ChunkPool (pool.ts), which is handed every job at once, the caller offers jobs one at a time as it
 * reads them and takes the results back in its own order; a job no worker has room for is the caller's to run, so
 * the calling thread works while the workers do and the jobs in flight stay few (the caller bounds them).
 *
 * A worker announces `{ ready: true }` once it can take jobs (it has compiled what it needs): until then it is
 * given none. A worker that fails to start or dies leaves its jobs to the caller (`lost`): a run never loses a job.
 */
import type { Worker } from 'node:worker_threads';
import { WorkerGroup } from './worker-group.js';

/** Jobs a worker holds at once: one being run and one waiting, so it never idles between two. */
const PER_WORKER = 2;

export class StreamPool<J extends { readonly index: number }, R extends { readonly index: number }> {
  private readonly group: WorkerGroup<R>;

  constructor(script: URL, setup: unknown, workers: number, onWorkerError: (message: string) => void) {
    this.group = new WorkerGroup<R>(script, setup, workers, onWorkerError);
  }

  /** Workers still alive (started or starting). */
  get alive(): number {
    return this.group.held.size;
  }

  /**
   * Gives `job` to a ready worker with room, the least busy one; false when none has room, or when the job cannot
   * be sent (a value the structured clone refuses, such as an event nested too deep): the caller runs it.
   */
  offer(job: J): boolean {
    if (this.group.isClosed) return false;
    const { held } = this.group;
    let best: Worker | undefined;
    for (const w of this.group.ready) {
      const n = held.get(w)!.size;
      if (n < PER_WORKER && (best === undefined || n < held.get(best)!.size)) best = w;
    }
    if (best === undefined) return false;
    try {
      this.group.send(best, job);
    } catch {
      return false;
    }
    return true;
  }

  /** The result of job `index`, once a worker returned it (taken: a second call returns undefined). */
  take(index: number): R | undefined {
    const r = this.group.results.get(index);
    if (r !== undefined) this.group.results.delete(index);
    return r;
  }

  /** Whether job `index` was lost with its worker (taken: the caller now runs it). */
  lost(index: number): boolean {
    return this.group.lost.delete(index);
  }

  /** Resolves at the next message or failure of a worker. */
  next(): Promise<void> {
    return this.group.next();
  }

  /** Stops every worker; results not yet taken are dropped. */
  close(): void {
    this.group.close();
  }
}
