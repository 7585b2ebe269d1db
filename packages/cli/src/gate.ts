// The last check before anything is written: every emitted query passes its target's gate. Splunk and Sumo
// gate inside their backends (backend/invalid-output); KQL gets a syntax-level gate here that needs no service.
import type { ConversionResult, ConvertedRule, Diagnostic } from '@sigmats/core';
import { documentKey } from '@sigmats/core';
import { kqlSyntaxProblems } from './kql-gate.js';
import type { Target } from './registry.js';

export interface GatedResult {
  readonly result: ConversionResult;
  readonly diagnostics: readonly Diagnostic[];
  /** True when a rule was held back: the combined output then no longer stands for every converted rule. */
  readonly heldBack: boolean;
}

function problemsOf(target: Target, query: string): readonly { message: string; offset: number }[] {
  return target === 'kql' ? kqlSyntaxProblems(query) : [];
}

/** Rules whose queries fail the gate are dropped and reported as located errors against the rule. */
export function gateResult(target: Target, result: ConversionResult): GatedResult {
  const kept: ConvertedRule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of result.rules) {
    const bad = rule.queries.flatMap((q) => problemsOf(target, q).map((p) => ({ p, q })));
    if (bad.length === 0) {
      kept.push(rule);
      continue;
    }
    const { p } = bad[0]!;
    const loc = rule.document.loc;
    diagnostics.push({
      code: 'backend/invalid-output',
      severity: 'error',
      message: `emitted ${target} query fails the output gate at offset ${p.offset}: ${p.message}; not written`,
      file: loc.file,
      line: loc.line,
      column: loc.column,
      rule: documentKey(rule.document),
    });
  }
  if (diagnostics.length === 0) return { result, diagnostics, heldBack: false };
  return { result: { ...result, rules: kept }, diagnostics, heldBack: true };
}
