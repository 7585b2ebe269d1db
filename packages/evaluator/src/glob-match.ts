/**
 * Sigma wildcard values with `?` (one code point) as well as `*`, matched without a regex engine over the whole
 * value.
 *
 * Such a value ran as one RE2 program (`^(?:a.b.*c)$`), which re2js ran in about the text's length times the
 * pattern's states: a fuzzed value of 4,000 `a?` against 16,000-character texts took 8 s an event.
 * Here the value is cut at its stars into blocks of fixed code-point length (literals and `?`), and the blocks are
 * placed from left to right, each at its leftmost occurrence after the one before: that is exact for blocks between
 * stars (a block placed earlier leaves more room for the rest), as for the `*`-only values string-pattern.ts
 * matches with indexOf. The first block (no star before it) must sit at the start, the last (no star after it) must
 * end at the end. Each block is one native regular expression of literal characters and `.`: no quantifier, no
 * alternative, so it never backtracks beyond one placement, and with the `u` and `s` flags `.` is exactly one code
 * point, newlines and lone surrogates included, as it was under RE2's DOTALL.
 *
 * One placement still costs up to the block's length, so a search costs up to the text's length times the block's
 * when the text keeps almost matching. A fuzzed value `*%?%?...%?b*` (2,300 `%?`) against a keyword leaf of 20,874
 * characters that repeats it took 454 ms for that one event (seed 131313, input 129322: 3.2 s of CPU in all, against
 * the campaign's 5 s hang bound). A block longer than LONG_BLOCK code points is searched bit-parallel instead
 * (Shift-And: one pass over the text, a word of state per 32 code points of the block), and a long last block is
 * compared once, where it must end.
 */

/** One piece of a value between stars: literal text or a single-code-point wildcard. */
export type BlockPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'one' };

/** The value's pieces in order, stars included (runs of stars collapsed, as string-pattern.ts gives them). */
export type GlobPart = BlockPart | { readonly kind: 'star' };

/** Characters with a meaning in a `u`-mode pattern: the only ones that may (and must) be escaped there. */
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

function blockSource(block: readonly BlockPart[]): string {
  return block.map((p) => (p.kind === 'one' ? '.' : p.text.replace(SYNTAX, '\\$&'))).join('');
}

/**
 * The value cut at its stars: `blocks[0]` precedes the first star, the last block follows the last one; one block
 * when there is no star.
 */
function blocksOf(parts: readonly GlobPart[]): BlockPart[][] {
  const blocks: BlockPart[][] = [[]];
  for (const p of parts) {
    if (p.kind === 'star') blocks.push([]);
    else blocks[blocks.length - 1]!.push(p);
  }
  return blocks;
}

/**
 * Blocks longer than this (in code points) are searched bit-parallel (Shift-And), shorter ones by a native regular
 * expression, which is faster for them. At this length a regular expression's worst case over a 16,000-character
 * text is about a million steps.
 */
export const LONG_BLOCK = 64;

/** Where a middle block's leftmost placement at or after `from` ends (UTF-16 index), or -1 for none. */
type BlockSearch = (t: string, from: number) => number;

/**
 * A block as code points, -1 standing for `?`. Adjacent literal parts are read as one text, as the regular
 * expression's source joins them: a high surrogate ending one and a low surrogate starting the next are one code point.
 */
function codePointsOf(block: readonly BlockPart[]): number[] {
  const out: number[] = [];
  let text = '';
  const flush = (): void => {
    // A string's iterator gives a pair as one code point and a lone surrogate as one, as the `u` flag reads them.
    for (const ch of text) out.push(ch.codePointAt(0)!);
    text = '';
  };
  for (const p of block) {
    if (p.kind === 'text') text += p.text;
    else {
      flush();
      out.push(-1);
    }
  }
  flush();
  return out;
}

/**
 * Shift-And (Baeza-Yates and Gonnet) over code points: bit j of the state says the last j + 1 code points read match
 * the block's first j + 1, so one pass over the text finds the leftmost end, and (every placement being the same
 * number of code points) the leftmost start. Code points are read as the `u` flag reads them: a surrogate pair is one,
 * a lone surrogate is one.
 */
function shiftAnd(pattern: readonly number[]): BlockSearch {
  const m = pattern.length;
  const words = (m + 31) >>> 5;
  // Per code point of the block, the positions it (or a `?`) may take; any other code point only the `?` positions.
  const any = new Int32Array(words);
  pattern.forEach((c, j) => {
    if (c === -1) any[j >>> 5]! |= 1 << (j & 31);
  });
  const masks = new Map<number, Int32Array>();
  pattern.forEach((c, j) => {
    if (c === -1) return;
    let mask = masks.get(c);
    if (mask === undefined) masks.set(c, (mask = any.slice()));
    mask[j >>> 5]! |= 1 << (j & 31);
  });
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  const state = new Int32Array(words);
  return (t, from) => {
    state.fill(0);
    for (let i = from; i < t.length; ) {
      const c = t.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      const mask = masks.get(c) ?? any;
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const s = state[w]!;
        state[w] = ((s << 1) | carry) & mask[w]!;
        carry = s >>> 31;
      }
      if ((state[lastWord]! & lastBit) !== 0) return i;
    }
    return -1;
  };
}

/** A middle block's search: a global regular expression, or Shift-And for a long block. */
function blockSearch(block: readonly BlockPart[], long: number): BlockSearch {
  const pattern = codePointsOf(block);
  if (pattern.length > long) return shiftAnd(pattern);
  const re = new RegExp(blockSource(block), 'sug');
  return (t, from) => {
    re.lastIndex = from;
    return re.test(t) ? re.lastIndex : -1;
  };
}

/**
 * Whether the last block ends the text without starting before `from`: the text's last code points compared with
 * the block's, read backwards (a low surrogate after a high one is a pair, as reading forwards makes it).
 */
function endsWithBlock(pattern: readonly number[], t: string, from: number): boolean {
  let i = t.length;
  for (let j = pattern.length - 1; j >= 0; j--) {
    if (i <= from) return false;
    let c = t.charCodeAt(i - 1);
    let width = 1;
    if (c >= 0xdc00 && c <= 0xdfff && i - 2 >= from) {
      const h = t.charCodeAt(i - 2);
      if (h >= 0xd800 && h <= 0xdbff) {
        c = (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (pattern[j] !== -1 && pattern[j] !== c) return false;
    i -= width;
  }
  return true;
}

/** A matcher for the whole text. `long`: the length from which blocks are searched with Shift-And (tests lower it). */
export function globMatcher(parts: readonly GlobPart[], long = LONG_BLOCK): (text: string) => boolean {
  const blocks = blocksOf(parts);
  if (blocks.length === 1) {
    const whole = new RegExp(`^(?:${blockSource(blocks[0]!)})$`, 'su');
    return (t) => whole.test(t);
  }
  const first = blocks[0]!;
  const last = blocks[blocks.length - 1]!;
  // Sticky: the first block at index 0 only (one placement, whatever its length).
  const head = first.length > 0 ? new RegExp(blockSource(first), 'suy') : undefined;
  const middle = blocks.slice(1, -1).map((b) => blockSearch(b, long));
  // The last block must end the text: a regular expression searching for `(?:block)$` tries every start, so a long
  // one is compared where it must sit.
  const lastPoints = codePointsOf(last);
  const tailRe = last.length > 0 && lastPoints.length <= long ? new RegExp(`(?:${blockSource(last)})$`, 'sug') : undefined;
  return (t) => {
    let pos = 0;
    if (head !== undefined) {
      head.lastIndex = 0;
      if (!head.test(t)) return false;
      pos = head.lastIndex;
    }
    for (const search of middle) {
      pos = search(t, pos);
      if (pos < 0) return false;
    }
    if (last.length === 0) return true;
    if (tailRe === undefined) return endsWithBlock(lastPoints, t, pos);
    tailRe.lastIndex = pos;
    return tailRe.test(t);
  };
}
