import { assertNever, diagnostic, stringShape } from '@sigmats/core';
import type { KeywordExpr, MatchExpr, OrExpr, ScalarValue, StringValue } from '@sigmats/core';
import { fail, ok, type RenderHooks, type Result } from '@sigmats/text-query';
import { flagPrefix, isQuotable, lowerSafe, partsRegex, regexLiteral } from '../encode.js';
import { alternationRegex, listProblem, numberText, placeholderError, regexValue, sharedValueTest, stringRegex } from '../shared/values.js';

/**
 * Leaves of a Sumo log search `| where` expression (target-languages §4.1, §4.3):
 * - case-insensitive equality `toLowerCase(F) = "x"`, lists `toLowerCase(F) in ("a", "b")`,
 *   plain contains/startswith/endswith `toLowerCase(F) matches "*x*"` (a wildcard pattern: only `*` is special);
 * - anything else (backslashes, quotes, `?`, inner `*`, non-ASCII letters) `F matches /(?i)^…$/`;
 * - `|cased` drops the lower-casing / `(?i)`; null `isEmpty(F)`; numbers compared as text, `num(F)` for gt/lt;
 *   IPv4 CIDR `compareCIDRPrefix("net", F, "len")`; keywords inside where test `_raw`.
 */

export interface SearchLeafContext {
  /** The Sumo name of a Sigma field (an alias from json extraction, or the FER name). */
  readonly field: (sigmaField: string) => string;
  /** Sigma fields whose key holds a list (the profile's `listKeys`): a test `listProblem` refuses is not written. */
  readonly listKeys?: ReadonlySet<string>;
}

const q = (text: string): string => `"${text}"`;

/** Above this many values, quoted wildcard patterns on one field become one regex alternation. */
export const LONG_LIST = 20;

/** A plain wildcard pattern usable with quoted `matches` (only `*` is special there; `?` and others are literal). */
function wildcardPattern(shape: string, text: string): string | undefined {
  if (text.includes('*')) return undefined;
  switch (shape) {
    case 'prefix':
      return `${text}*`;
    case 'suffix':
      return `*${text}`;
    case 'contains':
      return `*${text}*`;
    default:
      return undefined;
  }
}

/** How a string value is written: a quoted equality, a quoted wildcard pattern, any value, or a regex. */
type StringForm =
  | { readonly form: 'equals'; readonly literal: string }
  | { readonly form: 'pattern'; readonly literal: string }
  | { readonly form: 'any' }
  | { readonly form: 'regex' };

function stringForm(v: StringValue): StringForm {
  const { shape, text } = stringShape(v);
  if (shape === 'any') return { form: 'any' };
  if (shape !== 'pattern' && isQuotable(text) && (v.cased || lowerSafe(text))) {
    const literal = v.cased ? text : text.toLowerCase();
    if (shape === 'exact') return { form: 'equals', literal };
    const pattern = wildcardPattern(shape, literal);
    if (pattern !== undefined) return { form: 'pattern', literal: pattern };
  }
  return { form: 'regex' };
}

function writeString(f: string, v: StringValue, form: StringForm): string {
  const lhs = v.cased ? f : `toLowerCase(${f})`;
  switch (form.form) {
    case 'equals':
      return `${lhs} = ${q(form.literal)}`;
    case 'pattern':
      return `${lhs} matches ${q(form.literal)}`;
    case 'any':
      // `*` matches every value, the empty one too: only a missing key (null after json … nodrop) fails.
      return `!isNull(${f})`;
    case 'regex':
      return `${f} matches /${stringRegex(v)}/`;
  }
}

export function searchString(f: string, v: StringValue): Result<string> {
  const ph = placeholderError(v);
  if (ph) return fail(ph);
  return ok(writeString(f, v, stringForm(v)));
}

export function searchMatch(f: string, value: ScalarValue, otherField: (name: string) => string): Result<string> {
  switch (value.kind) {
    case 'string':
      return searchString(f, value);
    case 'number':
      // Sumo fields are text; a JSON number extracts as its decimal text.
      return ok(`${f} = ${q(numberText(value.value))}`);
    case 'boolean':
      return ok(`toLowerCase(${f}) = ${q(String(value.value))}`);
    case 'null':
    case 'exists':
    case 'regex':
    case 'cidr':
    case 'query-expression':
      return sharedValueTest(f, value, q);
    case 'compare': {
      const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[value.op];
      return ok(`num(${f}) ${op} ${numberText(value.value)}`);
    }
    case 'fieldref': {
      const g = otherField(value.field);
      if (value.match !== 'equals') {
        return fail(
          diagnostic('backend/unsupported-feature', `fieldref with ${value.match}: Sumo where has no field-to-field ${value.match} test`, value.loc),
        );
      }
      return ok(value.cased ? `${f} = ${g}` : `toLowerCase(${f}) = toLowerCase(${g})`);
    }
    case 'timestamp-part':
      return fail(
        diagnostic('backend/unsupported-feature', `timestamp part '${value.part}' comparison is not supported for Sumo`, value.loc),
      );
    default:
      return assertNever(value, 'value kind');
  }
}

/** A keyword inside `where`: a case-insensitive substring test on the raw message. */
export function searchKeyword(node: KeywordExpr): Result<string> {
  const v = node.value;
  switch (v.kind) {
    case 'string': {
      const ph = placeholderError(v);
      if (ph) return fail(ph);
      return ok(`_raw matches /${flagPrefix({ i: !v.cased, s: true })}^.*${partsRegex(v.parts)}.*$/`);
    }
    case 'number':
      return ok(`_raw matches /(?s)^.*${regexLiteral(numberText(v.value))}.*$/`);
    case 'regex': {
      const r = regexValue(v);
      return 'error' in r ? fail(r.error) : ok(`_raw matches /${r.source}/`);
    }
    default:
      return assertNever(v, 'keyword value');
  }
}

/**
 * The refusals of tests of a list-valued key (`listProblem`) if `field` is one, and of a fieldref to one (a value
 * compared with a list's text is no element's test).
 */
function listProblems(field: string, values: readonly ScalarValue[], ctx: SearchLeafContext): Result<string> | undefined {
  const keys = ctx.listKeys;
  if (!keys) return undefined;
  const problems = values.flatMap(
    (v) =>
      (keys.has(field) ? listProblem(field, field, v) : undefined) ??
      (v.kind === 'fieldref' && keys.has(v.field) ? diagnostic('backend/unsupported-feature', `fieldref to ${v.field}, a list: no element's test`, v.loc) : []),
  );
  return problems.length > 0 ? fail(...problems) : undefined;
}

export const searchHooks: RenderHooks<SearchLeafContext> = {
  leaf: (node: MatchExpr | KeywordExpr, ctx) =>
    node.kind === 'keyword'
      ? searchKeyword(node)
      : (listProblems(node.field, [node.value], ctx) ?? searchMatch(ctx.field(node.field), node.value, ctx.field)),
  orList: (field, values, _node: OrExpr, ctx) => {
    const refused = listProblems(field, values, ctx);
    if (refused) return refused;
    let listable = 0;
    for (let i = 0; i < values.length && listable < 2; i++) if (values[i]!.kind === 'string' || values[i]!.kind === 'number') listable++;
    if (listable < 2) return undefined;
    const f = ctx.field(field);
    const pieces: string[] = [];
    const errors = [];
    const inList = { lower: [] as string[], cased: [] as string[] };
    const regexGroups = { lower: [] as StringValue[], cased: [] as StringValue[] };
    // Long lists of wildcard patterns fold into one regex, so the query stays a reasonable size.
    const long = values.length > LONG_LIST;
    for (const v of values) {
      if (v.kind === 'number') {
        inList.cased.push(numberText(v.value));
        continue;
      }
      if (v.kind !== 'string') {
        const r = searchMatch(f, v, ctx.field);
        if (r.ok) pieces.push(r.value);
        else errors.push(...r.errors);
        continue;
      }
      const ph = placeholderError(v);
      if (ph) {
        errors.push(ph);
        continue;
      }
      const form = stringForm(v);
      if (form.form === 'equals') (v.cased ? inList.cased : inList.lower).push(form.literal);
      else if (form.form === 'regex' || (form.form === 'pattern' && long)) (v.cased ? regexGroups.cased : regexGroups.lower).push(v);
      else pieces.push(writeString(f, v, form));
    }
    if (errors.length > 0) return fail(...errors);
    const lists: string[] = [];
    for (const [lhs, vals] of [
      [`toLowerCase(${f})`, inList.lower],
      [f, inList.cased],
    ] as const) {
      const uniq = [...new Set(vals)];
      if (uniq.length === 1) lists.push(`${lhs} = ${q(uniq[0]!)}`);
      else if (uniq.length > 1) lists.push(`${lhs} in (${uniq.map(q).join(', ')})`);
    }
    const regexes: string[] = [];
    for (const group of [regexGroups.lower, regexGroups.cased]) {
      if (group.length === 1) regexes.push(`${f} matches /${stringRegex(group[0]!)}/`);
      else if (group.length > 1) regexes.push(`${f} matches /${alternationRegex(group)}/`);
    }
    const all = [...lists, ...pieces, ...regexes];
    // Several tests: ungrouped, so a negation reads !(a or b), not !((a or b)) (see ListText).
    return ok(all.length === 1 ? all[0]! : { text: all.join(' or '), op: 'or' as const });
  },
};
