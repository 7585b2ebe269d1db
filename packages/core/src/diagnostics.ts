import type { DiagnosticCode } from './diagnostic-codes.js';
import type { SourceLocation } from './location.js';

export type Severity = 'error' | 'warning';

/** A located problem. Collected, not thrown: conversion goes on for the rules it does not concern. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The rule the problem belongs to, when known (id, else name, else title). */
  readonly rule?: string;
  /** A short suggestion for fixing the problem. */
  readonly hint?: string;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  loc: SourceLocation,
  extra: { severity?: Severity; hint?: string; rule?: string } = {},
): Diagnostic {
  return {
    code,
    severity: extra.severity ?? 'error',
    message,
    file: loc.file,
    line: loc.line,
    column: loc.column,
    ...(loc.endLine !== undefined ? { endLine: loc.endLine } : {}),
    ...(loc.endColumn !== undefined ? { endColumn: loc.endColumn } : {}),
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
    ...(extra.rule !== undefined ? { rule: extra.rule } : {}),
  };
}

/**
 * Whether any diagnostic is an error. An indexed loop, no callback: parsing asks once per document and per file, in
 * code that mostly runs unoptimized.
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  for (let i = 0; i < diagnostics.length; i++) if ((diagnostics[i] as Diagnostic).severity === 'error') return true;
  return false;
}

/** `file:line:col: severity code: message` — the one text form used by every tool. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const hint = d.hint ? ` (hint: ${d.hint})` : '';
  return `${where}: ${d.severity} ${d.code}: ${d.message}${hint}`;
}

/** For exhaustive switches over `kind`: a new kind fails to compile until handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
