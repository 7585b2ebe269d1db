/**
 * The worker thread of a parallel `convert` (workers/convert.ts): from the bundle when the build made one (see
 * launch/bundle.ts), else from the modules. At the package's top level so the built file sits beside the chunk
 * that starts it (dist/convert-worker.js).
 */
import { loadBundle } from './launch/bundle.js';
import { distDir } from './launch/dist-dir.js';
import { enableModuleCompileCache } from './launch/compile-cache.js';

// V8 flags are per process: the main thread set the ones the code cache was written with.
const bundle = loadBundle(true, distDir());
if (!bundle) enableModuleCompileCache(); // per thread (see compile-cache.ts)
await (bundle ? bundle.exports : await import('./workers/convert.js')).startConvertWorker();
