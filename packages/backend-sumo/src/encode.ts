import { escapeRegexChar, normalizeParts } from '@sigmats/core';
import type { RegexFlags, ValuePart } from '@sigmats/core';

/**
 * The one escaping policy for both Sumo targets (target-languages §4.3 "known gap", §10 q1):
 * - Quoted strings are written only when they need no escape at all. Sumo documents `\"` and nothing else, so a
 *   value holding a quote, a backslash or a control character is matched with a regex instead.
 * - Inside `/…/` a backslash is always `\x5c` and a slash `\/`: both mean the same to RE2 whether or not Sumo
 *   unescapes the literal first, so the encoding is unambiguous. Control and invisible separator characters
 *   become `\x{…}` so a literal never spans lines.
 */

/** Characters that may appear inside a quoted literal with no escaping (log search `"…"` and CSE `'…'`). */
export function isQuotable(text: string): boolean {
  // Printable ASCII but the quotes and the backslash (the usual value), else no quote, backslash or invisible code
  // point: one native scan each, where a loop called isInvisible per character (SigmaHQ has rules of emoji lists).
  return PLAIN_QUOTABLE.test(text) || !UNQUOTABLE.test(text);
}

/**
 * Printable ASCII but the quotes and the backslash: the usual value, answered by one native scan (a character loop
 * was 12 ms of self time converting rules/ with both backends, in a first-pass profile).
 */
const PLAIN_QUOTABLE = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * The invisible code points (isInvisible): control, format, line/paragraph separator, surrogate (a lone half; the `u`
 * flag reads a pair as its code point), private-use and unassigned. Cc holds all of ASCII's controls and DEL.
 */
const INVISIBLE = '\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Co}\\p{Cn}';
const INVISIBLE_ONE = new RegExp(`[${INVISIBLE}]`, 'u');
/** A quote, an apostrophe, a backslash or an invisible code point: what isQuotable refuses. */
const UNQUOTABLE = new RegExp(`["'\\\\${INVISIBLE}]`, 'u');

/** Control, format and line/paragraph separator characters: never written raw into a query. */
export function isInvisible(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c >= 0x20 && c < 0x7f) return false;
  if (c < 0x20 || c === 0x7f) return true;
  return INVISIBLE_ONE.test(ch);
}

/** Whether some code point of `text` is invisible (`[...text].some(isInvisible)`, in one native scan). */
export function hasInvisible(text: string): boolean {
  return INVISIBLE_ONE.test(text);
}

/**
 * True when lower-casing the field and the literal is an exact case-insensitive comparison: every character is
 * ASCII or has no case. Other letters (ß, İ, Σ…) lower-case differently across Java and JS, so they go to `(?i)`.
 */
export function lowerSafe(text: string): boolean {
  if (/^[\x00-\x7f]*$/.test(text)) return true;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) return false;
  }
  return true;
}

/** Escape one literal character for a Sumo `/regex/`. */
export function sumoRegexChar(ch: string): string {
  if (ch === '\\') return '\\x5c';
  if (ch === '/') return '\\/';
  if (isInvisible(ch)) return `\\x{${ch.codePointAt(0)!.toString(16)}}`;
  return escapeRegexChar(ch);
}

/** ASCII characters sumoRegexChar changes (regex metacharacters, `/`); the rest of printable ASCII is kept. */
const REGEX_SPECIAL = new Uint8Array(128);
for (const ch of '\\^$.|?*+()[]{}/') REGEX_SPECIAL[ch.charCodeAt(0)] = 1;

/** Printable ASCII text, and the characters of it sumoRegexChar changes (REGEX_SPECIAL). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SPECIAL = /[\\^$.|?*+()[\]{}/]/g;
const escapeSpecial = (ch: string): string => (ch === '\\' ? '\\x5c' : `\\${ch}`);
/** SPECIAL without the backslash: each of these is written as `\` before it, which a replacement pattern says natively. */
const SPECIAL_BUT_BACKSLASH = /[\^$.|?*+()[\]{}/]/g;

/** Regex source for the literal text (no anchors): sumoRegexChar on each code point, runs of plain text copied. */
export function regexLiteral(text: string): string {
  // Printable ASCII (nearly every value): a native replace rather than the loop over each character below. Without a
  // backslash the replacement is the pattern `\$&`, with no call back into JavaScript per special character (the
  // callback was most of regexLiteral's time in a first-pass profile of both backends over rules/).
  if (PRINTABLE_ASCII.test(text)) return text.includes('\\') ? text.replace(SPECIAL, escapeSpecial) : text.replace(SPECIAL_BUT_BACKSLASH, '\\$&');
  // Other text: one native replace by code point (the `u` flag pairs surrogates as the loop below does), calling back
  // only for the characters that change.
  return text.replace(SPECIAL_OR_INVISIBLE, sumoRegexChar);
}

/** What sumoRegexChar changes, by code point: a regex metacharacter, `/`, or an invisible code point. */
const SPECIAL_OR_INVISIBLE = new RegExp(`[\\\\^$.|?*+()[\\]{}/${INVISIBLE}]`, 'gu');

/**
 * regexLiteral by a loop over the code points (its definition; the tests compare regexLiteral with it): sumoRegexChar on
 * each one that is not plain printable ASCII, runs of plain text copied.
 */
export function regexLiteralByLoop(text: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && REGEX_SPECIAL[c] === 0) continue;
    out += text.slice(run, i);
    // One code point, as `for…of` yields it: a surrogate pair together, a lone surrogate alone.
    const pair = c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    out += sumoRegexChar(pair ? text.slice(i, i + 2) : text[i]!);
    if (pair) i++;
    run = i + 1;
  }
  return out + text.slice(run);
}

/** Regex body for a Sigma string value: `*` → `.*`, `?` → `.`, literals escaped; no anchors, no flags. */
export function partsRegex(parts: readonly ValuePart[]): string {
  // Same output as partsToRegex(…, { escapeChar: sumoRegexChar }), escaping literals by runs rather than per char.
  let out = '';
  for (const p of normalizeParts(parts)) {
    switch (p.kind) {
      case 'literal':
        out += regexLiteral(p.text);
        break;
      case 'wildcard-multi':
        out += '.*';
        break;
      case 'wildcard-single':
        out += '.';
        break;
      case 'placeholder':
        throw new Error(`unresolved placeholder %${p.name}% cannot become a regex`);
    }
  }
  return out;
}

/** Does a regex body produced by partsRegex use `.` (so needs `(?s)` to cross newlines like Sigma wildcards)? */
export function hasWildcard(parts: readonly ValuePart[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const kind = parts[i]!.kind;
    if (kind === 'wildcard-multi' || kind === 'wildcard-single') return true;
  }
  return false;
}

/** `(?is)` style prefix, or '' when no flag is set. */
export function flagPrefix(flags: { i?: boolean; m?: boolean; s?: boolean }): string {
  const f = `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}`;
  return f ? `(?${f})` : '';
}

/**
 * Re-encode a Sigma `|re` pattern for a Sumo `/…/` literal without changing its meaning in RE2: `\\` → `\x5c`,
 * every unescaped `/` → `\/`, raw control characters → `\x{…}`. Other escape pairs are copied as written.
 */
export function encodeUserRegex(pattern: string): string {
  let out = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) {
      const next = chars[i + 1]!;
      i++;
      if (next === '\\') out += '\\x5c';
      else if (isInvisible(next)) out += sumoRegexChar(next);
      else out += '\\' + next;
      continue;
    }
    if (ch === '/') out += '\\/';
    else if (isInvisible(ch)) out += sumoRegexChar(ch);
    else out += ch;
  }
  return out;
}

/**
 * A whole Sumo regex for a Sigma `|re` value: Sigma regexes match anywhere, and whether Sumo `matches /…/` needs a
 * whole-value match is undocumented (§10 q2), so the pattern is padded to work either way.
 */
export function userRegex(pattern: string, flags: RegexFlags): string {
  const prefix = flagPrefix({ i: flags.ignoreCase, m: flags.multiline, s: flags.dotAll });
  return `${prefix}^(?s:.*)(?:${encodeUserRegex(pattern)})(?s:.*)$`;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ASCII = /^[\x00-\x7f]*$/;

/** Longest common prefix/suffix of texts, by code point (never splits a surrogate pair). */
export function commonAffixes(texts: readonly string[]): { prefix: string; suffix: string } {
  if (texts.length < 2) return { prefix: '', suffix: '' };
  // ASCII text indexes by code point already: skip splitting every text into an array.
  const ascii = texts.every((t) => ASCII.test(t));
  const arrays: readonly ArrayLike<string>[] = ascii ? texts : texts.map((t) => Array.from(t));
  const first = arrays[0]!;
  let minLen = first.length;
  for (const a of arrays) if (a.length < minLen) minLen = a.length;
  // The common prefix is the shortest of each text's common prefix with the first (likewise the suffix): one plain loop
  // per text rather than a callback per text and position (commonAffixes was a tenth of the CSE renders' time, cold).
  let p = minLen;
  for (let k = 1; k < arrays.length && p > 0; k++) {
    const a = arrays[k]!;
    let j = 0;
    while (j < p && a[j] === first[j]) j++;
    p = j;
  }
  let s = minLen - p;
  for (let k = 1; k < arrays.length && s > 0; k++) {
    const a = arrays[k]!;
    let j = 0;
    while (j < s && a[a.length - 1 - j] === first[first.length - 1 - j]) j++;
    s = j;
  }
  // Cut only just after / before a separator so alternatives stay whole words: `\\(?:powershell|pwsh)\.exe`,
  // not `\\p(?:owershell|wsh)`.
  const word = (ch: string | undefined): boolean => ch !== undefined && WORD_CHAR.test(ch);
  while (p > 0 && word(first[p - 1])) p--;
  while (s > 0 && word(first[first.length - s])) s--;
  const take = (from: number, to: number): string =>
    typeof first === 'string' ? first.slice(from, to) : Array.prototype.slice.call(first, from, to).join('');
  return { prefix: take(0, p), suffix: s > 0 ? take(first.length - s, first.length) : '' };
}
