import { fold } from './fold.js';
import { fieldPathOf, MISSING, resolvePath, type FieldLookup } from './field-path.js';
import type { Shape, ShapeCache } from './event-shape.js';

/** A JSON event: any object. Values are whatever JSON.parse produced. */
export type EventObject = Readonly<Record<string, unknown>>;

export { MISSING, type Missing, type FieldLookup } from './field-path.js';

/** resolvePath (field-path.ts) of `path`, its split points computed once per name. */
export function resolveField(obj: Readonly<Record<string, unknown>>, path: string, lookup: FieldLookup): unknown {
  if (hasOwn.call(obj, path)) return obj[path];
  if (lookup === 'exact') return MISSING;
  return resolvePath(obj, fieldPathOf(path), lookup);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** String form used by string tests: strings as-is, numbers in JS form, booleans as `true`/`false`. */
export function stringForm(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return String(v);
  return undefined;
}

/** Scalar leaves of a field value: arrays (nested too) are flattened; objects are not leaves. */
export function scalarLeaves(v: unknown, out: unknown[]): void {
  if (Array.isArray(v)) {
    // Iterative, so that a hostile deeply nested array cannot overflow the stack.
    const stack: unknown[] = [v];
    while (stack.length > 0) {
      const cur = stack.pop();
      if (Array.isArray(cur)) for (let i = cur.length - 1; i >= 0; i--) stack.push(cur[i]);
      else out.push(cur);
    }
  } else out.push(v);
}

const EMPTY: readonly string[] = [];

function textsOf(v: unknown, folded: boolean): Texts {
  if (typeof v === 'string') return folded ? fold(v) : v;
  if (v === MISSING || v === null) return EMPTY;
  const leaves: unknown[] = [];
  scalarLeaves(v, leaves);
  const out: string[] = [];
  for (const l of leaves) {
    const s = stringForm(l);
    if (s !== undefined) out.push(folded ? fold(s) : s);
  }
  return out;
}

/**
 * Where the fold of one known text is kept across events: the prefilter's scan memo (prefilter.ts) holds one per
 * memoized text, and offers it to the view of each event whose field has that text (`offerFold`), so that a value
 * repeated over the stream (Image, ParentImage, OriginalFileName...) is lower-cased once instead of once per event.
 * `folded` is undefined until some rule needs it, then fold(the text).
 */
export interface FoldSlot {
  folded: string | undefined;
}

/**
 * One event being evaluated: resolved fields and their string forms are cached, because many rules
 * look at the same few fields.
 */
/** A field's text(s): the string itself for the common single-string value (no array allocated). */
export type Texts = string | readonly string[];

/**
 * Field names → small integers, assigned at compile time, so that an event caches what it knows per field
 * in an array instead of a map. One registry per compiled rule set.
 */
export class FieldRegistry {
  private readonly ids = new Map<string, number>();
  /** Names by id. */
  readonly names: string[] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      this.ids.set(name, (id = this.ids.size));
      this.names.push(name);
    }
    return id;
  }
}

export class EventView {
  private current!: EventObject;
  // Per field id, valid for the current event when stamps[id] === stamp (parallel arrays: no object per field per
  // event; a rule set points one view at event after event, so they are not allocated per event either).
  private readonly stamps: number[];
  private readonly names: (string | undefined)[];
  private readonly values: unknown[];
  private readonly raws: (Texts | undefined)[];
  private readonly foldeds: (Texts | undefined)[];
  /** Per field id: a fold slot for the field's (single string) raw text in this event, offered by the prefilter. */
  private readonly foldSlots: (FoldSlot | undefined)[];
  private stamp = 0;
  /** The event's own enumerable values by position, and their shape (event-shape.ts) when they were captured. */
  private readonly own: unknown[] = [];
  private shape: Shape | undefined;
  private keywordLeaves: readonly string[] | undefined;
  private keywordFolded: readonly string[] | undefined;
  private keywordJoinedRaw: string | undefined;
  private keywordJoinedFolded: string | undefined;

  constructor(
    event: EventObject,
    private readonly lookup: FieldLookup,
    private readonly keywordFields: readonly string[] | undefined,
    /** The registry the compiled predicates took their field ids from. */
    readonly fields: FieldRegistry = new FieldRegistry(),
    /** Captures each event's values for lookups by position (event-shape.ts); without it, fields are looked up by name. */
    private readonly shapes?: ShapeCache,
  ) {
    const n = fields.names.length;
    this.stamps = new Array<number>(n).fill(0);
    this.names = new Array<string | undefined>(n).fill(undefined);
    this.values = new Array<unknown>(n).fill(undefined);
    this.raws = new Array<Texts | undefined>(n).fill(undefined);
    this.foldeds = new Array<Texts | undefined>(n).fill(undefined);
    this.foldSlots = new Array<FoldSlot | undefined>(n).fill(undefined);
    this.load(event);
  }

  /** The event being evaluated. */
  get event(): EventObject {
    return this.current;
  }

  /** Points the view at another event: everything known about the previous one is forgotten. */
  load(event: EventObject): void {
    this.current = event;
    this.stamp++;
    this.keywordLeaves = this.keywordFolded = this.keywordJoinedRaw = this.keywordJoinedFolded = undefined;
    const shape = (this.shape = this.shapes?.capture(event, this.own));
    if (shape !== undefined) this.touchTexts(shape.keys.length);
  }

  /** Observable (public, read by nobody), so that the reads of touchTexts are not optimized away. */
  touched = 0;

  /**
   * Reads the length of every string value, one independent load after another: an event read from a large batch
   * is usually out of the CPU caches by the time it is matched, and these reads let the processor wait for all its
   * strings at once instead of for one at a time as the scans and rules come to them (+3-4% events/s on the bench,
   * paired runs; touching their last characters as well gained nothing more).
   */
  private touchTexts(n: number): void {
    const own = this.own;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = own[i];
      if (typeof x === 'string') sum += x.length;
    }
    this.touched = sum;
  }

  private ensure(id: number, name: string): void {
    // The name check keeps a view correct even if used with predicates of another registry.
    if (this.stamps[id] !== this.stamp || this.names[id] !== name) {
      this.stamps[id] = this.stamp;
      this.names[id] = name;
      this.values[id] = this.lookUp(id, name);
      this.raws[id] = undefined;
      this.foldeds[id] = undefined;
      this.foldSlots[id] = undefined;
    }
  }

  /** resolveField of the name: by position when the event's values were captured and the name is one of its keys. */
  private lookUp(id: number, name: string): unknown {
    const shape = this.shape;
    if (shape !== undefined && id < shape.positions.length) {
      const p = shape.positions[id]!;
      // The key check also keeps the answer right for a name of another registry under this id.
      if (p >= 0 && shape.keys[p] === name) return this.own[p];
    }
    return resolveField(this.current, name, this.lookup);
  }

  /** The field's value (MISSING when absent). */
  get(name: string, id: number = this.fields.id(name)): unknown {
    this.ensure(id, name);
    return this.values[id];
  }

  /** String forms of the field's scalar leaves: one string, or a list (empty when missing, null or an object). */
  text(name: string, folded: boolean, id: number = this.fields.id(name)): Texts {
    this.ensure(id, name);
    if (folded) {
      let f = this.foldeds[id];
      if (f === undefined) {
        const raw = this.raws[id];
        const slot = this.foldSlots[id];
        if (slot !== undefined) f = slot.folded ??= fold(raw as string);
        else f = raw === undefined ? textsOf(this.values[id], true) : typeof raw === 'string' ? fold(raw) : raw.map(fold);
        this.foldeds[id] = f;
      }
      return f;
    }
    let r = this.raws[id];
    if (r === undefined) this.raws[id] = r = textsOf(this.values[id], false);
    return r;
  }

  /**
   * The slot where fold(`text`) is kept, for this event's field `id`, whose raw text (as `text(name, false, id)` has
   * just given it) is `text`. Ignored unless that is still the field's single raw string in this event: the slot is
   * used only for the text it belongs to, and forgotten with the event (ensure).
   */
  offerFold(id: number, text: string, slot: FoldSlot): void {
    if (this.stamps[id] === this.stamp && this.raws[id] === text) this.foldSlots[id] = slot;
  }

  /** Same as `text`, always as a list. */
  texts(name: string, folded: boolean, id: number = this.fields.id(name)): readonly string[] {
    const t = this.text(name, folded, id);
    return typeof t === 'string' ? [t] : t;
  }

  /**
   * The keyword leaves joined by NUL: a literal without NUL occurs in some leaf exactly when it occurs
   * here, and one fold/search over one string is much cheaper than one per leaf.
   */
  keywordJoined(folded: boolean): string {
    if (folded) return (this.keywordJoinedFolded ??= fold(this.keywordJoined(false)));
    return (this.keywordJoinedRaw ??= this.keywordTexts(false).join('\u0000'));
  }

  /**
   * Whether some keyword leaf (raw) passes: walks the event without collecting anything. Leaves shorter than
   * `minLength` are skipped (a caller looking for a literal of that length cannot find it in them).
   */
  someKeywordLeaf(test: (leaf: string) => boolean, minLength = 0): boolean {
    if (this.keywordLeaves !== undefined || this.keywordFields) {
      for (const t of this.keywordTexts(false)) if (t.length >= minLength && test(t)) return true;
      return false;
    }
    // An integer's string form is its digits and sign: one below `small` in magnitude is shorter than minLength.
    const small = minLength <= 1 ? 0 : 10 ** (minLength - 2);
    const stack: unknown[] = [];
    const shape = this.shape;
    if (shape !== undefined) {
      // The event's own enumerable values, already captured.
      const own = this.own;
      for (let i = 0; i < shape.keys.length; i++) if (leafPasses(own[i], test, minLength, small, stack)) return true;
    } else stack.push(this.current);
    return stackPasses(stack, test, minLength, small);
  }

  /**
   * someKeywordLeaf, except for the event's own top-level string and number values at the positions `searched`
   * marks in its shape (the prefilter's field scans have read those texts already; keyword-leaves.ts). Undefined
   * when that cannot be told: the event's values were not captured by position, or keyword fields are configured
   * (keyword leaves are then theirs, not the event's).
   */
  someLeafOutside(test: (leaf: string) => boolean, minLength: number, searched: (shape: Shape) => Uint8Array): boolean | undefined {
    const shape = this.shape;
    if (shape === undefined || this.keywordFields) return undefined;
    const skip = searched(shape);
    const small = minLength <= 1 ? 0 : 10 ** (minLength - 2);
    // The view's own stack (the keyword atom is searched on every event; a fresh array each time was garbage). A
    // nested match (a getter read below) runs on a view of its own, so the stack is never shared by two walks.
    const stack = this.walkStack;
    const own = this.own;
    for (let i = 0; i < shape.keys.length; i++) {
      const x = own[i];
      // Arrays and objects are walked whatever the mark: a field scan reads the scalars of an array, not the
      // objects inside it.
      if (skip[i] === 1 && (typeof x === 'string' || typeof x === 'number')) continue;
      if (leafPasses(x, test, minLength, small, stack)) {
        stack.length = 0;
        return true;
      }
    }
    const found = stackPasses(stack, test, minLength, small);
    // Emptied either way: the containers of this event are not kept past the walk.
    stack.length = 0;
    return found;
  }

  private readonly walkStack: unknown[] = [];

  /** Every string and number leaf of the event (or of the configured keyword fields), for keyword search. */
  keywordTexts(folded: boolean): readonly string[] {
    if (this.keywordLeaves === undefined) {
      const out: string[] = [];
      if (this.keywordFields) {
        for (const f of this.keywordFields) for (const t of this.texts(f, false)) out.push(t);
      } else collectLeaves(this.current, out);
      this.keywordLeaves = out;
    }
    if (!folded) return this.keywordLeaves;
    if (this.keywordFolded === undefined) this.keywordFolded = this.keywordLeaves.map(fold);
    return this.keywordFolded;
  }
}

/** someKeywordLeaf's step: tests a string or number leaf, or queues a container. */
function leafPasses(x: unknown, test: (leaf: string) => boolean, minLength: number, small: number, stack: unknown[]): boolean {
  if (typeof x === 'string') return x.length >= minLength && test(x);
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || (Number.isInteger(x) && Math.abs(x) < small)) return false;
    const s = String(x);
    return s.length >= minLength && test(s);
  }
  if (typeof x === 'object' && x !== null) stack.push(x);
  return false;
}

/** Walks the queued containers (someKeywordLeaf's remaining work): whether some leaf inside passes. */
function stackPasses(stack: unknown[], test: (leaf: string) => boolean, minLength: number, small: number): boolean {
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (leafPasses(x, test, minLength, small, stack)) return true;
      continue;
    }
    // The own enumerable values, as Object.values gives them, without allocating their array.
    const o = v as Record<string, unknown>;
    for (const k in o) if (hasOwn.call(o, k) && leafPasses(o[k], test, minLength, small, stack)) return true;
  }
  return false;
}

/** String and number leaves of any JSON value, iteratively (no recursion depth limit). */
export function collectLeaves(root: unknown, out: string[]): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number') {
      if (Number.isFinite(v)) out.push(String(v));
    } else if (typeof v === 'object' && v !== null) {
      const vals = Array.isArray(v) ? v : Object.values(v);
      // Scalars of this level go straight out; containers wait on the stack. A container is expanded
      // when popped, after the scalars that follow it: the order differs from document order only
      // around nested containers, which does not matter for a containment search.
      for (let i = vals.length - 1; i >= 0; i--) {
        const x = vals[i];
        if (typeof x === 'object' && x !== null) stack.push(x);
      }
      for (const x of vals) {
        if (typeof x === 'string') out.push(x);
        else if (typeof x === 'number' && Number.isFinite(x)) out.push(String(x));
      }
    }
  }
}
