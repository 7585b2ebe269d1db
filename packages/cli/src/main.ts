/**
 * The `sigmats` process: what bin.ts runs, whether from the one-file bundle (launch/bundle.ts) or from the modules.
 * Exit handling lives here, not in `run`, because only a process entry may install signal handlers.
 */
import { DirectOut } from './direct-out.js';
import { run } from './index.js';
import { processIo } from './io.js';
import { streamFlagsFor, tuneJit } from './jit.js';
import { debug } from './launch/startup-debug.js';
import { removePendingTemporaries } from './output.js';
import { enableYoungGenerationHold } from './young-generation.js';

export function main(argv: readonly string[]): void {
  // A consumer that stops reading (`sigmats convert ... | head`) is not an error: stop quietly. Pipes, sockets and
  // files are written directly (direct-out.ts), which calls `quit` on EPIPE; Node's streams (a terminal) say it with
  // an error event. Node's streams are made only for an output that needs one.
  const quit = (): void => process.exit(process.exitCode ?? 0);
  // eval loads its rules with the batch commands' V8 flags (bin.ts set them) and matches with V8's own (jit.ts); while
  // workers started in the middle of a stream load theirs, the batch flags again.
  const io = {
    ...processIo({ onClosed: quit }),
    ...(argv[0] === 'eval' ? { streamStarts: () => streamFlags(argv[0]), workersLoading: () => batchFlagsWhileLoading(argv[0]) } : {}),
  };
  for (const stream of [io.stdout, io.stderr]) {
    if (stream instanceof DirectOut) continue;
    (stream as NodeJS.WriteStream).on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') quit();
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
  run(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      io.stderr.write(`sigmats: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * Sets the batch commands' V8 flags again while worker threads started in the middle of `eval`'s stream load their
 * rules, and returns what sets the matching flags back once they have. V8 flags are the process's, and a code cache is
 * refused under other flags than it was made with: with the matching flags a late worker loaded the bundle without
 * it and compiled its rules with inlining, beside the matching thread. 200,000 events piped, 9 alternating rounds:
 * wall x0.958, CPU x0.963 (BENCHMARKS.md, round 23).
 */
function batchFlagsWhileLoading(command: string | undefined): () => void {
  const flags = tuneJit(command);
  if (flags.length > 0) debug(`V8 flags ${flags.join(' ')} (workers loading)`);
  return () => streamFlags(command);
}

/** Sets the V8 flags `command` matches events with, and says so with SIGMATS_DEBUG_STARTUP=1. */
function streamFlags(command: string | undefined): void {
  const flags = tuneJit(command, streamFlagsFor);
  if (flags.length > 0) debug(`V8 flags ${flags.join(' ')} (matching)`);
}
