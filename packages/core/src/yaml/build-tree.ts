import {
  CORE_SCHEMA,
  EVENT_ID,
  NOT_RESOLVED,
  SCALAR_STYLE,
  YAML11_SCHEMA,
  getScalarValue,
  parseEvents,
  type Event,
  type ScalarEvent,
  type Schema,
} from 'js-yaml';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import { fastYamlTree } from './fast-tree.js';
import type { LineIndex } from './line-index.js';
import type { ScalarStyleName, YDocument, YEntry, YMap, YNode, YScalar, YSeq } from './nodes.js';

export interface YamlLimits {
  /** Maximum nesting of collections (also after alias expansion). */
  readonly maxDepth: number;
  /** Maximum number of aliases (`*ref`) per document. */
  readonly maxAliases: number;
  /** Maximum number of nodes that alias expansion may add per document (alias-bomb guard). */
  readonly maxAliasExpansion: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxDepth: 64, maxAliases: 1000, maxAliasExpansion: 100_000 };

/** Keys that could reach Object.prototype if a consumer built plain objects from them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const STYLE_NAMES: Record<number, ScalarStyleName> = {
  [SCALAR_STYLE.PLAIN]: 'plain',
  [SCALAR_STYLE.SINGLE_QUOTED]: 'single',
  [SCALAR_STYLE.DOUBLE_QUOTED]: 'double',
  [SCALAR_STYLE.LITERAL_BLOCK]: 'literal',
  [SCALAR_STYLE.FOLDED_BLOCK]: 'folded',
};

const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';
const YAML11_ONLY_BOOLEANS = new Set(['yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
const DATE_LIKE = /^\d{4}-\d\d?-\d\d?(?:$|[Tt ])/;
/** First characters of plain scalars that YAML 1.1 and 1.2 may type differently (numbers, yes/no/on/off...). */
const MAY_DIFFER_11 = (() => {
  const t = new Uint8Array(128);
  for (const c of '0123456789+-._~yYnNoOtTfF') t[c.charCodeAt(0)] = 1;
  return t;
})();

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly start: number;
  readonly flow: boolean;
  readonly anchor: string | undefined;
  readonly items: YNode[];
  readonly entries: YEntry[];
  readonly keys: Map<string, YScalar>;
  pendingKey: YScalar | undefined;
  /** The pending key was rejected (forbidden or duplicate): drop its value. */
  skipValue: boolean;
  size: number;
  height: number;
}

export interface YamlParseResult {
  readonly documents: YDocument[];
  readonly diagnostics: Diagnostic[];
}

class DocumentAbort extends Error {}

function yamlExceptionOffset(e: unknown): number | undefined {
  const mark = (e as { mark?: { position?: unknown } } | null)?.mark;
  return typeof mark?.position === 'number' ? mark.position : undefined;
}

/**
 * Parses YAML text into located trees, one per document. Never throws: syntax errors, duplicate and forbidden keys,
 * alias bombs and excessive depth become diagnostics. `yaml11` selects YAML 1.1 scalar typing (pySigma's);
 * otherwise YAML 1.2 core is used and plain scalars that YAML 1.1 would read differently get a warning.
 */
export function buildYamlTrees(
  index: LineIndex,
  options: { yaml11?: boolean; limits?: Partial<YamlLimits>; fast?: boolean } = {},
): YamlParseResult {
  const limits = options.limits === undefined ? DEFAULT_YAML_LIMITS : { ...DEFAULT_YAML_LIMITS, ...options.limits };
  const src = index.text;
  if (options.fast !== false && options.yaml11 !== true) {
    const doc = fastYamlTree(src, limits, index.lineStarts);
    if (doc) return { documents: [doc], diagnostics: [] };
  }
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, message: string, start: number, end?: number, severity?: 'warning') =>
    diagnostics.push(diagnostic(code, message, index.location(start, end), severity ? { severity } : {}));

  const reportException = (e: unknown) => {
    const offset = yamlExceptionOffset(e) ?? 0;
    const reason = (e as { reason?: unknown }).reason;
    const message = typeof reason === 'string' ? reason : e instanceof Error ? e.message : String(e);
    if (/maxDepth/.test(message)) {
      report('yaml/depth-limit', `YAML nesting is deeper than ${limits.maxDepth} levels`, offset);
      return;
    }
    // js-yaml notices an unclosed quote or bracket only on a later line ("deficient indentation"): point at it.
    const opener = /deficient indentation|unexpected end of the stream within/.test(message) ? unclosedOpener(src, offset) : undefined;
    if (opener) {
      report('yaml/syntax', `YAML syntax error: unclosed ${opener.what} (js-yaml: ${message})`, opener.at);
      return;
    }
    const ch = src[offset];
    if (/bad indentation of a mapping entry/.test(message) && (ch === '@' || ch === '`' || ch === '%')) {
      report('yaml/syntax', `YAML syntax error: a plain value cannot start with '${ch}' (reserved in YAML); quote the value`, offset);
      return;
    }
    const eol = src.indexOf('\n', offset);
    const colon = src.indexOf(': ', offset);
    if (/bad indentation of a mapping entry/.test(message) && colon >= 0 && (eol < 0 || colon < eol) && src.slice(src.lastIndexOf('\n', offset) + 1, offset).includes(': ')) {
      report('yaml/syntax', `YAML syntax error: ${message} (a value containing ': ' must be quoted)`, offset);
      return;
    }
    report('yaml/syntax', `YAML syntax error: ${message}`, offset);
  };
  const events = parseEventsRecovering(src, { filename: index.file, maxDepth: limits.maxDepth }, reportException);

  const documents: YDocument[] = [];
  let i = 0;
  while (i < events.length) {
    const ev = events[i] as Event;
    if (ev.type !== EVENT_ID.DOCUMENT) {
      i++;
      continue;
    }
    const yaml11 =
      options.yaml11 === true || ev.directives.some((d) => d.kind === 'yaml' && d.version.startsWith('1.1'));
    const end = findDocumentEnd(events, i);
    const docDiagStart = diagnostics.length;
    let root: YNode | undefined;
    let failed = false;
    let docStart = -1;
    try {
      const r = buildDocument(events, i + 1, end, index, yaml11 ? YAML11_SCHEMA : CORE_SCHEMA, !yaml11, limits, report);
      root = r.root;
      docStart = r.firstOffset;
    } catch (e) {
      if (!(e instanceof DocumentAbort)) {
        report('yaml/syntax', `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`, 0);
      }
      failed = true;
    }
    if (diagnostics.slice(docDiagStart).some((d) => d.severity === 'error')) failed = true;
    documents.push({ root, start: docStart >= 0 ? docStart : root ? root.start : 0, yaml11, failed });
    i = end + 1;
  }
  return { documents, diagnostics };
}

/**
 * The unclosed quote or bracket on the last non-blank line before `offset`, if any (a heuristic for error messages:
 * comments and quoted text are skipped; only one line is scanned).
 */
function unclosedOpener(src: string, offset: number): { what: string; at: number } | undefined {
  let end = Math.min(offset, src.length);
  // The line before the error line, skipping blank ones.
  let lineStart = src.lastIndexOf('\n', end - 1);
  for (let guard = 0; guard < 100 && lineStart > 0; guard++) {
    const prevStart = src.lastIndexOf('\n', lineStart - 1) + 1;
    const line = src.slice(prevStart, lineStart);
    end = lineStart;
    lineStart = prevStart - 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const stack: { ch: string; at: number }[] = [];
    let quote: { ch: string; at: number } | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (quote) {
        if (quote.ch === '"' && c === '\\') i++;
        else if (c === quote.ch) {
          if (quote.ch === "'" && line[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if ((c === '"' || c === "'") && (i === 0 || /[\s\[{,:-]/.test(line[i - 1] as string))) quote = { ch: c, at: i };
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) break;
      else if (c === '[' || c === '{') stack.push({ ch: c, at: i });
      else if ((c === ']' || c === '}') && stack.length) stack.pop();
    }
    const names: Record<string, string> = { '"': 'double-quoted string', "'": 'single-quoted string', '[': "'[' (flow sequence)", '{': "'{' (flow mapping)" };
    const open = quote ?? stack[stack.length - 1];
    return open ? { what: names[open.ch] as string, at: prevStart + open.at } : undefined;
  }
  return undefined;
}

/** Most document chunks a file may be split into to recover from a syntax error. */
const MAX_RECOVERY_CHUNKS = 100;

/**
 * parseEvents, but a syntax error in one document of a multi-document file does not lose the others: the file is
 * parsed again one `---` chunk at a time, each chunk in a copy of the text where everything before it is blanked
 * (so event offsets stay those of the original text).
 */
function parseEventsRecovering(src: string, options: { filename: string; maxDepth: number }, onError: (e: unknown) => void): Event[] {
  try {
    return parseEvents(src, options);
  } catch (e) {
    const starts: number[] = [];
    for (let i = src.startsWith('---') ? 0 : src.indexOf('\n---'); i >= 0; i = src.indexOf('\n---', i + 1)) {
      const at = src.charCodeAt(i) === 10 ? i + 1 : i;
      const after = src.charCodeAt(at + 3);
      if (at > 0 && (Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 9)) starts.push(at);
      if (starts.length > MAX_RECOVERY_CHUNKS) break;
    }
    if (starts.length === 0 || starts.length > MAX_RECOVERY_CHUNKS) {
      onError(e);
      return [];
    }
    const bounds = [0, ...starts, src.length];
    const events: Event[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const a = bounds[k] as number;
      const b = bounds[k + 1] as number;
      const masked = src.slice(0, a).replace(/[^\n\r]/g, ' ') + src.slice(a, b);
      try {
        events.push(...parseEvents(masked, options));
      } catch (chunkError) {
        onError(chunkError);
      }
    }
    return events;
  }
}

/** Index of the POP event closing the document opened at `start`. */
function findDocumentEnd(events: readonly Event[], start: number): number {
  let depth = 0;
  for (let j = start; j < events.length; j++) {
    const t = (events[j] as Event).type;
    if (t === EVENT_ID.DOCUMENT || t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP) {
      depth--;
      if (depth === 0) return j;
    }
  }
  return events.length - 1;
}

function buildDocument(
  events: readonly Event[],
  from: number,
  to: number,
  index: LineIndex,
  schema: Schema,
  warn11: boolean,
  limits: YamlLimits,
  report: (code: DiagnosticCode, message: string, start: number, end?: number, severity?: 'warning') => void,
): { root: YNode | undefined; firstOffset: number } {
  const src = index.text;
  const anchors = new Map<string, YNode>();
  const stack: Frame[] = [];
  let root: YNode | undefined;
  let lastEnd = 0;
  let firstOffset = -1;
  let aliasCount = 0;
  let expanded = 0;

  const place = (node: YNode, anchor: string | undefined): void => {
    if (anchor !== undefined) anchors.set(anchor, node);
    if (node.height > limits.maxDepth) {
      report('yaml/depth-limit', `YAML nesting (after alias expansion) is deeper than ${limits.maxDepth} levels`, node.start);
      throw new DocumentAbort();
    }
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      return;
    }
    top.size += node.size;
    if (node.height + 1 > top.height) top.height = node.height + 1;
    if (top.kind === 'seq') {
      top.items.push(node);
      return;
    }
    if (top.pendingKey === undefined) {
      if (node.kind !== 'scalar') {
        report('schema/type', 'a mapping key must be a plain string, not a collection', node.start);
        top.pendingKey = emptyScalar(node.start);
        top.skipValue = true;
        return;
      }
      const key = node.text;
      if (FORBIDDEN_KEYS.has(key)) {
        report('yaml/forbidden-key', `the key '${key}' is not allowed (it could alter object prototypes)`, node.start, node.end);
        top.skipValue = true;
      } else {
        const first = top.keys.get(key);
        if (first) {
          const p = index.position(first.start);
          report('yaml/duplicate-key', `duplicate key '${key}' (first defined at line ${p.line}, column ${p.column})`, node.start, node.end);
          top.skipValue = true;
        } else {
          top.keys.set(key, node);
          top.skipValue = false;
        }
      }
      top.pendingKey = node;
      return;
    }
    // An empty value (`key:`) has no source span of its own: locate it at its key.
    const value = node.kind === 'scalar' && node.valueStart < 0 ? scalarAt(node, top.pendingKey.start, top.pendingKey.end) : node;
    if (!top.skipValue) top.entries.push({ key: top.pendingKey, value });
    top.pendingKey = undefined;
    top.skipValue = false;
  };

  for (let j = from; j < to; j++) {
    const ev = events[j] as Event;
    switch (ev.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (firstOffset < 0) firstOffset = ev.start;
        if (ev.tagStart >= 0) checkCollectionTag(src.slice(ev.tagStart, ev.tagEnd), ev.type === EVENT_ID.MAPPING, ev.tagStart, report);
        stack.push({
          kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq',
          start: ev.start,
          flow: ev.style === 2,
          anchor: ev.anchorStart >= 0 ? src.slice(ev.anchorStart, ev.anchorEnd) : undefined,
          items: [],
          entries: [],
          keys: new Map(),
          pendingKey: undefined,
          skipValue: false,
          size: 1,
          height: 1,
        });
        lastEnd = ev.start + 1;
        break;
      }
      case EVENT_ID.POP: {
        const f = stack.pop();
        if (!f) break;
        if (f.kind === 'map' && f.pendingKey !== undefined && !f.skipValue) {
          // A key without value event cannot happen with a well-formed stream; keep the key with an empty value.
          f.entries.push({ key: f.pendingKey, value: emptyScalar(f.pendingKey.end) });
        }
        if (f.flow) lastEnd = Math.max(lastEnd, closingBracket(src, lastEnd, f.kind === 'map' ? '}' : ']'));
        // One literal per kind, as the fast path writes them (a spread copy would get a hidden class of its own).
        const end = lastEnd;
        const node: YMap | YSeq =
          f.kind === 'map'
            ? { kind: 'map', start: f.start, end, entries: f.entries, flow: f.flow, size: f.size, height: f.height }
            : { kind: 'seq', start: f.start, end, items: f.items, flow: f.flow, size: f.size, height: f.height };
        place(node, f.anchor);
        break;
      }
      case EVENT_ID.SCALAR: {
        if (firstOffset < 0 && ev.valueStart >= 0) firstOffset = ev.valueStart;
        const node = scalarNode(ev, src, schema, warn11, ev.valueStart < 0 ? nextToken(src, lastEnd) : lastEnd, report);
        // Empty scalars have no span of their own: they do not extend their parent's end.
        if (ev.valueStart >= 0) lastEnd = Math.max(lastEnd, node.end);
        place(node, ev.anchorStart >= 0 ? src.slice(ev.anchorStart, ev.anchorEnd) : undefined);
        break;
      }
      case EVENT_ID.ALIAS: {
        const name = src.slice(ev.anchorStart, ev.anchorEnd);
        const target = anchors.get(name);
        if (!target) {
          report('yaml/syntax', `unknown alias '*${name}' (no anchor '&${name}' defined before it)`, Math.max(0, ev.anchorStart - 1));
          throw new DocumentAbort();
        }
        aliasCount++;
        expanded += target.size;
        if (aliasCount > limits.maxAliases || expanded > limits.maxAliasExpansion) {
          report(
            'yaml/alias-limit',
            aliasCount > limits.maxAliases
              ? `more than ${limits.maxAliases} aliases in one document`
              : `aliases expand to more than ${limits.maxAliasExpansion} nodes (alias bomb?)`,
            Math.max(0, ev.anchorStart - 1),
          );
          throw new DocumentAbort();
        }
        lastEnd = Math.max(lastEnd, ev.anchorEnd);
        place(target, undefined);
        break;
      }
      default:
        break;
    }
  }
  return { root, firstOffset };
}

/** Offset of the next token after `from` (skipping blanks and comments): where an empty sequence item's `-` is. */
function nextToken(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === 35) {
      while (i < src.length && src.charCodeAt(i) !== 10 && src.charCodeAt(i) !== 13) i++;
    } else if (isBlank(c) || c === 44 || c === 58) i++;
    else return i;
  }
  return from;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function closingBracket(src: string, from: number, bracket: string): number {
  const k = src.indexOf(bracket, from);
  return k < 0 ? from : k + 1;
}

/** A scalar moved to another span, written key by key (a spread copy would get a hidden class of its own). */
function scalarAt(n: YScalar, start: number, end: number): YScalar {
  return { kind: 'scalar', start, end, valueStart: n.valueStart, valueEnd: n.valueEnd, text: n.text, value: n.value, style: n.style, size: n.size, height: n.height };
}

function emptyScalar(at: number): YScalar {
  return { kind: 'scalar', start: at, end: at, valueStart: -1, valueEnd: -1, text: '', value: null, style: 'plain', size: 1, height: 0 };
}

function normalizeTag(tag: string): string {
  if (tag.startsWith('!!')) return YAML_TAG_PREFIX + tag.slice(2);
  if (tag.startsWith('!<') && tag.endsWith('>')) return tag.slice(2, -1);
  return tag;
}

function checkCollectionTag(
  tag: string,
  isMap: boolean,
  at: number,
  report: (code: DiagnosticCode, message: string, start: number) => void,
): void {
  const t = normalizeTag(tag);
  if (t === '!' || t === YAML_TAG_PREFIX + (isMap ? 'map' : 'seq')) return;
  report('yaml/unsupported-tag', `unsupported YAML tag '${tag}'`, at);
}

function scalarNode(
  ev: ScalarEvent,
  src: string,
  schema: Schema,
  warn11: boolean,
  lastEnd: number,
  report: (code: DiagnosticCode, message: string, start: number, end?: number, severity?: 'warning') => void,
): YScalar {
  const style = STYLE_NAMES[ev.style] ?? 'plain';
  if (ev.valueStart < 0) {
    // Empty scalar (`key:` with nothing after it): no source span; place it where the previous token ended.
    const empty = emptyScalar(lastEnd);
    if (ev.tagStart >= 0) {
      const { value } = resolveTagged(src.slice(ev.tagStart, ev.tagEnd), '', schema, ev.tagStart, report);
      return { kind: 'scalar', start: empty.start, end: empty.end, valueStart: empty.valueStart, valueEnd: empty.valueEnd, text: empty.text, value, style: empty.style, size: empty.size, height: empty.height };
    }
    return empty;
  }
  const text = getScalarValue(src, ev);
  const quoted = style === 'single' || style === 'double';
  let start = quoted ? ev.valueStart - 1 : ev.valueStart;
  let end = quoted ? ev.valueEnd + 1 : ev.valueEnd;
  if (style === 'literal' || style === 'folded') {
    // A block scalar's span is its content: from the first to the last non-blank character.
    while (start < end && isBlank(src.charCodeAt(start))) start++;
    while (end > start && isBlank(src.charCodeAt(end - 1))) end--;
  }
  let value: string | number | boolean | null = text;
  if (ev.tagStart >= 0) {
    value = resolveTagged(src.slice(ev.tagStart, ev.tagEnd), text, schema, ev.tagStart, report).value;
  } else if (style === 'plain') {
    value = toScalarValue(schema.resolveImplicitScalarTag(text).value, text);
    if (warn11 && yaml11Differs(text, value)) {
      const v11 = toScalarValue(YAML11_SCHEMA.resolveImplicitScalarTag(text).value, text);
      {
        // YAML 1.1 (pySigma) and 1.2 disagree: keep the written text, which loses nothing, and say so.
        report(
          'yaml/yaml11-difference',
          `plain scalar '${text}' reads as ${JSON.stringify(value)} in YAML 1.2 but ${JSON.stringify(v11)} in YAML 1.1 (pySigma); sigmats keeps the text '${text}'`,
          start,
          end,
          'warning',
        );
        value = text;
      }
    }
  }
  return { kind: 'scalar', start, end, valueStart: ev.valueStart, valueEnd: ev.valueEnd, text, value, style, size: 1, height: 0 };
}

/** Whether YAML 1.1 (pySigma) types this plain scalar differently from `value` (its YAML 1.2 reading). */
export function yaml11Differs(text: string, value: unknown): boolean {
  // Bounds first: an out-of-range typed-array read deoptimizes the (hot, inlined) caller.
  const c = text.charCodeAt(0);
  if (!(c < 128) || MAY_DIFFER_11[c] !== 1) return false;
  // Letters: only YAML 1.1's extra booleans differ (true/false/null read the same in both), all two or three letters
  // long: the length spares most keys and words a set lookup. js-yaml's YAML 1.1 schema also reads y/n as booleans;
  // PyYAML (pySigma's loader) does not, so single letters never differ.
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return text.length > 1 && text.length < 4 && YAML11_ONLY_BOOLEANS.has(text);
  // Dates: YAML 1.1 timestamps become text again in sigmats, so both readings agree (and Date parsing is slow). Text
  // with a space is no YAML 1.1 number either (its timestamps, the only typed scalars with spaces, start like dates).
  // Nor is text with an inner `-` not after an exponent's `e` (ids: UUIDs).
  if (typeof value === 'string' && (startsLikeDate(text) || text.indexOf(' ') >= 0 || innerDash(text) || DATE_LIKE.test(text))) return false;
  // Plain decimals (event IDs...): both read the same number (a leading 0 is octal in 1.1: not here).
  if (typeof value === 'number' && shortDecimal(text) >= 0) return false;
  const v11 = toScalarValue(YAML11_SCHEMA.resolveImplicitScalarTag(text).value, text);
  if (typeof v11 === typeof value && (v11 === value || (Number.isNaN(v11) && Number.isNaN(value)))) return false;
  return !(typeof v11 === 'string' && /^\d{4}-\d\d?-\d\d?/.test(text));
}

/**
 * First characters with which the YAML 1.2 core schema may type a plain scalar as something other than a string,
 * read from js-yaml's own index of its implicit tags (undefined if that index is not there: no shortcut).
 */
const CORE_TYPED_FIRST_CHARS: ReadonlySet<string> | undefined = (() => {
  const s = CORE_SCHEMA as unknown as { implicitScalarByFirstChar?: unknown; implicitScalarAnyFirstChar?: unknown };
  if (!(s.implicitScalarByFirstChar instanceof Map) || !Array.isArray(s.implicitScalarAnyFirstChar) || s.implicitScalarAnyFirstChar.length > 0) return undefined;
  return new Set([...(s.implicitScalarByFirstChar as Map<string, unknown>).keys()].filter((k): k is string => typeof k === 'string'));
})();

/** YAML 1.2 core typing of a plain scalar (JSON-like values only). */
export function resolvePlainCore(text: string): string | number | boolean | null {
  // Letter-led scalars (most keys, field names, values): only the core schema's bool and null words are typed. Keys
  // such as title, tags, falsepositives or TargetObject would otherwise try js-yaml's bool or null tag.
  const c = text.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return coreWordValue(text);
  // Most other scalars start with a character no implicit tag claims: they are text.
  if (CORE_TYPED_FIRST_CHARS !== undefined && !CORE_TYPED_FIRST_CHARS.has(text.charAt(0))) return text;
  // The digit-led scalars of rules, ids, dates, event IDs and conditions (`1 of selection_*`), typed here as
  // js-yaml's core int and float tags type them (neither matches a space or an inner `-` other than an exponent's;
  // a short decimal is exact), without trying its tags' regexes in turn.
  if (startsLikeDate(text) || text.indexOf(' ') >= 0 || innerDash(text)) return text;
  const n = shortDecimal(text);
  if (n >= 0) return n;
  return toScalarValue(CORE_SCHEMA.resolveImplicitScalarTag(text).value, text);
}

/** A letter-led plain scalar under the YAML 1.2 core schema (js-yaml's boolCoreTag and nullCoreTag words). */
function coreWordValue(text: string): string | boolean | null {
  if (text.length !== 4 && text.length !== 5) return text;
  switch (text) {
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    default:
      return text;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Four digits and a `-`: a date or something else, but no number in YAML 1.1 or 1.2. */
function startsLikeDate(text: string): boolean {
  return text.length > 4 && text.charCodeAt(4) === 45 && isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(1)) && isDigit(text.charCodeAt(2)) && isDigit(text.charCodeAt(3));
}

/** A `-` after the first character and not after `e`/`E`: no YAML 1.1 or 1.2 number has one. */
function innerDash(text: string): boolean {
  const i = text.indexOf('-', 1);
  if (i < 0) return false;
  const p = text.charCodeAt(i - 1);
  return p !== 101 && p !== 69;
}

/** The value of `0` or of 1-15 digits without a leading zero (always a safe integer), else -1. */
function shortDecimal(text: string): number {
  const len = text.length;
  if (len === 0 || len > 15 || (text.charCodeAt(0) === 48 && len > 1)) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Only JSON-like scalars reach Sigma: timestamps and binary stay text. So do integers beyond 2^53: a JS number
 * would silently change their digits (12345678901234567891 → 12345678901234567000), the text keeps them exact.
 */
function toScalarValue(v: unknown, text: string): string | number | boolean | null {
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return text.replace(/^\+/, '').replace(/_/g, '');
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return text;
}

function resolveTagged(
  tag: string,
  text: string,
  schema: Schema,
  at: number,
  report: (code: DiagnosticCode, message: string, start: number) => void,
): { value: string | number | boolean | null } {
  const t = normalizeTag(tag);
  if (t === '!' || t === YAML_TAG_PREFIX + 'str') return { value: text };
  const known = ['int', 'float', 'bool', 'null'].some((n) => t === YAML_TAG_PREFIX + n);
  if (known) {
    const def = schema.lookupScalarTag(t);
    const v = def ? def.resolve(text, true, t) : NOT_RESOLVED;
    if (v === NOT_RESOLVED) {
      report('schema/type', `'${text}' is not a valid ${tag}`, at);
      return { value: text };
    }
    return { value: toScalarValue(v, text) };
  }
  report('yaml/unsupported-tag', `unsupported YAML tag '${tag}' (only !!str, !!int, !!float, !!bool and !!null are allowed)`, at);
  return { value: text };
}
