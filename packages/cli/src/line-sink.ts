import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { drained, type OutStream } from './io.js';
import { trackTemporary, untrackTemporary } from './output.js';

/** Where NDJSON lines go until their turn on stdout. */
export interface LineSink {
  write(text: string): void;
  /**
   * Everything written, in order, to `out`; the sink is spent afterwards. Waits for `out` between pieces (see
   * io.ts's drained), so lines held in a file do not all queue in memory behind a slow reader.
   */
  drain(out: OutStream): Promise<void>;
}

/** Writes are gathered to about this size: thousands of small writes to a pipe or file cost more than the JSON. */
const PIECE = 65536;

/** Straight to the stream, in pieces of about 64 KB. */
export function directSink(out: OutStream): LineSink {
  let buf = '';
  return {
    write(text) {
      buf += text;
      if (buf.length >= PIECE) {
        out.write(buf);
        buf = '';
      }
    },
    async drain() {
      if (buf !== '') out.write(buf);
      buf = '';
    },
  };
}

/** Held in memory (a run that holds every result anyway). */
export function memorySink(): LineSink {
  const pieces: string[] = [];
  let buf = '';
  return {
    write(text) {
      buf += text;
      if (buf.length >= PIECE) {
        pieces.push(buf);
        buf = '';
      }
    },
    async drain(out) {
      for (const p of pieces) {
        out.write(p);
        await drained(out);
      }
      if (buf !== '') out.write(buf);
      pieces.length = 0;
      buf = '';
    },
  };
}

let spools = 0;

/**
 * Held in a temporary file (private to the user, removed after draining and on an interrupt): the lines of a
 * second target in a streamed run, which must follow all of the first target's lines, without holding them.
 */
export function fileSink(): LineSink {
  const path = join(process.getBuiltinModule('node:os').tmpdir(), `.sigmats-${process.pid}-${++spools}.ndjson.tmp`);
  const fd = openSync(path, 'wx+', 0o600);
  trackTemporary(path);
  let closed = false;
  let buf = '';
  const flush = (): void => {
    if (buf !== '') writeSync(fd, buf);
    buf = '';
  };
  return {
    write(text) {
      buf += text;
      if (buf.length >= PIECE) flush();
    },
    async drain(out) {
      try {
        flush();
        const decoder = new StringDecoder('utf8');
        const piece = Buffer.allocUnsafe(1 << 20);
        for (let at = 0; ; ) {
          const n = readSync(fd, piece, 0, piece.length, at);
          if (n === 0) break;
          at += n;
          out.write(decoder.write(piece.subarray(0, n)));
          await drained(out);
        }
        const rest = decoder.end();
        if (rest !== '') out.write(rest);
      } finally {
        if (!closed) closeSync(fd);
        closed = true;
        rmSync(path, { force: true });
        untrackTemporary(path);
      }
    },
  };
}
