/** The worker thread of a parallel `eval` (parallel/stream-pool.ts starts it through eval-worker.ts). */
import { chunkMatcher, ruleSetFor, type EvalJob, type EvalSetup } from '../parallel/eval-chunk.js';
import { partMatcher, type PartJob } from '../parallel/event-parts.js';

/**
 * Compiles the run's rule set once, says it is ready, then matches each job it is sent: a chunk of events read by
 * the main thread, or a part of an events file to read itself (parallel/event-parts.ts). One rule set and one stream
 * serve both, as on the main thread.
 */
export function startEvalWorker(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const setup = workerData as EvalSetup;
  const port = parentPort!;
  const set = ruleSetFor(setup);
  const stream = set.stream();
  const matchChunk = chunkMatcher(set, stream, setup.flatten);
  const matchPart = partMatcher(set, stream, setup.flatten);

  // A job that throws is not answered: the thread ends (its rule set may be in a state the main thread does not
  // know), and the pool hands that job and the one waiting back to the main thread.
  port.on('message', (job: EvalJob | PartJob) => port.postMessage({ ok: true, result: 'part' in job ? matchPart(job) : matchChunk(job) }));
  // A message this thread cannot read back names no job it could answer for: end, so the pool hands its jobs back.
  port.on('messageerror', () => process.exit(1));
  port.postMessage({ ready: true });
}
