import { SumoError } from './errors.js';
import { fieldsRead, type Expr } from './expr.js';
import { tokenize, type Fail, type Token } from './lexer.js';
import { Runner, type SumoResultRow, type TimedSumoMessage } from './run.js';
import { parseScope } from './scope.js';
import { parseStage, type Stage } from './stages.js';

/**
 * A reference interpreter of Sumo Logic log search, written from Sumo's documentation (SOURCES.md holds the
 * excerpts and the assumptions where the docs are silent). Parse once with `compileSumo`, run many times.
 */

export { SumoError } from './errors.js';
export type { InterpreterErrorKind } from './errors.js';
export type { SumoResultRow, TimedSumoMessage } from './run.js';

export interface SumoOptions {
  /**
   * How `matches /re/` applies. The docs do not say whether the regex must match the whole value (SOURCES.md,
   * A-REGEX-WHOLE): run a differential both ways. Default 'anywhere'.
   */
  readonly regexMatch?: 'anywhere' | 'whole';
  /** Whether `_` is part of a keyword term (A-TERM-UNDERSCORE). Default true. */
  readonly underscoreInTerms?: boolean;
}

export interface CompiledSumo {
  readonly query: string;
  /**
   * Rows that survive the whole query, with the fields its stages extracted; after an aggregate, the aggregate
   * rows (no message). Messages may carry `_messageTime` (epoch ms) for `timeslice`.
   */
  run(messages: readonly TimedSumoMessage[]): SumoResultRow[];
  /**
   * Fields the query reads that no earlier stage defines and that are not built-in (`_…`): Sumo reads them from
   * Field Extraction Rules (SumoMessage.fields); a query in Manual parsing mode fails when none defines them.
   */
  readonly undeclaredFields: readonly string[];
}

const fail: Fail = (message, offset) => {
  throw new SumoError('syntax', message, offset);
};

/**
 * Comments, blanked out (offsets stay): "`//` - Comments out a single line of the query, or a part of a single
 * line"; slash-star … star-slash "Creates a multiple line comment" (comments-search-queries). Not inside quoted strings or
 * `/regex/` literals.
 */
export function stripComments(query: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < query.length && query[j] !== '"') j += query[j] === '\\' && query[j + 1] === '"' ? 2 : 1;
      out += query.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '/' && query[i + 1] === '/') {
      const j = query.indexOf('\n', i);
      const end = j < 0 ? query.length : j;
      out += blank(query.slice(i, end));
      i = end;
      continue;
    }
    if (ch === '/' && query[i + 1] === '*') {
      const j = query.indexOf('*/', i + 2);
      if (j < 0) throw new SumoError('syntax', 'unterminated /* comment', i);
      out += blank(query.slice(i, j + 2));
      i = j + 2;
      continue;
    }
    if (ch === '/' && /\bmatches\s*$/i.test(out)) {
      let j = i + 1;
      while (j < query.length && query[j] !== '/' && query[j] !== '\n') j += query[j] === '\\' ? 2 : 1;
      out += query.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** End of the scope: the first `|` outside a quoted phrase. */
function scopeEnd(query: string): number {
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    if (quoted) {
      if (ch === '\\' && query[i + 1] === '"') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '|') return i;
  }
  return query.length;
}

/** Fields read but not defined by an earlier stage; `json auto`/`kv auto` define unknown names, so checking stops. */
function undeclared(stages: readonly Stage[]): string[] {
  let declared = new Set<string>();
  const out = new Set<string>();
  const read = (e: Expr): void => {
    for (const f of fieldsRead(e)) if (!f.startsWith('_') && !declared.has(f.toLowerCase())) out.add(f);
  };
  for (const s of stages) {
    switch (s.k) {
      case 'where':
        read(s.e);
        break;
      case 'eval':
        read(s.e);
        declared.add(s.name.toLowerCase());
        break;
      case 'json':
        s.paths.forEach((p) => declared.add(p.name.toLowerCase()));
        break;
      case 'kv':
        if (s.auto) return [...out];
        s.keys.forEach((k) => declared.add(k.name.toLowerCase()));
        break;
      case 'json-auto':
        return [...out];
      case 'parse':
      case 'parse-regex':
        s.names.forEach((n) => declared.add(n.toLowerCase()));
        break;
      case 'fields':
        s.names.forEach((n) => {
          if (!n.startsWith('_') && !declared.has(n.toLowerCase())) out.add(n);
        });
        break;
      case 'timeslice':
        declared.add(s.name.toLowerCase());
        break;
      case 'aggregate':
        s.aggs.forEach((a) => a.arg && read(a.arg));
        s.by.forEach((b) => {
          if (!b.startsWith('_') && !declared.has(b.toLowerCase())) out.add(b);
        });
        declared = new Set([...s.by, ...s.aggs.map((a) => a.name)].map((n) => n.toLowerCase()));
        break;
      case 'sort':
        s.keys.forEach((k) => read(k.e));
        break;
      case 'limit':
        break;
    }
  }
  return [...out];
}

/** Parse a log search query. Throws SumoError (syntax, semantic or unsupported). */
export function compileSumo(original: string, options: SumoOptions = {}): CompiledSumo {
  const query = stripComments(original);
  const end = scopeEnd(query);
  const scopeOptions = { underscoreInTerms: options.underscoreInTerms ?? true };
  const scope = parseScope(query.slice(0, end), scopeOptions);
  const stages: Stage[] = [];
  if (end < query.length) {
    const tokens: Token[] = tokenize(query, 'search', fail, end);
    // tokens[0] is the first `|`.
    let from = 1;
    let pipeAt = tokens[0]!.start;
    for (let i = 1; i <= tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined || (t.kind === 'punct' && t.value === '|')) {
        stages.push(parseStage(tokens, from, i, pipeAt));
        from = i + 1;
        if (t) pipeAt = t.start;
      }
    }
  }
  const runner = new Runner(scope, stages, { ...scopeOptions, regexMatch: options.regexMatch ?? 'anywhere' });
  const fieldsUndeclared = undeclared(stages);
  return {
    query: original,
    run: (messages) => runner.run(messages),
    undeclaredFields: fieldsUndeclared,
  };
}
