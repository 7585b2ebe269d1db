// The `yaml` finalizer's output: a list of query strings written exactly as js-yaml's `dump(queries, { indent })`
// writes it. js-yaml's general serializer (any value, any layout: its presenter and scalar styler) was 3.6 KB of the
// 150 KB gzipped browser bundle (issue 14's budget) for this one use; what follows is that serializer's path for a
// block sequence of strings, with the regular expressions and rules it applies there copied from js-yaml 5.5
// (src/ast/scalar_styler.ts, styler_defaults.ts, presenter.ts). test/pipeline/yaml-dump.test.ts compares the two on
// every query the backends write for the corpus and on generated strings, at every indent.
import { DUMP_SCHEMA } from 'js-yaml';

// YAML 1.2 character productions, as js-yaml spells them (u-mode sources).
const C_PRINTABLE = '[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]';
const NB_CHAR = `(?:(?!(?:[\\n\\r]|\\uFEFF))${C_PRINTABLE})`;
const NS_CHAR = `(?:(?![ \\t])${NB_CHAR})`;
const NS_PLAIN_FIRST = `(?:(?:(?![-?:,\\[\\]{}#&*!|>'"%@\`])${NS_CHAR})|[?:-](?=${NS_CHAR}))`;
const NS_PLAIN_CHAR = `(?:(?:(?![:#])${NS_CHAR})|:(?=${NS_CHAR}))#*`;
const NB_NS_PLAIN_IN_LINE = `(?:[ \\t]*${NS_PLAIN_CHAR})*`;
/** A plain scalar in block context (js-yaml's NS_PLAIN_FLOW_OUT). */
const PLAIN = new RegExp(`^(?:${NS_PLAIN_FIRST}#*${NB_NS_PLAIN_IN_LINE}(?:\\n+${NS_PLAIN_CHAR}${NB_NS_PLAIN_IN_LINE})*)$`, 'u');
const SINGLE_QUOTABLE = /^(?:[\x09\x20-\uD7FF\uE000-\uFFFF\u{10000}-\u{10FFFF}]|\n)*$/u;
const BLOCK_CONTENT = new RegExp(`^(?:${NB_CHAR}|\\n)*$`, 'u');
const TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

const STR = DUMP_SCHEMA.defaultScalarTag.tagName;

function escapeChar(c: string): string {
  const named = ESCAPES[c];
  if (named !== undefined) return `\\${named}`;
  const code = c.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code <= 255 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** Each line folded at spaces to `width` (js-yaml's foldLine): more-indented and empty lines are kept as they are. */
function foldLine(line: string, width: number): string {
  if (line === '' || line[0] === ' ' || line[0] === '\t') return line;
  const breakRe = / [^ \t]/g;
  let match: RegExpExecArray | null;
  let start = 0;
  let curr = 0;
  let result = '';
  while ((match = breakRe.exec(line))) {
    const next = match.index;
    if (next - start > width) {
      const end = curr > start ? curr : next;
      result += `\n${line.slice(start, end)}`;
      start = end + 1;
    }
    curr = next;
  }
  result += '\n';
  result += line.length - start > width && curr > start ? `${line.slice(start, curr)}\n${line.slice(curr + 1)}` : line.slice(start);
  return result.slice(1);
}

function foldBlock(s: string, width: number): string {
  const lineRe = /(\n+)([^\n]*)/g;
  const firstBreak = s.indexOf('\n');
  lineRe.lastIndex = firstBreak < 0 ? s.length : firstBreak;
  let result = foldLine(s.slice(0, lineRe.lastIndex), width);
  let prevMoreIndented = s[0] === '\n' || s[0] === ' ' || s[0] === '\t';
  let match: RegExpExecArray | null;
  while ((match = lineRe.exec(s))) {
    const line = match[2]!;
    const moreIndented = line !== '' && (line[0] === ' ' || line[0] === '\t');
    result += match[1]! + (!prevMoreIndented && !moreIndented && line !== '' ? '\n' : '') + foldLine(line, width);
    prevMoreIndented = moreIndented;
  }
  return result;
}

/** `|` or `>`, its header (indentation indicator, chomping) and the lines indented by `indent`. */
function block(indicator: string, value: string, body: string, indent: number): string {
  const clip = value.endsWith('\n');
  const chomp = clip && (value[value.length - 2] === '\n' || value === '\n') ? '+' : clip ? '' : '-';
  const pad = ' '.repeat(indent);
  let text = '';
  for (const line of body.split(/(?<=\n)/)) text += (line !== '' && line !== '\n' ? pad : '') + line;
  return `${indicator}${/^\n* /.test(value) ? indent : ''}${chomp}\n${text.endsWith('\n') ? text.slice(0, -1) : text}`;
}

/** One item of the sequence, in the style js-yaml's default rules choose for it (item level 1 of a block sequence). */
function scalar(value: string, indent: number): string {
  const multiline = value.includes('\n');
  const blockAllowed = BLOCK_CONTENT.test(value) && !(indent > 9 && /^\n* /.test(value));
  const singleAllowed = SINGLE_QUOTABLE.test(value) && !/[ \t]\n|\n[ \t]/.test(value);
  if (/[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(value) || /^\s+$/.test(value) || (multiline && !blockAllowed)) {
    return `"${value.replace(TO_ESCAPE, escapeChar)}"`;
  }
  if (blockAllowed) {
    const width = Math.max(40, 80 - indent);
    if (value.split('\n').some((line) => line.length > width && line[0] !== ' ' && / [^ \t]/.test(line))) {
      return block('>', value, foldBlock(value, width), indent);
    }
    if (multiline) return block('|', value, value, indent);
  }
  // A one-line value: plain if it reads back as this string, else quoted.
  const plain = (value === '' || PLAIN.test(value)) && DUMP_SCHEMA.resolveImplicitScalarTag(value).tag.tagName === STR && value !== '=';
  if (plain) return value;
  return singleAllowed ? `'${value.replaceAll("'", "''")}'` : `"${value.replace(TO_ESCAPE, escapeChar)}"`;
}

/** js-yaml's `dump(items, { indent })` (indent 2 when 0) for a list of strings. */
export function dumpStrings(items: readonly string[], indent: number): string {
  if (items.length === 0) return '[]\n';
  const step = indent > 0 ? indent : 2;
  const texts = items.map((s) => scalar(s, step));
  const last = items[items.length - 1]!;
  const lastText = texts[texts.length - 1]!;
  // A last block scalar keeping trailing empty lines leaves the document open: js-yaml then ends it with `...`.
  const openEnded = (lastText[0] === '|' || lastText[0] === '>') && (last === '\n' || last.endsWith('\n\n'));
  return `- ${texts.join('\n- ')}\n${openEnded ? '...\n' : ''}`;
}
