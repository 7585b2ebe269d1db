import type { SourceLocation } from '../location.js';
import type { DetectionValue } from './values.js';

export type ModifierName =
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 'all'
  | 'base64'
  | 'base64offset'
  | 'utf16le'
  | 'utf16be'
  | 'utf16'
  | 'wide'
  | 'windash'
  | 're'
  | 'i'
  | 'ignorecase'
  | 'm'
  | 'multiline'
  | 's'
  | 'dotall'
  | 'cidr'
  | 'exists'
  | 'expand'
  | 'fieldref'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'cased'
  | 'neq'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'year';

/**
 * One `field|mods: values` entry (or a keyword list when `field` is null).
 * `values` are already transformed by the modifiers; `modifiers` records what was written.
 */
export interface DetectionItem {
  readonly kind: 'item';
  /** null: a keyword search over the whole event. */
  readonly field: string | null;
  readonly modifiers: readonly ModifierName[];
  readonly values: readonly DetectionValue[];
  /** How the values combine: OR by default, AND under `|all`. */
  readonly link: 'or' | 'and';
  /** `|neq`: the whole item is negated. */
  readonly negated: boolean;
  readonly loc: SourceLocation;
}

/** A map is an AND of its entries; a list of maps is an OR of the maps. */
export interface DetectionGroup {
  readonly kind: 'group';
  readonly link: 'and' | 'or';
  readonly items: readonly DetectionElement[];
  readonly loc: SourceLocation;
}

export type DetectionElement = DetectionItem | DetectionGroup;

/** A search identifier of the `detection` section. */
export interface Detection {
  readonly kind: 'detection';
  readonly name: string;
  readonly body: DetectionGroup;
  readonly loc: SourceLocation;
}
