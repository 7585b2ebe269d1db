import { UsageError } from './args.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { processIo, type CliIo } from './io.js';
import { version } from '../package.json';

export { memoryIo, processIo } from './io.js';
export type { CliIo, MemoryIo, OutStream } from './io.js';
export { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit.js';
export const VERSION: string = version;

type CommandModule = { run(args: readonly string[], io: CliIo): Promise<number> };

// Commands load on demand: `sigmats convert` never pays for the evaluator, `--help` for nothing.
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  convert: () => import('./commands/convert.js'),
  check: () => import('./commands/check.js'),
  test: () => import('./commands/test.js'),
  eval: () => import('./commands/eval.js'),
  list: () => import('./commands/list.js'),
  analyze: () => import('./commands/analyze.js'),
  variants: () => import('./commands/variants.js'),
};

function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** Run the CLI with `argv` (without node and script). Resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr.write(MAIN_HELP);
    return EXIT_USAGE;
  }
  if (command === '--help' || command === '-h') {
    io.stdout.write(MAIN_HELP);
    return EXIT_OK;
  }
  if (command === 'help') {
    const topic = rest[0];
    const text = topic === undefined ? MAIN_HELP : COMMAND_HELP[topic];
    if (text === undefined) {
      io.stderr.write(`sigmats: error: unknown command '${topic}'\n\n${MAIN_HELP}`);
      return EXIT_USAGE;
    }
    io.stdout.write(text);
    return EXIT_OK;
  }
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.stderr.write(`sigmats: error: unknown command '${command}'\n\n${MAIN_HELP}`);
    return EXIT_USAGE;
  }
  if (wantsHelp(rest)) {
    io.stdout.write(COMMAND_HELP[command] ?? MAIN_HELP);
    return EXIT_OK;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      const hint = err.unknownOption ? (await import('./option-hint.js')).optionHint(err.unknownOption.written, err.unknownOption.specs) : '';
      io.stderr.write(`sigmats ${command}: error: ${err.message}${hint}\nRun 'sigmats ${command} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    const e = err as Error;
    io.stderr.write(`sigmats ${command}: internal error: ${e.stack ?? e.message}\n`);
    return EXIT_FAILED;
  }
}
