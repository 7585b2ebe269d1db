/**
 * A small located YAML tree built from js-yaml parser events.
 * Offsets are 0-based indexes into the source string; a LineIndex turns them into line:column.
 */
import { nullObject } from '../null-object.js';

export type ScalarStyleName = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YScalar {
  readonly kind: 'scalar';
  /** Start of the source form (the opening quote of a quoted scalar). */
  readonly start: number;
  /** End (exclusive) of the source form (after the closing quote). */
  readonly end: number;
  /** Raw content span inside quotes / of the block body; -1 for an empty (absent) scalar. */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Decoded text (escapes, folding and quoting resolved). */
  readonly text: string;
  /** Typed value under the active schema (strings for quoted scalars). */
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyleName;
  readonly size: number;
  readonly height: number;
}

export interface YEntry {
  readonly key: YScalar;
  readonly value: YNode;
}

export interface YMap {
  readonly kind: 'map';
  readonly start: number;
  readonly end: number;
  readonly entries: readonly YEntry[];
  readonly flow: boolean;
  readonly size: number;
  readonly height: number;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly start: number;
  readonly end: number;
  readonly items: readonly YNode[];
  readonly flow: boolean;
  readonly size: number;
  readonly height: number;
}

export type YNode = YScalar | YMap | YSeq;

export interface YDocument {
  /** Undefined for an empty document. */
  readonly root: YNode | undefined;
  /** Offset where the document's content starts (or its `---`). */
  readonly start: number;
  /** Whether the document declared `%YAML 1.1`. */
  readonly yaml11: boolean;
  /** Fatal YAML problems in this document: its content must not be used. */
  readonly failed: boolean;
}

/** Looks up a key of a map (keys are unique once the tree is built). */
export function getEntry(map: YMap, key: string): YEntry | undefined {
  // Indexed, not for-of: this runs mostly unoptimized, where an iterator allocates a result object per entry.
  const entries = map.entries;
  for (let i = 0; i < entries.length; i++) if ((entries[i] as YEntry).key.text === key) return entries[i];
  return undefined;
}

export function isScalar(n: YNode | undefined): n is YScalar {
  return n !== undefined && n.kind === 'scalar';
}

/** A plain JavaScript view of a node, with null-prototype objects (never polluted by keys). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const o = nullObject<unknown>();
      for (const e of node.entries) o[e.key.text] = toPlain(e.value);
      return o;
    }
  }
}
