#!/usr/bin/env node
import { run } from './index.js';

// Set the exit code rather than calling process.exit, so buffered stdout (e.g. a pipe) is flushed first.
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sigmats: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
