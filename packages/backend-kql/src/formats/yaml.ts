// A small YAML writer for the Sentinel analytic-rule format: block literals for multi-line text, plain scalars
// where YAML reads them back as the same string, double-quoted (JSON escapes, valid YAML) everywhere else.

export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const PLAIN = /^[A-Za-z_][A-Za-z0-9 _.\-/()]*$/;
// Strings that start with a digit but that no YAML 1.1/1.2 resolver reads as a number, date or time.
const PLAIN_DIGIT = [/^\d+[a-zA-Z]$/, /^\d+\.\d+\.\d+$/, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/];
const KEYWORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

function scalar(s: string): string {
  if (PLAIN_DIGIT.some((re) => re.test(s))) return s;
  return PLAIN.test(s) && !KEYWORDS.test(s) && !s.endsWith(' ') ? s : quoted(s);
}

/**
 * Characters YAML does not allow raw in a stream (C0/C1 controls, DEL, U+FFFE/U+FFFF), or that parsers treat
 * as line breaks or marks (U+2028/9, U+FEFF), and UTF-16 surrogates left unpaired.
 */
const NOT_PRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NOT_PRINTABLE_G = new RegExp(NOT_PRINTABLE.source, 'g');

/**
 * Double-quoted: JSON escapes (valid YAML), plus `\uXXXX` for what JSON leaves raw but YAML forbids. An unpaired
 * surrogate has no Unicode scalar value, so no escape is valid for it (libyaml rejects `\uD800`): it becomes U+FFFD,
 * as it would in any UTF-8 file.
 */
function quoted(s: string): string {
  // JSON writes an unpaired surrogate as `\uD800`; only an escape (an even run of backslashes before it) is one.
  return JSON.stringify(s).replace(/(?<!\\)((?:\\\\)*)\\u[dD][89abAB][0-9a-fA-F]{2}/g, '$1\\uFFFD').replace(NOT_PRINTABLE_G, (c) =>
    c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '\\uFFFD' : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** A literal block keeps text byte for byte when every line is printable and has no edge whitespace. */
function blockable(s: string): boolean {
  if (!s.includes('\n')) return false;
  return s.split('\n').every((line) => !/^\s|\s$/.test(line) && !NOT_PRINTABLE.test(line));
}

function write(v: YamlValue, indent: string, out: string[], key: string): void {
  if (typeof v === 'string') {
    if (blockable(v)) {
      out.push(`${key}${key ? ' ' : ''}|${v.endsWith('\n') ? '' : '-'}`);
      for (const line of v.replace(/\n$/, '').split('\n')) out.push(line === '' ? '' : `${indent}  ${line}`);
    } else out.push(`${key}${key ? ' ' : ''}${scalar(v)}`);
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    out.push(`${key}${key ? ' ' : ''}${String(v)}`);
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(`${key}${key ? ' ' : ''}[]`);
      return;
    }
    if (key) out.push(key);
    const at = key ? `${indent}  ` : indent;
    for (const item of v as readonly YamlValue[]) {
      const sub: string[] = [];
      write(item, `${at}  `, sub, '');
      // The first line of the item goes after the dash; an object's other keys line up under the first.
      out.push(`${at}- ${sub[0]!.trimStart()}`, ...sub.slice(1));
    }
    return;
  }
  const entries = Object.entries(v as { readonly [key: string]: YamlValue });
  if (key) out.push(key);
  const at = key ? `${indent}  ` : indent;
  for (const [k, val] of entries) write(val, at, out, `${at}${scalar(k)}:`);
}

/** A YAML document for a mapping at the top level. */
export function toYaml(doc: { readonly [key: string]: YamlValue }): string {
  const out: string[] = [];
  write(doc, '', out, '');
  return out.join('\n') + '\n';
}
