import { escapeRegexChar, normalizeParts, partsToRegex } from '@sigmats/core';
import type { RegexFlags, ValuePart } from '@sigmats/core';

/** `/` needs no escape in a PCRE string; everything else as core escapes it (control chars → `\xHH`). */
const escapeChar = (ch: string): string => (ch === '/' ? '/' : escapeRegexChar(ch));

/**
 * PCRE source for a Sigma string, for `match()`/`regex`: anchored on each side unless a leading/trailing `*`
 * makes the anchor pointless (`*x*` → `x`); the end anchor is `\z` (end of subject only). Inner `*`/`?` become `.*`/`.` with `(?s)` so they cross newlines.
 * `anchored: false` gives a find-anywhere pattern (keywords).
 */
export function wildcardRegex(parts: readonly ValuePart[], caseInsensitive: boolean, anchored = true): string {
  let p = normalizeParts(parts);
  let start = anchored;
  let end = anchored;
  if (p[0]?.kind === 'wildcard-multi') {
    p = p.slice(1);
    start = false;
  }
  if (p[p.length - 1]?.kind === 'wildcard-multi') {
    p = p.slice(0, -1);
    end = false;
  }
  const body = partsToRegex(p, { escapeChar });
  const inner = p.some((x) => x.kind === 'wildcard-multi' || x.kind === 'wildcard-single');
  const flags = (caseInsensitive ? 'i' : '') + (inner ? 's' : '');
  // `\z`, not `$`: PCRE's `$` also matches before a final newline, so `x$` would accept "…x\n".
  return (flags ? `(?${flags})` : '') + (start ? '^' : '') + body + (end ? '\\z' : '');
}

/**
 * Raw control characters in a pattern become `\xHH` (same meaning in PCRE; SPL strings cannot hold them).
 * An escaped one (`\<TAB>`, a literal tab) loses its backslash, since `\\x09` would mean something else.
 */
function escapeControls(pattern: string): string {
  if (!/[\u0000-\u001f\u007f]/.test(pattern)) return pattern;
  let out = '';
  let escaped = false;
  for (const ch of pattern) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      if (escaped) out = out.slice(0, -1);
      out += '\\x' + code.toString(16).padStart(2, '0');
      escaped = false;
      continue;
    }
    out += ch;
    escaped = ch === '\\' ? !escaped : false;
  }
  return out;
}

/** A Sigma `|re` pattern with its flags as PCRE inline flags. */
export function sigmaRegex(pattern: string, flags: RegexFlags): string {
  const f = (flags.ignoreCase ? 'i' : '') + (flags.multiline ? 'm' : '') + (flags.dotAll ? 's' : '');
  return (f ? `(?${f})` : '') + escapeControls(pattern);
}
