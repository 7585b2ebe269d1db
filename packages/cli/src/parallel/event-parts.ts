/**
 * Large events files matched in parts on every thread (issue 16: both cores), one file after the other. Each part of
 * a file is read, decoded, parsed and matched by the thread it is given to, from the file itself; only its outcomes
 * cross between threads. With events read on the main thread and sent to the workers as objects (event-chunks.ts),
 * the main thread read, parsed and cloned every event, and was the bottleneck: two threads gave x0.94–0.96 of one
 * where two processes, each reading half the file, gave about x0.7 (BENCHMARKS.md, round 22).
 *
 * What one pass over the files gives is kept exactly. A part starts after a line break, at a line that opens an
 * object (`\n{`): the splitter carries nothing from line to line that such a line does not reset, so a part read on
 * its own gives what one pass gives there, with lines counted from the part's start (readEventPart). The one thing a
 * part cannot know is that the part before it ended inside a value (a pretty-printed object with a `{` in column 1,
 * a top-level array): that part says so, and from its start the file is read on this thread alone, as one pass
 * would read it. The same holds after an event that changed the rule set (a rule failed while matching): every
 * thread has its own set, so from the part that holds it on, this thread goes on alone with a set compiled afresh.
 * A file that does not start with an object is read on this thread in one pass. A thread opens the file by its path
 * for each part, and checks that it is still the file the run started on (device and inode): if another was put at the
 * path since (a log rotated), the part fails, and this thread reads on alone from its own descriptor, as one pass
 * reads the file it opened.
 *
 * A stream (stdin, a named pipe) that opens with an object is cut the same way as it comes in: this thread copies
 * each part's bytes out of the stream and keeps them until the part is written, so that it can go on alone from any
 * unwritten part (runStream). Workers start once the stream has passed `startAt` bytes: its length is not known.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '@sigmats/core';
import { readEventPart, readEvents, type CompiledRuleSet, type EventObject, type MatchStream } from '@sigmats/evaluator';
import type { MatchReport } from '../eval-output.js';
import { filePieces, filePiecesSync, PIECE_BYTES, piecesOf, READ_BYTES } from '../event-file.js';
import { changesRuleSet, evaluateEvent, preparerFor, type EventOutcome } from './eval-chunk.js';
import type { StreamPool } from './stream-pool.js';

/** Bytes a part holds at most (save where no cut is found): about 3,000 Sysmon events, some 60 ms of matching. */
export const PART_BYTES = 4 << 20;
/** ... and at least, so that a small file with --jobs is still cut for every thread. */
const MIN_PART_BYTES = 256 << 10;
/** Bytes a part of a stream holds at least: each is copied out of the stream, and kept here until it is written. */
export const STREAM_PART_BYTES = 1 << 20;

/** A part of a regular file, read from the file by the thread that matches it. */
export interface FilePart {
  /** The file's path, and its name as diagnostics give it. */
  readonly path: string;
  readonly name: string;
  /** The file the run reads (device and inode): one put at the path since (a log rotated) is not read. */
  readonly file: string;
  readonly start: number;
  /** Where the part ends; the last part reads to the end of the file, wherever it is by then. */
  readonly end: number;
  readonly last: boolean;
}

/** A part of a stream: its bytes, sent to the thread that matches it (a copy: this thread keeps its own). */
export interface BytesPart {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly last: boolean;
}

export interface PartJob {
  readonly index: number;
  readonly part: FilePart | BytesPart;
}

/** An event with no outcome is its line alone (most events); lines count from the part's first line (1). */
export type PartEntry = number | { readonly line: number; readonly outcome: EventOutcome } | { readonly diagnostic: Diagnostic };

export type PartResult =
  | { readonly index: number; readonly entries: readonly PartEntry[]; readonly lineBreaks: number; readonly endsInValue: boolean; readonly error?: undefined }
  /** The part could not be read here: the main thread reads the file on from its start and reports what fails. */
  | { readonly index: number; readonly error: string };

/** Bytes per part for a file of `size` bytes on `threads` threads: several parts per thread, at most PART_BYTES. */
export function partBytes(size: number, threads: number): number {
  return Math.max(MIN_PART_BYTES, Math.min(PART_BYTES, Math.floor(size / (8 * threads))));
}

/**
 * A thread's one read buffer, reused for every part (a fresh megabyte per part is a fresh mapping, page faults and
 * all); a part is decoded from it before the next read.
 */
let readBuffer: Buffer | undefined;
const buffer = (): Buffer => (readBuffer ??= Buffer.allocUnsafeSlow(READ_BYTES));

/**
 * Whether a file is read in parts: its first character, past blanks and a byte order mark, opens an object (NDJSON,
 * concatenated objects). A top-level array would end every part but the last inside it.
 */
export function opensWithObject(fd: number): boolean {
  const head = buffer().subarray(0, PIECE_BYTES);
  for (let at = 0; ; ) {
    const n = readSync(fd, head, 0, head.length, at);
    if (n === 0) return false;
    let k = at === 0 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    for (; k < n; k++) {
      const b = head[k]!;
      if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return b === 123;
    }
    at += n;
  }
}

/** The first position at or after `from` that follows a line break and holds `{`; `size` if there is none before it. */
export function nextCut(fd: number, from: number, size: number): number {
  const window = buffer().subarray(0, PIECE_BYTES);
  // A window overlaps the one before by a byte, so that a `\n{` across two windows is found.
  for (let at = Math.max(0, from - 1); at < size - 1; at += window.length - 1) {
    const n = readSync(fd, window, 0, Math.min(window.length, size - at), at);
    if (n < 2) return size;
    const k = window.subarray(0, n).indexOf('\n{');
    if (k >= 0) return at + k + 1;
  }
  return size;
}

/** Which file an open descriptor reads: its device and inode. */
function fileOf(fd: number): string {
  const st = fstatSync(fd, { bigint: true });
  return `${st.dev}:${st.ino}`;
}

/** A thread's matcher of parts, over its own rule set and stream (a file's part is read from the file, opened per part). */
export function partMatcher(set: CompiledRuleSet, stream: MatchStream, flatten: boolean): (job: PartJob) => PartResult {
  const prepare = preparerFor(flatten);
  return (job) => {
    const part = job.part;
    const { name, last } = part;
    const entries: PartEntry[] = [];
    let fd: number | undefined;
    try {
      let pieces: Iterable<Uint8Array>;
      if ('bytes' in part) pieces = piecesOf(part.bytes);
      else {
        fd = openSync(part.path, 'r');
        if (fileOf(fd) !== part.file) throw new Error(`${part.path} is no longer the file being read (replaced since)`);
        pieces = filePiecesSync(fd, part.start, last ? undefined : part.end, buffer());
      }
      const read = readEventPart(pieces, name, last, (item) => {
        if (item.diagnostic) entries.push({ diagnostic: item.diagnostic });
        else {
          const outcome = evaluateEvent(set, stream, prepare, item.event.event);
          entries.push(outcome === undefined ? item.event.line : { line: item.event.line, outcome });
        }
      });
      return { index: job.index, entries, lineBreaks: read.lineBreaks, endsInValue: read.endsInValue };
    } catch (err) {
      return { index: job.index, error: (err as Error)?.message ?? String(err) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

export interface EventPartsOptions {
  readonly report: MatchReport;
  readonly set: CompiledRuleSet;
  readonly stream: MatchStream;
  readonly flatten: boolean;
  /** The workers, when they started with the run (events files large enough). */
  readonly pool?: StreamPool<PartJob, PartResult>;
  /** Starts the workers once a stream has passed `startAt` bytes (a stream's length is not known in advance). */
  readonly startPool?: () => StreamPool<PartJob, PartResult>;
  readonly startAt?: number;
  /** Called as those workers start; what it returns, once one takes a part (or the workers stop): see CliIo.workersLoading. */
  readonly workersLoading?: () => () => void;
  readonly recompile: () => CompiledRuleSet;
  /** Threads matching parts (workers + this one). */
  readonly threads: number;
  /** Bytes per part (partBytes, or STREAM_PART_BYTES for a stream, by default; tests cut small texts into many parts). */
  readonly partBytes?: number;
}

interface Queued {
  readonly job: PartJob;
  result?: PartResult;
}

/** Events files and streams matched in parts, one after the other; see the top of this file. */
export class EventParts {
  private set: CompiledRuleSet;
  private stream: MatchStream;
  private match: (job: PartJob) => PartResult;
  private pool: StreamPool<PartJob, PartResult> | undefined;
  private queue: Queued[] = [];
  /** Line breaks in the current file before its oldest unwritten part. */
  private base = 0;
  /** The run went on alone: the workers are stopped, and every file from there on is read here in one pass. */
  private alone = false;
  parts = 0;
  /** Parts whose outcomes a worker sent (for --verbose). */
  partsByWorkers = 0;
  /** What to call once the workers started late have loaded (workersLoading). */
  private loaded: (() => void) | undefined;

  constructor(private readonly o: EventPartsOptions) {
    this.set = o.set;
    this.stream = o.stream;
    this.match = partMatcher(o.set, o.stream, o.flatten);
    this.pool = o.pool;
  }

  /** The stream the run ended with (this thread's; after going on alone, the fresh set's). */
  get finalStream(): MatchStream {
    return this.stream;
  }

  /** Workers started for the run (for --verbose). */
  get workers(): number {
    return this.pool === undefined ? 0 : this.o.threads - 1;
  }

  /** Stops the workers (also when reading ends early). */
  close(): void {
    this.pool?.close();
    this.workersLoaded();
  }

  private workersLoaded(): void {
    const loaded = this.loaded;
    this.loaded = undefined;
    loaded?.();
  }

  /** Parts in flight at most (dispatched, not written): reading waits while the oldest is matched elsewhere. */
  private get maxQueue(): number {
    return 4 * this.o.threads + 2;
  }

  /**
   * Matches the file at `path` (named `name` in diagnostics); reports its end (or failure) as one pass would. Files
   * are matched one after the other with one rule set: a file that does not open with an object is read here in one
   * pass, and once the run has gone on alone every later file is too (a rule that failed stays disabled, as in a
   * one-thread run).
   */
  async run(path: string, name: string): Promise<void> {
    this.base = 0;
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      if (this.alone || !opensWithObject(fd)) {
        closeSync(fd);
        fd = undefined;
      }
    } catch {
      // Reading it in one pass reports the failure where one pass meets it.
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    }
    if (fd === undefined) return this.readOn(name, filePieces(path));
    try {
      await this.inParts(path, name, fd);
    } finally {
      closeSync(fd);
    }
  }

  private async inParts(path: string, name: string, fd: number): Promise<void> {
    const size = fstatSync(fd).size;
    const file = fileOf(fd);
    // Going on alone reads this thread's own descriptor: the file the run started on, whatever the path names now.
    const from = (start: number): Iterable<Uint8Array> => filePiecesSync(fd, start, undefined, buffer());
    const bytes = this.o.partBytes ?? partBytes(size, this.o.threads);
    for (let at = 0; at < size; ) {
      let cut: number;
      try {
        cut = nextCut(fd, at + bytes, size);
      } catch {
        // The rest is one part: whichever thread reads it meets the failure, and the file is then read on here.
        cut = size;
      }
      const job: PartJob = { index: this.parts++, part: { path, name, file, start: at, end: cut, last: cut >= size } };
      at = cut;
      if (!(await this.dispatch(job))) return this.goOnAlone(name, from(this.oldestStart()));
    }
    if (!(await this.writeDone(true, true))) return this.goOnAlone(name, from(this.oldestStart()));
    await this.o.report.fileEnd();
  }

  /**
   * Matches a stream (named `name` in diagnostics) from its first byte, in parts cut as it comes in; reports its end
   * (or failure) as one pass would. Each part's bytes are copied out of the stream and kept until the part is
   * written: going on alone reads them again, then the rest of the stream. A stream that does not open with an
   * object (see streamOpensWithObject) is better read in one pass: every part of a top-level array ends inside it.
   */
  async runStream(name: string, source: AsyncIterable<string | Uint8Array>): Promise<void> {
    this.base = 0;
    if (this.alone) return this.readOn(name, source);
    const bytes = this.o.partBytes ?? STREAM_PART_BYTES;
    const pending = new PendingBytes();
    const rest = source[Symbol.asyncIterator]();
    let read = 0;
    let prev = -1;
    for (;;) {
      let next: IteratorResult<string | Uint8Array>;
      try {
        next = await rest.next();
      } catch (err) {
        // One pass meets the failure after what was read before it: read that again here, then fail as it would.
        return this.goOnAlone(name, this.keptThen(pending, undefined, failing(err)));
      }
      if (next.done) break;
      const chunk = asBuffer(next.value);
      read += chunk.length;
      for (let from = 0; ; ) {
        const cut = cutIn(chunk, from + Math.max(0, bytes - pending.size), from > 0 ? chunk[from - 1]! : prev);
        if (cut < 0) {
          pending.add(chunk.subarray(from));
          break;
        }
        pending.add(chunk.subarray(from, cut));
        from = cut;
        if (!(await this.dispatch({ index: this.parts++, part: { name, bytes: pending.take(this.pool !== undefined), last: false } }))) {
          return this.goOnAlone(name, this.keptThen(pending, chunk.subarray(from), rest));
        }
      }
      if (chunk.length > 0) prev = chunk[chunk.length - 1]!;
      if (this.pool === undefined && this.o.startPool !== undefined && read >= (this.o.startAt ?? 0)) {
        this.loaded = this.o.workersLoading?.();
        this.pool = this.o.startPool();
      }
    }
    const last = { index: this.parts++, part: { name, bytes: pending.take(this.pool !== undefined), last: true } };
    if (!(await this.dispatch(last)) || !(await this.writeDone(true, true))) return this.goOnAlone(name, this.keptThen(pending, undefined, undefined));
    await this.o.report.fileEnd();
  }

  /** Queues `job`, gives it to a worker with room or matches it here, and writes what is done; false: go on alone. */
  private async dispatch(job: PartJob): Promise<boolean> {
    const queued: Queued = { job };
    this.queue.push(queued);
    if (this.pool === undefined || !this.pool.offer(job)) {
      queued.result = this.match(job);
      // Let the workers' replies in before the next part.
      if (this.pool !== undefined) await new Promise<void>((r) => setImmediate(r));
    } else this.workersLoaded();
    return this.writeDone(this.queue.length >= this.maxQueue);
  }

  /**
   * Writes the parts whose outcomes are in, oldest first (waiting for the oldest while `wait`; for all while `all`).
   * False when the oldest cannot be written as one pass would give it: the file is then read on from its start alone.
   */
  private async writeDone(wait: boolean, all = false): Promise<boolean> {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      for (;;) {
        if (head.result === undefined) {
          head.result = this.pool?.take(head.job.index);
          if (head.result !== undefined) this.partsByWorkers++;
        }
        if (head.result !== undefined) break;
        if (this.pool === undefined || this.pool.lost(head.job.index)) {
          head.result = this.match(head.job);
          break;
        }
        if (!wait && !all) return true;
        await this.pool.next();
      }
      const r = head.result;
      if (r.error !== undefined || (r.endsInValue && !head.job.part.last) || r.entries.some((e) => typeof e === 'object' && 'outcome' in e && changesRuleSet(e.outcome))) return false;
      this.queue.shift();
      for (const e of r.entries) {
        if (typeof e === 'number') await this.o.report.event(head.job.part.name, this.base + e, undefined);
        else if ('outcome' in e) await this.o.report.event(head.job.part.name, this.base + e.line, e.outcome);
        else this.o.report.diagnostic(this.located(e.diagnostic));
      }
      this.base += r.lineBreaks;
      wait = false;
    }
    return true;
  }

  /** A diagnostic of the part at the head, with its line counted from the file's start. */
  private located(d: Diagnostic): Diagnostic {
    return d.line > 0 ? { ...d, line: this.base + d.line } : d;
  }

  /** Where the oldest unwritten part of a file starts. */
  private oldestStart(): number {
    return (this.queue[0]!.job.part as FilePart).start;
  }

  /**
   * A stream again from its oldest unwritten part: the bytes of every unwritten part, those read since the last cut
   * (`pending`, then `tail`, the rest of the chunk being cut), then the rest of the stream.
   */
  private keptThen(pending: PendingBytes, tail: Uint8Array | undefined, rest: AsyncIterator<string | Uint8Array> | undefined): AsyncIterable<string | Uint8Array> {
    const kept = this.queue.map((q) => (q.job.part as BytesPart).bytes);
    kept.push(pending.take(false));
    if (tail !== undefined) kept.push(tail);
    return (async function* () {
      for (const bytes of kept) yield* piecesOf(bytes);
      if (rest !== undefined) yield* restOf(rest);
    })();
  }

  /**
   * From the oldest unwritten part on (`from`: the file or stream from that part's start), everything is read and
   * matched here, in order, with a rule set compiled afresh: the state one pass has there (every part before it ended
   * outside any value, and changed no rule set).
   */
  private async goOnAlone(name: string, from: AsyncIterable<string | Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    this.close();
    this.alone = true;
    this.queue = [];
    this.set = this.o.recompile();
    this.stream = this.set.stream();
    await this.readOn(name, from);
  }

  /**
   * Reads and matches a file or stream here, from a line that starts outside any value to its end. An event after
   * which a rule failed changes this thread's rule set: the workers' sets no longer match it, so the run goes on
   * alone from there.
   */
  private async readOn(name: string, pieces: AsyncIterable<string | Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    const prepare = preparerFor(this.o.flatten);
    try {
      for await (const item of readEvents(pieces, name)) {
        if (item.diagnostic) this.o.report.diagnostic(this.located(item.diagnostic));
        else {
          const outcome = evaluateEvent(this.set, this.stream, prepare, item.event.event as EventObject);
          if (!this.alone && changesRuleSet(outcome)) {
            this.close();
            this.alone = true;
          }
          await this.o.report.event(name, this.base + item.event.line, outcome);
        }
      }
      await this.o.report.fileEnd();
    } catch (err) {
      this.o.report.fileFailed(name, err);
    }
  }
}

/** A chunk of a stream as a Buffer (for indexOf): text as UTF-8, bytes as a view. */
function asBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Where `chunk` may be cut at or after `at`: the first `{` that follows a line break (`prev`: the byte before the
 * chunk, -1 at the stream's start); -1 when there is none.
 */
export function cutIn(chunk: Buffer, at: number, prev: number): number {
  if (at >= chunk.length) return -1;
  if (at === 0 && prev === 10 && chunk[0] === 123) return 0;
  const k = chunk.indexOf('\n{', Math.max(0, at - 1));
  return k < 0 ? -1 : k + 1;
}

/** What an iterator has left to give (its failure included). */
async function* restOf(rest: AsyncIterator<string | Uint8Array>): AsyncGenerator<string | Uint8Array, void, undefined> {
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** An iterator that fails at its first step, as the stream it stands for failed. */
function failing(err: unknown): AsyncIterator<string | Uint8Array> {
  return { next: () => Promise.reject(err) };
}

/**
 * The bytes of a stream read since the last cut, copied out of its chunks (a chunk may be a view of a buffer the
 * stream reuses), in one buffer reused from part to part; `take` hands them on.
 */
class PendingBytes {
  private buffer = new Uint8Array(0);
  size = 0;

  add(bytes: Uint8Array): void {
    if (this.size + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(2 * this.buffer.length, this.size + bytes.length, PIECE_BYTES));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.size);
    this.size += bytes.length;
  }

  /**
   * The bytes, and none kept here from now on. `own`: in a buffer of their own (a part that may go to a worker, and is
   * kept until written); else a view of this one, valid until the next `add` (a part matched and written here before
   * the stream is read on: one copy less for every part of a stream while no worker has started).
   */
  take(own: boolean): Uint8Array {
    const bytes = own ? this.buffer.slice(0, this.size) : this.buffer.subarray(0, this.size);
    this.size = 0;
    return bytes;
  }
}

/**
 * Whether a stream opens with an object (its first byte past blanks and a byte order mark is `{`), read as far as
 * that takes; and the stream again from its first byte: what was read (copied: a chunk may be a view of a buffer
 * the stream reuses), then the rest. A failure to read is met again there, where one pass would meet it.
 */
export async function streamOpensWithObject(source: AsyncIterable<string | Uint8Array>): Promise<{ readonly opens: boolean; readonly source: AsyncIterable<string | Uint8Array> }> {
  const rest = source[Symbol.asyncIterator]();
  const head: (string | Uint8Array)[] = [];
  let failure: { readonly err: unknown } | undefined;
  let opens: boolean | undefined;
  // Decoded as readEvents decodes the stream, which drops a byte order mark at its start.
  const decoder = new TextDecoder('utf-8');
  let first = true;
  while (opens === undefined) {
    let next: IteratorResult<string | Uint8Array>;
    try {
      next = await rest.next();
    } catch (err) {
      failure = { err };
      break;
    }
    if (next.done) break;
    const chunk = next.value;
    // A copy (Buffer's slice is a view).
    head.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const k = text.search(/[^ \t\r\n]/);
    if (k >= 0) opens = text.charCodeAt(k) === 123;
  }
  const ended = failure === undefined && opens === undefined;
  return {
    opens: opens === true,
    source: (async function* () {
      yield* head;
      if (failure !== undefined) throw failure.err;
      if (!ended) yield* restOf(rest);
    })(),
  };
}
