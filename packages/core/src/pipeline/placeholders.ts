// Placeholders still in a rule after the pipelines ran: backends must reject them (Sigma spec).
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { SigmaRule } from '../ir/rule.js';
import { documentKey } from '../ir/rule.js';
import type { SourceLocation } from '../location.js';
import { itemsOf, scalarsOf } from './ir-helpers.js';

export interface UnresolvedPlaceholder {
  readonly name: string;
  readonly field: string | null;
  readonly loc: SourceLocation;
}

/** Every placeholder left in string or regex values, in written order. */
export function unresolvedPlaceholders(rule: Pick<SigmaRule, 'detections'>): UnresolvedPlaceholder[] {
  const out: UnresolvedPlaceholder[] = [];
  for (const d of rule.detections) {
    for (const it of itemsOf(d.body)) {
      for (const v of it.values) {
        for (const s of scalarsOf(v)) {
          if (s.kind === 'string') {
            for (const p of s.parts) if (p.kind === 'placeholder') out.push({ name: p.name, field: it.field, loc: s.loc });
          } else if (s.kind === 'regex') {
            for (const name of s.placeholders) out.push({ name, field: it.field, loc: s.loc });
          }
        }
      }
    }
  }
  return out;
}

/** 'pipeline/placeholder-unresolved' errors for a rule (empty when none are left). */
export function placeholderDiagnostics(rule: SigmaRule): Diagnostic[] {
  return unresolvedPlaceholders(rule).map((p) =>
    diagnostic('pipeline/placeholder-unresolved', `placeholder %${p.name}%${p.field !== null ? ` in ${p.field}` : ''} is not resolved by any pipeline`, p.loc, {
      rule: documentKey(rule),
      hint: 'add a value_placeholders (with vars), wildcard_placeholders or query_expression_placeholders transformation',
    }),
  );
}
