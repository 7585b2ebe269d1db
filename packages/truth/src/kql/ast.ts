import type { KqlType } from '../types.js';

/** Scalar expressions. Every node keeps the offset of its first token, for located errors. */
export type Expr =
  | { readonly kind: 'literal'; readonly type: KqlType; readonly value: unknown; readonly offset: number }
  /** A column, a `let` scalar, or `$left.X` / `$right.X` in a join condition. */
  | { readonly kind: 'name'; readonly name: string; readonly offset: number }
  | { readonly kind: 'member'; readonly target: Expr; readonly name: string; readonly offset: number }
  | { readonly kind: 'index'; readonly target: Expr; readonly index: Expr; readonly offset: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly offset: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly offset: number }
  /** `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all`: a left operand and a list (dynamic arrays in it are flattened). */
  | { readonly kind: 'list'; readonly op: string; readonly left: Expr; readonly items: readonly Expr[]; readonly offset: number }
  | { readonly kind: 'between'; readonly negated: boolean; readonly left: Expr; readonly low: Expr; readonly high: Expr; readonly offset: number }
  | { readonly kind: 'negate'; readonly operand: Expr; readonly offset: number }
  /** `*` as an argument (`count(*)` is not emitted; kept for `distinct *` and `project-away` globs). */
  | { readonly kind: 'star'; readonly offset: number };

/** `Name = Expr` or a bare expression (the output column is then named from the expression). */
export interface Assignment {
  readonly name?: string;
  readonly expr: Expr;
  readonly offset: number;
}

export interface SortKey {
  readonly expr: Expr;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

export interface ExpandItem {
  readonly name?: string;
  readonly expr: Expr;
  readonly toType?: KqlType;
  readonly offset: number;
}

export type TabularOp =
  | { readonly kind: 'where'; readonly predicate: Expr; readonly offset: number }
  | { readonly kind: 'project'; readonly items: readonly Assignment[]; readonly offset: number }
  | { readonly kind: 'project-away'; readonly names: readonly string[]; readonly offset: number }
  | { readonly kind: 'project-keep'; readonly names: readonly string[]; readonly offset: number }
  | { readonly kind: 'project-rename'; readonly renames: readonly { readonly to: string; readonly from: string; readonly offset: number }[]; readonly offset: number }
  | { readonly kind: 'extend'; readonly items: readonly Assignment[]; readonly offset: number }
  | { readonly kind: 'summarize'; readonly aggregates: readonly Assignment[]; readonly by: readonly Assignment[]; readonly offset: number }
  | {
      readonly kind: 'mv-apply' | 'mv-expand';
      readonly items: readonly ExpandItem[];
      readonly itemIndex?: string;
      readonly bagExpansion: 'bag' | 'array';
      readonly limit?: number;
      readonly subquery?: Tabular;
      readonly offset: number;
    }
  | {
      readonly kind: 'join';
      readonly joinKind: string;
      readonly right: Tabular;
      readonly on: readonly { readonly left: string; readonly right: string }[];
      readonly offset: number;
    }
  | { readonly kind: 'sort'; readonly keys: readonly SortKey[]; readonly offset: number }
  | { readonly kind: 'take'; readonly count: Expr; readonly offset: number }
  | { readonly kind: 'top'; readonly count: Expr; readonly key: SortKey; readonly offset: number }
  | { readonly kind: 'distinct'; readonly items: readonly Assignment[] | 'all'; readonly offset: number }
  | { readonly kind: 'count'; readonly offset: number }
  | { readonly kind: 'union'; readonly parts: readonly Tabular[]; readonly offset: number };

export type TabularSource =
  /** A table, a `let` tabular name, or (decided when tables are known) a let-bound scalar used wrongly. */
  | { readonly kind: 'table'; readonly name: string; readonly offset: number }
  | { readonly kind: 'union'; readonly parts: readonly Tabular[]; readonly offset: number }
  | { readonly kind: 'print'; readonly items: readonly Assignment[]; readonly offset: number }
  | { readonly kind: 'datatable'; readonly columns: readonly (readonly [string, KqlType])[]; readonly values: readonly Expr[]; readonly offset: number }
  | { readonly kind: 'nested'; readonly query: Tabular; readonly offset: number };

export interface Tabular {
  readonly source: TabularSource;
  readonly ops: readonly TabularOp[];
  readonly offset: number;
}

export type Statement =
  | { readonly kind: 'let-scalar'; readonly name: string; readonly value: Expr; readonly offset: number }
  | { readonly kind: 'let-tabular'; readonly name: string; readonly value: Tabular; readonly offset: number }
  /** `let x = Name;` where Name may be a table or a scalar: decided when the tables are known. */
  | { readonly kind: 'let-name'; readonly name: string; readonly target: string; readonly offset: number }
  | { readonly kind: 'query'; readonly query: Tabular; readonly offset: number };

export interface Program {
  readonly statements: readonly Statement[];
}
