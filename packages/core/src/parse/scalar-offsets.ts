import type { YScalar } from '../yaml/nodes.js';

/**
 * Maps an index in a scalar's decoded text to a source offset. Exact for single-line plain and quoted scalars
 * (quote doubling and escapes are walked); for multi-line (folded, literal, multi-line plain) scalars each
 * non-blank character is aligned with the same character in the raw source, which is exact unless escapes
 * produce characters that do not appear in the source, in which case the nearest earlier position is used.
 */
export function scalarOffsetMapper(src: string, node: YScalar): (index: number) => number {
  if (node.valueStart < 0) return () => node.start;
  const raw = src.slice(node.valueStart, node.valueEnd);
  const base = node.valueStart;
  if (raw === node.text) return (i) => base + Math.min(i, raw.length);
  const map = new Int32Array(node.text.length + 1);
  const text = node.text;
  let p = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      if (raw[p] === c) {
        map[i] = p++;
      } else {
        map[i] = p;
      }
      continue;
    }
    // Skip source whitespace (folding/indentation) freely; search a few characters ahead for escapes.
    while (p < raw.length && (raw[p] === ' ' || raw[p] === '\n' || raw[p] === '\r' || raw[p] === '\t') ) p++;
    let q = p;
    const limit = Math.min(raw.length, p + 12);
    while (q < limit && raw[q] !== c) q++;
    if (q < limit) {
      map[i] = q;
      p = q + 1;
    } else {
      map[i] = p;
    }
  }
  map[text.length] = Math.min(p, raw.length);
  return (i) => base + (map[Math.max(0, Math.min(i, text.length))] as number);
}
