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
  // Flatten to units: a literal character or a special part.
  const units: (string | ValuePart)[] = [];
  for (const p of parts) {
    if (p.kind === 'literal') for (const ch of p.text) units.push(ch);
    else units.push(p);
  }
  let s = '';
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as string | ValuePart;
    if (typeof u === 'string') {
      if (u === '*' || u === '?') s += `\\${u}`;
      else if (u === '\\') {
        const n = units[i + 1];
        const special = n !== undefined && (typeof n === 'string' ? n === '*' || n === '?' || n === '\\' : n.kind !== 'placeholder');
        s += special ? '\\\\' : '\\';
      } else s += u;
    } else if (u.kind === 'wildcard-multi') s += '*';
    else if (u.kind === 'wildcard-single') s += '?';
    else if (u.kind === 'placeholder') s += `%${u.name}%`;
  }
  return s;
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
