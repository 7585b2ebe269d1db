import type { SourceLocation } from '../location.js';

/** Parsed `condition` string. Locations point into the YAML source of the condition text. */
export type ConditionNode =
  | { readonly kind: 'and'; readonly operands: readonly ConditionNode[]; readonly loc: SourceLocation }
  | { readonly kind: 'or'; readonly operands: readonly ConditionNode[]; readonly loc: SourceLocation }
  | { readonly kind: 'not'; readonly operand: ConditionNode; readonly loc: SourceLocation }
  | { readonly kind: 'identifier'; readonly name: string; readonly loc: SourceLocation }
  | {
      readonly kind: 'selector';
      /** `1 of` / `any of` → any; `all of` → all. */
      readonly quantifier: 'any' | 'all';
      /** The written pattern: `them` or a name with `*` wildcards. */
      readonly pattern: string;
      /** The detection names it resolved to, in detection order (never empty once parsed). */
      readonly matches: readonly string[];
      readonly loc: SourceLocation;
    };

export interface Condition {
  readonly kind: 'condition';
  readonly text: string;
  readonly root: ConditionNode;
  readonly loc: SourceLocation;
}
