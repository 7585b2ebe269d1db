import { formatDiagnostic } from '@sigmats/core';
import type { Diagnostic } from '@sigmats/core';
import type { Colors } from './color.js';
import { drained, type OutStream } from './io.js';

/** By file, then position, then code. */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Stable order: by file, then position, then code. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(compareDiagnostics);
}

/** Drop exact repeats (the same parse problem reported once per target). */
export function dedupeDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * sortDiagnostics(dedupeDiagnostics(diags)), without a set of every diagnostic's text at once (at 8 times SigmaHQ's
 * corpus, `convert -t all` holds about 62,000 diagnostics, and that set was the largest thing in memory at the end):
 * sorted first, then repeats dropped file by file, keeping of each text the first in input order, as dedupe does. A
 * repeated text has the same file, unless a file name itself looks like `name:line:column` (the text starts
 * `file:line:column`): then the whole input is deduplicated at once.
 */
export function sortedUnique(diags: readonly Diagnostic[]): Diagnostic[] {
  if (diags.some((d) => /:\d/.test(d.file))) return sortDiagnostics(dedupeDiagnostics(diags));
  // Indices in sorted order (Array.prototype.sort is stable: ties stay in input order).
  const sorted = Array.from(diags, (_, i) => i).sort((i, j) => compareDiagnostics(diags[i]!, diags[j]!));
  const out: Diagnostic[] = [];
  for (let start = 0; start < sorted.length; ) {
    const file = diags[sorted[start]!]!.file;
    let end = start;
    while (end < sorted.length && diags[sorted[end]!]!.file === file) end++;
    // The first of each text in input order (the group's indices are not in input order: line 0 ignores columns).
    const first = new Map<string, number>();
    for (let k = start; k < end; k++) {
      const i = sorted[k]!;
      const text = formatDiagnostic(diags[i]!);
      const seen = first.get(text);
      if (seen === undefined || i < seen) first.set(text, i);
    }
    for (let k = start; k < end; k++) {
      const i = sorted[k]!;
      if (first.get(formatDiagnostic(diags[i]!)) === i) out.push(diags[i]!);
    }
    start = end;
  }
  return out;
}

/** `file:line:col: severity code: message`, the severity coloured when colours are on. */
export function renderDiagnostic(d: Diagnostic, c: Colors): string {
  const text = formatDiagnostic(d);
  if (!c.enabled) return text;
  const marker = `: ${d.severity} `;
  const at = text.indexOf(marker);
  if (at < 0) return text;
  const paint = d.severity === 'error' ? c.red : c.yellow;
  return `${c.bold(text.slice(0, at))}: ${paint(d.severity)} ${text.slice(at + marker.length)}`;
}

export function printDiagnostics(diags: readonly Diagnostic[], stream: OutStream, c: Colors): void {
  printSortedDiagnostics(sortedUnique(diags), stream, c);
}

/** The report of diagnostics already sorted and without repeats (sortedUnique): one line each, in pieces of about 64 KB. */
function* reportPieces(diags: Iterable<Diagnostic>, c: Colors): Generator<string> {
  let buf = '';
  for (const d of diags) {
    buf += `${renderDiagnostic(d, c)}\n`;
    if (buf.length >= 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

export function printSortedDiagnostics(diags: Iterable<Diagnostic>, stream: OutStream, c: Colors): void {
  for (const piece of reportPieces(diags, c)) stream.write(piece);
}

/** printSortedDiagnostics, waiting for the stream between pieces (io.ts's drained): for long reports to a pipe. */
export async function writeSortedDiagnostics(diags: Iterable<Diagnostic>, stream: OutStream, c: Colors): Promise<void> {
  for (const piece of reportPieces(diags, c)) {
    stream.write(piece);
    await drained(stream);
  }
}

export function countSeverities(diags: Iterable<Diagnostic>): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diags) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
