import type { QueryProblem } from '@sigmats/core';
import { re2Error } from '../shared/re2.js';
import { tokenize, type Token } from './lexer.js';
import { AGGREGATES, FUNCTIONS, OTHER_COMMANDS } from './vocabulary.js';

/**
 * Lint-level validators for Sumo Logic log search queries and Cloud SIEM rule expressions.
 * Not a full grammar: they check what the documentation states and what converters get wrong
 * (target-languages §4.1/§5.1): balanced parentheses and quotes, known operators and functions,
 * `where` expressions well formed, regexes only inside `/…/` and RE2-compilable, no `eval`, no `_time`,
 * no `matches "(?i)…"`, and our single backslash policy (`\x5c` in regexes, no backslash in quoted strings
 * except `\"`: Sumo documents only that escape).
 */

const COMPARISON = new Set(['=', '==', '!=', '<>', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
/** Words that cannot be an operand, and the constants that are one (lower case, as tokens' `lower`). */
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'matches']);
const CONSTANT_WORDS = new Set(['true', 'false', 'null']);

export type SumoDialect = 'search' | 'cse';

export interface LintOptions {
  /**
   * Check every /regex/ against RE2's syntax (core's RE2 parser). Default true. The converters pass false for their own output gate:
   * they compile each user regex once while rendering, and regexes built from Sigma strings are RE2 by construction
   * (escaped literals and `.*`; property-tested), so compiling them again would only cost time.
   */
  readonly re2?: boolean;
  /**
   * Every field a stage reads must be defined by an earlier stage (json/parse/if … as/aggregates) or be a built-in
   * `_field`. Default false: queries that rely on Field Extraction Rules read fields nobody declares. The `sumo`
   * backend turns it on for its json extraction mode (a field it forgot to extract would fail in Manual mode).
   */
  readonly declaredFields?: boolean;
}

/**
 * The fields are `declare`d and set in the constructor: class field initializers (define semantics, one initializer
 * function per instance) and TypeScript's parameter properties each cost a cold run more than plain assignments, and
 * the gate makes a Linter for every emitted query.
 */
class Linter {
  private declare pos: number;
  private declare end: number;
  declare readonly problems: QueryProblem[];
  /** Strings read as regexes (`parse regex "…"`): their backslashes are regex escapes, checked by checkRegex. */
  declare readonly regexStrings: Set<Token>;
  /** Fields defined so far (lower case); an aggregate stage replaces the set with its outputs. */
  private declare declared: Set<string>;
  private declare readonly tokens: readonly Token[];
  private declare readonly dialect: SumoDialect;
  private declare readonly textLength: number;
  private declare readonly options: LintOptions;
  /** One syntax problem per stage: after the first, the parser is only recovering and the rest is noise. */
  private declare stageHasSyntaxError: boolean;

  constructor(tokens: readonly Token[], dialect: SumoDialect, textLength: number, options: LintOptions) {
    this.tokens = tokens;
    this.dialect = dialect;
    this.textLength = textLength;
    this.options = options;
    this.pos = 0;
    this.end = 0;
    this.problems = [];
    this.regexStrings = new Set();
    this.declared = new Set();
    this.stageHasSyntaxError = false;
  }

  private declare(name: string, lower?: string): void {
    this.declared.add(lower ?? name.toLowerCase());
  }

  /** `lower`: the name lower-cased, when the token has it already. */
  private use(name: string, offset: number, lower?: string): void {
    if (!this.options.declaredFields || name.startsWith('_') || this.declared.has(lower ?? name.toLowerCase())) return;
    this.problem(`field '${name}' is read before any stage defines it (json/parse/… as ${name})`, offset, 'undefined-field');
  }

  problem(message: string, offset: number, code: string): void {
    if (code === 'syntax' || code === 'unbalanced') {
      if (this.stageHasSyntaxError) return;
      this.stageHasSyntaxError = true;
    }
    this.problems.push({ message, offset, code });
  }

  private peek(k = 0): Token | undefined {
    const i = this.pos + k;
    return i < this.end ? this.tokens[i] : undefined;
  }

  private here(): number {
    return this.peek()?.start ?? this.tokens[this.end - 1]?.end ?? this.textLength;
  }

  private next(): Token | undefined {
    const t = this.peek();
    if (t) this.pos++;
    return t;
  }

  /** One keyword (hot path: no argument array). */
  private word(w: string, k = 0): boolean {
    const t = this.pos + k < this.end ? this.tokens[this.pos + k] : undefined;
    return t !== undefined && t.lower === w;
  }

  // One or two alternatives, not a rest parameter: isWord runs for every string token (an array per call).
  private isWord(t: Token | undefined, word: string, other?: string): boolean {
    return t !== undefined && t.kind === 'ident' && (t.lower === word || (other !== undefined && t.lower === other));
  }

  private isOp(t: Token | undefined, op: string, other?: string): boolean {
    return t !== undefined && t.kind === 'op' && (t.value === op || (other !== undefined && t.value === other));
  }

  private expectKind(kind: Token['kind'], what: string): Token | undefined {
    const t = this.peek();
    if (t?.kind === kind) return this.next();
    const code = kind === 'rparen' ? 'unbalanced' : 'syntax';
    this.problem(`expected ${what}${t ? ` but found '${t.value}'` : ' at end of stage'}`, this.here(), code);
    return undefined;
  }

  // ---- token-level checks that apply everywhere

  checkToken(t: Token, prev: Token | undefined): void {
    switch (t.kind) {
      case 'error':
        this.problems.push({ message: t.value, offset: t.start, code: t.value.startsWith('unterminated') ? 'unterminated' : 'syntax' });
        break;
      case 'regex':
        this.checkRegex(t.value, t.start);
        break;
      case 'string':
        if (this.regexStrings.has(t)) break;
        // Indexed, and only when there are escapes: most strings have none (an iterator per string token, cold).
        for (let i = 0, escapes = t.escapes; escapes !== undefined && i < escapes.length; i++) {
          const e = escapes[i]!;
          if (e !== `\\${t.quote}`) {
            this.problem(
              `escape '${e}' in a quoted string: Sumo documents only \\${t.quote}; write backslashes as \\x5c inside /regex/`,
              t.start,
              'ambiguous-escape',
            );
            break;
          }
        }
        if (this.isWord(prev, 'matches') && /\(\?[a-zA-Z]*[):]/.test(t.value)) {
          this.problem(
            'regex syntax in a quoted matches pattern: "…" is a wildcard pattern (only * is special); use /(?i)…/',
            t.start,
            'regex-in-wildcard',
          );
        }
        break;
      case 'ident':
        if (t.value === '_time') this.problem('Sumo has no _time field; use _messageTime or _timeslice', t.start, 'no-time-field');
        break;
      default:
        break;
    }
  }

  checkRegex(source: string, offset: number): void {
    if (source.length === 0) {
      this.problem('empty /regex/ literal', offset, 'regex');
      return;
    }
    if (hasEscapedBackslash(source)) {
      this.problem('backslash written as \\\\ in a /regex/: use \\x5c (one unambiguous encoding)', offset, 'ambiguous-escape');
    }
    if (!this.options.re2) return;
    const why = re2Error(source);
    if (why !== undefined) this.problem(`regex does not compile in RE2: ${why}`, offset, 'regex');
  }

  // ---- expressions (where, if, CSE)

  /** Parse one expression; stops before `,`, `)`, `as` or the end of the stage. */
  expression(): void {
    this.orExpr();
  }

  // The precedence levels read the current token in place (`this.pos < this.end ? this.tokens[this.pos] : undefined`,
  // what peek() answers) rather than through word()/op()/peek()/next(): every operand passes all seven levels, and in
  // a one-shot run this code is mostly interpreted, where each of those calls costs more than the test it makes.

  private orExpr(): void {
    this.andExpr();
    for (;;) {
      const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
      if (t === undefined || !(t.lower === 'or' || (t.kind === 'op' && t.value === '||'))) return;
      this.pos++;
      this.andExpr();
    }
  }

  private andExpr(): void {
    this.notExpr();
    for (;;) {
      const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
      if (t === undefined || !(t.lower === 'and' || (t.kind === 'op' && t.value === '&&'))) return;
      this.pos++;
      this.notExpr();
    }
  }

  private notExpr(): void {
    // Each `!` or `not` (unless a comma follows it) is taken, then the comparison it negates.
    for (;;) {
      const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
      if (t === undefined || !((t.kind === 'op' && t.value === '!') || (t.lower === 'not' && this.peek(1)?.kind !== 'comma'))) break;
      this.pos++;
    }
    this.comparison();
  }

  private comparison(): void {
    this.additive();
    const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
    if (t === undefined) return;
    if (t.kind === 'op' && COMPARISON.has(t.value)) {
      this.next();
      this.additive();
      return;
    }
    if (t.kind === 'ident' && (t.lower === 'matches' || t.lower === 'like' || t.lower === 'rlike')) {
      this.next();
      const v = this.next();
      if (v === undefined || (v.kind !== 'string' && v.kind !== 'regex')) {
        this.problem(`'${t.value}' needs a "pattern" or a /regex/`, v?.start ?? this.here(), 'syntax');
        if (v?.kind === 'error' && v) this.checkToken(v, t);
      } else if (v.kind === 'regex' && !this.isWord(t, 'matches')) {
        this.problem(`/regex/ literals are only read after 'matches'`, v.start, 'syntax');
      }
      return;
    }
    if (t.lower === 'in' || (t.lower === 'not' && this.word('in', 1))) {
      if (this.isWord(t, 'not')) this.next();
      this.next();
      this.list();
      return;
    }
  }

  private list(): void {
    if (!this.expectKind('lparen', "'(' after 'in'")) return;
    if (this.peek()?.kind === 'rparen') {
      this.problem("empty 'in' list", this.here(), 'syntax');
      this.next();
      return;
    }
    for (;;) {
      this.additive();
      if (this.peek()?.kind === 'comma') {
        this.next();
        continue;
      }
      break;
    }
    this.expectKind('rparen', "')' closing the 'in' list");
  }

  private additive(): void {
    this.unary();
    for (;;) {
      const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
      if (t === undefined || t.kind !== 'op' || !ARITHMETIC.has(t.value)) return;
      this.pos++;
      this.unary();
    }
  }

  private unary(): void {
    const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
    if (t !== undefined && t.kind === 'op' && (t.value === '-' || t.value === '+')) this.pos++;
    this.primary();
  }

  private primary(): void {
    const t = this.pos < this.end ? this.tokens[this.pos] : undefined;
    if (t === undefined) {
      this.problem('expression expected', this.here(), 'syntax');
      return;
    }
    // t is the current token: taking it is pos++ (what next() does for a token).
    switch (t.kind) {
      case 'string':
      case 'number':
        this.pos++;
        return;
      case 'field-ref':
        this.pos++;
        this.use(t.value, t.start);
        return;
      case 'lparen':
        this.pos++;
        this.expression();
        this.expectKind('rparen', "')'");
        return;
      case 'ident': {
        this.pos++;
        if (this.pos < this.end && this.tokens[this.pos]!.kind === 'lparen') {
          if (!FUNCTIONS.has(t.lower!)) this.problem(`unknown function '${t.value}'`, t.start, 'unknown-function');
          this.next();
          if (this.peek()?.kind === 'rparen') {
            this.next();
            return;
          }
          for (;;) {
            this.expression();
            if (this.peek()?.kind === 'comma') {
              this.next();
              continue;
            }
            break;
          }
          this.expectKind('rparen', `')' closing ${t.value}(…)`);
          return;
        }
        if (this.peek()?.kind === 'lbracket') {
          // CSE `fields['EventData.X']`
          this.next();
          this.expectKind('string', 'a quoted key');
          this.expectKind('rbracket', "']'");
        }
        if (OPERATOR_WORDS.has(t.lower!)) {
          this.problem(`operand expected before '${t.value}'`, t.start, 'syntax');
        } else if (this.dialect === 'search' && !CONSTANT_WORDS.has(t.lower!)) {
          this.use(t.value, t.start, t.lower);
        }
        return;
      }
      case 'regex':
        this.problem('/regex/ literal outside a matches test', t.start, 'syntax');
        this.next();
        return;
      default:
        this.problem(`unexpected '${t.value}'`, t.start, t.kind === 'rparen' ? 'unbalanced' : 'syntax');
        this.next();
        return;
    }
  }

  // ---- stages

  /** Run `f` over tokens [from, to); report tokens it left unread. */
  segment(from: number, to: number, f: () => void): void {
    this.pos = from;
    this.end = to;
    this.stageHasSyntaxError = false;
    for (let i = from; i < to; i++) if (this.tokens[i]!.kind === 'error') this.stageHasSyntaxError = true;
    f();
    const left = this.peek();
    if (left) {
      this.problem(
        `unexpected '${left.value}'`,
        left.start,
        left.kind === 'rparen' ? 'unbalanced' : left.kind === 'error' ? 'syntax' : 'syntax',
      );
    }
  }

  scope(): void {
    if (this.peek() === undefined) {
      this.problem('empty scope (write * to search everything)', 0, 'syntax');
      return;
    }
    this.scopeOr();
  }

  private scopeOr(): void {
    this.scopeAnd();
    while (this.peek()?.kind === 'term' && this.peek()!.value.toUpperCase() === 'OR') {
      this.next();
      this.scopeAnd();
    }
  }

  private scopeAnd(): void {
    this.scopeNot();
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.kind === 'rparen') return;
      if (t.kind === 'term' && t.value.toUpperCase() === 'OR') return;
      if (t.kind === 'term' && t.value.toUpperCase() === 'AND') this.next();
      this.scopeNot();
    }
  }

  private scopeNot(): void {
    const t = this.peek();
    if (t?.kind === 'term' && (t.value.toUpperCase() === 'NOT' || t.value === '!')) {
      this.next();
      this.scopeNot();
      return;
    }
    this.scopeAtom();
  }

  private scopeAtom(): void {
    const t = this.next();
    if (t === undefined) {
      this.problem('scope term expected', this.here(), 'syntax');
      return;
    }
    if (t.kind === 'lparen') {
      this.scopeOr();
      this.expectKind('rparen', "')' in scope");
      return;
    }
    if (t.kind === 'term' && ['AND', 'OR', 'NOT'].includes(t.value.toUpperCase())) {
      this.problem(`scope term expected before '${t.value}'`, t.start, 'syntax');
      return;
    }
    if (t.kind !== 'term' && t.kind !== 'string') {
      this.problem(`unexpected '${t.value}' in scope`, t.start, t.kind === 'rparen' ? 'unbalanced' : 'syntax');
    }
  }

  /** One pipe stage: tokens [from, to) after the `|`. */
  stage(from: number, to: number, pipeOffset: number): void {
    this.segment(from, to, () => {
      const cmd = this.peek();
      if (cmd === undefined) {
        this.problem('empty pipe stage', pipeOffset, 'syntax');
        return;
      }
      if (cmd.kind !== 'ident') {
        this.problem(`operator expected after '|' but found '${cmd.value}'`, cmd.start, 'unknown-operator');
        this.pos = this.end;
        return;
      }
      const name = cmd.value.toLowerCase();
      switch (name) {
        case 'where':
          this.next();
          if (this.peek() === undefined) this.problem("'where' needs a condition", cmd.end, 'syntax');
          else this.expression();
          return;
        case 'json':
          this.next();
          return this.jsonStage();
        case 'parse':
          this.next();
          return this.parseStage();
        case 'keyvalue':
        case 'kv':
          this.next();
          return this.keyvalueStage();
        case 'fields':
          this.next();
          if (this.isOp(this.peek(), '-', '+')) this.next();
          return void this.nameList('a field name', 'use');
        case 'sort':
        case 'order':
          this.next();
          return this.sortStage();
        case 'timeslice':
          this.next();
          this.expectKind('number', 'a duration such as 5m');
          if (this.isWord(this.peek(), 'as')) {
            this.next();
            const alias = this.expectKind('ident', 'a field name');
            if (alias) this.declare(alias.value);
          }
          return;
        case 'if':
          this.expressionAs();
          return;
        case 'eval':
          this.problem("Sumo has no 'eval' operator: use '| if(cond, a, b) as x' or '| <expr> as x'", cmd.start, 'no-eval');
          this.pos = this.end;
          return;
        default:
          if (AGGREGATES.has(name)) return this.aggregateStage();
          if (OTHER_COMMANDS.has(name)) {
            this.pos = this.end;
            return;
          }
          if (FUNCTIONS.has(name) && this.peek(1)?.kind === 'lparen') {
            this.expressionAs();
            return;
          }
          this.problem(`unknown operator '${cmd.value}'`, cmd.start, 'unknown-operator');
          this.pos = this.end;
      }
    });
  }

  /** `<expr> as <name>` (also `if(…) as x`). */
  private expressionAs(): void {
    this.expression();
    if (!this.isWord(this.peek(), 'as')) {
      this.problem("expected 'as <field>' after the expression", this.here(), 'syntax');
      return;
    }
    this.next();
    const alias = this.expectKind('ident', 'a field name');
    if (alias) this.declare(alias.value);
  }

  /** A comma-separated list of field names; each is declared or read. Returns the names. */
  private nameList(what: string, role: 'declare' | 'use'): string[] {
    const names: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'ident' || t?.kind === 'field-ref') {
        this.next();
        names.push(t.value);
        if (role === 'declare') this.declare(t.value, t.lower);
        else this.use(t.value, t.start, t.lower);
      } else {
        this.problem(`expected ${what}${t ? ` but found '${t.value}'` : ''}`, this.here(), 'syntax');
        return names;
      }
      if (this.peek()?.kind !== 'comma') return names;
      this.next();
    }
  }

  private jsonStage(): void {
    if (this.isWord(this.peek(), 'auto')) {
      this.pos = this.end;
      return;
    }
    this.fieldOption();
    const paths: string[] = [];
    for (;;) {
      const path = this.expectKind('string', 'a quoted JSON key path');
      if (!path) return;
      paths.push(path.value);
      if (this.peek()?.kind !== 'comma') break;
      this.next();
    }
    if (this.isWord(this.peek(), 'as')) {
      this.next();
      const at = this.here();
      const names = this.nameList('a field name', 'declare');
      if (names.length !== paths.length) this.problem(`json: ${paths.length} key path(s) but ${names.length} alias(es)`, at, 'syntax');
    } else {
      // Without aliases the fields are named after the key paths.
      for (const p of paths) this.declare(p);
    }
    if (this.isWord(this.peek(), 'nodrop')) this.next();
  }

  /** `keyvalue [infer] [field=x] "k1", "k2"`: each field named after its key (inference mode); other forms are skipped. */
  private keyvalueStage(): void {
    if (this.isWord(this.peek(), 'infer')) this.next();
    this.fieldOption();
    if (this.peek()?.kind !== 'string') {
      this.pos = this.end;
      return;
    }
    for (;;) {
      const key = this.expectKind('string', 'a quoted key');
      if (!key) return;
      this.declare(key.value);
      if (this.peek()?.kind !== 'comma') break;
      this.next();
    }
    if (this.peek() !== undefined) this.pos = this.end;
  }

  private fieldOption(): void {
    if (this.isWord(this.peek(), 'field') && this.isOp(this.peek(1), '=')) {
      this.next();
      this.next();
      const t = this.next();
      // The source field (`_raw`, or a field from an FER) is taken as given: not checked as a use.
      if (t?.kind !== 'ident' && t?.kind !== 'field-ref') this.problem('field=<name> expected', t?.start ?? this.here(), 'syntax');
    }
  }

  private parseStage(): void {
    const isRegex = this.isWord(this.peek(), 'regex');
    if (isRegex) this.next();
    this.fieldOption();
    const pattern = this.expectKind('string', isRegex ? 'a quoted regex' : 'a quoted anchor pattern');
    if (!pattern) return;
    if (isRegex) {
      // Only \" is documented inside the quotes; other backslashes are handed to the regex engine as written.
      this.regexStrings.add(pattern);
      this.checkRegex((pattern.raw ?? pattern.value).replaceAll(`\\${pattern.quote ?? '"'}`, pattern.quote ?? '"'), pattern.start);
      const groups = [...pattern.value.matchAll(/\(\?P?<([A-Za-z][A-Za-z0-9_]*)>/g)].map((m) => m[1]!);
      if (groups.length === 0) this.problem('parse regex needs at least one named group (?<name>…)', pattern.start, 'syntax');
      for (const g of groups) this.declare(g);
    } else if (this.isWord(this.peek(), 'as')) {
      this.next();
      this.nameList('a field name', 'declare');
    }
    while (this.isWord(this.peek(), 'nodrop', 'multi')) this.next();
  }

  private sortStage(): void {
    if (this.isWord(this.peek(), 'by')) this.next();
    for (;;) {
      if (this.isOp(this.peek(), '+', '-')) this.next();
      this.additive();
      if (this.isWord(this.peek(), 'asc', 'desc')) this.next();
      if (this.peek()?.kind !== 'comma') return;
      this.next();
    }
  }

  private aggregateStage(): void {
    const outputs: string[] = [];
    for (;;) {
      const t = this.next();
      if (!t || t.kind !== 'ident' || !AGGREGATES.has(t.value.toLowerCase())) {
        this.problem('aggregate function expected', t?.start ?? this.here(), 'syntax');
        return;
      }
      if (this.peek()?.kind === 'lparen') {
        this.next();
        if (this.peek()?.kind !== 'rparen') this.expression();
        this.expectKind('rparen', "')'");
      } else if (t.value.toLowerCase() !== 'count') {
        this.problem(`${t.value} needs (field)`, this.here(), 'syntax');
      }
      if (this.isWord(this.peek(), 'as')) {
        this.next();
        const alias = this.expectKind('ident', 'a field name');
        if (alias) outputs.push(alias.value);
      }
      if (this.peek()?.kind !== 'comma') break;
      this.next();
    }
    if (this.isWord(this.peek(), 'by')) {
      this.next();
      outputs.push(...this.nameList('a group-by field', 'use'));
    }
    // After an aggregate only its outputs exist (plus the `_count`-style defaults, which are built-in names).
    this.declared = new Set(outputs.map((o) => o.toLowerCase()));
  }
}

/**
 * Does the regex source write a backslash as the pair `\\` (rather than `\x5c`)? Read escape by escape, that is any two
 * backslashes in a row: the first of a run of them always starts an escape (a backslash before it would extend the
 * run), so the pair is found by one search instead of a character loop.
 */
function hasEscapedBackslash(source: string): boolean {
  return source.includes('\\\\');
}

function checkAllTokens(linter: Linter, tokens: readonly Token[]): void {
  for (let i = 0; i < tokens.length; i++) linter.checkToken(tokens[i]!, i > 0 ? tokens[i - 1] : undefined);
}

/** Validate a Sumo log search query (scope, then pipe stages). Returns [] when nothing is wrong. */
export function validateSumoQuery(query: string, options: LintOptions = {}): QueryProblem[] {
  const tokens = tokenize(query, { scope: true });
  const linter = new Linter(tokens, 'search', query.length, { re2: options.re2 ?? true, declaredFields: options.declaredFields ?? false });
  const pipes: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind === 'pipe') pipes.push(i);
  const scopeEnd = pipes[0] ?? tokens.length;
  linter.segment(0, scopeEnd, () => linter.scope());
  for (let k = 0; k < pipes.length; k++) linter.stage(pipes[k]! + 1, pipes[k + 1] ?? tokens.length, tokens[pipes[k]!]!.start);
  checkAllTokens(linter, tokens);
  return dedupe(linter.problems);
}

/** Validate a Cloud SIEM rule expression (one boolean expression, no pipes, no scope). */
export function validateCseExpression(expression: string, options: LintOptions = {}): QueryProblem[] {
  const tokens = tokenize(expression, { scope: false });
  const linter = new Linter(tokens, 'cse', expression.length, { re2: options.re2 ?? true });
  checkAllTokens(linter, tokens);
  let pipe = 0;
  while (pipe < tokens.length && tokens[pipe]!.kind !== 'pipe') pipe++;
  if (pipe < tokens.length) linter.problem('a CSE rule expression has no pipe stages', tokens[pipe]!.start, 'syntax');
  if (tokens.length === 0) linter.problem('empty expression', 0, 'syntax');
  else linter.segment(0, pipe, () => linter.expression());
  return dedupe(linter.problems);
}

function dedupe(problems: readonly QueryProblem[]): QueryProblem[] {
  if (problems.length === 0) return [];
  const seen = new Set<string>();
  const out: QueryProblem[] = [];
  for (const p of problems) {
    const k = `${p.offset}:${p.code}:${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
