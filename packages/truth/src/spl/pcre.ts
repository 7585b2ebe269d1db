import { RE2JS } from 're2js';
import { SplError } from './errors.js';

/**
 * Splunk regexes (`regex`, `match()`) are PCRE. They run here on RE2 (re2js: linear time). The emitted regexes
 * are meant to be RE2-compatible; this translation handles the PCRE spellings whose RE2 meaning differs and
 * refuses what RE2 cannot express (backreferences, lookaround), so a verdict is never silently wrong:
 *  - `$` outside a class, without the m flag: PCRE matches at the end or before a final newline; RE2's `$` only at
 *    the end. Written `(?:\n?\z)` (consuming the newline is harmless: only the match/no-match verdict is used).
 *  - `\Z` likewise; `\z`, `\A`, `(?i)`, `(?s)`, `(?m)` are the same in both.
 *  - `\h`, `\v`, `\H`, `\V`, `\e` (PCRE only) become their classes; `\Q…\E` is copied as is.
 *  - PCRE `\s` also matches the vertical tab (PCRE2 / PCRE >= 8.34); RE2's does not: written `[\s\x0b]`.
 * Writing this instead of reusing another package's translation is deliberate: the check must not share code
 * with what it checks.
 */
const cache = new Map<string, RE2JS>();

export function compilePcre(pattern: string, offset?: number): RE2JS {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const src = translate(pattern, offset);
  let re: RE2JS;
  try {
    re = RE2JS.compile(src);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // RE2 rejects lookaround and other PCRE-only syntax: not an SPL syntax error, a limit of the interpreter.
    throw new SplError(/invalid or unsupported Perl syntax/i.test(msg) ? 'unsupported' : 'syntax', `regex ${JSON.stringify(pattern)}: ${msg}`, offset);
  }
  cache.set(pattern, re);
  return re;
}

function translate(p: string, offset?: number): string {
  const multiline = /^\(\?[a-zA-Z]*m[a-zA-Z]*\)/.test(p) || /\(\?[a-zA-Z]*m[a-zA-Z]*[:)]/.test(p);
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) throw new SplError('syntax', `regex ${JSON.stringify(p)}: trailing backslash`, offset);
      if ((n === 'G' || n === 'K' || n === 'R' || n === 'X' || n === 'C') && !inClass) {
        throw new SplError('unsupported', `regex ${JSON.stringify(p)}: \\${n} has no RE2 equivalent`, offset);
      }
      if (/[1-9]/.test(n) && !inClass) throw new SplError('unsupported', `regex ${JSON.stringify(p)}: backreference \\${n} (RE2 has none)`, offset);
      if (n === 'Q') {
        // \Q…\E quotes literally (RE2 has it too): copy without interpreting `$` inside.
        const end = p.indexOf('\\E', i + 2);
        const stop = end < 0 ? p.length : end + 2;
        out += p.slice(i, stop);
        i = stop - 1;
        continue;
      }
      if (n === 'h' || n === 'v' || n === 'H' || n === 'V' || n === 'e') {
        // PCRE-only escapes: horizontal / vertical white space classes and ESC.
        const cls = n === 'h' || n === 'H' ? '\\t\\x20\\xa0' : '\\n\\x0b\\f\\r\\x85\\x{2028}\\x{2029}';
        if (n === 'e') out += '\\x1b';
        else if (inClass) {
          if (n === 'H' || n === 'V') throw new SplError('unsupported', `regex ${JSON.stringify(p)}: \\${n} inside a class`, offset);
          out += cls;
        } else out += n === n.toLowerCase() ? `[${cls}]` : `[^${cls}]`;
        i++;
        continue;
      }
      if (n === 'Z' && !inClass) {
        out += '(?:\\n?\\z)';
      } else if (n === 's' && !inClass) {
        out += '[\\s\\x0b]';
      } else if (n === 's' && inClass) {
        out += '\\s\\x0b';
      } else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal.
      if (p[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && p[i + 1] === '?') {
      const head = p.slice(i + 2, i + 5);
      if (/^(?:=|!|<=|<!|>|\(|R\)|\d|&|P>|\|)/.test(head)) {
        throw new SplError('unsupported', `regex ${JSON.stringify(p)}: PCRE construct (?${head}... (lookaround, atomic group, recursion, conditional) has no RE2 equivalent`, offset);
      }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && p[i + 1] === '+' && i > 0) {
      throw new SplError('unsupported', `regex ${JSON.stringify(p)}: possessive quantifier ${c}+ has no RE2 equivalent`, offset);
    }
    if (c === '$' && !multiline) {
      out += '(?:\\n?\\z)';
      continue;
    }
    out += c;
  }
  return out;
}

/** Unanchored search: does the regex match anywhere in the text (regex command, match())? */
export function pcreTest(re: RE2JS, text: string): boolean {
  return re.test(text);
}
