import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { documentKey, type SigmaDocument } from '../ir/rule.js';
import { defaultSelection, type ValidatorSelection } from './config.js';
import type { ValidatorCode } from './names.js';
import { VALIDATORS } from './registry.js';
import type { AttackIds, Validator, ValidatorContext, ValidatorFinding } from './types.js';

export interface ValidateOptions {
  /** Which validators, their exclusions and parameters (default: defaultSelection()). */
  readonly selection?: ValidatorSelection;
  /** ATT&CK IDs tags may name; a kind left out is checked by ID shape only. */
  readonly attack?: AttackIds;
  /** "Today" for sigmahq_status_to_high (default: now). */
  readonly today?: Date;
}

function toDiagnostic(v: Validator, doc: SigmaDocument, f: ValidatorFinding): Diagnostic {
  const code = `validator/${v.name}` as ValidatorCode;
  return diagnostic(code, `${f.message} [${v.level}]`, f.loc, { severity: v.severity, rule: documentKey(doc), ...(f.hint !== undefined ? { hint: f.hint } : {}) });
}

/**
 * Runs the selected validators over parsed documents (rules and correlations; filters are not validated, as in
 * pySigma). Findings are located diagnostics with code `validator/<name>`, in document then validator order.
 */
export function validateDocuments(docs: readonly SigmaDocument[], options: ValidateOptions = {}): Diagnostic[] {
  const selection = options.selection ?? defaultSelection();
  const today = options.today ?? new Date();
  const attack = options.attack ?? {};
  const ctxFor = (v: Validator): ValidatorContext => ({ params: { ...v.params, ...selection.params.get(v.name) }, attack, today });
  // Asked for every finding of every validator: without exclusions (the usual case) no id is lower-cased.
  const excluded = (v: Validator, doc: SigmaDocument): boolean =>
    selection.exclusions.size > 0 && doc.id !== undefined && (selection.exclusions.get(doc.id.toLowerCase())?.has(v.name) ?? false);
  const active = VALIDATORS.filter((v) => selection.enabled.has(v.name));
  const out: Diagnostic[] = [];
  const anyExcluded = selection.exclusions.size > 0;
  for (const v of active) {
    const ctx = ctxFor(v);
    if (v.kind === 'collection') {
      for (const { doc, finding } of v.check(docs, ctx)) if (!excluded(v, doc)) out.push(toDiagnostic(v, doc, finding));
      continue;
    }
    // Every validator meets every document (about 150,000 pairs over SigmaHQ's rules), nearly all without a
    // finding: indexed loops, no iterator over each empty result and no exclusion lookup when there are none.
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (anyExcluded && excluded(v, doc)) continue;
      const found = v.check(doc, ctx);
      for (let j = 0; j < found.length; j++) out.push(toDiagnostic(v, doc, found[j]!));
    }
  }
  return out;
}
