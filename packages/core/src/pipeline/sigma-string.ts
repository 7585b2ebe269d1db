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
