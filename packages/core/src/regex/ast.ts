// The syntax tree of an RE2 pattern. Offsets are UTF-16 indices into the pattern (`start` inclusive, `end`
// exclusive), so callers can point at the part of a pattern a problem comes from.
import type { CharClass } from './charclass.js';

/** Empty-width assertions, as bits of the context a position offers (RE2's EmptyOp values). */
export const BEGIN_LINE = 1;
export const END_LINE = 2;
export const BEGIN_TEXT = 4;
export const END_TEXT = 8;
export const WORD_BOUNDARY = 16;
export const NO_WORD_BOUNDARY = 32;

interface Span {
  start: number;
  end: number;
}

export type Node = Span &
  (
    | { op: 'empty' }
    | { op: 'nomatch' }
    /** One code point; under (?i) anything in its case-folding orbit. */
    | { op: 'lit'; cp: number; fold: boolean }
    | { op: 'class'; cls: CharClass }
    /** `.`: with `nl` (the s flag) any code point, else any but \n. */
    | { op: 'any'; nl: boolean }
    | { op: 'assert'; when: number }
    | { op: 'cap'; index: number; name: string | undefined; sub: Node }
    | { op: 'star' | 'plus' | 'quest'; greedy: boolean; sub: Node }
    /** `{min,max}`; max -1 when unbounded. */
    | { op: 'repeat'; min: number; max: number; greedy: boolean; sub: Node }
    | { op: 'cat' | 'alt'; subs: Node[] }
  );

/** A parsed pattern. */
export interface Parsed {
  readonly root: Node;
  /** Number of capturing groups. */
  readonly groupCount: number;
  /** Group name → index, in pattern order. */
  readonly names: ReadonlyMap<string, number>;
}

export function subsOf(n: Node): readonly Node[] {
  switch (n.op) {
    case 'cap':
    case 'star':
    case 'plus':
    case 'quest':
    case 'repeat':
      return [n.sub];
    case 'cat':
    case 'alt':
      return n.subs;
    default:
      return [];
  }
}
