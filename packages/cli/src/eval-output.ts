/**
 * What `eval` writes, in input order: a match line per match on stdout (buffered, and flushed as a one-thread run
 * always flushed it), and diagnostics on stderr. Events are handed in with their outcome already known
 * (parallel/eval-chunk.ts's evaluateEvent), on whichever thread it was found.
 */
import type { Diagnostic } from '@sigmats/core';
import type { StreamMatch } from '@sigmats/evaluator';
import type { Colors } from './color.js';
import type { CliIo, OutStream } from './io.js';
import type { EventOutcome } from './parallel/eval-chunk.js';
import { renderDiagnostic } from './report.js';

/** The Detection Rule License's attribution carried on each match line of a rule. */
export type Attribution = ReadonlyMap<string, { author?: string; licence?: string }>;

/** Wait for the consumer when the stream asks us to (a slow pipe must not make us buffer every match). */
async function flush(stream: OutStream, text: string): Promise<void> {
  const s = stream as OutStream & { write(chunk: string): boolean | void; once?: (ev: 'drain', fn: () => void) => void };
  if (s.write(text) === false && typeof s.once === 'function') await new Promise<void>((r) => s.once!('drain', r));
}

export class MatchReport {
  /** Events seen (the next event's number). */
  index = 0;
  matches = 0;
  eventErrors = 0;
  /** Match lines of the current events file not written yet. */
  private out = '';

  constructor(
    private readonly io: CliIo,
    private readonly colors: Colors,
    private readonly attribution: Attribution,
  ) {}

  diagnostic(d: Diagnostic): void {
    if (d.severity === 'error') this.eventErrors++;
    this.io.stderr.write(`${renderDiagnostic(d, this.colors)}\n`);
  }

  async event(file: string, line: number, outcome: EventOutcome | undefined): Promise<void> {
    const i = this.index++;
    if (outcome !== undefined && 'error' in outcome) {
      // A failure the rule set did not contain: it belongs to this event, not to the events file.
      this.diagnostic({ code: 'internal/error', severity: 'error', message: `event ${i} could not be evaluated: ${outcome.error}`, file, line, column: 1 });
      return;
    }
    if (outcome !== undefined) {
      for (const d of outcome.runtime) this.diagnostic(d);
      for (const m of outcome.matches) {
        this.matches++;
        this.out +=
          m.kind === 'rule'
            ? `${JSON.stringify({ rule: m.rule, title: m.title, event: i, file, line, identifiers: m.identifiers, condition: m.condition, ...(m.enrichments ? { enrichments: m.enrichments } : {}), ...this.attribution.get(m.rule) })}\n`
            : `${JSON.stringify({ ...m, kind: 'correlation', ...this.attribution.get(m.rule) })}\n`;
      }
    }
    if (this.out.length > 65536) {
      await flush(this.io.stdout, this.out);
      this.out = '';
    }
  }

  /** An events file read to its end: its last match lines go out. */
  async fileEnd(): Promise<void> {
    if (this.out !== '') await flush(this.io.stdout, this.out);
    this.out = '';
  }

  /** An events file that could not be read on: the match lines not yet written are dropped with it. */
  fileFailed(file: string, err: unknown): void {
    this.out = '';
    const e = err as NodeJS.ErrnoException;
    this.diagnostic({ code: 'io/read-failed', severity: 'error', message: `cannot read events: ${e.code ?? e.message}`, file, line: 0, column: 0 });
  }

  /** The matches of the stream's end (correlation windows still open), after every file. */
  async streamEnd(matches: readonly StreamMatch[]): Promise<void> {
    let tail = '';
    for (const m of matches) {
      this.matches++;
      tail += `${JSON.stringify({ ...m, kind: m.kind, ...this.attribution.get(m.rule) })}\n`;
    }
    if (tail !== '') await flush(this.io.stdout, tail);
  }
}
