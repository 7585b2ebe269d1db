/**
 * Case-insensitive Aho-Corasick over UTF-16 text, for the prefilter only: it may report a literal that is
 * not really there, never miss one that is. Patterns are given folded (fold.ts); the text is read raw.
 * Every code unit is mapped to a class: ASCII letters by their lower-case form, other ASCII characters
 * by themselves, the few non-ASCII characters that fold to ASCII (İ, ſ, K) to that letter, and every other
 * non-ASCII unit to one shared class; rare ASCII characters share a class too (see MAX_CLASSES). The same mapping is applied to patterns, so "fold(text) contains L"
 * implies "map(text) contains map(L)". The result is a small dense automaton: one typed-array read per
 * character. Each transition carries a flag saying whether its target reports matches.
 */
export class AhoCorasick {
  private readonly classOf: Uint8Array;
  /** delta[row + class] = targetRow * 2 + (target reports matches ? 1 : 0); rows are premultiplied by width. */
  private readonly delta: Int32Array;
  private readonly width: number;
  /** Patterns reported in state s: outs[outStart[s], outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outs: Int32Array;
  readonly states: number;
  /** Reports every pattern for any text (see OUTS_BUDGET). */
  readonly saturated: boolean;

  constructor(patterns: readonly string[]) {
    // The MAX_CLASSES most frequent pattern characters get a class each; all other ASCII characters share
    // one class and all non-ASCII ones another. A coarser alphabet keeps the table small enough to stay in
    // cache; it only makes the prefilter a little less selective (mapping both sides keeps it sound).
    const freq = new Map<number, number>();
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const u = toAscii(p.charCodeAt(i));
        if (u < 128) freq.set(u, (freq.get(u) ?? 0) + 1);
      }
    }
    const asciiClass = new Uint8Array(128).fill(0);
    let classes = 2; // 0: other ASCII; 1: non-ASCII
    for (const [u] of [...freq].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CLASSES)) asciiClass[u] = classes++;
    for (let c = 65; c <= 90; c++) asciiClass[c] = asciiClass[c + 32]!;
    const classOf = new Uint8Array(65536).fill(1);
    for (let c = 0; c < 128; c++) classOf[c] = asciiClass[c]!;
    for (const [c, a] of TO_ASCII_ENTRIES) classOf[c] = asciiClass[a]!;
    const width = classes;
    // Trie over classes.
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const k = classOf[p.charCodeAt(i)]!;
        let t = children[s]!.get(k);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          own.push([]);
          children[s]!.set(k, t);
        }
        s = t;
      }
      own[s]!.push(id);
    });
    const n = children.length;
    const goto = new Int32Array(n * width);
    const fail = new Int32Array(n);
    const dictLink = new Int32Array(n);
    const queue: number[] = [];
    for (const [k, t] of children[0]!) {
      goto[k] = t;
      queue.push(t);
    }
    // Breadth-first: a failure target is shallower, so its row is complete when copied.
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      const row = s * width;
      const frow = f * width;
      for (let k = 0; k < width; k++) goto[row + k] = goto[frow + k]!;
      for (const [k, t] of children[s]!) {
        goto[row + k] = t;
        const ft = goto[frow + k]!;
        fail[t] = ft;
        dictLink[t] = own[ft]!.length > 0 ? ft : dictLink[ft]!;
        queue.push(t);
      }
    }
    const delta = new Int32Array(n * width);
    for (let i = 0; i < goto.length; i++) {
      const t = goto[i]!;
      delta[i] = t * width * 2 + (own[t]!.length > 0 || dictLink[t]! > 0 ? 1 : 0);
    }
    // Every pattern a state reports, its own and those along its dictionary links, in one run of `outs`: a report
    // is one loop over adjacent numbers instead of a walk down the links. Its size, counted first (a link goes to a
    // shallower state, so breadth-first order has its count ready), can explode when many patterns share one class
    // sequence (every non-ASCII unit is one class: 300 emoji are 300 patterns "11") under a long path of that class
    // (a fuzzed run of 20,000 `é`): 6 million entries and 0.9 s to build. Past OUTS_BUDGET the automaton reports
    // every pattern at once instead, which the contract allows (spurious, never missed).
    let total = 0;
    const reach = new Int32Array(n);
    for (const s of queue) total += reach[s] = own[s]!.length + reach[dictLink[s]!]!;
    const outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    this.saturated = total > OUTS_BUDGET;
    if (this.saturated) for (let id = 0; id < patterns.length; id++) flat.push(id);
    else
      for (let s = 0; s < n; s++) {
        outStart[s] = flat.length;
        for (let o = s; o !== 0; o = dictLink[o]!) for (const id of own[o]!) flat.push(id);
      }
    outStart[n] = flat.length;
    this.classOf = classOf;
    this.delta = delta;
    this.width = width;
    this.outStart = outStart;
    this.outs = Int32Array.from(flat);
    this.states = n;
  }

  /**
   * Calls `hit(patternId)` for every occurrence of a pattern in the text (possibly spurious, never missed): `next`'s
   * stops, with their reports handed to `hit`.
   */
  scan(text: string, hit: (id: number) => void): void {
    const { outs } = this;
    for (let i = this.next(text, 0); i >= 0; i = this.next(text, i)) {
      for (let j = this.reportFrom; j < this.reportTo; j++) hit(outs[j]!);
    }
  }

  /** Where `next` stopped: the table row reached, and the run of `outs` its state reports. */
  private row = 0;
  private reportFrom = 0;
  private reportTo = 0;

  /**
   * A scan in steps, for a caller that handles the reports itself (the prefilter): from `from` (0 to start a text,
   * else what the previous call returned), runs to the next character after which patterns are reported, and
   * returns the position after it, or -1 at the end of the text; `reported(k)` for k in [0, reportedCount()) are
   * then the patterns (possibly spurious, never missed). The character loop has no call in it.
   */
  next(text: string, from: number): number {
    if (this.saturated) {
      // Every pattern once: one stop, after which the text is done (whatever its length).
      if (from !== 0) return -1;
      this.reportFrom = 0;
      this.reportTo = this.outs.length;
      return 1;
    }
    const { classOf, delta } = this;
    let row = from === 0 ? 0 : this.row;
    for (let i = from; i < text.length; i++) {
      const v = delta[row + classOf[text.charCodeAt(i)]!]!;
      row = v >> 1;
      if ((v & 1) !== 0) {
        this.row = row;
        const state = row / this.width;
        this.reportFrom = this.outStart[state]!;
        this.reportTo = this.outStart[state + 1]!;
        return i + 1;
      }
    }
    return -1;
  }

  /** How many patterns the state `next` stopped at reports. */
  reportedCount(): number {
    return this.reportTo - this.reportFrom;
  }

  /** The k-th pattern the state `next` stopped at reports. */
  reported(k: number): number {
    return this.outs[this.reportFrom + k]!;
  }
}

/** Non-ASCII code units whose fold is an ASCII character (İ → i, ſ → s, K → k, ...), computed once. */
const TO_ASCII_ENTRIES: readonly (readonly [number, number])[] = (() => {
  const out: [number, number][] = [
    [0x130, 0x69],
    [0x17f, 0x73],
  ];
  for (let c = 128; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const l = String.fromCharCode(c).toLowerCase();
    if (l.length === 1 && l.charCodeAt(0) < 128) out.push([c, l.charCodeAt(0)]);
  }
  return out;
})();
const TO_ASCII = new Map<number, number>(TO_ASCII_ENTRIES);
const toAscii = (c: number): number => (c < 128 ? c : (TO_ASCII.get(c) ?? 128));

/** Most entries of `outs` an automaton builds; past it, it is saturated (every pattern reported for any text). */
export const OUTS_BUDGET = 1 << 22;

/** Alphabet size cap (plus the two shared classes). */
const MAX_CLASSES = 96;
