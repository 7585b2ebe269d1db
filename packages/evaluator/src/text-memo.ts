/**
 * A bounded, self-disabling memo of a pure test over texts, for tests that cost far more than hashing the
 * text (RE2 regexes: about 10 ns per character here). Field values repeat a lot in real streams (service
 * command lines, scheduled tasks, the same few images); where they do not, the memo measures its hit rate over
 * a window and turns itself off below MIN_HIT_RATE, trying again after PAUSE calls. It holds at most MAX_TEXTS
 * texts of at most MAX_LENGTH characters (then starts over), so memory does not grow with the stream.
 */
const WINDOW = 1024;
const MIN_HIT_RATE = 0.25;
const PAUSE = 1 << 16;
export const TEXT_MEMO_MAX_TEXTS = 512;
const MAX_LENGTH = 512;

export class TextMemo {
  private memo: Map<string, boolean> | undefined = new Map();
  private lookups = 0;
  private hits = 0;
  private pause = 0;

  constructor(private readonly test: (text: string) => boolean) {}

  readonly run = (text: string): boolean => {
    const memo = this.memo;
    if (memo === undefined) {
      if (--this.pause <= 0) this.memo = new Map();
      return this.test(text);
    }
    if (text.length > MAX_LENGTH) return this.test(text);
    this.lookups++;
    let r = memo.get(text);
    if (r !== undefined) this.hits++;
    else {
      r = this.test(text);
      if (memo.size >= TEXT_MEMO_MAX_TEXTS) memo.clear();
      memo.set(text, r);
    }
    if (this.lookups >= WINDOW) {
      if (this.hits < this.lookups * MIN_HIT_RATE) {
        this.memo = undefined;
        this.pause = PAUSE;
      }
      this.lookups = 0;
      this.hits = 0;
    }
    return r;
  };

  /** Texts held right now (for tests). */
  get size(): number {
    return this.memo?.size ?? 0;
  }

  /** Whether the memo is on right now (for tests). */
  get active(): boolean {
    return this.memo !== undefined;
  }
}
