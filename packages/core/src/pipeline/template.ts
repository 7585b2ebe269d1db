// A safe subset of Python's str.format for pipeline templates: `{query}`, `{rule.title}`,
// `{pipeline.state[key]}`, `{{`/`}}`. Only data lookups: no calls, no format specs, no code.

export type TemplatePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'ref'; readonly root: string; readonly path: readonly string[] };

/** Splits a template into text and references; error text when the syntax is outside the subset. */
export function parseTemplate(template: string): { parts: TemplatePart[] } | { error: string } {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      text += '{';
      i++;
    } else if (c === '}' && template[i + 1] === '}') {
      text += '}';
      i++;
    } else if (c === '}') {
      return { error: `single '}' at offset ${i} (write '}}' for a literal brace)` };
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) return { error: `unclosed '{' at offset ${i}` };
      const ref = template.slice(i + 1, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\][]*\])*)$/.exec(ref);
      if (!m) return { error: `unsupported reference {${ref}}: only names with .attribute and [key] lookups are allowed (no format specs or conversions)` };
      if (text) parts.push({ kind: 'text', text });
      text = '';
      const path = [...(m[2] ?? '').matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([^\][]*)\]/g)].map((x) => x[1] ?? x[2] ?? '');
      parts.push({ kind: 'ref', root: m[1] ?? '', path });
      i = end;
    } else text += c;
  }
  if (text) parts.push({ kind: 'text', text });
  return { parts };
}

/** Validates a template's syntax and roots; reports through onError. */
export function checkTemplate(template: string, roots: readonly string[], onError: (message: string) => void): boolean {
  const p = parseTemplate(template);
  if ('error' in p) {
    onError(`template: ${p.error}`);
    return false;
  }
  const bad = p.parts.filter((x) => x.kind === 'ref' && !roots.includes(x.root));
  if (bad.length) {
    onError(`template: unknown name(s) ${bad.map((b) => (b.kind === 'ref' ? `{${b.root}}` : '')).join(', ')}; known: ${roots.join(', ')}`);
    return false;
  }
  return true;
}

/** Looks a path up in plain data (own properties only); undefined when absent. */
export function lookupPath(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v) && /^[0-9]+$/.test(k)) v = v[Number(k)];
    else if (typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k)) v = (v as Record<string, unknown>)[k];
    else return undefined;
  }
  return v;
}

export function stringify(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(stringify).join(', ');
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

/** Renders a template against data roots; unknown references render as ''. */
export function renderTemplate(template: string, roots: Readonly<Record<string, unknown>>): string {
  const p = parseTemplate(template);
  if ('error' in p) return template;
  return p.parts
    .map((x) => (x.kind === 'text' ? x.text : Object.prototype.hasOwnProperty.call(roots, x.root) ? stringify(lookupPath(roots[x.root], x.path)) : ''))
    .join('');
}
