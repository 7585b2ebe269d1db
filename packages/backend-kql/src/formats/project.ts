import { diagnostic } from '@sigmats/core';
import type { Diagnostic, SigmaRule } from '@sigmats/core';
import { IDENT, kqlColumn } from '../literals.js';
import { kqlEnrichments } from '../enrichments.js';
import { targetFor, type QuerySource } from '../query.js';

/**
 * Columns for `| project`: `first` (required by the format), then the rule's `fields:` (already mapped by the
 * pipelines); an account column brings its domain column. Fields with no column are left out with a warning.
 * Last, the enrichments the query computes (`| extend`).
 */
export function projectColumns(
  rule: SigmaRule,
  source: QuerySource,
  first: readonly string[],
): { columns: string[]; warnings: Diagnostic[] } {
  const columns: string[] = [];
  const warnings: Diagnostic[] = [];
  const schema = source.schema;
  // A computed field (e.g. SecurityEvent's NewProcessUserName) is projected with its definition: the query only
  // defines the computed fields its condition reads.
  const add = (c: string): void => {
    const computed = schema?.computed?.[c];
    const item = computed !== undefined ? `${kqlColumn(c)} = ${computed}` : kqlColumn(c);
    if (!columns.includes(item)) columns.push(item);
  };
  for (const c of first) add(c);
  for (const f of rule.fields) {
    const extracted = (source.eventDataXml ?? source.eventDataDynamic) !== undefined && IDENT.test(f) && (source.eventDataFields?.has(f) ?? true);
    if (!schema || schema.columns[f] || schema.computed?.[f] !== undefined || extracted) {
      const domain = schema?.domainSplit?.[f];
      if (domain) add(domain);
      add(f);
      continue;
    }
    warnings.push(
      diagnostic('backend/unmapped-field', `field '${f}' of 'fields' has no column in ${schema.name}; left out of the project`, rule.fieldLocs['fields'] ?? rule.loc, {
        severity: 'warning',
      }),
    );
  }
  // The enrichments the query computes (query.ts renders the same ones).
  for (const e of kqlEnrichments(rule, targetFor(source, rule)).rendered) add(e.name);
  return { columns, warnings };
}

export function withProject(query: string, columns: readonly string[]): string {
  return columns.length === 0 ? query : `${query}\n| project ${columns.join(', ')}`;
}
