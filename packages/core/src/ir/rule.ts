import type { SourceLocation } from '../location.js';
import type { Condition, ConditionNode } from './condition.js';
import type { Detection } from './detection.js';
import type { Enrichment } from '../enrichment/types.js';

export type RuleStatus = 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported';
export type RuleLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type RelationType = 'derived' | 'obsolete' | 'merged' | 'renamed' | 'similar';

export interface Logsource {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
  readonly definition?: string;
  /** Any other keys, kept as written. */
  readonly custom: Readonly<Record<string, string>>;
  readonly loc: SourceLocation;
}

export interface RelatedRule {
  readonly id: string;
  readonly type: RelationType;
  readonly loc: SourceLocation;
}

/** `attack.t1219` → namespace `attack`, name `t1219`. */
export interface Tag {
  readonly namespace: string;
  readonly name: string;
  readonly loc: SourceLocation;
}

/** Metadata shared by every document kind. Absent optional fields are undefined, lists are empty. */
export interface DocumentMeta {
  readonly title: string;
  readonly id?: string;
  readonly name?: string;
  readonly taxonomy: string;
  readonly status?: RuleStatus;
  readonly description?: string;
  readonly license?: string;
  readonly author?: string;
  readonly references: readonly string[];
  /** ISO `YYYY-MM-DD`. */
  readonly date?: string;
  readonly modified?: string;
  readonly related: readonly RelatedRule[];
  readonly falsepositives: readonly string[];
  readonly level?: RuleLevel;
  readonly tags: readonly Tag[];
  /** Top-level keys the spec does not define, kept as plain data. */
  readonly custom: Readonly<Record<string, unknown>>;
  /** Where the document starts. */
  readonly loc: SourceLocation;
  /** Where each top-level key is (key → location of its value). */
  readonly fieldLocs: Readonly<Record<string, SourceLocation>>;
}

export interface SigmaRule extends DocumentMeta {
  readonly kind: 'rule';
  readonly logsource: Logsource;
  /** Search identifiers in written order. */
  readonly detections: readonly Detection[];
  /** One or more conditions (a YAML list means several; evaluators OR them). */
  readonly conditions: readonly Condition[];
  readonly fields: readonly string[];
  readonly scope: readonly string[];
  /**
   * Triage enrichments from the custom `enrichments` attribute (also kept, as written, in `custom`); undefined
   * when the rule has none. After pipelines (in a backend), the mapped ones.
   */
  readonly enrichments?: readonly Enrichment[];
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile'
  | 'value_median';

export type CorrelationOperator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface Timespan {
  readonly text: string;
  readonly seconds: number;
  readonly loc: SourceLocation;
}

export type CorrelationCondition =
  | {
      readonly kind: 'threshold';
      /** AND-ed: `gt: 100` + `lte: 200` is a range. */
      readonly predicates: readonly { readonly op: CorrelationOperator; readonly value: number }[];
      /** The aggregated field(s) for value_* types. */
      readonly fields: readonly string[];
      readonly percentile?: number;
      readonly loc: SourceLocation;
    }
  | {
      /** Extended temporal condition: identifiers are rule names/ids. */
      readonly kind: 'extended';
      readonly text: string;
      readonly root: ConditionNode;
      readonly loc: SourceLocation;
    };

export interface RuleReference {
  /** As written: an id or a name. */
  readonly ref: string;
  readonly loc: SourceLocation;
}

/** Alias `name` resolves to `fields[ruleRef]` for each referenced rule. */
export interface CorrelationAlias {
  readonly name: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly loc: SourceLocation;
}

export interface CorrelationRule extends DocumentMeta {
  readonly kind: 'correlation';
  readonly type: CorrelationType;
  readonly rules: readonly RuleReference[];
  readonly groupBy: readonly string[];
  readonly timespan: Timespan;
  readonly condition: CorrelationCondition;
  readonly aliases: readonly CorrelationAlias[];
  readonly generate: boolean;
}

export interface FilterRule extends DocumentMeta {
  readonly kind: 'filter';
  readonly logsource: Logsource;
  /** 'any' applies to every rule whose logsource the filter's contains. */
  readonly rules: 'any' | readonly RuleReference[];
  readonly detections: readonly Detection[];
  readonly condition: Condition;
}

export type SigmaDocument = SigmaRule | CorrelationRule | FilterRule;

/** Display key for a document in diagnostics and outputs: id, else name, else title. */
export function documentKey(doc: DocumentMeta): string {
  return doc.id ?? doc.name ?? doc.title;
}
