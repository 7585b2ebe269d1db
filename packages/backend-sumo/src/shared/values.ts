import { diagnostic, normalizeParts, stringShape } from '@sigmats/core';
import type { CidrValue, Diagnostic, ExistsValue, NullValue, QueryExpressionValue, RegexValue, ScalarValue, StringValue } from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';
import { ipv6CidrRegex } from './ipv6.js';
import { re2Error } from './re2.js';
import { commonAffixes, flagPrefix, hasWildcard, partsRegex, regexLiteral, userRegex } from '../encode.js';

/**
 * Helpers shared by the log search and CSE leaf renderers: how a Sigma string becomes one anchored Sumo regex,
 * how several strings on one field fold into one alternation, and the RE2 check every emitted regex passes.
 */

/** Anchored regex body (without flags) for one string value. */
export function stringBody(v: StringValue): string {
  return `^${partsRegex(v.parts)}$`;
}

/** `/(?is)^…$/` text for a single string value; `(?i)` unless cased, `(?s)` when wildcards are present. */
export function stringRegex(v: StringValue): string {
  return `${flagPrefix({ i: !v.cased, s: hasWildcard(v.parts) })}${stringBody(v)}`;
}

/**
 * One regex matching any of `values` (all with the same `cased`). Values of one plain shape share the `.*`
 * wrappers and their common literal prefix/suffix is factored out: `^.*\x5c(?:a|b)\.exe$`.
 */
export function alternationRegex(values: readonly StringValue[]): string {
  const cased = values[0]!.cased;
  // One loop reads every value's shape and text (a list was mapped, tested and mapped again with callbacks).
  const first = stringShape(values[0]!).shape;
  let sameShape = first !== 'pattern' && first !== 'any';
  const texts: string[] = [];
  for (let i = 0; i < values.length && sameShape; i++) {
    const s = stringShape(values[i]!);
    if (s.shape !== first) sameShape = false;
    else texts.push(s.text);
  }
  let body: string;
  let wild: boolean;
  if (sameShape) {
    const { prefix, suffix } = commonAffixes(texts);
    // prefix/suffix are made of whole code points, so code-unit slicing cannot split a pair.
    const alts = new Set<string>();
    for (const t of texts) alts.add(regexLiteral(t.slice(prefix.length, t.length - suffix.length)));
    const lead = first === 'suffix' || first === 'contains' ? '.*' : '';
    const trail = first === 'prefix' || first === 'contains' ? '.*' : '';
    body = `^${lead}${regexLiteral(prefix)}(?:${[...alts].join('|')})${regexLiteral(suffix)}${trail}$`;
    wild = lead !== '' || trail !== '';
  } else {
    body = `^(?:${dedupe(values.map((v) => partsRegex(normalizeParts(v.parts)))).join('|')})$`;
    wild = values.some((v) => hasWildcard(v.parts));
  }
  return `${flagPrefix({ i: !cased, s: wild })}${body}`;
}

function dedupe(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** Check an emitted regex against RE2's syntax (core's RE2 parser); a located error when RE2 would refuse it. */
export function checkRe2(source: string, at: ScalarValue | RegexValue): Diagnostic | undefined {
  const why = re2Error(source);
  if (why === undefined) return undefined;
  return diagnostic('backend/unsupported-value', `regex is not valid RE2 (Sumo's regex engine): ${why}`, at.loc, {
    hint: 'RE2 has no lookaround, backreferences or possessive quantifiers; rewrite the pattern without them',
  });
}

/**
 * Zeek dns.log's `answers` is a `vector of string` (zeek/zeek @ a13de64f scripts/base/protocols/dns/main.zeek:71),
 * one element appended per reply (:422-424), written to JSON logs as an array (src/threading/formatters/JSON.cc:234-235):
 * Cloud SIEM's Zeek DNS mapping (catalog b3edeaee) copies the whole of it into dns_reply ("a single record or
 * multiple records concatenated into a string", the schema), and log search's `json` operator extracts it whole.
 * Marked for every Zeek log (both targets): only dns.log has the key.
 */
export const ZEEK_LIST_KEYS: ReadonlySet<string> = new Set(['answers']);

/**
 * Why a test of `field`, a list-valued key (Zeek dns.log's `answers`), cannot be written; undefined if it can. Sigma's
 * test holds when one element matches, and neither Cloud SIEM's `fields['…']` nor log search's `json` operator
 * documents the text a list is kept as (search/leaf.ts; for Cloud SIEM the catalog's b3edeaee copies the whole key
 * into dns_reply, "a single record or multiple records concatenated into a string"). Only a test right on any text that keeps each
 * element's text is written: a `contains` of printable ASCII without `"` or `\`, which no JSON writer escapes and which
 * cannot span two elements (a quote ends each one), holding a character other than `[`, `]`, `,` and space (a run of
 * those alone can lie between elements, in none); `*`, null and exists, which ask only whether the key is there.
 * Equality, affixes, patterns, regexes, CIDRs and numbers ask about one element's bounds: refused, at the value.
 */
export function listProblem(field: string, key: string, value: ScalarValue): Diagnostic | undefined {
  if (value.kind === 'null' || value.kind === 'exists') return undefined;
  let code: Diagnostic['code'] = 'backend/unsupported-feature';
  if (value.kind === 'string') {
    if (placeholderError(value)) return undefined; // refused as a placeholder where the value is rendered
    const { shape, text } = stringShape(value);
    if (shape === 'any') return undefined;
    if (shape === 'contains') {
      if (/^[\x20-\x7e]*$/.test(text) && !/["\\]/.test(text) && (text === '' || /[^[\], ]/.test(text))) return undefined;
      code = 'backend/unsupported-value';
    }
  }
  return diagnostic(code, `'${field}' is Zeek's ${key}, a list kept as text Sumo does not document: only a contains test of printable ASCII without " or \\ (not only brackets, commas and spaces) is right on it`, value.loc);
}

/** The Sumo regex for a `|re` value, or the RE2 error. */
export function regexValue(v: RegexValue): { source: string } | { error: Diagnostic } {
  if (v.placeholders.length > 0) {
    return {
      error: diagnostic('pipeline/placeholder-unresolved', `placeholder(s) ${v.placeholders.map((p) => `%${p}%`).join(', ')} left in regex`, v.loc),
    };
  }
  const source = userRegex(v.pattern, v.flags);
  const err = checkRe2(source, v);
  // On failure, report on the user's own pattern when it is the culprit (clearer than the padded form).
  return err ? { error: checkRe2(v.pattern, v) ?? err } : { source };
}

export function placeholderError(v: StringValue): Diagnostic | undefined {
  // A loop, not parts.some(callback): every string value of both targets is asked, and a one-shot run interprets
  // the callback for each part.
  let any = false;
  for (let i = 0; i < v.parts.length && !any; i++) any = v.parts[i]!.kind === 'placeholder';
  if (!any) return undefined;
  const names = v.parts.flatMap((p) => (p.kind === 'placeholder' ? [`%${p.name}%`] : []));
  return diagnostic('pipeline/placeholder-unresolved', `placeholder(s) ${names.join(', ')} not resolved by a pipeline`, v.loc, {
    hint: 'add a value_placeholders or wildcard_placeholders pipeline item',
  });
}

/** Number text as Sumo reads it (no exponent form for ordinary values). */
export function numberText(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/**
 * `|cidr` in both Sumo dialects: `compareCIDRPrefix` for IPv4; it is IPv4 only, so IPv6 matches the address text
 * with a regex over every textual form (see ipv6.ts). `q` quotes a string literal in the caller's dialect.
 */
export function cidrTest(f: string, value: CidrValue, q: (text: string) => string): Result<string> {
  if (value.version === 6) {
    const re = ipv6CidrRegex(value.network, value.prefixLength);
    if (re === undefined) {
      return fail(diagnostic('backend/unsupported-value', `IPv6 CIDR ${value.network}/${value.prefixLength} is not a valid network`, value.loc));
    }
    return ok(`${f} matches /(?i)${re}/`);
  }
  return ok(`compareCIDRPrefix(${q(value.network)}, ${f}, ${q(String(value.prefixLength))})`);
}

/**
 * The value tests log search and CSE write alike: null as `isEmpty`, exists as `isNull`, a regex as `matches /…/`, CIDR
 * (quoted in the caller's dialect by `q`), and a pipeline's query expression. The other kinds differ per dialect.
 */
export function sharedValueTest(
  f: string,
  value: NullValue | ExistsValue | RegexValue | CidrValue | QueryExpressionValue,
  q: (text: string) => string,
): Result<string> {
  switch (value.kind) {
    case 'null':
      return ok(`isEmpty(${f})`);
    case 'exists':
      // Sigma `exists` is about the field being there, whatever its value (an empty string exists): isNull, which
      // is true only for a missing key, not isEmpty, which is also true for "".
      return ok(value.exists ? `!isNull(${f})` : `isNull(${f})`);
    case 'regex': {
      const r = regexValue(value);
      return 'error' in r ? fail(r.error) : ok(`${f} matches /${r.source}/`);
    }
    case 'cidr':
      return cidrTest(f, value, q);
    case 'query-expression':
      return ok(value.expression.replaceAll('{field}', f).replaceAll('{id}', value.id));
  }
}
