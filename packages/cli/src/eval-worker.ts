/**
 * The worker thread of a parallel `eval` (workers/eval.ts): from the bundle when the build made one (see
 * launch/bundle.ts), else from the modules. At the package's top level so the built file sits beside the chunk
 * that starts it (dist/eval-worker.js).
 */
import { loadBundle } from './launch/bundle.js';
import { distDir } from './launch/dist-dir.js';
import { enableModuleCompileCache } from './launch/compile-cache.js';

// This ES module entry starts a worker where the CommonJS one (launch/worker-cjs.ts), which loads the bundle with its
// code cache, could not: the modules run.
const bundle = loadBundle(false, distDir());
if (!bundle) enableModuleCompileCache(); // per thread (see compile-cache.ts)
await (bundle ? bundle.exports : await import('./workers/eval.js')).startEvalWorker();
