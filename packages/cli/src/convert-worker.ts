/**
 * The worker thread of a parallel `convert` (parallel/pool.ts starts it): resolves the run's targets once, then
 * converts each chunk it is sent. Kept at the package's top level so the built file sits beside the chunk that
 * starts it (dist/convert-worker.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convertChunk, type ChunkJob } from './parallel/chunk.js';
import { chunkTargets, type WorkerSetup } from './parallel/setup.js';

const setup = workerData as WorkerSetup;
const ready = chunkTargets(setup);
const port = parentPort!;

port.on('message', (job: ChunkJob) => {
  ready.then(
    (targets) => {
      try {
        port.postMessage({ ok: true, result: convertChunk(job, setup.cwd, targets) });
      } catch (err) {
        port.postMessage({ ok: false, index: job.index, error: (err as Error)?.stack ?? String(err) });
      }
    },
    (err: unknown) => port.postMessage({ ok: false, index: job.index, error: (err as Error)?.stack ?? String(err) }),
  );
});
