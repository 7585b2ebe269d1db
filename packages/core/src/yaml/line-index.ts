import type { SourceLocation } from '../location.js';

/**
 * Maps 0-based string offsets to 1-based line:column. Lines break at LF, CRLF and lone CR (as YAML does).
 * Columns count UTF-16 code units (like TypeScript, ESLint and LSP); a tab is one column.
 * A leading byte-order mark is not a column: the first character after it is line 1, column 1.
 */
export class LineIndex {
  /** Offset at which each line starts; starts[0] is line 1. */
  private readonly starts: number[];
  /** Line (0-based) of the last lookup: most lookups are on the same or the next line. */
  private hint = 0;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    if (text.indexOf('\r') < 0) {
      // Fast path (LF only): indexOf is much faster than a per-character loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  /** Offset at which each line starts (line 1 first). Read-only: the YAML fast path reads its lines from it. */
  get lineStarts(): readonly number[] {
    return this.starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset (clamped into the text). */
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: this.columnOf(offset, line) };
  }

  /** Offset of a 1-based line:column (inverse of position). */
  offsetOf(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] as number;
    return Math.min(this.text.length, start + Math.max(0, column - 1));
  }

  /** 0-based line of an offset (clamped into the text); the lookup behind position() and location(). */
  private lineOf(offset: number): number {
    const o = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    const starts = this.starts;
    const h = this.hint;
    if (o >= (starts[h] as number) && (h + 1 >= starts.length || o < (starts[h + 1] as number))) return h;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return lo;
  }

  /** 1-based column of an offset on 0-based line `line`. */
  private columnOf(offset: number, line: number): number {
    const o = offset < 0 ? 0 : offset > this.text.length ? this.text.length : offset;
    return Math.max(1, o - (this.starts[line] as number) + 1);
  }

  /**
   * A location spanning [start, end) (end optional). Hot (one per IR node): no temporary objects, and lineOf and
   * columnOf written out for the common case of an offset on the line of the last lookup (this runs mostly
   * unoptimized, where each call costs).
   */
  location(start: number, end?: number): SourceLocation {
    const starts = this.starts;
    const length = this.text.length;
    let sl = this.hint;
    const s = start < 0 ? 0 : start > length ? length : start;
    if (!(s >= (starts[sl] as number) && (sl + 1 >= starts.length || s < (starts[sl + 1] as number)))) sl = this.lineOf(s);
    const sc = s - (starts[sl] as number) + 1;
    const column = sc < 1 ? 1 : sc;
    if (end === undefined || end <= start) return { file: this.file, line: sl + 1, column, offset: start };
    let el = sl;
    const e = end < 0 ? 0 : end > length ? length : end;
    if (!(e >= (starts[el] as number) && (el + 1 >= starts.length || e < (starts[el + 1] as number)))) el = this.lineOf(e);
    const ec = e - (starts[el] as number) + 1;
    return { file: this.file, line: sl + 1, column, offset: start, endLine: el + 1, endColumn: ec < 1 ? 1 : ec };
  }
}
