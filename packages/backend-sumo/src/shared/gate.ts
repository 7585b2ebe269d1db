import { diagnostic } from '@sigmats/core';
import type { Diagnostic, QueryProblem, SourceLocation } from '@sigmats/core';

/**
 * Every emitted query passes our linter before it is handed out; a problem would be a converter bug, reported as a
 * located error on the rule instead of a query that fails in Sumo.
 */
export function gateErrors(problems: readonly QueryProblem[], at: SourceLocation, what: string): Diagnostic[] {
  return problems.map((p) =>
    diagnostic('backend/invalid-output', `emitted ${what} fails the Sumo linter at offset ${p.offset}: ${p.message}`, at),
  );
}
