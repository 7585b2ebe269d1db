// Field mappings and other pipeline transformations apply to enrichment cases as they do to detections: a case
// rendered with Sigma field names on a platform whose pipeline renamed them would test fields that do not exist.
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Condition } from '../ir/condition.js';
import type { SigmaRule } from '../ir/rule.js';
import { ruleWith } from '../ir/rule-shape.js';
import { lowerDetection } from '../lower.js';
import { applyPipelines } from '../pipeline/apply.js';
import type { Pipeline, PipelineContext } from '../pipeline/types.js';
import type { Enrichment, EnrichmentCase } from './types.js';

export interface MappedEnrichments {
  /** `applied` with its enrichments replaced by the mapped ones (those a pipeline could not carry are left out). */
  readonly rule: SigmaRule;
  /** `enrichment/dropped` warnings, and the pipelines' own warnings about the cases (not already in `seen`). */
  readonly diagnostics: readonly Diagnostic[];
}

function identifier(name: string, c: EnrichmentCase): Condition {
  const loc = c.detection.loc;
  return { kind: 'condition', text: name, root: { kind: 'identifier', name, loc }, loc };
}

function keyOf(d: Diagnostic): string {
  return `${d.code}\u0000${d.message}\u0000${d.file}\u0000${d.line}\u0000${d.column}`;
}

/**
 * Runs `pipelines` over each enrichment of `original` the way the rule itself went through them, and puts the
 * results on `applied` (the rule after pipelines, which backends render).
 *
 * Each enrichment is run as a rule of its own: the original rule (same logsource, metadata and pipeline
 * conditions) whose search identifiers are the enrichment's cases and whose conditions are one identifier per case.
 * Only the cases' own (rewritten) search identifiers are lowered: what a pipeline adds to the conditions (a
 * logsource scope such as `EventID = 1`) already scopes the rule's query, and repeating it in every case would
 * only blur the label's logic. An enrichment whose run has an error (a field the target has no column for), or
 * whose case a pipeline removed, is left out with an `enrichment/dropped` warning: the rule's query is unaffected.
 */
export function applyPipelinesToEnrichments(
  original: SigmaRule,
  applied: SigmaRule,
  pipelines: readonly Pipeline[],
  ctx: PipelineContext,
  seen: readonly Diagnostic[] = [],
): MappedEnrichments {
  const enrichments = original.enrichments;
  if (enrichments === undefined || enrichments.length === 0 || pipelines.length === 0) {
    return { rule: applied.enrichments === enrichments ? applied : ruleWith(applied, { enrichments }), diagnostics: [] };
  }
  const known = new Set(seen.map(keyOf));
  const diagnostics: Diagnostic[] = [];
  const rule = original.id ?? original.name ?? original.title;
  const dropped = (e: Enrichment, why: string): void => {
    diagnostics.push(
      diagnostic('enrichment/dropped', `enrichment '${e.name}' is left out of this query: ${why}`, e.loc, { severity: 'warning', rule }),
    );
  };
  const mapped: Enrichment[] = [];
  for (const e of enrichments) {
    const names = e.cases.map((c) => c.detection.name);
    const single = ruleWith(original, {
      detections: e.cases.map((c) => c.detection),
      conditions: e.cases.map((c, i) => identifier(names[i]!, c)),
      fields: [],
      enrichments: undefined,
    });
    const r = applyPipelines(single, pipelines, ctx);
    const error = r.diagnostics.find((d) => d.severity === 'error');
    if (error) {
      dropped(e, error.message);
      continue;
    }
    for (const d of r.diagnostics) {
      const k = keyOf(d);
      if (known.has(k)) continue;
      known.add(k);
      diagnostics.push(d);
    }
    const byName = new Map(r.document.detections.map((d) => [d.name, d]));
    const cases: EnrichmentCase[] = [];
    for (let i = 0; i < e.cases.length; i++) {
      const c = e.cases[i]!;
      const d = byName.get(names[i]!);
      if (!d) break;
      cases.push(d === c.detection ? c : { ...c, detection: d, expr: lowerDetection(d) });
    }
    if (cases.length < e.cases.length) {
      dropped(e, `a pipeline removed the test of case ${cases.length + 1} ('${e.cases[cases.length]!.value}')`);
      continue;
    }
    mapped.push(cases.every((c, i) => c === e.cases[i]) ? e : { ...e, cases });
  }
  return { rule: ruleWith(applied, { enrichments: mapped }), diagnostics };
}
