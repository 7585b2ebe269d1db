/**
 * Worker threads for a stream of jobs whose length is not known in advance (`eval`'s events; issue 16: both
 * cores). Unlike ChunkPool (pool.ts), which is handed every job at once, the caller offers jobs one at a time as it
 * reads them and takes the results back in its own order; a job no worker has room for is the caller's to run, so
 * the calling thread works while the workers do and the jobs in flight stay few (the caller bounds them).
 *
 * A worker announces `{ ready: true }` once it can take jobs (it has compiled what it needs): until then it is
 * given none. A worker that fails to start or dies leaves its jobs to the caller (`lost`): a run never loses a job.
 */
import { Worker } from 'node:worker_threads';

type Reply<R> = { ready: true } | { ok: true; result: R } | { ok: false; index: number; error: string };

/** Jobs a worker holds at once: one being run and one waiting, so it never idles between two. */
const PER_WORKER = 2;

export class StreamPool<J extends { readonly index: number }, R extends { readonly index: number }> {
  private readonly held = new Map<Worker, Set<number>>();
  private readonly ready = new Set<Worker>();
  private readonly results = new Map<number, R>();
  private readonly lostJobs = new Set<number>();
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(
    script: URL,
    setup: unknown,
    workers: number,
    private readonly onWorkerError: (message: string) => void,
  ) {
    for (let k = 0; k < workers; k++) {
      const w = new Worker(script, { workerData: setup });
      this.held.set(w, new Set());
      w.on('message', (reply: Reply<R>) => {
        const mine = this.held.get(w);
        if (!mine) return;
        if ('ready' in reply) this.ready.add(w);
        else if (reply.ok) {
          mine.delete(reply.result.index);
          this.results.set(reply.result.index, reply.result);
        } else {
          mine.delete(reply.index);
          this.lostJobs.add(reply.index);
          this.onWorkerError(reply.error);
        }
        this.notify();
      });
      w.on('error', (err) => this.fail(w, (err as Error)?.stack ?? String(err)));
      w.on('exit', (code) => this.fail(w, `worker exited with code ${code}`));
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private fail(w: Worker, why: string): void {
    const mine = this.held.get(w);
    if (!mine) return;
    this.held.delete(w);
    this.ready.delete(w);
    for (const i of mine) this.lostJobs.add(i);
    if (!this.closed) this.onWorkerError(why);
    void w.terminate();
    this.notify();
  }

  /** Workers still alive (started or starting). */
  get alive(): number {
    return this.held.size;
  }

  /**
   * Gives `job` to a ready worker with room, the least busy one; false when none has room, or when the job cannot
   * be sent (a value the structured clone refuses, such as an event nested too deep): the caller runs it.
   */
  offer(job: J): boolean {
    if (this.closed) return false;
    let best: Worker | undefined;
    for (const w of this.ready) {
      const n = this.held.get(w)!.size;
      if (n < PER_WORKER && (best === undefined || n < this.held.get(best)!.size)) best = w;
    }
    if (best === undefined) return false;
    try {
      best.postMessage(job);
    } catch {
      return false;
    }
    this.held.get(best)!.add(job.index);
    return true;
  }

  /** The result of job `index`, once a worker returned it (taken: a second call returns undefined). */
  take(index: number): R | undefined {
    const r = this.results.get(index);
    if (r !== undefined) this.results.delete(index);
    return r;
  }

  /** Whether job `index` was lost with its worker (taken: the caller now runs it). */
  lost(index: number): boolean {
    return this.lostJobs.delete(index);
  }

  /** Resolves at the next message or failure of a worker. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Stops every worker; results not yet taken are dropped. */
  close(): void {
    this.closed = true;
    this.results.clear();
    for (const w of [...this.held.keys()]) {
      this.held.delete(w);
      void w.terminate();
    }
    this.ready.clear();
    this.notify();
  }
}
