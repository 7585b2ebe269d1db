/**
 * A quick proof, without tokens, that lintSpl finds nothing in a query: the common shape of this backend's output, one
 * search expression of `name=value` terms, IN lists, AND/OR/NOT and groups (95% of the queries over SigmaHQ's rules,
 * rules-emerging-threats and rules-threat-hunting, without a pipeline and with splunk-windows).
 * It follows the checks lintSpl makes in search mode, restricted to a subset it can decide in one pass:
 *  - characters: no control character, pipe, bracket, macro, '…' field name, stray '!' or `==`, and every "…" string is
 *    closed with no escape but \\, \" and \' (what token() accepts; tokenize.ts CLEAN_DQ);
 *  - AND/OR never where an operand is expected; AND/OR/NOT never last, nor before `)`, `,`, AND or OR;
 *  - a comparison operator only after an operand, never last, nor before `)`, `,`, AND, OR or NOT;
 *  - groups balanced, none empty, none written right against a word (a call);
 *  - `IN` only after a word that is not AND/OR/NOT (or a string), then `(`, values (words, strings) between commas, `)`.
 * Anything else returns false and the query gets the full lint: false never means a problem. The differential test
 * (simple-search.test.ts) holds this to lintSpl over SigmaHQ-shaped and mutated queries.
 */
import { CLEAN_DQ, WORD_RUN } from './tokenize.js';

const SPACE = 32;
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const QUOTE = 34;
const EQUALS = 61;
const LESS = 60;
const GREATER = 62;
const BANG = 33;

/** Control characters: none anywhere (lint checks strings for them, and the line breaks are not spaces here). */
const CONTROL = /[\u0000-\u001f\u007f]/;

// What the previous unit was, as the checks need it.
const NONE = 0;
const WORD_OPERAND = 1; // a word other than AND/OR/NOT/IN
const STRING_OPERAND = 2;
const OTHER = 3; // AND/OR/NOT, `(`, `)`, an operator, the `)` of an IN list

/** 1 for AND/OR, 2 for NOT, 3 for IN, 0 for any other word from..to. */
function keyword(src: string, from: number, to: number): number {
  const n = to - from;
  if (n === 2) {
    if (src.startsWith('OR', from)) return 1;
    if (src.startsWith('IN', from)) return 3;
  } else if (n === 3) {
    if (src.startsWith('AND', from)) return 1;
    if (src.startsWith('NOT', from)) return 2;
  }
  return 0;
}

/** The index after the spaces from `i`. */
function skipSpaces(src: string, i: number): number {
  while (src.charCodeAt(i) === SPACE) i++;
  return i;
}

/**
 * The end of a well-formed IN list whose `(` is the first non-space at or after `i`, or -1: values (words or clean
 * strings) separated by commas, at least one, no trailing comma.
 */
function inListEnd(src: string, i: number): number {
  i = skipSpaces(src, i);
  if (src.charCodeAt(i) !== LPAREN) return -1;
  i++;
  for (;;) {
    i = skipSpaces(src, i);
    const re = src.charCodeAt(i) === QUOTE ? CLEAN_DQ : WORD_RUN;
    re.lastIndex = i;
    // WORD_RUN matches nothing at a character that starts no word: no value there.
    if (!re.test(src) || re.lastIndex === i) return -1;
    i = skipSpaces(src, re.lastIndex);
    const c = src.charCodeAt(i);
    if (c === RPAREN) return i + 1;
    if (c !== COMMA) return -1;
    i++;
  }
}

/** True when lintSpl(query) is certainly empty; false when the full lint must decide. */
export function simpleSearch(query: string): boolean {
  if (CONTROL.test(query)) return false;
  const n = query.length;
  let prev = NONE;
  // Where the previous word or string starts and ends.
  let prevStart = -1;
  let prevEnd = -1;
  let expectOperand = true;
  let depth = 0;
  // The previous unit was AND/OR/NOT (1) or an operator (2): what may follow it is restricted.
  let pending = 0;
  let i = skipSpaces(query, 0);
  if (i >= n) return false; // empty query
  while (i < n) {
    const c = query.charCodeAt(i);
    if (c === LPAREN) {
      // `word(` is a call, which the search language has only for CASE() and TERM(): left to the full lint.
      if (prev === WORD_OPERAND && prevEnd === i) return false;
      depth++;
      expectOperand = true;
      prev = OTHER;
      pending = 0;
      i++;
    } else if (c === RPAREN) {
      // Also refuses an empty group `()` and `)` after AND/OR/NOT or an operator: an operand is expected there.
      if (depth === 0 || expectOperand) return false;
      depth--;
      prev = OTHER;
      i++;
    } else if (c === QUOTE) {
      CLEAN_DQ.lastIndex = i;
      if (!CLEAN_DQ.test(query)) return false;
      prevStart = i;
      i = prevEnd = CLEAN_DQ.lastIndex;
      expectOperand = false;
      prev = STRING_OPERAND;
      pending = 0;
    } else if (c === EQUALS || c === LESS || c === GREATER || c === BANG) {
      if (expectOperand) return false;
      const two = query.charCodeAt(i + 1) === EQUALS;
      // `==` is no search operator; `!` alone is a syntax error.
      if ((c === EQUALS && two) || (c === BANG && !two)) return false;
      i += two ? 2 : 1;
      expectOperand = true;
      prev = OTHER;
      pending = 2;
    } else {
      WORD_RUN.lastIndex = i;
      WORD_RUN.test(query);
      const end = WORD_RUN.lastIndex;
      if (end === i) return false; // a comma, quote, bracket, pipe or backquote
      const k = keyword(query, i, end);
      if (k === 1 || k === 2) {
        // AND/OR after AND/OR/NOT or an operator, or where an operand is expected; NOT after an operator.
        if (pending === 2 || (k === 1 && (pending === 1 || expectOperand))) return false;
        expectOperand = true;
        prev = OTHER;
        pending = 1;
        i = end;
      } else if (k === 3) {
        // IN needs a field before it: a word, or a string whose text is not AND/OR/NOT (nor IN, to keep it simple).
        if (prev === STRING_OPERAND ? keyword(query, prevStart + 1, prevEnd - 1) !== 0 : prev !== WORD_OPERAND) return false;
        const listEnd = inListEnd(query, end);
        if (listEnd < 0) return false;
        expectOperand = false;
        prev = OTHER;
        pending = 0;
        i = listEnd;
      } else {
        expectOperand = false;
        prev = WORD_OPERAND;
        pending = 0;
        prevStart = i;
        i = prevEnd = end;
      }
    }
    i = skipSpaces(query, i);
  }
  return depth === 0 && pending === 0;
}
