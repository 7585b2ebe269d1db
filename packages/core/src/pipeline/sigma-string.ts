// Sigma string text ⇄ value parts, for values written in pipelines (vars, add_condition, map_string, ...).
import type { ValuePart } from '../ir/values.js';

/**
 * Parses Sigma string syntax: `*` and `?` are wildcards, `\*` `\?` `\\` escape them, any other `\x` is literal.
 * With `placeholders`, `%name%` becomes a placeholder part and `\%` a literal percent sign.
 */
export function parseSigmaString(text: string, placeholders = false): ValuePart[] {
  const parts: ValuePart[] = [];
  let lit = '';
  const flush = () => {
    if (lit !== '') parts.push({ kind: 'literal', text: lit });
    lit = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      const n = text[i + 1];
      if (n === '*' || n === '?' || n === '\\' || (placeholders && n === '%')) {
        lit += n;
        i++;
      } else lit += c;
    } else if (c === '*' || c === '?') {
      flush();
      parts.push({ kind: c === '*' ? 'wildcard-multi' : 'wildcard-single' });
    } else if (c === '%' && placeholders) {
      const end = text.indexOf('%', i + 1);
      if (end > i + 1) {
        flush();
        parts.push({ kind: 'placeholder', name: text.slice(i + 1, end) });
        i = end;
      } else lit += c;
    } else lit += c;
  }
  flush();
  return parts;
}

/** The Sigma-escaped text of parts (inverse of parseSigmaString; placeholders as `%name%`). */
export function sigmaStringText(parts: readonly ValuePart[]): string {
  let s = '';
  for (const p of parts) {
    switch (p.kind) {
      case 'literal':
        s += p.text.replace(/[\\*?]/g, (m) => `\\${m}`);
        break;
      case 'wildcard-multi':
        s += '*';
        break;
      case 'wildcard-single':
        s += '?';
        break;
      case 'placeholder':
        s += `%${p.name}%`;
        break;
    }
  }
  return s;
}

/** Merges adjacent literals and drops empty ones, so equal strings have equal parts. */
export function normalizeParts(parts: readonly ValuePart[]): ValuePart[] {
  const out: ValuePart[] = [];
  for (const p of parts) {
    if (p.kind === 'literal') {
      if (p.text === '') continue;
      const last = out[out.length - 1];
      if (last?.kind === 'literal') out[out.length - 1] = { kind: 'literal', text: last.text + p.text };
      else out.push(p);
    } else out.push(p);
  }
  return out;
}

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
