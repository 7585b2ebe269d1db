import type { ValuePart } from '../ir/values.js';

/**
 * Sigma string → parts, exactly as the specification (and pySigma's SigmaString) reads it:
 * `\` escapes the next character when it is `*`, `?` or `\` (that character becomes literal text);
 * before any other character the backslash is kept together with that character; a trailing lone `\` is literal.
 * An unescaped `*` / `?` is a wildcard.
 */
export function parseSigmaString(text: string): { parts: ValuePart[]; escapedWildcard: boolean } {
  // Fast path: nothing special at all (a native scan instead of a character loop).
  if (!SPECIAL.test(text)) return { parts: text === '' ? [] : [{ kind: 'literal', text }], escapedWildcard: false };
  // No wildcard and no `\\` pair: every backslash is kept with the character after it (or is a trailing literal), so
  // the text is one literal as written (Windows paths: most values), without the scan and its concatenations.
  if (!NOT_ONE_LITERAL.test(text)) return { parts: [{ kind: 'literal', text }], escapedWildcard: false };
  const parts: ValuePart[] = [];
  let lit = '';
  // The `C:\Windows\*` trap: an escaped wildcard right after a path segment in a string that uses single
  // backslashes as path separators. Deliberate escapes (`\\\*`, `objectclass=\*`, `url\?q=`) are not flagged.
  let suspiciousEscape = false;
  let singleSeparator = false;
  let lastWasEscapePair = false;
  let from = 0;
  const re = SPECIAL_G;
  re.lastIndex = 0;
  // test(), not exec(): the match's index is lastIndex - 1, and no match array is allocated per special character.
  while (re.test(text)) {
    const i = re.lastIndex - 1;
    if (i > from) {
      lit += text.slice(from, i);
      lastWasEscapePair = false;
    }
    const c = text[i] as string;
    if (c === '\\') {
      const n = i + 1 < text.length ? text[i + 1] : undefined;
      if (n === undefined) {
        lit += '\\';
        from = i + 1;
      } else if (n === '*' || n === '?' || n === '\\') {
        if (n !== '\\' && !lastWasEscapePair && i > 0 && /[\w.$-]/.test(text[i - 1] as string)) suspiciousEscape = true;
        lit += n;
        from = i + 2;
        re.lastIndex = from;
        lastWasEscapePair = true;
        continue;
      } else {
        singleSeparator = true;
        lit += '\\' + n;
        from = i + 2;
        re.lastIndex = from;
      }
    } else {
      if (lit !== '') parts.push({ kind: 'literal', text: lit });
      lit = '';
      parts.push(c === '*' ? WILDCARD_MULTI : WILDCARD_SINGLE);
      from = i + 1;
    }
    lastWasEscapePair = false;
  }
  if (from < text.length) lit += text.slice(from);
  if (lit !== '') parts.push({ kind: 'literal', text: lit });
  return { parts, escapedWildcard: suspiciousEscape && singleSeparator };
}

const SPECIAL = /[\\*?]/;
/** The same, global, for the scan above (shared: the scan never re-enters; lastIndex is reset per call). */
const SPECIAL_G = /[\\*?]/g;
/** What makes a non-empty text more than one literal written as is: a wildcard, or an escaped backslash. */
const NOT_ONE_LITERAL = /[*?]|\\\\/;
/** Wildcard parts carry no data: one shared (readonly) object each instead of one per occurrence. */
export const WILDCARD_MULTI: ValuePart = { kind: 'wildcard-multi' };
export const WILDCARD_SINGLE: ValuePart = { kind: 'wildcard-single' };

/**
 * `|expand`: finds `%name%` placeholders in literal parts. `\%` is a literal percent sign (the backslash is
 * dropped); a lone `%` without a closing one stays literal.
 */
export function insertPlaceholders(parts: readonly ValuePart[]): ValuePart[] {
  const out: ValuePart[] = [];
  for (const p of parts) {
    if (p.kind !== 'literal') {
      out.push(p);
      continue;
    }
    const t = p.text;
    let lit = '';
    for (let i = 0; i < t.length; i++) {
      const c = t[i] as string;
      if (c === '\\' && t[i + 1] === '%') {
        lit += '%';
        i++;
      } else if (c === '%') {
        const close = findPlaceholderEnd(t, i + 1);
        if (close > i + 1) {
          if (lit !== '') out.push({ kind: 'literal', text: lit });
          lit = '';
          out.push({ kind: 'placeholder', name: t.slice(i + 1, close) });
          i = close;
        } else {
          lit += c;
        }
      } else {
        lit += c;
      }
    }
    if (lit !== '') out.push({ kind: 'literal', text: lit });
  }
  return mergeLiterals(out);
}

function findPlaceholderEnd(t: string, from: number): number {
  for (let j = from; j < t.length; j++) {
    const c = t[j];
    if (c === '%') return j;
  }
  return -1;
}

/** Whether parseSigmaString reads `text` as one literal part with the text as written (and no escaped wildcard). */
export function isOneLiteral(text: string): boolean {
  return text !== '' && !NOT_ONE_LITERAL.test(text);
}

/** Joins adjacent literal parts (modifiers may produce them). */
export function mergeLiterals(parts: readonly ValuePart[]): ValuePart[] {
  const out: ValuePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'literal') {
      if (p.text === '') continue;
      if (last && last.kind === 'literal') {
        out[out.length - 1] = { kind: 'literal', text: last.text + p.text };
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

export function hasWildcards(parts: readonly ValuePart[]): boolean {
  return parts.some((p) => p.kind === 'wildcard-multi' || p.kind === 'wildcard-single');
}

/** Placeholders found in regex source under `|re|expand` (`\%` escapes). */
export function regexPlaceholders(pattern: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '%') {
      const close = pattern.indexOf('%', i + 1);
      if (close > i + 1) {
        names.push(pattern.slice(i + 1, close));
        i = close;
      }
    }
  }
  return names;
}
