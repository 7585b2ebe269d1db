import { RE2Set } from 're2js';

/**
 * Does a regex source compile in RE2 (re2js)? Converters only need the verdict, never a matcher, so the pattern is
 * parsed and simplified (`RE2Set.add`: the same parser, flags and exceptions as `RE2JS.compile`) without building
 * the program, prefilter and one-pass machine, which cost most of the time. Results are memoised: the same patterns
 * recur across rules and conversions; the memo is a pure function of the source text, bounded and emptied when full.
 */
const MEMO = new Map<string, string | undefined>();
const MEMO_MAX = 4096;

/** RE2's error message for a regex source, or undefined when it compiles. */
export function re2Error(source: string): string | undefined {
  if (MEMO.has(source)) return MEMO.get(source);
  let why: string | undefined;
  try {
    new RE2Set().add(source);
  } catch (err) {
    why = err instanceof Error ? err.message : String(err);
  }
  if (MEMO.size >= MEMO_MAX) MEMO.clear();
  MEMO.set(source, why);
  return why;
}
