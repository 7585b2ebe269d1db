/**
 * The worker thread of a parallel `check` (parallel/pool.ts starts it): parses and validates each chunk it is
 * sent (parallel/check-chunk.ts). Kept at the package's top level so the built file sits beside the chunk that
 * starts it (dist/check-worker.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkChecker, type CheckJob, type CheckSetup } from './parallel/check-chunk.js';

const check = chunkChecker(workerData as CheckSetup);
const port = parentPort!;

port.on('message', (job: CheckJob) => {
  try {
    port.postMessage({ ok: true, result: check(job) });
  } catch (err) {
    port.postMessage({ ok: false, index: job.index, error: (err as Error)?.stack ?? String(err) });
  }
});
