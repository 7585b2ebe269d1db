// A small located YAML tree for pipeline files. js-yaml's object loader rejects the `~` (null) key that
// pySigma pipelines use for keyword mappings, and it has no locations, so we compose from parse events.
import { EVENT_ID, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import type { SourceLocation } from '../location.js';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';

export type YScalar = string | number | boolean | null;

export type YNode =
  | { readonly kind: 'scalar'; readonly value: YScalar; readonly loc: SourceLocation }
  | { readonly kind: 'seq'; readonly items: readonly YNode[]; readonly loc: SourceLocation }
  | { readonly kind: 'map'; readonly entries: readonly YEntry[]; readonly loc: SourceLocation };

export interface YEntry {
  /** The key as a scalar (null for `~`). */
  readonly key: YScalar;
  readonly keyLoc: SourceLocation;
  readonly value: YNode;
}

const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

/** Maps 0-based offsets to 1-based line/column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/** YAML 1.2 core schema resolution of a plain scalar. */
export function resolvePlainScalar(s: string): YScalar {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (/^[-+]?[0-9]+$/.test(s)) return Number.parseInt(s, 10);
  if (/^0o[0-7]+$/.test(s)) return Number.parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return Number.parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number.parseFloat(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return Number.NaN;
  return s;
}

class ComposeError extends Error {
  constructor(
    readonly code: 'yaml/syntax' | 'yaml/duplicate-key' | 'yaml/alias-limit' | 'yaml/depth-limit' | 'yaml/unsupported-tag',
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses one YAML document into a located tree; diagnostics instead of exceptions. */
export function parseYamlTree(text: string, file: string): { root?: YNode; diagnostics: Diagnostic[] } {
  const pos = lineIndex(text);
  const at = (offset: number): SourceLocation => ({ file, ...pos(Math.max(0, offset)), offset: Math.max(0, offset) });
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
  } catch (e) {
    const mark = (e as { mark?: { line?: number; column?: number } }).mark;
    const reason = (e as { reason?: string }).reason ?? String((e as Error).message ?? e);
    return {
      diagnostics: [
        diagnostic('pipeline/syntax', `YAML syntax error: ${reason}`, {
          file,
          line: (mark?.line ?? 0) + 1,
          column: (mark?.column ?? 0) + 1,
        }),
      ],
    };
  }
  const docs = events.filter((e) => e.type === EVENT_ID.DOCUMENT).length;
  if (docs > 1) {
    return { diagnostics: [diagnostic('pipeline/syntax', 'a pipeline file holds exactly one YAML document', at(0))] };
  }
  let i = 0;
  let aliases = 0;
  const anchors = new Map<string, YNode>();
  // Expanded size per node, so alias chains cannot build a tree that is exponentially large to walk.
  const sizes = new WeakMap<YNode, number>();
  const sizeOf = (n: YNode) => sizes.get(n) ?? 1;
  const MAX_EXPANDED = 100_000;
  const next = (): Event => {
    const e = events[i++];
    if (!e) throw new ComposeError('yaml/syntax', 'unexpected end of YAML events', text.length);
    return e;
  };
  const anchorOf = (e: { anchorStart: number; anchorEnd: number }) =>
    e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined;
  const tagOf = (e: { tagStart: number; tagEnd: number }) => (e.tagStart >= 0 ? text.slice(e.tagStart, e.tagEnd) : undefined);

  const scalar = (e: ScalarEvent): YNode => {
    const raw = getScalarValue(text, e);
    const tag = tagOf(e);
    const quoted = e.style !== 1;
    const start = quoted && (e.style === 2 || e.style === 3) ? e.valueStart - 1 : e.valueStart;
    let value: YScalar;
    if (tag === undefined) value = quoted ? raw : resolvePlainScalar(raw);
    else if (tag === '!!str' || tag === '!') value = raw;
    else if (tag === '!!null') value = null;
    else throw new ComposeError('yaml/unsupported-tag', `unsupported YAML tag ${tag}`, e.tagStart);
    const s = pos(start);
    const end = pos(Math.max(start, e.valueEnd + (quoted && (e.style === 2 || e.style === 3) ? 1 : 0)));
    return { kind: 'scalar', value, loc: { file, line: s.line, column: s.column, offset: start, endLine: end.line, endColumn: end.column } };
  };

  const node = (depth: number): YNode => {
    if (depth > MAX_DEPTH) throw new ComposeError('yaml/depth-limit', 'YAML nesting too deep', 0);
    const e = next();
    let result: YNode;
    switch (e.type) {
      case EVENT_ID.SCALAR:
        result = scalar(e);
        break;
      case EVENT_ID.ALIAS: {
        const name = text.slice(e.anchorStart, e.anchorEnd);
        if (++aliases > MAX_ALIASES) throw new ComposeError('yaml/alias-limit', 'too many YAML aliases', e.anchorStart);
        const target = anchors.get(name);
        if (!target) throw new ComposeError('yaml/syntax', `unknown YAML alias *${name}`, e.anchorStart);
        return target;
      }
      case EVENT_ID.SEQUENCE: {
        const tag = tagOf(e);
        if (tag !== undefined && tag !== '!!seq') throw new ComposeError('yaml/unsupported-tag', `unsupported YAML tag ${tag}`, e.tagStart);
        const items: YNode[] = [];
        while (events[i]?.type !== EVENT_ID.POP) items.push(node(depth + 1));
        i++;
        result = { kind: 'seq', items, loc: at(e.start) };
        sizes.set(result, items.reduce((a, n) => a + sizeOf(n), 1));
        break;
      }
      case EVENT_ID.MAPPING: {
        const tag = tagOf(e);
        if (tag !== undefined && tag !== '!!map') throw new ComposeError('yaml/unsupported-tag', `unsupported YAML tag ${tag}`, e.tagStart);
        const entries: YEntry[] = [];
        while (events[i]?.type !== EVENT_ID.POP) {
          const k = node(depth + 1);
          if (k.kind !== 'scalar') throw new ComposeError('yaml/syntax', 'mapping keys must be scalars', k.loc.offset ?? 0);
          const v = node(depth + 1);
          if (entries.some((x) => x.key === k.value)) {
            throw new ComposeError('yaml/duplicate-key', `duplicate key ${String(k.value)}`, k.loc.offset ?? 0);
          }
          entries.push({ key: k.value, keyLoc: k.loc, value: v });
        }
        i++;
        result = { kind: 'map', entries, loc: at(e.start) };
        sizes.set(result, entries.reduce((a, x) => a + sizeOf(x.value) + 1, 1));
        break;
      }
      default:
        throw new ComposeError('yaml/syntax', 'unexpected YAML structure', 0);
    }
    if (sizeOf(result) > MAX_EXPANDED) throw new ComposeError('yaml/alias-limit', 'YAML aliases expand to too large a document', 0);
    const anchor = 'anchorStart' in e ? anchorOf(e) : undefined;
    if (anchor !== undefined) anchors.set(anchor, result);
    return result;
  };

  try {
    const first = events[i++];
    if (first?.type !== EVENT_ID.DOCUMENT || events[i] === undefined || events[i]?.type === EVENT_ID.POP) {
      return { diagnostics: [diagnostic('pipeline/invalid', 'the pipeline file is empty', at(0))] };
    }
    return { root: node(0), diagnostics: [] };
  } catch (e) {
    if (e instanceof ComposeError) {
      const code = e.code === 'yaml/syntax' ? 'pipeline/syntax' : e.code;
      return { diagnostics: [diagnostic(code, e.message, at(e.offset))] };
    }
    return { diagnostics: [diagnostic('pipeline/syntax', `YAML error: ${String(e)}`, at(0))] };
  }
}

/** A plain JS value as a tree whose every node has `loc` (used for pipelines declared as objects). */
export function treeFromObject(value: unknown, loc: SourceLocation, depth = 0): YNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (value === null || value === undefined) return { kind: 'scalar', value: null, loc };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'scalar', value, loc };
  }
  if (Array.isArray(value)) {
    const items: YNode[] = [];
    for (const v of value) {
      const n = treeFromObject(v, loc, depth + 1);
      if (!n) return undefined;
      items.push(n);
    }
    return { kind: 'seq', items, loc };
  }
  if (typeof value === 'object') {
    const entries: YEntry[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const n = treeFromObject(v, loc, depth + 1);
      if (!n) return undefined;
      entries.push({ key: k, keyLoc: loc, value: n });
    }
    return { kind: 'map', entries, loc };
  }
  return undefined;
}

/** Plain JS value of a tree (for free-form data such as vars and custom attribute values). */
export function treeToValue(n: YNode): unknown {
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map(treeToValue);
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const e of n.entries) o[String(e.key)] = treeToValue(e.value);
      return o;
    }
  }
}
