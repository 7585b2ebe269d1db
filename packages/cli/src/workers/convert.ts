/** The worker thread of a parallel `convert` (parallel/pool.ts starts it through convert-worker.ts). */
import { convertChunk, type ChunkJob } from '../parallel/chunk.js';
import { chunkTargets, type WorkerSetup } from '../parallel/setup.js';

/** Resolves the run's targets once, then converts each chunk it is sent. */
export function startConvertWorker(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
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
}
