/**
 * A quick, native-speed check that a raw leaf may contain a folded ASCII keyword, for keyword searches, which
 * look at every leaf of every event (they give the prefilter no clause). It never refuses a leaf whose fold
 * contains the keyword; the exact test (fold, then `includes`) decides afterwards.
 *
 * Why it is sound: `fold` maps code point to code point (fold.ts), keeping UTF-16 positions, and the only raw code
 * units whose fold is an ASCII character c are c itself, the upper-case form of a letter c, and a few non-ASCII
 * letters (İ → i, K → k, ſ → s). So an ASCII character that is no letter can only come from itself: the leaf is
 * searched for a run of such characters of the keyword with `indexOf` (fast, native), and each place found is
 * compared around it with the keyword, a letter accepting either case and any non-ASCII unit.
 *
 * A per-leaf case-insensitive RegExp did the same work at 100-200 ns a call; on most leaves `indexOf` finds
 * nothing at all.
 */

/** ASCII characters that are no letters, most frequent in event text first: of two anchors, the rarer is taken. */
const COMMON = ' \\.-/:_,=0123456789"\'';

export type KeywordProbe = (leaf: string) => boolean;

/**
 * The probe for a folded, printable ASCII keyword, or undefined when the keyword has no character that is no
 * letter (a letter has several raw forms, so `indexOf` cannot anchor on it).
 */
export function keywordProbe(keyword: string): KeywordProbe | undefined {
  const at = keywordAnchor(keyword);
  if (at === undefined) return undefined;
  const anchor = keyword.slice(at.start, at.end);
  const n = keyword.length;
  const codes = codesOf(keyword);
  return (leaf) => {
    const last = leaf.length - n + at.start;
    for (let i = leaf.indexOf(anchor, at.start); i >= 0 && i <= last; i = leaf.indexOf(anchor, i + 1)) {
      if (matchesAt(leaf, i - at.start, codes)) return true;
    }
    return false;
  };
}

/**
 * Where keywordProbe anchors its search in the keyword: its longest run of characters that are no letters (the
 * rarest in event text: `::` in `sekurlsa::`, where `:` alone is in every time of day), of equal runs the one with
 * the rarest character; undefined if it has none. Every character of the run can only come from itself, so a leaf
 * whose fold holds the keyword holds the run, raw, at the same place.
 */
export function keywordAnchor(keyword: string): { readonly start: number; readonly end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  let bestRank = -1;
  for (let i = 0; i < keyword.length; ) {
    if (!anchorable(keyword.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let rank = -1;
    for (; i < keyword.length && anchorable(keyword.charCodeAt(i)); i++) {
      const r = COMMON.indexOf(keyword[i]!);
      rank = Math.max(rank, r < 0 ? COMMON.length : r);
    }
    const length = i - start;
    const bestLength = best === undefined ? 0 : best.end - best.start;
    if (length > bestLength || (length === bestLength && rank > bestRank)) {
      best = { start, end: i };
      bestRank = rank;
    }
  }
  return best;
}

/** An ASCII character that is no letter: only itself folds to it. */
function anchorable(c: number): boolean {
  return c < 128 && !isLetter(c);
}

function codesOf(keyword: string): Int32Array {
  const codes = new Int32Array(keyword.length);
  for (let i = 0; i < keyword.length; i++) codes[i] = keyword.charCodeAt(i);
  return codes;
}

/**
 * keywordProbe for many keywords at once: the keywords that share an anchor (keywordAnchor) are searched with one
 * `indexOf` pass over the leaf, each place found compared with each of them. A keyword search walks every leaf
 * outside the indexed fields of every event, and SigmaHQ's "Mimikatz Use" (windows, no category: every Windows
 * event) has 20 keywords on 3 anchors (`::`, `.`, space): 3 passes per leaf instead of 20. A keyword is reported
 * exactly when its own probe accepts the leaf: the same anchor, places and comparison.
 */
export class KeywordGroups {
  /** Per group: its anchor, and its keywords (indexes into the constructor's list) with their anchor offsets. */
  private readonly groups: readonly {
    readonly anchor: string;
    readonly members: Int32Array;
    readonly offsets: Int32Array;
    readonly codes: readonly Int32Array[];
    /** The smallest offset (where the pass starts) and the shortest part from the anchor on (where it ends). */
    readonly minAt: number;
    readonly minTail: number;
  }[];
  /** Keywords without an anchor (letters only), for the caller's own test. */
  readonly unanchored: readonly number[];

  constructor(keywords: readonly string[]) {
    // Per anchor: each of its keywords with the anchor's offset in it.
    const byAnchor = new Map<string, { k: number; at: number }[]>();
    const unanchored: number[] = [];
    keywords.forEach((kw, k) => {
      const at = keywordAnchor(kw);
      if (at === undefined) unanchored.push(k);
      else {
        const anchor = kw.slice(at.start, at.end);
        const group = byAnchor.get(anchor);
        if (group === undefined) byAnchor.set(anchor, [{ k, at: at.start }]);
        else group.push({ k, at: at.start });
      }
    });
    this.groups = [...byAnchor].map(([anchor, ms]) => ({
      anchor,
      members: Int32Array.from(ms, (m) => m.k),
      offsets: Int32Array.from(ms, (m) => m.at),
      codes: ms.map((m) => codesOf(keywords[m.k]!)),
      minAt: Math.min(...ms.map((m) => m.at)),
      minTail: Math.min(...ms.map((m) => keywords[m.k]!.length - m.at)),
    }));
    this.unanchored = unanchored;
  }

  /**
   * Calls `found(k)` for each anchored keyword k that `pending(k)` asks for and whose probe accepts the leaf; `found`
   * must make `pending(k)` false (so each is reported once). A group's pass stops when none of its keywords is
   * pending any more.
   */
  search(leaf: string, pending: (k: number) => boolean, found: (k: number) => void): void {
    for (const g of this.groups) {
      const { members, offsets, codes } = g;
      let open = 0;
      for (let j = 0; j < members.length; j++) if (pending(members[j]!)) open++;
      if (open === 0) continue;
      const last = leaf.length - g.minTail;
      for (let i = leaf.indexOf(g.anchor, g.minAt); i >= 0 && i <= last && open > 0; i = leaf.indexOf(g.anchor, i + 1)) {
        for (let j = 0; j < members.length; j++) {
          const k = members[j]!;
          const start = i - offsets[j]!;
          const c = codes[j]!;
          if (start >= 0 && start + c.length <= leaf.length && pending(k) && matchesAt(leaf, start, c)) {
            found(k);
            open--;
          }
        }
      }
    }
  }
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whether the leaf's fold may have the keyword (folded ASCII codes) at `start`. */
function matchesAt(leaf: string, start: number, codes: Int32Array): boolean {
  for (let j = 0; j < codes.length; j++) {
    const k = codes[j]!;
    const c = leaf.charCodeAt(start + j);
    if (c === k) continue;
    // A folded keyword letter is lower case: its raw forms are itself, its upper case, and (İ, K, ſ) non-ASCII.
    if (k >= 97 && k <= 122 && (c === k - 32 || c >= 128)) continue;
    return false;
  }
  return true;
}
