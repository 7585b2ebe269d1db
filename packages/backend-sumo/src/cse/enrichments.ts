import { diagnostic } from '@sigmats/core';
import type { Diagnostic, RenderedEnrichment, SigmaRule } from '@sigmats/core';
import { groupOrByField, renderExpr } from '@sigmats/text-query';
import { sumoDialect } from '../shared/dialect.js';
import { eventResolver, targetRawResolver } from './fields.js';
import { cseHooks } from './leaf.js';
import { cseTarget } from './logsources.js';

/**
 * What Cloud SIEM does with a rule's enrichments: nothing computed. A match rule is one boolean expression plus
 * templates (`{{field}}` in the name, summary and description expressions) that only copy record fields, so a
 * label chosen by ordered conditions cannot be a field of its signals. The rule's expression is kept unchanged,
 * each enrichment is reported as lost (a warning), and its conditions are rendered in CSE expression syntax (fields
 * read as the log source's first event type maps them) so the rule's page can show the logic an analyst applies by
 * hand. The log search backend (`sumo`) computes them with `| if(…) as name`.
 */
export function cseEnrichments(rule: SigmaRule, keywordField?: string): { rendered: RenderedEnrichment[]; warnings: Diagnostic[] } {
  const rendered: RenderedEnrichment[] = [];
  const warnings: Diagnostic[] = [];
  const target = cseTarget(rule.logsource);
  const resolve =
    target.kind === 'events' ? eventResolver(target.events[0]!) : target.kind === 'none' ? undefined : targetRawResolver(target);
  for (const e of rule.enrichments ?? []) {
    warnings.push(
      diagnostic(
        'enrichment/dropped',
        `enrichment '${e.name}' is not computed: Cloud SIEM match rules have no computed fields (their name, summary and description templates only copy record fields); the rule's expression is unchanged`,
        e.loc,
        { severity: 'warning', hint: `Sumo log search (target sumo) computes it as | if(…) as ${e.name}` },
      ),
    );
    if (!resolve) continue;
    const conditions: string[] = [];
    for (const c of e.cases) {
      const r = renderExpr(groupOrByField(c.expr), sumoDialect, cseHooks, { resolve, ...(keywordField !== undefined ? { keywordField } : {}) });
      if (!r.ok) break;
      conditions.push(r.value);
    }
    if (conditions.length < e.cases.length) continue;
    rendered.push({ name: e.name, cases: e.cases.map((c, i) => ({ value: c.value, condition: conditions[i]! })), default: e.default, computed: false });
  }
  return { rendered, warnings };
}
