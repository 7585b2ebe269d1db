/** The Sumo operators and functions the linter knows (search-query-language/search-operators, CSE rules syntax). */

/** Pipe commands accepted without a deeper check of their arguments. */
export const OTHER_COMMANDS = new Set([
  'limit', 'top', 'dedup', 'lookup', 'save', 'transpose', 'fillmissing', 'compare', 'outlier', 'predict',
  'format', 'formatdate', 'accum', 'backshift', 'diff', 'rollingstd', 'smooth', 'total', 'join', 'merge',
  'logreduce', 'logcompare', 'threatip', 'geoip', 'asn', 'sessionize', 'subquery', 'tail', 'head', 'trace',
  'topk', 'bin', 'split', 'csv', 'keyvalue', 'kv', 'xml', 'haslookup', 'cat', 'filter',
]);

export const AGGREGATES = new Set([
  'count', 'count_distinct', 'count_frequent', 'sum', 'min', 'max', 'avg', 'pct', 'stddev', 'first', 'last',
  'most_recent', 'least_recent', 'values',
]);

/** Functions usable in expressions (lower-cased). */
export const FUNCTIONS = new Set([
  'tolowercase', 'touppercase', 'lower', 'upper', 'num', 'tolong', 'isnull', 'isempty', 'isblank', 'comparecidrprefix',
  'getcidrprefix', 'maskfromcidr', 'isvalidip', 'isvalidipv4', 'isvalidipv6', 'isprivateip', 'ispublicip', 'if',
  'length', 'concat', 'substring', 'replace', 'trim', 'contains', 'base64decode', 'base64encode', 'urldecode',
  'urlencode', 'abs', 'round', 'ceil', 'floor', 'now', 'formatdate', 'parsehex', 'array_contains', 'isnumeric',
  'ipv4tonumber', 'tostring', 'queryendtime', 'querystarttime', 'dectohex', 'hextodec',
  ...AGGREGATES,
]);
