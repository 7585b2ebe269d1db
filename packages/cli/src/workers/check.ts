/** The worker thread of a parallel `check` (parallel/pool.ts starts it through check-worker.ts). */
import { chunkChecker, type CheckJob, type CheckSetup } from '../parallel/check-chunk.js';

/** Parses and validates each chunk it is sent (parallel/check-chunk.ts). */
export function startCheckWorker(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const check = chunkChecker(workerData as CheckSetup);
  const port = parentPort!;

  port.on('message', (job: CheckJob) => {
    try {
      port.postMessage({ ok: true, result: check(job) });
    } catch (err) {
      port.postMessage({ ok: false, index: job.index, error: (err as Error)?.stack ?? String(err) });
    }
  });
}
