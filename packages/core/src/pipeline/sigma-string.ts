// Sigma string text ⇄ value parts, for values written in pipelines (vars, add_condition, map_string, ...).
import type { ValuePart } from '../ir/values.js';
import { insertPlaceholders, mergeLiterals, parseSigmaString } from '../parse/sigma-string.js';

/**
 * Parses Sigma string syntax with the parser's reader (one semantics for rules and pipelines): `*` and `?` are
 * wildcards, `\*` `\?` `\\` escape them, any other `\x` is literal. With `placeholders`, `%name%` becomes a
 * placeholder part and `\%` a literal percent sign (as under `|expand`).
 */
export function sigmaParts(text: string, placeholders = false): ValuePart[] {
  const { parts } = parseSigmaString(text);
  return placeholders ? insertPlaceholders(parts) : parts;
}

/**
 * The Sigma text of parts (inverse of parseSigmaString; placeholders as `%name%`), escaping only what needs it:
 * literal `*` `?`, and a literal `\` when what follows would otherwise be read as an escape (so `C:\Windows`
 * stays as written).
 */
export function sigmaStringText(parts: readonly ValuePart[]): string {
  // Literal text is copied in runs between the characters that may need a backslash (`*`, `?`, `\`): values are
  // mostly paths and command lines, and a per-character copy was the hot spot of match_string conditions.
  let s = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] as ValuePart;
    if (p.kind === 'wildcard-multi') s += '*';
    else if (p.kind === 'wildcard-single') s += '?';
    else if (p.kind === 'placeholder') s += `%${p.name}%`;
    else {
      const t = p.text;
      const re = ESCAPABLE;
      re.lastIndex = 0;
      let from = 0;
      for (let m = re.exec(t); m !== null; m = re.exec(t)) {
        const i = m.index;
        s += t.slice(from, i);
        const c = t[i] as string;
        if (c === '\\') {
          const n = i + 1 < t.length ? t[i + 1] : nextUnit(parts, k);
          s += n === '*' || n === '?' || n === '\\' || n === WILDCARD ? '\\\\' : '\\';
        } else s += '\\' + c;
        from = i + 1;
      }
      s += from === 0 ? t : t.slice(from);
    }
  }
  return s;
}

const ESCAPABLE = /[*?\\]/g;
const WILDCARD = Symbol('wildcard');

/** What follows part `k`: the first character of the next non-empty literal, a wildcard, or neither. */
function nextUnit(parts: readonly ValuePart[], k: number): string | typeof WILDCARD | undefined {
  for (let j = k + 1; j < parts.length; j++) {
    const q = parts[j] as ValuePart;
    if (q.kind === 'literal') {
      if (q.text === '') continue;
      return q.text[0];
    }
    return q.kind === 'placeholder' ? undefined : WILDCARD;
  }
  return undefined;
}

/** Merges adjacent literals and drops empty ones, so equal strings have equal parts (the parser's helper). */
export const normalizeParts: (parts: readonly ValuePart[]) => ValuePart[] = mergeLiterals;

/** The parts' text with wildcards shown as `*`/`?` and placeholders as `%name%` (no escaping). */
export function displayText(parts: readonly ValuePart[]): string {
  return parts
    .map((p) => (p.kind === 'literal' ? p.text : p.kind === 'wildcard-multi' ? '*' : p.kind === 'wildcard-single' ? '?' : `%${p.name}%`))
    .join('');
}

/** Regex source (JS/RE2 syntax) for literal text. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, (m) => `\\${m}`);
}

/** Equal after normalisation (adjacent literals merged). */
export function sameParts(a: readonly ValuePart[], b: readonly ValuePart[]): boolean {
  const x = normalizeParts(a);
  const y = normalizeParts(b);
  return (
    x.length === y.length &&
    x.every((p, i) => {
      const q = y[i] as ValuePart;
      if (p.kind !== q.kind) return false;
      if (p.kind === 'literal') return p.text === (q as typeof p).text;
      if (p.kind === 'placeholder') return p.name === (q as typeof p).name;
      return true;
    })
  );
}
