import { RE2JS } from 're2js';
import type { RegexFlags } from '@sigmats/core';

/**
 * `|re` values are PCRE-flavoured. We run them on RE2 (re2js: linear time, no catastrophic backtracking),
 * translating the PCRE spellings RE2 lacks and refusing, with a reason, what RE2 cannot express.
 */
export type RegexTranslation =
  | { readonly ok: true; readonly source: string; readonly flags: number }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

/** Translate PCRE syntax to RE2 syntax. Pure text pass that tracks escapes and character classes. */
export function translatePcre(pattern: string, flags: RegexFlags): RegexTranslation {
  let out = '';
  let inClass = false;
  let classStart = -1;
  const fail = (reason: string, offset: number): RegexTranslation => ({ ok: false, reason, offset });
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return fail('trailing backslash', i);
      if (n === 'Q') {
        // \Q...\E quoting: copy verbatim (RE2 supports it, but we must not interpret what is inside).
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
        continue;
      }
      if (/[1-9]/.test(n) && !inClass) return fail(`backreference \\${n} (RE2 has no backreferences)`, i);
      if (n === 'k' || n === 'g') return fail(`backreference \\${n} (RE2 has no backreferences)`, i);
      if (n === 'G' || n === 'K') return fail(`\\${n} is not supported by RE2`, i);
      if (n === 'R' || n === 'X') return fail(`\\${n} is not supported by RE2`, i);
      i++;
      switch (n) {
        case 'Z':
          // PCRE \Z: end of subject or before a final newline. Consuming the newline is harmless for a search.
          out += inClass ? 'Z' : '(?:\\n?\\z)';
          continue;
        case 'e':
          out += '\\x1b';
          continue;
        case 'h':
          out += inClass ? '\\t\\x20\\x{a0}' : '[\\t\\x20\\x{a0}]';
          continue;
        case 'H':
          if (inClass) return fail('\\H inside a character class is not supported', i - 1);
          out += '[^\\t\\x20\\x{a0}]';
          continue;
        case 'v':
          out += inClass ? '\\n\\x0b\\f\\r\\x{85}\\x{2028}\\x{2029}' : '[\\n\\x0b\\f\\r\\x{85}\\x{2028}\\x{2029}]';
          continue;
        case 'V':
          if (inClass) return fail('\\V inside a character class is not supported', i - 1);
          out += '[^\\n\\x0b\\f\\r\\x{85}\\x{2028}\\x{2029}]';
          continue;
        case '/':
        case '"':
        case "'":
        case '<':
        case '>':
        case '%':
        case '@':
        case '#':
        case '&':
        case '~':
        case '`':
        case '=':
        case ':':
        case ';':
        case ',':
        case '!':
          // PCRE allows escaping any punctuation; RE2 does too, but quote defensively as a literal.
          out += '\\' + n;
          continue;
        default:
          out += '\\' + n;
          continue;
      }
    }
    if (inClass) {
      out += c;
      // `]` right after `[` or `[^` is a literal in PCRE.
      if (c === ']' && i > classStart + 1 && !(i === classStart + 2 && pattern[classStart + 1] === '^')) inClass = false;
      else if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end > 0) {
          out += pattern.slice(i + 1, end + 2);
          i = end + 1;
        }
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      out += c;
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
        classStart = i - 1;
      }
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!')) return fail('lookahead is not supported by RE2', i);
      if (rest.startsWith('<=') || rest.startsWith('<!')) {
        // re2js supports captureless lookbehind (LOOKBEHINDS flag); compilation decides.
        out += '(?' + rest.slice(0, 2);
        i += 3;
        continue;
      }
      if (rest.startsWith('>')) return fail('atomic groups are not supported by RE2', i);
      if (rest.startsWith('|')) return fail('branch-reset groups are not supported by RE2', i);
      if (rest.startsWith('(')) return fail('conditional groups are not supported by RE2', i);
      if (/^(R|[0-9]|[+-][0-9]|&|P>)/.test(rest)) return fail('recursion is not supported by RE2', i);
      if (rest.startsWith('#')) {
        const end = pattern.indexOf(')', i);
        if (end < 0) return fail('unterminated comment group', i);
        i = end;
        continue;
      }
      if (rest.startsWith("'")) {
        const end = rest.indexOf("'", 1);
        if (end < 0) return fail('unterminated group name', i);
        out += `(?P<${rest.slice(1, end)}>`;
        i += 2 + end;
        continue;
      }
      if (rest.startsWith('<') && !rest.startsWith('<=') && !rest.startsWith('<!')) {
        out += '(?P<';
        i += 2;
        continue;
      }
      const flagMatch = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
      if (flagMatch) {
        const all = (flagMatch[1] ?? '') + (flagMatch[2] ?? '');
        const bad = [...all].find((f) => !'imsU'.includes(f));
        if (bad === 'x') return fail('extended mode (?x) is not supported', i);
        if (bad === 'J' || bad === 'n') {
          // Duplicate names / no auto-capture do not change what matches; drop them.
          const keepOn = (flagMatch[1] ?? '').replace(/[Jn]/g, '');
          const keepOff = (flagMatch[2] ?? '').replace(/[Jn]/g, '');
          const body = keepOn + (keepOff ? `-${keepOff}` : '');
          out += body === '' ? (flagMatch[3] === ':' ? '(?:' : '') : `(?${body}${flagMatch[3]}`;
          i += 1 + flagMatch[0].length;
          continue;
        }
        if (bad !== undefined) return fail(`unknown inline flag '${bad}'`, i);
      }
      out += '(?';
      i++;
      continue;
    }
    if (c === '$') {
      // PCRE `$` (no /m) also matches before a final newline; RE2's does not.
      out += '(?:\\n?$)';
      continue;
    }
    if ((c === '+' || c === '?' || c === '*' || c === '}') && pattern[i + 1] === '+') {
      return fail('possessive quantifiers are not supported by RE2', i + 1);
    }
    out += c;
  }
  let re2Flags = RE2JS.LOOKBEHINDS;
  if (flags.ignoreCase) re2Flags |= RE2JS.CASE_INSENSITIVE;
  if (flags.multiline) re2Flags |= RE2JS.MULTILINE;
  if (flags.dotAll) re2Flags |= RE2JS.DOTALL;
  return { ok: true, source: out, flags: re2Flags };
}

export type CompiledRegex =
  | { readonly ok: true; readonly regex: RE2JS; readonly source: string }
  | { readonly ok: false; readonly reason: string; readonly offset: number };

export function compileRegex(pattern: string, flags: RegexFlags): CompiledRegex {
  const t = translatePcre(pattern, flags);
  if (!t.ok) return t;
  try {
    return { ok: true, regex: RE2JS.compile(t.source, t.flags), source: t.source };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e), offset: 0 };
  }
}
