/**
 * Case folding used for every case-insensitive comparison.
 *
 * `String#toLowerCase` is almost a per-code-point mapping; the two exceptions matter for `?` (one code point)
 * and for substring prefilters: U+0130 (İ) lower-cases to two code points, and Σ lower-cases to σ or ς
 * depending on its position. We map İ → i (its simple lowercase) and ς → σ so that folding is a pure
 * per-code-point mapping: fold(sub) is always a substring of fold(s), and code point counts are kept.
 * ſ (long s) → s as in Unicode case folding, so that RE2's case-insensitive `s` and our folding agree.
 */
const NEEDS_FIX = /[\u0130\u03c2\u03a3\u017f]/;

export function fold(s: string): string {
  const lower = s.toLowerCase();
  // Fast path: ASCII-only and most non-ASCII text is unaffected.
  if (lower.length === s.length && !NEEDS_FIX.test(lower)) return lower;
  if (!NEEDS_FIX.test(s)) return lower;
  return s.replace(/\u0130/g, 'i').toLowerCase().replace(/\u03c2/g, '\u03c3').replace(/\u017f/g, 's');
}
