import { mapLeaves } from '@sigmats/core';
import type { Expr, KeywordExpr, LeafExpr } from '@sigmats/core';

/**
 * A keyword is searched in `_raw`. Without a Windows pipeline (whose `_raw` is the event XML: xml-raw.ts) the plain
 * output does not know how the events were indexed: JSON (`_json` and the cloud sources, whose messages are JSON
 * documents) keeps a value's `"` and `\` escaped in `_raw` as `\"` and `\\` (RFC 8259 section 7), plain text keeps them
 * as written. A keyword holding either character is therefore searched in both forms; keywords without them read
 * the same in both and are left alone. Regex keywords are left as written: their text is a pattern, not the value.
 */
function jsonText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function keywordsInJsonOrText(e: Expr): Expr {
  return mapLeaves(e, inJsonOrText);
}

/** A top-level function, not a closure made per condition (this runs for every non-Windows rule). */
function inJsonOrText(test: LeafExpr): Expr {
  if (test.kind !== 'keyword') return test;
  const v = test.value;
  if (v.kind !== 'string' || !v.parts.some((p) => p.kind === 'literal' && /["\\]/.test(p.text))) return test;
  const parts = v.parts.map((p) => (p.kind === 'literal' ? { ...p, text: jsonText(p.text) } : p));
  const escaped: KeywordExpr = { ...test, value: { ...v, parts } };
  return { kind: 'or', operands: [test, escaped], loc: test.loc };
}
