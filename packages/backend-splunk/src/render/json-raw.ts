import type { Expr, KeywordExpr } from '@sigmats/core';

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
  switch (e.kind) {
    case 'keyword': {
      const v = e.value;
      if (v.kind !== 'string' || !v.parts.some((p) => p.kind === 'literal' && /["\\]/.test(p.text))) return e;
      const parts = v.parts.map((p) => (p.kind === 'literal' ? { ...p, text: jsonText(p.text) } : p));
      const escaped: KeywordExpr = { ...e, value: { ...v, parts } };
      return { kind: 'or', operands: [e, escaped], loc: e.loc };
    }
    case 'and':
    case 'or': {
      const operands = e.operands.map(keywordsInJsonOrText);
      return operands.every((o, i) => o === e.operands[i]) ? e : { ...e, operands };
    }
    case 'not': {
      const operand = keywordsInJsonOrText(e.operand);
      return operand === e.operand ? e : { ...e, operand };
    }
    default:
      return e;
  }
}
