/**
 * A copy of a string that holds no reference to a larger one. V8 represents a substring (a title read from a
 * rule file, say) as a slice of the whole text, and a string built by concatenation (a diagnostic message naming
 * that title) as a pair of references: either keeps the whole source text alive. Values kept until the end of a
 * run go through this: over 8 copies of SigmaHQ's rules, duplicate-id holders and kept diagnostics held 3,144
 * rule texts (14 MB) that way.
 */
export function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
