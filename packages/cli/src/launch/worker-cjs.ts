/**
 * A worker thread's entry as CommonJS: dist/convert-worker.cjs, check-worker.cjs and eval-worker.cjs, each built
 * from this file by scripts/bundle.mjs with WORKER set to its kind. Why: an ES module entry makes a worker thread
 * load and compile Node's ES module loader for itself, as it would make the command (bin.ts); a CommonJS entry
 * starts without it. Without the bundle's code cache (another Node), the ES module entry of the same kind runs.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { debug, loadBundle } from './bundle.js';

declare const WORKER: 'convert' | 'check' | 'eval';

debug(`${WORKER} worker thread: CommonJS entry`);
// V8 flags are per process: the main thread set the ones the code cache was written with.
const bundle = loadBundle(true, __dirname);
if (bundle) {
  const start = WORKER === 'check' ? bundle.exports.startCheckWorker : WORKER === 'eval' ? bundle.exports.startEvalWorker : bundle.exports.startConvertWorker;
  void start();
} else {
  void import(pathToFileURL(join(__dirname, `${WORKER}-worker.js`)).href);
}
