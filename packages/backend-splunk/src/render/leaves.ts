import { assertNever, diagnostic, placeholderNames, stringShape } from '@sigmats/core';
import type { Expr, KeywordExpr, MatchExpr, StringValue, TimestampPart } from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';
import { evalField, hasControl, searchField, searchLiteralOk, splEscape, splNumber, splString } from './literals.js';
import { sigmaRegex, wildcardRegex } from './regex.js';

/** What the leaf renderers need to know besides the node. */
export interface LeafContext {
  /** Leaves under an odd number of NOTs (where: they get a null guard, see whereLeaf). */
  readonly negated: ReadonlySet<Expr>;
  /** tstats: data model object prefix for field names (`Processes.`). */
  readonly fieldPrefix: string;
  /** After `tstats … fillnull_value="null"`: a missing field holds this text instead of null. */
  readonly nullSentinel?: string;
}

export const PLAIN_CONTEXT: LeafContext = { negated: new Set(), fieldPrefix: '' };

const SEARCH_COMPARE: Readonly<Record<string, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** Whether any part is a placeholder (a plain loop: this runs for every value). */
export function hasPlaceholder(v: StringValue): boolean {
  for (const p of v.parts) if (p.kind === 'placeholder') return true;
  return false;
}

function unresolved(v: StringValue): Result<string> | undefined {
  if (!hasPlaceholder(v)) return undefined;
  const names = placeholderNames(v.parts);
  return fail(
    diagnostic('pipeline/placeholder-unresolved', `placeholder %${names[0]}% is not resolved`, v.loc, {
      hint: 'add a value_placeholders or query_expression_placeholders pipeline, or wildcard_placeholders to match anything',
    }),
  );
}

function badField(field: string, node: MatchExpr, where: string): Result<string> {
  return fail(
    diagnostic('backend/unsupported-value', `field name ${JSON.stringify(field)} cannot be written in a Splunk ${where}`, node.loc, {
      hint: 'rename it with a field_name_mapping pipeline',
    }),
  );
}

/** What searchLiteralOk refuses plus what splEscape escapes. */
const SEARCH_PLAIN_SPECIAL = /[*\u0000-\u001f\u007f\\"]/;

/** The value of a search term: quoted, `*` as wildcard; undefined when the search language cannot say it. */
export function searchPattern(v: StringValue): string | undefined {
  if (v.cased) return undefined; // search is case-insensitive; CASE() quoting of arbitrary text is undocumented
  let out = '';
  for (const p of v.parts) {
    switch (p.kind) {
      case 'literal': {
        const text = literalTerm(p.text);
        if (text === undefined) return undefined;
        out += text;
        break;
      }
      case 'wildcard-multi':
        out += '*';
        break;
      case 'wildcard-single':
        return undefined; // no single-character wildcard in search
      case 'placeholder':
        return undefined;
      default:
        return assertNever(p, 'value part');
    }
  }
  return `"${out}"`;
}

/** A literal's text inside a search term, or undefined when it holds a `*` (which cannot be escaped). */
function literalTerm(text: string): string | undefined {
  // One scan for the common case: nothing to refuse and nothing to escape.
  if (!SEARCH_PLAIN_SPECIAL.test(text)) return text;
  return searchLiteralOk(text) ? splEscape(text) : undefined;
}

/** searchString: the value holds a placeholder. */
const PLACEHOLDER = 0;
/** searchString: the value matches anything (only `*`s), whatever its cased flag. */
const ANY = 1;

/**
 * What searchLeaf needs of a string value, in one pass over its parts: a placeholder (reported first), any value,
 * or searchPattern's term (undefined when the search cannot say it). This is hasPlaceholder, stringShape(v).shape
 * === 'any' and searchPattern in one loop: searchLeaf runs for every value of every rule.
 */
function searchString(v: StringValue): typeof PLACEHOLDER | typeof ANY | string | undefined {
  let out = '';
  let sayable = !v.cased;
  let star = false;
  let onlyStars = true;
  const parts = v.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    switch (p.kind) {
      case 'placeholder':
        return PLACEHOLDER;
      case 'wildcard-multi':
        star = true;
        out += '*';
        break;
      case 'wildcard-single':
        onlyStars = false;
        sayable = false;
        break;
      case 'literal':
        if (p.text !== '') onlyStars = false;
        if (sayable) {
          const text = literalTerm(p.text);
          if (text === undefined) sayable = false;
          else out += text;
        }
        break;
      default:
        return assertNever(p, 'value part');
    }
  }
  if (star && onlyStars) return ANY;
  return sayable ? `"${out}"` : undefined;
}

/**
 * Whether a `*` has text on both sides. As a term over `_raw` such a wildcard only spans one segment (Splunk indexes
 * the segments between breakers), and Splunk's search documentation warns that wildcards in the middle of a term
 * "might return inconsistent results if the term contains punctuation"; Sigma's `*` spans anything. Such keywords are
 * matched with `match(_raw, …)` instead.
 */
function innerWildcard(v: StringValue): boolean {
  let text = false;
  let wildcardAfterText = false;
  for (const p of v.parts) {
    if (p.kind === 'literal') {
      if (p.text === '') continue;
      if (wildcardAfterText) return true;
      text = true;
    } else if (p.kind === 'wildcard-multi' && text) wildcardAfterText = true;
  }
  return false;
}

/**
 * Render a field test or keyword for the search command (or a tstats where, with fieldPrefix).
 * undefined: the search language cannot express it exactly, the caller falls back to where/regex.
 * `values`: receives the value text of a `name=value` term of a string (not `*`) or number, for IN lists.
 */
export function searchLeaf(node: MatchExpr | KeywordExpr, ctx: LeafContext, values?: Map<Expr, string>): Result<string> | undefined {
  if (node.kind === 'keyword') {
    const v = node.value;
    if (v.kind === 'number') return ok(splNumber(v.value));
    if (v.kind === 'regex') return undefined;
    const term = searchString(v);
    if (term === PLACEHOLDER) return unresolved(v);
    if (term === ANY) return ok('*');
    if (innerWildcard(v)) return undefined;
    return term === undefined ? undefined : ok(term);
  }
  const name = searchField(ctx.fieldPrefix + node.field);
  const v = node.value;
  // Which kinds the search can say is decided before the field name is checked (an unsayable value falls back
  // to where, which may quote the name); a sayable value with an unwritable name is an error.
  switch (v.kind) {
    case 'string': {
      const pat = searchString(v);
      if (pat === PLACEHOLDER) return unresolved(v);
      // Any value, cased: searchPattern refuses every cased value.
      if (pat === ANY) return v.cased ? undefined : name === undefined ? badField(node.field, node, 'search') : ok(`${name}=*`);
      if (pat === undefined) return undefined;
      if (name === undefined) return badField(node.field, node, 'search');
      values?.set(node, pat);
      return ok(`${name}=${pat}`);
    }
    case 'regex':
    case 'fieldref':
    case 'timestamp-part':
      return undefined;
    default:
      break;
  }
  if (name === undefined) return badField(node.field, node, 'search');
  switch (v.kind) {
    case 'number': {
      const n = splNumber(v.value);
      values?.set(node, n);
      return ok(`${name}=${n}`);
    }
    case 'boolean':
      return ok(`${name}="${v.value ? 'true' : 'false'}"`);
    case 'null':
      return ok(`NOT ${name}=*`);
    case 'exists':
      return ok(v.exists ? `${name}=*` : `NOT ${name}=*`);
    case 'cidr':
      // The search command matches CIDR notation for IPv4 and IPv6 field values.
      return ok(`${name}="${v.network}/${v.prefixLength}"`);
    case 'compare':
      return ok(`${name}${SEARCH_COMPARE[v.op]}${splNumber(v.value)}`);
    case 'query-expression':
      return ok(v.expression.replaceAll('{field}', name).replaceAll('{id}', v.id));
    default:
      return assertNever(v, 'value kind');
  }
}

/** eval/where: `match(F, "re")` with the regex as a quoted SPL string (backslashes doubled once more). */
function matchCall(field: string, regex: string): string {
  return `match(${field}, ${splString(regex)})`;
}

/** Whether an exact, case-insensitive test can be `lower(F)=="…"` (ASCII: lower() and Sigma agree). */
function lowerable(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

function whereString(f: string, v: StringValue): Result<string> {
  const u = unresolved(v);
  if (u) return u;
  const shape = stringShape(v);
  if (shape.shape === 'any') return ok(`isnotnull(${f})`);
  if (shape.shape === 'exact' && !hasControl(shape.text)) {
    if (v.cased) return ok(`${f}==${splString(shape.text)}`);
    if (lowerable(shape.text)) return ok(`lower(${f})==${splString(shape.text.toLowerCase())}`);
  }
  return ok(matchCall(f, wildcardRegex(v.parts, !v.cased)));
}

const TS_FORMAT: Readonly<Record<TimestampPart, string>> = {
  minute: '%M',
  hour: '%H',
  day: '%d',
  week: '%V',
  month: '%m',
  year: '%Y',
};
const WHERE_COMPARE: Readonly<Record<string, string>> = { eq: '==', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** A test that reads field `f` only when it is present: under NOT it must not turn a missing field into true. */
function guarded(f: string, test: string, node: Expr, ctx: LeafContext): string {
  return ctx.negated.has(node) && ctx.nullSentinel === undefined ? `(isnotnull(${f}) AND ${test})` : test;
}

/**
 * Render a field test or keyword as an eval/where expression. Every kind has a where form except query
 * expressions (raw search text). Under NOT, tests on a field are guarded with isnotnull(): Splunk's where
 * drops an event whose expression is null, so `NOT match(F, …)` would miss events without F, which Sigma
 * (and the search command's `NOT F=…`) count as matching.
 */
export function whereLeaf(node: MatchExpr | KeywordExpr, ctx: LeafContext): Result<string> {
  if (node.kind === 'keyword') {
    const v = node.value;
    switch (v.kind) {
      case 'number':
        return ok(matchCall('_raw', wildcardRegex([{ kind: 'literal', text: splNumber(v.value) }], false, false)));
      case 'regex':
        if (v.placeholders.length > 0) return placeholderRegex(v.placeholders[0]!, node);
        return ok(matchCall('_raw', sigmaRegex(v.pattern, v.flags)));
      case 'string': {
        const u = unresolved(v);
        if (u) return u;
        return ok(matchCall('_raw', wildcardRegex(v.parts, !v.cased, false)));
      }
      default:
        return assertNever(v, 'keyword value');
    }
  }
  const f = evalField(node.field);
  if (f === undefined) return badField(node.field, node, 'where expression');
  const v = node.value;
  const sentinel = ctx.nullSentinel;
  const isNull = sentinel === undefined ? `isnull(${f})` : `${f}==${splString(sentinel)}`;
  const notNull = sentinel === undefined ? `isnotnull(${f})` : `${f}!=${splString(sentinel)}`;
  switch (v.kind) {
    case 'string': {
      if (stringShape(v).shape === 'any') return ok(notNull);
      const r = whereString(f, v);
      return r.ok ? ok(guarded(f, r.value, node, ctx), r.warnings) : r;
    }
    case 'number':
      return ok(guarded(f, `${f}==${splNumber(v.value)}`, node, ctx));
    case 'boolean':
      return ok(guarded(f, `lower(${f})==${splString(v.value ? 'true' : 'false')}`, node, ctx));
    case 'null':
      return ok(isNull);
    case 'exists':
      return ok(v.exists ? notNull : isNull);
    case 'regex':
      if (v.placeholders.length > 0) return placeholderRegex(v.placeholders[0]!, node);
      return ok(guarded(f, matchCall(f, sigmaRegex(v.pattern, v.flags)), node, ctx));
    case 'cidr':
      return ok(guarded(f, `cidrmatch(${splString(`${v.network}/${v.prefixLength}`)}, ${f})`, node, ctx));
    case 'compare':
      return ok(guarded(f, `${f}${WHERE_COMPARE[v.op]}${splNumber(v.value)}`, node, ctx));
    case 'fieldref': {
      const g = evalField(v.field);
      if (g === undefined) return badField(v.field, node, 'where expression');
      const a = v.cased ? f : `lower(${f})`;
      const b = v.cased ? g : `lower(${g})`;
      const test =
        v.match === 'equals'
          ? `${a}==${b}`
          : v.match === 'startswith'
            ? `substr(${a}, 1, len(${g}))==${b}`
            : v.match === 'endswith'
              ? `substr(${a}, -len(${g}))==${b}`
              : `like(${a}, "%" . ${b} . "%")`;
      const both = `(isnotnull(${f}) AND isnotnull(${g}) AND ${test})`;
      return ok(ctx.negated.has(node) ? both : test);
    }
    case 'timestamp-part': {
      // minute and hour from epoch seconds are exact in UTC; the calendar parts need strftime, which uses the
      // search's time zone (run the search as a UTC user, or expect local-time buckets).
      const expr =
        v.part === 'minute'
          ? `floor(${f}/60)%60`
          : v.part === 'hour'
            ? `floor(${f}/3600)%24`
            : `tonumber(strftime(${f}, ${splString(TS_FORMAT[v.part])}))`;
      const warn =
        v.part === 'minute' || v.part === 'hour'
          ? []
          : [
              diagnostic('backend/unsupported-feature', `|${v.part} uses strftime(), which formats in the search's time zone, not UTC`, v.loc, {
                severity: 'warning',
                hint: 'run the search as a user whose time zone is UTC',
              }),
            ];
      return ok(guarded(f, `${expr}${WHERE_COMPARE[v.op]}${splNumber(v.value)}`, node, ctx), warn);
    }
    case 'query-expression':
      return fail(
        diagnostic('backend/unsupported-feature', 'a query expression is search text and cannot sit inside a where expression', v.loc, {
          hint: 'keep query-expression placeholders out of OR/NOT groups that also hold regex, cased, fieldref or timestamp tests',
        }),
      );
    default:
      return assertNever(v, 'value kind');
  }
}

function placeholderRegex(name: string, node: Expr): Result<string> {
  return fail(diagnostic('pipeline/placeholder-unresolved', `placeholder %${name}% in a regex is not resolved`, node.loc));
}
