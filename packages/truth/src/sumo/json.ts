import { SumoError } from './errors.js';
import { numberText } from './values.js';

/**
 * The JSONPath subset of the `json` operator (parse-json-formatted-logs: "Supported JSONPath syntax elements"):
 * `a.b`, `['a.b']` for keys with special characters, `[n]` array indices, `[*]` wildcard. Keys are case-sensitive
 * ("References to specific keys are case sensitive"). Recursive descent, slices, unions and script expressions are
 * refused as unsupported.
 */

export type PathSegment = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'any' };

export function parseJsonPath(path: string, at: number): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  if (path.startsWith('$')) i = 1;
  const fail = (why: string): never => {
    throw new SumoError(why.startsWith('unsupported') ? 'unsupported' : 'syntax', `json path ${JSON.stringify(path)}: ${why}`, at);
  };
  let first = true;
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === '.') {
      if (path[i + 1] === '.') fail('unsupported recursive descent (..)');
      if (first && i === 0) fail('leading dot');
      i++;
      const m = /^[^.[\]]+/.exec(path.slice(i));
      if (!m) fail('key expected after .');
      out.push(m![0] === '*' ? { kind: 'any' } : { kind: 'key', key: m![0] });
      i += m![0].length;
    } else if (ch === '[') {
      const rest = path.slice(i);
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(rest);
      const index = /^\[\s*(\d+)\s*\]/.exec(rest);
      const any = /^\[\s*\*\s*\]/.exec(rest);
      if (quoted) {
        out.push({ kind: 'key', key: quoted[2]!.replace(/\\(.)/g, '$1') });
        i += quoted[0].length;
      } else if (index) {
        out.push({ kind: 'index', index: Number(index[1]) });
        i += index[0].length;
      } else if (any) {
        out.push({ kind: 'any' });
        i += any[0].length;
      } else fail('unsupported subscript (only [n], [*] and [\'key\'])');
    } else {
      if (!first) fail(`unexpected '${ch}'`);
      const m = /^[^.[\]]+/.exec(path.slice(i))!;
      out.push(m[0] === '*' ? { kind: 'any' } : { kind: 'key', key: m[0] });
      i += m[0].length;
    }
    first = false;
  }
  if (out.length === 0) fail('empty path');
  return out;
}

/** Parse a message as JSON: the whole text, or the object from its first `{` to its last `}` (assumption A-JSON-EMBED). */
export function parseJsonMessage(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const a = text.indexOf('{');
    const b = text.lastIndexOf('}');
    if (a < 0 || b <= a) return undefined;
    try {
      return JSON.parse(text.slice(a, b + 1));
    } catch {
      return undefined;
    }
  }
}

const MISSING = Symbol('missing');

function walk(v: unknown, segs: readonly PathSegment[], k: number): unknown {
  if (k === segs.length) return v;
  const s = segs[k]!;
  if (s.kind === 'key') {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, s.key)) return MISSING;
    return walk((v as Record<string, unknown>)[s.key], segs, k + 1);
  }
  if (s.kind === 'index') {
    if (!Array.isArray(v) || s.index >= v.length) return MISSING;
    return walk(v[s.index], segs, k + 1);
  }
  const items = Array.isArray(v) ? v : v !== null && typeof v === 'object' ? Object.values(v) : undefined;
  if (items === undefined) return MISSING;
  return items.map((x) => walk(x, segs, k + 1)).filter((x) => x !== MISSING);
}

/**
 * The extracted value as Sumo holds it: text. Strings as they are, numbers and booleans as JSON text, objects and
 * arrays as compact JSON (the docs show `["2014-03-10T23:...", ...]` for an array); JSON null as null
 * (assumption A-JSON-NULL). undefined: the key is not there.
 */
export function extractJson(doc: unknown, segs: readonly PathSegment[]): string | null | undefined {
  const v = walk(doc, segs, 0);
  if (v === MISSING) return undefined;
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** `json auto`: every key, nested keys joined with dots and array indices in brackets; "Spaces in field names are
 * automatically reformatted to underscores". Objects and arrays are also kept whole under their own key. */
export function flattenJson(doc: unknown, maxDepth = Infinity): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const visit = (v: unknown, name: string, depth: number): void => {
    const leaf = extractJson(v, []);
    if (name) out.set(name, leaf ?? null);
    if (depth >= maxDepth || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return; // arrays stay whole without `extractarrays`
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) visit(x, name ? `${name}.${k.replace(/ /g, '_')}` : k.replace(/ /g, '_'), depth + 1);
  };
  visit(doc, '', 0);
  return out;
}
