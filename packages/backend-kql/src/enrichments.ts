import { diagnostic } from '@sigmats/core';
import type { Diagnostic, RenderedEnrichment, SigmaRule } from '@sigmats/core';
import { groupOrByField, renderExpr } from '@sigmats/text-query';
import type { KqlTarget } from './columns.js';
import { KQL_DIALECT } from './dialect.js';
import { leaf } from './leaves.js';
import { kqlColumn, kqlString } from './literals.js';
import { orList } from './lists.js';

export interface KqlEnrichments {
  readonly rendered: readonly RenderedEnrichment[];
  /** One `| extend name = case(…)` line per rendered enrichment. */
  readonly lines: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

/**
 * The rule's enrichments as `| extend name = case(cond1, "v1", …, "default")` (Kusto's case(): the first true
 * predicate gives the value, the last argument is the else). Each condition is rendered like the where clause, on
 * `target`, so the fields it reads are extracted with the rule's. An enrichment with a case the table cannot test
 * is left out, with a warning.
 */
export function kqlEnrichments(rule: SigmaRule, target: KqlTarget): KqlEnrichments {
  const rendered: RenderedEnrichment[] = [];
  const lines: string[] = [];
  const warnings: Diagnostic[] = [];
  for (const e of rule.enrichments ?? []) {
    const conditions: string[] = [];
    for (const c of e.cases) {
      const r = renderExpr(groupOrByField(c.expr), KQL_DIALECT, { leaf, orList }, target);
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
    if (conditions.length < e.cases.length) continue;
    const args = e.cases.flatMap((c, i) => [conditions[i]!, kqlString(c.value)]);
    lines.push(`| extend ${kqlColumn(e.name)} = case(${[...args, kqlString(e.default)].join(', ')})`);
    rendered.push({ name: e.name, cases: e.cases.map((c, i) => ({ value: c.value, condition: conditions[i]! })), default: e.default, computed: true });
  }
  return { rendered, lines, warnings };
}
