import type { CseRecord } from '../types.js';
import { Evaluator, type EValue } from '../sumo/eval.js';
import { children, ExprParser, type Expr } from '../sumo/expr.js';
import { CSE_FUNCTIONS } from '../sumo/functions.js';
import { extractJson, parseJsonPath, type PathSegment } from '../sumo/json.js';
import { tokenize, type Fail, type Token } from '../sumo/lexer.js';
import { SumoError } from '../sumo/errors.js';
import { CseError } from './errors.js';

/**
 * A reference interpreter of Cloud SIEM rule expressions (cse/rules/cse-rules-syntax), written from Sumo's
 * documentation; SOURCES.md holds the excerpts and the assumptions. Parse once with `compileCse`, test many records.
 *
 * Semantics (beyond those shared with log search, see ../sumo/eval.ts):
 * - `x matches /re/` "is equivalent to `foo RLIKE '.*bar.*'`", and RLIKE finds a match anywhere (the docs'
 *   `dns_query rlike '[A-Za-z2-7]{60,}'` looks for a run inside a longer name), so regexes match anywhere by
 *   default (option `regexMatch`);
 * - `x matches "*bar*"` "is equivalent to `foo LIKE '%bar%'`": whole value, `*` any text; a pattern holding LIKE's
 *   own `%` or `_` is refused (what they mean there is not documented);
 * - `in (…)` is not on the syntax page; it is read as Spark SQL's IN, with the same casts as `=`;
 * - normalized fields are record keys; `fields['EventData.X']` reads the raw key/value map.
 */

export { CseError } from './errors.js';

export interface CseOptions {
  /** How `matches /re/` and `rlike` apply. Default 'anywhere' (RLIKE). */
  readonly regexMatch?: 'anywhere' | 'whole';
}

export interface CompiledCse {
  readonly expression: string;
  test(record: CseRecord): boolean;
}

const fail: Fail = (message, offset) => {
  throw new CseError('syntax', message, offset);
};
const unsupported: Fail = (message, offset) => {
  throw new CseError('unsupported', message, offset);
};

interface JsonClause {
  readonly source: string;
  readonly paths: readonly { readonly segs: readonly PathSegment[]; readonly name: string }[];
}

function checkWildcards(e: Expr): void {
  if (e.k === 'wild' && /[%_]/.test(e.pattern)) {
    throw new CseError('unsupported', `matches "${e.pattern}": '%' and '_' in a quoted pattern (LIKE wildcards?) are not documented`);
  }
  children(e).forEach(checkWildcards);
}

/** `| json field=fields "a.b" as x` clauses (cse-rules-syntax "json"), then one `where`. */
function parseClauses(tokens: readonly Token[]): { clauses: JsonClause[]; where: Expr } {
  const segments: [number, number][] = [];
  let from = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || (t.kind === 'punct' && t.value === '|')) {
      if (i > from) segments.push([from, i]);
      else if (t !== undefined && i > 0) fail('empty clause', t.start);
      from = i + 1;
    }
  }
  const clauses: JsonClause[] = [];
  let where: Expr | undefined;
  for (const [a, b] of segments) {
    const p = new ExprParser(tokens, { dialect: 'cse', functions: CSE_FUNCTIONS, fail, unsupported }, a, b);
    if (p.word('json')) {
      if (where) fail('json clauses come before the where clause', tokens[a]!.start);
      p.pos++;
      if (!(p.word('field') && p.op('=', 1))) unsupported('json in CSE needs field=fields (cse-rules-syntax)', p.here());
      p.pos += 2;
      const src = p.peek();
      if (src?.kind !== 'ident' || (src.value !== 'fields' && src.value !== '_raw')) fail('json field= takes fields (or _raw)', src?.start ?? p.here());
      p.pos++;
      const paths: { text: string; at: number }[] = [];
      for (;;) {
        const s = p.peek();
        if (s?.kind !== 'string') fail('expected a quoted JSON key path', s?.start ?? p.here());
        paths.push({ text: (s as { value: string }).value, at: s!.start });
        p.pos++;
        if (!p.punct(',')) break;
        p.pos++;
      }
      if (!p.word('as')) fail('json in CSE needs an alias (cse-rules-syntax)', p.here());
      p.pos++;
      const names: string[] = [];
      for (;;) {
        const n = p.peek();
        if (n?.kind !== 'ident') fail('expected an alias', n?.start ?? p.here());
        names.push((n as { value: string }).value);
        p.pos++;
        if (!p.punct(',')) break;
        p.pos++;
      }
      if (names.length !== paths.length) throw new CseError('semantic', `${paths.length} path(s) but ${names.length} alias(es)`, tokens[a]!.start);
      if (!p.atEnd()) fail('unexpected text after the json clause', p.here());
      clauses.push({
        source: 'fields',
        paths: paths.map((x, i) => {
          try {
            return { segs: parseJsonPath(x.text, x.at), name: names[i]! };
          } catch (e) {
            throw e instanceof SumoError ? new CseError(e.kind, e.message) : e;
          }
        }),
      });
      continue;
    }
    if (where) fail('only one where clause per expression (cse-rules-syntax)', tokens[a]!.start);
    if (p.word('where')) p.pos++;
    else if (segments.length > 1 || (tokens[a - 1]?.kind === 'punct')) fail("expected 'json' or 'where' after '|'", tokens[a]!.start);
    where = p.expression();
    if (!p.atEnd()) fail(`unexpected '${String(p.peek()!.value)}'`, p.here());
  }
  if (!where) fail('expression expected', 0);
  return { clauses, where: where! };
}

function recordValue(record: CseRecord, name: string): EValue {
  if (Object.prototype.hasOwnProperty.call(record, name)) return (record[name] as EValue | undefined) ?? null;
  // Spark SQL resolves column names without regard to case by default (assumption A-CSE-NAME-CASE).
  const lower = name.toLowerCase();
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return (record[k] as EValue | undefined) ?? null;
  return null;
}

/** Parse a Cloud SIEM rule expression. Throws CseError (syntax, semantic or unsupported). */
export function compileCse(expression: string, options: CseOptions = {}): CompiledCse {
  let tokens: Token[];
  try {
    tokens = tokenize(expression, 'cse', fail);
  } catch (e) {
    throw e instanceof CseError ? e : new CseError('syntax', (e as Error).message);
  }
  if (tokens.length === 0) fail('empty expression', 0);
  const { clauses, where } = parseClauses(tokens);
  checkWildcards(where);
  const ev = new Evaluator({ regexMatch: options.regexMatch ?? 'anywhere', inCoerces: true });
  return {
    expression,
    test(record: CseRecord): boolean {
      const extracted = new Map<string, string | null>();
      for (const c of clauses) {
        for (const p of c.paths) extracted.set(p.name.toLowerCase(), extractJson(record.fields ?? {}, p.segs) ?? null);
      }
      return ev.test(where, {
        get: (name) => (extracted.has(name.toLowerCase()) ? extracted.get(name.toLowerCase())! : name === '_raw' ? (record.fields as EValue) : recordValue(record, name)),
      });
    },
  };
}
