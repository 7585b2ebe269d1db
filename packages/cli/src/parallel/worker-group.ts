/**
 * Worker threads started on one script, the jobs each holds, the results they sent back and the jobs lost with a
 * worker that failed: what both pools share (pool.ts hands workers the jobs of a known list, stream-pool.ts offers
 * them one at a time). A worker that errors, exits or cannot run a job gives its jobs back (`lost`); a run never
 * loses one.
 */
import type { ResourceLimits, Worker } from 'node:worker_threads';

/** A worker's messages: it can take jobs (stream workers say so once they have compiled), a result, or a failure. */
export type Reply<R> = { ready: true } | { ok: true; result: R } | { ok: false; index: number; error: string };

export class WorkerGroup<R extends { readonly index: number }> {
  /** Live workers and the jobs each holds. */
  readonly held = new Map<Worker, Set<number>>();
  /** Workers that said they are ready. */
  readonly ready = new Set<Worker>();
  readonly results = new Map<number, R>();
  /** Jobs a failed worker held, or one it could not run: the caller's to run. */
  readonly lost = new Set<number>();
  private wake: (() => void) | undefined;
  private closed = false;

  /**
   * `onResult`: after a worker sent a result (and before the waiting caller wakes), e.g. to give it the next job.
   * `limits`: the workers' resource limits (none: V8's defaults).
   */
  constructor(
    script: URL,
    setup: unknown,
    workers: number,
    private readonly onWorkerError: (message: string) => void,
    onResult: (w: Worker) => void = () => undefined,
    limits: { readonly resourceLimits?: ResourceLimits } = {},
  ) {
    for (let k = 0; k < workers; k++) {
      // node:worker_threads is loaded here, not with the command: a one-rule start does not pay for it.
      const w = new (process.getBuiltinModule('node:worker_threads').Worker)(script, { workerData: setup, ...limits });
      this.held.set(w, new Set());
      w.on('message', (reply: Reply<R>) => {
        const mine = this.held.get(w);
        if (!mine) return;
        if ('ready' in reply) this.ready.add(w);
        else if (reply.ok) {
          mine.delete(reply.result.index);
          this.results.set(reply.result.index, reply.result);
          onResult(w);
        } else {
          mine.delete(reply.index);
          this.lost.add(reply.index);
          this.onWorkerError(reply.error);
        }
        this.notify();
      });
      w.on('error', (err) => this.fail(w, (err as Error)?.stack ?? String(err)));
      w.on('exit', (code) => this.fail(w, `worker exited with code ${code}`));
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends `job` to `w`, which then holds it; throws when the job cannot be cloned (nothing is held then). */
  send(w: Worker, job: { readonly index: number }): void {
    w.postMessage(job);
    this.held.get(w)!.add(job.index);
  }

  /** Resolves at the next message or failure of a worker (or at close). */
  next(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
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
    for (const i of mine) this.lost.add(i);
    if (!this.closed) this.onWorkerError(why);
    void w.terminate();
    this.notify();
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
