import type { QueryProblem } from '@sigmats/core';
import { compilePcre } from './regex-check.js';
import { simpleSearch } from './simple-search.js';
import { tokenize, type SplToken } from './tokenize.js';

/**
 * Lint-level SPL validation (no SPL parser exists on npm). It checks what makes a query invalid or silently
 * wrong in ways this backend could cause: quoting and escapes, grouping, the pipeline of known commands,
 * IN lists, dangling boolean operators, and that every regex compiles.
 */

/** Commands this backend may emit, or that users commonly append. */
const COMMANDS = new Set([
  'search', 'where', 'regex', 'rex', 'eval', 'table', 'fields', 'stats', 'eventstats', 'streamstats', 'bin',
  'bucket', 'rename', 'tstats', 'multisearch', 'convert', 'sort', 'dedup', 'head', 'tail', 'fillnull', 'lookup',
  'inputlookup', 'makeresults', 'transaction', 'datamodel', 'from', 'append', 'join', 'spath', 'xmlkv',
]);
/** Commands that may start a search after a leading pipe. */
const GENERATING = new Set(['tstats', 'multisearch', 'inputlookup', 'makeresults', 'datamodel', 'from', 'search']);
/** eval functions this backend emits, plus common ones. */
const EVAL_FUNCTIONS = new Set([
  'match', 'like', 'cidrmatch', 'isnull', 'isnotnull', 'lower', 'upper', 'len', 'substr', 'tonumber', 'tostring',
  'strftime', 'strptime', 'floor', 'ceil', 'round', 'abs', 'if', 'case', 'coalesce', 'true', 'false', 'searchmatch',
  'mvfind', 'mvcount', 'mvindex', 'split', 'replace', 'trim', 'ltrim', 'rtrim', 'now', 'relative_time', 'null',
  'isnum', 'isstr', 'in', 'min', 'max', 'mvjoin', 'urldecode', 'sha256', 'md5',
]);
const BOOL = new Set(['AND', 'OR', 'NOT']);
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

type Mode = 'search' | 'where';

class Linter {
  readonly problems: QueryProblem[] = [];

  /**
   * Whether the query holds no control character at all: then no token does, and the per-token scan is skipped
   * (one native scan of the whole query instead of one per quoted token).
   */
  constructor(private readonly controlFree: boolean, private readonly pipeFree: boolean) {}

  report(message: string, offset: number, code?: string): void {
    this.problems.push({ message, offset, ...(code ? { code } : {}) });
  }

  /** Split on pipes at bracket depth 0 (brackets hold subsearches). */
  segments(tokens: readonly SplToken[]): (readonly SplToken[])[] {
    // No `|` in the query: no pipe token, one segment (most emitted queries are a search alone).
    if (this.pipeFree) return [tokens];
    const segs: SplToken[][] = [[]];
    let depth = 0;
    for (const t of tokens) {
      if (t.kind === 'lbracket') depth++;
      if (t.kind === 'rbracket') depth = Math.max(0, depth - 1);
      if (t.kind === 'pipe' && depth === 0) segs.push([]);
      else segs[segs.length - 1]!.push(t);
    }
    return segs;
  }

  pipeline(tokens: readonly SplToken[], endOffset: number, nested: boolean): void {
    const segs = this.segments(tokens);
    const leadingPipe = tokens[0]?.kind === 'pipe';
    segs.forEach((seg, idx) => {
      const at = seg[0]?.offset ?? endOffset;
      if (idx === 0) {
        if (leadingPipe) return; // empty segment before the leading pipe
        if (seg.length === 0) {
          this.report('empty search', at, 'spl/empty');
          return;
        }
        if (nested) {
          const first = seg[0]!;
          if (!(first.kind === 'word' && first.value === 'search')) {
            this.report('a subsearch must start with the search command', first.offset, 'spl/subsearch');
          }
          this.command(seg, idx === 0);
          return;
        }
        this.expression(seg, 'search');
        return;
      }
      if (seg.length === 0) {
        this.report('empty command after |', at, 'spl/empty-command');
        return;
      }
      this.command(seg, idx === 1 && leadingPipe);
    });
  }

  command(seg: readonly SplToken[], first: boolean): void {
    const head = seg[0]!;
    if (head.kind === 'macro') return;
    if (head.kind !== 'word' || !COMMANDS.has(head.value)) {
      this.report(`unknown command '${head.text}'`, head.offset, 'spl/unknown-command');
      return;
    }
    if (first && !GENERATING.has(head.value)) {
      this.report(`'${head.value}' cannot start a search (not a generating command)`, head.offset, 'spl/not-generating');
    }
    const args = seg.slice(1);
    switch (head.value) {
      case 'search':
        if (args.length === 0) this.report('search without terms', head.offset, 'spl/empty');
        else this.expression(args, 'search');
        return;
      case 'where':
        if (args.length === 0) this.report('where without an expression', head.offset, 'spl/empty');
        else this.expression(args, 'where');
        return;
      case 'regex':
        this.regexCommand(head, args);
        return;
      case 'rex':
        this.rexCommand(head, args);
        return;
      case 'eval':
        this.evalCommand(head, args);
        return;
      case 'tstats':
        this.tstats(head, args);
        return;
      case 'multisearch':
        this.multisearch(head, args);
        return;
      default:
        this.generic(args);
    }
  }

  /** Arguments of commands we do not model: balanced groups and clean strings only. */
  generic(args: readonly SplToken[]): void {
    const stack: SplToken[] = [];
    for (const t of args) {
      this.token(t);
      if (t.kind === 'lparen') stack.push(t);
      if (t.kind === 'rparen' && !stack.pop()) this.report("unbalanced ')'", t.offset, 'spl/paren');
    }
    for (const t of stack) this.report("unclosed '('", t.offset, 'spl/paren');
  }

  /** Checks every token kind can carry on its own. */
  token(t: SplToken): void {
    if (t.kind === 'error') {
      this.report(t.message ?? 'syntax error', t.offset, 'spl/syntax');
      return;
    }
    if (t.kind === 'string' || t.kind === 'field') {
      for (const e of t.escapes ?? []) {
        if (e.seq === '\\*') {
          this.report('\\* is not an escape in SPL: a backslash cannot escape the asterisk', e.offset, 'spl/escaped-asterisk');
        } else if (e.seq !== '\\\\' && e.seq !== '\\"' && e.seq !== "\\'") {
          this.report(`ambiguous escape ${JSON.stringify(e.seq)} in a quoted string (write \\\\ for a backslash)`, e.offset, 'spl/escape');
        }
      }
      // Raw control characters inside literals do not survive savedsearches.conf and are never needed.
      const control = this.controlFree ? null : CONTROL_CHAR.exec(t.text);
      if (control) this.report('raw control character inside a quoted string', t.offset + control.index, 'spl/control-char');
    }
  }

  /**
   * A search or where expression: terms, comparisons, IN lists, function calls (where), AND/OR/NOT, groups.
   * Tokens that belong to a command's keyword arguments (e.g. `by`) must be cut off by the caller.
   */
  expression(tokens: readonly SplToken[], mode: Mode): void {
    const stack: { tok: SplToken; call: boolean }[] = [];
    // What the previous token allows next: 'operand' (start, after an operator/open) or 'term' (after an operand).
    let prev: SplToken | undefined;
    let expectOperand = true;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      this.token(t);
      const next = tokens[i + 1];
      if (t.kind === 'error') return;
      if (t.kind === 'word' && BOOL.has(t.value)) {
        if (t.value !== 'NOT' && expectOperand) this.report(`'${t.value}' without a left operand`, t.offset, 'spl/dangling-operator');
        if (!next || next.kind === 'rparen' || next.kind === 'comma' || (next.kind === 'word' && (next.value === 'AND' || next.value === 'OR'))) {
          this.report(`'${t.value}' without a right operand`, t.offset, 'spl/dangling-operator');
        }
        expectOperand = true;
        prev = t;
        continue;
      }
      if (t.kind === 'word' && (t.value === 'and' || t.value === 'or' || t.value === 'not') && mode === 'where') {
        this.report(`boolean operators must be upper case ('${t.value}')`, t.offset, 'spl/lowercase-operator');
        expectOperand = true;
        prev = t;
        continue;
      }
      if (t.kind === 'word' && t.value === 'IN' && mode === 'search') {
        i = this.inList(tokens, i, prev);
        expectOperand = false;
        prev = tokens[i];
        continue;
      }
      if (t.kind === 'lparen') {
        // A call is a name written right against its '(' (`match(`, `TERM(`); `x (a OR b)` is a group.
        const call = prev?.kind === 'word' && !BOOL.has(prev.value) && !expectOperand && prev.offset + prev.text.length === t.offset;
        if (call && mode === 'search') {
          // CASE(x) / TERM(x) directives are the only calls in search terms.
          if (!['CASE', 'TERM'].includes(prev!.value)) this.report(`unexpected '(' after '${prev!.text}'`, t.offset, 'spl/syntax');
        }
        if (call && mode === 'where' && !EVAL_FUNCTIONS.has(prev!.value.replace(/^[-+]/, ''))) {
          this.report(`unknown eval function '${prev!.value}'`, prev!.offset, 'spl/unknown-function');
        }
        if (call && mode === 'where' && prev!.value === 'match') this.matchCall(tokens, i);
        stack.push({ tok: t, call });
        expectOperand = true;
        prev = t;
        if (next?.kind === 'rparen' && !call) this.report('empty group ()', t.offset, 'spl/empty-group');
        continue;
      }
      if (t.kind === 'rparen') {
        const open = stack.pop();
        if (!open) this.report("unbalanced ')'", t.offset, 'spl/paren');
        else if (expectOperand && prev?.kind !== 'lparen') this.report("')' after an operator", t.offset, 'spl/dangling-operator');
        expectOperand = false;
        prev = t;
        continue;
      }
      if (t.kind === 'comma') {
        const top = stack[stack.length - 1];
        if (!top?.call) this.report("unexpected ','", t.offset, 'spl/syntax');
        expectOperand = true;
        prev = t;
        continue;
      }
      if (t.kind === 'op') {
        if (expectOperand && mode === 'search') this.report(`'${t.value}' without a field`, t.offset, 'spl/syntax');
        if (mode === 'search' && t.value === '==') this.report("'==' is not a search operator (use '=')", t.offset, 'spl/syntax');
        if (!next || next.kind === 'rparen' || next.kind === 'pipe' || next.kind === 'comma' || (next.kind === 'word' && BOOL.has(next.value))) {
          this.report(`'${t.value}' without a value`, t.offset, 'spl/syntax');
        }
        expectOperand = true;
        prev = t;
        continue;
      }
      if (t.kind === 'lbracket' && mode === 'search') {
        // A subsearch `[ … ]` is an operand whose text is a pipeline of its own.
        let depth = 0;
        let j = i;
        for (; j < tokens.length; j++) {
          if (tokens[j]!.kind === 'lbracket') depth++;
          if (tokens[j]!.kind === 'rbracket' && --depth === 0) break;
        }
        if (j >= tokens.length) return; // unbalanced: reported by lintSpl
        const inner = tokens.slice(i + 1, j);
        if (inner.length === 0) this.report('empty subsearch', t.offset, 'spl/empty');
        else this.pipeline(inner, tokens[j]!.offset, false);
        i = j;
        expectOperand = false;
        prev = tokens[j];
        continue;
      }
      if (t.kind === 'lbracket' || t.kind === 'rbracket' || t.kind === 'pipe') {
        this.report(`unexpected '${t.text}'`, t.offset, 'spl/syntax');
        continue;
      }
      // operand: word, string, field, macro
      if (mode === 'where' && !expectOperand && prev && !/[-+*/%.]$/.test(prev.text) && !/^[-+*/%.]/.test(t.text)) {
        this.report(`missing operator before '${t.text}'`, t.offset, 'spl/syntax');
      }
      expectOperand = false;
      prev = t;
    }
    for (const s of stack) this.report("unclosed '('", s.tok.offset, 'spl/paren');
  }

  /** `F IN ( v1 , v2 , … )`: returns the index of the closing parenthesis. */
  inList(tokens: readonly SplToken[], i: number, prev: SplToken | undefined): number {
    const t = tokens[i]!;
    if (!prev || !(prev.kind === 'word' || prev.kind === 'string') || BOOL.has(prev.value)) {
      this.report('IN without a field', t.offset, 'spl/in-list');
    }
    const open = tokens[i + 1];
    if (open?.kind !== 'lparen') {
      this.report("IN must be followed by '('", t.offset, 'spl/in-list');
      return i;
    }
    let j = i + 2;
    let wantValue = true;
    let count = 0;
    for (; j < tokens.length; j++) {
      const v = tokens[j]!;
      this.token(v);
      if (v.kind === 'rparen') {
        if (wantValue) this.report(count === 0 ? 'empty IN list' : 'IN list ends with a comma', v.offset, 'spl/in-list');
        return j;
      }
      if (wantValue) {
        if (v.kind !== 'string' && v.kind !== 'word') {
          this.report(`unexpected ${v.kind} in IN list`, v.offset, 'spl/in-list');
          return this.skipTo(tokens, j);
        }
        count++;
        wantValue = false;
      } else if (v.kind !== 'comma') {
        this.report("IN list values must be separated by ','", v.offset, 'spl/in-list');
        return this.skipTo(tokens, j);
      } else wantValue = true;
    }
    this.report('unclosed IN list', open.offset, 'spl/in-list');
    return tokens.length - 1;
  }

  /** After a reported IN-list problem: the index of the list's ')' (or the last token), to go on from there. */
  skipTo(tokens: readonly SplToken[], j: number): number {
    let k = j;
    while (k < tokens.length - 1 && tokens[k]!.kind !== 'rparen') k++;
    return k;
  }

  /** `match(<field>, "<regex>")`: the regex must compile. */
  matchCall(tokens: readonly SplToken[], openIdx: number): void {
    let depth = 0;
    for (let j = openIdx; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (t.kind === 'lparen') depth++;
      else if (t.kind === 'rparen') {
        depth--;
        if (depth === 0) return;
      } else if (t.kind === 'comma' && depth === 1) {
        const re = tokens[j + 1];
        if (re?.kind === 'string') this.regex(re);
        return;
      }
    }
  }

  regex(t: SplToken): void {
    const err = compilePcre(t.value);
    if (err) this.report(`regex does not compile: ${err}`, t.offset, 'spl/regex');
  }

  regexCommand(head: SplToken, args: readonly SplToken[]): void {
    // regex [<field>(=|!=)]"<regex>"
    const strs = args.filter((a) => a.kind === 'string');
    args.forEach((a) => this.token(a));
    const ok =
      (args.length === 1 && args[0]!.kind === 'string') ||
      (args.length === 3 &&
        (args[0]!.kind === 'word' || args[0]!.kind === 'string') &&
        args[1]!.kind === 'op' &&
        (args[1]!.value === '=' || args[1]!.value === '!=') &&
        args[2]!.kind === 'string');
    if (!ok) {
      this.report('regex expects [<field>=|!=]"<regex>"', head.offset, 'spl/regex-command');
      return;
    }
    this.regex(strs[strs.length - 1]!);
  }

  rexCommand(head: SplToken, args: readonly SplToken[]): void {
    args.forEach((a) => this.token(a));
    const re = args.find((a) => a.kind === 'string' && !(args[args.indexOf(a) - 1]?.kind === 'op'));
    if (!re) this.report('rex without a regex', head.offset, 'spl/regex-command');
    else this.regex(re);
  }

  evalCommand(head: SplToken, args: readonly SplToken[]): void {
    // eval f=<expr>[, f=<expr>]*: split on top-level commas.
    let depth = 0;
    let start = 0;
    const parts: SplToken[][] = [];
    args.forEach((a, k) => {
      if (a.kind === 'lparen') depth++;
      if (a.kind === 'rparen') depth--;
      if (a.kind === 'comma' && depth === 0) {
        parts.push(args.slice(start, k));
        start = k + 1;
      }
    });
    parts.push(args.slice(start));
    for (const p of parts) {
      const [name, eq, ...rest] = p;
      if (!name || !eq || eq.kind !== 'op' || eq.value !== '=' || rest.length === 0 || !(name.kind === 'word' || name.kind === 'field' || name.kind === 'string')) {
        this.report('eval expects <field>=<expression>', (name ?? head).offset, 'spl/eval');
        continue;
      }
      this.expression(rest, 'where');
    }
  }

  tstats(head: SplToken, args: readonly SplToken[]): void {
    const whereIdx = args.findIndex((a) => a.kind === 'word' && a.value === 'where');
    const byIdx = args.findIndex((a, k) => k > whereIdx && a.kind === 'word' && a.value === 'by');
    const fromIdx = args.findIndex((a) => a.kind === 'word' && a.value === 'from');
    if (fromIdx < 0) this.report('tstats without from', head.offset, 'spl/tstats');
    this.generic(args.slice(0, whereIdx < 0 ? (byIdx < 0 ? args.length : byIdx) : whereIdx));
    if (whereIdx >= 0) {
      const cond = args.slice(whereIdx + 1, byIdx < 0 ? args.length : byIdx);
      if (cond.length === 0) this.report('tstats where without a condition', args[whereIdx]!.offset, 'spl/tstats');
      // tstats where takes search terms (field=value, IN, wildcards) with where precedence, and no regex.
      else this.expression(cond, 'search');
    }
    if (byIdx >= 0) {
      const fields = args.slice(byIdx + 1);
      if (fields.length === 0) this.report('tstats by without fields', args[byIdx]!.offset, 'spl/tstats');
      for (const f of fields) {
        this.token(f);
        if (f.kind !== 'word' && f.kind !== 'comma') this.report(`unexpected ${f.kind} in by clause`, f.offset, 'spl/tstats');
      }
    }
  }

  multisearch(head: SplToken, args: readonly SplToken[]): void {
    let count = 0;
    let i = 0;
    while (i < args.length) {
      const open = args[i]!;
      if (open.kind !== 'lbracket') {
        this.report("multisearch expects '[ search … ]' subsearches", open.offset, 'spl/multisearch');
        return;
      }
      let depth = 0;
      let j = i;
      for (; j < args.length; j++) {
        if (args[j]!.kind === 'lbracket') depth++;
        if (args[j]!.kind === 'rbracket' && --depth === 0) break;
      }
      if (j >= args.length) {
        this.report("unclosed '['", open.offset, 'spl/bracket');
        return;
      }
      this.pipeline(args.slice(i + 1, j), args[j]!.offset, true);
      count++;
      i = j + 1;
    }
    if (count < 2) this.report('multisearch needs at least two subsearches', head.offset, 'spl/multisearch');
  }
}

/** Lint one SPL query; an empty list means no problem found. */
export function lintSpl(query: string): QueryProblem[] {
  // Most emitted queries are one plain search expression: proven clean in one pass without tokens (simple-search.ts).
  return simpleSearch(query) ? [] : fullLint(query);
}

/** lintSpl without the quick proof: every query through the tokens (the tests hold simpleSearch to it). */
export function fullLint(query: string): QueryProblem[] {
  const linter = new Linter(!CONTROL_CHAR.test(query), !query.includes('|'));
  const tokens = tokenize(query, false);
  if (tokens.length === 0) {
    linter.report('empty query', 0, 'spl/empty');
    return linter.problems;
  }
  // Brackets outside multisearch are subsearches we do not emit: check they balance. No '[' or ']' anywhere in
  // the text means no bracket token (one native scan instead of a walk over every token).
  let depth = 0;
  const brackets = query.includes('[') || query.includes(']');
  if (brackets) {
    for (const t of tokens) {
      if (t.kind === 'lbracket') depth++;
      if (t.kind === 'rbracket' && --depth < 0) {
        linter.report("unbalanced ']'", t.offset, 'spl/bracket');
        depth = 0;
      }
    }
  }
  if (depth > 0) linter.report("unclosed '['", tokens.find((t) => t.kind === 'lbracket')!.offset, 'spl/bracket');
  if (tokens[0]!.kind === 'pipe') {
    const firstCmd = tokens[1];
    if (!firstCmd) linter.report('empty command after |', 0, 'spl/empty-command');
  }
  linter.pipeline(tokens, query.length, false);
  return linter.problems.sort((a, b) => a.offset - b.offset);
}
