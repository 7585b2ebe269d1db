/**
 * Case-insensitive Aho-Corasick over UTF-16 text, for the prefilter. Patterns are given folded (see
 * fold.ts); the text is read raw and folded one code unit at a time, which equals `fold(text)` because
 * folding is a per-code-point mapping. ASCII gets a dense transition table (one typed-array read per
 * character; upper- and lower-case letters share a class); non-ASCII units (rare in events, numerous
 * across a big rule set: windash dashes, homoglyphs) follow the sparse trie and failure links instead.
 * Each transition also carries a flag saying whether the target state reports matches, so the common
 * case costs a single read.
 */
export class AhoCorasick {
  private readonly classOf: Uint8Array;
  private readonly width: number;
  /** delta[row + class] = targetRow * 2 + (target reports matches ? 1 : 0), rows premultiplied by width. */
  private readonly delta: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outCount: Int32Array;
  /** Nearest state on the failure chain with outputs of its own (0 = none). */
  private readonly dictLink: Int32Array;
  private readonly outs: Int32Array;
  private readonly next: Map<number, number>[];
  private readonly fail: Int32Array;
  private readonly reports: Uint8Array;

  constructor(patterns: readonly string[]) {
    const classOf = new Uint8Array(128);
    let classes = 1;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (c < 128 && classOf[c] === 0) classOf[c] = classes++;
      }
    }
    // Upper-case ASCII letters read as their lower-case class.
    for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32]!;
    const keyOf = (c: number): number => (c < 128 ? classOf[c]! : 1000 + c);
    const next: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const k = keyOf(p.charCodeAt(i));
        let t = next[s]!.get(k);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          own.push([]);
          next[s]!.set(k, t);
        }
        s = t;
      }
      own[s]!.push(id);
    });
    const n = next.length;
    const width = classes;
    const goto = new Int32Array(n * width); // plain state ids, turned into flagged rows below
    const fail = new Int32Array(n);
    const dictLink = new Int32Array(n);
    const queue: number[] = [];
    for (const [k, t] of next[0]!) {
      if (k < width) goto[k] = t;
      queue.push(t);
    }
    // Breadth-first: a failure target is shallower, so its row is complete when copied.
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const f = fail[s]!;
      const row = s * width;
      const frow = f * width;
      for (let k = 0; k < width; k++) goto[row + k] = goto[frow + k]!;
      for (const [k, t] of next[s]!) {
        let ft: number;
        if (k < width) {
          goto[row + k] = t;
          ft = goto[frow + k]!;
        } else ft = sparseStep(next, fail, f, k);
        fail[t] = ft;
        dictLink[t] = own[ft]!.length > 0 ? ft : dictLink[ft]!;
        queue.push(t);
      }
    }
    const reports = new Uint8Array(n);
    for (let s = 0; s < n; s++) reports[s] = own[s]!.length > 0 || dictLink[s]! > 0 ? 1 : 0;
    const delta = new Int32Array(n * width);
    for (let i = 0; i < goto.length; i++) {
      const t = goto[i]!;
      delta[i] = t * width * 2 + reports[t]!;
    }
    const outStart = new Int32Array(n);
    const outCount = new Int32Array(n);
    const flat: number[] = [];
    for (let s = 0; s < n; s++) {
      outStart[s] = flat.length;
      outCount[s] = own[s]!.length;
      for (const id of own[s]!) flat.push(id);
    }
    this.classOf = classOf;
    this.width = width;
    this.delta = delta;
    this.outStart = outStart;
    this.outCount = outCount;
    this.dictLink = dictLink;
    this.outs = Int32Array.from(flat);
    this.next = next;
    this.fail = fail;
    this.reports = reports;
  }

  get states(): number {
    return this.next.length;
  }

  /** Calls `hit(patternId)` for every occurrence of every pattern in fold(text). */
  scan(text: string, hit: (id: number) => void): void {
    const { classOf, width, delta } = this;
    let row = 0; // current state * width
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let v: number;
      if (c < 128) v = delta[row + classOf[c]!]!;
      else {
        // Non-ASCII: fold the code point, then step on each of its code units.
        const units: number[] = [];
        const lo = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c >= 0xd800 && c <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
          i++;
          const f = String.fromCodePoint(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000).toLowerCase();
          for (let k = 0; k < f.length; k++) units.push(f.charCodeAt(k));
        } else units.push(foldUnit(c));
        let st = row / width;
        for (const u of units) {
          st = u < 128 ? (delta[st * width + classOf[u]!]! >> 1) / width : sparseStep(this.next, this.fail, st, 1000 + u);
        }
        v = st * width * 2 + this.reports[st]!;
      }
      row = v >> 1;
      if ((v & 1) !== 0) this.report(row / width, hit);
    }
  }

  private report(state: number, hit: (id: number) => void): void {
    const { outStart, outCount, dictLink, outs } = this;
    let o = outCount[state]! > 0 ? state : dictLink[state]!;
    while (o !== 0) {
      const start = outStart[o]!;
      const end = start + outCount[o]!;
      for (let j = start; j < end; j++) hit(outs[j]!);
      o = dictLink[o]!;
    }
  }
}

/** Goto for a non-ASCII key: follow failure links until a state has that child (the root has all). */
function sparseStep(next: readonly Map<number, number>[], fail: Int32Array, from: number, key: number): number {
  let s = from;
  for (;;) {
    const t = next[s]!.get(key);
    if (t !== undefined) return t;
    if (s === 0) return 0;
    s = fail[s]!;
  }
}

const FOLDED_UNIT = new Uint16Array(65536);

/** fold() of one BMP code unit (see fold.ts for the special cases). */
function foldUnit(c: number): number {
  let f = FOLDED_UNIT[c]!;
  if (f === 0) {
    if (c === 0x130) f = 0x69;
    else if (c === 0x17f) f = 0x73;
    else if (c === 0x3c2) f = 0x3c3;
    else {
      const l = String.fromCharCode(c).toLowerCase();
      f = l.length === 1 ? l.charCodeAt(0) : c;
    }
    if (f === 0x3c2) f = 0x3c3;
    FOLDED_UNIT[c] = f;
  }
  return f;
}
