import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jitFlagsFor, streamFlagsFor, V8_COMPILER_DEFAULTS } from '../src/jit.js';

describe('jitFlagsFor', () => {
  const cases: readonly { command: string | undefined; nodeOptions?: string; execArgv?: readonly string[]; flags: readonly string[] }[] = [
    { command: 'convert', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'check', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'test', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'list', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'variants', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    { command: 'analyze', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
    // eval loads its rules as a batch command does (streamFlagsFor sets the compiler's back for matching); unknown
    // commands and no command change nothing.
    { command: 'eval', flags: ['--no-turbo-inlining', '--interrupt-budget=400000', '--heap-growing-percent=50'] },
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
    { command: 'eval', nodeOptions: '--interrupt-budget=100000', flags: ['--no-turbo-inlining', '--heap-growing-percent=50'] },
  ];
  it.each(cases)('$command with NODE_OPTIONS=$nodeOptions execArgv=$execArgv', ({ command, nodeOptions, execArgv, flags }) => {
    expect(jitFlagsFor(command, nodeOptions, execArgv ?? [])).toEqual(flags);
  });
});

describe('streamFlagsFor', () => {
  const cases: readonly { command: string | undefined; nodeOptions?: string; execArgv?: readonly string[]; flags: readonly string[] }[] = [
    // V8's own values of the compiler flags eval loaded with; the heap's growth stays held.
    { command: 'eval', flags: ['--turbo-inlining', '--interrupt-budget=67584'] },
    { command: 'eval', nodeOptions: '--heap_growing_percent=100', flags: ['--turbo-inlining', '--interrupt-budget=67584'] },
    // A flag of the user's own was not set, and is not set back.
    { command: 'eval', nodeOptions: '--interrupt-budget=100000', flags: ['--turbo-inlining'] },
    { command: 'eval', execArgv: ['--no-turbo-inlining'], flags: ['--interrupt-budget=67584'] },
    { command: 'convert', flags: [] },
    { command: 'analyze', flags: [] },
    { command: undefined, flags: [] },
  ];
  it.each(cases)('$command with NODE_OPTIONS=$nodeOptions execArgv=$execArgv', ({ command, nodeOptions, execArgv, flags }) => {
    expect(streamFlagsFor(command, nodeOptions, execArgv ?? [])).toEqual(flags);
  });

  it("sets back V8's own defaults, as this Node's V8 states them", () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const back of Object.values(V8_COMPILER_DEFAULTS)) {
      const name = back.replace(/^--(no-)?/, '').replace(/=.*/, '');
      const stated = new RegExp(`^\\s+--${name} \\(.*\\)\\n\\s+type: \\w+\\s+default: (\\S+)$`, 'm').exec(options);
      expect(stated?.[1], name).toBe(back);
    }
  });
});
