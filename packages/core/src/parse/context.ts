import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import type { SourceLocation } from '../location.js';
import type { LineIndex } from '../yaml/line-index.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Per-document state while building IR: where to report and how to locate nodes. */
export class DocContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Expansion variants (windash, base64offset) still allowed in this document: bounds time and memory. */
  variantBudget = 250_000;
  /** Characters over those variants still allowed: conversion and matching cost grows with it. */
  expansionCharBudget = 4_000_000;

  constructor(readonly index: LineIndex) {}

  get file(): string {
    return this.index.file;
  }

  loc(span: Span): SourceLocation {
    return this.index.location(span.start, span.end);
  }

  locAt(offset: number, end?: number): SourceLocation {
    return this.index.location(offset, end);
  }

  error(code: DiagnosticCode, message: string, where: Span | SourceLocation, hint?: string): void {
    this.push(code, message, where, 'error', hint);
  }

  warn(code: DiagnosticCode, message: string, where: Span | SourceLocation, hint?: string): void {
    this.push(code, message, where, 'warning', hint);
  }

  hasErrors(): boolean {
    return hasErrors(this.diagnostics);
  }

  private push(code: DiagnosticCode, message: string, where: Span | SourceLocation, severity: 'error' | 'warning', hint?: string) {
    const loc = 'file' in where ? where : this.loc(where);
    this.diagnostics.push(diagnostic(code, message, loc, hint !== undefined ? { severity, hint } : { severity }));
  }
}
