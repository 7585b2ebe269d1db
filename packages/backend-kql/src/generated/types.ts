// Row types of the generated Microsoft knowledge (src/generated/*.ts, written by scripts/generate.mjs).
import type { KustoType } from '../tables/types.js';

/** One documented column. `source`: vendor file:line. `assumption`: the type is not on the cited page. */
export interface GeneratedColumn {
  readonly name: string;
  readonly type: KustoType;
  readonly source: string;
  readonly assumption?: boolean;
}

export interface GeneratedTable {
  readonly table: string;
  readonly family: 'defender' | 'azure-monitor' | 'asim';
  readonly source: string;
  readonly columns: readonly GeneratedColumn[];
}

export interface AsimParser {
  readonly parser: string;
  readonly product: string;
  readonly schema: string;
  readonly source: string;
}

/** `field = expr` in a parser; `table`: the source table of the pipeline it is in ('' before any). */
export interface AsimAssignment {
  readonly parser: string;
  readonly table: string;
  readonly field: string;
  readonly expr: string;
  readonly via: 'project-rename' | 'extend' | 'project';
  readonly source: string;
}

export interface AsimLookup {
  readonly parser: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly values: readonly (string | number | boolean)[]; readonly source: string }[];
  readonly source: string;
}

export interface Conversion {
  readonly kind: 'registry-event-type' | 'registry-hive' | 'registry-value-type' | 'network-direction' | 'integrity-label';
  readonly from: string;
  readonly to: string;
  readonly source: string;
  readonly note?: string;
}

/**
 * A Conversion as CONVERSION_FACTS (src/generated/knowledge.ts) writes it for conversion, without its citation's folders,
 * line and note: [kind, from, to, the cited file's name].
 */
export type ConversionFact = readonly [kind: Conversion['kind'], from: string, to: string, file: string];

export interface PivotRow {
  readonly schema: string;
  readonly asimField: string;
  readonly sysmonField: string;
  readonly table: string;
  readonly column: string;
  readonly conversion?: string;
  readonly sysmonSource: string;
  readonly defenderSource: string;
}

export interface ActionTypeRow {
  readonly table: string;
  readonly actionType: string;
  readonly source: string;
  /** The parser line that makes the ASIM value Defender's (EventType = ActionType). */
  readonly via?: string;
}

export interface Assumption {
  readonly id: string;
  readonly pipelines: readonly string[];
  readonly text: string;
  readonly reason: string;
  readonly settle: string;
  readonly assumption: true;
}

export interface SysmonAsimRow {
  readonly view: string;
  readonly sysmonField: string;
  readonly column: string;
  readonly conversion?: string;
  readonly source: string;
}

/**
 * SYSMON_TO_ASIM as SYSMON_ASIM_COLUMNS (src/generated/knowledge.ts) writes it for conversion, without citations: per
 * view, Sysmon field → column (the field's first row), in row order.
 */
export type SysmonAsimColumns = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * A table as src/generated/table-columns.ts writes it (a projection of GeneratedTable): [table, family, its columns
 * in documented order, comma-separated, each `name` for a string column or `name:type`]. src/tables/generated.ts
 * reads it as TableColumns.
 */
export type TableColumnsRow = readonly [table: string, family: GeneratedTable['family'], columns: string];

/** A table's columns as conversion reads them (TableColumnsRow decoded). */
export interface TableColumns {
  readonly table: string;
  readonly family: GeneratedTable['family'];
  /** Column name → type, in documented order. */
  readonly columns: Readonly<Record<string, KustoType>>;
}
