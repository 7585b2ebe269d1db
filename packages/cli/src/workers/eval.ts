/** The worker thread of a parallel `eval` (parallel/stream-pool.ts starts it through eval-worker.ts). */
import { chunkMatcher, ruleSetFor, type EvalJob, type EvalSetup } from '../parallel/eval-chunk.js';

/** Compiles the run's rule set once, says it is ready, then matches each chunk of events it is sent. */
export function startEvalWorker(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const setup = workerData as EvalSetup;
  const port = parentPort!;
  const match = chunkMatcher(ruleSetFor(setup), setup.flatten);

  // A chunk that throws is not answered: the thread ends (its rule set may be in a state the main thread does not
  // know), and the pool hands that chunk and the one waiting back to the main thread.
  port.on('message', (job: EvalJob) => port.postMessage({ ok: true, result: match(job) }));
  // A message this thread cannot read back names no job it could answer for: end, so the pool hands its jobs back.
  port.on('messageerror', () => process.exit(1));
  port.postMessage({ ready: true });
}
