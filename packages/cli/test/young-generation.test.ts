import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_MB, userChoseYoungGeneration, WORKER_RESOURCE_LIMITS } from '../src/young-generation.js';

// The effect on a real run (the main thread's semi-spaces, the workers' limits) is held by e2e.test.ts over the
// SigmaHQ corpus; here, when the user's own flags leave V8's settings alone.
describe('userChoseYoungGeneration', () => {
  const cases: readonly { nodeOptions?: string; execArgv?: readonly string[]; chose: boolean }[] = [
    { chose: false },
    { nodeOptions: '', execArgv: [], chose: false },
    { nodeOptions: '--max-semi-space-size=4', chose: true },
    { nodeOptions: '--max-old-space-size=4096 --min-semi-space-size=2', chose: true },
    { execArgv: ['--semi-space-growth-factor=3'], chose: true },
    { execArgv: ['--semi_space_growth_factor=3'], chose: true },
    { execArgv: ['--max_semi_space_size=64'], chose: true },
    // Other heap flags are not a choice of the young generation's size.
    { nodeOptions: '--max-old-space-size=4096', execArgv: ['--heap-growing-percent=50'], chose: false },
    { execArgv: ['--no-turbo-inlining', '--trace-gc'], chose: false },
  ];
  it.each(cases)('NODE_OPTIONS=$nodeOptions execArgv=$execArgv', ({ nodeOptions, execArgv, chose }) => {
    expect(userChoseYoungGeneration(nodeOptions, execArgv ?? [])).toBe(chose);
  });

  it("holds a worker's semi-spaces to the main thread's size (V8 makes a young generation three semi-spaces' worth)", () => {
    expect(WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb).toBe(3 * SEMI_SPACE_MB);
  });
});
