import type { Diagnostic } from './diagnostics.js';
import type { CorrelationRule, FilterRule, SigmaRule } from './ir/rule.js';

/**
 * Rules, correlations and filters loaded together, references resolved and filters applied.
 * Documents that failed to parse are absent; their diagnostics are here.
 */
export interface SigmaCollection {
  readonly rules: readonly SigmaRule[];
  readonly correlations: readonly CorrelationRule[];
  readonly filters: readonly FilterRule[];
  /** id and name → the rule or correlation they name. */
  readonly byRef: ReadonlyMap<string, SigmaRule | CorrelationRule>;
  readonly diagnostics: readonly Diagnostic[];
}
