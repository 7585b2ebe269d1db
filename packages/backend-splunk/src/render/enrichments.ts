import { diagnostic } from '@sigmats/core';
import type { Diagnostic, RenderedEnrichment, SigmaRule } from '@sigmats/core';
import { evalField, splString } from './literals.js';
import { renderWhereExpr } from './query.js';

export interface SplEnrichments {
  readonly rendered: readonly RenderedEnrichment[];
  /** ` | eval name=case(…)` per rendered enrichment, to append to the search pipeline. */
  readonly evals: string;
  readonly warnings: readonly Diagnostic[];
}

/**
 * The rule's enrichments as `| eval name=case(cond1, "v1", …, true(), "default")`: eval's case() returns the value
 * of the first condition that is true (a null condition is not true), and `true()` is the documented catch-all.
 * Conditions are where/eval expressions (match(), like(), lower(), …) rendered as a `| where` clause is, with the
 * isnotnull() guard under NOT, so a test on a missing field means what Sigma means. An enrichment with a case that
 * cannot be written in eval is left out, with a warning.
 */
export function splEnrichments(rule: SigmaRule): SplEnrichments {
  const rendered: RenderedEnrichment[] = [];
  let evals = '';
  const warnings: Diagnostic[] = [];
  for (const e of rule.enrichments ?? []) {
    const name = evalField(e.name);
    const conditions: string[] = [];
    for (const c of e.cases) {
      const r = renderWhereExpr(c.expr);
      if (!r.ok) {
        warnings.push(
          diagnostic('enrichment/dropped', `enrichment '${e.name}' is left out of this query: case '${c.value}': ${r.errors[0]?.message ?? 'cannot be rendered'}`, c.loc, {
            severity: 'warning',
          }),
        );
        break;
      }
      conditions.push(r.value);
    }
    if (name === undefined || conditions.length < e.cases.length) continue;
    const args = e.cases.flatMap((c, i) => [conditions[i]!, splString(c.value)]);
    evals += ` | eval ${name}=case(${[...args, 'true()', splString(e.default)].join(', ')})`;
    rendered.push({ name: e.name, cases: e.cases.map((c, i) => ({ value: c.value, condition: conditions[i]! })), default: e.default, computed: true });
  }
  return { rendered, evals, warnings };
}
