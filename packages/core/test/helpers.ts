import { expect } from 'vitest';
import { parseSigma, type Diagnostic, type DetectionValue, type SigmaRule } from '../src/index.js';

/** Removes `loc` fields recursively, so expected IR can be written by hand. */
export function stripLoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(stripLoc) as T;
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'loc') o[k] = stripLoc(x);
    return o as T;
  }
  return v;
}

/** A minimal rule around a detection body (indented 4 spaces, already written under `detection:`). */
export function ruleText(detection: string, extra = ''): string {
  return `title: Test rule\nlogsource:\n    product: windows\ndetection:\n${detection}${extra}`;
}

export function parseRule(text: string): { rule?: SigmaRule; diagnostics: Diagnostic[] } {
  const r = parseSigma(text, 'test.yml');
  const rule = r.documents[0];
  return rule && rule.kind === 'rule' ? { rule, diagnostics: r.diagnostics } : { diagnostics: r.diagnostics };
}

/** Values of the single item `field|mods: value` in a rule whose only identifier is `sel`. */
export function itemValues(key: string, valueYaml: string): { values?: DetectionValue[]; diagnostics: Diagnostic[] } {
  const { rule, diagnostics } = parseRule(ruleText(`    sel:\n        ${key}: ${valueYaml}\n    condition: sel\n`));
  const item = rule?.detections[0]?.body.items[0];
  if (!item || item.kind !== 'item') return { diagnostics };
  return { values: stripLoc([...item.values]), diagnostics };
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** `code@line:column` of every diagnostic, for compact assertions. */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

export function expectNoErrors(diagnostics: readonly Diagnostic[]): void {
  expect(errorsOf(diagnostics).map((d) => `${d.code}@${d.line}:${d.column} ${d.message}`)).toEqual([]);
}

export const lit = (text: string) => ({ kind: 'literal' as const, text });
export const star = { kind: 'wildcard-multi' as const };
export const qmark = { kind: 'wildcard-single' as const };
export const str = (...parts: unknown[]) => ({ kind: 'string', parts, cased: false });
