import { describe, expect, it } from 'vitest';
import { jitFlagsFor } from '../src/jit.js';

describe('jitFlagsFor', () => {
  const cases: readonly { command: string | undefined; nodeOptions?: string; execArgv?: readonly string[]; flags: readonly string[] }[] = [
    { command: 'convert', flags: ['--no-turbo-inlining'] },
    { command: 'check', flags: ['--no-turbo-inlining'] },
    { command: 'test', flags: ['--no-turbo-inlining'] },
    { command: 'list', flags: ['--no-turbo-inlining'] },
    { command: 'variants', flags: ['--no-turbo-inlining'] },
    // eval's hot loops profit from inlining; unknown commands and no command change nothing.
    { command: 'eval', flags: [] },
    { command: 'frobnicate', flags: [] },
    { command: undefined, flags: [] },
    // The user's own choice wins, in either spelling and from either place.
    { command: 'convert', nodeOptions: '--max-old-space-size=4096 --turbo-inlining', flags: [] },
    { command: 'convert', nodeOptions: '--no-turbo_inlining', flags: [] },
    { command: 'convert', execArgv: ['--no-turbo-inlining'], flags: [] },
    { command: 'convert', nodeOptions: '--turbo-inlining-extra', flags: ['--no-turbo-inlining'] },
  ];
  it.each(cases)('$command with NODE_OPTIONS=$nodeOptions execArgv=$execArgv', ({ command, nodeOptions, execArgv, flags }) => {
    expect(jitFlagsFor(command, nodeOptions, execArgv ?? [])).toEqual(flags);
  });
});
