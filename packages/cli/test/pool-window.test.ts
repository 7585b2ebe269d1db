// The chunk pool gives its workers jobs at most a window ahead of the result its caller takes next (parallel/pool.ts,
// POOL_WINDOW): a slow caller (NDJSON read by a slow consumer) holds the workers back instead of letting every result
// of the run wait in memory. The worker here answers each job at once and writes the highest job index it has received
// into shared memory, so the caller can see how far ahead of it the pool went.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { ChunkPool, POOL_WINDOW } from '../src/parallel/pool.js';
import { tempDir } from './temp-dir.js';

interface Job {
  readonly index: number;
}
interface Result {
  readonly index: number;
  readonly by: 'worker' | 'caller';
}

const WORKER = `import { parentPort, workerData } from 'node:worker_threads';
const highest = new Int32Array(workerData.highest);
parentPort.on('message', (job) => {
  if (job.index > Atomics.load(highest, 0)) Atomics.store(highest, 0, job.index);
  parentPort.postMessage({ ok: true, result: { index: job.index, by: 'worker' } });
});
`;

async function runPool(jobCount: number, inFlight: number, callerDelayMs: number, window?: number, localMs = 0): Promise<{ results: Result[]; aheads: number[] }> {
  const dir = tempDir('sigmats-pool-window-');
  const script = join(dir, 'worker.mjs');
  writeFileSync(script, WORKER);
  const highest = new SharedArrayBuffer(4);
  new Int32Array(highest)[0] = -1;
  const errors: string[] = [];
  const pool = new ChunkPool<Job, Result, { highest: SharedArrayBuffer }>(pathToFileURL(script), { highest }, 1, (m) => errors.push(m), inFlight, window);
  const jobs = Array.from({ length: jobCount }, (_, index) => ({ index }));
  const results: Result[] = [];
  const aheads: number[] = [];
  const local = (job: Job): Result => {
    // A chunk of the caller's own takes this long (busy: the worker's replies wait for the caller's next turn).
    const end = performance.now() + localMs;
    while (performance.now() < end);
    return { index: job.index, by: 'caller' };
  };
  for await (const r of pool.run(jobs, local)) {
    results.push(r);
    // How far past the result just taken the worker has been given jobs.
    aheads.push(Atomics.load(new Int32Array(highest), 0) - r.index);
    await new Promise((resolve) => setTimeout(resolve, callerDelayMs));
  }
  expect(errors).toEqual([]);
  return { results, aheads };
}

test('a slow caller holds the workers a window behind it; every result comes, in order', async () => {
  const inFlight = 2;
  const { results, aheads } = await runPool(60, inFlight, 5);
  expect(results.map((r) => r.index)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  // The worker answers at once, so without the window it would have been given every job long before the caller
  // took the tenth result.
  expect(results.some((r) => r.by === 'worker')).toBe(true);
  const window = POOL_WINDOW * 1 * inFlight;
  for (const ahead of aheads) expect(ahead).toBeLessThanOrEqual(window);
  expect(Math.max(...aheads)).toBeGreaterThan(0);
}, 30_000);

test('a caller that keeps up gets every result in order (the window never starves the run)', async () => {
  const { results } = await runPool(200, 4, 0);
  expect(results.map((r) => r.index)).toEqual(Array.from({ length: 200 }, (_, i) => i));
}, 30_000);

test('without a bound (check keeps every result anyway) the worker is not held to the caller', async () => {
  const inFlight = 2;
  const window = POOL_WINDOW * 1 * inFlight;
  // The caller's own chunks take 3 ms and the worker's none: the worker runs ahead of the results taken.
  const bounded = await runPool(60, inFlight, 0, undefined, 3);
  const free = await runPool(60, inFlight, 0, Infinity, 3);
  for (const { results } of [bounded, free]) expect(results.map((r) => r.index)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  expect(Math.max(...bounded.aheads)).toBeLessThanOrEqual(window);
  expect(Math.max(...free.aheads)).toBeGreaterThan(window);
}, 30_000);
