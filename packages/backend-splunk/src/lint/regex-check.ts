/**
 * Does a PCRE pattern (as Splunk's regex/match/rex receive it) compile? Checked with the JS engine after
 * rewriting the PCRE-only spellings Sigma rules use (leading inline flags, `(?P<n>`, `\A`, `\z`), so an
 * error here is an error in PCRE too for every construct the two engines share.
 */
export function compilePcre(pattern: string): string | undefined {
  // JS reads \u0041 as a code point escape; PCRE rejects \u, \U, \l, \L and \N{name} outright.
  const bad = /\\([uUlL]|N\{)/.exec(pattern.replaceAll('\\\\', ''));
  if (bad) return `\\${bad[1]} is not supported by PCRE`;
  let src = pattern;
  let flags = '';
  // Inline flag groups at the very start: (?i), (?s), (?m), (?ims)…
  for (;;) {
    const m = /^\(\?([imsx]+)\)/.exec(src);
    if (!m) break;
    for (const f of m[1]!) {
      if (f === 'x') return 'the x (extended) flag is not supported by this check';
      if (!flags.includes(f)) flags += f;
    }
    src = src.slice(m[0].length);
  }
  src = src.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  try {
    new RegExp(src, flags);
    return undefined;
  } catch (e) {
    // Inline flag groups elsewhere, possessive quantifiers and atomic groups are PCRE-valid but not JS-valid.
    if (/\(\?[imsx-]+[:)]|\(\?>|[*+?}]\+/.test(src)) return undefined;
    return e instanceof Error ? e.message : String(e);
  }
}
