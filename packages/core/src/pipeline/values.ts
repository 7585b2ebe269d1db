// Value-level transformations (pure functions from IR values to IR values).
import type { LinearRegex } from './linear-regex.js';
import type { DetectionItem } from '../ir/detection.js';
import type { DetectionValue, ExpansionValue, RegexValue, ScalarValue, StringValue, ValuePart } from '../ir/values.js';
import type { SourceLocation } from '../location.js';
import { escapeRegex, normalizeParts, sameParts, sigmaParts, sigmaStringText } from './sigma-string.js';
import type { PlaceholderFilter, Transformation } from './types.js';
import { itemWith, stringWith } from './ir-helpers.js';

type T<K extends Transformation['type']> = Extract<Transformation, { type: K }>;

/**
 * Maps the scalar values of an item. `f` returns the value itself (unchanged), one replacement or several
 * (spliced into the value list; inside an expansion, into the expansion). Returns the same item when nothing changed.
 */
export function mapItemValues(item: DetectionItem, f: (v: ScalarValue) => DetectionValue | readonly DetectionValue[]): DetectionItem {
  let changed = false;
  const values: DetectionValue[] = [];
  for (const v of item.values) {
    if (v.kind === 'expansion') {
      const inner: ScalarValue[] = [];
      let innerChanged = false;
      for (const s of v.values) {
        const r = f(s);
        if (r !== s) innerChanged = true;
        for (const x of Array.isArray(r) ? r : [r as DetectionValue]) inner.push(...(x.kind === 'expansion' ? x.values : [x]));
      }
      if (innerChanged) {
        changed = true;
        values.push({ ...v, values: inner });
      } else values.push(v);
    } else {
      const r = f(v);
      if (r !== v) changed = true;
      values.push(...(Array.isArray(r) ? r : [r as DetectionValue]));
    }
  }
  return changed ? itemWith(item, item.field, values) : item;
}

/**
 * replace_string. Default (pySigma): the regex runs over the value's plain text, wildcards shown as `*`/`?` and
 * placeholders as `%name%`, literal text unescaped. Unlike pySigma's re-parse of the whole result, only what the
 * regex replaced is read back: text outside matches, and text a replacement copies through `$1`/`$<name>`/`$&`,
 * keeps its exact parts (so a literal `\` before a wildcard, a literal `*` or a placeholder survive). The
 * replacement's own text is a Sigma string: `*`/`?` are wildcards, `\*`/`\?` literal, any other `\` literal, and
 * `%name%` a placeholder when the value had placeholders (pySigma #284).
 * skip_special: the regex runs on literal parts only; interpret_special parses wildcards in the results.
 */
export function replaceString(v: StringValue, t: T<'replace_string'>): StringValue {
  let parts: ValuePart[];
  if (t.skipSpecial) {
    // Most values do not match: test before rebuilding anything.
    if (!v.parts.some((p) => p.kind === 'literal' && t.regex.test(p.text))) return v;
    parts = v.parts.flatMap((p): ValuePart[] => {
      if (p.kind !== 'literal') return [p];
      const out = t.regex.replace(p.text, t.replacement);
      return t.interpretSpecial ? sigmaParts(out) : [{ kind: 'literal', text: out }];
    });
  } else {
    const r = replaceOverParts(v.parts, t.regex, t.replacement);
    if (r === undefined) return v;
    parts = r;
  }
  parts = normalizeParts(parts);
  return samePartsAs(v.parts, parts) ? v : stringWith(v, parts);
}

/** Plain text of parts plus, per part, where it starts in that text. */
function plainUnits(parts: readonly ValuePart[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  for (const p of parts) {
    starts.push(text.length);
    text += p.kind === 'literal' ? p.text : p.kind === 'wildcard-multi' ? '*' : p.kind === 'wildcard-single' ? '?' : `%${p.name}%`;
  }
  return { text, starts };
}

/** Exact parts of the plain-text span [from, to): partly covered literals are cut, a partly covered placeholder becomes text. */
function sliceParts(parts: readonly ValuePart[], starts: readonly number[], text: string, from: number, to: number): ValuePart[] {
  const out: ValuePart[] = [];
  if (from >= to) return out;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as ValuePart;
    const s = starts[i] as number;
    const e = i + 1 < parts.length ? (starts[i + 1] as number) : text.length;
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (a === s && b === e) out.push(p);
    else out.push({ kind: 'literal', text: text.slice(a, b) });
  }
  return out;
}

/**
 * Regex replacement over parts (see replaceString); undefined when the regex does not match. `replacement` uses
 * JS syntax (`$1`, `$<name>`, `$&`, `` $` ``, `$'`, `$$`).
 */
function replaceOverParts(parts: readonly ValuePart[], re: LinearRegex, replacement: string): ValuePart[] | undefined {
  const { text, starts } = plainUnits(parts);
  const withPlaceholders = parts.some((p) => p.kind === 'placeholder');
  const span = (a: number, b: number) => sliceParts(parts, starts, text, a, b);
  const written = (s: string): ValuePart[] => (s === '' ? [] : sigmaParts(s.replace(/\\(?![*?])/g, '\\\\'), withPlaceholders));
  const out: ValuePart[] = [];
  let last = 0;
  let any = false;
  for (const m of re.matches(text)) {
    any = true;
    const start = m.index;
    const end = m.end;
    out.push(...span(last, start));
    const group = (g: number | string): ValuePart[] => {
      const ix = m.group(g);
      return ix ? span(ix[0], ix[1]) : [];
    };
    // Expand the JS replacement pattern; literal text is a Sigma string, references copy exact parts.
    let lit = '';
    const flush = () => {
      out.push(...written(lit));
      lit = '';
    };
    for (let i = 0; i < replacement.length; i++) {
      const c = replacement[i] as string;
      if (c !== '$' || i + 1 >= replacement.length) {
        lit += c;
        continue;
      }
      const n = replacement[i + 1] as string;
      if (n === '$') {
        lit += '$';
        i++;
      } else if (n === '&' || n === '`' || n === "'") {
        flush();
        out.push(...(n === '&' ? span(start, end) : n === '`' ? span(0, start) : span(end, text.length)));
        i++;
      } else if (/[0-9]/.test(n)) {
        const two = replacement.slice(i + 1, i + 3);
        const groups = m.groupCount;
        let g: number | undefined;
        let len = 0;
        if (/^[0-9]{2}$/.test(two) && Number(two) >= 1 && Number(two) <= groups) [g, len] = [Number(two), 2];
        else if (Number(n) >= 1 && Number(n) <= groups) [g, len] = [Number(n), 1];
        if (g === undefined) lit += c;
        else {
          flush();
          out.push(...group(g));
          i += len;
        }
      } else if (n === '<' && m.hasNamedGroups) {
        const close = replacement.indexOf('>', i + 2);
        if (close < 0) lit += c;
        else {
          flush();
          out.push(...group(replacement.slice(i + 2, close)));
          i = close;
        }
      } else lit += c;
    }
    flush();
    last = end;
  }
  if (!any) return undefined;
  out.push(...span(last, text.length));
  return out;
}

function samePartsAs(a: readonly ValuePart[], b: readonly ValuePart[]): boolean {
  return a.length === b.length && sameParts(a, b);
}

export function mapString(v: StringValue, t: T<'map_string'>, loc: SourceLocation): StringValue | StringValue[] {
  // Keys are Sigma strings too: `C:\\x` and `C:\x` name the same value.
  const hit = Object.entries(t.mapping).find(([k]) => sameParts(sigmaParts(k), v.parts));
  if (!hit) return v;
  const targets = hit[1];
  const out = targets.map((s) => ({ kind: 'string' as const, parts: sigmaParts(s), cased: v.cased, loc: loc }));
  return out.length === 1 ? out[0]! : out;
}

function snake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

export function caseString(v: StringValue, method: 'lower' | 'upper' | 'snake_case'): StringValue {
  const parts = v.parts.map((p) =>
    p.kind === 'literal' ? { kind: 'literal' as const, text: method === 'lower' ? p.text.toLowerCase() : method === 'upper' ? p.text.toUpperCase() : snake(p.text) } : p,
  );
  return samePartsAs(v.parts, parts) ? v : stringWith(v, parts);
}

export function setValueOf(t: T<'set_value'>, loc: SourceLocation): ScalarValue {
  const val = t.value;
  if (t.forceType === 'str') return { kind: 'string', parts: sigmaParts(String(val)), cased: false, loc };
  if (t.forceType === 'num') return { kind: 'number', value: Number(val), loc };
  if (typeof val === 'string') return { kind: 'string', parts: sigmaParts(val), cased: false, loc };
  if (typeof val === 'number') return { kind: 'number', value: val, loc };
  if (typeof val === 'boolean') return { kind: 'boolean', value: val, loc };
  return { kind: 'null', loc };
}

/** convert_type; returns an error text when a value cannot be converted. */
export function convertType(v: ScalarValue, target: 'str' | 'num'): ScalarValue | { error: string } {
  if (target === 'str') {
    if (v.kind === 'number') return { kind: 'string', parts: [{ kind: 'literal', text: String(v.value) }], cased: false, loc: v.loc };
    if (v.kind === 'boolean') return { kind: 'string', parts: [{ kind: 'literal', text: String(v.value) }], cased: false, loc: v.loc };
    return v;
  }
  if (v.kind === 'number') return v;
  if (v.kind === 'string') {
    const text = v.parts.length === 1 && v.parts[0]?.kind === 'literal' ? v.parts[0].text : undefined;
    const n = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    if (Number.isFinite(n)) return { kind: 'number', value: n, loc: v.loc };
    return { error: `value '${sigmaStringText(v.parts)}' cannot be converted to a number` };
  }
  if (v.kind === 'boolean') return { error: `boolean value ${String(v.value)} cannot be converted to a number` };
  return v;
}

/** Keyword → field mapping keeps substring semantics: `foo` becomes `*foo*`. */
export function keywordToContains(v: ScalarValue): ScalarValue {
  if (v.kind === 'number') return { kind: 'string', parts: [{ kind: 'wildcard-multi' }, { kind: 'literal', text: String(v.value) }, { kind: 'wildcard-multi' }], cased: false, loc: v.loc };
  if (v.kind !== 'string') return v;
  const parts: ValuePart[] = [...v.parts];
  if (parts[0]?.kind !== 'wildcard-multi') parts.unshift({ kind: 'wildcard-multi' });
  if (parts[parts.length - 1]?.kind !== 'wildcard-multi' || parts.length === 1) parts.push({ kind: 'wildcard-multi' });
  return stringWith(v, parts);
}

// ---- placeholders ----

export function placeholderSelected(name: string, f: PlaceholderFilter): boolean {
  if (f.include) return f.include.includes(name);
  if (f.exclude) return !f.exclude.includes(name);
  return true;
}

/** Values of a variable as Sigma strings (wildcards interpreted); an error text when unusable. */
function varValues(vars: Readonly<Record<string, unknown>>, name: string): string[] | { error: string } {
  if (!Object.prototype.hasOwnProperty.call(vars, name)) return { error: `placeholder %${name}% has no value: define '${name}' in the pipeline vars` };
  const v = vars[name];
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return { error: `variable '${name}' is an empty list: the placeholder would match nothing` };
  if (list.some((x) => x === null || x === undefined || typeof x === 'object')) {
    return { error: `variable '${name}' must be a string, a number or a list of them to fill placeholder %${name}%` };
  }
  return list.map((x) => String(x));
}

const MAX_PLACEHOLDER_VALUES = 10_000;

/** value_placeholders: several values become an OR expansion (source 'placeholder'). */
export function resolveValuePlaceholders(
  v: ScalarValue,
  f: PlaceholderFilter,
  vars: Readonly<Record<string, unknown>>,
  onError: (message: string, loc: SourceLocation) => void,
): DetectionValue {
  if (v.kind === 'regex') return resolveRegexPlaceholders(v, f, vars, onError);
  if (v.kind !== 'string' || !v.parts.some((p) => p.kind === 'placeholder' && placeholderSelected(p.name, f))) return v;
  let variants: ValuePart[][] = [[]];
  for (const p of v.parts) {
    if (p.kind !== 'placeholder' || !placeholderSelected(p.name, f)) {
      variants = variants.map((x) => [...x, p]);
      continue;
    }
    const vals = varValues(vars, p.name);
    if ('error' in vals) {
      onError(vals.error, v.loc);
      return v;
    }
    if (variants.length * vals.length > MAX_PLACEHOLDER_VALUES) {
      onError(`placeholders expand to more than ${MAX_PLACEHOLDER_VALUES} values`, v.loc);
      return v;
    }
    variants = variants.flatMap((x) => vals.map((s) => [...x, ...sigmaParts(s)]));
  }
  const values: StringValue[] = variants.map((parts) => ({ kind: 'string', parts: normalizeParts(parts), cased: v.cased, loc: v.loc }));
  if (values.length === 1) return values[0]!;
  const exp: ExpansionValue = { kind: 'expansion', source: 'placeholder', values, loc: v.loc };
  return exp;
}

function partsToRegexSource(parts: readonly ValuePart[]): string {
  return parts.map((p) => (p.kind === 'literal' ? escapeRegex(p.text) : p.kind === 'wildcard-multi' ? '.*' : p.kind === 'wildcard-single' ? '.' : `%${p.name}%`)).join('');
}

function resolveRegexPlaceholders(
  v: RegexValue,
  f: PlaceholderFilter,
  vars: Readonly<Record<string, unknown>>,
  onError: (message: string, loc: SourceLocation) => void,
): RegexValue {
  const chosen = v.placeholders.filter((n) => placeholderSelected(n, f));
  if (chosen.length === 0) return v;
  let pattern = v.pattern;
  for (const name of chosen) {
    const vals = varValues(vars, name);
    if ('error' in vals) {
      onError(vals.error, v.loc);
      return v;
    }
    const alt = vals.map((s) => partsToRegexSource(sigmaParts(s)));
    pattern = pattern.split(`%${name}%`).join(alt.length === 1 ? alt[0]! : `(?:${alt.join('|')})`);
  }
  return { ...v, pattern, placeholders: v.placeholders.filter((n) => !chosen.includes(n)) };
}

export function wildcardPlaceholders(v: ScalarValue, f: PlaceholderFilter): ScalarValue {
  if (v.kind === 'regex') {
    const chosen = v.placeholders.filter((n) => placeholderSelected(n, f));
    if (chosen.length === 0) return v;
    let pattern = v.pattern;
    for (const n of chosen) pattern = pattern.split(`%${n}%`).join('.*');
    return { ...v, pattern, placeholders: v.placeholders.filter((n) => !chosen.includes(n)) };
  }
  if (v.kind !== 'string' || !v.parts.some((p) => p.kind === 'placeholder' && placeholderSelected(p.name, f))) return v;
  const parts: ValuePart[] = [];
  for (const p of v.parts) {
    const q: ValuePart = p.kind === 'placeholder' && placeholderSelected(p.name, f) ? { kind: 'wildcard-multi' } : p;
    if (q.kind === 'wildcard-multi' && parts[parts.length - 1]?.kind === 'wildcard-multi') continue;
    parts.push(q);
  }
  return stringWith(v, parts);
}

export function queryExpressionPlaceholder(
  v: ScalarValue,
  t: T<'query_expression_placeholders'>,
): ScalarValue | { error: string; code?: 'pipeline/placeholder-unsafe' } {
  if (v.kind !== 'string') return v;
  const selected = v.parts.filter((p) => p.kind === 'placeholder' && placeholderSelected(p.name, t));
  if (selected.length === 0) return v;
  const only = v.parts.length === 1 ? v.parts[0] : undefined;
  if (only?.kind !== 'placeholder') {
    return { error: `query_expression_placeholders needs the value to be only the placeholder, not '${sigmaStringText(v.parts)}'` };
  }
  const id = t.mapping[only.name] ?? only.name;
  if (!SAFE_PLACEHOLDER_ID.test(id)) {
    // The id goes into the template verbatim: a quote, bracket or pipe in it would close the template's quoting and
    // add query text of its own (`x') or true or ...`). Only plain identifiers are substituted.
    return {
      error: `query_expression_placeholders: '${id.length > 80 ? `${id.slice(0, 80)}…` : id}' is not a safe identifier (letters, digits, '_', '-', '.'; at most 128 characters)`,
      code: 'pipeline/placeholder-unsafe',
    };
  }
  return { kind: 'query-expression', expression: t.expression, id, loc: v.loc };
}

/** What a query_expression_placeholders id may be: it is put into the backend's query text without quoting. */
export const SAFE_PLACEHOLDER_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

// ---- extract_fields ----

/**
 * The named groups' exact parts when the (anchored) regex matches the value's plain text (wildcards as `*`/`?`,
 * placeholders as `%name%`); groups that did not take part are left out. Undefined when it does not match.
 */
export function extractFieldParts(v: StringValue, t: T<'extract_fields'>): Map<string, ValuePart[]> | undefined {
  const { text, starts } = plainUnits(v.parts);
  const m = t.regex.fullMatch(text);
  if (!m) return undefined;
  const out = new Map<string, ValuePart[]>();
  for (const g of t.groups) {
    const ix = m.group(g);
    if (ix) out.set(g, normalizeParts(sliceParts(v.parts, starts, text, ix[0], ix[1])));
  }
  return out;
}

// ---- hashes ----

const HASH_LENGTHS: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA1', 64: 'SHA256', 128: 'SHA512' };

/** Full hash length per algorithm: a shorter hash under a trailing `*` is a prefix and keeps its wildcard. */
const ALGO_LENGTHS: Readonly<Record<string, number>> = { MD5: 32, SHA1: 40, SHA256: 64, SHA384: 96, SHA512: 128, IMPHASH: 32 };

/**
 * Splits Sysmon `Hashes` values (`SHA256=…`, `IMPHASH=…`, or a bare hash recognised by length) into per-algorithm
 * field → hash lists. Surrounding `*` (from `|contains`) are dropped, since the per-algorithm field holds the hash
 * alone — except a trailing `*` after a hash shorter than its algorithm's length: that value is a prefix.
 */
export function splitHashes(values: readonly StringValue[], t: T<'hashes_fields'>): Map<string, StringValue[]> {
  const byField = new Map<string, StringValue[]>();
  for (const v of values) {
    let parts = [...v.parts];
    while (parts[0]?.kind === 'wildcard-multi') parts = parts.slice(1);
    const trailing = parts[parts.length - 1]?.kind === 'wildcard-multi';
    while (parts[parts.length - 1]?.kind === 'wildcard-multi') parts = parts.slice(0, -1);
    if (parts.length !== 1 || parts[0]?.kind !== 'literal') continue;
    const text = parts[0].text;
    const sep = text.includes('|') ? '|' : '=';
    const pieces = text.split(sep);
    let algo: string;
    let hash: string;
    if (pieces.length === 2) {
      algo = (pieces[0] ?? '').toUpperCase();
      hash = pieces[1] ?? '';
    } else {
      hash = text;
      algo = HASH_LENGTHS[text.length] ?? '';
    }
    if (!algo || !hash || !t.validHashAlgos.includes(algo)) continue;
    const field = `${t.fieldPrefix}${t.dropAlgoPrefix ? '' : algo}`;
    const list = byField.get(field) ?? [];
    const prefix = trailing && hash.length < (ALGO_LENGTHS[algo] ?? 0);
    list.push(stringWith(v, prefix ? [{ kind: 'literal', text: hash }, { kind: 'wildcard-multi' }] : [{ kind: 'literal', text: hash }]));
    byField.set(field, list);
  }
  return byField;
}

/** `regex` transformation: a string value becomes an equivalent regex (to emulate case-insensitive matching). */
export function stringToRegex(v: StringValue, method: 'plain' | 'ignore_case_flag' | 'ignore_case_brackets'): RegexValue | { error: string } {
  if (v.parts.length === 0) return { kind: 'regex', pattern: '^$', flags: { ignoreCase: false, multiline: false, dotAll: false }, placeholders: [], loc: v.loc };
  let src = '';
  for (const p of v.parts) {
    if (p.kind === 'placeholder') return { error: `placeholder %${p.name}% cannot become a regular expression: resolve placeholders first` };
    if (p.kind === 'wildcard-multi') src += '.*';
    else if (p.kind === 'wildcard-single') src += '.';
    else if (method === 'ignore_case_brackets') {
      for (const ch of p.text) {
        const lo = ch.toLowerCase();
        const up = ch.toUpperCase();
        src += lo !== up ? `[${lo}${up}]` : escapeRegex(ch);
      }
    } else src += escapeRegex(p.text);
  }
  // Sigma strings match the whole value; regexes match anywhere, hence the anchors.
  return {
    kind: 'regex',
    pattern: `^${src}$`,
    flags: { ignoreCase: method === 'ignore_case_flag', multiline: false, dotAll: false },
    placeholders: [],
    loc: v.loc,
  };
}
