/**
 * A bounded, self-disabling memo by text, for work that costs far more than hashing the text (an Aho-Corasick scan
 * of a field value, an RE2 regex test). Field values repeat a lot in real streams (service command lines, scheduled
 * tasks, the same few images); where they do not, storing only costs, so the memo measures its hit rate over a
 * window of WINDOW lookups and turns itself off below its floor. After PAUSE texts it tries again: a trial window
 * notes the texts alone (a Set), keeps no values, and turns the memo on only if they repeat enough. A trial that kept
 * values, as the memo's first window does, built one per text for the window, then threw them all away on the usual
 * stream of unique texts: for the prefilter's command lines, 700 bytes per event over 5,000 events every 65,536 (a
 * third of all it allocated). It holds at most `maxTexts` texts of at most MAX_LENGTH characters (then starts over),
 * so memory does not grow with the stream. The prefilter's scans (prefilter.ts) and the regex tests (text-memo.ts)
 * both use it.
 */
const WINDOW = 1024;
const PAUSE = 1 << 16;
/** Longer texts are never memoized (a key would retain them, and they rarely repeat). */
const MAX_LENGTH = 512;

/** What `lookup` answers when the text is not to be memoized (the memo is off, or the text too long). */
export const NOT_KEPT = Symbol('not kept');

export class AdaptiveMemo<V> {
  private memo: Map<string, V> | undefined;
  /** While off, after the pause: the texts of the trial window (values are not kept). */
  private trial: Set<string> | undefined;
  private lookups = 0;
  private hits = 0;
  private pause = 0;
  /**
   * The text last answered or remembered, and its value: consecutive events often repeat a field's value, and
   * comparing with one string (a length check, then the characters) costs less than hashing the text for the Map.
   */
  private lastText: string | undefined;
  private lastValue: V | undefined;

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
      if (this.trial !== undefined) this.tryText(text);
      else if (this.enabled && --this.pause <= 0) this.trial = new Set();
      return NOT_KEPT;
    }
    if (text.length > MAX_LENGTH) return NOT_KEPT;
    this.lookups++;
    let known: V | undefined;
    if (text === this.lastText) known = this.lastValue;
    else {
      known = memo.get(text);
      if (known !== undefined) {
        this.lastText = text;
        this.lastValue = known;
      }
    }
    if (known !== undefined) this.hits++;
    if (this.lookups >= WINDOW) {
      // The memo pays its way or goes: turned off, it is not consulted again for PAUSE texts.
      if (this.hits < this.lookups * this.minHitRate) {
        this.memo = undefined;
        this.pause = PAUSE;
        this.lastText = this.lastValue = undefined;
      }
      this.lookups = 0;
      this.hits = 0;
    }
    return known;
  }

  /** A lookup of the trial window: counts the text as a hit if the window has seen it; at its end, on or off. */
  private tryText(text: string): void {
    if (text.length > MAX_LENGTH) return;
    const trial = this.trial!;
    this.lookups++;
    if (trial.has(text)) this.hits++;
    else trial.add(text);
    if (this.lookups < WINDOW) return;
    if (this.hits >= this.lookups * this.minHitRate) this.memo = new Map();
    else this.pause = PAUSE;
    this.trial = undefined;
    this.lookups = 0;
    this.hits = 0;
  }

  /** Keeps `value` for `text` after a lookup that found none (a no-op if that lookup turned the memo off). */
  remember(text: string, value: V): void {
    const memo = this.memo;
    if (memo === undefined) return;
    if (memo.size >= this.maxTexts) memo.clear();
    memo.set(text, value);
    this.lastText = text;
    this.lastValue = value;
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
