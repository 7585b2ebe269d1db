import type { Dialect } from '@sigmats/text-query';

/**
 * The search command: AND is a space, and OR binds tighter than AND (NOT > OR > AND).
 * Every nested AND/OR is grouped anyway, so the text means the same under where precedence too.
 */
export const SEARCH: Dialect = {
  and: ' ',
  or: ' OR ',
  not: (s) => `NOT ${s}`,
  notDelimits: false,
  precedence: ['not', 'or', 'and'],
  group: (s) => `(${s})`,
  groupNested: true,
};

/** where/eval expressions: NOT > AND > OR, explicit AND. */
export const WHERE: Dialect = {
  and: ' AND ',
  or: ' OR ',
  not: (s) => `NOT ${s}`,
  notDelimits: false,
  precedence: ['not', 'and', 'or'],
  group: (s) => `(${s})`,
  groupNested: true,
};

/** tstats `where`: search terms, but where precedence (pySigma-backend-splunk#42), so AND is written out. */
export const TSTATS: Dialect = { ...WHERE };
