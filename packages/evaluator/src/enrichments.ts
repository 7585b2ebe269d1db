import { enrichmentValue } from '@sigmats/core';
import type { Enrichment, SigmaRule } from '@sigmats/core';
import { type CompileContext, compileExpr, type Predicate, UnsupportedValue } from './compile-expr.js';
import type { EventView } from './event.js';

/** A rule's enrichments compiled for matching: the value of each for an event the rule matched. */
export interface CompiledEnrichments {
  /** Names of the enrichments that can be evaluated, in written order. */
  readonly names: readonly string[];
  /** name → value (first case that holds, else the default). */
  values(ev: EventView): Record<string, string>;
}

interface CompiledOne {
  readonly enrichment: Enrichment;
  readonly tests: readonly Predicate[];
}

/**
 * Compiles the rule's `enrichments` (undefined when it has none). A case whose value cannot be evaluated (reported
 * on `ctx.diagnostics` by compileExpr) leaves its whole enrichment out: with one case unknown, the first case that
 * holds is unknown too, and a wrong label is worse than none.
 */
export function compileEnrichments(rule: SigmaRule, ctx: CompileContext): CompiledEnrichments | undefined {
  const enrichments = rule.enrichments;
  if (enrichments === undefined || enrichments.length === 0) return undefined;
  const compiled: CompiledOne[] = [];
  for (const enrichment of enrichments) {
    try {
      compiled.push({ enrichment, tests: enrichment.cases.map((c) => compileExpr(c.expr, ctx).test) });
    } catch (e) {
      if (!(e instanceof UnsupportedValue)) throw e;
    }
  }
  return {
    names: compiled.map((c) => c.enrichment.name),
    // fromEntries defines own properties, so even a name such as __proto__ is a plain key.
    values: (ev) => Object.fromEntries(compiled.map((c) => [c.enrichment.name, enrichmentValue(c.enrichment, (_case, i) => c.tests[i]!(ev))])),
  };
}
