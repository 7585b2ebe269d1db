import { createRequire } from 'node:module';
import type { QueryProblem } from '@sigmats/core';
import { ALL_TABLES } from './tables/index.js';
import type { TableSchema } from './tables/types.js';

// The Kusto language service is Kusto.Language transpiled by Bridge.NET: requiring it defines the globals
// `Bridge`, `System` and `Kusto`. Its .d.ts is ambient and heavy, so only the few members we use are typed here.
interface BridgeList<T> {
  readonly Count?: number;
  getItem?(i: number): T;
  readonly length?: number;
  readonly [i: number]: T;
}
interface KustoDiagnostic {
  readonly Code: string;
  readonly Severity: string;
  readonly Message: string;
  readonly Start: number;
  readonly Length: number;
}
interface SyntaxNode {
  readonly Kind: number;
  readonly LiteralValue: unknown;
}
interface KustoCode {
  GetDiagnostics(): BridgeList<KustoDiagnostic>;
  readonly Syntax: { WalkNodes(action: (n: SyntaxNode) => void): void };
}
interface KustoNamespace {
  readonly Language: {
    readonly Symbols: {
      readonly TableSymbol: { $ctor7: new (name: string, schema: string, description: null) => unknown };
      readonly DatabaseSymbol: { ctor: new (name: string, tables: unknown[]) => unknown };
    };
    readonly GlobalState: { readonly Default: { WithDatabase(db: unknown): unknown } };
    readonly KustoCode: { ParseAndAnalyze(text: string, globals: unknown): KustoCode };
    readonly Syntax: { readonly SyntaxKind: { readonly StringLiteralExpression: number } };
  };
}

interface Loaded {
  readonly kusto: KustoNamespace;
  readonly globals: unknown;
}

let loaded: Loaded | undefined;

/** `(A:string, B:long)`: the schema text TableSymbol accepts. */
function schemaText(t: TableSchema): string {
  return `(${Object.entries(t.columns)
    .map(([c, ty]) => `['${c}']:${ty}`)
    .join(', ')})`;
}

/** Load the language service once (about 0.3 s, plus about 1 s warm-up on the first analysis). */
function load(): Loaded {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const kusto = (globalThis as unknown as { Kusto: KustoNamespace }).Kusto;
  const S = kusto.Language.Symbols;
  const tables = ALL_TABLES.map((t) => new S.TableSymbol.$ctor7(t.name, schemaText(t), null));
  const db = new S.DatabaseSymbol.ctor('sigmats', tables);
  loaded = { kusto, globals: kusto.Language.GlobalState.Default.WithDatabase(db) };
  return loaded;
}

function items<T>(list: BridgeList<T>): T[] {
  if (Array.isArray(list)) return list as T[];
  const n = list.Count ?? 0;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(list.getItem!(i));
  return out;
}

function analyse(query: string): KustoCode {
  const { kusto, globals } = load();
  return kusto.Language.KustoCode.ParseAndAnalyze(query, globals);
}

/** Syntax and semantic diagnostics of `query` against our table schemas (empty = valid). */
export function validateKql(query: string): QueryProblem[] {
  return items(analyse(query).GetDiagnostics()).map((d) => ({
    message: `${d.Severity.toLowerCase()}: ${d.Message}`,
    offset: d.Start,
    code: d.Code,
  }));
}

/** The decoded values of every string literal in `query`, in order (what Kusto will compare against). */
export function kqlStringLiterals(query: string): string[] {
  const { kusto } = load();
  const kind = kusto.Language.Syntax.SyntaxKind.StringLiteralExpression;
  const out: string[] = [];
  analyse(query).Syntax.WalkNodes((n) => {
    if (n.Kind === kind) out.push(String(n.LiteralValue));
  });
  return out;
}
