import { diagnostic } from '@sigmats/core';
import type { Diagnostic } from '@sigmats/core';
import type { EventObject } from './event.js';

export interface EventRecord {
  readonly event: EventObject;
  /** 1-based line where the event's JSON starts. */
  readonly line: number;
}

export interface ReadEventsResult {
  readonly events: EventObject[];
  /** Line of each event (same order as `events`). */
  readonly lines: number[];
  readonly diagnostics: Diagnostic[];
}

export type EventChunkSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** An event or a diagnostic, as read: readEvents' streams give them in the order of the text. */
export type ReadItem = { readonly event: EventRecord; readonly diagnostic?: undefined } | { readonly diagnostic: Diagnostic; readonly event?: undefined };

/**
 * Splits text into top-level JSON values without parsing it all at once: NDJSON, concatenated
 * pretty-printed objects (evtx_dump's output) and top-level arrays of objects all work. A broken object
 * yields a located `eval/invalid-event` diagnostic and reading resumes at the next object: a raw newline
 * inside a string, or a `{` in column 1 while an object is still open, means the previous one was cut.
 *
 * A line that holds one whole object (NDJSON, the common case) is taken without the character walk: the line's end
 * is found natively (`indexOf`) and the text from its `{` to its last `}` handed to `JSON.parse`. When that text
 * parses, the walk would have found the same object there (valid JSON closes its first brace at its end, and the
 * walk reads strings and escapes as JSON does), so the result is the same; when it does not, the walk reads the
 * line as before. The walk cost about 4.7 ns a character, 1.3 of 6.7 s of CPU in `sigmats eval --jobs 1` over
 * 200,000 synthetic Sysmon events (BENCHMARKS.md, evaluator round 9).
 */
export class EventSplitter {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escape = false;
  private startLine = 0;
  private startCol = 0;
  private line = 1;
  private col = 0;
  private broken = false;
  private junkReported = false;
  private first = true;
  private topIsObject = false;
  /** During a push that keeps the text's order: for each diagnostic, the number of events before it. */
  private order: number[] | undefined;

  /**
   * `wholeLines: false` reads every character through the walk (the reference the tests hold the line path to).
   */
  constructor(
    private readonly file = '<events>',
    private readonly wholeLines = true,
  ) {}

  /**
   * Reads `chunk`: events into `out`, diagnostics into `diagnostics`. With `order`, also the text's order: for each
   * diagnostic, the number of events of `out` before it (see inTextOrder).
   */
  push(chunk: string, out: EventRecord[], diagnostics: Diagnostic[], order?: number[]): void {
    this.order = order;
    try {
      this.read(chunk, out, diagnostics);
    } finally {
      this.order = undefined;
    }
  }

  private note(d: Diagnostic, out: EventRecord[], diagnostics: Diagnostic[]): void {
    diagnostics.push(d);
    this.order?.push(out.length);
  }

  private read(chunk: string, out: EventRecord[], diagnostics: Diagnostic[]): void {
    let text = chunk;
    // The text's first character, whatever the pieces (an empty first piece does not hide a mark in the next).
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let segStart = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.col = 0;
      } else this.col++;
      if (this.depth === 0) {
        if (c === 123 && this.wholeLines) {
          const nl = this.wholeLineObject(text, i, out);
          if (nl >= 0) {
            // As the walk leaves it after emitting an object that started here; the newline is read next.
            this.startValue(true);
            i = nl - 1;
            continue;
          }
        }
        if (c === 123 /* { */ || c === 91 /* [ */) {
          this.depth = 1;
          this.startValue(c === 123);
          segStart = i;
        } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 44 /* , between values */) {
          if (!this.junkReported) {
            this.junkReported = true;
            this.note(this.diag('text outside any JSON object is skipped', this.line, this.col), out, diagnostics);
          }
        }
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) this.inString = false;
        else if (c === 10) {
          // JSON strings cannot hold raw newlines: the value was cut here.
          this.inString = false;
          this.broken = true;
        }
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) {
        if (c === 123 && this.col === 1 && this.topIsObject) {
          // A new object starts in column 1 while a top-level object is still open: that one was cut.
          this.buf = '';
          this.note(this.diag('truncated JSON value (a new object starts before it ends)', this.startLine, this.startCol), out, diagnostics);
          this.depth = 1;
          this.broken = false;
          this.startLine = this.line;
          this.startCol = this.col;
          segStart = i;
          continue;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.depth === 0) {
          const text2 = this.buf + text.slice(segStart, i + 1);
          this.buf = '';
          segStart = -1;
          this.emit(text2, out, diagnostics);
        }
      }
    }
    if (this.depth > 0 && segStart >= 0) this.buf += text.slice(segStart);
  }

  /** The state of a top-level value that starts at the current position (an object, or else an array). */
  private startValue(isObject: boolean): void {
    this.topIsObject = isObject;
    this.inString = false;
    this.escape = false;
    this.broken = false;
    this.startLine = this.line;
    this.startCol = this.col;
    this.junkReported = false;
  }

  /**
   * If the text from the `{` at `at` to the end of its line (within this chunk) is one JSON object, followed only by
   * blanks, adds it to `out` and returns the newline's position; else -1 (the walk reads the line).
   */
  private wholeLineObject(text: string, at: number, out: EventRecord[]): number {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return -1;
    let last = nl - 1;
    for (let c = text.charCodeAt(last); c === 32 || c === 9 || c === 13; c = text.charCodeAt(last)) last--;
    // Also rules out a line that ends with `,` or an opening brace (pretty-printed objects), without a failed parse.
    if (last <= at || text.charCodeAt(last) !== 125 /* } */) return -1;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(at, last + 1));
    } catch {
      return -1;
    }
    out.push({ event: value as EventObject, line: this.line });
    return nl;
  }

  /** A top-level value is open: the text read so far ends inside it. */
  get inValue(): boolean {
    return this.depth > 0;
  }

  /** Line breaks read so far. */
  get lineBreaks(): number {
    return this.line - 1;
  }

  /** The end of the text: a value still open is reported (after every event read). */
  end(diagnostics: Diagnostic[]): void {
    if (this.depth > 0) diagnostics.push(this.diag('unterminated JSON value at end of input', this.startLine, this.startCol));
    this.depth = 0;
    this.buf = '';
  }

  private emit(text: string, out: EventRecord[], diagnostics: Diagnostic[]): void {
    if (this.broken) {
      this.note(this.diag('invalid JSON value (unterminated string)', this.startLine, this.startCol), out, diagnostics);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.note(this.diag(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`, this.startLine, this.startCol), out, diagnostics);
      return;
    }
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) out.push({ event: item as EventObject, line: this.startLine });
      else this.note(this.diag('an event must be a JSON object', this.startLine, this.startCol), out, diagnostics);
    }
  }

  private diag(message: string, line: number, column: number): Diagnostic {
    return diagnostic('eval/invalid-event', message, { file: this.file, line, column }, { severity: 'warning' });
  }
}

/** Parse NDJSON, concatenated (pretty-printed) JSON objects, or a JSON array of objects. */
export function readEvents(text: string, file?: string): ReadEventsResult;
/** Same, incrementally over a stream of chunks (e.g. a Node Readable or `process.stdin`), in the text's order. */
export function readEvents(
  source: EventChunkSource,
  file?: string,
): AsyncGenerator<ReadItem, void, undefined>;
export function readEvents(
  source: string | EventChunkSource,
  file?: string,
): ReadEventsResult | AsyncGenerator<ReadItem, void, undefined> {
  if (typeof source === 'string') {
    const splitter = new EventSplitter(file);
    const out: EventRecord[] = [];
    const diagnostics: Diagnostic[] = [];
    splitter.push(source, out, diagnostics);
    splitter.end(diagnostics);
    return { events: out.map((r) => r.event), lines: out.map((r) => r.line), diagnostics };
  }
  return readEventStream(source, file);
}

/**
 * Events and diagnostics merged in the order of the text (`order` from EventSplitter.push: for each diagnostic, the
 * events before it), then `after` (the diagnostics of the text's end).
 */
function inTextOrder(out: readonly EventRecord[], diagnostics: readonly Diagnostic[], order: readonly number[], after: readonly Diagnostic[] = []): ReadItem[] {
  const items: ReadItem[] = [];
  let d = 0;
  for (let e = 0; e <= out.length; e++) {
    while (d < diagnostics.length && order[d]! <= e) items.push({ diagnostic: diagnostics[d++]! });
    if (e < out.length) items.push({ event: out[e]! });
  }
  for (const x of after) items.push({ diagnostic: x });
  return items;
}

/** How a part of a text read on its own ends (readEventPart). */
export interface EventPartEnd {
  /** Line breaks in the part. */
  readonly lineBreaks: number;
  /** The part ends inside a top-level value (only for a part that does not end the text). */
  readonly endsInValue: boolean;
}

/**
 * Reads one part of a text on its own, from its pieces (UTF-8 bytes, decoded as readEvents decodes a stream, or
 * text), handing each event and diagnostic to `visit` in the order of the text as each piece is read (so that a
 * piece's events can be matched and dropped before the next is read). `last`: the text ends with this part (a value
 * still open is then reported, as readEvents does at the end). A part that starts at the start of a line with `{`, after a part that ends outside any value, gives the
 * items one pass over the whole text gives there, with lines counted from the part's start: a line that opens an
 * object resets everything the splitter carries from line to line (`sigmats eval` reads a large file this way on
 * several threads; issue 16).
 */
export function readEventPart(pieces: Iterable<string | Uint8Array>, file: string, last: boolean, visit: (item: ReadItem) => void): EventPartEnd {
  const splitter = new EventSplitter(file);
  const decoder = new TextDecoder('utf-8');
  for (const piece of pieces) for (const item of readItems(splitter, textOf(decoder, piece), false)) visit(item);
  for (const item of readItems(splitter, decoder.decode(), false)) visit(item);
  const endsInValue = !last && splitter.inValue;
  const lineBreaks = splitter.lineBreaks;
  if (last) for (const item of readItems(splitter, '', true)) visit(item);
  return { lineBreaks, endsInValue };
}

/** A piece of a text as text: bytes are decoded as UTF-8 by `decoder`, which keeps a character cut between pieces. */
function textOf(decoder: InstanceType<typeof TextDecoder>, piece: string | Uint8Array): string {
  return typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
}

/** What `splitter` reads in `text` (and at the text's end, when `end`), in the order of the text. */
function readItems(splitter: EventSplitter, text: string, end: boolean): ReadItem[] {
  const out: EventRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const order: number[] = [];
  splitter.push(text, out, diagnostics, order);
  const after: Diagnostic[] = [];
  if (end) splitter.end(after);
  return diagnostics.length === 0 && after.length === 0 ? out.map((event) => ({ event })) : inTextOrder(out, diagnostics, order, after);
}

/** The stream's events and diagnostics in the order of the text, whatever its pieces. */
async function* readEventStream(source: EventChunkSource, file?: string): AsyncGenerator<ReadItem, void, undefined> {
  const splitter = new EventSplitter(file);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    yield* readItems(splitter, textOf(decoder, chunk), false);
  }
  yield* readItems(splitter, decoder.decode(), true);
}
