import { describe, expect, it } from 'vitest';
import { jitFlagsFor, streamFlagsFor } from '../src/jit.js';

describe('jitFlagsFor', () => {
  const cases: readonly { command: string | undefined; nodeOptions?: string; execArgv?: readonly string[]; flags: readonly string[] }[] = [
    { command: 'convert', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'check', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'test', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'list', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'variants', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    // eval's hot loops profit from inlining; unknown commands and no command change nothing.
    { command: 'eval', flags: [] },
    { command: 'frobnicate', flags: [] },
    { command: undefined, flags: [] },
    // The user's own choice wins, in either spelling and from either place.
    { command: 'convert', nodeOptions: '--max-old-space-size=4096 --turbo-inlining', flags: ['--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'convert', nodeOptions: '--no-turbo_inlining', flags: ['--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'convert', execArgv: ['--no-turbo-inlining'], flags: ['--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'convert', nodeOptions: '--turbo-inlining-extra', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    // Each flag on its own: a budget of the user's own keeps the inlining setting, and the other way round.
    { command: 'check', nodeOptions: '--interrupt-budget=100000', flags: ['--no-turbo-inlining', '--heap-growing-percent=50'] },
    { command: 'check', execArgv: ['--interrupt_budget=100000'], flags: ['--no-turbo-inlining', '--heap-growing-percent=50'] },
    { command: 'check', execArgv: ['--turbo-inlining', '--interrupt-budget=1'], flags: ['--heap-growing-percent=50'] },
    { command: 'convert', execArgv: ['--turbo-inlining', '--interrupt-budget=1', '--heap_growing_percent=0'], flags: [] },
    { command: 'eval', nodeOptions: '--interrupt-budget=100000', flags: [] },
  ];
  it.each(cases)('$command with NODE_OPTIONS=$nodeOptions execArgv=$execArgv', ({ command, nodeOptions, execArgv, flags }) => {
    expect(jitFlagsFor(command, nodeOptions, execArgv ?? [])).toEqual(flags);
  });
});

describe('streamFlagsFor', () => {
  const cases: readonly { command: string | undefined; nodeOptions?: string; execArgv?: readonly string[]; flags: readonly string[] }[] = [
    { command: 'eval', flags: ['--heap-growing-percent=50'] },
    { command: 'eval', nodeOptions: '--heap_growing_percent=100', flags: [] },
    { command: 'eval', execArgv: ['--heap-growing-percent=0'], flags: [] },
    { command: 'convert', flags: [] },
    { command: undefined, flags: [] },
  ];
  it.each(cases)('$command with NODE_OPTIONS=$nodeOptions execArgv=$execArgv', ({ command, nodeOptions, execArgv, flags }) => {
    expect(streamFlagsFor(command, nodeOptions, execArgv ?? [])).toEqual(flags);
  });
});
