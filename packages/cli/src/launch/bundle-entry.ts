/**
 * What the one-file bundle (dist/sigmats.cjs, built by scripts/bundle.mjs) exports: the process entry, the
 * library `run` (the code-cache training runs commands through it), and the three worker threads. The workers
 * are imported on demand, as the commands are (index.ts): loading the bundle runs only what `main` needs.
 */
export { main } from '../main.js';
export { run, memoryIo } from '../index.js';

export async function startConvertWorker(): Promise<void> {
  (await import('../workers/convert.js')).startConvertWorker();
}

export async function startCheckWorker(): Promise<void> {
  (await import('../workers/check.js')).startCheckWorker();
}

export async function startEvalWorker(): Promise<void> {
  (await import('../workers/eval.js')).startEvalWorker();
}
