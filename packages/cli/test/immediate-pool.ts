/**
 * A stand-in for parallel/stream-pool.ts in the in-process tests of parallel `eval` (chunks and parts): one worker
 * that answers each job it takes at once. `answer` gives the job's result, 'refused' (no room: the caller runs the
 * job) or 'lost' (taken, then handed back with its worker, as a worker that dies leaves it).
 */
import type { StreamPool } from '../src/parallel/stream-pool.js';

export function immediatePool<J extends { readonly index: number }, R extends { readonly index: number }>(answer: (job: J) => R | 'refused' | 'lost'): StreamPool<J, R> {
  const results = new Map<number, R>();
  const lost = new Set<number>();
  const pool = {
    offer(job: J): boolean {
      const r = answer(structuredClone(job));
      if (r === 'refused') return false;
      if (r === 'lost') lost.add(job.index);
      else results.set(job.index, r);
      return true;
    },
    take(index: number): R | undefined {
      const r = results.get(index);
      results.delete(index);
      return r;
    },
    lost: (index: number) => lost.delete(index),
    next: () => Promise.resolve(),
    close(): void {
      results.clear();
    },
  };
  return pool as unknown as StreamPool<J, R>;
}
