import { mapLeaves } from '@sigmats/core';
import type { Expr, KeywordExpr, LeafExpr } from '@sigmats/core';

/**
 * Pipeline state key: the events' `_raw` is the event log XML (XmlWinEventLog, `renderXml = true`). Set by the
 * Windows pipelines (`sysmon`, `windows-security`, `splunk-windows`).
 */
export const RAW_XML_STATE = 'splunk.raw';
export const RAW_XML = 'xml';

/** XML text escaping as the event log renders Data values (`&`, `<`, `>`, `"`; SOURCES.md "Keywords over XML"). */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A keyword is searched in `_raw`; when `_raw` is the event's XML, a value written in the event as `"x"` appears in
 * `_raw` as `&quot;x&quot;`, so the keyword's literal text is searched in that form. Field values are not touched
 * (they are extracted fields, not `_raw`). Regex keywords are left as written: their text is a pattern, not the value.
 */
export function keywordsAsXmlText(e: Expr): Expr {
  return mapLeaves(e, asXmlText);
}

/** A top-level function, not a closure made per condition (this runs for every rule under a Windows pipeline). */
function asXmlText(test: LeafExpr): Expr {
  if (test.kind !== 'keyword') return test;
  const v = test.value;
  if (v.kind !== 'string' || !v.parts.some((p) => p.kind === 'literal' && /[&<>"]/.test(p.text))) return test;
  const parts = v.parts.map((p) => (p.kind === 'literal' ? { ...p, text: xmlText(p.text) } : p));
  return { ...test, value: { ...v, parts } } satisfies KeywordExpr;
}
