/**
 * The process's stdout and stderr written straight to their file descriptors, for the `sigmats` process itself.
 *
 * Why: `process.stdout` is made on first use, and for a pipe, a socket or a file that loads Node's streams (stream,
 * readable, writable, duplex, the abort controller...: 19 modules of the 114 a one-rule conversion loaded). They cost
 * that start about 4 ms (BENCHMARKS.md, round 15). Node writes files, and on Linux pipes and sockets, synchronously
 * anyway (a full pipe blocks the writer), so a reader sees the same bytes in the same order.
 *
 * Only for outputs that are not terminals: a terminal (or another character device, such as /dev/null) keeps Node's
 * own stream, which knows its width and whether it is a TTY. When the descriptor cannot be inspected at all (closed,
 * say), Node's stream decides what happens, as before.
 */
import { constants, fstatSync, writeSync } from 'node:fs';
import type { OutStream } from './io.js';

/**
 * A descriptor written with `writeSync`, or undefined when Node's own stream should write it (a terminal or any
 * other character device, or a descriptor fstat cannot read).
 */
export function directOut(fd: number, onClosed: () => void): DirectOut | undefined {
  let mode: number;
  try {
    mode = fstatSync(fd).mode & constants.S_IFMT;
  } catch {
    return undefined;
  }
  return mode === constants.S_IFIFO || mode === constants.S_IFSOCK || mode === constants.S_IFREG ? new DirectOut(fd, onClosed) : undefined;
}

/** Longest wait between two tries of a write the descriptor refused for now (EAGAIN), in milliseconds. */
const MAX_BACKOFF_MS = 64;

export class DirectOut implements OutStream {
  readonly isTTY = false;
  /** Whether writes are refused for good (the reader went away); later writes are dropped. */
  private closed = false;
  private nap: Int32Array | undefined;

  constructor(
    private readonly fd: number,
    /** Called once when the reader has gone (EPIPE): the process entry stops quietly, as it did for Node's stream. */
    private readonly onClosed: () => void,
  ) {}

  write(chunk: string): boolean {
    if (this.closed || chunk.length === 0) return true;
    const bytes = Buffer.from(chunk, 'utf8');
    let at = 0;
    let backoff = 1;
    while (at < bytes.length) {
      try {
        at += writeSync(this.fd, bytes, at, bytes.length - at);
        backoff = 1;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
          // Someone made the descriptor non-blocking (it is shared with the process that opened it): wait for the
          // reader, doubling the wait up to a bound.
          Atomics.wait((this.nap ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          continue;
        }
        if (code === 'EPIPE') {
          this.closed = true;
          this.onClosed();
          return true;
        }
        throw e;
      }
    }
    return true;
  }
}
