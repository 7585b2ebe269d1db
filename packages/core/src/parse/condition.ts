import type { Condition, ConditionNode } from '../ir/condition.js';
import type { SourceLocation } from '../location.js';
import type { YScalar } from '../yaml/nodes.js';
import type { DocContext } from './context.js';
import { scalarOffsetMapper } from './scalar-offsets.js';
import { suggest } from './suggest.js';
import { exact } from './exact.js';

/** Nesting limit for parentheses and `not` chains: deeper conditions are rejected, never overflow the stack. */
export const MAX_CONDITION_DEPTH = 64;

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all', 'any', '1']);

interface Token {
  readonly kind: 'lp' | 'rp' | 'word';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

class ConditionError extends Error {
  constructor(
    readonly code:
      | 'condition/syntax'
      | 'condition/undefined-identifier'
      | 'condition/empty-selector'
      | 'condition/unsupported-quantifier'
      | 'condition/pipe-aggregation'
      | 'condition/keyword-case',
    message: string,
    readonly start: number,
    readonly end: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * A word: up to whitespace (space, tab, LF, CR, FF, VT), a parenthesis or the pipe. Sticky, matched with test() at
 * each word's start: one native scan instead of a loop over its characters (this code mostly runs unoptimized).
 */
const WORD = /[^ \t\n\r\f\v()|]+/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lp' : 'rp', text: c, start: i, end: i + 1 });
      i++;
    } else if (c === '|') {
      throw new ConditionError(
        'condition/pipe-aggregation',
        'pipe aggregations in conditions (`| count() ...`, `| near ...`) were removed in Sigma 2',
        i,
        text.length,
        'express the aggregation as a correlation rule (event_count, value_count, temporal...)',
      );
    } else {
      WORD.lastIndex = i;
      const j = WORD.test(text) ? WORD.lastIndex : i;
      tokens.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return tokens;
}

export interface ConditionScope {
  /**
   * Detection names in written order. Undefined for extended correlation conditions: any identifier (a rule name or
   * id, resolved by buildCollection), keywords in any case, no selectors.
   */
  readonly names: readonly string[] | undefined;
}

/** Matches a `x of` pattern against the names; `them` and patterns not starting with `_` skip `_` names. */
export function matchSelector(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  if (!pattern.includes('*')) return names.filter((n) => n === pattern);
  const hideUnderscore = !pattern.startsWith('_');
  const segments = pattern.split('*');
  return names.filter((n) => globMatch(segments, n) && !(hideUnderscore && n.startsWith('_')));
}

/** `*`-glob match over the whole name; `segments` is the pattern split at `*` (no regex, no backtracking blow-up). */
function globMatch(segments: readonly string[], name: string): boolean {
  const first = segments[0] as string;
  const last = segments[segments.length - 1] as string;
  if (!name.startsWith(first)) return false;
  if (segments.length === 1) return name === first;
  if (name.length < first.length + last.length || !name.endsWith(last)) return false;
  let pos = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const seg = segments[i] as string;
    const at = name.indexOf(seg, pos);
    if (at < 0 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
    private readonly scope: ConditionScope,
    private readonly locOf: (start: number, end: number) => SourceLocation,
  ) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) throw new ConditionError('condition/syntax', 'the condition is empty', 0, this.text.length);
    const node = this.or();
    const t = this.peek();
    if (t) {
      if (t.kind === 'rp') throw new ConditionError('condition/syntax', "unbalanced ')'", t.start, t.end);
      throw new ConditionError('condition/syntax', `expected 'and', 'or' or the end of the condition, found '${t.text}'`, t.start, t.end, this.keywordHint(t));
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isWord(t: Token | undefined, w: string): boolean {
    if (t === undefined || t.kind !== 'word') return false;
    // Extended correlation conditions: the specification's own examples write `AND`.
    return this.scope.names === undefined ? t.text.toLowerCase() === w : t.text === w;
  }

  private keywordHint(t: Token): string | undefined {
    const lower = t.text.toLowerCase();
    if (KEYWORDS.has(lower) && lower !== t.text) return `condition keywords are lower-case: write '${lower}'`;
    return undefined;
  }

  private enter(t: Token | undefined): void {
    if (++this.depth > MAX_CONDITION_DEPTH) {
      throw new ConditionError('condition/syntax', `the condition is nested more than ${MAX_CONDITION_DEPTH} levels deep`, t?.start ?? 0, t?.end ?? 0);
    }
  }

  private span(a: SourceLocation, b: SourceLocation): SourceLocation {
    if (b.endLine === undefined) return a;
    const loc: { file: string; line: number; column: number; offset?: number; endLine: number; endColumn?: number } = {
      file: a.file,
      line: a.line,
      column: a.column,
      endLine: b.endLine,
    };
    if (a.offset !== undefined) loc.offset = a.offset;
    if (b.endColumn !== undefined) loc.endColumn = b.endColumn;
    return loc;
  }

  private or(): ConditionNode {
    const first = this.and();
    // A list only when there is a second operand (most levels have one), kept without push's spare slots.
    if (!this.isWord(this.peek(), 'or')) return first;
    const operands = [first];
    while (this.isWord(this.peek(), 'or')) {
      this.pos++;
      operands.push(this.and());
    }
    return { kind: 'or', operands: exact(operands), loc: this.span(first.loc, (operands[operands.length - 1] as ConditionNode).loc) };
  }

  private and(): ConditionNode {
    const first = this.not();
    if (!this.isWord(this.peek(), 'and')) return first;
    const operands = [first];
    while (this.isWord(this.peek(), 'and')) {
      this.pos++;
      operands.push(this.not());
    }
    return { kind: 'and', operands: exact(operands), loc: this.span(first.loc, (operands[operands.length - 1] as ConditionNode).loc) };
  }

  private not(): ConditionNode {
    const t = this.peek();
    if (this.isWord(t, 'not')) {
      this.pos++;
      this.enter(t);
      const operand = this.not();
      this.depth--;
      const tok = t as Token;
      return { kind: 'not', operand, loc: this.span(this.locOf(tok.start, tok.end), operand.loc) };
    }
    return this.primary();
  }

  private expected(what: string): ConditionError {
    const t = this.peek();
    if (!t) return new ConditionError('condition/syntax', `expected ${what} at the end of the condition`, this.text.length, this.text.length);
    return new ConditionError('condition/syntax', `expected ${what}, found '${t.text}'`, t.start, t.end, this.keywordHint(t));
  }

  private primary(): ConditionNode {
    const t = this.peek();
    if (!t) throw this.expected('an identifier, a selector or (');
    if (t.kind === 'lp') {
      this.pos++;
      this.enter(t);
      const inner = this.or();
      this.depth--;
      const close = this.peek();
      if (!close || close.kind !== 'rp') {
        if (!close) throw new ConditionError('condition/syntax', "missing ')' for the '(' here", t.start, t.end);
        throw this.expected("')'");
      }
      this.pos++;
      return inner;
    }
    if (t.kind === 'rp') throw this.expected('an identifier, a selector or (');
    const next = this.tokens[this.pos + 1];
    if (this.isWord(next, 'of')) return this.selector(t, next as Token);
    if (/^\d+$/.test(t.text) && next?.kind === 'word' && next.text.toLowerCase() === 'of') return this.selector(t, next);
    const word = this.scope.names === undefined ? t.text.toLowerCase() : t.text;
    if (KEYWORDS.has(word) && !(this.scope.names?.includes(t.text) ?? false)) throw this.expected('an identifier, a selector or (');
    this.pos++;
    return this.identifier(t);
  }

  private identifier(t: Token): ConditionNode {
    const names = this.scope.names;
    const loc = this.locOf(t.start, t.end);
    if (names && !names.includes(t.text)) {
      const lower = t.text.toLowerCase();
      if (KEYWORDS.has(lower) && lower !== t.text) {
        throw new ConditionError('condition/keyword-case', `'${t.text}' is not a condition keyword: keywords are lower-case`, t.start, t.end, `write '${lower}'`);
      }
      if (t.text.includes('*')) {
        throw new ConditionError('condition/syntax', `wildcard identifier '${t.text}' needs a quantifier`, t.start, t.end, `write '1 of ${t.text}' or 'all of ${t.text}'`);
      }
      const s = suggest(t.text, names);
      throw new ConditionError(
        'condition/undefined-identifier',
        `'${t.text}' is not defined in the detection section (defined: ${names.length ? names.join(', ') : 'none'})`,
        t.start,
        t.end,
        s ? `did you mean '${s}'?` : undefined,
      );
    }
    return { kind: 'identifier', name: t.text, loc };
  }

  private selector(q: Token, of: Token): ConditionNode {
    let quantifier: 'any' | 'all';
    if (q.text === '1' || q.text === 'any') quantifier = 'any';
    else if (q.text === 'all') quantifier = 'all';
    else if (/^\d+$/.test(q.text)) {
      throw new ConditionError(
        'condition/unsupported-quantifier',
        `'${q.text} of' is not supported: Sigma only has '1 of' (any) and 'all of'`,
        q.start,
        of.end,
        'combine the identifiers explicitly, or use a correlation rule for counts',
      );
    } else {
      const lower = q.text.toLowerCase();
      if (lower === 'all' || lower === 'any') {
        throw new ConditionError('condition/keyword-case', `condition keywords are lower-case`, q.start, q.end, `write '${lower} of'`);
      }
      throw new ConditionError('condition/syntax', `expected '1', 'any' or 'all' before 'of', found '${q.text}'`, q.start, q.end);
    }
    if (of.text !== 'of') throw new ConditionError('condition/keyword-case', 'condition keywords are lower-case', of.start, of.end, "write 'of'");
    this.pos += 2;
    const p = this.peek();
    if (!p || p.kind !== 'word' || (KEYWORDS.has(p.text) && p.text !== 'them')) throw this.expected("a pattern or 'them' after 'of'");
    this.pos++;
    const loc = this.locOf(q.start, p.end);
    const names = this.scope.names;
    if (!names) {
      throw new ConditionError('condition/syntax', "selectors ('1 of', 'all of') are not allowed in correlation conditions", q.start, p.end);
    }
    const matches = matchSelector(p.text, names);
    if (matches.length === 0) {
      throw new ConditionError(
        'condition/empty-selector',
        `'${p.text}' matches no detection identifier${p.text !== 'them' && !p.text.startsWith('_') ? " (names starting with '_' are only matched by patterns starting with '_')" : ''}`,
        p.start,
        p.end,
        names.length ? `identifiers: ${names.join(', ')}` : undefined,
      );
    }
    return { kind: 'selector', quantifier, pattern: p.text, matches, loc };
  }
}

/**
 * Parses one condition scalar. Locations point to the exact column inside the YAML scalar.
 * Returns undefined (after reporting) when the condition is invalid.
 */
export function parseConditionScalar(ctx: DocContext, node: YScalar, scope: ConditionScope): Condition | undefined {
  const text = node.text;
  const toOffset = scalarOffsetMapper(ctx.index.text, node);
  const locOf = (s: number, e: number) => ctx.locAt(toOffset(s), e > s ? toOffset(e - 1) + 1 : undefined);
  try {
    const root = new Parser(tokenize(text), text, scope, locOf).parse();
    return { kind: 'condition', text, root, loc: ctx.loc(node) };
  } catch (e) {
    if (!(e instanceof ConditionError)) throw e;
    ctx.error(e.code, e.message, locOf(e.start, e.end), e.hint);
    return undefined;
  }
}

/** Parses condition text that has no YAML node (used when rewriting conditions). */
export function parseConditionText(text: string, scope: ConditionScope, loc: SourceLocation): { root?: ConditionNode; error?: string } {
  try {
    return { root: new Parser(tokenize(text), text, scope, () => loc).parse() };
  } catch (e) {
    if (e instanceof ConditionError) return { error: e.message };
    throw e;
  }
}

/** Identifiers referenced by a condition tree (selectors contribute their matches). */
export function conditionIdentifiers(node: ConditionNode, out: Set<string> = new Set()): Set<string> {
  const stack: ConditionNode[] = [node];
  while (stack.length) {
    const n = stack.pop() as ConditionNode;
    switch (n.kind) {
      case 'and':
      case 'or':
        stack.push(...n.operands);
        break;
      case 'not':
        stack.push(n.operand);
        break;
      case 'identifier':
        out.add(n.name);
        break;
      case 'selector':
        for (const m of n.matches) out.add(m);
        break;
    }
  }
  return out;
}
