/**
 * A scan for long literals that reads a few windows of the text instead of every character, for the prefilter's
 * fields whose literals are all long (Hashes: `sha256=` or `imphash=` and a hash, 36 characters and more).
 * Aho-Corasick reads every character (5-13 ns each); this reads Q characters every STEP = minLength - Q + 1.
 *
 * Why nothing is missed: an occurrence of a literal of length L ≥ minLength at text position a covers positions
 * a .. a + L - 1. The sampled positions p = 0, STEP, 2·STEP... leave no gap of STEP, so one p lies in a .. a + STEP - 1,
 * and then p + Q - 1 ≤ a + minLength - 1 ≤ a + L - 1: the window at p is the literal's Q characters at offset p - a,
 * one of its first STEP windows. Every literal's first STEP windows are in the table; a window found there is
 * checked against the literal's first VERIFIED characters (all of it up to that length: every hash literal).
 *
 * Why the check stops there: a literal that repeats one window (`ééé…`, a fuzzed rule) puts STEP of its offsets
 * under one hash, and a text that repeats it matches that hash at every sampled position; checking each candidate
 * in full read about text length × literal length characters (5.6 s on 25 events of 45,000 characters against a
 * literal of 19,636). Checking at most VERIFIED characters keeps a scan linear in the text; a longer literal may
 * then be reported where only its start occurs, which the contract allows (the rule itself is evaluated after).
 *
 * Characters are compared as AhoCorasick compares them (case-insensitively, through `keyOf`), so, like it, this
 * may report a literal that is not in fold(text), never miss one that is: literals are given folded.
 */
const Q = 8;
/** Characters of a candidate literal compared with the text (see above): more than any hash literal's 71. */
export const VERIFIED = 128;

export class SampledScan {
  private readonly step: number;
  /** Window hash → flattened (literal id, offset) pairs. */
  private readonly table = new Map<number, number[]>();
  /** Each literal's comparison keys, its first VERIFIED characters at most. */
  private readonly keys: readonly Uint16Array[];
  /** Each literal's whole length: a candidate must fit in the text. */
  private readonly lengths: Int32Array;
  /** One bit per low 16 bits of the window hashes in the table: most windows stop at this (L1-resident) test. */
  private readonly bits = new Int32Array(1 << 11);

  constructor(literals: readonly string[]) {
    const minLength = Math.min(...literals.map((l) => l.length));
    if (!(minLength >= Q + 1)) throw new Error(`SampledScan needs literals of at least ${Q + 1} characters`);
    this.step = minLength - Q + 1;
    this.lengths = Int32Array.from(literals, (l) => l.length);
    const whole = literals.map((l) => {
      const k = new Uint16Array(l.length); // UTF-16 units, as the text is read
      for (let i = 0; i < l.length; i++) k[i] = keyOf(l.charCodeAt(i));
      return k;
    });
    this.keys = whole.map((k) => k.subarray(0, VERIFIED));
    whole.forEach((k, id) => {
      for (let off = 0; off < this.step; off++) {
        const h = windowHash(k, off);
        this.bits[(h & 0xffff) >>> 5]! |= 1 << (h & 31);
        let list = this.table.get(h);
        if (list === undefined) this.table.set(h, (list = []));
        list.push(id, off);
      }
    });
  }

  /**
   * Calls `hit(literalId)` for literals that occur (possibly spuriously, never missed); an id may repeat. A literal
   * of at most VERIFIED characters is reported only where its keys occur.
   */
  scan(text: string, hit: (id: number) => void): void {
    const n = text.length;
    const { table, keys, lengths, step, bits } = this;
    for (let p = 0; p + Q <= n; p += step) {
      let h = 0;
      for (let j = 0; j < Q; j++) {
        const c = text.charCodeAt(p + j);
        h = (Math.imul(h, MUL) + (c < 128 ? ASCII_KEY[c]! : keyOf(c))) | 0;
      }
      h &= 0x3fffffff;
      if (((bits[(h & 0xffff) >>> 5]! >>> (h & 31)) & 1) === 0) continue;
      const list = table.get(h);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i += 2) {
        const id = list[i]!;
        const a = p - list[i + 1]!;
        if (a >= 0 && a + lengths[id]! <= n && matchesAt(text, a, keys[id]!)) hit(id);
      }
    }
  }
}

const MUL = 0x01000193;
/** keyOf for ASCII, as a table (the scan's inner loop reads it: a call per character cost twice as much). */
const ASCII_KEY = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

function windowHash(k: Uint16Array, off: number): number {
  let h = 0;
  for (let j = 0; j < Q; j++) h = (Math.imul(h, MUL) + k[off + j]!) | 0;
  // A small integer key keeps the Map's keys Smis.
  return h & 0x3fffffff;
}

function matchesAt(text: string, a: number, k: Uint16Array): boolean {
  for (let j = 0; j < k.length; j++) if (keyOf(text.charCodeAt(a + j)) !== k[j]) return false;
  return true;
}

/**
 * The comparison key of a UTF-16 unit: ASCII letters in lower case, other ASCII as is, the non-ASCII units whose
 * fold is ASCII (İ, K, ſ) as that character, every other non-ASCII unit one shared key. fold(text) containing
 * fold(literal) implies the keys of text containing the keys of literal, position by position.
 */
function keyOf(c: number): number {
  if (c < 128) return ASCII_KEY[c]!;
  return c === 0x130 ? 105 : c === 0x212a ? 107 : c === 0x17f ? 115 : 128;
}
