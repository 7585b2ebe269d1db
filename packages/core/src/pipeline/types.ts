// Processing pipelines in pySigma's YAML format, as typed data. Parsed by parse.ts, run by apply.ts.
import type { Diagnostic } from '../diagnostics.js';
import type { LinearRegex } from './linear-regex.js';
import type { SourceLocation } from '../location.js';

/** A boolean combination of the conditions of one level (`*_cond_op`, `*_cond_not`, `*_cond_expr`). */
export type CondExpr =
  | { readonly kind: 'true' }
  | { readonly kind: 'cond'; readonly index: number }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly CondExpr[] }
  | { readonly kind: 'not'; readonly operand: CondExpr };

export interface ConditionSet<C> {
  readonly conditions: readonly C[];
  readonly expr: CondExpr;
}

export type CompareOp = 'eq' | 'ne' | 'gte' | 'gt' | 'lte' | 'lt';

interface CondBase {
  readonly loc: SourceLocation;
}

export type StateCondition = CondBase & {
  readonly type: 'processing_state';
  readonly key: string;
  readonly val: string | number | boolean | null;
  readonly op: CompareOp;
};
export type AppliedCondition = CondBase & { readonly type: 'processing_item_applied'; readonly processingItemId: string };

export type RuleCondition =
  | (CondBase & { readonly type: 'logsource'; readonly category?: string; readonly product?: string; readonly service?: string })
  | (CondBase & { readonly type: 'contains_detection_item'; readonly field: string | null; readonly value: string | number | boolean | null })
  | (CondBase & { readonly type: 'contains_field'; readonly field: string })
  | AppliedCondition
  | StateCondition
  | (CondBase & { readonly type: 'is_sigma_rule' })
  | (CondBase & { readonly type: 'is_sigma_correlation_rule' })
  | (CondBase & {
      readonly type: 'rule_attribute';
      readonly attribute: string;
      readonly value: string | number | boolean | readonly (string | number)[];
      readonly op: CompareOp | 'in' | 'not_in';
    })
  | (CondBase & { readonly type: 'tag'; readonly tag: string });

export type DetectionItemCondition =
  | (CondBase & { readonly type: 'match_string'; readonly pattern: LinearRegex; readonly cond: 'any' | 'all'; readonly negate: boolean })
  | (CondBase & { readonly type: 'match_value'; readonly value: string | number | boolean | null; readonly cond: 'any' | 'all' })
  | (CondBase & { readonly type: 'contains_wildcard'; readonly cond: 'any' | 'all' })
  | (CondBase & { readonly type: 'is_null'; readonly cond: 'any' | 'all' })
  | AppliedCondition
  | StateCondition;

export type FieldNameCondition =
  | (CondBase & {
      readonly type: 'include_fields' | 'exclude_fields';
      readonly fields: readonly string[];
      readonly mode: 'plain' | 're';
      /** Compiled, anchored patterns when mode is 're'. */
      readonly patterns: readonly LinearRegex[];
    })
  | AppliedCondition
  | StateCondition;

/** Which placeholders a placeholder transformation handles (include and exclude are exclusive). */
export interface PlaceholderFilter {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export type Transformation =
  | {
      readonly type: 'field_name_mapping';
      readonly mapping: Readonly<Record<string, readonly string[]>>;
      /** Targets for keyword items (the `~` key). */
      readonly keyword?: readonly string[];
    }
  | { readonly type: 'field_name_prefix_mapping'; readonly mapping: Readonly<Record<string, readonly string[]>> }
  | { readonly type: 'field_name_prefix'; readonly prefix: string }
  | { readonly type: 'field_name_suffix'; readonly suffix: string }
  | { readonly type: 'add_field' | 'remove_field' | 'set_field'; readonly fields: readonly string[] }
  | { readonly type: 'drop_detection_item' }
  | {
      readonly type: 'add_condition';
      /** Field (optionally `field|modifiers`) → value(s); values are Sigma strings, numbers, booleans or null. */
      readonly conditions: readonly { readonly key: string; readonly values: readonly (string | number | boolean | null)[] }[];
      readonly name: string;
      readonly template: boolean;
      readonly negated: boolean;
    }
  | { readonly type: 'change_logsource'; readonly category?: string; readonly product?: string; readonly service?: string }
  | {
      readonly type: 'replace_string';
      readonly regex: LinearRegex;
      /** JS replacement string (converted from Python `re.sub` syntax). */
      readonly replacement: string;
      readonly skipSpecial: boolean;
      readonly interpretSpecial: boolean;
    }
  | { readonly type: 'map_string'; readonly mapping: Readonly<Record<string, readonly string[]>> }
  | { readonly type: 'set_value'; readonly value: string | number | boolean | null; readonly forceType?: 'str' | 'num' }
  | { readonly type: 'convert_type'; readonly targetType: 'str' | 'num' }
  | { readonly type: 'case'; readonly method: 'lower' | 'upper' | 'snake_case' }
  | { readonly type: 'regex'; readonly method: 'plain' | 'ignore_case_flag' | 'ignore_case_brackets' }
  | {
      readonly type: 'hashes_fields';
      readonly validHashAlgos: readonly string[];
      readonly fieldPrefix: string;
      readonly dropAlgoPrefix: boolean;
      readonly fieldToParse: readonly string[];
    }
  | {
      readonly type: 'extract_fields';
      /** Anchored (`^(?:…)$`, whole value) with match indices; run over the value's plain text. */
      readonly regex: LinearRegex;
      /** Named groups of the regex, in written order: each becomes field `fieldPrefix + name`. */
      readonly groups: readonly string[];
      readonly fieldPrefix: string;
      readonly preserveUnmatched: boolean;
    }
  | ({ readonly type: 'value_placeholders' } & PlaceholderFilter)
  | ({ readonly type: 'wildcard_placeholders' } & PlaceholderFilter)
  | ({
      readonly type: 'query_expression_placeholders';
      readonly expression: string;
      readonly mapping: Readonly<Record<string, string>>;
    } & PlaceholderFilter)
  | { readonly type: 'set_state'; readonly key: string; readonly val: unknown }
  | { readonly type: 'set_custom_attribute'; readonly attribute: string; readonly value: unknown }
  | { readonly type: 'rule_failure'; readonly message: string }
  | { readonly type: 'detection_item_failure'; readonly message: string }
  | {
      readonly type: 'strict_field_mapping_failure';
      /** Message template: `{field}`, `{rule}`, `{state[key]}`. */
      readonly message?: string;
    }
  | { readonly type: 'nest'; readonly items: readonly ProcessingItem[] };

export type TransformationType = Transformation['type'];

export interface ProcessingItem {
  /** The written `id`, else `<pipeline name>#<index path>` (deterministic). */
  readonly id: string;
  readonly transformation: Transformation;
  readonly ruleConditions: ConditionSet<RuleCondition>;
  readonly detectionItemConditions: ConditionSet<DetectionItemCondition>;
  readonly fieldNameConditions: ConditionSet<FieldNameCondition>;
  /** Where the item is written (errors about created IR point here). */
  readonly loc: SourceLocation;
}

export type PostprocessingTransformation =
  | { readonly type: 'embed'; readonly prefix: string; readonly suffix: string }
  | { readonly type: 'simple_template'; readonly template: string }
  | { readonly type: 'replace'; readonly pattern: LinearRegex; readonly replacement: string }
  | { readonly type: 'json'; readonly jsonTemplate: unknown }
  | { readonly type: 'nest'; readonly items: readonly PostprocessingItem[] };

export interface PostprocessingItem {
  readonly id: string;
  readonly transformation: PostprocessingTransformation;
  readonly ruleConditions: ConditionSet<RuleCondition>;
  readonly loc: SourceLocation;
}

export type Finalizer =
  | { readonly type: 'concat'; readonly separator: string; readonly prefix: string; readonly suffix: string; readonly loc: SourceLocation }
  | { readonly type: 'json'; readonly indent?: number; readonly loc: SourceLocation }
  | { readonly type: 'yaml'; readonly indent?: number; readonly loc: SourceLocation }
  | { readonly type: 'nested'; readonly finalizers: readonly Finalizer[]; readonly loc: SourceLocation };

export interface Pipeline {
  readonly name: string;
  readonly priority: number;
  readonly allowedBackends: readonly string[];
  readonly vars: Readonly<Record<string, unknown>>;
  readonly items: readonly ProcessingItem[];
  readonly postprocessing: readonly PostprocessingItem[];
  readonly finalizers: readonly Finalizer[];
  readonly loc: SourceLocation;
}

export interface PipelineContext {
  readonly backend: string;
  readonly format?: string;
  readonly options?: Readonly<Record<string, string | number | boolean>>;
}

export interface PipelineResult<T> {
  readonly document: T;
  readonly state: Readonly<Record<string, unknown>>;
  readonly diagnostics: Diagnostic[];
  /**
   * Ids of the processing items whose rule conditions held, in order, no duplicates (pySigma semantics: what
   * `processing_item_applied` rule conditions test). Per-detection-item tracking only counts real changes.
   */
  readonly applied: readonly string[];
}
