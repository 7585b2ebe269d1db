import { diagnostic } from '@sigmats/core';
import type { Diagnostic, RenderedEnrichment, SigmaRule, SourceLocation } from '@sigmats/core';
import { groupOrByField, renderExpr } from '@sigmats/text-query';
import { isQuotable } from '../encode.js';
import { sumoDialect } from '../shared/dialect.js';
import { exprFields } from '@sigmats/text-query';
import { bareName } from './fields.js';
import { searchHooks } from './leaf.js';
import { searchProfile } from './profiles.js';

export interface SumoEnrichments {
  readonly rendered: readonly RenderedEnrichment[];
  /** One `| if(…) as name` stage per rendered enrichment. */
  readonly lines: readonly string[];
  readonly warnings: readonly Diagnostic[];
}

/** The Sigma fields the rule's enrichments read (they are extracted with the rule's). */
export function enrichmentFields(rule: SigmaRule): string[] {
  const out: string[] = [];
  for (const e of rule.enrichments ?? []) for (const c of e.cases) exprFields(c.expr, out);
  return out;
}

function dropped(name: string, why: string, loc: SourceLocation): Diagnostic {
  return diagnostic('enrichment/dropped', `enrichment '${name}' is left out of this query: ${why}`, loc, { severity: 'warning' });
}

/**
 * The rule's enrichments as Sumo's conditional operator, `| if(cond1, "v1", if(cond2, "v2", "default")) as name`
 * (search-operators/if; Sumo has no eval). Conditions are rendered as the `| where` stage is, with the names `field`
 * gives the extracted fields. Labels are written only where a quoted literal needs no escape (Sumo documents none
 * but `\"`), and names only where they are plain field names; otherwise the enrichment is left out, with a warning.
 */
export function sumoEnrichments(rule: SigmaRule, field: (sigmaField: string) => string): SumoEnrichments {
  const rendered: RenderedEnrichment[] = [];
  const lines: string[] = [];
  const warnings: Diagnostic[] = [];
  const listKeys = rule.enrichments?.length ? searchProfile(rule.logsource).listKeys : undefined;
  for (const e of rule.enrichments ?? []) {
    if (!bareName(e.name)) {
      warnings.push(dropped(e.name, 'the name is a word of the Sumo query language', e.loc));
      continue;
    }
    const labels = [...e.cases.map((c) => c.value), e.default];
    const bad = labels.find((l) => !isQuotable(l));
    if (bad !== undefined) {
      warnings.push(dropped(e.name, `the value '${bad}' cannot be written as a Sumo string without escapes`, e.loc));
      continue;
    }
    const conditions: string[] = [];
    for (const c of e.cases) {
      const r = renderExpr(groupOrByField(c.expr), sumoDialect, searchHooks, { field, ...(listKeys ? { listKeys } : {}) });
      if (!r.ok) {
        warnings.push(dropped(e.name, `case '${c.value}': ${r.errors[0]?.message ?? 'cannot be rendered'}`, c.loc));
        break;
      }
      conditions.push(r.value);
    }
    if (conditions.length < e.cases.length) continue;
    let text = `"${e.default}"`;
    for (let i = e.cases.length - 1; i >= 0; i--) text = `if(${conditions[i]!}, "${e.cases[i]!.value}", ${text})`;
    lines.push(`| ${text} as ${e.name}`);
    rendered.push({ name: e.name, cases: e.cases.map((c, i) => ({ value: c.value, condition: conditions[i]! })), default: e.default, computed: true });
  }
  return { rendered, lines, warnings };
}
