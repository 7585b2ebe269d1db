import { diagnostic } from '@sigmats/core';
import type { Diagnostic, SigmaRule } from '@sigmats/core';
import { kqlColumn } from '../literals.js';
import type { QuerySource } from '../query.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Columns for `| project`: `first` (required by the format), then the rule's `fields:` (already mapped by the
 * pipelines); an account column brings its domain column. Fields with no column are left out with a warning.
 */
export function projectColumns(
  rule: SigmaRule,
  source: QuerySource,
  first: readonly string[],
): { columns: string[]; warnings: Diagnostic[] } {
  const columns: string[] = [];
  const warnings: Diagnostic[] = [];
  const add = (c: string): void => {
    if (!columns.includes(c)) columns.push(c);
  };
  for (const c of first) add(c);
  const schema = source.schema;
  for (const f of rule.fields) {
    const extracted = (source.eventDataXml ?? source.eventDataDynamic) !== undefined && IDENT.test(f) && (source.eventDataFields?.has(f) ?? true);
    if (!schema || schema.columns[f] || extracted) {
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
  return { columns: columns.map(kqlColumn), warnings };
}

export function withProject(query: string, columns: readonly string[]): string {
  return columns.length === 0 ? query : `${query}\n| project ${columns.join(', ')}`;
}
