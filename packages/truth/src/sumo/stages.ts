import type { RE2JS } from 're2js';
import { SumoError } from './errors.js';
import { compileRe2, ExprParser, type Expr } from './expr.js';
import { SEARCH_FUNCTIONS } from './functions.js';
import { parseJsonPath, type PathSegment } from './json.js';
import type { Fail, Token } from './lexer.js';
import { escapeRegExp } from './values.js';

/** The pipe stages of a log search, parsed (docs paths under search/search-query-language/). */
export type Stage =
  | { readonly k: 'where'; readonly e: Expr }
  | { readonly k: 'json'; readonly source: string; readonly paths: readonly { readonly segs: readonly PathSegment[]; readonly name: string }[]; readonly nodrop: boolean }
  | { readonly k: 'json-auto'; readonly source: string; readonly maxDepth: number }
  | {
      readonly k: 'kv';
      readonly source: string;
      readonly keys: readonly { readonly key: string; readonly name: string }[];
      readonly auto: boolean;
      readonly regex?: RE2JS;
      readonly nodrop: boolean;
    }
  | { readonly k: 'parse'; readonly source: string; readonly re: RegExp; readonly names: readonly string[]; readonly nodrop: boolean }
  | { readonly k: 'parse-regex'; readonly source: string; readonly re: RE2JS; readonly names: readonly string[]; readonly nodrop: boolean; readonly multi: boolean }
  /** `<expr> as x` (also `if(…) as x`, `concat(…) as x`); `num(x)` alone casts x in place. */
  | { readonly k: 'eval'; readonly e: Expr; readonly name: string }
  | { readonly k: 'fields'; readonly drop: boolean; readonly names: readonly string[] }
  | { readonly k: 'timeslice'; readonly ms: number; readonly name: string }
  | { readonly k: 'aggregate'; readonly aggs: readonly Aggregate[]; readonly by: readonly string[] }
  | { readonly k: 'sort'; readonly keys: readonly { readonly e: Expr; readonly desc: boolean }[] }
  | { readonly k: 'limit'; readonly n: number };

export type AggregateFn = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'pct' | 'first' | 'last';

export interface Aggregate {
  readonly fn: AggregateFn;
  readonly arg?: Expr;
  /** pct's percentile. */
  readonly p?: number;
  readonly name: string;
}

const AGGREGATES = new Set<string>(['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'pct', 'first', 'last']);

/**
 * Default output names: "Default alias field is named `_count`", "Creates field named `_count_distinct`"
 * (count-count-distinct-and-count-frequent); pct: "Default alias field is named: `_<fieldname>_pct_<percentile>`"
 * (pct-percentile). Others `_<fn>` (assumption A-AGG-NAME).
 */
function defaultName(fn: AggregateFn, arg?: Expr, p?: number): string {
  if (fn === 'pct') return `_${arg?.k === 'field' ? arg.name : 'expr'}_pct_${p ?? ''}`;
  return `_${fn}`;
}

const fail: Fail = (message, offset) => {
  throw new SumoError('syntax', message, offset);
};
const unsupported: Fail = (message, offset) => {
  throw new SumoError('unsupported', message, offset);
};

class StageParser extends ExprParser {
  constructor(
    tokens: readonly Token[],
    start: number,
    end: number,
  ) {
    super(tokens, { dialect: 'search', functions: SEARCH_FUNCTIONS, fail, unsupported }, start, end);
  }

  next(): Token | undefined {
    const t = this.peek();
    if (t) this.pos++;
    return t;
  }

  name(what = 'a field name'): string {
    const t = this.next();
    if (t?.kind === 'ident' || t?.kind === 'fieldref') return t.value;
    return fail(`expected ${what}`, t?.start ?? this.here());
  }

  names(): string[] {
    const out = [this.name()];
    while (this.punct(',')) {
      this.pos++;
      out.push(this.name());
    }
    return out;
  }

  string(what: string): string {
    const t = this.next();
    if (t?.kind !== 'string') return fail(`expected ${what}`, t?.start ?? this.here());
    return t.value;
  }

  /** `field=<name>` (parse-field-option). */
  fieldOption(): string | undefined {
    if (this.word('field') && this.op('=', 1)) {
      this.pos += 2;
      return this.name('a field after field=');
    }
    return undefined;
  }

  done(): void {
    const t = this.peek();
    if (t) fail(`unexpected '${t.kind === 'regex' ? `/${t.value}/` : String(t.value)}'`, t.start);
  }

  flag(w: string): boolean {
    if (!this.word(w)) return false;
    this.pos++;
    return true;
  }
}

function aliases(p: StageParser, count: number, defaults: readonly string[]): string[] {
  if (!p.flag('as')) return [...defaults];
  const at = p.here();
  const names = p.names();
  if (names.length !== count) throw new SumoError('semantic', `${count} key(s) but ${names.length} alias(es)`, at);
  return names;
}

function jsonStage(p: StageParser): Stage {
  let source = p.fieldOption();
  if (p.flag('auto')) {
    source ??= p.fieldOption();
    let maxDepth = Infinity;
    if (p.flag('maxdepth')) {
      const t = p.next();
      if (t?.kind !== 'number') return fail('maxdepth needs a number', t?.start ?? p.here());
      maxDepth = t.value;
    }
    if (!p.atEnd()) return unsupported('json auto options other than field= and maxdepth', p.here());
    return { k: 'json-auto', source: source ?? '_raw', maxDepth };
  }
  const paths: { text: string; at: number }[] = [];
  for (;;) {
    const at = p.here();
    paths.push({ text: p.string('a quoted JSON key path'), at });
    if (!p.punct(',')) break;
    p.pos++;
  }
  const names = aliases(
    p,
    paths.length,
    paths.map((x) => x.text),
  );
  const nodrop = p.flag('nodrop');
  p.done();
  return { k: 'json', source: source ?? '_raw', paths: paths.map((x, i) => ({ segs: parseJsonPath(x.text, x.at), name: names[i]! })), nodrop };
}

/** keyvalue: "keyvalue replaces every character (other than a..z, A..Z, 0..9, or _) with an underscore". */
const kvName = (key: string): string => key.replace(/[^A-Za-z0-9_]/g, '_');

function kvStage(p: StageParser): Stage {
  let source = p.fieldOption();
  const auto = p.flag('auto');
  source ??= p.fieldOption();
  let regex: RE2JS | undefined;
  if (p.flag('regex')) {
    const t = p.peek();
    const text = p.string('a quoted regex');
    regex = compileRe2(text, t!.start, fail);
    const groups = regex.groupCount();
    if (groups < 1 || groups > 2) throw new SumoError('semantic', 'keyvalue regex needs one (value) or two (key, value) capture groups', t!.start);
  } else p.flag('infer');
  p.flag('keys');
  const keys: string[] = [];
  while (p.peek()?.kind === 'string') {
    keys.push(p.string('a quoted key'));
    if (!p.punct(',')) break;
    p.pos++;
  }
  const names = aliases(p, keys.length, keys.map(kvName));
  if (p.flag('refonly')) {
    if (!auto) return fail('refonly is a keyvalue auto option', p.here());
  }
  const nodrop = p.flag('nodrop');
  p.done();
  if (!auto && keys.length === 0) return fail('keyvalue needs keys (or auto)', p.here());
  if (auto && regex) return unsupported('keyvalue auto with regex', p.here());
  return { k: 'kv', source: source ?? '_raw', keys: keys.map((key, i) => ({ key, name: names[i]! })), auto, nodrop, ...(regex ? { regex } : {}) };
}

/**
 * An anchor pattern as a regex. Anchors are matched case-insensitively: the documented example
 * `parse "user=*:" as user` extracts `jsmith@demo.com` from `User=jsmith@demo.com:` (assumption A-ANCHOR-CASE).
 * Each `*` takes the shortest text up to the next anchor; a final `*` takes the rest of the message. `\n`, `\r`
 * and `\t` stand for line breaks and tabs ("Use Line Breaks as an Anchor"); `\\` is one backslash.
 */
function anchorRegExp(pattern: string, at: number): { re: RegExp; stars: number } {
  if (pattern.includes('**')) throw new SumoError('syntax', '`**` is not valid in a parse pattern', at);
  const decoded = pattern.replace(/\\([nrt\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c]!);
  const parts = decoded.split('*');
  const stars = parts.length - 1;
  let src = '';
  parts.forEach((part, i) => {
    src += escapeRegExp(part);
    if (i < stars) src += i === stars - 1 && parts[stars] === '' ? '([\\s\\S]*)' : '([\\s\\S]*?)';
  });
  return { re: new RegExp(src, 'iu'), stars };
}

function parseOperator(p: StageParser, isRegex: boolean): Stage {
  let source = p.fieldOption();
  if (!isRegex && p.flag('regex')) isRegex = true;
  source ??= p.fieldOption();
  const t = p.peek();
  const pattern = p.string(isRegex ? 'a quoted regex' : 'a quoted anchor pattern');
  if (isRegex) {
    const re = compileRe2(pattern, t!.start, fail);
    const named = re.namedGroups() as Record<string, number>;
    const names = Object.entries(named)
      .sort((a, b) => a[1] - b[1])
      .map(([n]) => n);
    // "The parse regex operator only supports regular expressions that contain at least one named capturing group.
    // We do not support regular expressions that … contain unnamed/numbered capturing group."
    if (names.length === 0) throw new SumoError('semantic', 'parse regex needs at least one named group (?<name>…)', t!.start);
    if (names.length !== re.groupCount()) throw new SumoError('semantic', 'parse regex does not support unnamed capturing groups (use (?:…))', t!.start);
    let nodrop = false;
    let multi = false;
    while (p.word('nodrop') || p.word('multi')) {
      if (p.flag('nodrop')) nodrop = true;
      else if (p.flag('multi')) multi = true;
    }
    p.done();
    return { k: 'parse-regex', source: source ?? '_raw', re, names, nodrop, multi };
  }
  const { re, stars } = anchorRegExp(pattern, t!.start);
  if (stars === 0) throw new SumoError('syntax', 'a parse pattern needs a * for each field', t!.start);
  if (!p.flag('as')) return fail("expected 'as <field>' after the parse pattern", p.here());
  const at = p.here();
  const names = p.names();
  // "The number of wildcards in the pattern string must match the number of variables."
  if (names.length !== stars) throw new SumoError('semantic', `${stars} wildcard(s) but ${names.length} field(s)`, at);
  const nodrop = p.flag('nodrop');
  p.done();
  return { k: 'parse', source: source ?? '_raw', re, names, nodrop };
}

function aggregateStage(p: StageParser): Stage {
  const aggs: Aggregate[] = [];
  let by: string[] = [];
  for (;;) {
    const t = p.next()!;
    const fn = (t.kind === 'ident' ? t.lower : '') as AggregateFn;
    if (!AGGREGATES.has(fn)) return fail('aggregate function expected', t.start);
    let arg: Expr | undefined;
    let pct: number | undefined;
    if (p.punct('(')) {
      p.pos++;
      if (!p.punct(')')) arg = p.expression();
      if (fn === 'pct') {
        if (!p.punct(',')) return fail('pct(field, percentile) needs a percentile', p.here());
        p.pos++;
        const n = p.next();
        if (n?.kind !== 'number' || n.value < 0 || n.value > 100) return fail('pct percentile must be a number 0-100', n?.start ?? p.here());
        pct = n.value;
        if (p.punct(',')) return unsupported('pct with several percentiles', p.here());
      }
      p.expectPunct(')', "')'");
    } else if (fn !== 'count') return fail(`${fn} needs (field)`, p.here());
    if (fn !== 'count' && arg === undefined) return fail(`${fn} needs a field`, t.start);
    const name = p.flag('as') ? p.name() : defaultName(fn, arg, pct);
    aggs.push({ fn, ...(arg ? { arg } : {}), ...(pct !== undefined ? { p: pct } : {}), name });
    if (p.punct(',') && p.peek(1)?.kind === 'ident' && AGGREGATES.has((p.peek(1) as { lower: string }).lower)) {
      p.pos++;
      continue;
    }
    break;
  }
  p.flag('group');
  if (p.flag('by')) by = p.names();
  else if (aggs.length === 1 && aggs[0]!.fn === 'count' && !p.atEnd()) by = p.names(); // `count user` = count by user
  p.done();
  return { k: 'aggregate', aggs, by };
}

function sortStage(p: StageParser): Stage {
  p.flag('by');
  const keys: { e: Expr; desc: boolean }[] = [];
  for (;;) {
    let desc = true; // "Default sort order is descending."
    if (p.op('+')) {
      p.pos++;
      desc = false;
    } else if (p.op('-')) p.pos++;
    const e = p.expression();
    if (p.flag('asc')) desc = false;
    else p.flag('desc');
    keys.push({ e, desc });
    if (!p.punct(',')) break;
    p.pos++;
  }
  p.done();
  return { k: 'sort', keys };
}

const TIME_UNIT: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parse the stage in tokens [start, end) (after its `|`). */
export function parseStage(tokens: readonly Token[], start: number, end: number, pipeAt: number): Stage {
  const p = new StageParser(tokens, start, end);
  const cmd = p.peek();
  if (cmd === undefined) return fail('empty pipe stage', pipeAt);
  if (cmd.kind !== 'ident') {
    // `| "text" as x`, `| 3 + 2 as x`: an expression stage.
    const e = p.expression();
    if (!p.flag('as')) return fail("expected 'as <field>'", p.here());
    const name = p.name();
    p.done();
    return { k: 'eval', e, name };
  }
  switch (cmd.lower) {
    case 'where': {
      p.pos++;
      if (p.atEnd()) return fail("'where' needs a condition", cmd.end);
      const e = p.expression();
      p.done();
      return { k: 'where', e };
    }
    case 'json':
      p.pos++;
      return jsonStage(p);
    case 'keyvalue':
    case 'kv':
      p.pos++;
      return kvStage(p);
    case 'parse':
      p.pos++;
      return parseOperator(p, false);
    case 'extract':
      p.pos++;
      return parseOperator(p, true);
    case 'fields': {
      p.pos++;
      let drop = false;
      if (p.op('-')) {
        p.pos++;
        drop = true;
      } else if (p.op('+')) p.pos++;
      const names = p.names();
      p.done();
      return { k: 'fields', drop, names };
    }
    case 'timeslice': {
      p.pos++;
      p.flag('by');
      const n = p.next();
      if (n?.kind !== 'number') return fail('timeslice needs a span such as 5m', n?.start ?? p.here());
      if (p.word('buckets')) return unsupported('timeslice N buckets (depends on the query time range)', n.start);
      const unit = TIME_UNIT[n.suffix];
      if (unit === undefined) return fail(`timeslice span '${n.text}' needs a unit (w, d, h, m, s)`, n.start);
      const name = p.flag('as') ? p.name() : '_timeslice';
      p.done();
      return { k: 'timeslice', ms: n.value, name };
    }
    case 'sort':
    case 'order':
      p.pos++;
      return sortStage(p);
    case 'limit': {
      p.pos++;
      const n = p.next();
      if (n?.kind !== 'number' || !Number.isInteger(n.value) || n.value < 1) return fail('limit needs a positive whole number', n?.start ?? p.here());
      p.done();
      return { k: 'limit', n: n.value };
    }
    case 'eval':
      return fail("Sumo has no 'eval' operator", cmd.start);
    default: {
      if (AGGREGATES.has(cmd.lower)) return aggregateStage(p);
      if (!SEARCH_FUNCTIONS.has(cmd.lower) && !isExpressionStage(tokens, start, end)) {
        return unsupported(`operator '${cmd.value}' is not modelled`, cmd.start);
      }
      const e = p.expression();
      let name: string;
      if (p.flag('as')) name = p.name();
      else if (e.k === 'call' && ['num', 'number', 'tolong', 'tostring'].includes(e.name) && e.args[0]?.k === 'field') {
        // `| num(duration)`: the cast applies to the field in place (num, manually-cast-data-string-number).
        name = e.args[0].name;
      } else return fail("expected 'as <field>' after the expression", p.here());
      p.done();
      return { k: 'eval', e, name };
    }
  }
}

/** A stage of the form `<expr> as <name>` whose first token is a field name (`| a + b as c`). */
function isExpressionStage(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'ident' && t.lower === 'as') return true;
  }
  return false;
}
