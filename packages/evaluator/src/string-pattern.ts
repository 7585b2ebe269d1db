import type { ValuePart } from '@sigmats/core';
import { fold } from './fold.js';
import { globMatcher, type GlobPart } from './glob-match.js';

/** A compiled Sigma string value: a predicate over the (folded unless cased) text of a field. */
export interface StringPattern {
  /** Compare against fold(text) (true) or the raw text (false, `|cased`). */
  readonly folded: boolean;
  readonly test: (text: string) => boolean;
  /** Literal runs (folded unless cased), in order: every one occurs in any text the pattern matches. */
  readonly literals: readonly string[];
  /** Human-readable shape, for debugging and docs. */
  readonly shape: 'exact' | 'prefix' | 'suffix' | 'contains' | 'glob' | 'any';
}

/** A value's pieces, as glob-match.ts takes them. */
type Seg = GlobPart;

/** Literal text and wildcards in order, adjacent literals merged, runs of `*` collapsed. */
function segments(parts: readonly ValuePart[], caseFold: boolean): Seg[] {
  const out: Seg[] = [];
  for (const p of parts) {
    if (p.kind === 'literal') {
      if (p.text === '') continue;
      const t = caseFold ? fold(p.text) : p.text;
      const last = out[out.length - 1];
      if (last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + t };
      else out.push({ kind: 'text', text: t });
    } else if (p.kind === 'wildcard-multi') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (p.kind === 'wildcard-single') {
      out.push({ kind: 'one' });
    } else {
      // Unresolved placeholders are rejected before compiling (see compile-value.ts).
      throw new Error(`unresolved placeholder %${p.name}%`);
    }
  }
  return out;
}

/**
 * Compile parts into a matcher. Only-`*` patterns use indexOf/startsWith/endsWith (greedy leftmost
 * placement of the middle runs is exact for `*`); patterns with `?` are placed block by block the same way
 * (glob-match.ts), where `?` is exactly one code point.
 */
export function compileStringPattern(parts: readonly ValuePart[], cased: boolean): StringPattern {
  const folded = !cased;
  const segs = segments(parts, folded);
  const literals = segs.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
  if (segs.some((s) => s.kind === 'one')) {
    return { folded, literals, shape: 'glob', test: globMatcher(segs) };
  }
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (first === undefined || last === undefined) return { folded, literals, shape: 'exact', test: (t) => t === '' };
  if (segs.length === 1) {
    if (first.kind === 'star') return { folded, literals, shape: 'any', test: () => true };
    const text = (first as { text: string }).text;
    return { folded, literals, shape: 'exact', test: (t) => t === text };
  }
  if (segs.length === 2) {
    if (first.kind === 'text') {
      const text = first.text;
      return { folded, literals, shape: 'prefix', test: (t) => t.startsWith(text) };
    }
    const text = (last as { text: string }).text;
    return { folded, literals, shape: 'suffix', test: (t) => t.endsWith(text) };
  }
  if (segs.length === 3 && first.kind === 'star' && last.kind === 'star') {
    const text = (segs[1] as { text: string }).text;
    return { folded, literals, shape: 'contains', test: (t) => t.includes(text) };
  }
  const head = first.kind === 'text' ? first.text : '';
  const tail = last.kind === 'text' ? last.text : '';
  const middle = segs.slice(first.kind === 'text' ? 1 : 0, last.kind === 'text' ? -1 : undefined);
  const mids = middle.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
  const minLen = head.length + tail.length;
  return {
    folded,
    literals,
    shape: 'glob',
    test: (t) => {
      if (t.length < minLen || !t.startsWith(head) || !t.endsWith(tail)) return false;
      let pos = head.length;
      const end = t.length - tail.length;
      for (const m of mids) {
        const i = t.indexOf(m, pos);
        if (i < 0 || i + m.length > end) return false;
        pos = i + m.length;
      }
      return true;
    },
  };
}
