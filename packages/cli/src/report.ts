import { formatDiagnostic } from '@sigmats/core';
import type { Diagnostic } from '@sigmats/core';
import type { Colors } from './color.js';
import type { OutStream } from './io.js';

/** Stable order: by file, then position, then code. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
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
  for (const d of sortDiagnostics(dedupeDiagnostics(diags))) stream.write(`${renderDiagnostic(d, c)}\n`);
}

export function countSeverities(diags: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diags) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
