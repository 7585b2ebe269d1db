// A syntax-level gate for emitted KQL that needs no Kusto language service: every string literal and comment
// closes, brackets balance and pair, and nesting stays under what Kusto analyses. It cannot prove a query
// right; it catches output that is certainly wrong (a value that broke out of its quoting, a truncated query,
// nesting that Kusto refuses with KS245 "Query syntax depth exceeds maximum safe limit").
import type { QueryProblem } from '@sigmats/core';

/**
 * Kusto.Language refuses to analyse a query whose syntax tree is too deep (KS245 "Query syntax depth exceeds
 * maximum safe limit"). Measured with Kusto.Language 12.4.1 (@kusto/language-service-next, the validator
 * backend-kql ships), `print a="x" | where ...`: a flat chain of 493 `or` (or `and`) gives KS245, 492 nested
 * parentheses do, 123 nested `not(` do. Binary chains parse left-deep, so each `and`/`or`/`|` adds a level;
 * a bracket adds one, `not(` about four. The estimate below charges every bracket 4 and every `and`/`or`/`|` 1
 * at each enclosing level (an over-estimate), against a budget that leaves room under the measured limit.
 */
export const KQL_MAX_DEPTH = 450;
const BRACKET_COST = 4;

const PAIRS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Problems of `query` as KQL text (empty = passes the gate). */
export function kqlSyntaxProblems(query: string, maxDepth = KQL_MAX_DEPTH): QueryProblem[] {
  const stack: { ch: string; at: number; ops: number }[] = [];
  // Estimated syntax depth: every open bracket's cost plus the chained operators seen at each open level.
  let depth = 0;
  const tooDeep = (at: number): QueryProblem[] => [
    { message: `query nests deeper than Kusto analyses (estimated syntax depth over ${maxDepth}; Kusto reports KS245)`, offset: at, code: 'kql/too-deep' },
  ];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (c === '/' && query[i + 1] === '/') {
      const nl = query.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '`' && query.startsWith('```', i)) {
      const end = query.indexOf('```', i + 3);
      if (end < 0) return [{ message: 'unterminated ``` string literal', offset: i, code: 'kql/unterminated-string' }];
      i = end + 3;
      continue;
    }
    // @'..' / @"..": verbatim, the quote doubled inside. h'..' / H"..": obfuscated, same escapes as plain.
    const verbatim = c === '@' && (query[i + 1] === "'" || query[i + 1] === '"');
    if (c === "'" || c === '"' || verbatim) {
      const start = i;
      const q = verbatim ? query[i + 1]! : c;
      i += verbatim ? 2 : 1;
      let closed = false;
      while (i < n) {
        const d = query[i]!;
        if (d === '\n' || d === '\r') break; // plain and verbatim literals are single-line in KQL
        if (!verbatim && d === '\\') {
          i += 2;
          continue;
        }
        if (d === q) {
          if (verbatim && query[i + 1] === q) {
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        i++;
      }
      if (!closed) return [{ message: `unterminated string literal starting with ${verbatim ? '@' : ''}${q}`, offset: start, code: 'kql/unterminated-string' }];
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      stack.push({ ch: c, at: i, ops: 0 });
      depth += BRACKET_COST;
      if (depth > maxDepth) return tooDeep(i);
    } else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (top === undefined) return [{ message: `'${c}' closes nothing`, offset: i, code: 'kql/unbalanced' }];
      if (top.ch !== PAIRS[c]) return [{ message: `'${c}' closes '${top.ch}' opened at offset ${top.at}`, offset: i, code: 'kql/unbalanced' }];
      depth -= BRACKET_COST + top.ops;
    } else if (c === '|' || ((c === 'a' || c === 'o') && isWordAt(query, i, c === 'a' ? 'and' : 'or'))) {
      const top = stack[stack.length - 1];
      if (top) top.ops++;
      depth++;
      if (depth > maxDepth) return tooDeep(i);
      if (c !== '|') i += c === 'a' ? 2 : 1;
    } else if (isWordChar(c)) {
      // Skip the rest of an identifier so that `band` or `color` never reads as an operator.
      while (i + 1 < n && isWordChar(query[i + 1]!)) i++;
    }
    i++;
  }
  const open = stack.pop();
  if (open !== undefined) return [{ message: `'${open.ch}' is never closed`, offset: open.at, code: 'kql/unbalanced' }];
  return [];
}

function isWordChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
}

/** `word` starts at i as a whole word (the caller is already at a word start). */
function isWordAt(s: string, i: number, word: string): boolean {
  return s.startsWith(word, i) && (i + word.length >= s.length || !isWordChar(s[i + word.length]!));
}

/** `query` with every string literal and comment replaced by a space (what Kusto reads as operators and names). */
export function kqlUnquoted(query: string): string {
  let out = '';
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (c === '/' && query[i + 1] === '/') {
      const nl = query.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      out += ' ';
      continue;
    }
    if (c === '`' && query.startsWith('```', i)) {
      const end = query.indexOf('```', i + 3);
      i = end < 0 ? n : end + 3;
      out += ' ';
      continue;
    }
    const verbatim = c === '@' && (query[i + 1] === "'" || query[i + 1] === '"');
    if (c === "'" || c === '"' || verbatim) {
      const q = verbatim ? query[i + 1]! : c;
      i += verbatim ? 2 : 1;
      while (i < n) {
        const d = query[i]!;
        if (d === '\n') break;
        if (!verbatim && d === '\\') {
          i += 2;
          continue;
        }
        if (d === q) {
          if (verbatim && query[i + 1] === q) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      out += ' ';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
