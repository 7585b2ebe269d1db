// Built-in pipelines are parsed on first use (core's builtInPipeline), so importing a backend no longer proves they
// parse: this reads every one of every target.
import { describe, expect, it } from 'vitest';
import { loadBackend, TARGETS } from '../src/registry.js';

describe('every built-in pipeline of every target parses', () => {
  it.each(TARGETS)('%s', async (target) => {
    const backend = await loadBackend(target);
    for (const info of backend.pipelines) {
      const pipeline = info.pipeline;
      expect(pipeline.items.length, `${target} ${info.name}`).toBeGreaterThan(0);
      expect(info.pipeline, `${target} ${info.name} is parsed once`).toBe(pipeline);
    }
  });
});
