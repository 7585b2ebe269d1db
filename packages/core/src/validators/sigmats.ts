/**
 * sigmats' own checks, for what the specification and other Sigma tools' test suites showed a rule author can get
 * silently wrong. Not pySigma validators, so named in the same style but without a pySigma counterpart.
 */
import type { DocumentValidator } from './types.js';
import { detectionItems, scalarValues } from './walk.js';

/**
 * `\%` under `|expand` is an escaped percent sign (Sigma 2.1, placeholders), so `C:\%windir%\x` holds the literal
 * text `%windir%` and no placeholder: the author most likely meant a path separator before a placeholder.
 */
export const expandEscapedPercent: DocumentValidator = {
  kind: 'document',
  name: 'expand_escaped_percent',
  origin: 'sigmats',
  level: 'medium',
  severity: 'warning',
  description: "An '|expand' value holds a literal '%': '\\%' escapes the percent sign, so no placeholder is expanded there",
  check(doc) {
    if (doc.kind !== 'rule') return [];
    const out = [];
    for (const item of detectionItems(doc)) {
      if (!item.modifiers.includes('expand')) continue;
      for (const v of scalarValues(item.values)) {
        const literal = v.kind === 'string' ? v.parts.some((p) => p.kind === 'literal' && p.text.includes('%')) : v.kind === 'regex' && /\\%/.test(v.pattern);
        if (literal) {
          out.push({
            message: "'|expand' value holds a literal '%' ('\\%' is an escaped percent sign, not a backslash before a placeholder)",
            loc: v.loc,
            hint: "write '\\\\%name%' for a backslash followed by a placeholder",
          });
        }
      }
    }
    return out;
  },
};

/**
 * `value_percentile` with no `condition.percentile` converts nowhere reliably: pySigma, the Splunk and KQL backends
 * refuse it at conversion time and the Sumo backend assumes the median. `check` says so before anyone converts.
 */
export const valuePercentileWithoutPercentile: DocumentValidator = {
  kind: 'document',
  name: 'value_percentile_without_percentile',
  origin: 'sigmats',
  level: 'high',
  severity: 'error',
  description: "A value_percentile correlation without 'condition.percentile' fails at conversion",
  check(doc) {
    if (doc.kind !== 'correlation' || doc.type !== 'value_percentile') return [];
    if (doc.condition.kind === 'threshold' && doc.condition.percentile !== undefined) return [];
    return [{ message: "value_percentile correlation has no 'condition.percentile'", loc: doc.condition.loc, hint: 'add percentile: 95 (an integer from 1 to 99) under condition' }];
  },
};
