import { assertNever, diagnostic, normalizeParts, partsToRegex, placeholderNames, stringShape } from '@sigmats/core';
import type {
  CompareOperator,
  FieldRefValue,
  KeywordExpr,
  MatchExpr,
  RegexValue,
  SourceLocation,
  StringValue,
  TimestampPart,
  ValuePart,
} from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';
import { asString, isNumeric, resolveColumn, type Column, type KqlTarget } from './columns.js';
import { kqlString, kqlValue, kqlVerbatim } from './literals.js';
import { hexTextTest, hexToDecimal, isHexText, registryDataTest, withoutBraces } from './values.js';

type Shape = 'exact' | 'prefix' | 'suffix' | 'contains';

/** Case-insensitive and case-sensitive (`|cased`) operator per string shape. All are substring/prefix tests,
 *  never `has` (a term match: `has "ell"` misses "hello", where Sigma's contains matches). */
const STRING_OPS: Readonly<Record<Shape, readonly [string, string]>> = {
  exact: ['=~', '=='],
  prefix: ['startswith', 'startswith_cs'],
  suffix: ['endswith', 'endswith_cs'],
  contains: ['contains', 'contains_cs'],
};

const COMPARE_OPS: Readonly<Record<CompareOperator | 'eq', string>> = { eq: '==', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** Kusto functions for Sigma's timestamp-part modifiers (UTC, like Sigma). */
const TIMESTAMP_PARTS: Readonly<Record<TimestampPart, (col: string) => string>> = {
  minute: (c) => `datetime_part("minute", ${c})`,
  hour: (c) => `hourofday(${c})`,
  day: (c) => `dayofmonth(${c})`,
  week: (c) => `week_of_year(${c})`,
  month: (c) => `getmonth(${c})`,
  year: (c) => `getyear(${c})`,
};

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

function unresolved(names: readonly string[], loc: SourceLocation): Result<string> {
  return fail(
    diagnostic('pipeline/placeholder-unresolved', `placeholder ${names.map((n) => `%${n}%`).join(', ')} is not resolved`, loc, {
      hint: 'add a value_placeholders or query_expression_placeholders pipeline item for it',
    }),
  );
}

function op(shape: Shape, cased: boolean): string {
  return STRING_OPS[shape][cased ? 1 : 0];
}

/** Anchored regex for a value with inner wildcards: `*` and `?` also match line breaks, as in Sigma. */
function wildcardRegex(parts: readonly ValuePart[], cased: boolean, anchored: boolean): string {
  return kqlVerbatim((cased ? '(?s)' : '(?is)') + partsToRegex(parts, { anchored }));
}

type Shaped = ReturnType<typeof stringShape>;

/** Whether any part is a placeholder: a plain loop, checked for every value before anything else. */
export function hasPlaceholder(parts: readonly ValuePart[]): boolean {
  for (const p of parts) if (p.kind === 'placeholder') return true;
  return false;
}

/** String test on a string expression (a column, tostring(col) or strcat(...)). `shape`: stringShape of the value when the caller has it. */
export function stringTest(
  expr: string,
  value: StringValue | { parts: readonly ValuePart[]; cased: boolean; loc: SourceLocation },
  shape?: Shaped,
): Result<string> {
  if (hasPlaceholder(value.parts)) return unresolved(placeholderNames(value.parts), value.loc);
  const s = shape ?? stringShape(value.parts);
  switch (s.shape) {
    case 'any':
      return ok(`isnotempty(${expr})`);
    case 'pattern':
      return ok(`${expr} matches regex ${wildcardRegex(value.parts, value.cased, true)}`);
    case 'exact':
    case 'prefix':
    case 'suffix':
    case 'contains':
      return ok(`${expr} ${op(s.shape, value.cased)} ${kqlValue(s.text)}`);
    default:
      return assertNever(s.shape, 'string shape');
  }
}

/**
 * `FolderPath endswith @"\x.exe"` → the basename column and `x.exe`, when the table has that shortcut for the column
 * and the value's shape `s` is such a suffix (after the column's own separator, if it names one).
 */
export function basenameOf(col: Column, s: Shaped, target: KqlTarget): { column: string; name: string } | undefined {
  const column = target.schema?.basename?.[col.name];
  if (!column) return undefined;
  const name = basenameText(s, target.schema?.basenameSeparators?.[col.name]);
  return name === undefined ? undefined : { column, name };
}

/** The file name of a `\\name` / `/name` suffix shape (only `${separator}name` when given), else undefined. */
function basenameText(s: Shaped, separator?: string): string | undefined {
  if (s.shape !== 'suffix' || s.text.length < 2) return undefined;
  const sep = s.text[0];
  const name = s.text.slice(1);
  if ((sep !== '\\' && sep !== '/') || name.includes('\\') || name.includes('/')) return undefined;
  return separator === undefined || sep === separator ? name : undefined;
}

/** Split parts at the last backslash of a literal: Sigma's `DOMAIN\user`. */
function splitDomain(parts: readonly ValuePart[]): { domain: ValuePart[]; user: ValuePart[] } | undefined {
  const norm = normalizeParts(parts);
  for (let i = norm.length - 1; i >= 0; i--) {
    const p = norm[i]!;
    if (p.kind !== 'literal') continue;
    const at = p.text.lastIndexOf('\\');
    if (at < 0) continue;
    const domain = [...norm.slice(0, i), { kind: 'literal' as const, text: p.text.slice(0, at) }];
    const user = [{ kind: 'literal' as const, text: p.text.slice(at + 1) }, ...norm.slice(i + 1)];
    return { domain, user };
  }
  return undefined;
}

/** The whole `DOMAIN\user` text rebuilt from the two columns, for shapes the split cannot express. */
function joinedAccount(col: Column, domainCol: string): string {
  return `strcat(${domainCol}, @"\\", ${col.ref})`;
}

/** Sigma `User` over AccountDomain + AccountName: exact per-column tests where possible, else the joined text. */
function accountTest(col: Column, domainCol: string, value: StringValue): Result<string> {
  if (hasPlaceholder(value.parts)) return unresolved(placeholderNames(value.parts), value.loc);
  const split = splitDomain(value.parts);
  if (split) {
    const tests: string[] = [];
    const d = stringShape(split.domain);
    const u = stringShape(split.user);
    if (d.shape === 'pattern' || u.shape === 'pattern') return stringTest(joinedAccount(col, domainCol), value);
    // The domain part must match the whole domain column (it ends at the backslash), the user part the whole name.
    if (d.shape !== 'any') {
      const r = stringTest(domainCol, { parts: split.domain, cased: value.cased, loc: value.loc });
      if (!r.ok) return r;
      tests.push(r.value);
    }
    if (u.shape !== 'any') {
      const r = stringTest(col.ref, { parts: split.user, cased: value.cased, loc: value.loc });
      if (!r.ok) return r;
      tests.push(r.value);
    }
    if (tests.length === 0) return ok(`isnotempty(${col.ref})`);
    return ok(tests.length === 1 ? tests[0]! : `(${tests.join(' and ')})`);
  }
  const s = stringShape(value.parts);
  // No backslash: an exact value or a suffix can only be (the end of) the account name.
  if (s.shape === 'exact' || s.shape === 'suffix' || s.shape === 'any') return stringTest(col.ref, value);
  return stringTest(joinedAccount(col, domainCol), value);
}

function stringOnColumn(col: Column, sigma: StringValue, target: KqlTarget): Result<string> {
  if (col.type === 'string') {
    const value = withoutBraces(sigma, col, target);
    const reg = registryDataTest(col, value, target, () => plainStringTest(col, value, target));
    if (reg) return reg;
    if (isHexText(col, target)) {
      const s = stringShape(value.parts);
      const hex = s.shape === 'exact' ? hexTextTest(col, s.text) : undefined;
      if (hex !== undefined) return ok(hex);
    }
    return plainStringTest(col, value, target);
  }
  const value = sigma;
  const s = stringShape(value.parts);
  // Schema-aware: a quoted Sigma number on a numeric column is a numeric comparison; a hexadecimal one ('0x3e7',
  // as Sysmon writes logon ids) is its number.
  if (isNumeric(col.type) && s.shape === 'exact') {
    if (NUMBER_TEXT.test(s.text)) return ok(`${col.ref} == ${s.text}`);
    const dec = hexToDecimal(s.text);
    if (dec !== undefined) return ok(`${col.ref} == ${dec}`);
  }
  if (col.type === 'bool' && s.shape === 'exact' && /^(true|false)$/i.test(s.text)) {
    return ok(`${col.ref} == ${s.text.toLowerCase()}`);
  }
  return stringTest(asString(col), value);
}

/** A string value on a string column, with the account split and basename shortcuts. */
function plainStringTest(col: Column, value: StringValue, target: KqlTarget): Result<string> {
  // Sigma's User is DOMAIN\user (Sysmon's shape); a rule written against the log itself (`service: security`) names
  // the log's own fields, and Windows writes TargetUserName/SubjectUserName without the domain.
  const domainName = target.sysmonShaped ? target.schema?.domainSplit?.[col.name] : undefined;
  if (domainName) {
    // The domain may be a computed column too: resolving it registers its definition.
    const domainCol = resolveColumn(domainName, value.loc, target);
    if (!domainCol.ok) return domainCol;
    return accountTest(col, domainCol.value.ref, value);
  }
  // One shape for both the basename shortcut and the plain test.
  const s = stringShape(value.parts);
  const base = basenameOf(col, s, target);
  if (base) return ok(`${base.column} ${op('exact', value.cased)} ${kqlValue(base.name)}`);
  // `*` is any value, empty included: a key that is there.
  if (col.data !== undefined && s.shape === 'any' && !hasPlaceholder(value.parts)) return ok(`isnotnull(${col.data})`);
  const test = stringTest(col.ref, value, s);
  // An empty value is a key that is there and empty: tostring() of a missing key is empty too.
  return col.data !== undefined && s.shape === 'exact' && s.text === '' && test.ok ? ok(`(isnotnull(${col.data}) and ${test.value})`) : test;
}

function regexFlags(v: RegexValue): string {
  const f = (v.flags.ignoreCase ? 'i' : '') + (v.flags.multiline ? 'm' : '') + (v.flags.dotAll ? 's' : '');
  return f ? `(?${f})` : '';
}

// RE2 (Kusto's regex engine) has no lookaround, backreferences, atomic groups or possessive quantifiers,
// and rejects PCRE-only syntax: a backslash before an ASCII letter RE2 does not know (`\Z`, `\h`, `\R`, `\u0041`, `\e`,
// `\cA`, `\K`, `\G`, `\X`, …), comments, branch reset, conditionals, recursion and flags other than i, m, s, U.
const RE2_UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookaround'],
  [/\(\?>/, 'atomic groups'],
  [/\\[1-9]|\\k</, 'backreferences'],
  [/[*+?}]\+/, 'possessive quantifiers'],
  [/\\(?![aftnrvdDsSwWbBAzxpPQE])[A-Za-z]/, 'an escape sequence RE2 does not know (PCRE-only, e.g. \\Z, \\h, \\R, \\u)'],
  [/\(\?(?:#|\||\(|R\)|[0-9+&]|[-imsU]*[a-hj-ln-rt-zA-OQ-TV-Z])/, 'PCRE-only group syntax (comments, branch reset, conditionals, recursion or an unsupported flag)'],
];

export function regexLiteral(v: RegexValue): Result<string> {
  if (v.placeholders.length > 0) return unresolved(v.placeholders, v.loc);
  // Skip escaped backslashes so `\\1` (a literal backslash then 1) is not taken for a backreference.
  const scan = v.pattern.replaceAll('\\\\', '');
  for (const [re, what] of RE2_UNSUPPORTED) {
    if (re.test(scan)) {
      return fail(
        diagnostic('backend/unsupported-value', `regular expression uses ${what}, which Kusto's RE2 engine does not support`, v.loc),
      );
    }
  }
  return ok(kqlVerbatim(regexFlags(v) + v.pattern));
}

function fieldRef(col: Column, v: FieldRefValue, target: KqlTarget): Result<string> {
  const other = resolveColumn(v.field, v.loc, target);
  if (!other.ok) return other;
  const shape: Shape = v.match === 'equals' ? 'exact' : v.match === 'startswith' ? 'prefix' : v.match === 'endswith' ? 'suffix' : 'contains';
  const left = accountText(col, v, target);
  const right = accountText(other.value, v, target);
  if (!left.ok) return left;
  return right.ok ? ok(`${left.value} ${op(shape, v.cased)} ${right.value}`) : right;
}

/** A field's text for a fieldref: Sigma's DOMAIN\user of an account split over two columns is their join. */
function accountText(col: Column, v: FieldRefValue, target: KqlTarget): Result<string> {
  const domain = target.sysmonShaped ? target.schema?.domainSplit?.[col.name] : undefined;
  if (!domain) return ok(asString(col));
  const d = resolveColumn(domain, v.loc, target);
  return d.ok ? ok(joinedAccount(col, d.value.ref)) : d;
}

/** A path field the table only knows by file name: `endswith '\\name'` (exact on the name) and presence tests. */
function basenameOnlyLeaf(node: MatchExpr, column: string, target: KqlTarget): Result<string> {
  const v = node.value;
  if (v.kind === 'null' || v.kind === 'exists') {
    return ok(v.kind === 'null' || !v.exists ? `isempty(${column})` : `isnotempty(${column})`);
  }
  if (v.kind === 'string') {
    const base = basenameOf({ ref: node.field, type: 'string', name: node.field }, stringShape(v.parts), {
      ...target,
      schema: target.schema ? { ...target.schema, basename: { [node.field]: column } } : undefined,
    });
    if (base) return ok(`${column} ${op('exact', v.cased)} ${kqlValue(base.name)}`);
  }
  return fail(
    diagnostic(
      'backend/unmapped-field',
      `field '${node.field}' has no column in ${target.tableName}: only its file name (${column}) is there, so only endswith '\\name' can be tested`,
      node.loc,
    ),
  );
}

/**
 * One field test. `column`: node.field already resolved on this target by the caller (an OR list renders many
 * values of one field), so it is not resolved again per value.
 */
export function matchLeaf(node: MatchExpr, target: KqlTarget, column?: Column): Result<string> {
  const v = node.value;
  let col: Column;
  if (column) col = column;
  else {
    const nameOnly = target.schema?.basenameOnly?.[node.field];
    if (nameOnly && !target.schema?.columns[node.field]) return basenameOnlyLeaf(node, nameOnly, target);
    const resolved = resolveColumn(node.field, node.loc, target);
    if (!resolved.ok) return resolved;
    col = resolved.value;
  }
  switch (v.kind) {
    case 'string':
      return stringOnColumn(col, v, target);
    case 'number': {
      if (isNumeric(col.type)) return ok(`${col.ref} == ${String(v.value)}`);
      const hex = isHexText(col, target) ? hexTextTest(col, String(v.value)) : undefined;
      return ok(hex ?? `${asString(col)} == ${kqlString(String(v.value))}`);
    }
    case 'boolean':
      if (col.type === 'bool') return ok(`${col.ref} == ${String(v.value)}`);
      return ok(`${asString(col)} =~ ${kqlString(String(v.value))}`);
    case 'null':
      if (col.data !== undefined) return ok(`isnull(${col.data})`);
      return ok(col.type === 'string' ? `isempty(${col.ref})` : `isnull(${col.ref})`);
    case 'exists':
      if (col.data !== undefined) return ok(v.exists ? `isnotnull(${col.data})` : `isnull(${col.data})`);
      if (col.type === 'string') return ok(v.exists ? `isnotempty(${col.ref})` : `isempty(${col.ref})`);
      return ok(v.exists ? `isnotnull(${col.ref})` : `isnull(${col.ref})`);
    case 'regex': {
      const lit = regexLiteral(v);
      return lit.ok ? ok(`${asString(col)} matches regex ${lit.value}`) : lit;
    }
    case 'cidr': {
      // The range functions return null, not false, for a value that is not an address of their family (an IPv6
      // address, '-'): under not() that null would drop the row where Sigma's negated cidr test is true.
      const fn = v.version === 4 ? 'ipv4_is_in_range' : 'ipv6_is_in_range';
      return ok(`coalesce(${fn}(${asString(col)}, ${kqlString(`${v.network}/${v.prefixLength}`)}), false)`);
    }
    case 'compare':
      return ok(`${isNumeric(col.type) ? col.ref : `toreal(${col.ref})`} ${COMPARE_OPS[v.op]} ${String(v.value)}`);
    case 'fieldref':
      return fieldRef(col, v, target);
    case 'timestamp-part': {
      const time = col.type === 'datetime' ? col.ref : `todatetime(${col.ref})`;
      return ok(`${TIMESTAMP_PARTS[v.part](time)} ${COMPARE_OPS[v.op]} ${String(v.value)}`);
    }
    case 'query-expression':
      return ok(v.expression.replaceAll('{field}', col.ref).replaceAll('{id}', v.id));
    default:
      return assertNever(v, 'value kind');
  }
}

/**
 * A keyword searches the whole event: `* contains` (substring over every column), never `* has` (term match).
 * Sigma keywords match anywhere, so leading/trailing `*` add nothing and inner wildcards give an unanchored regex.
 */
export function keywordLeaf(node: KeywordExpr): Result<string> {
  const v = node.value;
  switch (v.kind) {
    case 'number':
      return ok(`* contains ${kqlString(String(v.value))}`);
    case 'regex': {
      const lit = regexLiteral(v);
      return lit.ok ? ok(`* matches regex ${lit.value}`) : lit;
    }
    case 'string': {
      if (hasPlaceholder(v.parts)) return unresolved(placeholderNames(v.parts), v.loc);
      const s = stringShape(v.parts);
      if (s.shape === 'any') {
        return fail(diagnostic('backend/unsupported-value', 'a keyword of only `*` matches every event', v.loc));
      }
      if (s.shape !== 'pattern') return ok(`* ${op('contains', v.cased)} ${kqlValue(s.text)}`);
      const parts = normalizeParts(v.parts);
      const start = parts[0]?.kind === 'wildcard-multi' ? 1 : 0;
      const end = parts[parts.length - 1]?.kind === 'wildcard-multi' ? parts.length - 1 : parts.length;
      return ok(`* matches regex ${wildcardRegex(parts.slice(start, end), v.cased, false)}`);
    }
    default:
      return assertNever(v, 'keyword value');
  }
}

/** Characters JSON escapes inside a string: a dynamic column read as text holds them escaped. */
const JSON_ESCAPED = /["\\\u0000-\u001f]/;

export function leaf(node: MatchExpr | KeywordExpr, target: KqlTarget): Result<string> {
  if (node.kind === 'match') return matchLeaf(node, target);
  // A keyword is searched in every column read as text; in a table whose event data is a dynamic column (WindowsEvent)
  // that text is JSON, where a backslash or quote of the value is escaped, so the value as written is never found.
  if (target.dynamicData && node.value.kind === 'string' && node.value.parts.some((p) => p.kind === 'literal' && JSON_ESCAPED.test(p.text))) {
    return fail(
      diagnostic('backend/unsupported-value', `a keyword with \\, " or a control character is escaped in ${target.tableName}'s JSON event data`, node.value.loc),
    );
  }
  return keywordLeaf(node);
}

