import type { SourceLocation } from '../location.js';

/** One piece of a Sigma string: text, a wildcard, or a `%placeholder%` (only under `|expand`). */
export type ValuePart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'wildcard-multi' } // `*`
  | { readonly kind: 'wildcard-single' } // `?`
  | { readonly kind: 'placeholder'; readonly name: string };

/** A string value: parts, never a raw string with magic characters. Case-insensitive unless `cased`. */
export interface StringValue {
  readonly kind: 'string';
  readonly parts: readonly ValuePart[];
  readonly cased: boolean;
  readonly loc: SourceLocation;
}

export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
  readonly loc: SourceLocation;
}

export interface BooleanValue {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly loc: SourceLocation;
}

/** `field: null` — the field is missing or null. */
export interface NullValue {
  readonly kind: 'null';
  readonly loc: SourceLocation;
}

export interface RegexFlags {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
}

/**
 * `|re` value: the raw pattern text (PCRE-flavoured subset, unanchored: a match anywhere counts).
 * With `|expand`, `placeholders` lists the `%name%` tokens still inside `pattern`.
 */
export interface RegexValue {
  readonly kind: 'regex';
  readonly pattern: string;
  readonly flags: RegexFlags;
  readonly placeholders: readonly string[];
  readonly loc: SourceLocation;
}

/** `|cidr` value; `network` is the canonical network address text (host bits zero). */
export interface CidrValue {
  readonly kind: 'cidr';
  readonly version: 4 | 6;
  readonly network: string;
  readonly prefixLength: number;
  readonly loc: SourceLocation;
}

export type CompareOperator = 'lt' | 'lte' | 'gt' | 'gte';

/** `|lt|lte|gt|gte` value: numeric comparison of the field against `value`. */
export interface CompareValue {
  readonly kind: 'compare';
  readonly op: CompareOperator;
  readonly value: number;
  readonly loc: SourceLocation;
}

/** `|exists: true|false` — presence of the key, whatever its value. */
export interface ExistsValue {
  readonly kind: 'exists';
  readonly exists: boolean;
  readonly loc: SourceLocation;
}

export type FieldRefMatch = 'equals' | 'startswith' | 'endswith' | 'contains';

/** `|fieldref`: compare this field with another field of the same event. */
export interface FieldRefValue {
  readonly kind: 'fieldref';
  readonly field: string;
  readonly match: FieldRefMatch;
  readonly cased: boolean;
  readonly loc: SourceLocation;
}

export type TimestampPart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** `|hour: 5`, `|hour|gt: 5`: compare one part of a timestamp field (UTC). */
export interface TimestampPartValue {
  readonly kind: 'timestamp-part';
  readonly part: TimestampPart;
  readonly op: 'eq' | CompareOperator;
  readonly value: number;
  readonly loc: SourceLocation;
}

/** A raw query fragment put in by a `query_expression_placeholders` pipeline item. */
export interface QueryExpressionValue {
  readonly kind: 'query-expression';
  /** Template with `{field}` and `{id}`. */
  readonly expression: string;
  readonly id: string;
  readonly loc: SourceLocation;
}

/** A value that a single field/keyword test can take. */
export type ScalarValue =
  | StringValue
  | NumberValue
  | BooleanValue
  | NullValue
  | RegexValue
  | CidrValue
  | CompareValue
  | ExistsValue
  | FieldRefValue
  | TimestampPartValue
  | QueryExpressionValue;

/**
 * Several variants of one written value (windash, base64offset): always OR-ed, even under `|all`.
 * Only found in detection items; lowering turns it into an OR.
 */
export interface ExpansionValue {
  readonly kind: 'expansion';
  readonly source: 'windash' | 'base64offset' | 'placeholder' | 'cidr';
  readonly values: readonly ScalarValue[];
  readonly loc: SourceLocation;
}

export type DetectionValue = ScalarValue | ExpansionValue;
