/**
 * A copy of a string that holds no reference to a larger one. V8 represents a substring (a title read from a
 * rule file, say) as a slice of the whole text, and a string built by concatenation (a diagnostic message naming
 * that title) as a pair of references: either keeps the whole source text alive. Values kept until the end of a
 * run go through this: over 8 copies of SigmaHQ's rules, duplicate-id holders and kept diagnostics held 3,144
 * rule texts (14 MB) that way.
 */
export function detached(s: string): string {
  // V8 copies a substring or a concatenation shorter than 13 characters instead of referring to its parts
  // (SlicedString::kMinLength, ConsString::kMinLength): such a string holds nothing larger, and is kept as it is
  // (taxonomies, levels, short names). The copy costs about 0.5 us a string.
  return s.length < SLICED_MIN_LENGTH ? s : (JSON.parse(JSON.stringify(s)) as string);
}

const SLICED_MIN_LENGTH = 13;
