import type { ModifierName } from '../ir/detection.js';
import type {
  CompareOperator,
  DetectionValue,
  FieldRefMatch,
  RegexFlags,
  ScalarValue,
  TimestampPart,
  ValuePart,
} from '../ir/values.js';
import type { SourceLocation } from '../location.js';
import { parseCidr } from './cidr.js';
import {
  base64,
  base64OffsetVariants,
  byteStringToBytes,
  utf16ByteString,
  utf8Bytes,
} from './encoding.js';
import { checkRegex } from './regex-check.js';
import { WILDCARD_MULTI, hasWildcards, insertPlaceholders, mergeLiterals, parseSigmaString, regexPlaceholders } from './sigma-string.js';
import { plainText } from '../strings.js';
import { exact } from './exact.js';
import { partsLength, windashCount, windashVariants } from './windash.js';

const NAMES: readonly ModifierName[] = [
  'contains', 'startswith', 'endswith', 'all', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide',
  'windash', 're', 'i', 'ignorecase', 'm', 'multiline', 's', 'dotall', 'cidr', 'exists', 'expand', 'fieldref',
  'gt', 'gte', 'lt', 'lte', 'cased', 'neq', 'minute', 'hour', 'day', 'week', 'month', 'year',
];
export const MODIFIER_NAMES: ReadonlySet<string> = new Set<ModifierName>(NAMES);
/**
 * Each modifier name to its one constant string: a chain keeps the constants rather than the pieces cut from the key
 * (a fresh string per modifier per item, held by the IR), and later comparisons with them are identity checks.
 */
export const MODIFIER_BY_NAME: ReadonlyMap<string, ModifierName> = new Map(NAMES.map((n) => [n, n]));

/** Modifiers acting on the whole item (value list), not on values. */
const LIST_MODIFIERS: ReadonlySet<ModifierName> = new Set(['all', 'neq']);
const REGEX_FLAG_MODIFIERS: Readonly<Partial<Record<ModifierName, keyof RegexFlags>>> = {
  i: 'ignoreCase', ignorecase: 'ignoreCase', m: 'multiline', multiline: 'multiline', s: 'dotAll', dotall: 'dotAll',
};
const TIMESTAMP_PARTS: Readonly<Partial<Record<ModifierName, { min: number; max: number }>>> = {
  minute: { min: 0, max: 59 }, hour: { min: 0, max: 23 }, day: { min: 1, max: 31 }, week: { min: 1, max: 53 },
  month: { min: 1, max: 12 }, year: { min: 0, max: 9999 },
};

/** Maximum variants one value may expand to (windash grows as 5^n). */
export const MAX_VARIANTS = 15_625;
/**
 * Maximum characters over all the variants of one value (variants x length). Bounding the count alone let a
 * 15,000-character value with six flags through: 15,625 variants, 234 million characters, 47 s to convert to Sumo
 * (fuzz seed 648542). SigmaHQ's largest windash value expands to 425 characters.
 */
export const MAX_EXPANDED_CHARS = 1_000_000;

/** A value while modifiers are applied to it. `bytes`: literal chars are bytes (after utf16/wide). */
type W =
  | { t: 'str'; parts: ValuePart[]; cased: boolean; bytes: boolean; raw: string | undefined }
  | { t: 'num'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'null' }
  | { t: 're'; pattern: string; flags: RegexFlags; placeholders: string[] }
  | { t: 'cidr'; version: 4 | 6; network: string; prefixLength: number }
  | { t: 'cmp'; op: CompareOperator; value: number }
  | { t: 'exists'; value: boolean }
  | { t: 'fieldref'; field: string; match: FieldRefMatch; cased: boolean }
  | { t: 'ts'; part: TimestampPart; op: 'eq' | CompareOperator; value: number }
  | { t: 'exp'; source: 'windash' | 'base64offset' | 'cidr' | 'placeholder'; values: W[] };

export type ModifierProblem = {
  code: 'modifier/invalid-chain' | 'modifier/type-mismatch' | 'modifier/base64offset-short' | 'modifier/regex-invalid' | 'modifier/cidr-invalid' | 'detection/too-many-variants' | 'detection/expansion-too-large' | 'detection/invalid-value' | 'modifier/escaped-wildcard';
  message: string;
  hint?: string;
  severity?: 'warning';
};

export type RawValue = string | number | boolean | null;

function describe(w: W): string {
  switch (w.t) {
    case 'str': return 'a string';
    case 'num': return 'a number';
    case 'bool': return 'a boolean';
    case 'null': return 'null';
    case 're': return 'a regular expression';
    case 'cidr': return 'a CIDR network';
    case 'cmp': return 'a comparison';
    case 'exists': return 'an existence test';
    case 'fieldref': return 'a field reference';
    case 'ts': return 'a timestamp part';
    case 'exp': return 'an expansion';
  }
}

/**
 * Chain-level checks that do not depend on values: position rules of `re`, `cidr`, `exists`, regex flags.
 * Returns problems (errors) to report at the key.
 */
/** No problems: shared (callers only read it). */
const NO_PROBLEMS: readonly ModifierProblem[] = [];

/** Whether checkChain can find a problem in `mods`: a modifier that must come first or after `re`, or a repeated one. */
function mayBeInvalidChain(mods: readonly ModifierName[], keyword: boolean): boolean {
  for (let i = 0; i < mods.length; i++) {
    const m = mods[i] as ModifierName;
    if (m === 're' || m === 'cidr' || m === 'exists' || REGEX_FLAG_MODIFIERS[m] !== undefined || (keyword && m === 'fieldref')) return true;
    for (let j = 0; j < i; j++) if (mods[j] === m) return true;
  }
  return false;
}

export function checkChain(mods: readonly ModifierName[], keyword: boolean): readonly ModifierProblem[] {
  // Most chains (contains, endswith|all, ...) have nothing to report: spare them the lists and the set below.
  if (!mayBeInvalidChain(mods, keyword)) return NO_PROBLEMS;
  const problems: ModifierProblem[] = [];
  const valueMods = mods.filter((m) => !LIST_MODIFIERS.has(m));
  valueMods.forEach((m, i) => {
    if ((m === 're' || m === 'cidr' || m === 'exists') && i > 0) {
      problems.push({
        code: 'modifier/invalid-chain',
        message: `'${m}' must be the first value modifier (it reads the value as written), but it follows '${valueMods[i - 1]}'`,
        hint: `write '${[m, ...valueMods.filter((x) => x !== m)].join('|')}'`,
      });
    }
    if (REGEX_FLAG_MODIFIERS[m] !== undefined && !valueMods.slice(0, i).includes('re')) {
      problems.push({ code: 'modifier/invalid-chain', message: `regex flag '${m}' needs 're' before it`, hint: `write 're|${m}'` });
    }
  });
  if (keyword && mods.includes('exists')) {
    problems.push({ code: 'modifier/invalid-chain', message: "'exists' needs a field name (it cannot apply to a keyword search)" });
  }
  if (keyword && mods.includes('fieldref')) {
    problems.push({ code: 'modifier/invalid-chain', message: "'fieldref' needs a field name (it cannot apply to a keyword search)" });
  }
  const seen = new Set<ModifierName>();
  for (const m of mods) {
    if (seen.has(m) && m !== 'base64' && m !== 'utf16le' && m !== 'wide') {
      problems.push({ code: 'modifier/invalid-chain', message: `modifier '${m}' is written twice` });
    }
    seen.add(m);
  }
  return problems;
}

function initial(raw: RawValue, parsed?: ValuePart[]): W {
  if (typeof raw === 'string') {
    return { t: 'str', parts: parsed ?? parseSigmaString(raw).parts, cased: false, bytes: false, raw };
  }
  if (typeof raw === 'number') return { t: 'num', value: raw };
  if (typeof raw === 'boolean') return { t: 'bool', value: raw };
  return { t: 'null' };
}

class Fail {
  constructor(readonly problem: ModifierProblem) {}
}

const mismatch = (m: ModifierName, w: W, hint?: string): Fail =>
  new Fail({
    code: 'modifier/type-mismatch',
    message: `modifier '${m}' cannot apply to ${describe(w)}`,
    ...(hint !== undefined ? { hint } : {}),
  });

function literalBytes(w: Extract<W, { t: 'str' }>, m: ModifierName): Uint8Array {
  if (hasWildcards(w.parts) || w.parts.some((p) => p.kind === 'placeholder')) {
    throw new Fail({
      code: 'modifier/invalid-chain',
      message: `'${m}' cannot encode a value with wildcards or placeholders`,
      hint: `put '${m}' before 'contains'/'startswith'/'endswith' (e.g. '${m}|contains') and escape literal * and ? as \\* and \\?`,
    });
  }
  const text = plainText(w.parts) ?? '';
  return w.bytes ? byteStringToBytes(text) : utf8Bytes(text);
}

function addWildcards(parts: readonly ValuePart[], lead: boolean, trail: boolean): ValuePart[] {
  // Most values are one literal: the result written as one literal array, without a copy grown by unshift and push.
  if (parts.length === 1 && (parts[0] as ValuePart).kind === 'literal') {
    const p = parts[0] as ValuePart;
    return lead ? (trail ? [WILDCARD_MULTI, p, WILDCARD_MULTI] : [WILDCARD_MULTI, p]) : trail ? [p, WILDCARD_MULTI] : [p];
  }
  const out = [...parts];
  if (lead && out[0]?.kind !== 'wildcard-multi') out.unshift(WILDCARD_MULTI);
  if (trail && out[out.length - 1]?.kind !== 'wildcard-multi') out.push(WILDCARD_MULTI);
  return out;
}

function regexAnchoredStart(p: string): boolean {
  return p.startsWith('^') || p.startsWith('.*');
}
function regexAnchoredEnd(p: string): boolean {
  if (p.endsWith('.*') && !p.endsWith('\\.*')) return true;
  if (!p.endsWith('$')) return false;
  let k = p.length - 2;
  let bs = 0;
  while (k >= 0 && p[k] === '\\') {
    bs++;
    k--;
  }
  return bs % 2 === 0;
}

function mapExp(w: W, f: (x: W) => W): W {
  if (w.t !== 'exp') return f(w);
  const values: W[] = [];
  for (const v of w.values) {
    const r = f(v);
    if (r.t === 'exp') values.push(...r.values);
    else values.push(r);
  }
  return { t: 'exp', source: w.source, values };
}

/** A working string, written key by key: spread copies would give hot string values a second hidden class. */
function strW(parts: ValuePart[], cased: boolean, bytes: boolean, raw?: string): W {
  return { t: 'str', parts, cased, bytes, raw };
}

/** `contains`, `startswith` or `endswith` (`m`) applied to one value. */
function openEnds(m: ModifierName, x: W): W {
  const lead = m !== 'startswith';
  const trail = m !== 'endswith';
  if (x.t === 'str') return strW(addWildcards(x.parts, lead, trail), x.cased, x.bytes);
  if (x.t === 're') {
    let p = x.pattern;
    if (lead && !regexAnchoredStart(p)) p = '.*' + p;
    if (trail && !regexAnchoredEnd(p)) p = p + '.*';
    return { ...x, pattern: p };
  }
  if (x.t === 'fieldref') {
    // startswith leaves the end open (trail), endswith the start (lead); they combine into contains.
    const s = trail || x.match === 'startswith' || x.match === 'contains';
    const e = lead || x.match === 'endswith' || x.match === 'contains';
    const match: FieldRefMatch = s && e ? 'contains' : s ? 'startswith' : e ? 'endswith' : 'equals';
    return { ...x, match };
  }
  throw mismatch(m, x, x.t === 'num' ? `quote the number to match it as text: '${(x as { value: number }).value}'` : undefined);
}

function applyOne(m: ModifierName, w: W, first: boolean): W {
  switch (m) {
    case 'all':
    case 'neq':
      return w;
    case 'contains':
    case 'startswith':
    case 'endswith':
      // The most used modifiers: a closure for mapExp only when there is an expansion to map.
      return w.t === 'exp' ? mapExp(w, (x) => openEnds(m, x)) : openEnds(m, w);
    case 'base64':
      return mapExp(w, (x) => {
        if (x.t !== 'str') throw mismatch(m, x);
        return { t: 'str', parts: [{ kind: 'literal', text: base64(literalBytes(x, m)) }], cased: x.cased, bytes: false, raw: undefined };
      });
    case 'base64offset':
      return mapExp(w, (x) => {
        if (x.t !== 'str') throw mismatch(m, x);
        const variants = base64OffsetVariants(literalBytes(x, m));
        if (!variants) {
          throw new Fail({
            code: 'modifier/base64offset-short',
            message: `'${plainText(x.parts) ?? ''}' is too short for 'base64offset': one of the shifted encodings would be empty and match everything`,
            hint: 'use a longer value (at least 3 bytes)',
          });
        }
        return {
          t: 'exp',
          source: 'base64offset',
          values: variants.map((v) => ({ t: 'str', parts: [{ kind: 'literal', text: v }], cased: x.cased, bytes: false, raw: undefined })),
        };
      });
    case 'utf16le':
    case 'wide':
    case 'utf16be':
    case 'utf16':
      return mapExp(w, (x) => {
        if (x.t !== 'str') throw mismatch(m, x);
        const be = m === 'utf16be';
        const parts: ValuePart[] = x.parts.map((p) => (p.kind === 'literal' ? { kind: 'literal', text: utf16ByteString(p.text, be) } : p));
        if (m === 'utf16') parts.unshift({ kind: 'literal', text: '\xff\xfe' });
        return { t: 'str', parts: mergeLiterals(parts), cased: x.cased, bytes: true, raw: undefined };
      });
    case 'windash':
      return mapExp(w, (x) => {
        if (x.t !== 'str') throw mismatch(m, x);
        const n = windashCount(x.parts);
        if (n === 0) return x;
        if (5 ** n > MAX_VARIANTS) {
          throw new Fail({
            code: 'detection/too-many-variants',
            message: `'windash' would expand this value into 5^${n} = ${5 ** n} variants (limit ${MAX_VARIANTS})`,
            hint: 'split the value or drop windash for some flags',
          });
        }
        const length = partsLength(x.parts);
        if (5 ** n * length > MAX_EXPANDED_CHARS) {
          throw new Fail({
            code: 'detection/expansion-too-large',
            message: `'windash' would expand this value of ${length} characters into ${5 ** n} variants, ${5 ** n * length} characters in all (limit ${MAX_EXPANDED_CHARS})`,
            hint: 'shorten the value, or drop windash for some flags',
          });
        }
        return {
          t: 'exp',
          source: 'windash',
          values: windashVariants(x.parts).map((parts) => ({ t: 'str', parts, cased: x.cased, bytes: x.bytes, raw: undefined })),
        };
      });
    case 're': {
      if (w.t !== 'str' || w.raw === undefined || !first) throw mismatch(m, w, w.t === 'num' ? 'quote the regular expression' : undefined);
      const err = checkRegex(w.raw);
      if (err !== undefined) {
        throw new Fail({ code: 'modifier/regex-invalid', message: `invalid regular expression '${w.raw}': ${err}` });
      }
      return { t: 're', pattern: w.raw, flags: { ignoreCase: false, multiline: false, dotAll: false }, placeholders: [] };
    }
    case 'i':
    case 'ignorecase':
    case 'm':
    case 'multiline':
    case 's':
    case 'dotall': {
      if (w.t !== 're') throw mismatch(m, w, `write 're|${m}'`);
      const flag = REGEX_FLAG_MODIFIERS[m] as keyof RegexFlags;
      return { ...w, flags: { ...w.flags, [flag]: true } };
    }
    case 'cidr': {
      if (w.t !== 'str' || w.raw === undefined || !first) throw mismatch(m, w);
      const r = parseCidr(w.raw);
      if (!r.ok) throw new Fail({ code: 'modifier/cidr-invalid', message: r.message, ...(r.hint ? { hint: r.hint } : {}) });
      return { t: 'cidr', version: r.version, network: r.network, prefixLength: r.prefixLength };
    }
    case 'exists':
      if (w.t !== 'bool') throw mismatch(m, w, "write 'exists: true' or 'exists: false'");
      return { t: 'exists', value: w.value };
    case 'expand':
      return mapExp(w, (x) => {
        if (x.t === 'str') return strW(insertPlaceholders(x.parts), x.cased, x.bytes);
        if (x.t === 're') return { ...x, placeholders: regexPlaceholders(x.pattern) };
        throw mismatch(m, x);
      });
    case 'fieldref': {
      if (w.t !== 'str') throw mismatch(m, w);
      const name = plainText(w.parts);
      if (name === undefined || name === '') {
        throw new Fail({
          code: 'modifier/invalid-chain',
          message: `a field reference must be a plain field name without wildcards`,
          hint: "use 'fieldref|contains', 'fieldref|startswith' or 'fieldref|endswith' for partial matches",
        });
      }
      return { t: 'fieldref', field: name, match: 'equals', cased: w.cased };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (w.t === 'num') return { t: 'cmp', op: m, value: w.value };
      if (w.t === 'ts' && w.op === 'eq') return { ...w, op: m };
      throw mismatch(m, w, w.t === 'str' ? 'comparisons need an unquoted number' : undefined);
    case 'cased':
      return mapExp(w, (x) => {
        if (x.t === 'str') return strW(x.parts, true, x.bytes, x.raw);
        if (x.t === 'fieldref') return { ...x, cased: true };
        throw mismatch(m, x, x.t === 're' ? 'regular expressions are case-sensitive already; use re|i for case-insensitive' : undefined);
      });
    case 'minute':
    case 'hour':
    case 'day':
    case 'week':
    case 'month':
    case 'year': {
      if (w.t !== 'num') throw mismatch(m, w, w.t === 'str' ? 'timestamp parts need an unquoted integer' : undefined);
      const range = TIMESTAMP_PARTS[m] as { min: number; max: number };
      if (!Number.isInteger(w.value) || w.value < range.min || w.value > range.max) {
        throw new Fail({ code: 'detection/invalid-value', message: `'${m}' value ${w.value} is not an integer from ${range.min} to ${range.max}` });
      }
      return { t: 'ts', part: m, op: 'eq', value: w.value };
    }
  }
}

function needsMerge(parts: readonly ValuePart[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as ValuePart;
    if (p.kind === 'literal' && (p.text === '' || parts[i + 1]?.kind === 'literal')) return true;
  }
  return false;
}

function finish(w: W, loc: SourceLocation): DetectionValue {
  switch (w.t) {
    case 'exp': {
      const values = w.values.map((v) => finish(v, loc)).filter((v): v is ScalarValue => v.kind !== 'expansion');
      return { kind: 'expansion', source: w.source, values: exact(values), loc };
    }
    case 'str':
      return { kind: 'string', parts: exact(needsMerge(w.parts) ? mergeLiterals(w.parts) : (w.parts as ValuePart[])), cased: w.cased, loc };
    case 'num':
      return { kind: 'number', value: w.value, loc };
    case 'bool':
      return { kind: 'boolean', value: w.value, loc };
    case 'null':
      return { kind: 'null', loc };
    case 're':
      return { kind: 'regex', pattern: w.pattern, flags: w.flags, placeholders: w.placeholders, loc };
    case 'cidr':
      return { kind: 'cidr', version: w.version, network: w.network, prefixLength: w.prefixLength, loc };
    case 'cmp':
      return { kind: 'compare', op: w.op, value: w.value, loc };
    case 'exists':
      return { kind: 'exists', exists: w.value, loc };
    case 'fieldref':
      return { kind: 'fieldref', field: w.field, match: w.match, cased: w.cased, loc };
    case 'ts':
      return { kind: 'timestamp-part', part: w.part, op: w.op, value: w.value, loc };
  }
}

/**
 * Applies a modifier chain to one written value. Returns the IR value or the first problem.
 * Warnings (escaped wildcard) are returned alongside a value.
 */
/** What openEndsOnly answers for a chain of none of contains, startswith and endswith (all and neq aside). */
export const EQUALS_CHAIN = 0;
export const CONTAINS_CHAIN = 1;
export const STARTSWITH_CHAIN = 2;
export const ENDSWITH_CHAIN = 3;
/** Any other chain. */
export const OTHER_CHAIN = -1;

/**
 * The chains nearly every value carries (over SigmaHQ's rules 95% of the values: none, `contains`, `endswith`,
 * `contains|all`, `startswith`): none or one of contains, startswith and endswith, beside all and neq (which act on
 * the value list, not on values). Answered once per item, so that plainStringValue can build its values directly.
 */
export function openEndsOnly(mods: readonly ModifierName[]): number {
  let chain = EQUALS_CHAIN;
  for (let i = 0; i < mods.length; i++) {
    const m = mods[i];
    if (m === 'all' || m === 'neq') continue;
    if (chain !== EQUALS_CHAIN) return OTHER_CHAIN;
    if (m === 'contains') chain = CONTAINS_CHAIN;
    else if (m === 'startswith') chain = STARTSWITH_CHAIN;
    else if (m === 'endswith') chain = ENDSWITH_CHAIN;
    else return OTHER_CHAIN;
  }
  return chain;
}

/**
 * The value applyModifiers makes of `text` under a chain openEndsOnly answered `chain` (not OTHER_CHAIN) for, when
 * isOneLiteral(text) (no wildcard, no escaped backslash: then no escaped wildcard to warn about either). The same
 * value, built without the working value, the copies and the result object applyModifiers goes through: this is most
 * of a rule's values, in code that mostly runs unoptimized.
 */
export function plainStringValue(text: string, chain: number, loc: SourceLocation): DetectionValue {
  const p: ValuePart = { kind: 'literal', text };
  const parts =
    chain === CONTAINS_CHAIN ? [WILDCARD_MULTI, p, WILDCARD_MULTI] : chain === ENDSWITH_CHAIN ? [WILDCARD_MULTI, p] : chain === STARTSWITH_CHAIN ? [p, WILDCARD_MULTI] : [p];
  return { kind: 'string', parts, cased: false, loc };
}

/** Whether a chain reads the value as written (re, cidr, fieldref) rather than as a Sigma string with wildcards. */
export function readsWrittenText(mods: readonly ModifierName[]): boolean {
  return mods.length > 0 && (mods.includes('re') || mods.includes('cidr') || mods.includes('fieldref'));
}

/** `writtenText`: readsWrittenText(mods), which a caller applying one chain to many values can work out once. */
export function applyModifiers(
  mods: readonly ModifierName[],
  raw: RawValue,
  loc: SourceLocation,
  writtenText = readsWrittenText(mods),
): { value?: DetectionValue; problem?: ModifierProblem; warnings: readonly ModifierProblem[] } {
  // A list of its own only for a warning (rare): values share an empty one.
  let warnings = NO_PROBLEMS;
  const parsed = typeof raw === 'string' ? parseSigmaString(raw) : undefined;
  let w = initial(raw, parsed?.parts);
  if (parsed && writtenText) {
    // These read the written text, not Sigma wildcards: no escape warning.
  } else if (parsed) {
    if (parsed.escapedWildcard) {
      warnings = [
        {
          code: 'modifier/escaped-wildcard',
          severity: 'warning',
          message: `'${raw}' contains an escaped wildcard (\\* or \\?), which is a literal character, not a wildcard`,
          hint: 'if a backslash followed by a wildcard was meant (e.g. a path like C:\\Windows\\*), double the backslash: \\\\*',
        },
      ];
    }
  }
  if (typeof raw === 'number' && !Number.isFinite(raw)) {
    return { problem: { code: 'detection/invalid-value', message: `${raw} is not a finite number` }, warnings };
  }
  let firstValueMod = true;
  try {
    for (let i = 0; i < mods.length; i++) {
      const m = mods[i] as ModifierName;
      w = applyOne(m, w, firstValueMod);
      if (!LIST_MODIFIERS.has(m)) firstValueMod = false;
    }
  } catch (e) {
    if (e instanceof Fail) return { problem: e.problem, warnings };
    throw e;
  }
  return { value: finish(w, loc), warnings };
}
