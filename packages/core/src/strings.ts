import type { StringValue, ValuePart } from './ir/values.js';

/** Merge adjacent literals and collapse runs of `*` (they mean the same thing). */
export function normalizeParts(parts: readonly ValuePart[]): ValuePart[] {
  const out: ValuePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'literal') {
      if (p.text === '') continue;
      if (last?.kind === 'literal') out[out.length - 1] = { kind: 'literal', text: last.text + p.text };
      else out.push(p);
    } else if (p.kind === 'wildcard-multi' && last?.kind === 'wildcard-multi') {
      continue;
    } else out.push(p);
  }
  return out;
}

/** The text of a value made only of literals; undefined when it has wildcards or placeholders. */
export function plainText(parts: readonly ValuePart[]): string | undefined {
  let text = '';
  for (const p of parts) {
    if (p.kind !== 'literal') return undefined;
    text += p.text;
  }
  return text;
}

export type StringShapeKind = 'exact' | 'prefix' | 'suffix' | 'contains' | 'pattern' | 'any';

export interface StringShape {
  readonly shape: StringShapeKind;
  /** The literal text for exact/prefix/suffix/contains; '' for 'any' and 'pattern'. */
  readonly text: string;
}

/**
 * Classify a string value by where its wildcards are: `x` exact, `x*` prefix, `*x` suffix, `*x*` contains,
 * `*` any; everything else (inner `*`, any `?`, placeholders) is a 'pattern' that needs a regex or glob.
 */
export function stringShape(value: StringValue | readonly ValuePart[]): StringShape {
  // Backends ask this several times per value: scan the parts in place rather than normalising a copy.
  // Empty literals are skipped and runs of `*` count once, exactly as normalizeParts would have it.
  const parts = 'parts' in value ? value.parts : value;
  let i = 0;
  let j = parts.length - 1;
  let lead = false;
  for (; i <= j; i++) {
    const p = parts[i] as ValuePart;
    if (p.kind === 'wildcard-multi') lead = true;
    else if (p.kind !== 'literal' || p.text !== '') break;
  }
  if (i > j) return lead ? { shape: 'any', text: '' } : { shape: 'exact', text: '' };
  let trail = false;
  for (; j > i; j--) {
    const p = parts[j] as ValuePart;
    if (p.kind === 'wildcard-multi') trail = true;
    else if (p.kind !== 'literal' || p.text !== '') break;
  }
  let text = '';
  for (let k = i; k <= j; k++) {
    const p = parts[k] as ValuePart;
    if (p.kind !== 'literal') return { shape: 'pattern', text: '' };
    text += p.text;
  }
  if (lead && trail) return { shape: 'contains', text };
  if (lead) return { shape: 'suffix', text };
  if (trail) return { shape: 'prefix', text };
  return { shape: 'exact', text };
}

const REGEX_META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}', '/']);

/**
 * Escape one character for a regex that must mean the same in RE2, PCRE and JS:
 * metacharacters get a backslash, control characters become `\xHH`.
 */
export function escapeRegexChar(ch: string): string {
  if (REGEX_META.has(ch)) return '\\' + ch;
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  return ch;
}

export interface PartsToRegexOptions {
  /** Add `^…$`. */
  readonly anchored?: boolean;
  /** What `*` becomes (default `.*`; use `[\s\S]*` or a `(?s)` flag where `.` misses newlines). */
  readonly multi?: string;
  /** What `?` becomes (default `.`). */
  readonly single?: string;
  /** Escape for literal characters (default escapeRegexChar). */
  readonly escapeChar?: (ch: string) => string;
}

/** Regex source for a Sigma string. Placeholders must be resolved by a pipeline first. */
export function partsToRegex(parts: readonly ValuePart[], options: PartsToRegexOptions = {}): string {
  const esc = options.escapeChar ?? escapeRegexChar;
  let out = options.anchored ? '^' : '';
  for (const p of normalizeParts(parts)) {
    switch (p.kind) {
      case 'literal':
        for (const ch of p.text) out += esc(ch);
        break;
      case 'wildcard-multi':
        out += options.multi ?? '.*';
        break;
      case 'wildcard-single':
        out += options.single ?? '.';
        break;
      case 'placeholder':
        throw new Error(`unresolved placeholder %${p.name}% cannot become a regex`);
    }
  }
  return options.anchored ? out + '$' : out;
}

/** Names of placeholders still present in a value. */
export function placeholderNames(parts: readonly ValuePart[]): string[] {
  return parts.flatMap((p) => (p.kind === 'placeholder' ? [p.name] : []));
}

/**
 * `s` without its trailing run of the characters in `chars`. A loop, not `s.replace(/[…]+$/, '')`: a backtracking
 * engine tries that pattern from every position of every run in the text, so a run of n such characters that does
 * not end the text costs n²/2 steps (a Splunk savedsearches value with 17,000 backslashes took 3.7 s).
 */
export function trimTrailing(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}
