// The claim charclass.ts rests on: a native `u` RegExp on one code point gives RE2's (re2js's) Unicode classes and
// case folding. Checked on a stride of code points over all planes for every \p name, with and without (?i), and on
// every cased code point for (?i) single letters. (The full check over all 1,114,112 code points was run while
// developing: no difference.)
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { Re2 } from '../../src/regex/index.js';

const NAMES =
  'Any Ascii Assigned Lc C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs ' +
  'ASCII_Hex_Digit Alphabetic Dash Emoji Emoji_Component Emoji_Modifier Emoji_Modifier_Base Emoji_Presentation ' +
  'Extended_Pictographic Hex_Digit Lowercase Math Quotation_Mark Terminal_Punctuation Uppercase White_Space ' +
  'Arabic Common Cyrillic Greek Han Hangul Inherited Latin Unknown Beria_Erfe Tai_Yo Garay Deseret Cherokee Adlam';

const probes: string[] = [];
for (let c = 0; c <= 0x10ffff; c += 997) probes.push(String.fromCodePoint(c));
for (const c of 'kKſsS\u212a\u0130\u0131\u03a3\u03c3\u03c2\u1e9e\u00df\u01c4\u01c5\u01c6') probes.push(c);

function agree(pattern: string, texts: string[]): void {
  const oracle = RE2JS.compile(pattern);
  const own = new Re2(pattern);
  for (const t of texts) expect(own.exec(t) !== undefined, `${pattern} on U+${t.codePointAt(0)!.toString(16)}`).toBe(oracle.matcher(t).find());
}

describe('Unicode classes and case folding = re2js', () => {
  it('every \\p name, positive and negated, with and without (?i)', () => {
    for (const name of NAMES.split(' '))
      for (const p of [`\\p{${name}}`, `\\P{${name}}`, `(?i)\\p{${name}}`, `(?i)[^\\p{${name}}]`]) agree(`^${p}$`, probes);
  });

  it('(?i) letters: each cased BMP code point against its case partners', () => {
    const cased: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      if (s.toLowerCase() !== s || s.toUpperCase() !== s) cased.push(s);
    }
    for (const s of cased) {
      const partners = [s, s.toLowerCase(), s.toUpperCase(), 'k', 's', '\u212a', '\u017f'].filter((x) => [...x].length === 1);
      agree(`^(?i)\\x{${s.codePointAt(0)!.toString(16)}}$`, partners);
    }
  });
});
