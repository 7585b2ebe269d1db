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

/** A matcher for the whole text. */
export function globMatcher(parts: readonly GlobPart[]): (text: string) => boolean {
  const blocks = blocksOf(parts);
  if (blocks.length === 1) {
    const whole = new RegExp(`^(?:${blockSource(blocks[0]!)})$`, 'su');
    return (t) => whole.test(t);
  }
  const first = blocks[0]!;
  const last = blocks[blocks.length - 1]!;
  // Sticky: the first block at index 0 only. Global: the leftmost placement from lastIndex on.
  const head = first.length > 0 ? new RegExp(blockSource(first), 'suy') : undefined;
  const middle = blocks.slice(1, -1).map((b) => new RegExp(blockSource(b), 'sug'));
  const tail = last.length > 0 ? new RegExp(`(?:${blockSource(last)})$`, 'sug') : undefined;
  return (t) => {
    let pos = 0;
    if (head !== undefined) {
      head.lastIndex = 0;
      if (!head.test(t)) return false;
      pos = head.lastIndex;
    }
    for (const re of middle) {
      re.lastIndex = pos;
      if (!re.test(t)) return false;
      pos = re.lastIndex;
    }
    if (tail === undefined) return true;
    tail.lastIndex = pos;
    return tail.test(t);
  };
}
