import { describe, expect, it } from 'vitest';
import { commonAffixes, hasInvisible, isInvisible, isQuotable, regexLiteral, regexLiteralByLoop, sumoRegexChar } from '../src/encode.js';
import { seededRandom as rng } from '@sigmats/evaluator';

/**
 * The encoders' fast paths (native scans and replaces, loops without callbacks) against their definitions: the
 * character-by-character forms they replaced, on fixed edge cases and on random text from an alphabet of the
 * characters that matter (regex metacharacters, quotes, backslashes, controls, non-ASCII letters, emoji with
 * joiners and modifiers, format characters, private use, unassigned, lone surrogate halves).
 */

const ALPHABET = [
  'a', 'Z', '0', '_', '-', ' ', '.', '*', '?', '\\', '/', '^', '$', '|', '+', '(', ')', '[', ']', '{', '}', '"', "'",
  '\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u0085', '\u00a0', 'é', 'ß', 'İ', 'Σ', 'ж', '中',
  '\u200b', '\u200d', '\u2028', '\u2029', '\ufeff', '\ue000', '\u0378', '\ufe0f',
  '😀', '👩', '🏿', '♀', '\ud83d', '\ude00', '\udfff', '\udb40\udc01', '\u{10ffff}',
];

function randomText(next: () => number, maxLength = 12): string {
  let s = '';
  const n = Math.floor(next() * (maxLength + 1));
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)]!;
  return s;
}

/** isQuotable before the native scan: the character loop. */
function isQuotableByLoop(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 92) return false;
    if (c >= 0x20 && c < 0x7f) continue;
    if (isInvisible(String.fromCodePoint(text.codePointAt(i)!))) return false;
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return true;
}

/** commonAffixes before the loops without callbacks (same word-boundary cut). */
function commonAffixesByEvery(texts: readonly string[]): { prefix: string; suffix: string } {
  if (texts.length < 2) return { prefix: '', suffix: '' };
  const arrays = texts.map((t) => Array.from(t));
  const first = arrays[0]!;
  let minLen = first.length;
  for (const a of arrays) if (a.length < minLen) minLen = a.length;
  let p = 0;
  while (p < minLen && arrays.every((a) => a[p] === first[p])) p++;
  let s = 0;
  while (s < minLen - p && arrays.every((a) => a[a.length - 1 - s] === first[first.length - 1 - s])) s++;
  const word = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
  while (p > 0 && word(first[p - 1])) p--;
  while (s > 0 && word(first[first.length - s])) s--;
  return { prefix: first.slice(0, p).join(''), suffix: s > 0 ? first.slice(first.length - s).join('') : '' };
}

describe('encoders against their character-by-character definitions', () => {
  const fixed = ['', 'abc', 'a.b*c', 'C:\\Windows\\', '/tmp/x', '"q"', "it's", 'tab\there', 'line\nbreak', 'é\u200d😀', '\ud83d', '\ude00x', 'a\u2028b', '👩‍❤️‍👨'];

  it('regexLiteral is sumoRegexChar on every code point that changes', () => {
    const next = rng(1);
    const texts = [...fixed, ...Array.from({ length: 20000 }, () => randomText(next))];
    for (const t of texts) {
      const byPoint = Array.from(t, (ch) => (/^[\x20-\x7e]$/.test(ch) && !/[\\^$.|?*+()[\]{}/]/.test(ch) ? ch : sumoRegexChar(ch))).join('');
      expect(regexLiteral(t), JSON.stringify(t)).toBe(regexLiteralByLoop(t));
      expect(regexLiteral(t), JSON.stringify(t)).toBe(byPoint);
    }
  });

  it('isQuotable and hasInvisible answer as the loops over code points do', () => {
    const next = rng(2);
    const texts = [...fixed, ...Array.from({ length: 20000 }, () => randomText(next))];
    for (const t of texts) {
      expect(isQuotable(t), JSON.stringify(t)).toBe(isQuotableByLoop(t));
      expect(hasInvisible(t), JSON.stringify(t)).toBe([...t].some(isInvisible));
    }
  });

  it('commonAffixes gives the prefix and suffix the per-position test gave', () => {
    const next = rng(3);
    for (let k = 0; k < 5000; k++) {
      // Lists sharing a random prefix and suffix, as value lists do (`\\a.exe`, `\\b.exe`).
      const pre = randomText(next, 6);
      const suf = randomText(next, 6);
      const n = 1 + Math.floor(next() * 5);
      const texts = Array.from({ length: n }, () => pre + randomText(next, 4) + suf);
      expect(commonAffixes(texts), JSON.stringify(texts)).toEqual(commonAffixesByEvery(texts));
    }
    expect(commonAffixes(['\\powershell.exe', '\\pwsh.exe'])).toEqual({ prefix: '\\', suffix: '.exe' });
  });
});
