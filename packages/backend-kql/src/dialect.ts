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
};
