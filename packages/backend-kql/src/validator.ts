import { createRequire } from 'node:module';
import type { QueryProblem } from '@sigmats/core';
import { ALL_TABLES } from './tables/index.js';
import { cloudTableSchemas } from './pipelines/cloud.js';
import { webSessionTable } from './tables/web.js';
import { syslogTableSchema } from './pipelines/syslog.js';
import type { TableSchema } from './tables/types.js';
import { schemaOf } from './tables/generated.js';
import { UNREAD_TABLE_COLUMNS } from './generated/subpath-table-columns.js';

/** The npm package of Microsoft's Kusto language service: an optional peer dependency of this subpath. */
export const KUSTO_PACKAGE = '@kusto/language-service-next';

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
  readonly TextStart: number;
  readonly ResultType?: { readonly Name: string };
  /** Binary expressions. */
  readonly Left?: SyntaxNode;
  readonly Right?: SyntaxNode & { readonly Expressions?: BridgeList<{ readonly Element: SyntaxNode }> };
  /** Path expressions (`a.b`). */
  readonly Expression?: SyntaxNode;
  /** Name references. */
  readonly SimpleName?: string;
  readonly ReferencedSymbol?: unknown;
  WalkNodes(action: (n: SyntaxNode) => void): void;
  ToString(): string;
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
      readonly ColumnSymbol: abstract new (...args: never[]) => unknown;
    };
    readonly GlobalState: { readonly Default: { WithDatabase(db: unknown): unknown } };
    readonly KustoCode: { ParseAndAnalyze(text: string, globals: unknown): KustoCode };
    readonly Syntax: { readonly SyntaxKind: Readonly<Record<string, number>> & { readonly StringLiteralExpression: number } };
  };
}

interface Loaded {
  readonly kusto: KustoNamespace;
  readonly globals: unknown;
  /** Syntax kinds of comparisons, and of those that are string operators (contains, startswith, …). */
  readonly comparisons: ReadonlySet<number>;
  readonly stringOps: ReadonlySet<number>;
  readonly path: number;
  readonly nameRef: number;
  readonly literals: ReadonlySet<number>;
}

let loaded: Loaded | undefined;

/** `(A:string, B:long)`: the schema text TableSymbol accepts. */
function schemaText(t: TableSchema): string {
  return `(${Object.entries(t.columns)
    .map(([c, ty]) => `['${c}']:${ty}`)
    .join(', ')})`;
}

/**
 * The documented tables (Defender XDR, ASIM) no pipeline reads: the validator knows them, and a pipeline of one's own
 * that targets one gives the backend its schema with these (pipeline state `query_table_schema`): their columns, without
 * relations of ours (no account split, no basename shortcut). The main entry's `ALL_TABLES` holds the tables its
 * pipelines read.
 */
export function unreadTableSchemas(): TableSchema[] {
  return UNREAD_TABLE_COLUMNS.map(([table]) => schemaOf(table, {}, UNREAD_TABLE_COLUMNS));
}

/** Load the language service once (about 0.3 s, plus about 1 s warm-up on the first analysis). */
function load(): Loaded {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  try {
    require(`${KUSTO_PACKAGE}/bridge.min.js`);
    require(`${KUSTO_PACKAGE}/Kusto.Language.Bridge.min.js`);
  } catch (e) {
    // An optional peer dependency: say what to install rather than a bare MODULE_NOT_FOUND.
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    throw new Error(`KQL validation needs ${KUSTO_PACKAGE} (an optional peer dependency of @sigmats/backend-kql): npm install ${KUSTO_PACKAGE}@12`);
  }
  const kusto = (globalThis as unknown as { Kusto: KustoNamespace }).Kusto;
  const S = kusto.Language.Symbols;
  // The tables subpath pipelines give the backend are known too: their queries are validated alike. None is in
  // ALL_TABLES: each subpath carries its tables' schemas (generated/subpath-table-columns.ts). So are the documented
  // tables no pipeline reads (unreadTableSchemas).
  const given = [webSessionTable(), ...cloudTableSchemas(), syslogTableSchema(), ...unreadTableSchemas()];
  const tables = [...ALL_TABLES, ...given].map((t) => new S.TableSymbol.$ctor7(t.name, schemaText(t), null));
  const db = new S.DatabaseSymbol.ctor('sigmats', tables);
  const kinds = Object.entries(kusto.Language.Syntax.SyntaxKind).filter(([, v]) => typeof v === 'number');
  const pick = (re: RegExp): Set<number> => new Set(kinds.filter(([k]) => re.test(k)).map(([, v]) => v));
  loaded = {
    kusto,
    globals: kusto.Language.GlobalState.Default.WithDatabase(db),
    comparisons: pick(COMPARISON_KINDS),
    stringOps: pick(STRING_OP_KINDS),
    path: kusto.Language.Syntax.SyntaxKind.PathExpression!,
    nameRef: kusto.Language.Syntax.SyntaxKind.NameReference!,
    literals: pick(/^(String|Long|Int|Real|Boolean)LiteralExpression$/),
  };
  return loaded;
}

function items<T>(list: BridgeList<T>): T[] {
  if (Array.isArray(list)) return list as T[];
  const n = list.Count ?? 0;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(list.getItem!(i));
  return out;
}

// validateKql and kqlComparisons are often asked about the same query in turn: the last analysis is kept.
let last: { query: string; code: KustoCode } | undefined;

function analyse(query: string): KustoCode {
  if (last?.query === query) return last.code;
  const { kusto, globals } = load();
  const code = kusto.Language.KustoCode.ParseAndAnalyze(query, globals);
  last = { query, code };
  return code;
}

/** Binary operators that compare two values: ==, !=, =~, !~, <, <=, >, >=, in, !in, in~, !in~ and the string operators. */
const COMPARISON_KINDS = /^(Equal|NotEqual|EqualTilde|BangTilde|LessThan|LessThanOrEqual|GreaterThan|GreaterThanOrEqual|(Not)?In(Cs)?)Expression$|^(Not)?(Has|HasCs|Contains|ContainsCs|StartsWith|StartsWithCs|EndsWith|EndsWithCs|HasPrefix|HasPrefixCs|HasSuffix|HasSuffixCs|MatchesRegex)Expression$/;
/** Operators whose left operand is text. */
const STRING_OP_KINDS = /^(Not)?(Has|HasCs|Contains|ContainsCs|StartsWith|StartsWithCs|EndsWith|EndsWithCs|HasPrefix|HasPrefixCs|HasSuffix|HasSuffixCs|MatchesRegex)Expression$/;

/** Type families whose values never compare equal across families without a conversion. */
function family(type: string | undefined): string | undefined {
  switch (type) {
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return 'number';
    case 'string':
    case 'bool':
    case 'datetime':
    case 'timespan':
    case 'guid':
    case 'dynamic':
      return type;
    default:
      return undefined; // error / unknown: the Kusto diagnostics report those
  }
}

/**
 * Our typed-comparison check, which the Kusto analyzer does not make: `int_column == "3"`, `string_column in (1, 2)`,
 * `dynamic == "x"`, `long_column contains "5"` and member access on a non-dynamic value all parse and analyse,
 * and silently never match (or match by accident) on real data.
 */
function typedFindings(code: KustoCode, l: Loaded): QueryProblem[] {
  const out: QueryProblem[] = [];
  const finding = (n: SyntaxNode, message: string): void => {
    out.push({ message: `typed-comparison: ${message} in ${n.ToString().slice(0, 120)}`, offset: n.TextStart, code: 'SIGMATS-TYPED' });
  };
  code.Syntax.WalkNodes((n) => {
    if (n.Kind === l.path) {
      const t = n.Expression?.ResultType?.Name;
      if (t !== undefined && t !== 'dynamic' && family(t) !== undefined) finding(n, `member access on a ${t} value (only dynamic values have members)`);
      return;
    }
    if (!l.comparisons.has(n.Kind) || !n.Left || !n.Right) return;
    // `* contains "x"` searches every column: not a comparison with one typed value.
    if (n.Left.ToString().trim() === '*') return;
    const left = n.Left.ResultType?.Name;
    const lf = family(left);
    if (lf === undefined) return;
    if (l.stringOps.has(n.Kind) && lf !== 'string') {
      finding(n, `string operator on a ${left} value`);
      return;
    }
    const rights = n.Right.Expressions ? items(n.Right.Expressions).map((e) => e.Element) : [n.Right];
    // A hexadecimal literal against a number turned into text never matches: the text is decimal.
    if (lf === 'string' && /^tostring\(/.test(n.Left.ToString()) && numericColumns(n.Left, l).length > 0) {
      const hex = rights.find((r) => r.Kind === l.kusto.Language.Syntax.SyntaxKind.StringLiteralExpression && /^0x[0-9a-f]+$/i.test(String(r.LiteralValue)));
      if (hex) finding(n, `hexadecimal text compared with a number's decimal text`);
    }
    for (const r of rights) {
      const rf = family(r.ResultType?.Name);
      if (rf === undefined) continue;
      if (rf !== lf || lf === 'dynamic') {
        finding(n, `${left} compared with ${r.ResultType!.Name}`);
        return;
      }
    }
  });
  return out;
}

/** Columns of a non-text type that an expression reads. */
function numericColumns(e: SyntaxNode, l: Loaded): string[] {
  const out: string[] = [];
  e.WalkNodes((m) => {
    if (m.Kind === l.nameRef && m.ReferencedSymbol instanceof l.kusto.Language.Symbols.ColumnSymbol && family(m.ResultType?.Name) === 'number') {
      out.push(m.SimpleName!);
    }
  });
  return out;
}

/** One comparison of a query: the columns its left side reads (with their types), the operator, the literals. */
export interface KqlComparison {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly operator: string;
  readonly literals: readonly string[];
  readonly offset: number;
}

/** Every comparison in `query` with the columns and literals it compares: the material of format audits. */
export function kqlComparisons(query: string): KqlComparison[] {
  const l = load();
  const code = analyse(query);
  const out: KqlComparison[] = [];
  code.Syntax.WalkNodes((n) => {
    if (!l.comparisons.has(n.Kind) || !n.Left || !n.Right) return;
    const columns: { name: string; type: string }[] = [];
    n.Left.WalkNodes((m) => {
      if (m.Kind === l.nameRef && m.ReferencedSymbol instanceof l.kusto.Language.Symbols.ColumnSymbol) {
        columns.push({ name: m.SimpleName!, type: m.ResultType?.Name ?? '' });
      }
    });
    const literals: string[] = [];
    n.Right.WalkNodes((m) => {
      if (l.literals.has(m.Kind)) literals.push(String(m.LiteralValue));
    });
    const text = n.ToString();
    const operator = text.slice(n.Left.ToString().length, text.length - n.Right.ToString().length).trim();
    out.push({ columns, operator, literals, offset: n.TextStart });
  });
  return out;
}

/**
 * Syntax and semantic diagnostics of `query` against the generated table schemas, plus our typed-comparison
 * findings (code SIGMATS-TYPED). Empty = valid.
 */
export function validateKql(query: string): QueryProblem[] {
  const l = load();
  const code = analyse(query);
  return [
    ...items(code.GetDiagnostics()).map((d) => ({
      message: `${d.Severity.toLowerCase()}: ${d.Message}`,
      offset: d.Start,
      code: d.Code,
    })),
    ...typedFindings(code, l),
  ];
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
