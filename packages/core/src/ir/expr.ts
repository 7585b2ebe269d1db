import type { SourceLocation } from '../location.js';
import type { NumberValue, RegexValue, ScalarValue, StringValue } from './values.js';

/**
 * The lowered boolean form of a rule condition: what backends and the evaluator consume.
 * Search identifiers, selectors, value lists and expansions are gone; only AND/OR/NOT over tests remain.
 * `origin` names the search identifier a test came from (for "why did it match").
 */
export type Expr = AndExpr | OrExpr | NotExpr | MatchExpr | KeywordExpr | ConstExpr;

export interface AndExpr {
  readonly kind: 'and';
  readonly operands: readonly Expr[];
  readonly loc: SourceLocation;
}

export interface OrExpr {
  readonly kind: 'or';
  readonly operands: readonly Expr[];
  readonly loc: SourceLocation;
}

export interface NotExpr {
  readonly kind: 'not';
  readonly operand: Expr;
  readonly loc: SourceLocation;
}

/** `field <test> value`: the value's kind says which test. */
export interface MatchExpr {
  readonly kind: 'match';
  readonly field: string;
  readonly value: ScalarValue;
  readonly origin: string;
  readonly loc: SourceLocation;
}

/** A keyword (unbound) search over the whole event. */
export interface KeywordExpr {
  readonly kind: 'keyword';
  readonly value: StringValue | NumberValue | RegexValue;
  readonly origin: string;
  readonly loc: SourceLocation;
}

/** Only produced by simplification (e.g. an empty AND); backends may reject it. */
export interface ConstExpr {
  readonly kind: 'const';
  readonly value: boolean;
  readonly loc: SourceLocation;
}
