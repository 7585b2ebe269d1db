/**
 * A bounded, self-disabling memo by text, for work that costs far more than hashing the text (an Aho-Corasick scan
 * of a field value, an RE2 regex test). Field values repeat a lot in real streams (service command lines, scheduled
 * tasks, the same few images); where they do not, storing only costs, so the memo measures its hit rate over a
 * window of WINDOW lookups and turns itself off below its floor, trying again after PAUSE texts. It holds at most
 * `maxTexts` texts of at most MAX_LENGTH characters (then starts over), so memory does not grow with the stream.
 * The prefilter's scans (prefilter.ts) and the regex tests (text-memo.ts) both use it.
 */
const WINDOW = 1024;
const PAUSE = 1 << 16;
/** Longer texts are never memoized (a key would retain them, and they rarely repeat). */
const MAX_LENGTH = 512;

/** What `lookup` answers when the text is not to be memoized (the memo is off, or the text too long). */
export const NOT_KEPT = Symbol('not kept');

export class AdaptiveMemo<V> {
  private memo: Map<string, V> | undefined;
  private lookups = 0;
  private hits = 0;
  private pause = 0;

  constructor(
    /** Hits per lookup below which the memo turns itself off for a while. */
    private readonly minHitRate: number,
    private readonly maxTexts: number,
    /** False: never on (the prefilter's full-scan comparisons). */
    private readonly enabled = true,
  ) {
    if (enabled) this.memo = new Map();
  }

  /**
   * The value kept for `text`; undefined when there is none yet (compute it, then `remember` it); NOT_KEPT when the
   * text is not memoized now (compute it, and do not remember it).
   */
  lookup(text: string): V | undefined | typeof NOT_KEPT {
    const memo = this.memo;
    if (memo === undefined) {
      if (this.enabled && --this.pause <= 0) this.memo = new Map();
      return NOT_KEPT;
    }
    if (text.length > MAX_LENGTH) return NOT_KEPT;
    this.lookups++;
    const known = memo.get(text);
    if (known !== undefined) this.hits++;
    if (this.lookups >= WINDOW) {
      // The memo pays its way or goes: turned off, it is not consulted again for PAUSE texts.
      if (this.hits < this.lookups * this.minHitRate) {
        this.memo = undefined;
        this.pause = PAUSE;
      }
      this.lookups = 0;
      this.hits = 0;
    }
    return known;
  }

  /** Keeps `value` for `text` after a lookup that found none (a no-op if that lookup turned the memo off). */
  remember(text: string, value: V): void {
    const memo = this.memo;
    if (memo === undefined) return;
    if (memo.size >= this.maxTexts) memo.clear();
    memo.set(text, value);
  }

  /** Texts held right now. */
  get size(): number {
    return this.memo?.size ?? 0;
  }

  /** Whether the memo is on right now. */
  get active(): boolean {
    return this.memo !== undefined;
  }
}
