import { AdaptiveMemo, NOT_KEPT } from './adaptive-memo.js';

/**
 * A pure test over texts, memoized by text (adaptive-memo.ts) when that pays: for RE2 regexes, about 10 ns per
 * character here. Off below a hit rate of MIN_HIT_RATE; at most TEXT_MEMO_MAX_TEXTS texts.
 */
const MIN_HIT_RATE = 0.25;
export const TEXT_MEMO_MAX_TEXTS = 512;

export class TextMemo {
  private readonly memo = new AdaptiveMemo<boolean>(MIN_HIT_RATE, TEXT_MEMO_MAX_TEXTS);

  constructor(private readonly test: (text: string) => boolean) {}

  readonly run = (text: string): boolean => {
    const known = this.memo.lookup(text);
    if (known === NOT_KEPT) return this.test(text);
    if (known !== undefined) return known;
    const r = this.test(text);
    this.memo.remember(text, r);
    return r;
  };

  /** Texts held right now (for tests). */
  get size(): number {
    return this.memo.size;
  }

  /** Whether the memo is on right now (for tests). */
  get active(): boolean {
    return this.memo.active;
  }
}
