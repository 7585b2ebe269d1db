import type { ValuePart } from '../ir/values.js';
import { mergeLiterals } from './sigma-string.js';

/** The five dash characters a Windows command line accepts for a flag (SPEC appendix, `windash`). */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

const DASHES: ReadonlySet<string> = new Set(WINDASH_CHARS);

/**
 * Positions in `text` matching `\B[-/–—―]\b` (Unicode word characters, as Python's `re`): one of the five dash
 * characters not preceded by a word character and followed by one. The spec makes the five interchangeable, so a
 * value written with an en dash, em dash or horizontal bar expands like one written with `-` (pySigma only looks for
 * `-` and `/`, so `–x` stays one value there; other Sigma implementations' tests expect all five).
 */
export function windashPositions(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (DASHES.has(c) && !isWord(text[i - 1]) && isWord(text[i + 1])) out.push(i);
  }
  return out;
}

/** Number of qualifying dash positions over the literal parts (each part scanned on its own, like pySigma). */
export function windashCount(parts: readonly ValuePart[]): number {
  let n = 0;
  for (const p of parts) if (p.kind === 'literal') n += windashPositions(p.text).length;
  return n;
}

/** Characters of a value as written: each wildcard or placeholder counts as one. */
export function partsLength(parts: readonly ValuePart[]): number {
  let n = 0;
  for (const p of parts) n += p.kind === 'literal' ? p.text.length : 1;
  return n;
}

/**
 * All 5^n variants, the written one first (the last dash varies fastest). Each variant is built once from the
 * per-part choices: extending every variant part by part copied each prefix again, quadratic in the number of parts
 * (a value of 17,000 wildcards took 7 s in the fuzz campaign).
 */
export function windashVariants(parts: readonly ValuePart[]): ValuePart[][] {
  // For each part, the texts it can take (a literal's dash spellings) or the part itself.
  const choices: (readonly ValuePart[])[] = parts.map((p) => {
    if (p.kind !== 'literal') return [p];
    const positions = windashPositions(p.text);
    if (positions.length === 0) return [p];
    let texts = [''];
    let last = 0;
    for (const pos of positions) {
      const chunk = p.text.slice(last, pos);
      const orig = p.text[pos] as string;
      const chars = [orig, ...WINDASH_CHARS.filter((d) => d !== orig)];
      const next: string[] = [];
      for (const t of texts) for (const d of chars) next.push(t + chunk + d);
      texts = next;
      last = pos + 1;
    }
    const tail = p.text.slice(last);
    return texts.map((t): ValuePart => ({ kind: 'literal', text: t + tail }));
  });
  let total = 1;
  for (const c of choices) total *= c.length;
  const variants: ValuePart[][] = [];
  for (let k = 0; k < total; k++) {
    const v = new Array<ValuePart>(choices.length);
    let rest = k;
    for (let i = choices.length - 1; i >= 0; i--) {
      const c = choices[i]!;
      v[i] = c[rest % c.length]!;
      rest = Math.floor(rest / c.length);
    }
    variants.push(mergeLiterals(v));
  }
  return variants;
}
