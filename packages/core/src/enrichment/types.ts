import type { Detection } from '../ir/detection.js';
import type { Expr } from '../ir/expr.js';
import type { SourceLocation } from '../location.js';

/**
 * A triage enrichment: a named value computed for every hit of a rule from ordered cases, written under the
 * custom top-level attribute `enrichments` (see the package README, "Enrichments").
 */
export interface Enrichment {
  readonly kind: 'enrichment';
  /** A safe identifier (`^[A-Za-z_][A-Za-z0-9_]*$`): every target uses it as a column/field name. */
  readonly name: string;
  /** Ordered: the first case whose test holds gives the value. Never empty. */
  readonly cases: readonly EnrichmentCase[];
  /** The value when no case holds. */
  readonly default: string;
  /** Where the enrichment's name is written. */
  readonly loc: SourceLocation;
}

export interface EnrichmentCase {
  readonly kind: 'enrichment-case';
  readonly value: string;
  /**
   * The case's `detection`, parsed by the detection parser as one search identifier (named
   * `enrichments.<name>[<index>]`): pipelines rewrite it like any detection.
   */
  readonly detection: Detection;
  /** The detection lowered like a rule condition (after pipelines, when the rule went through them). */
  readonly expr: Expr;
  /** The detection as written, on one line (flow YAML; the maps of a list joined with `or`), for pages. */
  readonly text: string;
  /** Where the case (the list item) is written. */
  readonly loc: SourceLocation;
}

/** An enrichment as a backend renders it: each case's condition in the target language's expression syntax. */
export interface RenderedEnrichment {
  readonly name: string;
  readonly cases: readonly { readonly value: string; readonly condition: string }[];
  readonly default: string;
  /**
   * Whether the backend's query computes it. False where the output format has no computed fields (Cloud SIEM
   * match rules): the conditions are then what an analyst would evaluate by hand, and a warning says so.
   */
  readonly computed: boolean;
}

/** Names are compared without case: Sumo field names ignore case, so `Foo` and `foo` would be one field there. */
export const ENRICHMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The search identifier name a case's detection gets (also the `origin` of its expression's tests). */
export function caseDetectionName(enrichment: string, index: number): string {
  return `enrichments.${enrichment}[${index}]`;
}

/** The value an enrichment takes, given which of its cases hold (first true case wins, else the default). */
export function enrichmentValue(e: Enrichment, holds: (c: EnrichmentCase, index: number) => boolean): string {
  for (let i = 0; i < e.cases.length; i++) {
    const c = e.cases[i]!;
    if (holds(c, i)) return c.value;
  }
  return e.default;
}
