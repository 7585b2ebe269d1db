// Located YAML trees for pipeline files: the parser's YAML reader (src/yaml/: js-yaml events, duplicate and
// forbidden keys, alias and depth limits, YAML 1.2 core typing with warnings where YAML 1.1 reads differently)
// turned into nodes that carry a SourceLocation each, which the pipeline reader reports against. The `~` key
// pySigma pipelines use for keyword mappings is a scalar key whose value is null.
import type { SourceLocation } from '../location.js';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import { buildYamlTrees } from '../yaml/build-tree.js';
import { LineIndex } from '../yaml/line-index.js';
import type { YNode as ParsedNode } from '../yaml/nodes.js';

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

const MAX_DEPTH = 64;

/** Parses one YAML document into a located tree; diagnostics instead of exceptions. */
export function parseYamlTree(text: string, file: string): { root?: YNode; diagnostics: Diagnostic[] } {
  const index = new LineIndex(text, file);
  const parsed = buildYamlTrees(index, { limits: { maxDepth: MAX_DEPTH } });
  // A YAML syntax error in a pipeline file is reported as a pipeline syntax error.
  const diagnostics = parsed.diagnostics.map((d) => (d.code === 'yaml/syntax' ? { ...d, code: 'pipeline/syntax' as const } : d));
  if (diagnostics.some((d) => d.severity === 'error') || parsed.documents.some((d) => d.failed)) return { diagnostics };
  const docs = parsed.documents.filter((d) => d.root !== undefined && !(d.root.kind === 'scalar' && d.root.valueStart < 0));
  if (docs.length > 1) {
    return { diagnostics: [...diagnostics, diagnostic('pipeline/syntax', 'a pipeline file holds exactly one YAML document', index.location(docs[1]!.start))] };
  }
  const root = docs[0]?.root;
  if (!root) return { diagnostics: [...diagnostics, diagnostic('pipeline/invalid', 'the pipeline file is empty', index.location(0))] };
  // Aliases share nodes: convert each once, so an alias-heavy file stays linear to convert.
  const seen = new Map<ParsedNode, YNode>();
  const convert = (n: ParsedNode): YNode => {
    const hit = seen.get(n);
    if (hit) return hit;
    let out: YNode;
    if (n.kind === 'scalar') out = { kind: 'scalar', value: n.value, loc: index.location(n.start, n.end) };
    else if (n.kind === 'seq') out = { kind: 'seq', items: n.items.map(convert), loc: index.location(n.start) };
    else {
      out = {
        kind: 'map',
        entries: n.entries.map((e) => ({ key: e.key.value, keyLoc: index.location(e.key.start, e.key.end), value: convert(e.value) })),
        loc: index.location(n.start),
      };
    }
    seen.set(n, out);
    return out;
  };
  return { root: convert(root), diagnostics };
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
