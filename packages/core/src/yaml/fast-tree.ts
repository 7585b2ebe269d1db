import { FORBIDDEN_KEYS, resolvePlainCore, yaml11Differs } from './build-tree.js';
import type { YDocument, YEntry, YMap, YNode, YScalar, YSeq } from './nodes.js';

/**
 * A fast path for the YAML subset nearly every Sigma rule uses: one document of block mappings and sequences,
 * single-line plain and quoted scalars, literal block scalars, one-line flow sequences of scalars, comments.
 * It builds exactly the tree the js-yaml event path builds (a differential test checks this on the corpus and on
 * fuzzed inputs), and gives up — returning undefined — on anything else (tabs, CR, anchors, tags, folded scalars,
 * multi-line plain or quoted scalars, flow mappings, several documents, duplicate or forbidden keys, scalars YAML 1.1
 * reads differently...), so the general path handles it, with its diagnostics.
 */
export function fastYamlTree(src: string, limits: { maxDepth: number }): YDocument | undefined {
  // A byte order mark anywhere: js-yaml skips one at the start of a line, so `\uFEFF%x` there is a directive (fuzz seed
  // 1524363181); the general path reads it as js-yaml does.
  if (src.length === 0 || src.indexOf('\t') >= 0 || src.indexOf('\r') >= 0 || src.indexOf('\uFEFF') >= 0) return undefined;
  // Control characters and lone surrogates: js-yaml rejects them in scalars (and NUL ends its input).
  if (MAYBE_NON_PRINTABLE.test(src) && NON_PRINTABLE.test(src)) return undefined;
  if (src.startsWith('---') || src.startsWith('...') || src.startsWith('%')) return undefined;
  if (src.indexOf('\n---') >= 0 || src.indexOf('\n...') >= 0 || src.indexOf('\n%') >= 0) return undefined;
  try {
    return new FastParser(src, limits.maxDepth).parseDocument();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const BAIL = Symbol('bail');
// Same set as js-yaml's PATTERN_NON_PRINTABLE.
/** Every character NON_PRINTABLE can match at, as one class: a cheap scan that nearly always finds none. */
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

interface Line {
  readonly start: number;
  /** Offset of the line break (or the text end). */
  readonly end: number;
  /** Number of leading spaces. */
  readonly indent: number;
  /** Only spaces, or a comment after spaces. */
  readonly blank: boolean;
}

const SP = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const SQ = 39;
const DQ = 34;

class FastParser {
  private readonly lines: Line[] = [];
  private li = 0;
  private depth = 0;
  /** Where the value returned by the last entryValue ends, for its map's span (empty values end at their key). */
  private valueEnd = 0;

  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
  ) {
    let start = 0;
    while (start <= src.length) {
      let end = src.indexOf('\n', start);
      if (end < 0) end = src.length;
      let i = start;
      while (i < end && src.charCodeAt(i) === SP) i++;
      this.lines.push({ start, end, indent: i - start, blank: i === end || src.charCodeAt(i) === HASH });
      if (end === src.length) break;
      start = end + 1;
    }
  }

  parseDocument(): YDocument | undefined {
    this.skipBlank();
    const line = this.lineAt(this.li);
    if (!line) return undefined;
    const root = this.blockNode(-1);
    this.skipBlank();
    if (this.li < this.lines.length) throw BAIL;
    return { root, start: root.start, yaml11: false, failed: false };
  }

  /** Line `i`, or undefined past the last one (checked first: an out-of-bounds read deoptimizes hot callers). */
  private lineAt(i: number): Line | undefined {
    return i < this.lines.length ? this.lines[i] : undefined;
  }

  private skipBlank(): void {
    while (this.li < this.lines.length && (this.lines[this.li] as Line).blank) this.li++;
  }

  private enter(): void {
    if (++this.depth >= this.maxDepth) throw BAIL;
  }

  /** A block collection starting on the current line, more indented than `parent`. */
  private blockNode(parent: number): YMap | YSeq {
    const line = this.lines[this.li] as Line;
    if (line.indent <= parent) throw BAIL;
    const at = line.start + line.indent;
    if (this.isSeqItem(at, line.end)) return this.seq(line.indent);
    return this.map(line.indent, at);
  }

  private isSeqItem(at: number, end: number): boolean {
    return this.src.charCodeAt(at) === DASH && (at + 1 === end || this.src.charCodeAt(at + 1) === SP);
  }

  private seq(indent: number): YSeq {
    this.enter();
    const items: YNode[] = [];
    const first = this.lines[this.li] as Line;
    const start = first.start + indent;
    let size = 1;
    let height = 1;
    for (;;) {
      const line = this.lines[this.li] as Line;
      const dash = line.start + indent;
      let at = dash + 1;
      while (at < line.end && this.src.charCodeAt(at) === SP) at++;
      let item: YNode;
      if (at === line.end || this.src.charCodeAt(at) === HASH) {
        this.li++;
        this.skipBlank();
        const next = this.lineAt(this.li);
        if (!next || next.indent <= indent) throw BAIL; // empty item: left to the general path
        item = this.blockNode(indent);
      } else if (this.isSeqItem(at, line.end)) {
        throw BAIL;
      } else if (this.looksLikeKey(at, line.end)) {
        item = this.map(at - line.start, at);
      } else {
        item = this.inlineScalar(at, line, indent);
      }
      items.push(item);
      size += item.size;
      if (item.height + 1 > height) height = item.height + 1;
      this.skipBlank();
      const next = this.lineAt(this.li);
      if (!next || next.indent < indent) break;
      if (next.indent > indent || !this.isSeqItem(next.start + indent, next.end)) {
        if (next.indent === indent) break; // a map key after a compact sequence: the caller's map goes on
        throw BAIL;
      }
    }
    this.depth--;
    return { kind: 'seq', start, end: Math.max(start, lastEnd(items)), items, flow: false, size, height };
  }

  /** A block mapping whose first key is at offset `at`; later keys are at `indent` on their own lines. */
  private map(indent: number, at: number): YMap {
    this.enter();
    const entries: YEntry[] = [];
    let seen: Set<string> | undefined;
    const start = at;
    let size = 1;
    let height = 1;
    let keyAt = at;
    let end = start;
    for (;;) {
      const line = this.lines[this.li] as Line;
      const { key, colon } = this.key(keyAt, line.end);
      if (FORBIDDEN_KEYS.has(key.text)) throw BAIL;
      // Duplicate keys go to the general path (which reports them). Small maps: a scan beats a Set.
      if (seen) {
        if (seen.has(key.text)) throw BAIL;
        seen.add(key.text);
      } else {
        for (let i = 0; i < entries.length; i++) if ((entries[i] as YEntry).key.text === key.text) throw BAIL;
        if (entries.length >= 16) seen = new Set(entries.map((e) => e.key.text).concat(key.text));
      }
      const value = this.entryValue(indent, colon + 1, line, key);
      entries.push({ key, value });
      size += 1 + value.size;
      if (value.height + 1 > height) height = value.height + 1;
      end = Math.max(end, key.end, this.valueEnd);
      this.skipBlank();
      const next = this.lineAt(this.li);
      if (!next || next.indent < indent) break;
      if (next.indent > indent) throw BAIL;
      keyAt = next.start + indent;
      if (this.isSeqItem(keyAt, next.end)) {
        throw BAIL;
      }
    }
    this.depth--;
    return { kind: 'map', start, end, entries, flow: false, size, height };
  }

  private looksLikeKey(at: number, end: number): boolean {
    const c = this.src.charCodeAt(at);
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(at, end);
      if (close < 0) return false;
      let k = close + 1;
      while (k < end && this.src.charCodeAt(k) === SP) k++;
      return this.src.charCodeAt(k) === COLON && (k + 1 === end || this.src.charCodeAt(k + 1) === SP);
    }
    for (let k = at; k < end; k++) {
      const ch = this.src.charCodeAt(k);
      if (ch === COLON && (k + 1 === end || this.src.charCodeAt(k + 1) === SP)) return true;
      if (ch === HASH && this.src.charCodeAt(k - 1) === SP) return false;
    }
    return false;
  }

  /** Closing quote offset of a quoted scalar starting at `at` on this line, or -1. */
  private quotedEnd(at: number, end: number): number {
    const src = this.src;
    if (src.charCodeAt(at) === SQ) {
      // '' is an escaped quote inside single quotes.
      for (let k = src.indexOf("'", at + 1); k >= 0 && k < end; k = src.indexOf("'", k + 2)) {
        if (src.charCodeAt(k + 1) !== SQ) return k;
      }
      return -1;
    }
    // Double quotes: a backslash escapes the next character.
    for (let k = at + 1; k < end; k++) {
      const ch = src.charCodeAt(k);
      if (ch === DQ) return k;
      if (ch === 92) k++;
    }
    return -1;
  }

  private key(at: number, end: number): { key: YScalar; colon: number } {
    const c = this.src.charCodeAt(at);
    let key: YScalar;
    let k: number;
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(at, end);
      if (close < 0) throw BAIL;
      key = this.quoted(at, close);
      k = close + 1;
      while (k < end && this.src.charCodeAt(k) === SP) k++;
    } else {
      // `- `, `? ` and `: ` are block indicators (sequence item, explicit key, value), not key text.
      if (isIndicator(c) || ((c === DASH || c === 63 || c === COLON) && (at + 1 === end || this.src.charCodeAt(at + 1) === SP))) throw BAIL;
      // The first `:` followed by a blank or the line end; a comment (` #`) before it means this is no key.
      // Searches run on the rest of the line only (a slice is O(1) in V8): never past the line end.
      const rest = this.src.slice(at, end);
      let rel = rest.length;
      for (let from = 0; ; ) {
        const colon = rest.indexOf(':', from);
        if (colon < 0) break;
        if (colon + 1 === rest.length || rest.charCodeAt(colon + 1) === SP) {
          rel = colon;
          break;
        }
        from = colon + 1;
      }
      k = at + rel;
      const comment = rest.indexOf(' #');
      if (comment >= 0 && comment + 1 < rel) throw BAIL;
      let e = k;
      while (e > at && this.src.charCodeAt(e - 1) === SP) e--;
      if (e === at) throw BAIL;
      const text = this.src.slice(at, e);
      key = { kind: 'scalar', start: at, end: e, valueStart: at, valueEnd: e, text, value: this.plainValue(text), style: 'plain', size: 1, height: 0 };
    }
    if (this.src.charCodeAt(k) !== COLON || !(k + 1 === end || this.src.charCodeAt(k + 1) === SP)) throw BAIL;
    return { key, colon: k };
  }

  private plainValue(text: string): string | number | boolean | null {
    const v = resolvePlainCore(text);
    if (yaml11Differs(text, v)) throw BAIL;
    return v;
  }

  private quoted(at: number, close: number): YScalar {
    const raw = this.src.slice(at + 1, close);
    let text: string;
    if (this.src.charCodeAt(at) === SQ) text = raw.indexOf("''") >= 0 ? raw.replace(/''/g, "'") : raw;
    else text = raw.indexOf('\\') >= 0 ? unescapeDouble(raw) : raw;
    return { kind: 'scalar', start: at, end: close + 1, valueStart: at + 1, valueEnd: close, text, value: text, style: this.src.charCodeAt(at) === SQ ? 'single' : 'double', size: 1, height: 0 };
  }

  /** The value after `key:` (at `from`, on `line`); sets `valueEnd`. */
  private entryValue(indent: number, from: number, line: Line, key: YScalar): YNode {
    let at = from;
    while (at < line.end && this.src.charCodeAt(at) === SP) at++;
    let n: YNode;
    if (at === line.end || this.src.charCodeAt(at) === HASH) {
      if (at < line.end && at === from) throw BAIL;
      this.li++;
      this.skipBlank();
      const next = this.lineAt(this.li);
      if (next && next.indent > indent) n = this.blockNode(indent);
      else if (next && next.indent === indent && this.isSeqItem(next.start + indent, next.end)) n = this.seq(indent);
      else {
        this.valueEnd = key.end;
        return { kind: 'scalar', start: key.start, end: key.end, valueStart: -1, valueEnd: -1, text: '', value: null, style: 'plain', size: 1, height: 0 };
      }
    } else {
      const c = this.src.charCodeAt(at);
      n = c === 124 ? this.literal(at, line, indent) : c === 91 ? this.flowSeq(at, line, indent) : this.inlineScalar(at, line, indent);
    }
    this.valueEnd = n.end;
    return n;
  }

  /** A single-line plain or quoted scalar at `at`; nothing more indented than `parent` may follow it. */
  private inlineScalar(at: number, line: Line, parent: number): YScalar {
    const c = this.src.charCodeAt(at);
    let node: YScalar;
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(at, line.end);
      if (close < 0) throw BAIL;
      node = this.quoted(at, close);
      this.restOfLine(close + 1, line);
    } else {
      if (isIndicator(c) || c === 124 || c === 62 || ((c === DASH || c === 63 || c === COLON) && (at + 1 === line.end || this.src.charCodeAt(at + 1) === SP))) throw BAIL;
      // The value ends at a comment (` #`) or the line end; `: ` inside it (or a final `:`) is for the general path.
      const rest = this.src.slice(at, line.end);
      const comment = rest.indexOf(' #');
      const rel = comment >= 0 ? comment : rest.length;
      const colon = rest.indexOf(': ');
      if ((colon >= 0 && colon < rel) || rest.charCodeAt(rel - 1) === COLON) throw BAIL;
      const k = at + rel;
      let e = k;
      while (e > at && this.src.charCodeAt(e - 1) === SP) e--;
      const text = this.src.slice(at, e);
      node = { kind: 'scalar', start: at, end: e, valueStart: at, valueEnd: e, text, value: this.plainValue(text), style: 'plain', size: 1, height: 0 };
    }
    this.li++;
    this.skipBlankAndCheck(parent);
    return node;
  }

  /** After a scalar: only blank lines may come before a line at most as indented as `parent`. */
  private skipBlankAndCheck(parent: number): void {
    let j = this.li;
    while (j < this.lines.length && (this.lines[j] as Line).blank) {
      // A comment line more indented than the parent could continue a plain scalar in some readers: be strict.
      const l = this.lines[j] as Line;
      if (l.indent < l.end - l.start && l.indent > parent && this.src.charCodeAt(l.start + l.indent) === HASH) throw BAIL;
      j++;
    }
    const next = this.lineAt(j);
    if (next && next.indent > parent) throw BAIL;
  }

  private restOfLine(from: number, line: Line): void {
    let k = from;
    while (k < line.end && this.src.charCodeAt(k) === SP) k++;
    if (k < line.end && !(this.src.charCodeAt(k) === HASH && k > from)) throw BAIL;
  }

  /** `|`, `|-` literal block scalar (keep `|+`, indentation indicators and odd blank lines are left to js-yaml). */
  private literal(at: number, line: Line, parent: number): YScalar {
    let k = at + 1;
    let strip = false;
    if (this.src.charCodeAt(k) === DASH) {
      strip = true;
      k++;
    }
    this.restOfLine(k, line);
    if (k < line.end && this.src.charCodeAt(k) !== SP) throw BAIL;
    this.li++;
    const first = this.lineAt(this.li);
    if (!first || first.indent === first.end - first.start || first.indent <= parent) throw BAIL;
    const contentIndent = first.indent;
    const parts: string[] = [];
    let lastContent = this.li;
    let j = this.li;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j] as Line;
      const empty = l.indent === l.end - l.start;
      if (empty) {
        if (l.indent > contentIndent) throw BAIL;
        parts.push('');
        continue;
      }
      if (l.indent < contentIndent) break;
      parts.push(this.src.slice(l.start + contentIndent, l.end));
      lastContent = j;
    }
    const contentLines = lastContent - this.li + 1;
    const body = parts.slice(0, contentLines).join('\n');
    const text = strip ? body : body + '\n';
    const last = this.lines[lastContent] as Line;
    const valueStart = first.start;
    const valueEnd = Math.min(this.src.length, last.end + 1);
    this.li = lastContent + 1;
    // Trailing empty lines belong to the block in js-yaml's span: not reproduced here.
    if (this.li < this.lines.length && (this.lines[this.li] as Line).indent === (this.lines[this.li] as Line).end - (this.lines[this.li] as Line).start && this.li < j) throw BAIL;
    const start = first.start + contentIndent;
    let end = last.end;
    while (end > start && this.src.charCodeAt(end - 1) === SP) end--;
    return { kind: 'scalar', start, end, valueStart, valueEnd, text, value: text, style: 'literal', size: 1, height: 0 };
  }

  /** `[a, 'b', c]` on one line, scalars only. */
  private flowSeq(at: number, line: Line, parent: number): YSeq {
    const items: YScalar[] = [];
    let k = at + 1;
    const skip = () => {
      while (k < line.end && this.src.charCodeAt(k) === SP) k++;
    };
    skip();
    if (this.src.charCodeAt(k) !== 93) {
      for (;;) {
        skip();
        const c = this.src.charCodeAt(k);
        if (c === SQ || c === DQ) {
          const close = this.quotedEnd(k, line.end);
          if (close < 0) throw BAIL;
          items.push(this.quoted(k, close));
          k = close + 1;
        } else {
          // `?`, `:` and `-` have flow meanings (explicit key, value, ...): leave such items to js-yaml.
          if (isIndicator(c) || c === DASH || c === 63 || c === COLON) throw BAIL;
          const s = k;
          while (k < line.end) {
            const ch = this.src.charCodeAt(k);
            if (ch === 44 || ch === 93 || ch === 91 || ch === 123 || ch === 125 || ch === COLON || ch === HASH) break;
            k++;
          }
          let e = k;
          while (e > s && this.src.charCodeAt(e - 1) === SP) e--;
          if (e === s) throw BAIL;
          const text = this.src.slice(s, e);
          items.push({ kind: 'scalar', start: s, end: e, valueStart: s, valueEnd: e, text, value: this.plainValue(text), style: 'plain', size: 1, height: 0 });
        }
        skip();
        const d = this.src.charCodeAt(k);
        if (d === 44) {
          k++;
          skip();
          if (this.src.charCodeAt(k) === 93) throw BAIL;
          continue;
        }
        if (d === 93) break;
        throw BAIL;
      }
    }
    const closeAt = k;
    this.restOfLine(closeAt + 1, line);
    this.li++;
    this.skipBlankAndCheck(parent);
    return { kind: 'seq', start: at, end: closeAt + 1, items, flow: true, size: 1 + items.length, height: 1 };
  }
}

/** Characters that cannot start a plain scalar here (or that need the general path). */
function isIndicator(c: number): boolean {
  // , [ ] { } # & * ! | > ' " % @ `
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96;
}

function lastEnd(items: readonly YNode[]): number {
  let e = -1;
  for (const it of items) {
    const end = it.kind === 'scalar' && it.valueStart < 0 ? -1 : it.end;
    if (end > e) e = end;
  }
  return e;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', t: '\t', n: '\n', r: '\r', '0': '\0', ' ': ' ' };

function unescapeDouble(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = SIMPLE_ESCAPES[raw[i + 1] ?? ''];
    if (e === undefined) throw BAIL;
    out += e;
    i++;
  }
  return out;
}
