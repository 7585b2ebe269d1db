import { fstatSync, readFileSync } from 'node:fs';
import { directOut } from './direct-out.js';

/** What a command may touch of the outside world; `run` takes it as a parameter so tests can capture output. */
export interface OutStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  /** Read lazily: only `-` arguments consume it. */
  readonly stdin: () => AsyncIterable<string | Uint8Array>;
  /**
   * A path that opens stdin's file anew, when stdin is a regular file read from its start (`sigmats eval ... <
   * events.ndjson`): `eval` then reads it in parts on every thread, as a named file. Undefined otherwise, and for
   * an io whose stdin is not the process's.
   */
  readonly stdinFile?: () => string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Called by `eval` once its rule set is compiled, before the first event: the `sigmats` process sets V8's compiler
   * flags for matching there (jit.ts streamFlagsFor). A library caller need not give it.
   */
  readonly streamStarts?: () => void;
  /**
   * Called by `eval` as worker threads start in the middle of its stream; what it returns, once they have loaded
   * their rules (or stopped). The `sigmats` process holds its batch compiler flags meanwhile, the flags the workers'
   * code cache was made with (main.ts). A library caller need not give it.
   */
  readonly workersLoading?: () => () => void;
}

/**
 * The real process streams. With `direct` (the `sigmats` process only, never a library caller), stdout and stderr
 * that are pipes, sockets or files are written straight to their descriptors (direct-out.ts), and `onClosed` runs
 * when the reader of one has gone.
 */
export function processIo(direct?: { readonly onClosed: () => void }): CliIo {
  return {
    stdout: (direct && directOut(1, direct.onClosed)) || process.stdout,
    stderr: (direct && directOut(2, direct.onClosed)) || process.stderr,
    stdin: () => process.stdin,
    stdinFile,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * The process's stdin as a file (CliIo.stdinFile). Linux only: /dev/stdin opens the file again (even one removed
 * since), and /proc/self/fdinfo/0 gives the position the shell left it at; stdin read from elsewhere than its start
 * is read as a stream, from where it is.
 */
function stdinFile(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    if (!fstatSync(0).isFile()) return undefined;
    return /^pos:\s*0$/m.test(readFileSync('/proc/self/fdinfo/0', 'utf8')) ? '/dev/stdin' : undefined;
  } catch {
    return undefined;
  }
}

/** An in-memory io for tests and embedding: collects stdout/stderr as strings. */
export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function memoryIo(options: { stdin?: string; env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {}): MemoryIo {
  let out = '';
  let err = '';
  const tty = options.tty ?? false;
  return {
    stdout: { write: (s: string) => void (out += s), isTTY: tty },
    stderr: { write: (s: string) => void (err += s), isTTY: tty, columns: 80 },
    stdin: async function* () {
      if (options.stdin !== undefined) yield options.stdin;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}

export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for await (const c of stream) chunks.push(typeof c === 'string' ? enc.encode(c) : c);
  return Buffer.concat(chunks);
}

/**
 * Resolves once `stream` has handed what it buffers to the system. A pipe to a slower reader (`| less`, a parent
 * collecting output) makes Node queue every further write in memory: writing 30 MB of diagnostics to one grew
 * `convert`'s peak by about 70 MB (BENCHMARKS.md). Streams that never buffer (files, memoryIo) resolve at once.
 */
export function drained(stream: OutStream): Promise<void> {
  const s = stream as OutStream & { writableNeedDrain?: boolean; once?: (event: string, listener: () => void) => unknown; off?: (event: string, listener: () => void) => unknown };
  if (s.writableNeedDrain !== true || typeof s.once !== 'function') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      for (const e of ['drain', 'close', 'error']) s.off?.(e, done);
      resolve();
    };
    for (const e of ['drain', 'close', 'error']) s.once!(e, done);
  });
}

/** Characters per write of writeInPieces: 1 Mi UTF-16 code units, at most 3 MiB of UTF-8. */
export const WRITE_PIECE = 1 << 20;

/**
 * `text` written in pieces of about WRITE_PIECE characters (never between the two halves of a surrogate pair).
 * A stream turns each written string into one buffer: for `convert -t all`'s 6.6 MB on stdout one 6.6 MB string
 * (and the copy its trailing newline made) cost 111 ms, the same text in 1 Mi pieces 76 ms (5 alternating runs
 * into a pipe; BENCHMARKS.md, round 8). A slice of a flat string is not a copy.
 */
export function writeInPieces(stream: OutStream, text: string, piece = WRITE_PIECE): void {
  let at = 0;
  while (text.length - at > piece) {
    let end = at + piece;
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    stream.write(text.slice(at, end));
    at = end;
  }
  stream.write(at === 0 ? text : text.slice(at));
}
