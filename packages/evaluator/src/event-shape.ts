import type { EventObject, FieldRegistry } from './event.js';

/**
 * An event's own enumerable values read in one pass, for field lookups by position.
 *
 * Looking a field up by name (`hasOwn` and a keyed load with a variable name) costs 30-35 ns per field on the
 * bench's 28-key Sysmon events: V8's property caches do not help a name that changes from call to call. Events of
 * one stream mostly have the same keys in the same order, so the keys of recent events are kept with the position
 * of every field name the rules read; a `for...in` walk checks that the event has exactly the keys of the last
 * shape and copies its values (about 110 ns for all 28, against 540 ns for 16 lookups by name).
 *
 * Exactness (the same answer as `hasOwn(event, name) ? event[name] : ...`): a value is taken by position only when
 * it is the value of an own enumerable key equal to the name: the walk takes a value only from an own key equal to
 * the shape's key at that position (`hasOwn` inside `for...in` over the walked key costs next to nothing in V8), and
 * any other event is read with `Object.keys`. A name not among the keys may still be an own non-enumerable property
 * or a dotted path: it is looked up by name as before (position -1). If reading the keys or values throws (a getter,
 * a proxy trap), nothing is captured and every field is looked up by name, meeting the error where a rule reads it.
 */
export interface Shape {
  /** Own enumerable keys, as `Object.keys` lists them. */
  readonly keys: readonly string[];
  /** Per field id of the registry (as it was when the shape was made): position in `keys`, or -1. */
  readonly positions: Int32Array;
}

/** Shapes kept (a mixed Windows stream interleaves a few dozen event types); the oldest goes first. */
export const MAX_SHAPES = 32;
/**
 * Making a shape costs a pass over every registered field name: if more than MAX_NEW_PER_WINDOW events of a window
 * need a new one (keys that vary from event to event), capturing stops for PAUSE events and fields are looked up by
 * name, as without shapes.
 */
const WINDOW = 256;
const MAX_NEW_PER_WINDOW = WINDOW / 4;
const PAUSE = 1 << 14;

export class ShapeCache {
  private readonly shapes: Shape[] = [];
  private current: Shape | undefined;
  private seen = 0;
  private made = 0;
  private pause = 0;

  constructor(private readonly fields: FieldRegistry) {}

  /**
   * Copies the event's own enumerable values, in key order, into `out` and returns their shape; undefined when
   * nothing was captured (then every field is looked up by name).
   */
  capture(event: EventObject, out: unknown[]): Shape | undefined {
    if (this.pause > 0) {
      this.pause--;
      return undefined;
    }
    if (++this.seen === WINDOW) this.seen = this.made = 0;
    try {
      const shape = this.current;
      if (shape !== undefined && walk(event, shape.keys, out)) return shape;
      return this.slow(event, out);
    } catch {
      return undefined;
    }
  }

  /** Shapes held right now (for tests). */
  get size(): number {
    return this.shapes.length;
  }

  private slow(event: EventObject, out: unknown[]): Shape | undefined {
    const keys = Object.keys(event);
    let shape = this.shapes.find((s) => sameKeys(s.keys, keys));
    if (shape === undefined) {
      if (++this.made > MAX_NEW_PER_WINDOW) {
        this.pause = PAUSE;
        this.seen = this.made = 0;
        return undefined;
      }
      shape = this.make(keys);
    }
    this.current = shape;
    for (let i = 0; i < keys.length; i++) out[i] = event[keys[i]!];
    return shape;
  }

  private make(keys: readonly string[]): Shape {
    const at = new Map<string, number>();
    keys.forEach((k, i) => at.set(k, i));
    const names = this.fields.names;
    const positions = new Int32Array(names.length);
    for (let id = 0; id < names.length; id++) positions[id] = at.get(names[id]!) ?? -1;
    if (this.shapes.length >= MAX_SHAPES) this.shapes.shift();
    const shape = { keys, positions };
    this.shapes.push(shape);
    return shape;
  }
}

/** Whether the event's own enumerable keys are exactly `keys`, in order; their values go to `out` meanwhile. */
function walk(event: EventObject, keys: readonly string[], out: unknown[]): boolean {
  const n = keys.length;
  let i = 0;
  for (const k in event) {
    // An inherited enumerable key comes after the own ones: it fails the own-property check (or the count).
    if (i === n || k !== keys[i] || !hasOwn.call(event, k)) return false;
    out[i++] = event[k];
  }
  return i === n;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const hasOwn = Object.prototype.hasOwnProperty;
