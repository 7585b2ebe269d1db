// builtInPipeline (src/pipeline/built-in.ts): parsed on first read of `pipeline`, once; a broken one throws then.
import { describe, expect, it } from 'vitest';
import { builtInPipeline } from '../../src/pipeline/built-in.js';

const OBJ = {
  name: 'demo',
  transformations: [{ id: 'rename', type: 'field_name_mapping', mapping: { Image: 'NewProcessName' } }],
};

describe('builtInPipeline', () => {
  it('reads its object only when the pipeline is first used, and parses it once', () => {
    let reads = 0;
    const watched = new Proxy(OBJ, {
      get(target, key, receiver) {
        reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const info = builtInPipeline(watched, 'demo', 'a demo', '<test:demo>');
    expect(info.name).toBe('demo');
    expect(info.description).toBe('a demo');
    expect(reads).toBe(0);
    const first = info.pipeline;
    expect(reads).toBeGreaterThan(0);
    expect(first.items).toHaveLength(1);
    const after = reads;
    expect(info.pipeline).toBe(first);
    expect(reads).toBe(after);
  });

  it("throws with the parser's message when the built-in is invalid", () => {
    const info = builtInPipeline({ name: 'broken', transformations: [{ type: 'no_such_transformation' }] }, 'broken', '', '<test:broken>');
    expect(() => info.pipeline).toThrow(/built-in pipeline broken is invalid: .*no_such_transformation/);
  });
});
