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
 * A file that does not start with an object is read on this thread in one pass.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '@sigmats/core';
import { readEventPart, readEvents, type CompiledRuleSet, type EventObject, type MatchStream } from '@sigmats/evaluator';
import type { MatchReport } from '../eval-output.js';
import { filePieces, filePiecesSync, PIECE_BYTES, READ_BYTES } from '../event-file.js';
import { changesRuleSet, evaluateEvent, preparerFor, type EventOutcome } from './eval-chunk.js';
import type { StreamPool } from './stream-pool.js';

/** Bytes a part holds at most (save where no cut is found): about 3,000 Sysmon events, some 60 ms of matching. */
export const PART_BYTES = 4 << 20;
/** ... and at least, so that a small file with --jobs is still cut for every thread. */
const MIN_PART_BYTES = 256 << 10;
export interface PartJob {
  readonly index: number;
  readonly part: {
    /** The file's path, and its name as diagnostics give it. */
    readonly path: string;
    readonly name: string;
    readonly start: number;
    /** Where the part ends; the last part reads to the end of the file, wherever it is by then. */
    readonly end: number;
    readonly last: boolean;
  };
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

/** A thread's matcher of parts, over its own rule set and stream (the file is opened per part). */
export function partMatcher(set: CompiledRuleSet, stream: MatchStream, flatten: boolean): (job: PartJob) => PartResult {
  const prepare = preparerFor(flatten);
  return (job) => {
    const { path, name, start, end, last } = job.part;
    const entries: PartEntry[] = [];
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const read = readEventPart(filePiecesSync(fd, start, last ? undefined : end, buffer()), name, last, (item) => {
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
  readonly pool: StreamPool<PartJob, PartResult>;
  readonly recompile: () => CompiledRuleSet;
  /** Threads matching parts (workers + this one). */
  readonly threads: number;
  /** Bytes per part (partBytes by default; tests cut small texts into many parts). */
  readonly partBytes?: number;
}

interface Queued {
  readonly job: PartJob;
  result?: PartResult;
}

/** Events files matched in parts, one after the other; see the top of this file. */
export class EventParts {
  private set: CompiledRuleSet;
  private stream: MatchStream;
  private match: (job: PartJob) => PartResult;
  private queue: Queued[] = [];
  /** Line breaks in the current file before its oldest unwritten part. */
  private base = 0;
  /** The run went on alone: the workers are stopped, and every file from there on is read here in one pass. */
  private alone = false;
  parts = 0;

  constructor(private readonly o: EventPartsOptions) {
    this.set = o.set;
    this.stream = o.stream;
    this.match = partMatcher(o.set, o.stream, o.flatten);
  }

  /** The stream the run ended with (this thread's; after going on alone, the fresh set's). */
  get finalStream(): MatchStream {
    return this.stream;
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
    if (fd === undefined) return this.readOn(path, name, 0);
    try {
      await this.inParts(path, name, fd);
    } finally {
      closeSync(fd);
    }
  }

  private async inParts(path: string, name: string, fd: number): Promise<void> {
    const size = fstatSync(fd).size;
    const bytes = this.o.partBytes ?? partBytes(size, this.o.threads);
    // Parts in flight at most (dispatched, not written): reading waits while the oldest is matched elsewhere.
    const maxQueue = 4 * this.o.threads + 2;
    for (let from = 0; from < size; ) {
      let cut: number;
      try {
        cut = nextCut(fd, from + bytes, size);
      } catch {
        // The rest is one part: whichever thread reads it meets the failure, and the file is then read on here.
        cut = size;
      }
      const job: PartJob = { index: this.parts++, part: { path, name, start: from, end: cut, last: cut >= size } };
      from = cut;
      const queued: Queued = { job };
      this.queue.push(queued);
      if (!this.o.pool.offer(job)) {
        queued.result = this.match(job);
        // Let the workers' replies in before the next part.
        await new Promise<void>((r) => setImmediate(r));
      }
      if (!(await this.writeDone(this.queue.length >= maxQueue))) return this.goOnAlone(path, name);
    }
    if (!(await this.writeDone(true, true))) return this.goOnAlone(path, name);
    await this.o.report.fileEnd();
  }

  /**
   * Writes the parts whose outcomes are in, oldest first (waiting for the oldest while `wait`; for all while `all`).
   * False when the oldest cannot be written as one pass would give it: the file is then read on from its start alone.
   */
  private async writeDone(wait: boolean, all = false): Promise<boolean> {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      for (;;) {
        head.result ??= this.o.pool.take(head.job.index);
        if (head.result !== undefined) break;
        if (this.o.pool.lost(head.job.index)) {
          head.result = this.match(head.job);
          break;
        }
        if (!wait && !all) return true;
        await this.o.pool.next();
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

  /**
   * From the oldest unwritten part on, the file is read and matched here, in order, with a rule set compiled afresh:
   * the state one pass has there (every part before it ended outside any value, and changed no rule set).
   */
  private async goOnAlone(path: string, name: string): Promise<void> {
    this.o.pool.close();
    this.alone = true;
    const from = this.queue[0]!.job.part.start;
    this.queue = [];
    this.set = this.o.recompile();
    this.stream = this.set.stream();
    await this.readOn(path, name, from);
  }

  /**
   * Reads and matches the file here from byte `from` (a line that starts outside any value) to its end. An event
   * after which a rule failed changes this thread's rule set: the workers' sets no longer match it, so the run goes
   * on alone from there.
   */
  private async readOn(path: string, name: string, from: number): Promise<void> {
    const prepare = preparerFor(this.o.flatten);
    try {
      for await (const item of readEvents(filePieces(path, from), name)) {
        if (item.diagnostic) this.o.report.diagnostic(this.located(item.diagnostic));
        else {
          const outcome = evaluateEvent(this.set, this.stream, prepare, item.event.event as EventObject);
          if (!this.alone && changesRuleSet(outcome)) {
            this.o.pool.close();
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
