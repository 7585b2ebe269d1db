import { re2SyntaxError } from '@sigmats/core';

/**
 * Does a regex source compile in RE2 (Sumo's regex engine)? Converters only need the verdict, never a matcher, so
 * the pattern is only parsed, by core's RE2-syntax parser (RE2's rules, limits and messages; differential tests hold
 * it to re2js, the RE2 port). Results are memoised: the same patterns recur across rules and conversions; the memo
 * is a pure function of the source text, bounded and emptied when full.
 */
const MEMO = new Map<string, string | undefined>();
const MEMO_MAX = 4096;

/** RE2's error message for a regex source, or undefined when it compiles. */
export function re2Error(source: string): string | undefined {
  if (MEMO.has(source)) return MEMO.get(source);
  const why = re2SyntaxError(source)?.message;
  if (MEMO.size >= MEMO_MAX) MEMO.clear();
  MEMO.set(source, why);
  return why;
}
