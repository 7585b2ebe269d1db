import type { Dialect } from '@sigmats/text-query';

/** KQL boolean surface: not(…) delimits itself; NOT > AND > OR; nested AND/OR always grouped for readability. */
export const KQL_DIALECT: Dialect = {
  and: ' and ',
  or: ' or ',
  not: (operand) => `not(${operand})`,
  notDelimits: true,
  precedence: ['not', 'and', 'or'],
  group: (inner) => `(${inner})`,
  groupNested: true,
  // Kusto parses a chain of and/or left-deep and refuses about 490 operands (KS245; cli's kql-gate.ts measured it):
  // long chains of conditions become grouped chunks, as lists.ts does for values.
  maxChain: 64,
};
