import { assertNever, diagnostic, stringShape } from '@sigmats/core';
import type { Diagnostic, KeywordExpr, MatchExpr, ScalarValue, StringValue } from '@sigmats/core';
import { fail, ok, type ListText, type RenderHooks, type Result } from '@sigmats/text-query';
import { flagPrefix, isQuotable, lowerSafe, partsRegex, regexLiteral } from '../encode.js';
import { alternationRegex, listProblem, numberText, placeholderError, regexValue, sharedValueTest, stringRegex } from '../shared/values.js';
import type { CseField, FieldResolver } from './fields.js';
import { windowsIdTest } from './logsources.js';

/**
 * Leaves of a Cloud SIEM rule expression (target-languages §5.1, §5.5). Case-insensitive like Sigma:
 * `lower(F) = 'x'` for plain equality, `F matches /(?i)^…$/` for everything else (CSE's quoted `matches` is LIKE,
 * whose `_`/`%` would be wildcards). Value lists on one field fold into one regex alternation: `in (…)` is not on
 * the CSE syntax page (§5.1).
 */

export interface CseLeafContext {
  /** Where each Sigma field is read in the event type being rendered (catalog mapping). */
  readonly resolve: FieldResolver;
  /** Option `keywordField`: the field keywords are tested against (substring); absent → keywords are refused. */
  readonly keywordField?: string;
}

const q = (text: string): string => `'${text}'`;

function fieldText(f: CseField, at: MatchExpr): Result<string> {
  switch (f.kind) {
    case 'normalized':
      return ok(f.name);
    case 'raw':
      if (!isQuotable(f.key)) {
        return fail(diagnostic('backend/unsupported-value', `field name ${JSON.stringify(f.key)} cannot be written in fields['…']`, at.loc));
      }
      return ok(`fields[${q(f.key)}]`);
    case 'hashes':
    case 'event-id':
    case 'either':
      return ok('');
    default:
      return assertNever(f, 'CSE field');
  }
}

export function cseString(f: string, v: StringValue): Result<string> {
  const ph = placeholderError(v);
  if (ph) return fail(ph);
  const { shape, text } = stringShape(v);
  // `*` matches every value, the empty one too (Sigma wildcards match zero characters): only a missing field fails.
  if (shape === 'any') return ok(`!isNull(${f})`);
  // An empty value in a schema field: whether a mapping fills one from an empty original value is not documented (it
  // may read as null); isEmpty is true for both. A raw key (`fields['…']`) keeps the message's value as it is.
  if (shape === 'exact' && text === '' && !f.startsWith('fields[')) return ok(`isEmpty(${f})`);
  if (shape === 'exact' && isQuotable(text) && (v.cased || lowerSafe(text))) {
    return ok(v.cased ? `${f} = ${q(text)}` : `lower(${f}) = ${q(text.toLowerCase())}`);
  }
  return ok(`${f} matches /${stringRegex(v)}/`);
}

export function cseValue(f: string, value: ScalarValue, numeric: boolean, other: (field: string) => Result<string>): Result<string> {
  switch (value.kind) {
    case 'string':
      return cseString(f, value);
    case 'number':
      return ok(`${f} = ${numeric ? numberText(value.value) : q(numberText(value.value))}`);
    case 'boolean':
      return ok(`lower(${f}) = ${q(String(value.value))}`);
    case 'null':
    case 'exists':
    case 'regex':
    case 'cidr':
    case 'query-expression':
      return sharedValueTest(f, value, q);
    case 'compare': {
      const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[value.op];
      return ok(`${f} ${op} ${numberText(value.value)}`);
    }
    case 'fieldref': {
      if (value.match !== 'equals') {
        return fail(diagnostic('backend/unsupported-feature', `fieldref with ${value.match} is not supported in CSE expressions`, value.loc));
      }
      const g = other(value.field);
      if (!g.ok) return g;
      return ok(value.cased ? `${f} = ${g.value}` : `lower(${f}) = lower(${g.value})`);
    }
    case 'timestamp-part':
      return fail(diagnostic('backend/unsupported-feature', `timestamp part '${value.part}' comparison is not supported in CSE`, value.loc));
    default:
      return assertNever(value, 'value kind');
  }
}

/** Full hash length per CSE hash algorithm. */
const HASH_LENGTHS: Readonly<Record<string, number>> = { MD5: 32, SHA1: 40, SHA256: 64, IMPHASH: 32 };

/** `Hashes` (`MD5=…,SHA256=…`) → the normalized hash fields, `ALG=` stripped; a bare hash is placed by its length. */
function cseHashes(value: ScalarValue, hashFields: Readonly<Record<string, string>>): Result<string> {
  const unsupported = (why: string): Result<string> =>
    fail(diagnostic('backend/unsupported-value', `Hashes value cannot be mapped to CSE hash fields: ${why}`, value.loc, {
      hint: "write 'ALG=hex' values (MD5, SHA1, SHA256, IMPHASH)",
    }));
  if (value.kind !== 'string') return unsupported(`a ${value.kind} value`);
  const { shape, text } = stringShape(value);
  if (shape === 'pattern' || shape === 'any') return unsupported('wildcards inside the hash');
  const tests: string[] = [];
  const pairs = text.split(',').filter((p) => p !== '');
  // Under |contains/|startswith the last hash may be cut short: it is then a prefix of the stored hash.
  const openEnd = shape === 'contains' || shape === 'prefix';
  for (const [i, pair] of pairs.entries()) {
    // `'IMPHASH='` alone is refused too: `IMPHASH=` with an empty hash and no IMPHASH at all leave the same split
    // fields (none), so no test of them is that text test.
    const m = /^(?:([A-Za-z0-9]+)=)?([0-9A-Fa-f]+)$/.exec(pair.trim());
    if (!m) return unsupported(`'${pair}' is not ALG=hex`);
    const hex = m[2]!.toLowerCase();
    if (m[1] !== undefined) {
      const algo = m[1].toUpperCase();
      const field = hashFields[algo];
      if (!field) return unsupported(`unknown algorithm '${m[1]}'`);
      const truncated = openEnd && i === pairs.length - 1 && hex.length < (HASH_LENGTHS[algo] ?? 0);
      tests.push(truncated ? `${field} matches /(?i)^${hex}.*$/` : `lower(${field}) = ${q(hex)}`);
    } else {
      const byLength = { 32: ['MD5', 'IMPHASH'], 40: ['SHA1'], 64: ['SHA256'] }[hex.length];
      const fields = byLength?.map((alg) => hashFields[alg]).filter((f): f is string => f !== undefined);
      if (!fields || fields.length === 0) return unsupported(`a ${hex.length}-digit hash has no algorithm`);
      const alts = fields.map((f) => `lower(${f}) = ${q(hex)}`);
      tests.push(alts.length === 1 ? alts[0]! : `(${alts.join(' or ')})`);
    }
  }
  if (tests.length === 0) return unsupported('empty value');
  return ok(tests.length === 1 ? tests[0]! : `(${tests.join(' and ')})`);
}

/**
 * A list of `ALG=hex` values: one test per algorithm field, a regex alternation when it has several hashes
 * (hash lists run to thousands of values). Undefined when a value is not a single `ALG=hex` pair.
 */
function hashList(values: readonly ScalarValue[], hashFields: Readonly<Record<string, string>>): Result<string | ListText> | undefined {
  const byField = new Map<string, Set<string>>();
  for (const v of values) {
    if (v.kind !== 'string') return undefined;
    const { shape, text } = stringShape(v);
    const m = shape === 'pattern' || shape === 'any' ? null : /^([A-Za-z0-9]+)=([0-9A-Fa-f]+)$/.exec(text.trim());
    const field = m ? hashFields[m[1]!.toUpperCase()] : undefined;
    if (!m || !field) return undefined;
    const set = byField.get(field) ?? new Set<string>();
    set.add(m[2]!.toLowerCase());
    byField.set(field, set);
  }
  const tests = [...byField].map(([field, set]) => {
    const hexes = [...set];
    return hexes.length === 1 ? `lower(${field}) = ${q(hexes[0]!)}` : `${field} matches /(?i)^(?:${hexes.join('|')})$/`;
  });
  return ok(tests.length === 1 ? tests[0]! : { text: tests.join(' or '), op: 'or' as const });
}

/** An EventID test as the record's `<channel>-<id>` (and the spellings its mapping also takes, logsources.ts): one test per channel the id may be written to. */
function eventId(channels: readonly string[], value: ScalarValue): Result<string> {
  if (value.kind === 'number' || (value.kind === 'string' && stringShape(value).shape === 'exact' && /^\d+$/.test(stringShape(value).text))) {
    const n = value.kind === 'number' ? numberText(value.value) : stringShape(value).text;
    const tests = channels.map((channel) => windowsIdTest(channel, n));
    return ok(tests.length === 1 ? tests[0]! : `(${tests.join(' or ')})`);
  }
  return ok('');
}

function matchLeaf(node: MatchExpr, ctx: CseLeafContext): Result<string> {
  let f = ctx.resolve(node.field, [node.value]);
  if (f.kind === 'raw' && f.list) {
    const problem = listProblem(node.field, f.key, node.value);
    if (problem) return fail(problem);
  }
  if (f.kind === 'hashes') return cseHashes(node.value, f.fields);
  if (f.kind === 'either') {
    const [a, b] = f.fields.map((g) => matchLeaf(node, { ...ctx, resolve: (x, v) => (x === node.field ? g : ctx.resolve(x, v)) }));
    // The value is in one place and the other is empty: a value test holds in either, an absence test in both.
    const v = node.value;
    const join = v.kind === 'null' || (v.kind === 'exists' && !v.exists) ? 'and' : 'or';
    return !a!.ok ? a! : !b!.ok ? b! : ok(`(${a!.value} ${join} ${b!.value})`);
  }
  if (f.kind === 'event-id') {
    const r = eventId(f.channels, node.value);
    if (!r.ok || r.value !== '') return r;
    f = { kind: 'raw', key: node.field };
  }
  const name = fieldText(f, node);
  if (!name.ok) return name;
  const other = (field: string): Result<string> => {
    const g = ctx.resolve(field, []);
    if (g.kind === 'hashes' || g.kind === 'event-id' || g.kind === 'either' || (g.kind === 'raw' && g.list)) {
      return fail(diagnostic('backend/unsupported-feature', `fieldref to ${field} is not supported in CSE`, node.loc));
    }
    return fieldText(g, node);
  };
  return cseValue(name.value, node.value, f.kind === 'normalized' && f.numeric, other);
}

function keywordLeaf(node: KeywordExpr, ctx: CseLeafContext): Result<string> {
  const f = ctx.keywordField;
  if (f !== undefined) {
    const v = node.value;
    switch (v.kind) {
      case 'string': {
        const ph = placeholderError(v);
        if (ph) return fail(ph);
        return ok(`${f} matches /${flagPrefix({ i: !v.cased, s: true })}^.*${partsRegex(v.parts)}.*$/`);
      }
      case 'number':
        return ok(`${f} matches /(?s)^.*${regexLiteral(numberText(v.value))}.*$/`);
      case 'regex': {
        const r = regexValue(v);
        return 'error' in r ? fail(r.error) : ok(`${f} matches /${r.source}/`);
      }
      default:
        return assertNever(v, 'keyword value');
    }
  }
  return fail(
    diagnostic('backend/unsupported-feature', 'keyword (full-text) search: CSE rule expressions only test record fields', node.loc, {
      hint: "use the sumo log search backend for keyword rules, or the option keywordField (e.g. commandLine) to test them against one field",
    }),
  );
}

export const cseHooks: RenderHooks<CseLeafContext> = {
  leaf: (node, ctx) => (node.kind === 'keyword' ? keywordLeaf(node, ctx) : matchLeaf(node, ctx)),
  orList: (field, values, node, ctx) => {
    const f = ctx.resolve(field, values);
    if (f.kind === 'hashes') return hashList(values, f.fields);
    if (f.kind !== 'normalized' && f.kind !== 'raw') return undefined;
    if (f.kind === 'raw' && f.list) {
      const problems = values.flatMap((v) => listProblem(field, f.key, v) ?? []);
      if (problems.length > 0) return fail(...problems);
    }
    // Which values are strings without placeholders (folded into the regexes), flagged in one pass.
    const plain: boolean[] = [];
    let strings = 0;
    for (const v of values) {
      const p = v.kind === 'string' && placeholderError(v) === undefined;
      plain.push(p);
      if (p) strings++;
    }
    if (strings < 2) return undefined;
    const name = fieldText(f, node.operands[0] as MatchExpr);
    if (!name.ok) return name;
    const pieces: string[] = [];
    const errors: Diagnostic[] = [];
    const groups = { lower: [] as StringValue[], cased: [] as StringValue[] };
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v.kind === 'string' && plain[i]) {
        if (stringShape(v).shape === 'any') pieces.push(`!isNull(${name.value})`);
        else (v.cased ? groups.cased : groups.lower).push(v);
        continue;
      }
      const r = cseValue(name.value, v, f.kind === 'normalized' && f.numeric, () =>
        fail(diagnostic('backend/unsupported-feature', 'fieldref in a value list', v.loc)),
      );
      if (r.ok) pieces.push(r.value);
      else errors.push(...r.errors);
    }
    if (errors.length > 0) return fail(...errors);
    for (const g of [groups.lower, groups.cased]) {
      if (g.length === 1) {
        const r = cseString(name.value, g[0]!);
        if (r.ok) pieces.push(r.value);
      } else if (g.length > 1) pieces.push(`${name.value} matches /${alternationRegex(g)}/`);
    }
    // Several tests: ungrouped, so a negation reads !(a or b), not !((a or b)) (see ListText).
    return ok(pieces.length === 1 ? pieces[0]! : { text: pieces.join(' or '), op: 'or' as const });
  },
};
