/**
 * `eval`'s events, matched on this thread or, once the stream is long enough, in chunks on worker threads too
 * (issue 16: both cores), and written in input order through MatchReport either way.
 *
 * Everything read (events, read diagnostics, the end or failure of an events file) goes into the current chunk as
 * an entry, in order; a chunk holds EVAL_CHUNK_EVENTS events. A full chunk goes to a worker with room, else this
 * thread matches it at once, so this thread reads and matches while the workers match. Chunks are written in
 * order as their outcomes come in; reading waits while too many are unwritten, so memory is bounded by the chunks
 * in flight, never by the stream (the file is read no faster than the chunks are written).
 *
 * A rule that fails while matching is disabled from that event on, in the one rule set of a one-thread run. Each
 * thread has its own set, so at the first chunk (in order) with such a failure, or an event that could not be
 * evaluated, the workers stop and this thread goes on alone from that chunk with a set compiled afresh: every
 * chunk before it was matched by sets no failure had changed, as a one-thread run's was.
 */
import type { Diagnostic } from '@sigmats/core';
import type { CompiledRuleSet, EventObject, MatchStream } from '@sigmats/evaluator';
import type { MatchReport } from '../eval-output.js';
import { changesRuleSet, EVAL_CHUNK_EVENTS, evaluateEvent, type EvalChunkResult, type EvalJob } from './eval-chunk.js';
import type { StreamPool } from './stream-pool.js';

/** Entries a chunk holds at most (events and read diagnostics). */
const MAX_ENTRIES = 4 * EVAL_CHUNK_EVENTS;

type Entry =
  | { readonly kind: 'diagnostic'; readonly diagnostic: Diagnostic }
  | { readonly kind: 'event'; readonly file: string; readonly line: number }
  | { readonly kind: 'file-end' }
  | { readonly kind: 'file-failed'; readonly file: string; readonly err: unknown };

interface Chunk {
  readonly index: number;
  readonly entries: Entry[];
  readonly events: EventObject[];
  result?: EvalChunkResult;
}

export interface EventChunksOptions {
  readonly report: MatchReport;
  /** The main thread's rule set, and its stream. */
  readonly set: CompiledRuleSet;
  readonly stream: MatchStream;
  readonly prepare: (e: EventObject) => EventObject;
  /** Events matched on this thread before workers start; undefined: never (one thread, or correlations). */
  readonly startAt: number | undefined;
  /** Starts the workers (they load while this thread goes on). */
  readonly startPool: () => StreamPool<EvalJob, EvalChunkResult>;
  /** A fresh rule set compiled as the main thread's was, for going on alone after a failure. */
  readonly recompile: () => CompiledRuleSet;
}

export class EventChunks {
  private set: CompiledRuleSet;
  private stream: MatchStream;
  private pool: StreamPool<EvalJob, EvalChunkResult> | undefined;
  /** Chunks dispatched and not written yet, in order. */
  private queue: Chunk[] = [];
  private current: Chunk = { index: 0, entries: [], events: [] };
  private mode: 'direct' | 'chunked' | 'alone' = 'direct';
  private seen = 0;
  /** Chunks matched in all, and workers started (for --verbose). */
  chunks = 0;
  workers = 0;

  constructor(
    private readonly o: EventChunksOptions,
    /** Threads to match on (workers + this one). */
    private readonly threads: number,
  ) {
    this.set = o.set;
    this.stream = o.stream;
  }

  private maxQueue(): number {
    return 4 * this.threads + 2;
  }

  async diagnostic(d: Diagnostic): Promise<void> {
    if (this.mode !== 'chunked') this.o.report.diagnostic(d);
    else {
      this.current.entries.push({ kind: 'diagnostic', diagnostic: d });
      // A stream of broken events has diagnostics and no events: its chunks are bounded by their entries too.
      if (this.current.entries.length >= MAX_ENTRIES) await this.dispatch();
    }
  }

  async event(file: string, line: number, event: EventObject): Promise<void> {
    if (this.mode === 'direct' && this.o.startAt !== undefined && this.seen >= this.o.startAt) this.startChunks();
    this.seen++;
    if (this.mode !== 'chunked') {
      const outcome = evaluateEvent(this.set, this.stream, this.o.prepare, event);
      // Workers start with sets no failure changed: once this one is changed, the run stays on this thread.
      if (this.mode === 'direct' && changesRuleSet(outcome)) this.mode = 'alone';
      await this.o.report.event(file, line, outcome);
      return;
    }
    this.current.entries.push({ kind: 'event', file, line });
    this.current.events.push(event);
    if (this.current.events.length >= EVAL_CHUNK_EVENTS) await this.dispatch();
  }

  async fileEnd(): Promise<void> {
    if (this.mode !== 'chunked') await this.o.report.fileEnd();
    else this.current.entries.push({ kind: 'file-end' });
  }

  async fileFailed(file: string, err: unknown): Promise<void> {
    if (this.mode !== 'chunked') this.o.report.fileFailed(file, err);
    else this.current.entries.push({ kind: 'file-failed', file, err });
  }

  /** After the last events file: every chunk written, the workers stopped. */
  async finish(): Promise<void> {
    if (this.mode === 'chunked') {
      if (this.current.entries.length > 0) await this.dispatch();
      while (this.queue.length > 0 && this.mode === 'chunked') await this.writeHead(true);
    }
    this.close();
  }

  /** Stops the workers (also when reading ends early). */
  close(): void {
    this.pool?.close();
  }

  /** The stream the main thread's set ended with (its end() closes correlation windows; none in chunked runs). */
  get finalStream(): MatchStream {
    return this.stream;
  }

  private startChunks(): void {
    this.pool = this.o.startPool();
    this.workers = this.threads - 1;
    this.mode = 'chunked';
  }

  private matchHere(chunk: Chunk): EvalChunkResult {
    return { index: chunk.index, outcomes: chunk.events.map((e) => evaluateEvent(this.set, this.stream, this.o.prepare, e)) };
  }

  private async dispatch(): Promise<void> {
    const chunk = this.current;
    this.current = { index: chunk.index + 1, entries: [], events: [] };
    this.chunks++;
    this.queue.push(chunk);
    const job: EvalJob = { index: chunk.index, events: chunk.events };
    if (chunk.events.length === 0 || !this.pool!.offer(job)) chunk.result = this.matchHere(chunk);
    // Write what is done; wait (reading no further) while too many chunks are unwritten.
    while (this.queue.length > 0 && this.mode === 'chunked') {
      if (!(await this.writeHead(this.queue.length > this.maxQueue()))) break;
    }
  }

  /** Writes the oldest chunk if its outcomes are in (waiting for them if `wait`); false if it is not written. */
  private async writeHead(wait: boolean): Promise<boolean> {
    const head = this.queue[0]!;
    const pool = this.pool!;
    for (;;) {
      head.result ??= pool.take(head.index);
      if (head.result !== undefined) break;
      if (pool.lost(head.index)) {
        head.result = this.matchHere(head);
        break;
      }
      if (!wait) return false;
      await pool.next();
    }
    if (head.result.outcomes.some(changesRuleSet)) {
      await this.goOnAlone();
      return true;
    }
    this.queue.shift();
    let k = 0;
    for (const entry of head.entries) {
      if (entry.kind === 'event') await this.o.report.event(entry.file, entry.line, head.result.outcomes[k++]);
      else await this.write(entry);
    }
    return true;
  }

  private async write(entry: Exclude<Entry, { kind: 'event' }>): Promise<void> {
    if (entry.kind === 'diagnostic') this.o.report.diagnostic(entry.diagnostic);
    else if (entry.kind === 'file-end') await this.o.report.fileEnd();
    else this.o.report.fileFailed(entry.file, entry.err);
  }

  /**
   * From the oldest unwritten chunk on, everything is matched here, in order, with a rule set compiled afresh (the
   * state a one-thread run has there: no failure before this chunk).
   */
  private async goOnAlone(): Promise<void> {
    this.pool!.close();
    this.mode = 'alone';
    this.set = this.o.recompile();
    this.stream = this.set.stream();
    const rest = [...this.queue, this.current];
    this.queue = [];
    this.current = { index: this.current.index + 1, entries: [], events: [] };
    for (const chunk of rest) {
      let k = 0;
      for (const entry of chunk.entries) {
        if (entry.kind === 'event') await this.o.report.event(entry.file, entry.line, evaluateEvent(this.set, this.stream, this.o.prepare, chunk.events[k++]!));
        else await this.write(entry);
      }
    }
  }
}
