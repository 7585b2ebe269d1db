/**
 * Field values in the search command: the whole value must match, case-insensitively, `*` matching any run of
 * characters (Search Manual, Wildcards: `my*` matches `myhost.ny.mydomain.com`). There is no single-character
 * wildcard and no escape for `*` (Search Manual, Backslashes).
 */
export type ValueTest = (value: string) => boolean;

const RE_SPECIAL = /[\\^$.|?+()[\]{}]/g;

export function compileWildcard(pattern: string): ValueTest {
  if (!pattern.includes('*')) {
    const want = pattern.toLowerCase();
    // Splunk lower-cases both sides; Unicode case folding beyond toLowerCase is not modelled.
    return (v) => v.toLowerCase() === want;
  }
  const src = pattern
    .split('*')
    .map((s) => s.replace(RE_SPECIAL, '\\$&'))
    .join('[\\s\\S]*');
  const re = new RegExp(`^${src}$`, 'iu');
  return (v) => re.test(v);
}
