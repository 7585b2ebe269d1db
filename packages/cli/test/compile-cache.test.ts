import { describe, expect, it } from 'vitest';
import { enableModuleCompileCache } from '../src/launch/compile-cache.js';

describe("Node's module compile cache where the modules run", () => {
  it('is asked for when Node has it, and says where it is', () => {
    let calls = 0;
    const state = enableModuleCompileCache({ enableCompileCache: () => (calls++, { status: 1, directory: '/tmp/node-compile-cache' }) });
    expect(calls).toBe(1);
    expect(state).toBe('module compile cache in /tmp/node-compile-cache');
  });

  it("says why when Node could not turn it on (it never throws: Node's API reports instead)", () => {
    expect(enableModuleCompileCache({ enableCompileCache: () => ({ status: 0, message: 'cannot create directory' }) })).toBe('no module compile cache (cannot create directory)');
    expect(enableModuleCompileCache({ enableCompileCache: () => ({ status: 3 }) })).toBe('no module compile cache (status 3)');
  });

  it('is a no-op on a Node without it (Node 20)', () => {
    expect(enableModuleCompileCache({})).toBe(`no module compile cache in Node ${process.versions.node}`);
  });
});
