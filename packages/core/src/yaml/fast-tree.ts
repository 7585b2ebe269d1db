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
export function fastYamlTree(src: string, limits: { maxDepth: number }, lineStarts?: readonly number[]): YDocument | undefined {
  if (src.length === 0) return undefined;
  // One native scan for every character and line start the checks below look for (nearly every rule has none),
  // instead of one scan per check.
  if (MAYBE_BAIL.test(src)) {
    // A byte order mark anywhere: js-yaml skips one at the start of a line, so `\uFEFF%x` there is a directive (fuzz
    // seed 1524363181); the general path reads it as js-yaml does.
    if (src.indexOf('\t') >= 0 || src.indexOf('\r') >= 0 || src.indexOf('\uFEFF') >= 0) return undefined;
    // Control characters and lone surrogates: js-yaml rejects them in scalars (and NUL ends its input).
    if (NON_PRINTABLE.test(src)) return undefined;
    // Document markers and directives after the first line.
    if (LATER_MARKER.test(src)) return undefined;
  }
  if (src.startsWith('---') || src.startsWith('...') || src.startsWith('%')) return undefined;
  try {
    return new FastParser(src, limits.maxDepth, lineStarts).parseDocument();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const BAIL = Symbol('bail');
/**
 * Tab, CR, byte order mark, every character NON_PRINTABLE can match at, and a line after the first starting as a
 * document marker or directive can (LATER_MARKER): a cheap scan that nearly always finds none.
 */
const MAYBE_BAIL = /[\x00-\x09\x0B-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]|\n[-.%]/;
/** `---`, `...` or `%` at the start of a line after the first. */
const LATER_MARKER = /\n(?:---|\.\.\.|%)/;
// Same set as js-yaml's PATTERN_NON_PRINTABLE.
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/**
 * The line table, one slot per line: where it starts, where its break is (or the text end), its leading spaces, and
 * whether it holds only spaces or a comment after spaces. Module-level and reused by every parse (parses never
 * overlap): a table of typed arrays instead of an object per line spares the allocation (about 40 lines a rule).
 */
let lineStart = new Int32Array(512);
let lineEnd = new Int32Array(512);
let lineIndent = new Int32Array(512);
let lineBlank = new Uint8Array(512);

function growLineTable(): void {
  const n = lineStart.length * 2;
  const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
  lineStart = grow(lineStart, new Int32Array(n));
  lineEnd = grow(lineEnd, new Int32Array(n));
  lineIndent = grow(lineIndent, new Int32Array(n));
  lineBlank = grow(lineBlank, new Uint8Array(n));
}

const SP = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const SQ = 39;
const DQ = 34;

class FastParser {
  private readonly lineCount: number;
  private li = 0;
  private depth = 0;
  /** Where the value returned by the last entryValue ends, for its map's span (empty values end at their key). */
  private valueEnd = 0;
  /** Offset of the `:` after the key returned by the last key(). */
  private colon = 0;
  /**
   * The first `#` (or `: `) at or after the offset last searched from (`hashFrom`...), or the text length. The parse
   * reads offsets in increasing order, so each search runs again only once the parse has passed what it found.
   */
  /** The quoted scalar last searched by quotedEnd: where it starts, and its closing quote (or -1). */
  private quoteAt = -1;
  private quoteClose = -1;
  private hashFrom = 0;
  private hashAt = -1;
  private colonSpaceFrom = 0;
  private colonSpaceAt = -1;

  /**
   * `lineStarts`: the text's line starts when the caller has them (a LineIndex's; the text has no CR or BOM here,
   * so its lines are the LF-separated ones): the line ends are then read from them instead of searched again.
   */
  constructor(
    private readonly src: string,
    private readonly maxDepth: number,
    lineStarts?: readonly number[],
  ) {
    let n = 0;
    let start = 0;
    while (start <= src.length) {
      let end: number;
      if (lineStarts !== undefined) end = n + 1 < lineStarts.length ? (lineStarts[n + 1] as number) - 1 : src.length;
      else {
        end = src.indexOf('\n', start);
        if (end < 0) end = src.length;
      }
      let i = start;
      while (i < end && src.charCodeAt(i) === SP) i++;
      if (n === lineStart.length) growLineTable();
      lineStart[n] = start;
      lineEnd[n] = end;
      lineIndent[n] = i - start;
      lineBlank[n] = i === end || src.charCodeAt(i) === HASH ? 1 : 0;
      n++;
      if (end === src.length) break;
      start = end + 1;
    }
    this.lineCount = n;
  }

  parseDocument(): YDocument | undefined {
    this.skipBlank();
    if (this.li >= this.lineCount) return undefined;
    const root = this.blockNode(-1);
    this.skipBlank();
    if (this.li < this.lineCount) throw BAIL;
    return { root, start: root.start, yaml11: false, failed: false };
  }

  private skipBlank(): void {
    while (this.li < this.lineCount && lineBlank[this.li] === 1) this.li++;
  }

  /** Whether line `l` holds nothing but spaces. */
  private isEmpty(l: number): boolean {
    return lineIndent[l] === (lineEnd[l] as number) - (lineStart[l] as number);
  }

  private enter(): void {
    if (++this.depth >= this.maxDepth) throw BAIL;
  }

  /** A block collection starting on the current line, more indented than `parent`. */
  private blockNode(parent: number): YMap | YSeq {
    const l = this.li;
    const indent = lineIndent[l] as number;
    if (indent <= parent) throw BAIL;
    const at = (lineStart[l] as number) + indent;
    if (this.isSeqItem(at, lineEnd[l] as number)) return this.seq(indent);
    return this.map(indent, at);
  }

  private isSeqItem(at: number, end: number): boolean {
    return this.src.charCodeAt(at) === DASH && (at + 1 === end || this.src.charCodeAt(at + 1) === SP);
  }

  /** Whether the next line (after skipBlank) exists, is at `indent` and starts a sequence item. */
  private seqItemAt(indent: number): boolean {
    const l = this.li;
    return l < this.lineCount && lineIndent[l] === indent && this.isSeqItem((lineStart[l] as number) + indent, lineEnd[l] as number);
  }

  private seq(indent: number): YSeq {
    this.enter();
    const items: YNode[] = [];
    const start = (lineStart[this.li] as number) + indent;
    let size = 1;
    let height = 1;
    for (;;) {
      const l = this.li;
      const lineFrom = lineStart[l] as number;
      const end = lineEnd[l] as number;
      let at = lineFrom + indent + 1;
      while (at < end && this.src.charCodeAt(at) === SP) at++;
      let item: YNode;
      if (at === end || this.src.charCodeAt(at) === HASH) {
        this.li++;
        this.skipBlank();
        if (this.li >= this.lineCount || (lineIndent[this.li] as number) <= indent) throw BAIL; // empty item: left to the general path
        item = this.blockNode(indent);
      } else if (this.isSeqItem(at, end)) {
        throw BAIL;
      } else if (this.looksLikeKey(at, end)) {
        item = this.map(at - lineFrom, at);
      } else {
        item = this.inlineScalar(at, l, indent);
      }
      items.push(item);
      size += item.size;
      if (item.height + 1 > height) height = item.height + 1;
      this.skipBlank();
      if (this.li >= this.lineCount) break;
      const nextIndent = lineIndent[this.li] as number;
      if (nextIndent < indent) break;
      if (nextIndent > indent || !this.isSeqItem((lineStart[this.li] as number) + indent, lineEnd[this.li] as number)) {
        if (nextIndent === indent) break; // a map key after a compact sequence: the caller's map goes on
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
      const l = this.li;
      const key = this.key(keyAt, lineEnd[l] as number);
      const text = key.text;
      // The forbidden keys are 9 or 11 characters long: the length spares other keys the set lookup.
      if (text.length >= 9 && FORBIDDEN_KEYS.has(text)) throw BAIL;
      // Duplicate keys go to the general path (which reports them). Small maps: a scan beats a Set.
      if (seen) {
        if (seen.has(text)) throw BAIL;
        seen.add(text);
      } else {
        for (let i = 0; i < entries.length; i++) if ((entries[i] as YEntry).key.text === text) throw BAIL;
        if (entries.length >= 16) seen = new Set(entries.map((e) => e.key.text).concat(text));
      }
      const value = this.entryValue(indent, this.colon + 1, l, key);
      entries.push({ key, value });
      size += 1 + value.size;
      if (value.height + 1 > height) height = value.height + 1;
      if (key.end > end) end = key.end;
      if (this.valueEnd > end) end = this.valueEnd;
      this.skipBlank();
      if (this.li >= this.lineCount) break;
      const nextIndent = lineIndent[this.li] as number;
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw BAIL;
      keyAt = (lineStart[this.li] as number) + indent;
      if (this.isSeqItem(keyAt, lineEnd[this.li] as number)) {
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
    // A `: ` before any comment, or a final `:` on a line without one (native searches, as in inlineScalar).
    const comment = this.commentOrEnd(at, end);
    if (this.nextColonSpace(at) < comment) return true;
    return comment === end && this.src.charCodeAt(end - 1) === COLON;
  }

  /**
   * Closing quote offset of a quoted scalar starting at `at` on this line, or -1. Remembered for the last `at`: a
   * quoted sequence item is searched by looksLikeKey, then again by the key or scalar it turns out to be.
   */
  private quotedEnd(at: number, end: number): number {
    if (at !== this.quoteAt) {
      this.quoteAt = at;
      this.quoteClose = this.searchQuotedEnd(at, end);
    }
    return this.quoteClose;
  }

  private searchQuotedEnd(at: number, end: number): number {
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

  /** The key at `at` on a line ending at `end`; sets `colon`. */
  private key(at: number, end: number): YScalar {
    const src = this.src;
    const c = src.charCodeAt(at);
    let key: YScalar;
    let k: number;
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(at, end);
      if (close < 0) throw BAIL;
      key = this.quoted(at, close);
      k = close + 1;
      while (k < end && src.charCodeAt(k) === SP) k++;
    } else {
      // `- `, `? ` and `: ` are block indicators (sequence item, explicit key, value), not key text.
      if (isIndicator(c) || ((c === DASH || c === 63 || c === COLON) && (at + 1 === end || src.charCodeAt(at + 1) === SP))) throw BAIL;
      // The first `:` followed by a blank or the line end; a comment (` #`) before it means this is no key.
      k = end;
      for (let from = at; ; ) {
        const colon = src.indexOf(':', from);
        if (colon < 0 || colon >= end) break;
        if (colon + 1 === end || src.charCodeAt(colon + 1) === SP) {
          k = colon;
          break;
        }
        from = colon + 1;
      }
      if (this.commentOrEnd(at, k) < k) throw BAIL;
      let e = k;
      while (e > at && src.charCodeAt(e - 1) === SP) e--;
      if (e === at) throw BAIL;
      const text = src.slice(at, e);
      key = { kind: 'scalar', start: at, end: e, valueStart: at, valueEnd: e, text, value: this.plainValue(text), style: 'plain', size: 1, height: 0 };
    }
    if (src.charCodeAt(k) !== COLON || !(k + 1 === end || src.charCodeAt(k + 1) === SP)) throw BAIL;
    this.colon = k;
    return key;
  }

  /**
   * Where a comment (` #`) starts in [at, end), else `end`. Native searches rather than a loop over the characters
   * (this code mostly runs unoptimized, where such loops cost most), and the line is searched only when a `#` comes
   * before its end (rare in rules).
   */
  private commentOrEnd(at: number, end: number): number {
    if (this.hashAt < at || at < this.hashFrom) {
      const h = this.src.indexOf('#', at);
      this.hashAt = h < 0 ? this.src.length : h;
      this.hashFrom = at;
    }
    if (this.hashAt >= end) return end;
    const comment = this.src.slice(at, end).indexOf(' #');
    return comment < 0 ? end : at + comment;
  }

  /** Offset of the first `: ` at or after `at` (or the text length); searched again only once it has been passed. */
  private nextColonSpace(at: number): number {
    if (this.colonSpaceAt < at || at < this.colonSpaceFrom) {
      const c = this.src.indexOf(': ', at);
      this.colonSpaceAt = c < 0 ? this.src.length : c;
      this.colonSpaceFrom = at;
    }
    return this.colonSpaceAt;
  }

  private plainValue(text: string): string | number | boolean | null {
    // Most plain scalars (keys, field names, words): led by a letter and not 2-5 characters long, text under YAML 1.2
    // (its bool and null words are 4 or 5 letters) and 1.1 (its extra booleans, 2 or 3), without the two calls.
    const len = text.length;
    const c = text.charCodeAt(0) | 32;
    if (c >= 97 && c <= 122 && (len > 5 || len === 1)) return text;
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

  /** The value after `key:` (at `from`, on line `l`); sets `valueEnd`. */
  private entryValue(indent: number, from: number, l: number, key: YScalar): YNode {
    const end = lineEnd[l] as number;
    let at = from;
    while (at < end && this.src.charCodeAt(at) === SP) at++;
    let n: YNode;
    if (at === end || this.src.charCodeAt(at) === HASH) {
      if (at < end && at === from) throw BAIL;
      this.li++;
      this.skipBlank();
      if (this.li < this.lineCount && (lineIndent[this.li] as number) > indent) n = this.blockNode(indent);
      else if (this.seqItemAt(indent)) n = this.seq(indent);
      else {
        this.valueEnd = key.end;
        return { kind: 'scalar', start: key.start, end: key.end, valueStart: -1, valueEnd: -1, text: '', value: null, style: 'plain', size: 1, height: 0 };
      }
    } else {
      const c = this.src.charCodeAt(at);
      n = c === 124 ? this.literal(at, l, indent) : c === 91 ? this.flowSeq(at, l, indent) : this.inlineScalar(at, l, indent);
    }
    this.valueEnd = n.end;
    return n;
  }

  /** A single-line plain or quoted scalar at `at` on line `l`; nothing more indented than `parent` may follow it. */
  private inlineScalar(at: number, l: number, parent: number): YScalar {
    const src = this.src;
    const end = lineEnd[l] as number;
    const c = src.charCodeAt(at);
    let node: YScalar;
    if (c === SQ || c === DQ) {
      const close = this.quotedEnd(at, end);
      if (close < 0) throw BAIL;
      node = this.quoted(at, close);
      this.restOfLine(close + 1, end);
    } else {
      if (isIndicator(c) || c === 124 || c === 62 || ((c === DASH || c === 63 || c === COLON) && (at + 1 === end || src.charCodeAt(at + 1) === SP))) throw BAIL;
      // The value ends at a comment (` #`) or the line end; `: ` inside it (or a final `:`) is for the general path.
      const k = this.commentOrEnd(at, end);
      if (this.nextColonSpace(at) < k || src.charCodeAt(k - 1) === COLON) throw BAIL;
      let e = k;
      while (e > at && src.charCodeAt(e - 1) === SP) e--;
      const text = src.slice(at, e);
      node = { kind: 'scalar', start: at, end: e, valueStart: at, valueEnd: e, text, value: this.plainValue(text), style: 'plain', size: 1, height: 0 };
    }
    this.li++;
    this.skipBlankAndCheck(parent);
    return node;
  }

  /** After a scalar: only blank lines may come before a line at most as indented as `parent`. */
  private skipBlankAndCheck(parent: number): void {
    let j = this.li;
    while (j < this.lineCount && lineBlank[j] === 1) {
      // A comment line more indented than the parent could continue a plain scalar in some readers: be strict.
      const indent = lineIndent[j] as number;
      if (!this.isEmpty(j) && indent > parent && this.src.charCodeAt((lineStart[j] as number) + indent) === HASH) throw BAIL;
      j++;
    }
    if (j < this.lineCount && (lineIndent[j] as number) > parent) throw BAIL;
  }

  /** Only spaces, or a comment after at least one space, from `from` to the line end `end`. */
  private restOfLine(from: number, end: number): void {
    let k = from;
    while (k < end && this.src.charCodeAt(k) === SP) k++;
    if (k < end && !(this.src.charCodeAt(k) === HASH && k > from)) throw BAIL;
  }

  /** `|`, `|-` literal block scalar (keep `|+`, indentation indicators and odd blank lines are left to js-yaml). */
  private literal(at: number, l: number, parent: number): YScalar {
    const lineTo = lineEnd[l] as number;
    let k = at + 1;
    let strip = false;
    if (this.src.charCodeAt(k) === DASH) {
      strip = true;
      k++;
    }
    this.restOfLine(k, lineTo);
    if (k < lineTo && this.src.charCodeAt(k) !== SP) throw BAIL;
    this.li++;
    const first = this.li;
    if (first >= this.lineCount || this.isEmpty(first) || (lineIndent[first] as number) <= parent) throw BAIL;
    const contentIndent = lineIndent[first] as number;
    const parts: string[] = [];
    let lastContent = first;
    let j = first;
    for (; j < this.lineCount; j++) {
      if (this.isEmpty(j)) {
        if ((lineIndent[j] as number) > contentIndent) throw BAIL;
        parts.push('');
        continue;
      }
      if ((lineIndent[j] as number) < contentIndent) break;
      parts.push(this.src.slice((lineStart[j] as number) + contentIndent, lineEnd[j] as number));
      lastContent = j;
    }
    const contentLines = lastContent - first + 1;
    const body = parts.slice(0, contentLines).join('\n');
    const text = strip ? body : body + '\n';
    const lastEndAt = lineEnd[lastContent] as number;
    const valueStart = lineStart[first] as number;
    const valueEnd = Math.min(this.src.length, lastEndAt + 1);
    this.li = lastContent + 1;
    // Trailing empty lines belong to the block in js-yaml's span: not reproduced here.
    if (this.li < this.lineCount && this.isEmpty(this.li) && this.li < j) throw BAIL;
    const start = valueStart + contentIndent;
    let end = lastEndAt;
    while (end > start && this.src.charCodeAt(end - 1) === SP) end--;
    return { kind: 'scalar', start, end, valueStart, valueEnd, text, value: text, style: 'literal', size: 1, height: 0 };
  }

  /** `[a, 'b', c]` on one line, scalars only. */
  private flowSeq(at: number, l: number, parent: number): YSeq {
    const lineTo = lineEnd[l] as number;
    const items: YScalar[] = [];
    let k = at + 1;
    const skip = () => {
      while (k < lineTo && this.src.charCodeAt(k) === SP) k++;
    };
    skip();
    if (this.src.charCodeAt(k) !== 93) {
      for (;;) {
        skip();
        const c = this.src.charCodeAt(k);
        if (c === SQ || c === DQ) {
          const close = this.quotedEnd(k, lineTo);
          if (close < 0) throw BAIL;
          items.push(this.quoted(k, close));
          k = close + 1;
        } else {
          // `?`, `:` and `-` have flow meanings (explicit key, value, ...): leave such items to js-yaml.
          if (isIndicator(c) || c === DASH || c === 63 || c === COLON) throw BAIL;
          const s = k;
          while (k < lineTo) {
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
    this.restOfLine(closeAt + 1, lineTo);
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
  // Indexed: for-of allocates an iterator and a result per item in the unoptimized code this mostly runs as.
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as YNode;
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
