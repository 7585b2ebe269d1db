import type { Diagnostic } from '@sigmats/core';
import { detached } from './detach.js';
import { doubled } from './typed-arrays.js';

/** Keys whose strings are cut from rule texts: copied when kept. Codes, severities and file names are shared already. */
const CUT_FROM_TEXTS = new Set(['message', 'hint', 'rule']);
/**
 * Keys whose values name a file, a rule, a code or a severity: a run has as many distinct ones as it has files and
 * rules, and each recurs (every target's diagnostics of a rule name its file and key). They are kept once each, in a
 * map without bound: diagnostics that come back from worker threads carry a fresh copy of every string, and the
 * bounded map of recent texts below, emptied every 4,096 texts, let those copies pile up (at 8 times SigmaHQ's
 * corpus, 80,000 copies of 25,000 paths and 76,000 of 25,000 rule keys: 12 MB, against 2 MB for this map).
 */
const INTERNED = new Set(['file', 'rule', 'code', 'severity']);
/** Cells per block (256 KB). A diagnostic takes 7 to 11. */
const BLOCK = 65536;
const RECENT_TEXTS = 4096;

/**
 * The distinct strings of a run's kept diagnostics, by number: one table for all of a run's stores, so that the
 * file names and rule keys every target's diagnostics repeat are kept once for the run, not once per target.
 */
export class TextTable {
  /** Strings, detached from the texts they were cut from (see detach.ts), by number. */
  readonly texts: string[] = [];
  /**
   * The numbers of recent strings, so a text that recurs (one hint for every rule a backend refuses) is kept once.
   * Bounded: texts that never recur (a duplicate id's message names the other file) would otherwise cost a map
   * entry each, 4 MB at 8 times the corpus. Emptied when full, so a recurring text is kept again at most once per
   * emptying.
   */
  private readonly recent = new Map<string, number>();
  /** The numbers of the INTERNED keys' values: never emptied. */
  private readonly interned = new Map<string, number>();

  /**
   * `files`: the run's input file names, which its diagnostics name. Diagnostics that come back from worker threads
   * carry copies of them; the table keeps these originals instead.
   */
  constructor(files: Iterable<string> = []) {
    for (const f of files) this.number(f, false, true);
  }

  /**
   * The run's one copy of a rule key or file name (an INTERNED value), detached: what a set or map kept until the end
   * of the run holds instead of its own copy (convert's keys of converted rules, one set per target, and its duplicate
   * check's holders: four or five copies of each of 25,000 ids at 8 times the corpus, 6.8 MB).
   */
  kept(s: string): string {
    return this.texts[this.number(s, true, true)]!;
  }

  number(s: string, detach: boolean, interned: boolean): number {
    const numbers = interned ? this.interned : this.recent;
    const hit = numbers.get(s);
    if (hit !== undefined) return hit;
    const copy = detach ? detached(s) : s;
    this.texts.push(copy);
    if (!interned && numbers.size >= RECENT_TEXTS) numbers.clear();
    // Keyed by the copy, so the table holds no reference into a rule text.
    numbers.set(copy, this.texts.length - 1);
    return this.texts.length - 1;
  }
}

/**
 * Diagnostics kept until the end of a run, in columns rather than as objects. A run over 8 copies of SigmaHQ's
 * rules keeps about 62,000 of them (one per rule and target that warns or fails), and as objects they were the
 * largest thing that grew with the input: 19 MB of the 8x `convert -t all -o DIR` peak (184 against 165 MB with
 * none kept; the 1x peak is 138 MB). Here each is a few 32-bit cells: a shape (its keys, in their order, and what
 * kind of value each holds) and one cell per key: a string's number in a shared table of distinct texts, an
 * integer itself, anything else a place in a side list. Reading them back builds each object again with the same
 * keys in the same order, so JSON and text output are unchanged.
 */
export class DiagnosticStore implements Iterable<Diagnostic> {
  /** Each shape: its keys and one kind per key ('s' string, 'i' 32-bit integer, 'o' other). */
  private readonly shapes: { keys: string[]; kinds: string }[] = [];
  private readonly shapeNumbers = new Map<string, number>();
  private readonly others: unknown[] = [];
  /** Full blocks of cells, and the block being filled: no copying and no doubling as the store grows. */
  private readonly blocks: Int32Array[] = [];
  /** Where each full block's first cell is among all the store's cells. */
  private readonly blockStarts: number[] = [];
  private cells = new Int32Array(256);
  /** Where `cells[0]` is among all the store's cells. */
  private base = 0;
  private used = 0;
  private count = 0;
  /** Where each diagnostic's first cell is among all the store's cells: for reading one back by number (at). */
  private starts = new Int32Array(64);

  /** `table`: where the strings are kept, shared by the stores of one run. */
  constructor(private readonly table: TextTable = new TextTable()) {}

  get size(): number {
    return this.count;
  }

  push(d: Diagnostic): void {
    const record = d as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    let kinds = '';
    for (const k of keys) {
      const v = record[k];
      kinds += typeof v === 'string' ? 's' : typeof v === 'number' && Object.is(v | 0, v) ? 'i' : 'o';
    }
    const shapeKey = `${kinds}\u0000${keys.join('\u0000')}`;
    let shape = this.shapeNumbers.get(shapeKey);
    if (shape === undefined) {
      shape = this.shapes.length;
      this.shapes.push({ keys, kinds });
      this.shapeNumbers.set(shapeKey, shape);
    }
    this.reserve(keys.length + 1);
    if (this.count === this.starts.length) this.starts = doubled(this.starts);
    this.starts[this.count] = this.base + this.used;
    this.cells[this.used++] = shape;
    for (let i = 0; i < keys.length; i++) {
      const v = record[keys[i]!];
      const kind = kinds[i];
      this.cells[this.used++] =
        kind === 's' ? this.table.number(v as string, CUT_FROM_TEXTS.has(keys[i]!), INTERNED.has(keys[i]!)) : kind === 'i' ? (v as number) : this.others.push(v) - 1;
    }
    this.count++;
  }

  pushAll(ds: Iterable<Diagnostic>): void {
    for (const d of ds) this.push(d);
  }

  /** Each diagnostic, built again, in the order pushed (a fresh object each time: callers may change theirs). */
  *[Symbol.iterator](): Iterator<Diagnostic> {
    for (const cells of [...this.blocks, this.cells.subarray(0, this.used)]) {
      for (let at = 0; at < cells.length; at += this.shapes[cells[at]!]!.keys.length + 1) yield this.read(cells, at);
    }
  }

  /** The i-th diagnostic pushed (0 <= i < size), built again: for reading a store in another order (sorted-report.ts). */
  at(i: number): Diagnostic {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no diagnostic ${i} in a store of ${this.count}`);
    const start = this.starts[i]!;
    if (start >= this.base) return this.read(this.cells, start - this.base);
    // The last full block starting at or before it (blocks are few: one per 65,536 cells).
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blockStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return this.read(this.blocks[lo]!, start - this.blockStarts[lo]!);
  }

  /** The diagnostic whose cells start at `at`. */
  private read(cells: Int32Array, at: number): Diagnostic {
    const { keys, kinds } = this.shapes[cells[at++]!]!;
    const d: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const c = cells[at++]!;
      const kind = kinds[i];
      d[keys[i]!] = kind === 's' ? this.table.texts[c] : kind === 'i' ? c : this.others[c];
    }
    return d as unknown as Diagnostic;
  }

  /** Room for n more cells: the first block grows by doubling up to BLOCK (a small run keeps little), then new blocks. */
  private reserve(n: number): void {
    if (this.used + n <= this.cells.length) return;
    if (this.cells.length < BLOCK) {
      const grown = new Int32Array(Math.max(Math.min(this.cells.length * 2, BLOCK), this.used + n));
      grown.set(this.cells.subarray(0, this.used));
      this.cells = grown;
      return;
    }
    this.blocks.push(this.cells.subarray(0, this.used));
    this.blockStarts.push(this.base);
    this.base += this.used;
    this.cells = new Int32Array(Math.max(BLOCK, n));
    this.used = 0;
  }
}
