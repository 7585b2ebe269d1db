import type { Shape } from './event-shape.js';
import type { EventView } from './event.js';
import { KeywordGroups } from './keyword-probe.js';

/**
 * The prefilter's keyword atoms (Atom.keyword in compile-expr.ts): "some string or number leaf of the event has this
 * folded literal". Each literal is added to the automaton of every indexed field scanned in full (prefilter.ts), so
 * those fields find it as they find their own literals; this searches the rest of the event: the own top-level values
 * that are not the text of such a field, and everything nested. On the bench's Sysmon events that is 12 short values
 * (GUIDs, times, the channel...) instead of all 28, and the NotPetya condition ('\perfc.dat' in any leaf), evaluated
 * on every event before, is now a candidate only when the literal is there.
 *
 * Why nothing is missed: a leaf whose fold holds the literal is either the whole text of a scanned field at its own
 * position (the scan reports the literal: its automaton never misses a folded literal) or it is walked here with the
 * keyword's probe (keyword-probe.ts), which never refuses such a leaf. When the view cannot tell which values are
 * at which position (no captured shape) or keyword fields are configured, every keyword atom counts as found.
 */
export class KeywordLeaves {
  /** Per keyword literal: the event stamp it was last found in. */
  private readonly seen: Int32Array;
  private stamp = 0;
  private left = 0;
  private found: (targets: Int32Array) => void = () => {};
  private readonly minLength: number;
  /** Per shape: 1 at the positions of the fields scanned in full (`scanned`). */
  private readonly masks = new WeakMap<Shape, Uint8Array>();

  constructor(
    private readonly literals: readonly string[],
    private readonly probes: readonly ((leaf: string) => boolean)[],
    /** Per literal: the (position, clause id) pairs it satisfies, as the prefilter's field targets. */
    private readonly targets: readonly Int32Array[],
    /** The fields whose automata hold every keyword literal: (name, field id). */
    private readonly scanned: readonly { readonly field: string; readonly id: number }[],
  ) {
    this.seen = new Int32Array(literals.length);
    this.minLength = Math.min(...literals.map((l) => l.length));
    this.groups = new KeywordGroups(literals);
  }

  /**
   * The literals searched by anchor (keyword-probe.ts: the test each one's probe makes, with one pass per anchor);
   * the others (letters only) by their probe.
   */
  private readonly groups: KeywordGroups;

  /**
   * Calls `found` with the targets of each keyword literal found (or not ruled out) in this event outside the scanned
   * fields. Literals for which `wanted` says their targets cannot make a candidate any more (`sel and keyword` with
   * `sel` not hit) are not searched: the walk is only paid for where it can matter.
   */
  search(ev: EventView, stamp: number, wanted: (targets: Int32Array) => boolean, found: (targets: Int32Array) => void): void {
    this.stamp = stamp;
    this.found = found;
    const { seen, targets } = this;
    let left = 0;
    for (let k = 0; k < targets.length; k++) {
      if (wanted(targets[k]!)) left++;
      else seen[k] = stamp;
    }
    if (left === 0) return;
    this.left = left;
    if (ev.someLeafOutside(this.onLeaf, this.minLength, this.maskOf) !== undefined) return;
    for (let k = 0; k < targets.length; k++) this.report(k);
  }

  /** Stamps are the prefilter's: reset with its own (Prefilter.restamp). */
  restamp(): void {
    this.seen.fill(0);
  }

  private report(k: number): void {
    if (this.seen[k] === this.stamp) return;
    this.seen[k] = this.stamp;
    this.left--;
    this.found(this.targets[k]!);
  }

  /** Tests one leaf for every literal not found yet; true (stop walking) once all are found. */
  private readonly onLeaf = (leaf: string): boolean => {
    this.groups.search(leaf, this.pending, this.reportFound);
    const { literals, probes, seen, stamp } = this;
    for (const k of this.groups.unanchored) {
      if (seen[k] !== stamp && leaf.length >= literals[k]!.length && probes[k]!(leaf)) this.report(k);
    }
    return this.left === 0;
  };

  private readonly pending = (k: number): boolean => this.seen[k] !== this.stamp;
  private readonly reportFound = (k: number): void => this.report(k);

  private readonly maskOf = (shape: Shape): Uint8Array => {
    let mask = this.masks.get(shape);
    if (mask === undefined) {
      mask = new Uint8Array(shape.keys.length);
      for (const { field, id } of this.scanned) {
        const p = id < shape.positions.length ? shape.positions[id]! : -1;
        // The view reads a field by position only when the key there is the name (EventView.lookUp).
        if (p >= 0 && shape.keys[p] === field) mask[p] = 1;
      }
      this.masks.set(shape, mask);
    }
    return mask;
  };
}
