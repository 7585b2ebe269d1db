import type { FunctionTable } from './expr.js';

/**
 * Functions each dialect documents and this interpreter evaluates (eval.ts), with their arities. Any other
 * function is refused as `unsupported` rather than guessed.
 * Log search: search-query-language/search-operators/*; Cloud SIEM: cse/rules/cse-rules-syntax.
 */

const COMMON: ReadonlyArray<readonly [string, number, number]> = [
  ['tolowercase', 1, 1], ['touppercase', 1, 1], ['isnull', 1, 1], ['isempty', 1, 1], ['isblank', 1, 1],
  ['length', 1, 1], ['contains', 2, 2], ['comparecidrprefix', 3, 3], ['getcidrprefix', 2, 2], ['maskfromcidr', 1, 1],
  ['isvalidip', 1, 1], ['isvalidipv4', 1, 1], ['isvalidipv6', 1, 1], ['isprivateip', 1, 1], ['ispublicip', 1, 1],
  ['ipv4tonumber', 1, 1], ['num', 1, 1], ['number', 1, 1], ['tolong', 1, 1], ['isnumeric', 1, 1], ['trim', 1, 1],
  ['substring', 2, 3], ['abs', 1, 1], ['ceil', 1, 1], ['floor', 1, 1], ['round', 1, 2], ['if', 3, 3],
  ['jsonarraycontains', 2, 2], ['jsonarraysize', 1, 1],
];

/** concat: "The operator allows 2 to 16 input fields" (concat). */
export const SEARCH_FUNCTIONS: FunctionTable = new Map([
  ...COMMON.map(([n, a, b]) => [n, [a, b]] as const),
  ['concat', [2, 16]],
  ['tostring', [1, 1]],
]);

export const CSE_FUNCTIONS: FunctionTable = new Map([
  ...COMMON.map(([n, a, b]) => [n, [a, b]] as const),
  ['concat', [1, 64]],
  ['lower', [1, 1]],
  ['upper', [1, 1]],
  ['todouble', [1, 1]],
  ['tofloat', [1, 1]],
  ['float', [1, 1]],
  ['toint', [1, 1]],
  ['int', [1, 1]],
  ['array_contains', [2, 2]],
  ['size', [1, 1]],
]);
