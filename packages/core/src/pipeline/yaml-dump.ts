// The `yaml` finalizer's output: a block sequence of the query strings. Written here rather than with js-yaml's
// general serializer, which cost 3.6 KB of issue 14's 150 KB gzipped browser budget for this one use. Each query
// takes the first style that is safe for it, judged conservatively: plain for a simple one-line text, single quotes
// for any other one-line text, a literal block for multi-line text, double quotes (with escapes) for the rest.
// Texts read back unchanged by YAML 1.2 readers, and by YAML 1.1 ones (PyYAML): words such as `yes` or `off`, which
// YAML 1.1 reads as booleans, are quoted, and characters YAML 1.1 takes for line breaks are escaped.
// test/pipeline/yaml-dump.test.ts reads the output back with js-yaml for edge cases, generated strings and the
// SigmaHQ rules' strings, at every indent.

/**
 * Characters only double quotes can carry: outside YAML's printable set (controls but tab and line feed,
 * U+FFFE, U+FFFF, lone surrogates), the byte-order mark, and NEL/LS/PS, which YAML 1.1 reads as line breaks.
 */
const NEEDS_ESCAPE = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|\p{Cs}/u;
const ESCAPE_AFTER_JSON = /[\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g;
/**
 * A plain scalar: led by a letter, `_`, `(`, `/`, `\` or `$` (none is a YAML indicator, and no number starts so),
 * without `:` or `#` (which may start a mapping or a comment), tabs or a trailing space.
 */
const PLAIN = /^[A-Za-z_(/\\$][^:#\t\n]*$/;
const PLAIN_TRAILING_SPACE = / $/;
/** Words YAML 1.2 (null, true, false) or YAML 1.1 (yes, no, on, off, y, n) reads as something other than a string. */
const NOT_A_STRING = /^(?:null|true|false|yes|no|on|off|y|n)$/i;

function doubleQuoted(s: string): string {
  // JSON's string escapes are YAML's too, and JSON.stringify escapes lone surrogates; what it leaves raw and YAML
  // does not take raw gets a \u escape.
  return JSON.stringify(s).replace(ESCAPE_AFTER_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A multi-line text as a literal block, its lines indented by `indent`; `|-` when it has no final line break. */
function literalBlock(s: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  let out = s.endsWith('\n') ? '|' : '|-';
  for (const line of body.split('\n')) out += line === '' ? '\n' : `\n${pad}${line}`;
  return out;
}

function scalar(s: string, indent: number): string {
  if (NEEDS_ESCAPE.test(s)) return doubleQuoted(s);
  if (!s.includes('\n')) {
    if (PLAIN.test(s) && !PLAIN_TRAILING_SPACE.test(s) && !NOT_A_STRING.test(s)) return s;
    return s.includes('\t') ? doubleQuoted(s) : `'${s.replaceAll("'", "''")}'`;
  }
  // A literal block keeps every character as written, except: a first line led by a space or an empty first line
  // (which would set the block's indentation), tabs (kept out for simplicity), and more than one final line break
  // (which needs `|+` and an explicit document end).
  if (s.includes('\t') || s[0] === ' ' || s[0] === '\n' || s.endsWith('\n\n')) return doubleQuoted(s);
  return literalBlock(s, indent);
}

/** The queries as a YAML block sequence; `indent` (0 for the default, 2) indents the lines of literal blocks. */
export function dumpStrings(items: readonly string[], indent: number): string {
  if (items.length === 0) return '[]\n';
  const step = indent > 0 ? indent : 2;
  let out = '';
  for (const s of items) out += `- ${scalar(s, step)}\n`;
  return out;
}
