/**
 * Node's own module compile cache, where the bundle and its code cache (bundle.ts) do not run. From Node 22.1,
 * `module.enableCompileCache()` keeps V8's code cache of every module compiled, on disk (by default under
 * os.tmpdir()/node-compile-cache; NODE_COMPILE_CACHE names another folder, NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off), so a later start-up does not compile them again: what the bundle's cache does for the Node that built the
 * package, for every other Node. Node 20 has no such method (it is then a no-op). It holds for one thread only, so
 * each worker entry asks for it too. Not measured here: this machine runs Node 20.
 */
import nodeModule from 'node:module';
import { debug } from './bundle.js';

export interface CompileCacheApi {
  enableCompileCache?: () => { readonly status: number; readonly directory?: string; readonly message?: string };
}

/** Turns the cache on before the modules load; what became of it (also said with SIGMATS_DEBUG_STARTUP=1). */
export function enableModuleCompileCache(api: CompileCacheApi = nodeModule as CompileCacheApi): string {
  let state: string;
  if (typeof api.enableCompileCache !== 'function') state = `no module compile cache in Node ${process.versions.node}`;
  else {
    const r = api.enableCompileCache();
    state = r.directory !== undefined ? `module compile cache in ${r.directory}` : `no module compile cache (${r.message ?? `status ${r.status}`})`;
  }
  debug(state);
  return state;
}
