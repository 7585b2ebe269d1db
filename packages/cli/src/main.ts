/**
 * The `sigmats` process: what bin.ts runs, whether from the one-file bundle (launch/bundle.ts) or from the modules.
 * Exit handling lives here, not in `run`, because only a process entry may install signal handlers.
 */
import { run } from './index.js';
import { removePendingTemporaries } from './output.js';
import { enableYoungGenerationHold } from './young-generation.js';

export function main(argv: readonly string[]): void {
  // A consumer that stops reading (`sigmats convert ... | head`) is not an error: stop quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }

  // An interrupt must not leave temporary output files behind (outputs are written to a temporary, then renamed).
  // With a handler installed, a signal is handled between synchronous writes, never in the middle of one.
  process.on('exit', removePendingTemporaries);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      removePendingTemporaries();
      process.exit(code);
    });
  }

  // The batch commands that convert or check in chunks hold V8's young generation to a size (young-generation.ts).
  if (argv[0] === 'convert' || argv[0] === 'check') enableYoungGenerationHold(process.env.NODE_OPTIONS, process.execArgv);

  // Set the exit code rather than calling process.exit, so buffered stdout (e.g. a pipe) is flushed first.
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`sigmats: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
