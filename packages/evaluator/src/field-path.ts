/** Sentinel for "the key is absent" (distinct from a present `null`). */
export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

export type FieldLookup = 'exact' | 'exact-then-path';

/**
 * A field name prepared for the dotted-path walk: its split points (head, rest) computed once. Slicing the name at
 * every dot on every call made fresh strings that, used as property keys, must first be looked up in V8's string
 * table: the Windows router's five constant header paths (`Event.System.Channel`...) cost 1.4-2 us per flat event
 * that way, for keys that are not there. `resolveField` (event.ts) walks a name through its FieldPath too.
 */
export class FieldPath {
  private splitsCache: readonly (readonly [head: string, rest: FieldPath])[] | undefined;

  constructor(readonly path: string) {}

  /** (head, rest) at every dot, left to right, as resolveField tries them. */
  get splits(): readonly (readonly [head: string, rest: FieldPath])[] {
    if (this.splitsCache === undefined) {
      const out: [string, FieldPath][] = [];
      for (let dot = this.path.indexOf('.'); dot > 0; dot = this.path.indexOf('.', dot + 1)) {
        out.push([this.path.slice(0, dot), new FieldPath(this.path.slice(dot + 1))]);
      }
      this.splitsCache = out;
    }
    return this.splitsCache;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Resolve a field: the exact key first (names may contain dots), then a dotted-path walk into nested objects, trying
 * every split point (exact key first at each level). Arrays met on the way are searched element-wise; the results
 * are collected into an array (any element counts).
 */
export function resolvePath(obj: Readonly<Record<string, unknown>>, p: FieldPath, lookup: FieldLookup): unknown {
  if (hasOwn.call(obj, p.path)) return obj[p.path];
  if (lookup === 'exact') return MISSING;
  for (const [head, rest] of p.splits) {
    if (!hasOwn.call(obj, head)) continue;
    const v = obj[head];
    if (isPlainObject(v)) {
      const r = resolvePath(v, rest, lookup);
      if (r !== MISSING) return r;
    } else if (Array.isArray(v)) {
      const found: unknown[] = [];
      for (const el of v) {
        if (!isPlainObject(el)) continue;
        const r = resolvePath(el, rest, lookup);
        if (r !== MISSING) found.push(r);
      }
      if (found.length > 0) return found;
    }
  }
  return MISSING;
}

/** Field names met so far, prepared (bounded: names come from rules and pipelines, not from events). */
const prepared = new Map<string, FieldPath>();

/** The FieldPath of `path`, made once per name. */
export function fieldPathOf(path: string): FieldPath {
  let p = prepared.get(path);
  if (p === undefined) {
    if (prepared.size >= 4096) prepared.clear();
    prepared.set(path, (p = new FieldPath(path)));
  }
  return p;
}
