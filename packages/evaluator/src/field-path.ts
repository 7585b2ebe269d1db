import { type FieldLookup, MISSING } from './event.js';

/**
 * A field name prepared for `resolveField`'s walk: its split points (head, rest) computed once. `resolveField` slices
 * the name at every dot on every call, and a fresh string used as a property key must first be looked up in V8's
 * string table: the Windows router's five constant header paths (`Event.System.Channel`...) cost 1.4-2 us per
 * flat event that way, for keys that are not there. Resolving a FieldPath gives exactly what
 * `resolveField(obj, path, lookup)` gives (the same walk, test/field-path.test.ts).
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

/** resolveField(obj, p.path, lookup), with the split points of p computed once. */
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
