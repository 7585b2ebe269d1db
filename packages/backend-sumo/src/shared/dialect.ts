import type { Dialect } from '@sigmats/text-query';

/**
 * Boolean syntax of both Sumo languages (log search `| where` and Cloud SIEM expressions): `and`/`or`, `!(…)`,
 * AND binding tighter than OR, and every nested group parenthesized for readability.
 */
export const sumoDialect: Dialect = {
  and: ' and ',
  or: ' or ',
  not: (operand) => `!(${operand})`,
  notDelimits: true,
  precedence: ['not', 'and', 'or'],
  group: (inner) => `(${inner})`,
  groupNested: true,
};
