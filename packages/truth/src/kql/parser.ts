// A hand-written recursive-descent parser for the KQL subset sigmats emits (plus the operators the documentation's
// examples need to build their input: print, datatable, let).
//
// Why not Microsoft's own parser (@kusto/language-service-next, which backend-kql loads for validation)? Measured on
// this machine: 0.35 s to load, then about 3.6 ms per query to parse (1,823 Sentinel Event queries in 6.6 s), against
// well under 0.1 ms here; the differential parses every emitted query of every pipeline (~15,000), so Kusto's parser
// alone would cost about a minute per run. Its tree is Bridge.NET-transpiled C# (numeric SyntaxKind, GetChild(i)
// walks, untyped in TypeScript), so the evaluator would still need its own typed view of every node it supports. The
// subset is small and fixed; a typed AST with offsets, refusing (KqlError 'unsupported') anything outside it, is less
// code than an adapter and keeps the truth package independent of the checker it is meant to check.

import type { KqlType } from '../types.js';
import type { Assignment, ExpandItem, Expr, Program, SortKey, Statement, Tabular, TabularOp, TabularSource } from './ast.js';
import { syntaxError, unsupported } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { parseDateTimeLiteral, parseTimespanText, toDynamic } from './values.js';

/** Type names as Kusto spells them (with their aliases). */
export const TYPE_NAMES: Readonly<Record<string, KqlType>> = {
  string: 'string', int: 'int', long: 'long', real: 'real', double: 'real', decimal: 'decimal', bool: 'bool',
  boolean: 'bool', datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', guid: 'guid',
  uniqueid: 'guid', dynamic: 'dynamic',
};

/** Binary operators at comparison precedence, written as words or symbols. */
const COMPARE_OPS = new Set([
  '==', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~',
  'has', '!has', 'has_cs', '!has_cs', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
  'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs', 'contains', '!contains', 'contains_cs', '!contains_cs',
  'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
]);
const LIST_OPS = new Set(['in', '!in', 'in~', '!in~', 'has_any', 'has_all']);

/** Operators this parser knows by name but does not implement: refused, never guessed. */
const KNOWN_UNSUPPORTED_OPS = new Set([
  'parse', 'parse-where', 'parse-kv', 'make-series', 'render', 'evaluate', 'invoke', 'as', 'serialize', 'sample',
  'sample-distinct', 'search', 'find', 'fork', 'facet', 'lookup', 'getschema', 'scan', 'partition', 'top-nested',
  'top-hitters', 'externaldata', 'range', 'consume', 'reduce', 'project-smart', 'project-reorder', 'mvexpand', 'mvapply',
]);

class Parser {
  private pos = 0;
  private readonly toks: Token[];

  constructor(src: string) {
    this.toks = tokenize(src);
  }

  private peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }
  private isWord(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'ident' && t.text === text;
  }
  private eatOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.pos++;
    return true;
  }
  private eatWord(text: string): boolean {
    if (!this.isWord(text)) return false;
    this.pos++;
    return true;
  }
  private expectOp(text: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) throw syntaxError(`expected '${text}', found ${describe(t)}`, t.offset);
    return this.next();
  }
  private expectWord(text: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident' || t.text !== text) throw syntaxError(`expected '${text}', found ${describe(t)}`, t.offset);
    return this.next();
  }
  /** An identifier or a bracketed name (`['Column name']`). */
  private name(): { text: string; offset: number } {
    const t = this.peek();
    if (t.kind === 'ident') {
      this.pos++;
      return { text: t.text, offset: t.offset };
    }
    if (t.kind === 'op' && t.text === '[' && this.peek(1).kind === 'string' && this.isOp(']', 2)) {
      this.pos += 3;
      return { text: (this.peek(-2) as { value: string }).value, offset: t.offset };
    }
    throw syntaxError(`expected a name, found ${describe(t)}`, t.offset);
  }
  private isNameStart(): boolean {
    return this.peek().kind === 'ident' || (this.isOp('[') && this.peek(1).kind === 'string' && this.isOp(']', 2));
  }

  // ------------------------------------------------------------------------------------------- statements

  program(): Program {
    const statements: Statement[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.eatOp(';')) continue;
      statements.push(this.statement());
      if (this.peek().kind !== 'eof') this.expectOp(';');
    }
    if (!statements.some((s) => s.kind === 'query')) throw syntaxError('no tabular expression statement in the query', 0);
    return { statements };
  }

  private statement(): Statement {
    const t = this.peek();
    if (this.isWord('let')) {
      this.pos++;
      const name = this.name();
      this.expectOp('=');
      if (this.startsTabular()) return { kind: 'let-tabular', name: name.text, value: this.tabular(), offset: t.offset };
      const start = this.pos;
      const value = this.expr();
      if (value.kind === 'name' && (this.isOp(';') || this.peek().kind === 'eof')) {
        return { kind: 'let-name', name: name.text, target: value.name, offset: t.offset };
      }
      if (this.isOp('|')) {
        this.pos = start;
        return { kind: 'let-tabular', name: name.text, value: this.tabular(), offset: t.offset };
      }
      return { kind: 'let-scalar', name: name.text, value, offset: t.offset };
    }
    if (this.isWord('set') || this.isWord('declare') || this.isWord('alias') || this.isWord('pattern')) {
      throw unsupported(`'${(t as { text: string }).text}' statements are not supported`, t.offset);
    }
    return { kind: 'query', query: this.tabular(), offset: t.offset };
  }

  /** Whether the next tokens open a tabular expression that cannot be read as a scalar. */
  private startsTabular(): boolean {
    return this.isWord('union') || this.isWord('print') || this.isWord('datatable') || (this.isOp('(') && this.parenHoldsTabular());
  }

  /** `(` … : tabular when the parenthesis holds a pipe at depth one. */
  private parenHoldsTabular(): boolean {
    let depth = 0;
    for (let k = 0; ; k++) {
      const t = this.peek(k);
      if (t.kind === 'eof') return false;
      if (t.kind === 'op') {
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          depth--;
          if (depth === 0) return false;
        } else if (t.text === '|' && depth === 1) return true;
      }
      if (depth === 1 && k > 0 && t.kind === 'ident' && (t.text === 'union' || t.text === 'datatable' || t.text === 'print') && this.peek(k - 1).kind === 'op') {
        return true;
      }
    }
  }

  // ------------------------------------------------------------------------------------------- tabular

  tabular(): Tabular {
    const offset = this.peek().offset;
    const source = this.source();
    const ops: TabularOp[] = [];
    while (this.eatOp('|')) ops.push(this.operator());
    return { source, ops, offset };
  }

  /** The operators of a subquery with an implicit source (mv-apply … on (…)). */
  private implicitTabular(): Tabular {
    const offset = this.peek().offset;
    const ops: TabularOp[] = [];
    this.eatOp('|');
    ops.push(this.operator());
    while (this.eatOp('|')) ops.push(this.operator());
    return { source: { kind: 'table', name: '$implicit', offset }, ops, offset };
  }

  private source(): TabularSource {
    const t = this.peek();
    if (this.eatOp('(')) {
      const query = this.tabular();
      this.expectOp(')');
      return { kind: 'nested', query, offset: t.offset };
    }
    if (this.eatWord('union')) return { kind: 'union', parts: this.unionParts(), offset: t.offset };
    if (this.eatWord('print')) return { kind: 'print', items: this.assignments(), offset: t.offset };
    if (this.eatWord('datatable')) return this.datatable(t.offset);
    if (t.kind === 'ident' && KNOWN_UNSUPPORTED_OPS.has(t.text) && this.peek(1).kind !== 'op') {
      throw unsupported(`'${t.text}' is not supported`, t.offset);
    }
    const n = this.name();
    if (this.isOp('(')) throw unsupported(`tabular function '${n.text}(…)' is not supported`, n.offset);
    return { kind: 'table', name: n.text, offset: n.offset };
  }

  private unionParts(): Tabular[] {
    while (this.peek().kind === 'ident' && this.isOp('=', 1)) {
      const opt = this.next() as { text: string; offset: number };
      this.pos++;
      const v = this.next();
      const value = v.kind === 'ident' ? v.text : v.kind === 'string' ? v.value : '';
      if (opt.text === 'kind' && (value === 'outer' || value === 'inner')) {
        if (value === 'inner') throw unsupported('union kind=inner is not supported', opt.offset);
        continue;
      }
      if (opt.text === 'isfuzzy') continue;
      throw unsupported(`union option '${opt.text}' is not supported`, opt.offset);
    }
    const parts: Tabular[] = [];
    do {
      const t = this.peek();
      if (this.eatOp('(')) {
        const q = this.tabular();
        this.expectOp(')');
        parts.push(q);
      } else {
        const n = this.name();
        if (this.isOp('*')) throw unsupported('wildcard table names are not supported', n.offset);
        parts.push({ source: { kind: 'table', name: n.text, offset: n.offset }, ops: [], offset: t.offset });
      }
    } while (this.eatOp(','));
    return parts;
  }

  private datatable(offset: number): TabularSource {
    this.expectOp('(');
    const columns: (readonly [string, KqlType])[] = [];
    do {
      const n = this.name();
      this.expectOp(':');
      columns.push([n.text, this.typeName()]);
    } while (this.eatOp(','));
    this.expectOp(')');
    this.expectOp('[');
    const values: Expr[] = [];
    if (!this.isOp(']')) {
      do {
        if (this.isOp(']')) break;
        values.push(this.expr());
      } while (this.eatOp(','));
    }
    this.expectOp(']');
    if (values.length % columns.length !== 0) throw syntaxError('datatable values do not fill whole rows', offset);
    return { kind: 'datatable', columns, values, offset };
  }

  private typeName(): KqlType {
    const t = this.next();
    const type = t.kind === 'ident' ? TYPE_NAMES[t.text] : undefined;
    if (!type) throw syntaxError(`expected a type name, found ${describe(t)}`, t.offset);
    return type;
  }

  private operator(): TabularOp {
    const t = this.next();
    if (t.kind !== 'ident') throw syntaxError(`expected a query operator, found ${describe(t)}`, t.offset);
    const offset = t.offset;
    switch (t.text) {
      case 'where':
      case 'filter':
        return { kind: 'where', predicate: this.expr(), offset };
      case 'project':
        return { kind: 'project', items: this.assignments(), offset };
      case 'extend':
        return { kind: 'extend', items: this.assignments(), offset };
      case 'project-away':
      case 'project-keep':
        return { kind: t.text, names: this.nameList(), offset };
      case 'project-rename': {
        const renames: { to: string; from: string; offset: number }[] = [];
        do {
          const to = this.name();
          this.expectOp('=');
          const from = this.name();
          renames.push({ to: to.text, from: from.text, offset: to.offset });
        } while (this.eatOp(','));
        return { kind: 'project-rename', renames, offset };
      }
      case 'summarize':
        return this.summarize(offset);
      case 'mv-apply':
      case 'mv-expand':
        return this.mvOperator(t.text, offset);
      case 'join':
        return this.join(offset);
      case 'sort':
      case 'order': {
        this.expectWord('by');
        const keys: SortKey[] = [];
        do keys.push(this.sortKey());
        while (this.eatOp(','));
        return { kind: 'sort', keys, offset };
      }
      case 'take':
      case 'limit':
        return { kind: 'take', count: this.expr(), offset };
      case 'top': {
        const count = this.expr();
        this.expectWord('by');
        return { kind: 'top', count, key: this.sortKey(), offset };
      }
      case 'distinct':
        if (this.eatOp('*')) return { kind: 'distinct', items: 'all', offset };
        return { kind: 'distinct', items: this.assignments(), offset };
      case 'count':
        return { kind: 'count', offset };
      case 'union':
        return { kind: 'union', parts: this.unionParts(), offset };
      default:
        if (KNOWN_UNSUPPORTED_OPS.has(t.text)) throw unsupported(`query operator '${t.text}' is not supported`, offset);
        throw syntaxError(`unknown query operator '${t.text}'`, offset);
    }
  }

  private nameList(): string[] {
    const names: string[] = [];
    do {
      const n = this.name();
      if (this.isOp('*')) throw unsupported('column wildcards are not supported', n.offset);
      names.push(n.text);
    } while (this.eatOp(','));
    return names;
  }

  private sortKey(): SortKey {
    const expr = this.expr();
    let desc = true;
    if (this.eatWord('asc')) desc = false;
    else this.eatWord('desc');
    // Kusto's default: nulls last when descending, first when ascending.
    let nullsFirst = !desc;
    if (this.eatWord('nulls')) {
      if (this.eatWord('first')) nullsFirst = true;
      else {
        this.expectWord('last');
        nullsFirst = false;
      }
    }
    return { expr, desc, nullsFirst };
  }

  private summarize(offset: number): TabularOp {
    this.skipHints();
    const aggregates = this.isWord('by') ? [] : this.assignments();
    const by = this.eatWord('by') ? this.assignments() : [];
    if (aggregates.length === 0 && by.length === 0) throw syntaxError('summarize needs an aggregate or a by clause', offset);
    return { kind: 'summarize', aggregates, by, offset };
  }

  private mvOperator(kind: 'mv-apply' | 'mv-expand', offset: number): TabularOp {
    let itemIndex: string | undefined;
    let bagExpansion: 'bag' | 'array' = 'bag';
    while (this.peek().kind === 'ident' && this.isOp('=', 1)) {
      const opt = (this.peek() as { text: string }).text;
      if (opt === 'with_itemindex') {
        this.pos += 2;
        itemIndex = this.name().text;
      } else if (opt === 'kind' || opt === 'bagexpansion') {
        this.pos += 2;
        const v = this.name();
        if (v.text !== 'bag' && v.text !== 'array') throw syntaxError(`bad ${opt} '${v.text}'`, v.offset);
        bagExpansion = v.text;
      } else break;
    }
    const items: ExpandItem[] = [];
    do {
      const start = this.peek().offset;
      let name: string | undefined;
      if (this.isNameStart() && (this.isOp('=', 1) || (this.isOp('[') && this.isOp('=', 3)))) {
        name = this.name().text;
        this.expectOp('=');
      }
      const expr = this.expr();
      let toType: KqlType | undefined;
      if (this.eatWord('to')) {
        this.expectWord('typeof');
        this.expectOp('(');
        toType = this.typeName();
        this.expectOp(')');
      }
      items.push({ ...(name !== undefined ? { name } : {}), expr, ...(toType ? { toType } : {}), offset: start });
    } while (this.eatOp(','));
    let limit: number | undefined;
    if (this.eatWord('limit')) {
      const n = this.next();
      if (n.kind !== 'number') throw syntaxError('expected a row limit', n.offset);
      limit = n.value;
    }
    const base = { kind, items, bagExpansion, offset, ...(itemIndex !== undefined ? { itemIndex } : {}), ...(limit !== undefined ? { limit } : {}) };
    if (kind === 'mv-expand') return base;
    this.expectWord('on');
    this.expectOp('(');
    const subquery = this.implicitTabular();
    this.expectOp(')');
    return { ...base, subquery };
  }

  private join(offset: number): TabularOp {
    let joinKind = 'innerunique';
    for (;;) {
      this.skipHints();
      if (!(this.peek().kind === 'ident' && this.isOp('=', 1))) break;
      const opt = this.next() as { text: string; offset: number };
      this.pos++;
      const v = this.name();
      if (opt.text === 'kind') joinKind = v.text;
      else throw unsupported(`join option '${opt.text}' is not supported`, opt.offset);
    }
    let right: Tabular;
    if (this.eatOp('(')) {
      right = this.tabular();
      this.expectOp(')');
    } else {
      const n = this.name();
      right = { source: { kind: 'table', name: n.text, offset: n.offset }, ops: [], offset: n.offset };
    }
    this.expectWord('on');
    const on: { left: string; right: string }[] = [];
    do {
      const k = this.peek();
      if (k.kind === 'ident' && (k.text === '$left' || k.text === '$right')) {
        const a = this.sideColumn();
        this.expectOp('==');
        const b = this.sideColumn();
        if (a.side === b.side) throw syntaxError('a join condition compares $left with $right', k.offset);
        on.push(a.side === '$left' ? { left: a.column, right: b.column } : { left: b.column, right: a.column });
      } else {
        const n = this.name();
        on.push({ left: n.text, right: n.text });
      }
    } while (this.eatOp(','));
    return { kind: 'join', joinKind, right, on, offset };
  }

  /** Query hints (`hint.strategy=shuffle`) change how Kusto runs an operator, not its result: skipped. */
  private skipHints(): void {
    while (this.isWord('hint') && this.isOp('.', 1) && this.peek(2).kind === 'ident' && this.isOp('=', 3)) this.pos += 5;
  }

  private sideColumn(): { side: string; column: string } {
    const side = this.next() as { text: string };
    this.expectOp('.');
    return { side: side.text, column: this.name().text };
  }

  private assignments(): Assignment[] {
    const out: Assignment[] = [];
    do {
      const offset = this.peek().offset;
      if (this.isNameStart() && (this.isOp('=', 1) || (this.isOp('[') && this.isOp('=', 3)))) {
        const name = this.name().text;
        this.expectOp('=');
        out.push({ name, expr: this.expr(), offset });
      } else if (this.isOp('(') && this.peek(1).kind === 'ident' && this.isOp(',', 2)) {
        throw unsupported('tuple assignments (a, b) = … are not supported', offset);
      } else {
        out.push({ expr: this.expr(), offset });
      }
    } while (this.eatOp(','));
    return out;
  }

  // ------------------------------------------------------------------------------------------- scalar

  expr(): Expr {
    return this.orExpr();
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.isWord('or')) {
      const t = this.next();
      left = { kind: 'binary', op: 'or', left, right: this.andExpr(), offset: t.offset };
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.compareExpr();
    while (this.isWord('and')) {
      const t = this.next();
      left = { kind: 'binary', op: 'and', left, right: this.compareExpr(), offset: t.offset };
    }
    return left;
  }

  private compareExpr(): Expr {
    const left = this.additive();
    const t = this.peek();
    const word = t.kind === 'ident' || t.kind === 'op' ? t.text : '';
    if (word === 'matches' && this.isWord('regex', 1)) {
      this.pos += 2;
      return { kind: 'binary', op: 'matches regex', left, right: this.additive(), offset: t.offset };
    }
    if (COMPARE_OPS.has(word)) {
      this.pos++;
      return { kind: 'binary', op: word === '<>' ? '!=' : word, left, right: this.additive(), offset: t.offset };
    }
    if (LIST_OPS.has(word)) {
      this.pos++;
      this.expectOp('(');
      const items: Expr[] = [];
      if (!this.isOp(')')) {
        do items.push(this.expr());
        while (this.eatOp(','));
      }
      this.expectOp(')');
      return { kind: 'list', op: word, left, items, offset: t.offset };
    }
    if (word === 'between' || word === '!between') {
      this.pos++;
      this.expectOp('(');
      const low = this.additive();
      this.expectOp('..');
      const high = this.additive();
      this.expectOp(')');
      return { kind: 'between', negated: word === '!between', left, low, high, offset: t.offset };
    }
    if (t.kind === 'ident' && /^!?(has|contains|startswith|endswith|hasprefix|hassuffix|matches)/.test(word)) {
      throw unsupported(`operator '${word}' is not supported`, t.offset);
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (!(t.kind === 'op' && (t.text === '+' || t.text === '-'))) return left;
      this.pos++;
      left = { kind: 'binary', op: t.text, left, right: this.multiplicative(), offset: t.offset };
    }
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!(t.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '%'))) return left;
      this.pos++;
      left = { kind: 'binary', op: t.text, left, right: this.unary(), offset: t.offset };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.eatOp('-')) {
      const operand = this.unary();
      if (operand.kind === 'literal' && typeof operand.value === 'number') {
        return { ...operand, value: -operand.value, offset: t.offset };
      }
      return { kind: 'negate', operand, offset: t.offset };
    }
    if (this.eatOp('+')) return this.unary();
    return this.postfix();
  }

  private postfix(): Expr {
    let e = this.primary();
    for (;;) {
      const t = this.peek();
      if (this.eatOp('.')) {
        if (this.isOp('[')) {
          const n = this.name();
          e = { kind: 'member', target: e, name: n.text, offset: t.offset };
          continue;
        }
        const m = this.next();
        if (m.kind !== 'ident') throw syntaxError(`expected a member name, found ${describe(m)}`, m.offset);
        e = { kind: 'member', target: e, name: m.text, offset: t.offset };
        continue;
      }
      if (this.eatOp('[')) {
        const index = this.expr();
        this.expectOp(']');
        e = { kind: 'index', target: e, index, offset: t.offset };
        continue;
      }
      return e;
    }
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'string':
        this.pos++;
        return { kind: 'literal', type: 'string', value: t.value, offset: t.offset };
      case 'number':
        this.pos++;
        return { kind: 'literal', type: t.real ? 'real' : 'long', value: t.value, offset: t.offset };
      case 'timespan':
        this.pos++;
        return { kind: 'literal', type: 'timespan', value: t.ms, offset: t.offset };
      case 'eof':
        throw syntaxError('unexpected end of query', t.offset);
      case 'raw':
        throw syntaxError(`unexpected '${t.text}'`, t.offset);
      case 'op':
        if (t.text === '(') {
          this.pos++;
          const e = this.expr();
          this.expectOp(')');
          return e;
        }
        if (t.text === '[' && this.peek(1).kind === 'string' && this.isOp(']', 2)) {
          const n = this.name();
          return { kind: 'name', name: n.text, offset: n.offset };
        }
        if (t.text === '*') {
          this.pos++;
          return { kind: 'star', offset: t.offset };
        }
        throw syntaxError(`unexpected ${describe(t)}`, t.offset);
      case 'ident':
        break;
    }
    this.pos++;
    const word = t.text;
    if (word === 'true' || word === 'false') return { kind: 'literal', type: 'bool', value: word === 'true', offset: t.offset };
    if (word === 'null') throw unsupported('a bare null literal is not supported (write a typed null such as long(null))', t.offset);
    if (!this.isOp('(')) return { kind: 'name', name: word, offset: t.offset };
    const literal = this.typedLiteral(word, t.offset);
    if (literal) return literal;
    this.expectOp('(');
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      do args.push(this.expr());
      while (this.eatOp(','));
    }
    this.expectOp(')');
    return { kind: 'call', name: word, args, offset: t.offset };
  }

  /** `datetime(…)`, `timespan(…)`, `dynamic(…)`, `long(null)`, `typeof(…)`, …: literals with their own syntax. */
  private typedLiteral(word: string, offset: number): Expr | undefined {
    const type = TYPE_NAMES[word];
    if (!type) return undefined;
    if (this.peek(1).kind === 'raw') {
      this.pos++;
      const raw = (this.next() as { text: string }).text;
      this.expectOp(')');
      return this.rawLiteral(type, word, raw, offset);
    }
    // `T(null)` for any type.
    if (this.isWord('null', 1) && this.isOp(')', 2)) {
      this.pos += 3;
      return { kind: 'literal', type, value: type === 'string' ? '' : null, offset };
    }
    if (type === 'dynamic') {
      this.expectOp('(');
      const value = this.jsonValue();
      this.expectOp(')');
      return { kind: 'literal', type, value, offset };
    }
    // int(3), long(-1), real(1.5), bool(true), string("x"), decimal(1): a literal of that type.
    this.expectOp('(');
    let neg = false;
    if (this.eatOp('-')) neg = true;
    const v = this.next();
    this.expectOp(')');
    if (type === 'bool' && v.kind === 'ident' && (v.text === 'true' || v.text === 'false')) {
      return { kind: 'literal', type, value: v.text === 'true', offset };
    }
    if (type === 'string' && v.kind === 'string') return { kind: 'literal', type, value: v.value, offset };
    if ((type === 'int' || type === 'long' || type === 'real' || type === 'decimal') && v.kind === 'number') {
      const n = neg ? -v.value : v.value;
      if ((type === 'int' || type === 'long') && !Number.isInteger(n)) throw syntaxError(`bad ${word} literal`, offset);
      return { kind: 'literal', type, value: n, offset };
    }
    if (type === 'real' && v.kind === 'ident' && /^(nan|\+?inf|-inf)$/.test(v.text)) {
      return { kind: 'literal', type, value: v.text === 'nan' ? NaN : neg ? -Infinity : Infinity, offset };
    }
    throw syntaxError(`bad ${word}(…) literal`, offset);
  }

  private rawLiteral(type: KqlType, word: string, raw: string, offset: number): Expr {
    if (raw === 'null') return { kind: 'literal', type, value: null, offset };
    if (type === 'datetime') {
      const ms = parseDateTimeLiteral(raw);
      if (ms === undefined) throw syntaxError(`bad datetime literal '${raw}'`, offset);
      return { kind: 'literal', type, value: new Date(ms), offset };
    }
    if (type === 'timespan') {
      const ms = parseTimespanText(raw);
      if (ms === undefined) throw syntaxError(`bad timespan literal '${raw}'`, offset);
      return { kind: 'literal', type, value: ms, offset };
    }
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(raw)) {
      throw syntaxError(`bad ${word} literal '${raw}'`, offset);
    }
    return { kind: 'literal', type, value: raw.toLowerCase(), offset };
  }

  /** The body of a dynamic(…) literal: JSON, with KQL string literals and typed scalars allowed. */
  private jsonValue(): unknown {
    const t = this.peek();
    if (this.eatOp('[')) {
      const out: unknown[] = [];
      if (!this.isOp(']')) {
        do {
          if (this.isOp(']')) break;
          out.push(this.jsonValue());
        } while (this.eatOp(','));
      }
      this.expectOp(']');
      return out;
    }
    if (this.eatOp('{')) {
      const out: Record<string, unknown> = {};
      if (!this.isOp('}')) {
        do {
          if (this.isOp('}')) break;
          const k = this.next();
          if (k.kind !== 'string' && k.kind !== 'ident') throw syntaxError('expected a property name', k.offset);
          this.expectOp(':');
          out[k.kind === 'string' ? k.value : k.text] = this.jsonValue();
        } while (this.eatOp(','));
      }
      this.expectOp('}');
      return out;
    }
    if (this.eatOp('-')) {
      const n = this.next();
      if (n.kind !== 'number') throw syntaxError('expected a number', n.offset);
      return -n.value;
    }
    if (t.kind === 'ident' && TYPE_NAMES[t.text] && this.isOp('(', 1)) {
      // "dynamic literals ... may also include other Kusto literals with types" (dynamic.md).
      this.pos++;
      const lit = this.typedLiteral(t.text, t.offset);
      if (lit?.kind !== 'literal') throw syntaxError(`bad ${t.text}(…) in a dynamic literal`, t.offset);
      return toDynamic(lit.value, lit.type);
    }
    this.pos++;
    if (t.kind === 'string') return t.value;
    if (t.kind === 'number') return t.value;
    if (t.kind === 'ident' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    if (t.kind === 'ident' && t.text === 'null') return null;
    throw unsupported(`${describe(t)} in a dynamic literal is not supported`, t.offset);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of query';
    case 'ident':
    case 'op':
      return `'${t.text}'`;
    case 'string':
      return 'a string literal';
    case 'number':
      return 'a number';
    case 'timespan':
      return 'a timespan';
    case 'raw':
      return `'${t.text}'`;
  }
}

export function parseKql(query: string): Program {
  return new Parser(query).program();
}
